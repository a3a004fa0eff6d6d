"""Weeks run Monday to Sunday, and a week is written as one span, months in full."""

from __future__ import annotations

from datetime import date

import pytest

from app import i18n
from app.weeks import format_span, format_week, monday_of, week_days

THIN = "\u2009"


def test_a_week_runs_monday_to_sunday() -> None:
    assert monday_of(date(2026, 11, 22)) == date(2026, 11, 16)  # a Sunday belongs to the week before
    assert monday_of(date(2026, 11, 16)) == date(2026, 11, 16)
    days = week_days(date(2026, 12, 31))
    assert days[0] == date(2026, 12, 28) and days[-1] == date(2027, 1, 3) and len(days) == 7


@pytest.mark.parametrize(
    ("day", "italian", "english"),
    [
        (date(2026, 11, 18), "16–22 novembre 2026", f"November 16{THIN}–{THIN}22, 2026"),
        (date(2026, 12, 1), f"30 novembre{THIN}–{THIN}6 dicembre 2026", f"November 30{THIN}–{THIN}December 6, 2026"),
        (
            date(2027, 1, 1),
            f"28 dicembre 2026{THIN}–{THIN}3 gennaio 2027",
            f"December 28, 2026{THIN}–{THIN}January 3, 2027",
        ),
        (date(2027, 3, 3), "1–7 marzo 2027", f"March 1{THIN}–{THIN}7, 2027"),
    ],
)
def test_a_week_is_written_in_the_language_with_the_month_in_full(day: date, italian: str, english: str) -> None:
    assert format_week(day) == english
    i18n.set_language("it")
    assert format_week(day) == italian


def test_one_day_is_written_as_a_date() -> None:
    i18n.set_language("it")
    assert format_span(date(2026, 12, 8), date(2026, 12, 8)) == "8 dicembre 2026"
