"""Attendance: a session's register, marking who came, a person's history and hours attended.

Rules:
- a row in ``attendances`` means present; no row means absent (or not marked yet);
- anyone at the desk marks the register, on the day of the session or later, never for a
  cancelled session; the register lists the people enrolled (present or not) and anyone else
  marked present: walk-ins, added by person id (the desk creates the person first when new),
  and people who withdrew after coming;
- marking is idempotent: marking present someone already present (or absent someone absent)
  changes nothing and keeps the first mark's time. Every call returns the ``AttendanceChange``
  it made, and ``undo`` reverses exactly that change, so undoing "all present" unmarks only the
  people it marked;
- hours attended are the sum of the lengths of the sessions a person was present at (cancelled
  sessions count for nothing); a session's length is its booking's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, Select, delete, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Attendance, Booking, Enrolment, Person, Room, Workshop, WorkshopSession
from app.errors import ValidationError, record_gone
from app.i18n import _, format_date
from app.services import audit
from app.services.bookings import BookingStatus
from app.services.roles import Actor, authorise, is_command_line
from app.services.validation import Problems, check_kinds, check_values
from app.services.workshop_sessions import SessionRow, read_session


@dataclass(frozen=True)
class RegisterLine:
    person_id: int
    name: str
    phone: str
    enrolled: bool  # False: a walk-in, or someone no longer enrolled
    present: bool


@dataclass(frozen=True)
class Register:
    """A session's register: the enrolled people by name, then the others marked present."""

    session: SessionRow
    facilitator_name: str
    lines: tuple[RegisterLine, ...]

    @property
    def present_count(self) -> int:
        return sum(1 for line in self.lines if line.present)


@dataclass(frozen=True)
class AttendanceChange:
    """What one marking did: the people it marked present and those it marked absent."""

    session_id: int
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed


@dataclass(frozen=True)
class AttendanceRow:
    """One session a person was present at."""

    session_id: int
    workshop_id: int
    workshop_title: str
    room_name: str
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


@dataclass(frozen=True)
class HoursRow:
    """Sessions attended and their total length, for a person in a workshop."""

    workshop_id: int
    workshop_title: str
    person_id: int
    name: str
    sessions: int
    minutes: int

    @property
    def hours(self) -> float:
        return self.minutes / 60


def _name(family: str, given: str) -> str:
    return f"{family} {given}".strip()


def _minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


_Attended = Select[int, str, str, WorkshopSession, Workshop, Booking, str]


