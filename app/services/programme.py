"""The week's programme: what the house offers the public, day by day, for the poster on the board.

A week runs Monday to Sunday (``app.weeks``). Its activities are:
- the sessions of workshops that are not cancelled: the workshop's title, its association and
  facilitator, the room of the session's booking (moving the booking moves the session);
- the confirmed bookings marked ``public`` (events open to everyone: a concert, a dinner, an open
  assembly), and the occurrences of public series, read through ``booking_rows.rows_between`` so
  the poster shows the calendar the desk sees: cancelled occurrences are gone, moved ones stand at
  their new time, nothing happens on a day the house is closed. A tentative booking is not
  announced: it may not happen.

A session's booking is read once, as the session, even if someone marked it public. A public
booking names its association, never a private person who booked it: the poster hangs in the hall.
Everyone may read the programme.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Booking, Organisation, Person, Room, Workshop, WorkshopSession
from app.services.booking_rows import rows_between
from app.services.booking_types import BookingStatus
from app.services.roles import Actor, authorise
from app.weeks import DAYS_IN_WEEK, monday_of


class ActivityKind(enum.StrEnum):
    WORKSHOP = "workshop"
    EVENT = "event"


@dataclass(frozen=True)
class Activity:
    """One thing on the poster.

    ``title`` is the workshop's title or the booking's purpose (the association's name when the
    purpose is empty; empty when both are). ``organisation`` is the association that runs it, or
    empty; ``facilitator`` is the workshop's facilitator ("Ngozi Okafor"), empty for an event.
    """

    kind: ActivityKind
    title: str
    start: datetime
    end: datetime
    room: str
    organisation: str
    facilitator: str


@dataclass(frozen=True)
class ProgrammeDay:
    day: date
    activities: tuple[Activity, ...]
    """In time order: by start, then end, then title."""


@dataclass(frozen=True)
class ProgrammeWeek:
    week_start: date
    """The Monday."""
    days: tuple[ProgrammeDay, ...]
    """Seven, Monday first."""

    @property
    def week_end(self) -> date:
        return self.days[-1].day

    @property
    def activity_count(self) -> int:
        return sum(len(day.activities) for day in self.days)


def _sort_key(activity: Activity) -> tuple[datetime, datetime, str]:
    return activity.start, activity.end, activity.title.casefold()


def _week_sessions(session: Session, start: datetime, end: datetime) -> tuple[list[Activity], set[int]]:
    """The workshops' sessions starting in ``[start, end)`` and not cancelled, and their booking ids."""
    statement = (
        select(Booking, Workshop, Room.name, Organisation.name, Person.given_name, Person.family_name)
        .join(WorkshopSession, WorkshopSession.booking_id == Booking.id)
        .join(Workshop, Workshop.id == WorkshopSession.workshop_id)
        .join(Room, Room.id == Booking.room_id)
        .join(Person, Person.id == Workshop.facilitator_id)
        .outerjoin(Organisation, Organisation.id == Workshop.organisation_id)
        .where(
            Booking.starts_at >= start,
            Booking.starts_at < end,
            Booking.status != BookingStatus.CANCELLED.value,
        )
    )
    activities = []
    booking_ids = set()
    for booking, workshop, room, organisation, given, family in session.execute(statement):
        booking_ids.add(booking.id)
        activities.append(
            Activity(
                kind=ActivityKind.WORKSHOP,
                title=workshop.title,
                start=booking.starts_at,
                end=booking.ends_at,
                room=room,
                organisation=organisation or "",
                facilitator=f"{given} {family}".strip(),
            )
        )
    return activities, booking_ids


def _public_events(session: Session, start: datetime, end: datetime, session_bookings: set[int]) -> list[Activity]:
    """The confirmed public bookings and public series occurrences starting in ``[start, end)``."""
    rows = [
        row
        for row in rows_between(session, start, end, statuses=(BookingStatus.CONFIRMED,))
        if row.public and row.start >= start and (row.id is None or row.id not in session_bookings)
    ]
    if not rows:
        return []
    rooms: dict[int, str] = {
        room_id: name
        for room_id, name in session.execute(
            select(Room.id, Room.name).where(Room.id.in_({row.room_id for row in rows}))
        )
    }
    events = []
    for row in rows:
        organisation = row.holder if row.organisation_id is not None else ""
        events.append(
            Activity(
                kind=ActivityKind.EVENT,
                title=row.purpose.strip() or organisation,
                start=row.start,
                end=row.end,
                room=rooms.get(row.room_id, ""),
                organisation=organisation if row.purpose.strip() else "",
                facilitator="",
            )
        )
    return events


class ProgrammeService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def week(self, actor: Actor, week_start: date) -> ProgrammeWeek:
        """The public programme of the week holding ``week_start`` (any day of it; Monday first)."""
        monday = monday_of(week_start)
        start = datetime.combine(monday, time())
        end = start + timedelta(days=DAYS_IN_WEEK)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            sessions, session_bookings = _week_sessions(session, start, end)
            activities = sessions + _public_events(session, start, end, session_bookings)
        by_day: dict[date, list[Activity]] = defaultdict(list)
        for activity in activities:
            by_day[activity.start.date()].append(activity)
        days = tuple(
            ProgrammeDay(day=day, activities=tuple(sorted(by_day[day], key=_sort_key)))
            for day in (monday + timedelta(days=offset) for offset in range(DAYS_IN_WEEK))
        )
        return ProgrammeWeek(week_start=monday, days=days)
