"""Page sizes, colours and paragraph styles shared by every printed thing.

Two families of styles: ``styles(10)`` for A4 pages, ``styles(8)`` for the 80 mm roll of a
receipt printer. Every style uses the shipped fonts (``app.reports.fonts``); text that may hold any
script goes through ``fonts.markup`` before it reaches a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4 as _A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from app.reports.fonts import BODY_FONT, BOLD_FONT, markup, register_fonts

A4: tuple[float, float] = (float(_A4[0]), float(_A4[1]))
A4_MARGIN = 20 * mm
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm

INK = colors.HexColor("#1a1a1a")
MUTED_HEX = "#5c5c5c"
MUTED = colors.HexColor(MUTED_HEX)
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#efefef")
ALERT = colors.HexColor("#b3261e")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one base size (``size`` points for the body text)."""

    size: float
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    strong: ParagraphStyle
    muted: ParagraphStyle
    muted_right: ParagraphStyle
    muted_centre: ParagraphStyle
    small: ParagraphStyle
    small_centre: ParagraphStyle
    right: ParagraphStyle
    right_strong: ParagraphStyle
    right_title: ParagraphStyle
    centre: ParagraphStyle
    centre_strong: ParagraphStyle
    centre_title: ParagraphStyle
    total: ParagraphStyle
    total_right: ParagraphStyle
    alert: ParagraphStyle


@cache
def styles(size: float) -> Styles:
    """The styles whose body text is ``size`` points (10 on A4, 8 on the roll)."""
    register_fonts()
    leading = size * 1.3

    def style(name: str, **overrides: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": BODY_FONT,
            "fontSize": size,
            "leading": leading,
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        base.update(overrides)
        return ParagraphStyle(f"{name}-{size:g}", **base)

    muted: dict[str, object] = {"textColor": MUTED, "fontSize": size * 0.9, "leading": size * 1.2}
    small: dict[str, object] = {"textColor": MUTED, "fontSize": size * 0.8, "leading": size * 1.05}
    title: dict[str, object] = {"fontName": BOLD_FONT, "fontSize": size * 1.6, "leading": size * 2.0}
    total: dict[str, object] = {"fontName": BOLD_FONT, "fontSize": size * 1.15, "leading": size * 1.45}
    return Styles(
        size=size,
        title=style("title", **title),
        heading=style("heading", fontName=BOLD_FONT, fontSize=size * 1.2, leading=size * 1.55),
        body=style("body"),
        strong=style("strong", fontName=BOLD_FONT),
        muted=style("muted", **muted),
        muted_right=style("muted-right", alignment=TA_RIGHT, **muted),
        muted_centre=style("muted-centre", alignment=TA_CENTER, **muted),
        small=style("small", **small),
        small_centre=style("small-centre", alignment=TA_CENTER, **small),
        right=style("right", alignment=TA_RIGHT),
        right_strong=style("right-strong", fontName=BOLD_FONT, alignment=TA_RIGHT),
        right_title=style("right-title", alignment=TA_RIGHT, **title),
        centre=style("centre", alignment=TA_CENTER),
        centre_strong=style("centre-strong", fontName=BOLD_FONT, alignment=TA_CENTER),
        centre_title=style(
            "centre-title", fontName=BOLD_FONT, fontSize=size * 1.35, leading=size * 1.75, alignment=TA_CENTER
        ),
        total=style("total", **total),
        total_right=style("total-right", alignment=TA_RIGHT, **total),
        alert=style(
            "alert", fontName=BOLD_FONT, fontSize=size * 1.6, leading=size * 2, textColor=ALERT, alignment=TA_CENTER
        ),
    )


def content_height(flowables: Iterable[Flowable], width: float) -> float:
    """How tall ``flowables`` stand in a frame ``width`` points wide: the height of a roll page.

    Space before and after each flowable is counted in full, so the sum is never short of what
    the frame uses (it collapses some of it): the content always fits on one page.
    """
    total = 0.0
    for flowable in flowables:
        _width, height = flowable.wrap(width, 1_000_000)
        total += flowable.getSpaceBefore() + height + flowable.getSpaceAfter()
    return total


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of any text: escaped, with each alphabet in a font that has it."""
    return Paragraph(markup(text), style)


def plain_table(rows: list[list[Any]], widths: list[float], *extra: tuple[Any, ...], **options: Any) -> Table:
    """The grid of a layout, not a visible table: no padding at the sides, cells on top."""
    table = Table(rows, colWidths=widths, **options)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
    )
    return table
