"""What the receipts search field means, without Qt: a receipt number, words of a name, a date.

The service already understands a number ("12", "12/2026") and words of the payer's name; a
date is the desk's own addition, so it is split off here and passed as a day range. "12/2026" is a
receipt (number and year), never a date: a date always has its day, month and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# 22/11/2026, 22.11.2026, 22-11-2026, 22/11/26 (day first, as in Italy), and 2026-11-22.
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class ReceiptQuery:
    """The search as the service takes it: the words (or number) and the days to look at."""

    text: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(token: str) -> date | None:
    """``token`` as a date, or None; day first, else month first when only that makes sense."""
    iso = _ISO.match(token)
    if iso is not None:
        return _make_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    match = _DAY_FIRST.match(token)
    if match is None:
        return None
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if year < 100:
        year += 2000
    # 11/22/2026 cannot be the 11th of a 22nd month: someone used to the American order typed it.
    return _make_date(year, second, first) or _make_date(year, first, second)


def parse_receipt_query(text: str) -> ReceiptQuery:
    """Split the typed text into the service's query and a day range.

    Two dates mean "from the first to the second" (in either order); one date means that day.
    """
    words: list[str] = []
    days: list[date] = []
    for token in text.split():
        day = parse_date(token)
        if day is not None and len(days) < 2:
            days.append(day)
        else:
            words.append(token)
    if not days:
        return ReceiptQuery(text=" ".join(words))
    return ReceiptQuery(text=" ".join(words), date_from=min(days), date_to=max(days))
