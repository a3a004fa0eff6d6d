"""A day's opening hours as the desk writes them on a sign: ``9-13, 14-18:30, 20-23``.

Qt-free so that it is tested without widgets. One line per weekday is quicker to fill than time
fields with a button per span, and it holds as many spans as the house needs. Reading is
forgiving about the way of writing (``9``, ``9:30``, ``9.30``; any dash, with or without spaces;
spans apart by commas, semicolons, slashes, spaces or "and"); whether the spans make sense
(quarter hours, opening before closing, no overlaps) is left to the service's ``validate_spans``,
so its messages are the ones the desk reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import time

from app.i18n import _
from app.services.opening_hours import OpeningSpan
from ui.widgets.repeat_rule import weekday_name

_TIME = r"\d{1,2}(?:[:.]\d{2})?"
_SPAN = re.compile(rf"({_TIME})-({_TIME})")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")  # hyphen, en and em dashes, minus sign
_SEPARATORS = re.compile(r"[\s,;/&+]+")


def day_text(spans: Iterable[OpeningSpan]) -> str:
    """The spans of one day in time order, the way ``parse_day`` reads them back."""
    return ", ".join(f"{span.opens:%H:%M}-{span.closes:%H:%M}" for span in sorted(spans))


def parse_day(text: str, weekday: int) -> list[OpeningSpan]:
    """The spans written in ``text`` for ``weekday``, in time order; an empty text is a closed day.

    Raises:
        ValueError: a part cannot be read as a span of time; the translated message names the day
            and the part, and shows how to write it.
    """
    words = {"and", _("and").casefold()}
    cleaned = _DASHES.sub("-", text.strip())
    parts = [part for part in _SEPARATORS.split(cleaned) if part and part.casefold() not in words]
    return sorted(_parse_span(part, weekday) for part in parts)


def _parse_span(part: str, weekday: int) -> OpeningSpan:
    day = weekday_name(weekday)
    match = _SPAN.fullmatch(part)
    if match is None:
        raise ValueError(
            _(
                "{day}: “{text}” is not a span of time: write when the room opens and closes with a dash, "
                "like 9-13 or 14:30-18, and separate the spans with commas."
            ).format(day=day, text=part)
        )
    opens, closes = match.groups()
    return OpeningSpan(weekday, _time_of(day, opens), _time_of(day, closes))


def _time_of(day: str, written: str) -> time:
    """``9``, ``9:30`` or ``9.30`` as a time of day."""
    hour_text, _separator, minute_text = written.replace(".", ":").partition(":")
    hour, minute = int(hour_text), int(minute_text or "0")
    if (hour, minute) == (24, 0):
        raise ValueError(_("{day}: the last time of a day is 23:45: write 23:45 instead of 24.").format(day=day))
    if hour > 23 or minute > 59:
        raise ValueError(
            _("{day}: “{text}” is not a time of day: the hours go from 0 to 23, the minutes from 00 to 59.").format(
                day=day, text=written
            )
        )
    return time(hour, minute)
