"""A room's weekly opening hours: spans per weekday, their rules, and the minutes a room is open.

The spans are stored in ``room_opening_hours`` (revision 0008) and set by coordinators through
``RoomService.set_opening_hours``. They are what the monthly summary measures occupancy against,
so the rules keep them simple to add up: quarter hours, opening before closing, no two spans of one
day overlapping (touching is fine: 9-13 and 13-18 is read as 9-18). ``open_minutes`` is pure: it
takes the house's closed days as an argument, so a report reads the closures once per month and
the function stays testable without a database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, time
from itertools import pairwise

from app.i18n import _, format_date, format_time
from app.services.validation import Problems, check_kinds, check_values

QUARTER_MINUTES = 15
FIELD = "opening_spans"


@dataclass(frozen=True, order=True)
class OpeningSpan:
    """``[opens, closes)`` on ``weekday`` (0 = Monday, 6 = Sunday), in the house's local time."""

    weekday: int
    opens: time
    closes: time

    @property
    def minutes(self) -> int:
        return _minute_of(self.closes) - _minute_of(self.opens)


def _minute_of(value: time) -> int:
    return value.hour * 60 + value.minute


def _on_quarter(value: time) -> bool:
    return value.second == 0 and value.microsecond == 0 and value.minute % QUARTER_MINUTES == 0


def _day_name(weekday: int) -> str:
    """The weekday's name in the desk's language (2026-11-23 is a Monday)."""
    return format_date(date(2026, 11, 23 + weekday), "EEEE")


def validate_spans(spans: Iterable[OpeningSpan]) -> list[OpeningSpan]:
    """The spans sorted by day and time; raises ``ValidationError`` saying what to fix.

    Every problem is reported on the field ``opening_spans`` and names its day, so the editor
    shows them together under its weekly grid. The kinds are checked first, here, because every
    path that writes spans (a room's creation, its update, ``set_opening_hours``) comes through:
    a time given as text, or with a time zone, cannot be sorted or stored.
    """
    check_values({FIELD: (tuple(spans) if isinstance(spans, list) else spans, tuple[OpeningSpan, ...])})
    for span in spans:
        check_kinds(span)
    if any(value.tzinfo is not None for span in spans for value in (span.opens, span.closes)):
        problems = Problems()
        problems.add(FIELD, _("This is not what the desk expected here: close the window and start again."))
        problems.raise_if_any()
    ordered = sorted(spans)
    problems = Problems()
    for span in ordered:
        field = FIELD
        if not 0 <= span.weekday <= 6:
            problems.add(FIELD, _("A weekday must be between Monday and Sunday."))
            continue
        day = _day_name(span.weekday)
        if not (_on_quarter(span.opens) and _on_quarter(span.closes)):
            problems.add(
                field,
                _("{day}: write the times on the quarter hour, like 9:00, 9:15, 9:30 or 9:45.").format(day=day),
            )
        if span.opens >= span.closes:
            problems.add(
                field,
                _("{day}: the room must open before it closes ({opens} - {closes}).").format(
                    day=day, opens=format_time(span.opens), closes=format_time(span.closes)
                ),
            )
    for before, after in pairwise(ordered):
        if before.weekday == after.weekday and after.opens < before.closes and before.opens < before.closes:
            problems.add(
                FIELD,
                _("{day}: the times {first} and {second} overlap: join them or change one.").format(
                    day=_day_name(before.weekday),
                    first=f"{format_time(before.opens)}-{format_time(before.closes)}",
                    second=f"{format_time(after.opens)}-{format_time(after.closes)}",
                ),
            )
    problems.raise_if_any()
    return ordered


def open_minutes(spans: Iterable[OpeningSpan], day: date, closed_days: Collection[date] = frozenset()) -> int:
    """How many minutes the room is open on ``day``: 0 when the house is closed that day.

    Args:
        spans: the room's weekly spans (valid ones: no overlaps within a day).
        day: the calendar day.
        closed_days: the days the house is closed (``ClosureService``'s closures, expanded).
    """
    if day in closed_days:
        return 0
    weekday = day.weekday()
    return sum(span.minutes for span in spans if span.weekday == weekday)


def week_minutes(spans: Iterable[OpeningSpan]) -> int:
    """Minutes the room is open in an ordinary week (no closures)."""
    return sum(span.minutes for span in spans)
