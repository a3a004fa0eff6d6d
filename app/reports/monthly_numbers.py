"""How the monthly summary writes its numbers, and its table of "this month, last year, change".

Every figure of the summary is shown beside the same month a year before, and a funder reads the
change first: "+12%". The texts are made here once, in the current language, so the cover, the
tables and the charts of the summary always write a number the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from app.i18n import _, format_date, format_money, format_number
from app.reports import styles as st
from app.services.monthly_figures_types import MonthFigures

MINUS = "−"
NO_VALUE = "—"


@dataclass(frozen=True)
class Months:
    """The names of the two months compared, as the column headings print them ("ottobre 2026")."""

    current: str
    previous: str

    @classmethod
    def of(cls, current: MonthFigures, previous: MonthFigures) -> Months:
        return cls(month_name(current.first_day), month_name(previous.first_day))


def month_name(day: date) -> str:
    """The month of ``day`` with its year: "ottobre 2026", "October 2026"."""
    return format_date(day, "LLLL yyyy")


def count_text(value: float) -> str:
    return format_number(int(value))


def hours_text(minutes: float) -> str:
    """Minutes as hours with at most one decimal: "42,5 h"; funders count hours, not minutes."""
    return _("{hours} h").format(hours=format_number(round(minutes / 60, 1)))


def money_text(cents: float) -> str:
    return format_money(int(cents))


def percent_text(fraction: float) -> str:
    """A share (0..1) as a whole percentage: "63%"."""
    return f"{format_number(round(fraction * 100))}%"


def change_text(current: float | None, previous: float | None) -> str:
    """The change from ``previous`` to ``current`` in percent: "+12%", "−8%", "=" when equal.

    A change from nothing has no percentage: it prints as a dash, and so does a figure that one of
    the two months does not have (occupancy of rooms with no opening hours).
    """
    if current is None or previous is None:
        return NO_VALUE
    if current == previous:
        return "="
    if not previous:
        return NO_VALUE
    percent = round((current - previous) / previous * 100)
    if percent == 0:
        return "≈"
    sign = "+" if percent > 0 else MINUS
    return f"{sign}{format_number(abs(percent))}%"


def points_change_text(current: float | None, previous: float | None) -> str:
    """The change between two shares (0..1) in percentage points: "+5 pt"; a share's percentage
    change ("+349%" from 2% to 7%) would overstate it."""
    if current is None or previous is None:
        return NO_VALUE
    points = round((current - previous) * 100)
    if points == 0:
        return "=" if current == previous else "≈"
    sign = "+" if points > 0 else MINUS
    return _("{change} pt").format(change=f"{sign}{format_number(abs(points))}")


@dataclass(frozen=True)
class Line:
    """One row of a comparison: a label and the two months' values, written by ``text``."""

    label: str
    current: float | None
    previous: float | None
    text: Callable[[float], str] = count_text
    strong: bool = False
    share: bool = False
    """The values are shares (0..1): the change is in percentage points."""

    def current_text(self) -> str:
        return NO_VALUE if self.current is None else self.text(self.current)

    def previous_text(self) -> str:
        return NO_VALUE if self.previous is None else self.text(self.previous)

    def change(self) -> str:
        if self.share:
            return points_change_text(self.current, self.previous)
        return change_text(self.current, self.previous)


VALUE_WIDTH = 30 * mm
CHANGE_WIDTH = 20 * mm


def comparison_table(
    lines: Sequence[Line], months: Months, width: float, *, first_heading: str = "", change: bool = True
) -> Table:
    """A table of ``lines``: label, this month, the same month last year and the change."""
    s = st.styles(9)
    header = [
        st.para(first_heading, s.muted),
        st.para(months.current, s.right_strong),
        st.para(months.previous, s.muted_right),
    ]
    if change:
        header.append(st.para(_("Change"), s.muted_right))
    rows: list[list[Any]] = [header]
    for line in lines:
        row = [
            st.para(line.label, s.strong if line.strong else s.body),
            st.para(line.current_text(), s.right_strong),
            st.para(line.previous_text(), s.muted_right),
        ]
        if change:
            row.append(st.para(line.change(), s.right))
        rows.append(row)
    fixed = 2 * VALUE_WIDTH + (CHANGE_WIDTH if change else 0)
    widths = [width - fixed, VALUE_WIDTH, VALUE_WIDTH] + ([CHANGE_WIDTH] if change else [])
    return figures_table(rows, widths)


def figures_table(rows: list[list[Any]], widths: list[float], *, total: bool = False) -> Table:
    """A visible table: a heading row, thin rules between lines, a shaded total row if asked."""
    size = 9
    padding = size * 0.22
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), size * 0.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), size * 0.5),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, st.RULE),
        ("LINEBELOW", (0, 1), (-1, -2 if total else -1), 0.3, st.SHADE),
    ]
    if total:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.9, st.INK), ("BACKGROUND", (0, -1), (-1, -1), st.SHADE)]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table
