"""The pure rules of bookings and series: prices, RFC 5545 rules, exception dates, a series' end.

Prices: the hours times the room's hourly rate, or its ``member_rate_cents`` when the holder is a
member association (``organisations.member``); a person pays the hourly rate. A price is fixed
when a booking or series is saved (and computed again when its time, room or holder changes):
changing a room's rates or an association's membership later leaves the saved prices as they are.

Nothing here touches the database, so every module of the calendar (bookings, series edits, dues,
calendars, the demo) shares one definition of each rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from dateutil.rrule import rrule, rrulestr

_EXDATE_FORMAT = "%Y-%m-%dT%H:%M"
_UNTIL_OR_COUNT = re.compile(r";?(UNTIL|COUNT)=[^;]*", re.IGNORECASE)
_PARSED_RULES = 1024  # rules kept parsed: more than the ~470 series of a season of a large house
_PART = r"[A-Z]+=[A-Z0-9+,-]+"
_PLAIN_RULE = re.compile(rf"{_PART}(?:;{_PART})*")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?")
_BYDAY = re.compile(r"(?:[+-]?[1-9][0-9]?)?(MO|TU|WE|TH|FR|SA|SU)")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_SHAPED_KEYS = frozenset({"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"})


def price_for(rate_cents: int, minutes: int) -> int:
    """The rate per hour times the time, rounded to the cent."""
    return (rate_cents * max(minutes, 0) + 30) // 60


def computed_price(*, hourly_rate_cents: int, member_rate_cents: int, minutes: int, member: bool) -> int:
    """The price of ``minutes`` in a room with these rates: the reduced rate for a member
    association, the hourly rate for anyone else. The one rule behind every computed price."""
    return price_for(member_rate_cents if member else hourly_rate_cents, minutes)


def parse_exdates(text: str) -> set[datetime]:
    return {datetime.strptime(item, _EXDATE_FORMAT) for item in text.split(",") if item}


@functools.lru_cache(maxsize=_PARSED_RULES)
def exdate_set(text: str) -> frozenset[datetime]:
    """``parse_exdates`` kept for reading the calendar: a series' exception dates are parsed
    once, not on every day the views show."""
    return frozenset(parse_exdates(text))


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
    return _parsed_rule(value, dtstart)


@functools.lru_cache(maxsize=_PARSED_RULES)
def _parsed_rule(value: str, dtstart: datetime) -> rrule:
    """The rule of ``value``, parsed once: the views read the same series day after day.

    An ``rrule`` is never changed once built (``replace`` makes a new one), so sharing it is safe.
    A plain ``UNTIL=YYYYMMDD[THHMMSS]`` is read here rather than by dateutil's general date parser,
    which costs three times the rest of the rule; the rule is the one ``rrulestr`` builds
    (tests/app/test_booking_expansion.py compares the two).
    """
    parts = _rule_parts(value)
    until = _plain_until(parts.get("UNTIL", "")) if parts is not None and "FREQ" in parts else None
    if parts is not None and until is not None:
        rest = ";".join(f"{name}={part}" for name, part in parts.items() if name != "UNTIL")
        rule = rrulestr(rest, dtstart=dtstart)
        if isinstance(rule, rrule):
            return rule.replace(until=until)
    rule = rrulestr(value, dtstart=dtstart)
    if not isinstance(rule, rrule):
        raise ValueError(value)
    return rule


def _rule_parts(value: str) -> dict[str, str] | None:
    """``NAME=VALUE`` pairs of a rule written the plain way (no spaces, no name twice), or None."""
    text = value.upper()
    if _PLAIN_RULE.fullmatch(text) is None:
        return None
    pairs = [part.split("=") for part in text.split(";")]
    parts = {name: part for name, part in pairs}
    return parts if len(parts) == len(pairs) else None


def _plain_until(text: str) -> datetime | None:
    """A naive ``YYYYMMDD`` or ``YYYYMMDDTHHMMSS``, as dateutil's parser reads it; None for any
    other form (``Z``, a time zone, a valid date missing), which is left to dateutil."""
    match = _UNTIL.fullmatch(text)
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(number) for number in match.groups(default="0"))
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def forget_parsed() -> None:
    """Empty the caches of parsed rules and exception dates, so the next reading of the calendar
    parses as a first look at a season does (the benchmarks time that one)."""
    _parsed_rule.cache_clear()
    rule_shape.cache_clear()
    exdate_set.cache_clear()


@dataclass(frozen=True)
class RuleShape:
    """What the text of a simple weekly or monthly rule says before dateutil reads it.

    Enough to skip a series that cannot occur in a short range, and to expand a weekly rule from
    near the range instead of from its first date (``booking_rows.occurrence_starts``).
    """

    weekly: bool  # FREQ=WEEKLY; otherwise FREQ=MONTHLY
    interval: int
    weekdays: frozenset[int] | None  # of BYDAY (Monday 0); None: no BYDAY
    counted: bool  # COUNT: the occurrences are numbered from the first date

    def possible_weekdays(self, dtstart: datetime) -> frozenset[int] | None:
        """The weekdays an occurrence can fall on, or None when any.

        With BYDAY every occurrence falls on one of its days, whatever the ordinals (2TU, -1FR);
        a weekly rule without it repeats the first date's weekday; a monthly rule without it
        repeats the first date's day of the month, on any weekday.
        """
        if self.weekdays is not None:
            return self.weekdays
        return frozenset({dtstart.weekday()}) if self.weekly else None


@functools.lru_cache(maxsize=_PARSED_RULES)
def rule_shape(text: str) -> RuleShape | None:
    """The shape of a rule made only of FREQ=WEEKLY or MONTHLY, INTERVAL, BYDAY, UNTIL or COUNT
    and WKST, each written the plain way; None for any other rule (it is expanded as it is)."""
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    parts = _rule_parts(value)
    if parts is None or not parts.keys() <= _SHAPED_KEYS or parts.get("FREQ") not in ("WEEKLY", "MONTHLY"):
        return None
    if ("UNTIL" in parts and "COUNT" in parts) or parts.get("WKST", "MO") not in _WEEKDAYS:
        return None
    interval = parts.get("INTERVAL", "1")
    count = parts.get("COUNT", "1")
    if not (interval.isdigit() and int(interval) > 0 and count.isdigit()):
        return None
    if "UNTIL" in parts and _plain_until(parts["UNTIL"]) is None:
        return None
    weekdays: frozenset[int] | None = None
    if "BYDAY" in parts:
        days = [_BYDAY.fullmatch(day) for day in parts["BYDAY"].split(",")]
        if not all(days):
            return None
        weekdays = frozenset(_WEEKDAYS.index(day.group(1)) for day in days if day is not None)
    return RuleShape(
        weekly=parts["FREQ"] == "WEEKLY", interval=int(interval), weekdays=weekdays, counted="COUNT" in parts
    )


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
