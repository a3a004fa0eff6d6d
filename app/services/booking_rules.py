"""The pure rules of bookings and series: prices, RFC 5545 rules, exception dates, a series' end.

Prices: the hours times the room's hourly rate, or its ``member_rate_cents`` when the holder is a
member association (``organisations.member``); a person pays the hourly rate. A price is fixed
when a booking or series is saved (and computed again when its time, room or holder changes):
changing a room's rates or an association's membership later leaves the saved prices as they are.

Nothing here touches the database, so every module of the calendar (bookings, series edits, dues,
calendars, the demo) shares one definition of each rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from dateutil.rrule import rrule, rrulestr

_EXDATE_FORMAT = "%Y-%m-%dT%H:%M"
_UNTIL_OR_COUNT = re.compile(r";?(UNTIL|COUNT)=[^;]*", re.IGNORECASE)


def price_for(rate_cents: int, minutes: int) -> int:
    """The rate per hour times the time, rounded to the cent."""
    return (rate_cents * max(minutes, 0) + 30) // 60


def computed_price(*, hourly_rate_cents: int, member_rate_cents: int, minutes: int, member: bool) -> int:
    """The price of ``minutes`` in a room with these rates: the reduced rate for a member
    association, the hourly rate for anyone else. The one rule behind every computed price."""
    return price_for(member_rate_cents if member else hourly_rate_cents, minutes)


def parse_exdates(text: str) -> set[datetime]:
    return {datetime.strptime(item, _EXDATE_FORMAT) for item in text.split(",") if item}


def format_exdates(values: Iterable[datetime]) -> str:
    return ",".join(sorted(value.strftime(_EXDATE_FORMAT) for value in values))


def parse_rule(text: str, dtstart: datetime) -> rrule:
    """The rule of ``text`` from the naive ``dtstart``.

    Raises:
        ValueError: not an RRULE dateutil understands, or a set of rules.
    """
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    if not value or "\n" in value:
        raise ValueError(value)
    rule = rrulestr(value, dtstart=dtstart)
    if not isinstance(rule, rrule):
        raise ValueError(value)
    return rule


def rule_until(text: str, until: datetime) -> str:
    """``text`` with its end replaced by ``UNTIL=until`` (naive local)."""
    value = _UNTIL_OR_COUNT.sub("", text.strip()).strip(";")
    return f"{value};UNTIL={until.strftime('%Y%m%dT%H%M%S')}"


def is_open_ended(text: str) -> bool:
    return _UNTIL_OR_COUNT.search(text) is None


def series_last_end(text: str, dtstart: datetime, duration_minutes: int) -> datetime | None:
    """The end of the last occurrence of a bounded rule, or None while it is open-ended.

    Stored as ``booking_series.last_end`` whenever a series' rule is saved, so reading a range skips
    series that ended before it; exception dates are ignored (it is a bound, not the last booking).

    Raises:
        ValueError: as ``parse_rule``.
    """
    if is_open_ended(text):
        return None
    last = parse_rule(text, dtstart).before(datetime.max, inc=True)
    return (last or dtstart) + timedelta(minutes=duration_minutes)
