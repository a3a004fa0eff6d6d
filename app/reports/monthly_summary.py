"""The monthly summary for the funders: a few A4 pages, the month beside the same month last year.

Data in, file out: ``write_monthly_summary`` reads the month's figures from the monthly figures
service (never counting anything itself) and the house's name, address and logo, then prints in
the language asked for, whatever the desk speaks: a cover with the key numbers and their change
against last year, then a page per area (``monthly_pages``) with a table and a chart; an area too
long for its page goes on over the next, and the next area follows it there when it left only a
few lines (``AreaBreak``). Every page carries the house's name, the month and its number at the foot.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Image, Spacer, Table, TableStyle

from app.i18n import _, format_datetime, in_language
from app.reports import styles as st
from app.reports.fonts import BODY_FONT, draw_line
from app.reports.monthly_charts import ACCENT
from app.reports.monthly_numbers import (
    Line,
    Months,
    change_text,
    comparison_table,
    count_text,
    hours_text,
    money_text,
    percent_text,
)
from app.reports.monthly_pages import PAGE_HEIGHT, area_pages
from app.reports.workshop_pages import FOOT, build_pdf
from app.services import Services
from app.services.house import HouseDetails
from app.services.monthly_figures_types import MonthFigures, MonthlySummaryFigures
from app.services.roles import Actor
from app.text import capitalised

Progress = Callable[[int, int], None]
STEPS = 4
LOGO_BOX = (45 * mm, 25 * mm)
NEARLY_EMPTY = PAGE_HEIGHT * 2 / 3
"""A page with at least this much room left holds little: less than a third of it is used."""


def write_monthly_summary(
    services: Services,
    actor: Actor,
    year: int,
    month: int,
    path: Path,
    *,
    language: str,
    progress: Progress | None = None,
) -> None:
    """Write the summary of ``month`` of ``year`` as an A4 PDF at ``path``, in ``language``.

    Args:
        progress: called with (steps done, steps in all) as the work goes on, for a progress bar.

    Raises:
        ValidationError: the month or year is not one.
        PermissionDenied: the user may not read the figures (coordinators and admins may).

    The file appears whole or not at all.
    """

    def step(done: int) -> None:
        if progress is not None:
            progress(done, STEPS)

    step(0)
    figures = services.monthly_figures.figures(actor, year, month)
    step(1)
    house = services.house.details()
    logo = services.house.logo(actor)
    step(2)
    with in_language(language):
        months = Months.of(figures.current, figures.year_before)
        width = st.A4[0] - 2 * st.A4_MARGIN
        start = AreaBreak(None)
        story = [start, *_cover(figures, house, logo.data if logo is not None else None, months, width)]
        for area in area_pages(figures.current, figures.year_before, months, width):
            start = AreaBreak(start)
            story += [start, *area]
        step(3)
        build_pdf(
            path,
            story,
            page=st.A4,
            title=title(months),
            author=house.name,
            decorate=lambda canvas, _doc: _foot(canvas, house.name, title(months)),
        )
    step(4)


class AreaBreak(CondPageBreak):  # type: ignore[misc]  # reportlab has no type hints
    """Where an area of the summary starts: on a page of its own, unless the page so far holds only
    the end of the area before, carried over from its page and using less than a third of this one;
    the area then goes on below it rather than leave those few lines nearly alone."""

    def __init__(self, previous: AreaBreak | None) -> None:
        super().__init__(0)
        self.previous = previous
        self.page = 1
        """The page the area starts on, once it is laid out."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        page = self.canv.getPageNumber()
        carried_over = self.previous is not None and self.previous.page < page
        if carried_over:
            self.height = NEARLY_EMPTY
        else:  # a new page, unless this one is still empty
            self.height = 0 if available_height >= PAGE_HEIGHT - 1 else available_height + 1
        self.page = page + 1 if available_height < self.height else page
        super().wrap(available_width, available_height)  # asks for the new page if there must be one
        return 0.0, 0.0


def title(months: Months) -> str:
    return _("Monthly summary — {month}").format(month=months.current)


def _foot(canvas: Canvas, house_name: str, document: str) -> None:
    """The house's name on the left and the document on the right of every page's foot, in any script."""
    width, _height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(st.MUTED)
    line = FOOT + 11  # one line above the page number, which sits in the middle at FOOT
    draw_line(canvas, house_name, BODY_FONT, 8, st.A4_MARGIN, line)
    draw_line(canvas, document, BODY_FONT, 8, width - st.A4_MARGIN, line, align="right")
    canvas.setStrokeColor(st.RULE)
    canvas.setLineWidth(0.4)
    canvas.line(st.A4_MARGIN, line + 10, width - st.A4_MARGIN, line + 10)
    canvas.restoreState()