def _attended() -> _Attended:
    """Attendances with their person, session, workshop, booking and room, of sessions not
    cancelled: add the conditions."""
    return (
        select(
            Attendance.person_id, Person.family_name, Person.given_name, WorkshopSession, Workshop, Booking, Room.name
        )
        .join(Person, Person.id == Attendance.person_id)
        .join(WorkshopSession, WorkshopSession.id == Attendance.session_id)
        .join(Workshop, Workshop.id == WorkshopSession.workshop_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .join(Room, Room.id == Booking.room_id)
        .where(Booking.status != BookingStatus.CANCELLED.value)
    )


class AttendanceService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- the register ------------------------------------------------------------------------------

    def register(self, actor: Actor, session_id: int) -> Register:
        """The register of a session, to tick."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            row = read_session(session, session_id)
            facilitator = session.execute(
                select(Person.family_name, Person.given_name)
                .join(Workshop, Workshop.facilitator_id == Person.id)
                .where(Workshop.id == row.workshop_id)
            ).one()
            enrolled = session.execute(
                select(Person.id, Person.family_name, Person.given_name, Person.phone, Person.sort_key)
                .join(Enrolment, Enrolment.person_id == Person.id)
                .where(Enrolment.workshop_id == row.workshop_id, Enrolment.status == "enrolled")
            ).all()
            present = session.execute(
                select(Person.id, Person.family_name, Person.given_name, Person.phone, Person.sort_key)
                .join(Attendance, Attendance.person_id == Person.id)
                .where(Attendance.session_id == session_id)
            ).all()
            present_ids = {values[0] for values in present}
            enrolled_ids = {values[0] for values in enrolled}
            lines = [
                (0, key, RegisterLine(person_id, _name(family, given), phone, True, person_id in present_ids))
                for person_id, family, given, phone, key in enrolled
            ]
            lines += [
                (1, key, RegisterLine(person_id, _name(family, given), phone, False, True))
                for person_id, family, given, phone, key in present
                if person_id not in enrolled_ids
            ]
            lines.sort(key=lambda item: (item[0], item[1], item[2].person_id))
            return Register(row, _name(*facilitator), tuple(line for _group, _key, line in lines))

    def present_counts(self, actor: Actor, session_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """For each session, (people marked present, people enrolled in its workshop), read in
        one query for all of them: the Today page shows these for every session of the day.

        "Present" counts everyone marked, walk-ins included, as the register does; "enrolled"
        counts the workshop's enrolments, not the waitlist. Sessions that do not exist are left
        out of the answer.
        """
        wanted = tuple(dict.fromkeys(session_ids))
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if not wanted:
                return {}
            present = (
                select(func.count())
                .where(Attendance.session_id == WorkshopSession.id)
                .correlate(WorkshopSession)
                .scalar_subquery()
            )
            enrolled = (
                select(func.count())
                .where(Enrolment.workshop_id == WorkshopSession.workshop_id, Enrolment.status == "enrolled")
                .correlate(WorkshopSession)
                .scalar_subquery()
            )
            rows = session.execute(select(WorkshopSession.id, present, enrolled).where(WorkshopSession.id.in_(wanted)))
            return {session_id: (int(marked), int(places)) for session_id, marked, places in rows}

    def mark(
        self, actor: Actor, session_id: int, person_ids: Iterable[int], *, present: bool = True
    ) -> AttendanceChange:
        """Mark these people present (or absent) at a session; returns what changed.

        Raises:
            NotFound: the session or one of the people is gone.
            ValidationError: the session is cancelled or has not come yet.
        """
        check_values(
            {
                "session_id": (session_id, int),
                "person_ids": (tuple(person_ids), tuple[int, ...]),
                "present": (present, bool),
            }
        )
        wanted = tuple(dict.fromkeys(person_ids))
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return self._change(session, actor, session_id, wanted if present else (), () if present else wanted)

    def all_present(self, actor: Actor, session_id: int) -> AttendanceChange:
        """Mark every enrolled person present; those already present keep their mark."""
        check_values({"session_id": (session_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            row = read_session(session, session_id)
            enrolled = session.scalars(
                select(Enrolment.person_id)
                .where(Enrolment.workshop_id == row.workshop_id, Enrolment.status == "enrolled")
                .order_by(Enrolment.queue_number)
            )
            return self._change(session, actor, session_id, tuple(enrolled), ())

    def undo(self, actor: Actor, change: AttendanceChange) -> AttendanceChange:
        """Reverse ``change``: unmark whom it marked present, mark again whom it marked absent.
        Returns the reversing change (undo that to redo)."""
        check_kinds(change)
        if set(change.added) & set(change.removed):
            # No change the register makes marks and unmarks one person at once: this one was not
            # made here, and undoing it would depend on the order of the lists.
            problems = Problems()
            problems.add("value", _("This is not what the desk expected here: close the window and start again."))
            problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return self._change(session, actor, change.session_id, change.removed, change.added)

    # -- history and hours -------------------------------------------------------------------------

    def history(self, actor: Actor, person_id: int) -> list[AttendanceRow]:
        """The sessions a person was present at, newest first."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = _attended().where(Attendance.person_id == person_id)
            rows = [
                AttendanceRow(
                    session_id=workshop_session.id,
                    workshop_id=workshop.id,
                    workshop_title=workshop.title,
                    room_name=room_name,
                    start=booking.starts_at,
                    end=booking.ends_at,
                )
                for _person, _family, _given, workshop_session, workshop, booking, room_name in session.execute(
                    statement
                )
            ]
        return sorted(rows, key=lambda row: (row.start, row.session_id), reverse=True)

    def hours(self, actor: Actor, workshop_id: int) -> list[HoursRow]:
        """Each person present at least once at the workshop: sessions and time attended, by name."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = _attended().where(WorkshopSession.workshop_id == workshop_id)
            return _totals(session.execute(statement), by_workshop=False)

    def person_hours(self, actor: Actor, person_id: int) -> list[HoursRow]:
        """A person's sessions and time attended in each workshop, by title."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = _attended().where(Attendance.person_id == person_id)
            return _totals(session.execute(statement), by_workshop=True)

    # -- writing -----------------------------------------------------------------------------------

    def _change(
        self, session: Session, actor: Actor, session_id: int, add: Sequence[int], remove: Sequence[int]
    ) -> AttendanceChange:
        row = read_session(session, session_id)
        if row.cancelled:
            raise ValidationError(_("This session was cancelled: there is no register to mark."))
        if row.start.date() > self._clock.today():
            raise ValidationError(
                _("This session is on {date}: mark the register on that day or later.").format(
                    date=format_date(row.start)
                )
            )
        if add:
            known = set(session.scalars(select(Person.id).where(Person.id.in_(add))))
            if len(known) < len(set(add)):
                raise record_gone()
        marked = set(
            session.scalars(
                select(Attendance.person_id).where(
                    Attendance.session_id == session_id, Attendance.person_id.in_([*add, *remove])
                )
            )
        )
        added = tuple(person_id for person_id in dict.fromkeys(add) if person_id not in marked)
        removed = tuple(person_id for person_id in dict.fromkeys(remove) if person_id in marked)
        now = self._clock.now()
        marked_by = None if is_command_line(actor) else actor.user_id
        session.add_all(
            Attendance(session_id=session_id, person_id=person_id, marked_at=now, marked_by_id=marked_by)
            for person_id in added
        )
        if removed:
            session.execute(
                delete(Attendance).where(Attendance.session_id == session_id, Attendance.person_id.in_(removed))
            )
        if added:
            audit.record(session, self._clock, actor, "mark_present", "attendance", session_id, ("person_id",))
        if removed:
            audit.record(session, self._clock, actor, "mark_absent", "attendance", session_id, ("person_id",))
        return AttendanceChange(session_id, added, removed)


def _totals(
    rows: Iterable[Row[int, str, str, WorkshopSession, Workshop, Booking, str]], *, by_workshop: bool
) -> list[HoursRow]:
    """Sum the sessions and minutes of attendance rows per workshop and person."""
    labels: dict[tuple[int, int], tuple[str, str]] = {}
    sessions: Counter[tuple[int, int]] = Counter()
    minutes: Counter[tuple[int, int]] = Counter()
    for person_id, family, given, _workshop_session, workshop, booking, _room in rows:
        key = (workshop.id, person_id)
        labels[key] = (workshop.title, _name(family, given))
        sessions[key] += 1
        minutes[key] += _minutes(booking.starts_at, booking.ends_at)
    result = [
        HoursRow(workshop_id, title, person_id, name, sessions[key], minutes[key])
        for key, (title, name) in labels.items()
        for workshop_id, person_id in (key,)
    ]
    if by_workshop:
        return sorted(result, key=lambda row: (row.workshop_title.casefold(), row.workshop_id))
    return sorted(result, key=lambda row: (row.name.casefold(), row.person_id))
