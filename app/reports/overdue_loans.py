"""The list of overdue loans on paper: who to call about which tool ("Prestiti in ritardo al ...").

Data in, file out: ``overdue_report`` reads the overdue loans (``LoanService.overdue``, most
days late first, as of the house clock) and the house's name; ``write_overdue_report`` prints them
on A4 portrait: the house, the title with the day, then one row per loan (tool code and name,
borrower, phone, due day, days late) and a total line. A volunteer takes the sheet to the phone
and ticks the calls off, so the rows are roomy and the phone column never wraps a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table, TableStyle

from app.i18n import _, format_date, format_number, ngettext
from app.reports import styles as st
from app.reports.workshop_pages import build_pdf
from app.services import Services
from app.services.loans import LoanRow
from app.services.roles import Actor

COLUMN_WIDTHS_MM = (20.0, 43.0, 36.0, 27.0, 19.0, 25.0)
"""Code, tool, borrower, phone, due, days late: 170 mm, the width of A4 inside its margins."""


@dataclass(frozen=True)
class OverdueReport:
    """Everything the sheet prints, already read from the services."""

    house_name: str
    day: date
    rows: tuple[LoanRow, ...]


def overdue_report(services: Services, actor: Actor) -> OverdueReport:
    """The overdue loans as of the house clock's today.

    Raises:
        PermissionDenied: the actor may not read loans.
    """
    rows = tuple(services.loans.overdue(actor))
    return OverdueReport(house_name=services.house.details().name, day=services.clock.today(), rows=rows)


def title(report: OverdueReport) -> str:
    return _("Overdue loans as of {day}").format(day=format_date(report.day))


def total_text(count: int) -> str:
    """The line under the table (also the summary of the Overdue tab)."""
    return ngettext("Total: {count} overdue loan", "Total: {count} overdue loans", count).format(count=count)


def days_late_text(days: int) -> str:
    return ngettext("{count} day", "{count} days", days).format(count=format_number(days))


def write_overdue_report(report: OverdueReport, path: Path) -> Path:
    """Write the list as an A4 portrait PDF at ``path`` (as many pages as it needs); return ``path``."""
    return build_pdf(path, _story(report), page=st.A4, title=title(report), author=report.house_name)


def _table(report: OverdueReport, s: st.Styles) -> Table:
    widths = [value * mm for value in COLUMN_WIDTHS_MM]
    rows: list[list[Any]] = [
        [
            st.para(_("Code"), s.muted),
            st.para(_("Tool"), s.muted),
            st.para(_("Borrower"), s.muted),
            st.para(_("Phone"), s.muted),
            st.para(_("Due"), s.muted),
            st.para(_("Late"), s.muted_right),
        ]
    ]
    for row in report.rows:
        rows.append(
            [
                st.para(row.tool_code, s.strong),
                st.para(row.tool_name, s.body),
                st.para(row.person_name, s.body),
                st.para(row.phone or "—", s.body),
                st.para(format_date(row.due_day, "short"), s.body),
                st.para(days_late_text(row.days_late), s.right_strong),
            ]
        )
    if not report.rows:
        rows.append([st.para(_("No loans are overdue."), s.muted), "", "", "", "", ""])
    rows.append([st.para(total_text(len(report.rows)), s.total), "", "", "", "", ""])
    last = len(rows) - 1
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.4),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.4),
        ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.45),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.45),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, st.INK),
        ("LINEBELOW", (0, 1), (-1, last - 2), 0.4, st.RULE),
        ("LINEABOVE", (0, last), (-1, last), 0.9, st.INK),
        ("SPAN", (0, last), (-1, last)),
        ("TOPPADDING", (0, last), (-1, last), s.size * 0.8),
    ]
    if not report.rows:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _story(report: OverdueReport) -> list[Flowable]:
    s = st.styles(10)
    return [
        st.para(report.house_name, s.heading),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=3 * mm, spaceAfter=4 * mm),
        st.para(title(report), s.title),
        Spacer(1, 1 * mm),
        st.para(_("Open loans past their due day, the longest overdue first."), s.muted),
        Spacer(1, 5 * mm),
        _table(report, s),
    ]
