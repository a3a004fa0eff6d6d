"""The area pages of the monthly summary: rooms, workshops, drop-in services, tools, cash, people.

Each function turns one area of ``MonthlySummaryFigures`` into flowables: a heading, a table of
the month beside the same month last year with the change, and a chart where people would rather
look than read. The figures come from the service as they are; this module only sums what the
service lists (the visits of every service by age band) and matches this year's rows with last
year's by id.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import chain
from typing import Any, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer

from app.i18n import _
from app.reports import styles as st
from app.reports.monthly_charts import Pair, paired_bars
from app.reports.monthly_numbers import (
    Line,
    Months,
    comparison_table,
    count_text,
    figures_table,
    hours_text,
    money_text,
    percent_text,
)
from app.services.cash_rules import Direction
from app.services.monthly_figures_types import (
    CashFigures,
    CashLine,
    DropInFigures,
    MonthFigures,
    PeopleFigures,
    RoomFigures,
    ToolFigures,
    ToolLoans,
    WorkshopFigures,
)
from app.text import capitalised

PAGE_HEIGHT = st.A4[1] - 2 * st.A4_MARGIN
"""The height of the summary's pages inside their margins."""
GUTTER = 8 * mm
"""The space between two charts or tables side by side."""
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def section(title: str, intro: str) -> list[Flowable]:
    """The heading of an area: its name, one line on what is counted, a rule.

    It stays on the page of what follows it, and stands apart from an area above it on the page
    (the space before is dropped at the top of a page).
    """
    s = st.styles(10)
    heading = [
        st.para(title, ParagraphStyle("monthly-area", parent=s.title, spaceBefore=10 * mm)),
        st.para(intro, s.muted),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=2 * mm, spaceAfter=5 * mm),
    ]
    for flowable in heading:
        flowable.keepWithNext = True
    return heading


def subheading(text: str) -> Flowable:
    return st.para(text, st.styles(10).heading)


def chart_block(title: str, pairs: Sequence[Pair], months: Months, width: float, **options: Any) -> list[Flowable]:
    """A titled chart kept on one page, or nothing when there is nothing to draw."""
    parts = chart_parts(title, pairs, months, width, **options)
    return [KeepTogether(parts)] if parts else []


def chart_parts(title: str, pairs: Sequence[Pair], months: Months, width: float, **options: Any) -> list[Flowable]:
    """A chart's title and drawing, or nothing when there is nothing to draw."""
    if not pairs:
        return []
    drawing = paired_bars(pairs, width=width, current_label=months.current, previous_label=months.previous, **options)
    heading = [subheading(title), Spacer(1, 2 * mm)] if title else []
    return [Spacer(1, 5 * mm), *heading, drawing]


def half(width: float) -> float:
    """The width of one of two charts or tables set side by side in ``width``."""
    return float(width - GUTTER) / 2


def side_by_side(halves: list[list[Flowable]], width: float) -> Flowable:
    """Two charts or tables (``half(width)`` wide) next to each other, as one row that never splits."""
    return st.plain_table([halves], [half(width) + GUTTER, half(width)])


def matched(current: Iterable[T], previous: Iterable[T], key: Callable[[T], K]) -> list[tuple[T | None, T | None]]:
    """This month's rows paired with last year's of the same key, this month's order first."""
    before = {key(row): row for row in previous}
    pairs: list[tuple[T | None, T | None]] = []
    seen: set[K] = set()
    for row in current:
        seen.add(key(row))
        pairs.append((row, before.get(key(row))))
    pairs += [(None, row) for row in previous if key(row) not in seen]
    return pairs


def either(now: T | None, before: T | None) -> T:
    """The row of a matched pair that exists (this month's when both do)."""
    row = now if now is not None else before
    assert row is not None, "matched() never pairs two missing rows"
    return row


# -- rooms -----------------------------------------------------------------------------------------


