"""Hostile values: what a careless caller, a pasted document or an attacker could hand a service.

Each strategy mixes plausible values with the edges that break programs: empty and blank text,
10,000 characters, emoji, right-to-left scripts, combining marks, NUL and control characters, SQL
fragments; integers at 0, negative, beyond SQLite's 64 bits; dates at year 1 and 9999, times
across the changes of daylight saving time in Europe/Rome; and values of the wrong type.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

SQL = "'; DROP TABLE people; --"
NASTY_TEXTS = (
    "",
    " ",
    "\t\n ",
    "x" * 10_000,
    "Nicolò 👩‍👩‍👧‍👦 🇮🇹",
    "محمد عبد الله",  # Arabic, right to left
    "שרה לוי",  # Hebrew
    "\u202eevil\u202c",  # right-to-left override
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "nul\x00inside",
    "bell\x07\x1b[31m",
    SQL,
    "Robert'); DELETE FROM payments; --",
    "%s %(name)s {0} {name}",
    "王芳",
    "\ufeffbom",
    "\ud7ff\ue000\U0010ffff",
)

WRONG_TYPES: tuple[Any, ...] = (None, "12", 12.5, Decimal("1.10"), b"bytes", [], True, object())


def text() -> st.SearchStrategy[Any]:
    """Text a field may receive: nasty samples, random unicode (surrogates excluded: not str-able)."""
    return st.one_of(
        st.sampled_from(NASTY_TEXTS),
        st.text(max_size=40),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    )


def text_or_wrong() -> st.SearchStrategy[Any]:
    return st.one_of(text(), text(), st.sampled_from(WRONG_TYPES))


def integer() -> st.SearchStrategy[int]:
    return st.one_of(
        st.sampled_from((0, 1, -1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30)),
        st.integers(min_value=-1000, max_value=100_000),
    )


def integer_or_wrong() -> st.SearchStrategy[Any]:
    return st.one_of(integer(), integer(), st.sampled_from(WRONG_TYPES))


def cents_or_wrong() -> st.SearchStrategy[Any]:
    """Amounts: whole cents, with floats and Decimals among the wrong types."""
    return st.one_of(integer(), st.integers(0, 50_000), st.sampled_from((*WRONG_TYPES, 0.1 + 0.2, 1e300)))


def optional_id(good: int) -> st.SearchStrategy[Any]:
    """A record id: a real one, none, or hostile."""
    return st.one_of(st.just(good), st.none(), integer_or_wrong())


def day() -> st.SearchStrategy[date]:
    return st.one_of(
        st.sampled_from((date(1, 1, 1), date(9999, 12, 31), date(2026, 11, 22), date(2026, 3, 29))),
        st.dates(min_value=date(2026, 11, 1), max_value=date(2028, 1, 1)),
        st.dates(),
    )


def day_or_wrong() -> st.SearchStrategy[Any]:
    return st.one_of(day(), day(), st.sampled_from((*WRONG_TYPES, datetime(2026, 12, 1, 10, 30))))


DST_MOMENTS = (
    datetime(2027, 3, 28, 2, 30),  # does not exist in Europe/Rome
    datetime(2026, 10, 25, 2, 30),  # exists twice
    datetime(2027, 10, 31, 1, 45),
)


def moment() -> st.SearchStrategy[datetime]:
    """A naive local time: near the fixed clock (Sunday 22 November 2026), across DST, or far."""
    return st.one_of(
        st.sampled_from(DST_MOMENTS),
        st.sampled_from((datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59), datetime(2026, 11, 22, 9, 0))),
        st.datetimes(min_value=datetime(2026, 11, 20), max_value=datetime(2027, 12, 31)).map(
            lambda moment: moment.replace(second=0, microsecond=0)
        ),
        st.datetimes(),
    )


def moment_or_wrong() -> st.SearchStrategy[Any]:
    return st.one_of(moment(), moment(), st.sampled_from((*WRONG_TYPES, date(2026, 12, 1))))


def span() -> st.SearchStrategy[tuple[Any, Any]]:
    """A start and an end: in order, out of order, empty, huge, or of the wrong type."""
    ordered = st.tuples(moment(), st.integers(-600, 60 * 24 * 3)).map(
        lambda pair: (pair[0], pair[0] + timedelta(minutes=pair[1])) if _fits(pair[0], pair[1]) else (pair[0], pair[0])
    )
    return st.one_of(ordered, ordered, st.tuples(moment_or_wrong(), moment_or_wrong()))


def _fits(start: datetime, minutes: int) -> bool:
    try:
        start + timedelta(minutes=minutes)
    except OverflowError:
        return False
    return True


def flag() -> st.SearchStrategy[Any]:
    return st.one_of(st.booleans(), st.booleans(), st.sampled_from((None, 1, "yes")))


def rrule() -> st.SearchStrategy[Any]:
    """RRULE values: good ones, broken ones, endless ones and non-text."""
    return st.one_of(
        st.sampled_from(
            (
                "FREQ=WEEKLY;COUNT=4",
                "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
                "FREQ=DAILY;COUNT=2",
                "FREQ=WEEKLY",
                "FREQ=SECONDLY",
                "FREQ=MINUTELY;COUNT=100000",
                "FREQ=WEEKLY;UNTIL=99991231T000000",
                "FREQ=WEEKLY;UNTIL=20200101T000000",
                "FREQ=YEARLY;BYMONTH=13",
                "FREQ=WEEKLY;BYDAY=XX",
                "FREQ=WEEKLY;COUNT=-1",
                "FREQ=WEEKLY;COUNT=99999999999999999999",
                "FREQ=WEEKLY;INTERVAL=0;COUNT=2",
                "RRULE:FREQ=WEEKLY;COUNT=2",
                "DTSTART:20261201T100000\nRRULE:FREQ=DAILY;COUNT=2",
                "",
                SQL,
                "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3",
                "FREQ=WEEKLY;BYSETPOS=1;COUNT=2",
            )
        ),
        text(),
        st.sampled_from(WRONG_TYPES),
    )
