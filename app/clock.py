"""The house's clock.

Times are stored as naive local wall-clock time of the house (Europe/Rome): a booking at 18:00
stays at 18:00 across the DST changes, and what the desk types is what is stored. Services take a
clock so that tests can set the time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

HOUSE_TIMEZONE = ZoneInfo("Europe/Rome")


class Clock(Protocol):
    def now(self) -> datetime:
        """The house's local time, naive, to the second."""
        ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(HOUSE_TIMEZONE).replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock that only moves when told to (tests, demo generation)."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 22, 9, 0))

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, **kwargs: float) -> None:
        self.current += timedelta(**kwargs)