def _logo(data: bytes | None) -> Flowable | None:
    """The house's logo scaled into a box at the top right, or None (none chosen, or unreadable)."""
    if data is None:
        return None
    try:
        picture_width, picture_height = ImageReader(BytesIO(data)).getSize()
    except (OSError, ValueError):
        return None
    scale = min(LOGO_BOX[0] / picture_width, LOGO_BOX[1] / picture_height)
    image = Image(BytesIO(data), width=picture_width * scale, height=picture_height * scale)
    image.hAlign = "RIGHT"
    return image


def _cover(
    figures: MonthlySummaryFigures, house: HouseDetails, logo: bytes | None, months: Months, width: float
) -> list[Flowable]:
    s = st.styles(10)
    now, before = figures.current, figures.year_before
    head: list[Flowable] = [st.para(house.name, s.heading)]
    if house.address.strip():
        head.append(st.para(house.address, s.muted))
    picture = _logo(logo)
    room = LOGO_BOX[0] if picture is not None else 0
    top = st.plain_table([[head, picture or ""]], [width - room, room], ("VALIGN", (0, 0), (-1, -1), "MIDDLE"))
    big = st.styles(22)
    return [
        top,
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=4 * mm, spaceAfter=10 * mm),
        st.para(_("Monthly summary"), s.muted),
        st.para(capitalised(months.current), big.title),
        st.para(
            _("Compared with the same month last year, {month}.").format(month=months.previous),
            s.muted,
        ),
        Spacer(1, 8 * mm),
        _key_numbers(now, before, months, width),
        Spacer(1, 10 * mm),
        st.para(_("The month at a glance"), s.heading),
        Spacer(1, 2 * mm),
        comparison_table(_glance(now, before), months, width),
        Spacer(1, 6 * mm),
        st.para(
            _("Made on {when}. Every figure is read from the house's desk records.").format(
                when=format_datetime(figures.made_at)
            ),
            st.styles(9).muted,
        ),
    ]


def _key_numbers(now: MonthFigures, before: MonthFigures, months: Months, width: float) -> Table:
    """Six tiles: the numbers a funder asks for first, each with its change against last year."""
    keys = [
        Line(_("People reached"), now.people.people_reached, before.people.people_reached),
        Line(_("Visits to drop-in services"), now.dropin.visits, before.dropin.visits),
        Line(_("Hours of training"), now.workshops.training_minutes, before.workshops.training_minutes, hours_text),
        Line(_("Tool loans"), now.tools.loans, before.tools.loans),
        Line(_("Money in"), now.cash.total_in_cents, before.cash.total_in_cents, money_text),
        Line(_("Money out"), now.cash.total_out_cents, before.cash.total_out_cents, money_text),
    ]
    s = st.styles(9)
    value = ParagraphStyle("monthly-key-number", parent=st.styles(10).title, textColor=ACCENT)
    gap = 4 * mm
    tile = (width - 2 * gap) / 3
    cells = [
        [
            st.para(line.label, s.muted),
            st.para(line.current_text(), value),
            st.para(_change_line(line), s.strong),
            st.para(_("{month}: {value}").format(month=months.previous, value=line.previous_text()), s.muted),
        ]
        for line in keys
    ]
    rows: list[list[Any]] = [[cells[0], "", cells[1], "", cells[2]], [cells[3], "", cells[4], "", cells[5]]]
    table = Table(rows, colWidths=[tile, gap, tile, gap, tile], rowHeights=None)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
    ]
    for row in (0, 1):
        for column in (0, 2, 4):
            commands += [
                ("BACKGROUND", (column, row), (column, row), st.SHADE),
                ("LINEABOVE", (column, row), (column, row), 2, ACCENT),
            ]
    table.setStyle(TableStyle(commands))
    return table


def _change_line(line: Line) -> str:
    change = change_text(line.current, line.previous)
    if change == "=":
        return _("Same as last year")
    if change == "≈":
        return _("About the same as last year")
    if not line.previous:
        return _("None last year")
    return _("{change} on last year").format(change=change)


def _glance(now: MonthFigures, before: MonthFigures) -> list[Line]:
    """The other figures worth a line on the cover; the area pages give the detail."""
    return [
        Line(_("Room bookings"), now.rooms.bookings, before.rooms.bookings),
        Line(_("Hours of rooms booked"), now.rooms.booked_minutes, before.rooms.booked_minutes, hours_text),
        Line(
            _("Occupancy against opening hours"), now.rooms.occupancy, before.rooms.occupancy, percent_text, share=True
        ),
        Line(_("Workshop sessions held"), now.workshops.sessions_held, before.workshops.sessions_held),
        Line(
            _("Participants in workshops"),
            now.workshops.distinct_participants,
            before.workshops.distinct_participants,
        ),
        Line(_("New people registered"), now.people.new_people, before.people.new_people),
        Line(
            _("Tools overdue at the end of the month"),
            now.tools.overdue_at_month_end,
            before.tools.overdue_at_month_end,
        ),
        Line(_("Receipts issued"), now.cash.receipts, before.cash.receipts, count_text),
    ]