def rooms_page(current: RoomFigures, previous: RoomFigures, months: Months, width: float) -> list[Flowable]:
    story = section(_("Rooms"), _("Confirmed bookings and workshop sessions; occupancy against opening hours."))
    occupancy = Line(
        _("Occupancy against opening hours"), current.occupancy, previous.occupancy, percent_text, share=True
    )
    story.append(
        comparison_table(
            [
                Line(_("Bookings"), current.bookings, previous.bookings),
                Line(_("Hours booked"), current.booked_minutes, previous.booked_minutes, hours_text, strong=True),
                Line(
                    _("of which workshop sessions"),
                    sum(room.workshop_minutes for room in current.rooms),
                    sum(room.workshop_minutes for room in previous.rooms),
                    hours_text,
                ),
                occupancy,
            ],
            months,
            width,
        )
    )
    rooms = matched(current.rooms, previous.rooms, lambda room: room.room_id)
    booked = [
        Pair(either(now, before).name, now.booked_minutes if now else 0, before.booked_minutes if before else 0)
        for now, before in rooms
    ]
    occupied = [
        Pair(
            either(now, before).name,
            (now.occupancy or 0) * 100 if now else 0,
            (before.occupancy or 0) * 100 if before else 0,
        )
        for now, before in rooms
        if (now and now.occupancy is not None) or (before and before.occupancy is not None)
    ]
    charts: list[tuple[str, list[Pair], dict[str, Any]]] = [
        (_("Hours booked per room"), booked, {"value_text": hours_text}),
        (
            _("Occupancy against opening hours"),
            occupied,
            {"value_text": lambda value: percent_text(value / 100), "maximum": 100},
        ),
    ]
    organisations = _organisations(current, previous, months, width)
    stacked = [chart_parts(title, pairs, months, width, **options) for title, pairs, options in charts]
    if occupied and st.content_height([*story, *chain(*stacked), *organisations], width) > PAGE_HEIGHT:
        # Side by side, the two charts leave room for the organisations' table on the rooms' page.
        halves = [chart_parts(title, pairs, months, half(width), **options) for title, pairs, options in charts]
        story.append(KeepTogether([side_by_side(halves, width)]))
    else:
        story += [KeepTogether(parts) for parts in stacked if parts]
    if not occupied:
        story.append(st.para(_("No room has opening hours set, so occupancy is not shown."), st.styles(9).muted))
    return story + ([KeepTogether(organisations)] if organisations else [])


def _organisations(current: RoomFigures, previous: RoomFigures, months: Months, width: float) -> list[Flowable]:
    """This month's top organisations beside their own hours a year before (the service lists them
    in ``previous`` too), then the others and the private people together, under its heading."""
    before = {row.organisation_id: row.minutes for row in previous.organisations}
    lines = [Line(now.name, now.minutes, before.get(now.organisation_id), hours_text) for now in current.organisations]
    for label, now_group, before_group in (
        (_("Other organisations"), current.other_organisations, previous.other_organisations),
        (_("Bookings by private people"), current.people, previous.people),
    ):
        if now_group is not None or before_group is not None:
            lines.append(
                Line(
                    label,
                    now_group.minutes if now_group else 0,
                    before_group.minutes if before_group else 0,
                    hours_text,
                )
            )
    if not lines:
        return []
    table = comparison_table(lines, months, width, first_heading=_("Organisation"))
    return [Spacer(1, 5 * mm), subheading(_("Hours booked per organisation")), Spacer(1, 2 * mm), table]


# -- workshops -------------------------------------------------------------------------------------


def workshops_page(current: WorkshopFigures, previous: WorkshopFigures, months: Months, width: float) -> list[Flowable]:
    story = section(
        _("Workshops and courses"),
        _("Hours of training: each session's length times the people present."),
    )
    counts = [
        Line(_("Sessions held"), current.sessions_held, previous.sessions_held),
        Line(_("New enrolments"), current.new_enrolments, previous.new_enrolments),
        Line(_("Places held at the end of the month"), current.active_enrolments, previous.active_enrolments),
        Line(_("Attendance marks"), current.attendance_marks, previous.attendance_marks),
        Line(_("Participants (each person once)"), current.distinct_participants, previous.distinct_participants),
        Line(_("New participants"), current.new_participants, previous.new_participants),
    ]
    training = Line(
        _("Hours of training delivered"), current.training_minutes, previous.training_minutes, hours_text, strong=True
    )
    story.append(comparison_table([training, *counts], months, width))
    story += chart_block(
        _("Sessions and people"),
        [Pair(line.label, line.current or 0, line.previous or 0) for line in counts],
        months,
        width,
        value_text=count_text,
    )
    return story


