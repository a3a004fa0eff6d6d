"""The period of an export: from a first to a last day, both included, or everything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.errors import ValidationError
from app.i18n import _

EARLIEST = date(1900, 1, 1)
LATEST = date(9999, 12, 30)  # the day after must still be a date


@dataclass(frozen=True)
class Period:
    """``first`` to ``last`` (both included); None at either end means no limit there."""

    first: date | None = None
    last: date | None = None

    @property
    def bounded(self) -> bool:
        return self.first is not None and self.last is not None

    def days(self) -> tuple[date, date]:
        return self.first or EARLIEST, self.last or LATEST

    def span(self) -> tuple[datetime, datetime]:
        """The half-open ``[start, end)`` of wall-clock times of the period."""
        first, last = self.days()
        return datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())

    def windows(self, days: int) -> Iterator[tuple[datetime, datetime]]:
        """The period cut in half-open spans of ``days`` days: each is read in a short
        transaction of its own, so a long export never keeps the desk from saving."""
        start, end = self.span()
        step = timedelta(days=days)
        while start < end:
            yield start, min(start + step, end)
            start += step

    def check(self, *, required: bool) -> None:
        """Raises:
        ValidationError: the days are swapped, or the list needs both and one is missing.
        """
        if required and not self.bounded:
            raise ValidationError(_("Choose the first and the last day of the period."), field="first")
        if self.first is not None and self.last is not None and self.first > self.last:
            raise ValidationError(_("The first day comes after the last one: swap them."), field="first")
