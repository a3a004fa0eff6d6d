"""A room's weekly opening hours: the rules of the spans and the minutes a room is open."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.errors import ValidationError
from app.i18n import format_time
from app.services.opening_hours import FIELD, OpeningSpan, open_minutes, validate_spans, week_minutes

MONDAY = date(2026, 11, 23)
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)
# Mon-Fri 9-13 and 14-23, Saturday 9-23, closed on Sunday.
WEEK = [
    *(OpeningSpan(day, time(9), time(13)) for day in range(5)),
    *(OpeningSpan(day, time(14), time(23)) for day in range(5)),
    OpeningSpan(5, time(9), time(23)),
]


def test_open_minutes_adds_the_spans_of_the_weekday() -> None:
    assert open_minutes(WEEK, MONDAY) == 4 * 60 + 9 * 60
    assert open_minutes(WEEK, SATURDAY) == 14 * 60
    assert open_minutes(WEEK, SUNDAY) == 0
    assert week_minutes(WEEK) == 5 * 13 * 60 + 14 * 60


def test_open_minutes_is_zero_on_a_closed_day_of_the_house() -> None:
    closed = {date(2026, 12, 8), MONDAY}
    assert open_minutes(WEEK, MONDAY, closed) == 0
    assert open_minutes(WEEK, date(2026, 11, 24), closed) == 13 * 60  # the Tuesday after is open


def test_valid_spans_come_back_in_day_and_time_order_and_may_touch() -> None:
    spans = [OpeningSpan(2, time(14), time(18)), OpeningSpan(0, time(9), time(13)), OpeningSpan(2, time(9), time(14))]
    assert validate_spans(spans) == [
        OpeningSpan(0, time(9), time(13)),
        OpeningSpan(2, time(9), time(14)),
        OpeningSpan(2, time(14), time(18)),
    ]
    assert validate_spans([]) == []


def test_a_span_that_closes_before_it_opens_is_refused_naming_the_day() -> None:
    with pytest.raises(ValidationError) as error:
        validate_spans([OpeningSpan(0, time(13), time(9))])
    assert error.value.for_field(FIELD) == [
        f"Monday: the room must open before it closes ({format_time(time(13))} - {format_time(time(9))})."
    ]


def test_overlapping_spans_of_one_day_are_refused() -> None:
    with pytest.raises(ValidationError) as error:
        validate_spans([OpeningSpan(4, time(9), time(14)), OpeningSpan(4, time(13), time(18))])
    assert error.value.for_field(FIELD) == [
        f"Friday: the times {format_time(time(9))}-{format_time(time(14))} and "
        f"{format_time(time(13))}-{format_time(time(18))} overlap: join them or change one."
    ]
    # The same times on two different days are fine.
    validate_spans([OpeningSpan(3, time(9), time(14)), OpeningSpan(4, time(13), time(18))])


def test_times_must_be_on_the_quarter_hour() -> None:
    with pytest.raises(ValidationError) as error:
        validate_spans([OpeningSpan(6, time(9, 10), time(12))])
    assert error.value.for_field(FIELD) == [
        "Sunday: write the times on the quarter hour, like 9:00, 9:15, 9:30 or 9:45."
    ]


def test_a_weekday_out_of_the_week_is_refused() -> None:
    with pytest.raises(ValidationError, match="between Monday and Sunday"):
        validate_spans([OpeningSpan(7, time(9), time(12))])