# -- drop-in services ------------------------------------------------------------------------------


def dropin_page(current: DropInFigures, previous: DropInFigures, months: Months, width: float) -> list[Flowable]:
    story = section(
        _("Drop-in services"),
        _("Every visit counts, named or anonymous; age and gender only where the desk records them."),
    )
    services = matched(current.services, previous.services, lambda row: row.service_id)
    lines = [
        Line(either(now, before).label, now.visits if now else 0, before.visits if before else 0)
        for now, before in services
    ]
    lines.append(Line(_("All services"), current.visits, previous.visits, strong=True))
    story.append(comparison_table(lines, months, width, first_heading=_("Service")))
    story += chart_block(
        _("Visits per service"),
        [Pair(line.label, line.current or 0, line.previous or 0) for line in lines[:-1]],
        months,
        width,
        value_text=count_text,
    )
    ages = _breakdown(
        ((row.band, row.label, row.count) for service in current.services for row in service.by_age_band),
        ((row.band, row.label, row.count) for service in previous.services for row in service.by_age_band),
    )
    genders = _breakdown(
        ((row.gender, row.label, row.count) for service in current.services for row in service.by_gender),
        ((row.gender, row.label, row.count) for service in previous.services for row in service.by_gender),
    )
    both = bool(ages) and bool(genders)
    charts = [
        chart_parts(title, pairs, months, half(width) if both else width, value_text=count_text)
        for title, pairs in ((_("Visits by age band"), ages), (_("Visits by gender"), genders))
        if pairs
    ]
    if both:
        story.append(KeepTogether([side_by_side(charts, width)]))
    else:
        story += [KeepTogether(parts) for parts in charts]
    if ages or genders:
        story.append(Spacer(1, 2 * mm))
        story.append(st.para(_("Only the services that record age or gender are counted here."), st.styles(9).muted))
    return story


def _breakdown(
    current: Iterable[tuple[Hashable, str, int]], previous: Iterable[tuple[Hashable, str, int]]
) -> list[Pair]:
    """Counts summed over every service by key, in the services' order, "not recorded" last."""
    labels: dict[Hashable, str] = {}
    now: dict[Hashable, int] = {}
    before: dict[Hashable, int] = {}
    for source, totals in ((current, now), (previous, before)):
        for key, label, count in source:
            labels.setdefault(key, label)
            totals[key] = totals.get(key, 0) + count
    order = [key for key in labels if key is not None] + ([None] if None in labels else [])
    return [Pair(capitalised(labels[key]), now.get(key, 0), before.get(key, 0)) for key in order]


# -- tools -----------------------------------------------------------------------------------------


def tools_page(current: ToolFigures, previous: ToolFigures, months: Months, width: float) -> list[Flowable]:
    story = section(_("Tool library"), _("Loans that went out and came back in the month."))
    story.append(
        comparison_table(
            [
                Line(_("Loans"), current.loans, previous.loans, strong=True),
                Line(_("Returns"), current.returns, previous.returns),
                Line(_("Overdue at the end of the month"), current.overdue_at_month_end, previous.overdue_at_month_end),
            ],
            months,
            width,
        )
    )
    tables = [
        [_most_lent(current.most_lent, months.current, half(width))],
        [_most_lent(previous.most_lent, months.previous, half(width))],
    ]
    heading = [Spacer(1, 5 * mm), subheading(_("Most lent tools")), Spacer(1, 2 * mm)]
    return [*story, KeepTogether([*heading, side_by_side(tables, width)])]


def _most_lent(tools: Sequence[ToolLoans], month: str, width: float) -> Flowable:
    s = st.styles(9)
    if not tools:
        return st.para(_("{month}: no loans.").format(month=month), s.muted)
    number = 16 * mm
    rows: list[list[Any]] = [[st.para(month, s.strong), st.para(_("Loans"), s.muted_right)]]
    rows += [
        [st.para(f"{tool.name} ({tool.code})", s.body), st.para(count_text(tool.loans), s.right)] for tool in tools
    ]
    return figures_table(rows, [width - number, number])


