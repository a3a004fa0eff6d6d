"""What the repeat editor can say, as plain data, and its RFC 5545 RRULE text both ways.

Qt-free so that it is tested without widgets. The editor offers the repetitions a house uses:
weekly on chosen days every N weeks, or monthly on the Nth weekday (first to fourth, or last),
ending on a date, after N times, or never. ``to_rrule`` writes what ``BookingService`` parses
(python-dateutil syntax, times naive local); ``from_rrule`` reads a stored rule back, and returns
None for a rule the editor cannot show (an imported daily rule, say), which is then kept as it is.

The end date is written as ``UNTIL=<day>T235959``, naive local like every time of the house, so
an occurrence on the last day is included whatever its hour.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from babel.lists import format_list

from app.i18n import N_, _, current_language, format_date, ngettext
from app.services.booking_rules import is_open_ended, parse_rule
from app.text import capitalised

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LAST = -1
ORDINALS = (1, 2, 3, 4, LAST)
MAX_INTERVAL = 52
MAX_COUNT = 999
SEASON_END = (6, 30)
"""A house's season ends in June: a new weekly series proposes to end on the next 30 June."""

# Italian ordinals agree with the day's gender: Sunday ("domenica") is the only feminine one.
_ORDINAL_PHRASES = {
    1: N_("the first {weekday} of the month"),
    2: N_("the second {weekday} of the month"),
    3: N_("the third {weekday} of the month"),
    4: N_("the fourth {weekday} of the month"),
    LAST: N_("the last {weekday} of the month"),
}
_SUNDAY_PHRASES = {
    1: N_("the first Sunday of the month"),
    2: N_("the second Sunday of the month"),
    3: N_("the third Sunday of the month"),
    4: N_("the fourth Sunday of the month"),
    LAST: N_("the last Sunday of the month"),
}
_MONDAY = date(2024, 1, 1)  # any Monday: the weekday names come from Babel through it
_BYDAY = re.compile(r"^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$")


class Frequency(enum.Enum):
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class Ending(enum.Enum):
    UNTIL = "until"
    COUNT = "count"
    NEVER = "never"


@dataclass(frozen=True)
class Repeat:
    """A repetition the editor can show. ``weekdays`` are 0 (Monday) to 6 (Sunday)."""

    frequency: Frequency = Frequency.NONE
    weekdays: tuple[int, ...] = ()
    interval: int = 1
    ordinal: int = 1  # monthly: 1 to 4, or LAST
    weekday: int = 0  # monthly: the day of the week
    ending: Ending = Ending.UNTIL
    until: date | None = None
    count: int = 10


def weekday_name(weekday: int, *, short: bool = False) -> str:
    """The name of the day in the desk's language: "martedì" or "mar" for 1."""
    return format_date(_MONDAY + timedelta(days=weekday), "EEE" if short else "EEEE")


def ordinal_phrase(ordinal: int, weekday: int) -> str:
    """ "the second Tuesday of the month", agreed in gender in Italian."""
    if weekday == 6:
        return _(_SUNDAY_PHRASES[ordinal])
    return _(_ORDINAL_PHRASES[ordinal]).format(weekday=weekday_name(weekday))


def ordinal_of(day: date) -> int:
    """Which of its weekdays in the month ``day`` is: 1 to 4, or LAST for the fifth."""
    ordinal = (day.day - 1) // 7 + 1
    return ordinal if ordinal <= 4 else LAST


def season_end(day: date) -> date:
    """The next 30 June on or after ``day``: where a new weekly series proposes to stop."""
    end = date(day.year, *SEASON_END)
    return end if end >= day else date(day.year + 1, *SEASON_END)


def problems_of(repeat: Repeat, first_day: date) -> list[str]:
    """What is wrong with ``repeat`` starting on ``first_day``, in words that say what to fix."""
    problems: list[str] = []
    if repeat.frequency is Frequency.NONE:
        return problems
    if repeat.frequency is Frequency.WEEKLY and not repeat.weekdays:
        problems.append(_("Choose at least one day of the week."))
    if not 1 <= repeat.interval <= MAX_INTERVAL:
        problems.append(_("Repeat every 1 to {most} weeks.").format(most=MAX_INTERVAL))
    if repeat.ending is Ending.UNTIL:
        if repeat.until is None:
            problems.append(_("Write the last day of the repetition."))
        elif repeat.until < first_day:
            problems.append(_("The last day is before the first one: check the end date."))
    elif repeat.ending is Ending.COUNT and not 1 <= repeat.count <= MAX_COUNT:
        problems.append(_("Repeat from 1 to {most} times.").format(most=MAX_COUNT))
    return problems


