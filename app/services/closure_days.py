"""Which days the house is closed: the queries every part of the calendar shares.

Apart from ``closures`` (the service that adds and removes closures) so that reading bookings can
leave out the occurrences of a series on a closed day, and the closure service can list the
bookings in its way, without the two modules importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Closure


@dataclass(frozen=True)
class ClosureRow:
    id: int
    first_day: date
    last_day: date
    reason: str


def closure_on(session: Session, first_day: date, last_day: date) -> ClosureRow | None:
    """The first closure that shares a day with ``first_day`` .. ``last_day`` (both included)."""
    closure = session.scalar(
        select(Closure)
        .where(Closure.first_day <= last_day, Closure.last_day >= first_day)
        .order_by(Closure.first_day)
        .limit(1)
    )
    return None if closure is None else ClosureRow(closure.id, closure.first_day, closure.last_day, closure.reason)


def closed_days(session: Session, first_day: date, last_day: date) -> set[date]:
    """Every closed day between ``first_day`` and ``last_day`` (both included)."""
    days: set[date] = set()
    statement = select(Closure.first_day, Closure.last_day).where(
        Closure.first_day <= last_day, Closure.last_day >= first_day
    )
    for start, end in session.execute(statement):
        day = max(start, first_day)
        while day <= min(end, last_day):
            days.add(day)
            day += timedelta(days=1)
    return days


def span_days(start: datetime, end: datetime) -> tuple[date, date]:
    """The first and last day touched by the half-open span ``[start, end)``."""
    return start.date(), (end - timedelta(microseconds=1)).date()