# -- cash ------------------------------------------------------------------------------------------


def cash_page(current: CashFigures, previous: CashFigures, months: Months, width: float) -> list[Flowable]:
    story = section(_("Cash"), _("Payments at the desk; cancelled receipts are left out."))
    story.append(
        comparison_table(
            [
                Line(_("Money in"), current.total_in_cents, previous.total_in_cents, money_text, strong=True),
                Line(_("Money out"), current.total_out_cents, previous.total_out_cents, money_text, strong=True),
                Line(
                    _("Balance"),
                    current.total_in_cents - current.total_out_cents,
                    previous.total_in_cents - previous.total_out_cents,
                    money_text,
                ),
                Line(_("Receipts issued"), current.receipts, previous.receipts),
                Line(_("Receipts cancelled"), current.cancelled_receipts, previous.cancelled_receipts),
            ],
            months,
            width,
        )
    )
    categories = _sums(
        current, previous, lambda line: (line.direction, line.category_id), lambda line: line.category_label
    )
    for direction, title in ((Direction.IN, _("Money in by category")), (Direction.OUT, _("Money out by category"))):
        lines = [
            Line(capitalised(label), now, before, money_text)
            for (line_direction, _category), (label, now, before) in categories.items()
            if line_direction is direction
        ]
        if lines:
            story += [
                Spacer(1, 5 * mm),
                KeepTogether(
                    [
                        subheading(title),
                        Spacer(1, 2 * mm),
                        comparison_table(lines, months, width, first_heading=_("Category")),
                    ]
                ),
            ]
            if direction is Direction.IN:
                pairs = [Pair(line.label, line.current or 0, line.previous or 0) for line in lines]
                story += chart_block("", pairs, months, width, value_text=money_text)
    methods = _sums(current, previous, lambda line: (line.direction, line.method), lambda line: line.method.label)
    method_lines = [
        Line(
            _("{method}, {direction}").format(method=capitalised(label), direction=direction.label),
            now,
            before,
            money_text,
        )
        for (direction, _method), (label, now, before) in methods.items()
    ]
    if method_lines:
        story += [
            Spacer(1, 5 * mm),
            KeepTogether(
                [
                    subheading(_("By payment method")),
                    Spacer(1, 2 * mm),
                    comparison_table(method_lines, months, width, first_heading=_("Method")),
                ]
            ),
        ]
    return story


def _sums(
    current: CashFigures,
    previous: CashFigures,
    key: Callable[[CashLine], tuple[Direction, Hashable]],
    label: Callable[[CashLine], str],
) -> dict[tuple[Direction, Hashable], tuple[str, int, int]]:
    """Amounts by ``key`` in both months, money in first, in the order the service lists them."""
    totals: dict[tuple[Direction, Hashable], tuple[str, int, int]] = {}
    for index, figures in enumerate((current, previous)):
        for line in figures.lines:
            name, now, before = totals.get(key(line), (label(line), 0, 0))
            if index == 0:
                now += line.amount_cents
            else:
                before += line.amount_cents
            totals[key(line)] = (name, now, before)
    return dict(sorted(totals.items(), key=lambda item: item[0][0] is not Direction.IN))


# -- people ----------------------------------------------------------------------------------------


def people_page(current: PeopleFigures, previous: PeopleFigures, months: Months, width: float) -> list[Flowable]:
    story = section(
        _("People"),
        _("People reached: everyone who took part in any activity of the house, each counted once."),
    )
    story.append(
        comparison_table(
            [
                Line(_("People reached"), current.people_reached, previous.people_reached, strong=True),
                Line(_("New people registered"), current.new_people, previous.new_people),
            ],
            months,
            width,
        )
    )
    return story


def area_pages(current: MonthFigures, previous: MonthFigures, months: Months, width: float) -> list[list[Flowable]]:
    """The area sections in the order a funder reads them."""
    return [
        rooms_page(current.rooms, previous.rooms, months, width),
        workshops_page(current.workshops, previous.workshops, months, width)
        + people_page(current.people, previous.people, months, width),
        dropin_page(current.dropin, previous.dropin, months, width),
        tools_page(current.tools, previous.tools, months, width),
        cash_page(current.cash, previous.cash, months, width),
    ]
