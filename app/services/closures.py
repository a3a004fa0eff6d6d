"""Closures: days on which the house is closed and nothing can be booked.

Each year the desk is offered the Italian public holidays and Turin's patron saint (San Giovanni,
24 June) from the ``holidays`` package (``public_holidays``, which the demo house closes on too); a
coordinator accepts those they want as closures.

On a closed day the occurrences of a series do not happen (``booking_rows``): a weekly course
simply skips Christmas. A booking of its own (one-off or moved occurrence, tentative or
confirmed) is a promise made to someone, so a closure over its day is refused with the list of
such bookings (``bookings_in``): the desk moves or cancels them first, then closes the house.
The queries shared with the rest of the calendar (``closure_on``, ``closed_days``) are in
``closure_days``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Closure, Room
from app.errors import ValidationError, record_gone
from app.i18n import _, current_language, format_date, format_time, ngettext
from app.services import audit
from app.services.booking_rows import rows_between
from app.services.booking_types import BookingRow
from app.services.closure_days import ClosureRow, closed_days, closure_on, span_days
from app.services.roles import Actor, Role, authorise
from app.services.validation import (
    Problems,
    check_day_range,
    check_kinds,
    check_max_length,
    check_required,
    check_values,
    clean,
)

__all__ = [
    "ClosureRow",
    "ClosureService",
    "ProposedHoliday",
    "closed_days",
    "closure_on",
    "public_holidays",
    "span_days",
]

HOLIDAY_SUBDIVISION = "TO"  # the province of Turin, for its patron saint


@dataclass(frozen=True)
class ProposedHoliday:
    day: date
    name: str
    already_closed: bool


def public_holidays(years: Iterable[int], *, language: str | None = None) -> list[tuple[date, str]]:
    """The public holidays of ``years`` in Turin by day, with their names: what the desk proposes
    as closures, and what the demo house closed on (one source, so both name them alike).

    Args:
        language: a ``holidays`` language such as ``"it_IT"``; by default the desk's language
            (Italian, else English).
    """
    import holidays  # only when asked: it is a large package

    if language is None:
        language = "it_IT" if current_language().startswith("it") else "en_US"
    calendar = holidays.country_holidays("IT", subdiv=HOLIDAY_SUBDIVISION, years=list(years), language=language)
    return [(day, str(name)) for day, name in sorted(calendar.items())]


LISTED_BOOKINGS = 10  # a refused closure names this many bookings, then says how many more


def _bookings_in(session: Session, first_day: date, last_day: date) -> list[BookingRow]:
    """The bookings of their own (one-off or moved occurrence), tentative or confirmed, on those days."""
    start = datetime.combine(first_day, time())
    end = datetime.combine(last_day + timedelta(days=1), time())
    return [row for row in rows_between(session, start, end) if row.id is not None]


def _refuse_if_booked(session: Session, first_day: date, last_day: date) -> None:
    rows = _bookings_in(session, first_day, last_day)
    if rows:
        _refuse(session, rows)


def _refuse(session: Session, rows: list[BookingRow]) -> None:
    """Refuse a closure over ``rows``, naming them (date, time, room, who) so the desk can act."""
    statement = select(Room.id, Room.name).where(Room.id.in_({row.room_id for row in rows}))
    rooms: dict[int, str] = {room_id: name for room_id, name in session.execute(statement)}
    lines = [
        _("{date}, {start}-{end}, {room}: {holder}").format(
            date=format_date(row.start),
            start=format_time(row.start),
            end=format_time(row.end),
            room=rooms.get(row.room_id, ""),
            holder=row.holder,
        )
        for row in rows[:LISTED_BOOKINGS]
    ]
    more = len(rows) - LISTED_BOOKINGS
    if more > 0:
        lines.append(ngettext("and {count} more booking", "and {count} more bookings", more).format(count=more))
    raise ValidationError(
        _("Some bookings fall on these days: move or cancel them first, then close the house.\n{bookings}").format(
            bookings="\n".join(lines)
        ),
        field="first_day",
    )


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
        check_values({"first_day": (first_day, date), "last_day": (last_day, date | None), "reason": (reason, str)})
        last_day = last_day or first_day
        reason = clean(reason)
        problems = Problems()
        check_day_range(problems, "first_day", first_day)
        check_day_range(problems, "last_day", last_day)
        check_required(problems, "reason", reason, _("Write why the house is closed, like Christmas."))
        check_max_length(problems, "reason", reason, 200)
        if last_day < first_day:
            problems.add("last_day", _("The last day is before the first day: check both dates."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            return self._add(session, actor, first_day, last_day, reason)

    def bookings_in(self, actor: Actor, first_day: date, last_day: date) -> list[BookingRow]:
        """The bookings that stop a closure of ``first_day`` .. ``last_day`` (both included): one-off
        bookings and moved occurrences, tentative or confirmed, by start. The occurrences of a
        series are not among them: on a closed day they do not happen."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return _bookings_in(session, first_day, last_day)

    def remove(self, actor: Actor, closure_id: int) -> None:
        check_values({"closure_id": (closure_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            closure = session.get(Closure, closure_id)
            if closure is None:
                raise record_gone()
            session.delete(closure)
            audit.record(session, self._clock, actor, "delete", "closure", closure_id)

    def propose_holidays(self, actor: Actor, year: int) -> list[ProposedHoliday]:
        """The public holidays of ``year`` in Turin, for the desk to accept as closures."""
        proposed = public_holidays([year])
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            closed = closed_days(session, date(year, 1, 1), date(year, 12, 31))
        return [ProposedHoliday(day=day, name=name, already_closed=day in closed) for day, name in proposed]

    def accept_holidays(self, actor: Actor, proposals: list[ProposedHoliday]) -> list[ClosureRow]:
        """Save the chosen proposals as one-day closures, skipping days already closed; all of them
        or, when one falls on a booking, none (the error lists the bookings of every day).

        Raises:
            ValidationError: bookings fall on some of the days.
        """
        check_values(
            {"proposals": (tuple(proposals) if isinstance(proposals, list) else proposals, tuple[ProposedHoliday, ...])}
        )
        for proposal in proposals:
            check_kinds(proposal)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            days = {
                proposal.day: clean(proposal.name) or proposal.day.isoformat()
                for proposal in proposals
                if closure_on(session, proposal.day, proposal.day) is None
            }
            booked = [row for day in sorted(days) for row in _bookings_in(session, day, day)]
            if booked:
                _refuse(session, booked)
            return [self._add(session, actor, day, day, days[day][:200]) for day in sorted(days)]

    def _add(self, session: Session, actor: Actor, first_day: date, last_day: date, reason: str) -> ClosureRow:
        _refuse_if_booked(session, first_day, last_day)
        closure = Closure(first_day=first_day, last_day=last_day, reason=reason, created_at=self._clock.now())
        session.add(closure)
        session.flush()
        audit.record(session, self._clock, actor, "create", "closure", closure.id, ["first_day", "last_day", "reason"])
        return ClosureRow(closure.id, first_day, last_day, reason)
