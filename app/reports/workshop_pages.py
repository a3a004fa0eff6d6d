"""What the printed workshop documents share: hours in words, the numbered page, the atomic build.

The attendance sheet, the register and the certificate each print a workshop's data on A4; they
share how a length of time reads ("2 h 30 min"), the "Page 1 of 3" line at the foot of a document
that runs over one page (a sheet passed round a room gets its pages mixed up), and the writing of
the file beside its final path first, so a preview never opens half a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.i18n import _, current_language
from app.reports import styles as st
from app.reports.fonts import BODY_FONT, register_fonts

_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
FOOT = 10 * mm  # the page number sits in the bottom margin, this far from the edge


def hours_text(minutes: int) -> str:
    """A length of time as a desk writes it on a register: "2 h", "1 h 30 min", "45 min"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that writes "Page n of m" at the foot of each page, when there is more than one.

    reportlab knows the number of pages only at the end, so each page is kept until ``save``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if count > 1:
                self._number(count)
            super().showPage()
        super().save()

    def _number(self, count: int) -> None:
        width, _height = self._pagesize
        self.saveState()
        self.setFont(BODY_FONT, 8)
        self.setFillColor(st.MUTED)
        text = _("Page {page} of {pages}").format(page=self._pageNumber, pages=count)
        self.drawCentredString(width / 2, FOOT, text)
        self.restoreState()


def _nothing(canvas: Canvas, template: BaseDocTemplate) -> None:
    pass


def build_pdf(
    path: Path,
    story: Sequence[Flowable],
    *,
    page: tuple[float, float],
    title: str,
    author: str,
    decorate: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> Path:
    """Lay ``story`` out on pages of ``page`` size with the A4 margins, into ``path``; return it.

    ``decorate`` draws on each page before its content (a frame round a certificate).

    The file appears whole or not at all: it is written beside ``path`` and then moved there.
    """
    register_fonts()
    margin = st.A4_MARGIN
    partial = path.with_name(path.name + ".partial")
    template = BaseDocTemplate(
        str(partial),
        pagesize=page,
        title=title,
        author=author,
        creator="Portineria",
        lang=current_language(),
    )
    frame = Frame(margin, margin, page[0] - 2 * margin, page[1] - 2 * margin, id="body", **_NO_PADDING)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate or _nothing)])
    try:
        template.build(list(story), canvasmaker=NumberedCanvas)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path
