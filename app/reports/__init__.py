"""Printed things as PDF files, built with reportlab: data in, file out (DESIGN.md, section 5).

One module per printed thing (``receipt``), with the shipped fonts (``fonts``) and the shared
paragraph styles and page sizes (``styles``). Nothing here knows about Qt: the desk previews and
prints the files through ``ui.printing``.
"""
