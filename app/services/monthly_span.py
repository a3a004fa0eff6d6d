"""The calendar month a set of figures covers, and the SQL for the minutes of a time span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, and_, cast, func
from sqlalchemy.sql.elements import ColumnElement

from app.errors import ValidationError
from app.i18n import _

FIRST_YEAR = 1901  # the year before must still be a year of the calendar too
LAST_YEAR = 9998  # the month after December 9998 must still be a date


@dataclass(frozen=True)
class MonthSpan:
    """``[start, end)`` from the first midnight of the month to the first of the next, naive local
    time as stored; ``first_day`` and ``last_day`` are the month's days, both included."""

    year: int
    month: int
    start: datetime
    end: datetime

    @classmethod
    def of(cls, year: int, month: int) -> MonthSpan:
        """The month; raises ``ValidationError`` for a month that is not one."""
        if not 1 <= month <= 12:
            raise ValidationError(_("Choose a month between 1 and 12."))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                _("Choose a year between {first} and {last}.").format(first=FIRST_YEAR, last=LAST_YEAR)
            )
        return cls._unchecked(year, month)

    @classmethod
    def _unchecked(cls, year: int, month: int) -> MonthSpan:
        start = datetime(year, month, 1)
        end = datetime(year + 1, 1, 1) if month == 12 else datetime(year, month + 1, 1)
        return cls(year, month, start, end)

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=offset) for offset in range((self.end - self.start).days)]

    def year_before(self) -> MonthSpan:
        return MonthSpan._unchecked(self.year - 1, self.month)

    def holds(self, column: Any) -> ColumnElement[bool]:
        """``start <= column < end``: one range of an index on ``column``."""
        return and_(column >= self.start, column < self.end)


def minutes(start: datetime, end: datetime) -> int:
    """Whole minutes from ``start`` to ``end`` on the wall clock, as ``attendance`` counts them."""
    return int((end - start).total_seconds() // 60)


def sql_minutes(start: Any, end: Any) -> ColumnElement[int]:
    """``minutes(start, end)`` in SQLite, from two DATETIME columns (julianday days x 1440)."""
    return cast(func.round((func.julianday(end) - func.julianday(start)) * 1440), Integer)
