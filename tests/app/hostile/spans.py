"""Weekly opening spans as a careless caller or a hostile script could hand them to the rooms.

Whole weeks of many good spans in any order (stored, sorted), and the same weeks with one bad
span among them: two spans of a day that overlap, a span that opens when or after it closes, a
weekday outside 0-6, a time off the quarter hour, as text or with a time zone; also no spans at
all, a tuple instead of a list, and values that are not spans. The service stores the spans sorted
by day and time, or refuses them all.
"""

from __future__ import annotations

from datetime import UTC, time
from typing import Any

from hypothesis import strategies as st

from app.services.opening_hours import OpeningSpan
from tests.app.hostile import strategies as hs

LAST_QUARTER = 24 * 4 - 1  # 23:45


def _at(quarter: int) -> time:
    return time(quarter // 4, quarter % 4 * 15)


def _weekday() -> st.SearchStrategy[int]:
    return st.integers(0, 6)


def _day(weekday: int) -> st.SearchStrategy[list[OpeningSpan]]:
    """Up to two spans of one day, apart or touching (13:00-18:00 after 9:00-13:00), never overlapping."""
    bounds = st.lists(st.integers(0, LAST_QUARTER), max_size=4, unique=True).map(sorted)
    return bounds.map(
        lambda edges: [OpeningSpan(weekday, _at(a), _at(b)) for a, b in zip(edges[::2], edges[1::2], strict=False)]
    )


BUSY_WEEK = [OpeningSpan(weekday, _at(first), _at(first + 8)) for weekday in range(7) for first in (28, 36, 52, 68)]
"""28 spans, two of each day touching (9:00-11:00 and 11:00-13:00): many, all good."""


def _week() -> st.SearchStrategy[list[OpeningSpan]]:
    """Good spans on a few days or on every day (up to 28), shuffled: the service sorts them."""
    days = st.tuples(*(_day(weekday) for weekday in range(7)))
    drawn = days.map(lambda week: [span for day in week for span in day])
    return st.one_of(drawn, st.just(BUSY_WEEK)).flatmap(st.permutations)


def _overlapping() -> st.SearchStrategy[list[OpeningSpan]]:
    """Two spans of one day where the second opens before the first closes (or the same span twice)."""
    return st.tuples(_weekday(), st.integers(0, 80), st.integers(1, 8), st.integers(0, 7), st.integers(1, 8)).map(
        lambda t: [
            OpeningSpan(t[0], _at(t[1]), _at(t[1] + t[2])),
            OpeningSpan(t[0], _at(t[1] + min(t[3], t[2] - 1)), _at(t[1] + min(t[3], t[2] - 1) + t[4])),
        ]
    )


def _backwards() -> st.SearchStrategy[OpeningSpan]:
    """Opens when it closes, or after."""
    return st.tuples(_weekday(), st.integers(0, LAST_QUARTER), st.integers(0, 20)).map(
        lambda t: OpeningSpan(t[0], _at(min(t[1] + t[2], LAST_QUARTER)), _at(t[1]))
    )


def _clock_time() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(0, LAST_QUARTER).map(_at),
        st.times(),  # seconds and microseconds: off the quarter hour
        st.sampled_from((time(0), time(23, 59), time(9, tzinfo=UTC), time(9, 7))),
        st.sampled_from(("09:00", "9", "", "18:00:00", "25:99")),
        st.sampled_from(hs.WRONG_TYPES),
    )


def _odd_span() -> st.SearchStrategy[Any]:
    """A span with any field hostile: weekday 7 or -1 or huge, times of the wrong kind."""
    return st.builds(
        OpeningSpan,
        weekday=st.one_of(_weekday(), st.sampled_from((7, -1)), hs.integer_or_wrong()),
        opens=_clock_time(),
        closes=_clock_time(),
    )


def _bad() -> st.SearchStrategy[list[Any]]:
    return st.one_of(_overlapping(), _backwards().map(lambda span: [span]), _odd_span().map(lambda span: [span]))


def spans() -> st.SearchStrategy[Any]:
    """What a room's weekly hours may be given as; ``expected`` says how good ones read back."""
    week = _week()
    spoilt = st.tuples(week, _bad()).flatmap(lambda pair: st.permutations(pair[0] + pair[1]))
    return st.one_of(
        st.just([]),
        week,
        week,  # twice: a good week should be common enough to be stored with other hostile fields
        week.map(tuple),
        spoilt,
        spoilt,
        st.lists(_odd_span(), min_size=1, max_size=3),
        st.lists(hs.text(), max_size=1),
        st.sampled_from(hs.WRONG_TYPES),
    )


def expected(given: Any) -> list[OpeningSpan]:
    """Stored spans read back sorted by weekday and opening time, whatever order they came in."""
    return sorted(given)
