"""Several widgets side by side as one field of a form: a time span, an amount and its hint...

A form row holds one widget; when a field needs company (the weekday after the date, the hint
after the amount), the company goes in a box without margins, so the row lines up with the
others. One home keeps those boxes alike in the booking and the payment forms.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget


def row_box(*widgets: QWidget, grow: QWidget | None = None) -> QWidget:
    """``widgets`` in a row; ``grow`` takes the width left over, or empty space does if it is None."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is grow else 0)
    if grow is None:
        layout.addStretch(1)
    return box
