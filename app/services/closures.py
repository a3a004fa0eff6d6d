"""Closures: days on which the house is closed and nothing can be booked.

Each year the desk is offered the Italian public holidays and Turin's patron saint (San Giovanni,
24 June) from the ``holidays`` package; a coordinator accepts those they want as closures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Closure
from app.errors import record_gone
from app.i18n import _, current_language
from app.services import audit
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_max_length, check_required, clean

HOLIDAY_SUBDIVISION = "TO"  # the province of Turin, for its patron saint


@dataclass(frozen=True)
class ClosureRow:
    id: int
    first_day: date
    last_day: date
    reason: str


@dataclass(frozen=True)
class ProposedHoliday:
    day: date
    name: str
    already_closed: bool


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


class ClosureService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def closures(self, actor: Actor, first_day: date, last_day: date) -> list[ClosureRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                select(Closure)
                .where(Closure.first_day <= last_day, Closure.last_day >= first_day)
                .order_by(Closure.first_day)
            )
            return [ClosureRow(c.id, c.first_day, c.last_day, c.reason) for c in session.scalars(statement)]

    def add(self, actor: Actor, first_day: date, last_day: date | None = None, reason: str = "") -> ClosureRow:
        last_day = last_day or first_day
        reason = clean(reason)
        problems = Problems()
        check_required(problems, "reason", reason, _("Write why the house is closed, like Christmas."))
        check_max_length(problems, "reason", reason, 200)
        if last_day < first_day:
            problems.add("last_day", _("The last day is before the first day: check both dates."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            closure = Closure(first_day=first_day, last_day=last_day, reason=reason, created_at=self._clock.now())
            session.add(closure)
            session.flush()
            audit.record(
                session, self._clock, actor, "create", "closure", closure.id, ["first_day", "last_day", "reason"]
            )
            return ClosureRow(closure.id, first_day, last_day, reason)

    def remove(self, actor: Actor, closure_id: int) -> None:
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            closure = session.get(Closure, closure_id)
            if closure is None:
                raise record_gone()
            session.delete(closure)
            audit.record(session, self._clock, actor, "delete", "closure", closure_id)

    def propose_holidays(self, actor: Actor, year: int) -> list[ProposedHoliday]:
        """The public holidays of ``year`` in Turin, for the desk to accept as closures."""
        import holidays  # only when asked: it is a large package

        language = "it_IT" if current_language().startswith("it") else "en_US"
        calendar = holidays.country_holidays("IT", subdiv=HOLIDAY_SUBDIVISION, years=year, language=language)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            closed = closed_days(session, date(year, 1, 1), date(year, 12, 31))
        return [
            ProposedHoliday(day=day, name=str(name), already_closed=day in closed)
            for day, name in sorted(calendar.items())
        ]

    def accept_holidays(self, actor: Actor, proposals: list[ProposedHoliday]) -> list[ClosureRow]:
        """Save the chosen proposals as one-day closures, skipping days already closed."""
        added = []
        for proposal in proposals:
            with self._database.sessions.begin() as session:
                authorise(session, actor, Role.COORDINATOR)
                if closure_on(session, proposal.day, proposal.day) is not None:
                    continue
            added.append(self.add(actor, proposal.day, proposal.day, proposal.name))
        return added
