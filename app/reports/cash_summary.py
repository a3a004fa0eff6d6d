"""The daily cash summary on an A4 page: the closing of the cash (chiusura di cassa) on paper.

Data in, file out: ``write_cash_summary`` prints what the Daily summary tab shows, in the current
language: the money of the day by method and by category, the cancelled receipts left out, the
drawer (opening float, cash in and out, expected, counted, difference) and whether the day is
closed, by whom and when. A closed day prints its saved figures, never the live ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from app.i18n import _, format_date, format_datetime, format_money, ngettext
from app.reports import styles as st
from app.reports.letterhead import letterhead
from app.reports.workshop_pages import build_pdf
from app.services.cash_closing import CashClosingDetails, CashFigures, CashSummary, difference_text
from app.services.cash_rules import Direction
from app.services.house import HouseDetails
from app.text import capitalised

NOT_COUNTED = "—"


def write_cash_summary(
    summary: CashSummary,
    path: Path,
    *,
    house: HouseDetails,
    closing: CashClosingDetails | None,
    counted_cents: int | None = None,
) -> Path:
    """Write the summary of a day as a one-page A4 PDF at ``path`` and return ``path``.

    Args:
        closing: the saved closing of the day, or None while the cash is open; a closed day prints
            the closing's figures and count.
        counted_cents: while the cash is open, the cash counted so far (None: a blank to fill in
            by hand).

    The file appears whole or not at all: it is written beside ``path`` and then moved there.
    """
    figures = closing.figures if closing is not None else summary.figures
    counted = closing.counted_cents if closing is not None else counted_cents
    story = _story(summary, figures, house, closing, counted, st.A4[0] - 2 * st.A4_MARGIN)
    return build_pdf(path, story, page=st.A4, title=title(figures), author=house.name)


def title(figures: CashFigures) -> str:
    return _("Cash closing of {day}").format(day=format_date(figures.day, "long"))


def _whose(figures: CashFigures) -> str:
    return figures.user_name if figures.user_id is not None else _("Everyone at the desk")


def _figures_table(rows: list[list[Any]], widths: list[float], s: st.Styles, *, total: bool) -> Table:
    """A visible table: a heading row, thin rules between lines, a shaded total row if any."""
    padding = s.size * 0.3
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.5),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, st.RULE),
        ("LINEBELOW", (0, 1), (-1, -2 if total else -1), 0.3, st.SHADE),
    ]
    if total:
        commands += [("LINEABOVE", (0, -1), (-1, -1), 0.9, st.INK), ("BACKGROUND", (0, -1), (-1, -1), st.SHADE)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _by_method(figures: CashFigures, s: st.Styles, width: float) -> Table:
    amount = 38 * mm
    rows = [
        [st.para(_("Method"), s.muted), st.para(_("Money in"), s.muted_right), st.para(_("Money out"), s.muted_right)]
    ]
    rows += [
        [
            st.para(capitalised(total.method.label), s.body),
            st.para(format_money(total.in_cents), s.right),
            st.para(format_money(total.out_cents), s.right),
        ]
        for total in figures.by_method
    ]
    rows.append(
        [
            st.para(_("Total"), s.strong),
            st.para(format_money(figures.total(Direction.IN)), s.right_strong),
            st.para(format_money(figures.total(Direction.OUT)), s.right_strong),
        ]
    )
    return _figures_table(rows, [width - 2 * amount, amount, amount], s, total=True)


def _by_category(figures: CashFigures, s: st.Styles, width: float) -> Flowable:
    if not figures.by_category:
        return st.para(_("No payment on this day."), s.body)
    amount = 38 * mm
    rows = [
        [st.para(_("Category"), s.muted), st.para(_("Payments"), s.muted_right), st.para(_("Amount"), s.muted_right)]
    ]
    for category in figures.by_category:
        name = capitalised(category.category)
        cents = category.amount_cents
        if category.direction is Direction.OUT:
            name = _("{category} (money out)").format(category=name)
            cents = -cents
        rows.append(
            [st.para(name, s.body), st.para(str(category.count), s.right), st.para(format_money(cents), s.right)]
        )
    return _figures_table(rows, [width - 2 * amount, amount, amount], s, total=False)


def _cancelled(summary: CashSummary) -> str:
    if not summary.cancelled_count:
        return _("No receipt of this day was cancelled.")
    return ngettext(
        "Not counted: {count} cancelled receipt, {amount}.",
        "Not counted: {count} cancelled receipts, {amount}.",
        summary.cancelled_count,
    ).format(count=summary.cancelled_count, amount=format_money(summary.cancelled_cents))


def _drawer(figures: CashFigures, counted: int | None, s: st.Styles, width: float) -> Table:
    label = 70 * mm
    blank = st.para(NOT_COUNTED, s.right)
    rows = [
        [st.para(_("Opening float"), s.body), st.para(format_money(figures.opening_float_cents), s.right)],
        [st.para(_("+ cash taken"), s.body), st.para(format_money(figures.cash_in_cents), s.right)],
        [st.para(_("− cash paid out"), s.body), st.para(format_money(figures.cash_out_cents), s.right)],
        [
            st.para(_("= expected in the drawer"), s.strong),
            st.para(format_money(figures.expected_cents), s.right_strong),
        ],
        [
            st.para(_("Counted in the drawer"), s.strong),
            st.para(format_money(counted), s.right_strong) if counted is not None else blank,
        ],
        [
            st.para(_("Difference"), s.strong),
            st.para(difference_text(counted - figures.expected_cents), s.right_strong)
            if counted is not None
            else blank,
        ],
    ]
    padding = s.size * 0.3
    table = Table(rows, colWidths=[label, width - label], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.5),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                ("LINEABOVE", (0, 3), (-1, 3), 0.9, st.INK),
                ("BACKGROUND", (0, 3), (-1, 3), st.SHADE),
                ("LINEABOVE", (0, 4), (-1, 4), 0.3, st.RULE),
                ("BACKGROUND", (0, 5), (-1, 5), st.SHADE),
            ]
        )
    )
    return table


def _state(figures: CashFigures, closing: CashClosingDetails | None, s: st.Styles, width: float) -> Table:
    if closing is not None:
        heading = _("CLOSED")
        text = _("Closed on {when} by {name}. These figures were saved then and never change.").format(
            when=format_datetime(closing.closed_at), name=closing.closed_by_name
        )
        colour = st.INK
    else:
        heading = _("NOT CLOSED YET")
        text = _("Open: the cash of {day} is not closed yet.").format(day=format_date(figures.day))
        colour = st.ALERT
    return st.plain_table(
        [[st.para(heading, s.strong)], [st.para(text, s.body)]],
        [width],
        ("BOX", (0, 0), (-1, -1), 1.2, colour),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.8),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.8),
        ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.2),
        ("TOPPADDING", (0, 0), (-1, 0), s.size * 0.6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), s.size * 0.7),
    )


def _section(text: str, s: st.Styles) -> list[Flowable]:
    return [st.para(text, s.heading), Spacer(1, 2 * mm)]


def _story(
    summary: CashSummary,
    figures: CashFigures,
    house: HouseDetails,
    closing: CashClosingDetails | None,
    counted: int | None,
    width: float,
) -> list[Flowable]:
    s = st.styles(10)
    heading: list[Flowable] = [
        st.para(_("Cash closing"), s.right_title),
        st.para(capitalised(format_date(figures.day, "long")), s.right),
    ]
    label = 42 * mm
    story: list[Flowable] = [
        *letterhead(house.name, house.address, house.fiscal_code, heading, s, width, gap=6 * mm),
        st.plain_table([[st.para(_("Cash of:"), s.muted), st.para(_whose(figures), s.strong)]], [label, width - label]),
        Spacer(1, 4 * mm),
        _state(figures, closing, s, width),
        Spacer(1, 6 * mm),
        *_section(_("Money of the day"), s),
        _by_method(figures, s, width),
        Spacer(1, 5 * mm),
        _by_category(figures, s, width),
        Spacer(1, 3 * mm),
        st.para(_cancelled(summary), s.muted),
        Spacer(1, 6 * mm),
        KeepTogether([*_section(_("The drawer"), s), _drawer(figures, counted, s, width)]),
        Spacer(1, 6 * mm),
    ]
    signature = st.plain_table(
        [[Spacer(1, 12 * mm)], [st.para(_("Signature"), s.muted_centre)]],
        [70 * mm],
        ("LINEBELOW", (0, 0), (0, 0), 0.6, st.RULE),
        hAlign="RIGHT",
    )
    story.append(KeepTogether([signature]))
    return story
