"""Weeks of the calendar: Monday to Sunday, as the house plans them, and how a week is written.

The week view and the printed programme both show Monday first, whatever the locale says, because
the house's rota and its associations' schedules run Monday to Sunday. A week is written as one
span in the chosen language ("16–22 novembre 2026", "November 16 – 22, 2026"): CLDR's interval
patterns for the language (through Babel) with the month in full, which Babel's own
``format_interval`` abbreviates for Italian.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from babel import Locale

from app.i18n import current_language, format_date

DAYS_IN_WEEK = 7


def monday_of(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def week_days(day: date) -> list[date]:
    """The seven days, Monday first, of the week holding ``day``."""
    first = monday_of(day)
    return [first + timedelta(days=offset) for offset in range(DAYS_IN_WEEK)]


def _full_months(pattern: str) -> str:
    """A CLDR pattern with the month's name in full and the day without a leading zero."""
    pattern = re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern)
    return re.sub(r"(?<!d)dd(?!d)", "d", pattern)


def format_span(first: date, last: date) -> str:
    """``first`` to ``last`` (both included) in the current language, months in full."""
    if first == last:
        return format_date(first, "long")
    if first.year != last.year:
        field = "y"
    elif first.month != last.month:
        field = "M"
    else:
        field = "d"
    head, tail = Locale.parse(current_language()).interval_formats["yMMMd"][field]
    return format_date(first, _full_months(head)) + format_date(last, _full_months(tail))


def format_week(day: date) -> str:
    """The week holding ``day``: ``16–22 novembre 2026``."""
    first = monday_of(day)
    return format_span(first, first + timedelta(days=DAYS_IN_WEEK - 1))
