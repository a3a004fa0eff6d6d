"""A workshop's sessions: generated from a recurrence, each booking its room; moved or cancelled one by one.

Unlike an open-ended booking series, whose dates are computed when a range is read, a workshop's
sessions are materialised, one row each: attendance needs a row per session to point at, and a
course always has a first and a last day. So a plan must be bounded: its rule has ``COUNT`` or
``UNTIL``, or the plan gives ``last_day``; at most ``MAX_SESSIONS`` sessions within the booking
horizon (``bookings.SERIES_HORIZON``).

Each session books its room through ``BookingService``, so the very same rules apply: confirmed
bookings of the room or a linked one never overlap, nothing is booked on a closed day, the room
must hold the workshop's places. The booking is held by the workshop's association, else by its
facilitator; its purpose is the title; it costs nothing (the workshop's money is its fees). The
booking is the one record of the session's room and time: moving it moves the session (also from
the Bookings page), and a cancelled booking is a cancelled session. Sessions and their bookings
are written in one transaction (``joined.joined_database``): all of them, or none.

Creating sessions works as a booking series: ``preview`` lists the dates and those that cannot be
booked (closed days, the room taken); ``create`` books the others once the plan's ``skip`` lists
the conflicting dates, and refuses, listing them, while one is left in. Coordinators and admins
plan, move and cancel sessions; everyone reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Attendance, Booking, Room, Workshop, WorkshopSession
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.services import audit
from app.services.booking_checks import MINUTES_IN_A_DAY
from app.services.booking_rules import is_open_ended, rule_until, series_last_end
from app.services.bookings import (
    SERIES_HORIZON,
    BookingDraft,
    BookingService,
    BookingStatus,
    SeriesConflict,
    SeriesDraft,
)
from app.services.joined import joined_database
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_day_range, check_kinds, check_values

MAX_SESSIONS = 200


@dataclass(frozen=True)
class SessionPlan:
    """The sessions to create: ``rrule`` is an RRULE value as for bookings (``FREQ=WEEKLY;BYDAY=TU``)
    from ``first_start``; ``last_day`` (included) bounds it, else the rule's COUNT or UNTIL does.
    ``skip`` are starts to leave out, such as the conflicting ones of the preview."""

    first_start: datetime
    duration_minutes: int
    rrule: str = "FREQ=WEEKLY"
    last_day: date | None = None
    skip: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class SessionsPreview:
    starts: tuple[datetime, ...]  # every date of the plan, ``skip`` left out
    conflicts: tuple[SeriesConflict, ...]  # those that cannot be booked, with why

    @property
    def free(self) -> tuple[datetime, ...]:
        taken = {conflict.occurrence_start for conflict in self.conflicts}
        return tuple(start for start in self.starts if start not in taken)


@dataclass(frozen=True)
class SessionRow:
    id: int
    workshop_id: int
    workshop_title: str
    booking_id: int
    room_id: int
    room_name: str
    start: datetime
    end: datetime
    cancelled: bool

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def session_rows_statement() -> Select[WorkshopSession, Workshop, Booking, str]:
    """Sessions with their workshop, booking and room name: add the conditions and the order."""
    return (
        select(WorkshopSession, Workshop, Booking, Room.name)
        .join(Workshop, Workshop.id == WorkshopSession.workshop_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .join(Room, Room.id == Booking.room_id)
    )


def to_session_row(values: Sequence[object]) -> SessionRow:
    workshop_session, workshop, booking, room_name = values
    assert isinstance(workshop_session, WorkshopSession)
    assert isinstance(workshop, Workshop) and isinstance(booking, Booking)
    return SessionRow(
        id=workshop_session.id,
        workshop_id=workshop.id,
        workshop_title=workshop.title,
        booking_id=booking.id,
        room_id=booking.room_id,
        room_name=str(room_name),
        start=booking.starts_at,
        end=booking.ends_at,
        cancelled=booking.status == BookingStatus.CANCELLED.value,
    )


def read_session(session: Session, session_id: int) -> SessionRow:
    found = session.execute(session_rows_statement().where(WorkshopSession.id == session_id)).one_or_none()
    if found is None:
        raise record_gone()
    return to_session_row(found)


class WorkshopSessionService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def sessions(self, actor: Actor, workshop_id: int, *, include_cancelled: bool = True) -> list[SessionRow]:
        """A workshop's sessions in date order."""
        statement = session_rows_statement().where(WorkshopSession.workshop_id == workshop_id)
        if not include_cancelled:
            statement = statement.where(Booking.status != BookingStatus.CANCELLED.value)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return [to_session_row(row) for row in session.execute(statement.order_by(Booking.starts_at))]

    def sessions_between(self, actor: Actor, start: datetime, end: datetime) -> list[SessionRow]:
        """The sessions of every workshop starting in ``[start, end)`` and not cancelled (today's)."""
        statement = session_rows_statement().where(
            Booking.starts_at >= start, Booking.starts_at < end, Booking.status != BookingStatus.CANCELLED.value
        )
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            rows = session.execute(statement.order_by(Booking.starts_at, Workshop.sort_key))
            return [to_session_row(row) for row in rows]

    def session(self, actor: Actor, session_id: int) -> SessionRow:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return read_session(session, session_id)

    # -- planning ----------------------------------------------------------------------------------

    def preview(self, actor: Actor, workshop_id: int, plan: SessionPlan) -> SessionsPreview:
        """The dates of ``plan`` and those that cannot be booked.

        Raises:
            NotFound: the workshop is gone.
            PermissionDenied: the user is a volunteer.
            ValidationError: the plan itself is wrong (unbounded, too long, no dates, ...).
        """
        check_kinds(plan)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            workshop = self._running(session, workshop_id)
            return self._preview(session, actor, workshop, plan)

    def create(self, actor: Actor, workshop_id: int, plan: SessionPlan) -> list[SessionRow]:
        """Book and save every session of ``plan``; all or none.

        Raises:
            NotFound: the workshop is gone.
            PermissionDenied: the user is a volunteer.
            ValidationError: the plan is wrong, or dates conflict (listed on ``first_start``:
                put them in ``skip`` to create the others).
        """
        check_kinds(plan)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            workshop = self._running(session, workshop_id)
            found = self._preview(session, actor, workshop, plan)
            if found.conflicts:
                raise ValidationError(
                    _("Some dates cannot be booked; leave them out to create the others: {dates}.").format(
                        dates="; ".join(conflict.reason for conflict in found.conflicts)
                    ),
                    field="first_start",
                )
            bookings = BookingService(database=joined_database(self._database, session), clock=self._clock)
            length = timedelta(minutes=plan.duration_minutes)
            now = self._clock.now()
            created = []
            for start in found.starts:
                booking = bookings.create_booking(actor, self._booking_draft(workshop, start, start + length))
                assert booking.id is not None  # a new booking is a row of its own
                row = WorkshopSession(workshop_id=workshop.id, booking_id=booking.id, created_at=now)
                session.add(row)
                session.flush()
                audit.record(session, self._clock, actor, "create", "workshop_session", row.id, ("booking_id",))
                created.append(row.id)
            statement = session_rows_statement().where(WorkshopSession.id.in_(created)).order_by(Booking.starts_at)
            return [to_session_row(values) for values in session.execute(statement)]

    def move(
        self, actor: Actor, session_id: int, start: datetime, end: datetime, *, room_id: int | None = None
    ) -> SessionRow:
        """Move one session (and its booking) to ``[start, end)``, in ``room_id`` or the same room,
        with the checks of any booking.

        Raises:
            NotFound: the session is gone.
            PermissionDenied: the user is a volunteer.
            ValidationError: the session was cancelled, or the new time or room cannot be booked.
        """
        check_values(
            {
                "session_id": (session_id, int),
                "start": (start, datetime),
                "end": (end, datetime),
                "room_id": (room_id, int | None),
            }
        )
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            current = read_session(session, session_id)
            if current.cancelled:
                raise ValidationError(_("This session was cancelled: plan a new one instead."))
            bookings = BookingService(database=joined_database(self._database, session), clock=self._clock)
            booking = bookings.get(actor, current.booking_id)
            new_room = current.room_id if room_id is None else room_id
            draft = BookingDraft(
                room_id=new_room,
                start=start,
                end=end,
                person_id=booking.person_id,
                organisation_id=booking.organisation_id,
                purpose=booking.purpose,
                people_count=booking.people_count,
                status=booking.status,
                price_cents=booking.price_cents,
                notes=booking.notes,
            )
            bookings.update_booking(actor, current.booking_id, draft)
            changed = [
                name for name, moved in (("start", start != current.start), ("end", end != current.end)) if moved
            ]
            if new_room != current.room_id:
                changed.append("room_id")
            audit.record(session, self._clock, actor, "move", "workshop_session", session_id, changed)
            session.expire_all()
            return read_session(session, session_id)

    def cancel(self, actor: Actor, session_id: int) -> SessionRow:
        """Cancel one session and free its room.

        Raises:
            NotFound: the session is gone.
            PermissionDenied: the user is a volunteer.
            ValidationError: it was already cancelled, or people are marked present at it.
        """
        check_values({"session_id": (session_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            current = read_session(session, session_id)
            if current.cancelled:
                raise ValidationError(_("This session is already cancelled."))
            if session.scalar(select(Attendance.person_id).where(Attendance.session_id == session_id).limit(1)):
                raise ValidationError(
                    _("People are marked present at this session: clear the register first, then cancel it.")
                )
            bookings = BookingService(database=joined_database(self._database, session), clock=self._clock)
            bookings.cancel_booking(actor, current.booking_id)
            audit.record(session, self._clock, actor, "cancel", "workshop_session", session_id)
            session.expire_all()
            return read_session(session, session_id)

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _running(session: Session, workshop_id: int) -> Workshop:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise record_gone()
        if not workshop.active:
            raise ValidationError(_("This workshop is no longer running: make it active to plan sessions."))
        return workshop

    @staticmethod
    def _booking_draft(workshop: Workshop, start: datetime, end: datetime) -> BookingDraft:
        return BookingDraft(
            room_id=workshop.room_id,
            start=start,
            end=end,
            person_id=None if workshop.organisation_id is not None else workshop.facilitator_id,
            organisation_id=workshop.organisation_id,
            purpose=workshop.title,
            people_count=workshop.capacity,
            status=BookingStatus.CONFIRMED,
            price_cents=0,
        )

    def _preview(self, session: Session, actor: Actor, workshop: Workshop, plan: SessionPlan) -> SessionsPreview:
        problems = Problems()  # first what would overflow the date sums below: far days, endless sessions
        check_day_range(problems, "first_start", plan.first_start.date())
        if plan.last_day is not None:
            check_day_range(problems, "last_day", plan.last_day)
        if plan.duration_minutes > MINUTES_IN_A_DAY:
            problems.add("duration_minutes", _("A session ends on the day it starts: check the times."))
        problems.raise_if_any()
        rule = plan.rrule.strip()
        if plan.last_day is not None:
            if plan.last_day < plan.first_start.date():
                raise ValidationError(_("The last day is before the first session: check both."), field="last_day")
            rule = rule_until(rule, datetime.combine(plan.last_day, time(23, 59, 59)))
        elif is_open_ended(rule):
            raise ValidationError(
                _("Choose the last day of the workshop, or how many sessions it has."), field="last_day"
            )
        if plan.duration_minutes < 1:
            raise ValidationError(_("A session must end after it starts: check the times."), field="duration_minutes")
        try:
            last_end = series_last_end(rule, plan.first_start, plan.duration_minutes)
        except (ValueError, TypeError):
            raise ValidationError(
                _("The repetition is not valid: choose the days and the end again."), field="rrule"
            ) from None
        if last_end is not None and last_end > plan.first_start + SERIES_HORIZON:
            raise ValidationError(
                _("Plan at most two years of sessions at a time: choose an earlier last day."), field="last_day"
            )
        bookings = BookingService(database=joined_database(self._database, session), clock=self._clock)
        found = bookings.preview_series(
            actor,
            SeriesDraft(
                room_id=workshop.room_id,
                dtstart=plan.first_start,
                duration_minutes=plan.duration_minutes,
                rrule=rule,
                person_id=None if workshop.organisation_id is not None else workshop.facilitator_id,
                organisation_id=workshop.organisation_id,
                purpose=workshop.title,
                people_count=workshop.capacity,
                price_cents=0,
                exdates=plan.skip,
            ),
        )
        if not found.occurrences:
            raise ValidationError(
                _("This plan gives no dates: check the first day, the days of the week and the last day."),
                field="rrule",
            )
        length = timedelta(minutes=plan.duration_minutes)
        if any(
            later < earlier + length for earlier, later in zip(found.occurrences, found.occurrences[1:], strict=False)
        ):
            raise ValidationError(
                _("Sessions of this plan overlap each other: make them shorter or further apart."), field="rrule"
            )
        if len(found.occurrences) > MAX_SESSIONS:
            raise ValidationError(
                _("This plan gives {count} sessions; at most {limit} can be created at once.").format(
                    count=len(found.occurrences), limit=MAX_SESSIONS
                ),
                field="last_day",
            )
        return SessionsPreview(starts=found.occurrences, conflicts=found.conflicts)