def to_rrule(repeat: Repeat) -> str | None:
    """The RRULE value (without ``RRULE:``), or None when the booking does not repeat."""
    if repeat.frequency is Frequency.NONE:
        return None
    if repeat.frequency is Frequency.WEEKLY:
        days = ",".join(WEEKDAY_CODES[day] for day in sorted(set(repeat.weekdays)))
        parts = ["FREQ=WEEKLY"]
        if repeat.interval != 1:
            parts.append(f"INTERVAL={repeat.interval}")
        parts.append(f"BYDAY={days}")
    else:
        parts = ["FREQ=MONTHLY", f"BYDAY={repeat.ordinal}{WEEKDAY_CODES[repeat.weekday]}"]
    if repeat.ending is Ending.UNTIL and repeat.until is not None:
        parts.append("UNTIL=" + datetime.combine(repeat.until, time(23, 59, 59)).strftime("%Y%m%dT%H%M%S"))
    elif repeat.ending is Ending.COUNT:
        parts.append(f"COUNT={repeat.count}")
    return ";".join(parts)


def _until_day(value: str) -> date | None:
    digits = value[:8]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def from_rrule(text: str) -> Repeat | None:
    """The ``Repeat`` that ``text`` means, or None if the editor cannot show it faithfully."""
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    parts: dict[str, str] = {}
    for item in value.upper().split(";"):
        if not item:
            continue
        key, sign, part = item.partition("=")
        if not sign or key in parts:
            return None
        parts[key] = part
    parts.pop("WKST", None)
    frequency = parts.pop("FREQ", "")
    ending, until, count = Ending.NEVER, None, 10
    if "UNTIL" in parts and "COUNT" in parts:
        return None
    if "UNTIL" in parts:
        until = _until_day(parts.pop("UNTIL"))
        if until is None:
            return None
        ending = Ending.UNTIL
    elif "COUNT" in parts:
        counted = parts.pop("COUNT")
        if not counted.isdigit():
            return None
        ending, count = Ending.COUNT, int(counted)
    interval_text = parts.pop("INTERVAL", "1")
    if not interval_text.isdigit() or not 1 <= int(interval_text) <= MAX_INTERVAL:
        return None
    interval = int(interval_text)
    days = [_BYDAY.match(day) for day in parts.pop("BYDAY", "").split(",") if day]
    if any(match is None for match in days):
        return None
    matched = [match for match in days if match is not None]
    if frequency == "WEEKLY" and matched and not parts and all(match.group(1) is None for match in matched):
        weekdays = tuple(sorted({WEEKDAY_CODES.index(match.group(2)) for match in matched}))
        return Repeat(Frequency.WEEKLY, weekdays, interval, ending=ending, until=until, count=count)
    if frequency == "MONTHLY" and interval == 1 and len(matched) == 1:
        ordinal_text = matched[0].group(1)
        position = parts.pop("BYSETPOS", None)  # Outlook writes BYDAY=TU;BYSETPOS=2
        if ordinal_text is None and position is not None:
            ordinal_text = position
        if ordinal_text is None or parts:
            return None
        ordinal = int(ordinal_text)
        if ordinal not in ORDINALS:
            return None
        weekday = WEEKDAY_CODES.index(matched[0].group(2))
        return Repeat(Frequency.MONTHLY, ordinal=ordinal, weekday=weekday, ending=ending, until=until, count=count)
    return None


def count_dates(rule: str, dtstart: datetime, limit: int = MAX_COUNT + 1) -> int | None:
    """How many dates ``rule`` gives from ``dtstart`` (None if it has no end, or past ``limit``)."""
    if is_open_ended(rule):
        return None
    counted = 0
    for _occurrence in parse_rule(rule, dtstart):
        counted += 1
        if counted >= limit:
            return None
    return counted


def describe(repeat: Repeat) -> str:
    """One line for the person at the desk: "Every week on Tuesday, until 30 Jun 2027"."""
    if repeat.frequency is Frequency.NONE:
        return _("Does not repeat")
    if repeat.frequency is Frequency.WEEKLY:
        days = format_list([weekday_name(day) for day in sorted(repeat.weekdays)], locale=current_language())
        text = ngettext("Every week on {days}", "Every {count} weeks on {days}", repeat.interval).format(
            count=repeat.interval, days=days or "…"
        )
    else:
        text = capitalised(ordinal_phrase(repeat.ordinal, repeat.weekday))
    if repeat.ending is Ending.UNTIL and repeat.until is not None:
        return _("{repetition}, until {date}").format(repetition=text, date=format_date(repeat.until))
    if repeat.ending is Ending.COUNT:
        return ngettext("{repetition}, once", "{repetition}, {count} times", repeat.count).format(
            repetition=text, count=repeat.count
        )
    return _("{repetition}, with no end").format(repetition=text)
