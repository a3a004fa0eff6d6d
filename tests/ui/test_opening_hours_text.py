"""A day's opening hours written as on a sign, read back as spans (no widgets here)."""

from __future__ import annotations

import re
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import i18n
from app.services.opening_hours import OpeningSpan
from ui.widgets.opening_hours_text import day_text, parse_day


def monday(*spans: tuple[time, time]) -> list[OpeningSpan]:
    return [OpeningSpan(0, opens, closes) for opens, closes in spans]


THREE = monday((time(9), time(12)), (time(14), time(18, 30)), (time(20), time(23)))


@pytest.mark.parametrize(
    "text",
    [
        "9-12, 14-18:30, 20-23",
        "09:00-12:00, 14:00-18:30, 20:00-23:00",
        "9 - 12; 14-18.30 and 20 – 23",
        "20-23 / 9-12 14-18.30",  # any order, slashes and spaces between spans
        "9—12 and 14−18:30 & 20-23",  # em dash, minus sign
    ],
)
def test_the_ways_a_desk_writes_three_spans_read_the_same(text: str) -> None:
    assert parse_day(text, 0) == THREE


def test_an_empty_line_is_a_closed_day_and_a_closed_day_is_an_empty_line() -> None:
    assert parse_day("   ", 3) == []
    assert day_text([]) == ""


def test_the_spans_are_written_back_in_time_order_with_hours_and_minutes() -> None:
    assert day_text(reversed(THREE)) == "09:00-12:00, 14:00-18:30, 20:00-23:00"


def test_the_word_and_of_the_desks_language_separates_spans() -> None:
    i18n.set_language("it")
    assert parse_day("9-12 e 14-18:30 e 20-23", 0) == THREE


def test_what_makes_sense_is_left_to_the_service() -> None:
    """Overlaps, closing before opening and odd minutes are read as written: the service says no."""
    assert parse_day("18-14, 9:10-13, 12-15", 4) == [
        OpeningSpan(4, time(9, 10), time(13)),
        OpeningSpan(4, time(12), time(15)),
        OpeningSpan(4, time(18), time(14)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9,30-12", "Tuesday: “9” is not a span of time: write when the room opens and closes with a dash"),
        ("9-12, 14", "Tuesday: “14” is not a span of time"),
        ("dalle 9 alle 12", "Tuesday: “dalle” is not a span of time"),
        ("9-12x", "Tuesday: “9-12x” is not a span of time"),
        ("9:75-12", "Tuesday: “9:75” is not a time of day: the hours go from 0 to 23, the minutes from 00 to 59."),
        ("9-25", "Tuesday: “25” is not a time of day"),
        ("20-24", "Tuesday: the last time of a day is 23:45: write 23:45 instead of 24."),
    ],
)
def test_a_part_that_cannot_be_read_is_named_with_its_day_and_how_to_write_it(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        parse_day(text, 1)


def test_in_italian_the_message_is_italian() -> None:
    i18n.set_language("it")
    with pytest.raises(ValueError, match=r"^martedì: “9” non è una fascia oraria"):
        parse_day("9,30-12", 1)


quarters = st.integers(min_value=0, max_value=23 * 4 + 3).map(lambda q: time(q // 4, q % 4 * 15))


@given(st.lists(st.tuples(quarters, quarters), max_size=6), st.integers(min_value=0, max_value=6))
def test_what_is_written_back_reads_back_the_same(pairs: list[tuple[time, time]], weekday: int) -> None:
    spans = [OpeningSpan(weekday, opens, closes) for opens, closes in pairs]
    assert parse_day(day_text(spans), weekday) == sorted(spans)
