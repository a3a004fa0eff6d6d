"""Bookings of rooms, one-off or recurring, and their conflicts.

Rules (see DESIGN.md):
- times are naive local wall-clock times of the house; a booking is the half-open span
  ``[start, end)``, so one ending at 18:00 and one starting at 18:00 do not overlap;
- a booking starts and ends on the same day (it may end at midnight);
- two *confirmed* bookings of one room, or of linked rooms (a hall and its halves), never overlap;
  *tentative* bookings may overlap anything (``conflicts`` shows them); cancelled ones count for
  nothing;
- nothing can be booked on a closed day, whatever its status;
- the price is the hours times the room's hourly rate unless overridden. The reduced member rate
  is not applied yet: organisations have no member flag.

A series keeps its RFC 5545 rule and is expanded (``dateutil.rrule``, naive ``dtstart``, so 18:00
stays 18:00 across DST) only over the range asked for: an open-ended series is never cut. A
cancelled occurrence goes into the series' ``exdates``; a moved one becomes a booking with
``series_id`` and ``occurrence_start``, and the rule's occurrence at that start is skipped.
Editing the whole series, or this occurrence and the following ones, is in ``series_edits``; what
bookings and series owe at the cash desk is in ``booking_dues``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrule
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Booking, BookingSeries, Organisation, Person, Room
from app.errors import ValidationError, record_gone
from app.i18n import _, format_date, format_time
from app.services import audit
from app.services.booking_dues import PaidStatus, booking_paid_status, series_paid_status
from app.services.booking_rules import (
    format_exdates,
    is_open_ended,
    parse_exdates,
    parse_rule,
    price_for,
    rule_until,
    series_last_end,
)
from app.services.closures import closed_days, closure_on, span_days
from app.services.roles import Actor, authorise
from app.services.rooms import linked_room_ids
from app.services.validation import Problems, check_max_length, clean

LONGEST_BOOKING = timedelta(days=1)  # a booking starts and ends on the same day, midnight included
SERIES_HORIZON = timedelta(days=2 * 366)  # conflicts of a new series are checked this far ahead


class BookingStatus(enum.StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class BookingDraft:
    room_id: int
    start: datetime
    end: datetime
    person_id: int | None = None
    organisation_id: int | None = None
    purpose: str = ""
    people_count: int = 1
    status: BookingStatus = BookingStatus.CONFIRMED
    price_cents: int | None = None  # None: computed from the room's rate
    notes: str = ""


@dataclass(frozen=True)
class SeriesDraft:
    """A recurring booking: ``rrule`` is the RRULE value, like ``FREQ=WEEKLY;BYDAY=TU``."""

    room_id: int
    dtstart: datetime
    duration_minutes: int
    rrule: str
    person_id: int | None = None
    organisation_id: int | None = None
    purpose: str = ""
    people_count: int = 1
    status: BookingStatus = BookingStatus.CONFIRMED
    price_cents: int | None = None  # per occurrence; None: computed from the room's rate
    notes: str = ""
    exdates: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class BookingRow:
    """A booking, or an occurrence of a series (``id`` None), as the views show it."""

    id: int | None
    series_id: int | None
    occurrence_start: datetime | None
    room_id: int
    start: datetime
    end: datetime
    holder: str
    person_id: int | None
    organisation_id: int | None
    purpose: str
    people_count: int
    status: BookingStatus
    price_cents: int
    price_overridden: bool
    notes: str


@dataclass(frozen=True)
class SeriesConflict:
    """An occurrence of a new series that cannot be booked: it is closed, or a confirmed booking
    of the room (or a linked one) is there."""

    occurrence_start: datetime
    reason: str


@dataclass(frozen=True)
class SeriesPreview:
    occurrences: tuple[datetime, ...]  # within the horizon, exdates excluded
    conflicts: tuple[SeriesConflict, ...]
    open_ended: bool


def _occurrences(series: BookingSeries, start: datetime, end: datetime, moved: set[datetime]) -> Iterator[datetime]:
    """Starts of the occurrences of ``series`` that overlap ``[start, end)``, exdates and moved ones left out."""
    duration = timedelta(minutes=series.duration_minutes)
    excluded = parse_exdates(series.exdates) | moved
    rule = parse_rule(series.rrule, series.dtstart)
    for occurrence in rule.between(start - duration, end, inc=False):
        if occurrence not in excluded:
            yield occurrence


def _holder_names(session: Session, person_ids: set[int], organisation_ids: set[int]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    if person_ids:
        for person_id, family, given in session.execute(
            select(Person.id, Person.family_name, Person.given_name).where(Person.id.in_(person_ids))
        ):
            names["person", person_id] = f"{family} {given}".strip()
    if organisation_ids:
        for organisation_id, name in session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(organisation_ids))
        ):
            names["organisation", organisation_id] = name
    return names


def _moved_starts(session: Session, series_ids: Sequence[int]) -> dict[int, set[datetime]]:
    moved: dict[int, set[datetime]] = {series_id: set() for series_id in series_ids}
    if series_ids:
        for series_id, occurrence in session.execute(
            select(Booking.series_id, Booking.occurrence_start).where(Booking.series_id.in_(series_ids))
        ):
            if series_id is not None and occurrence is not None:
                moved[series_id].add(occurrence)
    return moved


def rows_between(
    session: Session,
    start: datetime,
    end: datetime,
    room_ids: Sequence[int] | None = None,
    *,
    statuses: Sequence[BookingStatus] = (BookingStatus.TENTATIVE, BookingStatus.CONFIRMED),
) -> list[BookingRow]:
    """Bookings and series occurrences overlapping ``[start, end)``, ordered by start then room."""
    codes = [status.value for status in statuses]
    # Both bounds on starts_at let SQLite search its index on a range; a booking lasts a day at most.
    booking_query = select(Booking).where(
        Booking.starts_at > start - LONGEST_BOOKING,
        Booking.starts_at < end,
        Booking.ends_at > start,
        Booking.status.in_(codes),
    )
    series_query = select(BookingSeries).where(
        BookingSeries.dtstart < end,
        or_(BookingSeries.last_end.is_(None), BookingSeries.last_end > start),
        BookingSeries.status.in_(codes),
    )
    if room_ids is not None:
        booking_query = booking_query.where(Booking.room_id.in_(room_ids))
        series_query = series_query.where(BookingSeries.room_id.in_(room_ids))
    bookings = list(session.scalars(booking_query))
    all_series = list(session.scalars(series_query))
    names = _holder_names(
        session,
        {b.person_id for b in bookings if b.person_id} | {s.person_id for s in all_series if s.person_id},
        {b.organisation_id for b in bookings if b.organisation_id}
        | {s.organisation_id for s in all_series if s.organisation_id},
    )

    def row(
        record: Booking | BookingSeries,
        *,
        booking_id: int | None,
        series_id: int | None,
        occurrence_start: datetime | None,
        starts_at: datetime,
        ends_at: datetime,
    ) -> BookingRow:
        """One line of the calendar; a booking and a series occurrence share every other field."""
        if record.person_id is not None:
            holder = names.get(("person", record.person_id), "")
        else:
            holder = names.get(("organisation", record.organisation_id or 0), "")
        return BookingRow(
            id=booking_id,
            series_id=series_id,
            occurrence_start=occurrence_start,
            room_id=record.room_id,
            start=starts_at,
            end=ends_at,
            holder=holder,
            person_id=record.person_id,
            organisation_id=record.organisation_id,
            purpose=record.purpose,
            people_count=record.people_count,
            status=BookingStatus(record.status),
            price_cents=record.price_cents,
            price_overridden=record.price_overridden,
            notes=record.notes,
        )

    rows = [
        row(
            b,
            booking_id=b.id,
            series_id=b.series_id,
            occurrence_start=b.occurrence_start,
            starts_at=b.starts_at,
            ends_at=b.ends_at,
        )
        for b in bookings
    ]
    moved = _moved_starts(session, [s.id for s in all_series])
    for s in all_series:
        duration = timedelta(minutes=s.duration_minutes)
        rows += [
            row(
                s,
                booking_id=None,
                series_id=s.id,
                occurrence_start=occurrence,
                starts_at=occurrence,
                ends_at=occurrence + duration,
            )
            for occurrence in _occurrences(s, start, end, moved[s.id])
        ]
    rows.sort(key=lambda row: (row.start, row.room_id, row.end))
    return rows


def _describe(row: BookingRow) -> str:
    return _("{date}, {start}-{end}: {holder}").format(
        date=format_date(row.start), start=format_time(row.start), end=format_time(row.end), holder=row.holder
    )


class BookingService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def bookings_between(
        self,
        actor: Actor,
        start: datetime,
        end: datetime,
        room_ids: Sequence[int] | None = None,
        *,
        include_cancelled: bool = False,
    ) -> list[BookingRow]:
        """What the day and week views show: bookings and series occurrences in ``[start, end)``."""
        statuses = list(BookingStatus) if include_cancelled else [BookingStatus.TENTATIVE, BookingStatus.CONFIRMED]
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return rows_between(session, start, end, room_ids, statuses=statuses)

    def get(self, actor: Actor, booking_id: int) -> BookingRow:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking = session.get(Booking, booking_id)
            if booking is None:
                raise record_gone()
            rows = rows_between(
                session, booking.starts_at, booking.ends_at, [booking.room_id], statuses=list(BookingStatus)
            )
        return next(row for row in rows if row.id == booking_id)

    def conflicts(
        self, actor: Actor, room_id: int, start: datetime, end: datetime, *, ignore_booking_id: int | None = None
    ) -> list[BookingRow]:
        """Tentative and confirmed bookings of the room or a linked one overlapping ``[start, end)``."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return self._overlapping(session, room_id, start, end, ignore_booking_id=ignore_booking_id)

    def free_rooms(self, actor: Actor, start: datetime, end: datetime, people: int = 1) -> list[int]:
        """Ids of the active rooms for ``people`` with nothing booked (tentative or confirmed) in
        ``[start, end)``, in them or in a linked room, on a day the house is open."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if closure_on(session, *span_days(start, end)) is not None:
                return []
            rooms = session.execute(
                select(Room.id, Room.parent_room_id)
                .where(Room.active, Room.capacity >= people)
                .order_by(Room.capacity, Room.name)
            ).all()
            busy = {row.room_id for row in rows_between(session, start, end)}
            parents: dict[int, int | None] = {
                room_id: parent_id for room_id, parent_id in session.execute(select(Room.id, Room.parent_room_id))
            }
            blocked = set(busy)
            for room_id in busy:
                parent = parents.get(room_id)
                if parent is not None:
                    blocked.add(parent)
            return [
                room_id
                for room_id, parent_id in rooms
                if room_id not in blocked and (parent_id is None or parent_id not in busy)
            ]

    # -- one-off bookings --------------------------------------------------------------------------

    def create_booking(self, actor: Actor, draft: BookingDraft) -> BookingRow:
        """Save a booking.

        Raises:
            ValidationError: one message per field to fix (a conflict is on ``start``).
        """
        draft = replace(draft, purpose=clean(draft.purpose), notes=draft.notes.strip())
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            room = self._check(session, draft.room_id, draft.start, draft.end, draft, None)
            minutes = int((draft.end - draft.start).total_seconds() // 60)
            now = self._clock.now()
            booking = Booking(
                room_id=room.id,
                starts_at=draft.start,
                ends_at=draft.end,
                person_id=draft.person_id,
                organisation_id=draft.organisation_id,
                purpose=draft.purpose,
                people_count=draft.people_count,
                status=draft.status.value,
                price_cents=draft.price_cents
                if draft.price_cents is not None
                else price_for(room.hourly_rate_cents, minutes),
                price_overridden=draft.price_cents is not None,
                notes=draft.notes,
                created_at=now,
                updated_at=now,
            )
            session.add(booking)
            session.flush()
            audit.record(session, self._clock, actor, "create", "booking", booking.id, _fields(draft))
            booking_id = booking.id
        return self.get(actor, booking_id)

    def cancel_booking(self, actor: Actor, booking_id: int) -> None:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking = session.get(Booking, booking_id)
            if booking is None:
                raise record_gone()
            if booking.status != BookingStatus.CANCELLED:
                booking.status = BookingStatus.CANCELLED.value
                booking.updated_at = self._clock.now()
                audit.record(session, self._clock, actor, "cancel", "booking", booking_id, ["status"])

    def move_booking(self, actor: Actor, booking_id: int, start: datetime, end: datetime) -> BookingRow:
        """Move a booking (a one-off or an already moved occurrence) to ``[start, end)``, same room."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking = session.get(Booking, booking_id)
            if booking is None:
                raise record_gone()
            draft = _draft_of(booking)
            draft = replace(draft, start=start, end=end)
            room = self._check(session, booking.room_id, start, end, draft, booking_id)
            booking.starts_at, booking.ends_at = start, end
            if not booking.price_overridden:
                booking.price_cents = price_for(room.hourly_rate_cents, int((end - start).total_seconds() // 60))
            booking.updated_at = self._clock.now()
            audit.record(session, self._clock, actor, "update", "booking", booking_id, ["start", "end"])
        return self.get(actor, booking_id)

    # -- series ------------------------------------------------------------------------------------

    def preview_series(self, actor: Actor, draft: SeriesDraft) -> SeriesPreview:
        """The occurrences of a new series up to its end or the horizon, and those that conflict.

        Raises:
            ValidationError: the draft itself is wrong (room, rule, people, ...).
        """
        draft = _clean_series(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return self._preview(session, draft)

    def create_series(self, actor: Actor, draft: SeriesDraft) -> int:
        """Save a series whose occurrences up to the horizon have no conflict; the id.

        Put the conflicting dates of ``preview_series`` in ``exdates`` to book the rest.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        draft = _clean_series(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            preview = self._preview(session, draft)
            if preview.conflicts:
                raise ValidationError(
                    _("Some dates cannot be booked; leave them out to book the others: {dates}.").format(
                        dates="; ".join(conflict.reason for conflict in preview.conflicts)
                    ),
                    field="dtstart",
                )
            room = session.get(Room, draft.room_id)
            assert room is not None
            now = self._clock.now()
            price = draft.price_cents
            series = BookingSeries(
                room_id=draft.room_id,
                rrule=draft.rrule,
                last_end=series_last_end(draft.rrule, draft.dtstart, draft.duration_minutes),
                dtstart=draft.dtstart,
                duration_minutes=draft.duration_minutes,
                exdates=format_exdates(draft.exdates),
                person_id=draft.person_id,
                organisation_id=draft.organisation_id,
                purpose=draft.purpose,
                people_count=draft.people_count,
                status=draft.status.value,
                price_cents=price if price is not None else price_for(room.hourly_rate_cents, draft.duration_minutes),
                price_overridden=price is not None,
                notes=draft.notes,
                created_at=now,
                updated_at=now,
            )
            session.add(series)
            session.flush()
            audit.record(
                session, self._clock, actor, "create", "booking_series", series.id, ["rrule", "dtstart", "room_id"]
            )
            return series.id

    def cancel_occurrence(self, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
        """Cancel one occurrence: it becomes an exception date (or its moved booking is cancelled)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = self._series(session, series_id, occurrence_start)
            moved = session.scalar(
                select(Booking).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
            )
            if moved is not None:
                moved.status = BookingStatus.CANCELLED.value
                moved.updated_at = self._clock.now()
            else:
                series.exdates = format_exdates(parse_exdates(series.exdates) | {occurrence_start})
                series.updated_at = self._clock.now()
            audit.record(session, self._clock, actor, "cancel_occurrence", "booking_series", series_id, ["exdates"])

    def cancel_following(self, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
        """Cancel this occurrence and the following ones: the series ends just before it."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = self._series(session, series_id, occurrence_start)
            now = self._clock.now()
            for moved in session.scalars(
                select(Booking).where(Booking.series_id == series_id, Booking.occurrence_start >= occurrence_start)
            ):
                moved.status = BookingStatus.CANCELLED.value
                moved.updated_at = now
            if occurrence_start <= series.dtstart:
                series.status = BookingStatus.CANCELLED.value
            else:
                series.rrule = rule_until(series.rrule, occurrence_start - timedelta(seconds=1))
                series.last_end = series_last_end(series.rrule, series.dtstart, series.duration_minutes)
            series.updated_at = now
            audit.record(session, self._clock, actor, "cancel_following", "booking_series", series_id, ["rrule"])

    def cancel_series(self, actor: Actor, series_id: int) -> None:
        """Cancel the whole series, its moved occurrences included."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = session.get(BookingSeries, series_id)
            if series is None:
                raise record_gone()
            now = self._clock.now()
            series.status = BookingStatus.CANCELLED.value
            series.updated_at = now
            for moved in session.scalars(select(Booking).where(Booking.series_id == series_id)):
                moved.status = BookingStatus.CANCELLED.value
                moved.updated_at = now
            audit.record(session, self._clock, actor, "cancel", "booking_series", series_id, ["status"])

    def preview_series_update(self, actor: Actor, series_id: int, draft: SeriesDraft) -> SeriesPreview:
        """The occurrences from now of the whole series changed as ``draft``, and those in conflict."""
        from app.services import series_edits  # it builds on this module

        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return series_edits.update_series(
                self, session, self._clock, actor, series_id, _clean_series(draft), save=False
            )

    def update_series(self, actor: Actor, series_id: int, draft: SeriesDraft) -> None:
        """Change the whole series (see ``series_edits``); ``draft.exdates`` are added to its own.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        from app.services import series_edits

        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series_edits.update_series(self, session, self._clock, actor, series_id, _clean_series(draft), save=True)

    def preview_following_update(
        self, actor: Actor, series_id: int, occurrence_start: datetime, draft: SeriesDraft
    ) -> SeriesPreview:
        """The occurrences of the series that would follow ``occurrence_start``, and their conflicts."""
        from app.services import series_edits

        with self._database.sessions.begin() as session:
            authorise(session, actor)
            preview, _unsaved = series_edits.update_following(
                self, session, self._clock, actor, series_id, occurrence_start, _clean_series(draft), save=False
            )
            return preview

    def update_following(self, actor: Actor, series_id: int, occurrence_start: datetime, draft: SeriesDraft) -> int:
        """Change this occurrence and the following ones: the series ends just before it and a new
        series from ``draft`` follows (see ``series_edits``); the new series' id.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        from app.services import series_edits

        with self._database.sessions.begin() as session:
            authorise(session, actor)
            _preview, series_id = series_edits.update_following(
                self, session, self._clock, actor, series_id, occurrence_start, _clean_series(draft), save=True
            )
            return series_id

    # -- payments ----------------------------------------------------------------------------------

    def paid_status(self, actor: Actor, booking_id: int) -> PaidStatus:
        """What a booking owes (its price once confirmed, nothing if cancelled) and what was paid."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking = session.get(Booking, booking_id)
            if booking is None:
                raise record_gone()
            return booking_paid_status(session, booking)

    def series_paid_status(self, actor: Actor, series_id: int) -> PaidStatus:
        """What a series owes for its occurrences started so far, and what was paid towards it."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = session.get(BookingSeries, series_id)
            if series is None:
                raise record_gone()
            return series_paid_status(session, series, self._clock.now())

    def move_occurrence(
        self, actor: Actor, series_id: int, occurrence_start: datetime, start: datetime, end: datetime
    ) -> BookingRow:
        """Move one occurrence of a series to ``[start, end)`` in the same room."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = self._series(session, series_id, occurrence_start)
            existing = session.scalar(
                select(Booking.id).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
            )
            if existing is not None:
                booking_id = existing
            else:
                draft = BookingDraft(
                    room_id=series.room_id,
                    start=start,
                    end=end,
                    person_id=series.person_id,
                    organisation_id=series.organisation_id,
                    purpose=series.purpose,
                    people_count=series.people_count,
                    status=BookingStatus(series.status),
                    price_cents=series.price_cents if series.price_overridden else None,
                    notes=series.notes,
                )
                # The occurrence leaves its old place as soon as the booking exists: flush first so
                # that the conflict check does not see the occurrence it replaces.
                now = self._clock.now()
                booking = Booking(
                    room_id=series.room_id,
                    starts_at=occurrence_start,
                    ends_at=occurrence_start + timedelta(minutes=series.duration_minutes),
                    person_id=series.person_id,
                    organisation_id=series.organisation_id,
                    purpose=series.purpose,
                    people_count=series.people_count,
                    status=BookingStatus.CANCELLED.value,
                    price_cents=series.price_cents,
                    price_overridden=series.price_overridden,
                    notes=series.notes,
                    series_id=series_id,
                    occurrence_start=occurrence_start,
                    created_at=now,
                    updated_at=now,
                )
                session.add(booking)
                session.flush()
                room = self._check(session, series.room_id, start, end, draft, booking.id)
                booking.starts_at, booking.ends_at = start, end
                booking.status = series.status
                if not series.price_overridden:
                    booking.price_cents = price_for(room.hourly_rate_cents, int((end - start).total_seconds() // 60))
                audit.record(session, self._clock, actor, "move_occurrence", "booking_series", series_id, ["start"])
                booking_id = booking.id
        if existing is not None:
            return self.move_booking(actor, booking_id, start, end)
        return self.get(actor, booking_id)

    # -- rules -------------------------------------------------------------------------------------

    def _series(self, session: Session, series_id: int, occurrence_start: datetime) -> BookingSeries:
        series = session.get(BookingSeries, series_id)
        if series is None:
            raise record_gone()
        rule = parse_rule(series.rrule, series.dtstart)
        moved = session.scalar(
            select(Booking.id).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
        )
        if moved is None and rule.after(occurrence_start - timedelta(seconds=1), inc=False) != occurrence_start:
            raise ValidationError(_("This series has no occurrence at that time: refresh and try again."))
        return series

    def _overlapping(
        self,
        session: Session,
        room_id: int,
        start: datetime,
        end: datetime,
        *,
        ignore_booking_id: int | None = None,
        statuses: Sequence[BookingStatus] = (BookingStatus.TENTATIVE, BookingStatus.CONFIRMED),
    ) -> list[BookingRow]:
        rows = rows_between(session, start, end, linked_room_ids(session, room_id), statuses=statuses)
        return [row for row in rows if row.id is None or row.id != ignore_booking_id]

    def _check(
        self,
        session: Session,
        room_id: int,
        start: datetime,
        end: datetime,
        draft: BookingDraft,
        booking_id: int | None,
    ) -> Room:
        problems = Problems()
        room = self._check_common(
            session,
            problems,
            room_id=room_id,
            person_id=draft.person_id,
            organisation_id=draft.organisation_id,
            purpose=draft.purpose,
            people_count=draft.people_count,
            price_cents=draft.price_cents,
        )
        if end <= start:
            problems.add("end", _("The booking must end after it starts: check the times."))
        elif end > datetime.combine(start.date() + timedelta(days=1), time()):
            problems.add("end", _("A booking ends on the day it starts: book each day separately."))
        else:
            closure = closure_on(session, *span_days(start, end))
            if closure is not None:
                problems.add(
                    "start",
                    _("The house is closed on that day ({reason}): choose another day.").format(reason=closure.reason),
                )
            elif room is not None and draft.status is BookingStatus.CONFIRMED:
                taken = self._overlapping(
                    session, room_id, start, end, ignore_booking_id=booking_id, statuses=[BookingStatus.CONFIRMED]
                )
                if taken:
                    problems.add(
                        "start",
                        _("The room, or a room linked to it, is already booked then: {booking}.").format(
                            booking=_describe(taken[0])
                        ),
                    )
        problems.raise_if_any()
        assert room is not None
        return room

    @staticmethod
    def _check_common(
        session: Session,
        problems: Problems,
        *,
        room_id: int,
        person_id: int | None,
        organisation_id: int | None,
        purpose: str,
        people_count: int,
        price_cents: int | None,
    ) -> Room | None:
        room = session.get(Room, room_id)
        if room is None:
            problems.add("room_id", _("The chosen room no longer exists: choose it again."))
        elif not room.active:
            problems.add("room_id", _("This room is no longer in use: choose another room."))
        if (person_id is None) == (organisation_id is None):
            problems.add("holder", _("Choose who books: either a person or an association."))
        elif person_id is not None and session.get(Person, person_id) is None:
            problems.add("holder", _("The chosen person no longer exists: choose them again."))
        elif organisation_id is not None and session.get(Organisation, organisation_id) is None:
            problems.add("holder", _("The chosen association no longer exists: choose it again."))
        check_max_length(problems, "purpose", purpose, 200)
        if people_count < 1:
            problems.add("people_count", _("Write how many people will come: at least 1."))
        elif room is not None and people_count > room.capacity:
            problems.add(
                "people_count",
                _("The room holds at most {capacity} people: choose a larger room.").format(capacity=room.capacity),
            )
        if price_cents is not None and price_cents < 0:
            problems.add("price_cents", _("The price cannot be negative."))
        return room

    def _preview(
        self,
        session: Session,
        draft: SeriesDraft,
        *,
        since: datetime | None = None,
        ignore_series_id: int | None = None,
        ignore_from: datetime = datetime.min,
        moved: frozenset[datetime] = frozenset(),
    ) -> SeriesPreview:
        """The occurrences of ``draft`` (from ``since`` on) and their conflicts; the occurrences of
        the series ``ignore_series_id`` from ``ignore_from`` on are not conflicts (it is being
        edited), nor are the starts in ``moved`` occurrences (they are bookings of their own)."""
        problems = Problems()
        self._check_common(
            session,
            problems,
            room_id=draft.room_id,
            person_id=draft.person_id,
            organisation_id=draft.organisation_id,
            purpose=draft.purpose,
            people_count=draft.people_count,
            price_cents=draft.price_cents,
        )
        rule: rrule | None = None
        try:
            rule = parse_rule(draft.rrule, draft.dtstart)
        except (ValueError, TypeError):
            problems.add("rrule", _("The repetition is not valid: choose the days and the end again."))
        duration = timedelta(minutes=draft.duration_minutes)
        if draft.duration_minutes < 1:
            problems.add("duration_minutes", _("The booking must end after it starts: check the times."))
        elif draft.dtstart + duration > datetime.combine(draft.dtstart.date() + timedelta(days=1), time()):
            problems.add("duration_minutes", _("A booking ends on the day it starts: book each day separately."))
        if draft.status is BookingStatus.CANCELLED:
            problems.add("status", _("A new booking is tentative or confirmed."))
        problems.raise_if_any()
        assert rule is not None
        first = draft.dtstart if since is None else max(draft.dtstart, since)
        horizon = first + SERIES_HORIZON
        excluded = set(draft.exdates) | moved
        starts = tuple(o for o in rule.between(first, horizon, inc=True) if o not in excluded and o >= draft.dtstart)
        conflicts: list[SeriesConflict] = []
        if starts:
            closed = closed_days(session, starts[0].date(), starts[-1].date())
            taken: list[BookingRow] = []
            if draft.status is BookingStatus.CONFIRMED:
                taken = rows_between(
                    session,
                    starts[0],
                    starts[-1] + duration,
                    linked_room_ids(session, draft.room_id),
                    statuses=[BookingStatus.CONFIRMED],
                )
                taken = [
                    row
                    for row in taken
                    if not (row.id is None and row.series_id == ignore_series_id and row.start >= ignore_from)
                ]
            by_day: dict[date, list[BookingRow]] = {}
            for row in taken:
                by_day.setdefault(row.start.date(), []).append(row)
            for occurrence in starts:
                end = occurrence + duration
                if occurrence.date() in closed:
                    conflicts.append(
                        SeriesConflict(
                            occurrence, _("{date}: the house is closed").format(date=format_date(occurrence))
                        )
                    )
                    continue
                for row in by_day.get(occurrence.date(), []):
                    if row.start < end and row.end > occurrence:
                        conflicts.append(SeriesConflict(occurrence, _describe(row)))
                        break
        return SeriesPreview(occurrences=starts, conflicts=tuple(conflicts), open_ended=is_open_ended(draft.rrule))


def _clean_series(draft: SeriesDraft) -> SeriesDraft:
    value = draft.rrule.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    return replace(draft, rrule=value.upper(), purpose=clean(draft.purpose), notes=draft.notes.strip())


def _fields(draft: BookingDraft) -> list[str]:
    names = ["room_id", "start", "end", "status", "people_count"]
    names.append("person_id" if draft.person_id is not None else "organisation_id")
    names.extend(name for name in ("purpose", "notes") if getattr(draft, name))
    if draft.price_cents is not None:
        names.append("price_cents")
    return names


def _draft_of(booking: Booking) -> BookingDraft:
    return BookingDraft(
        room_id=booking.room_id,
        start=booking.starts_at,
        end=booking.ends_at,
        person_id=booking.person_id,
        organisation_id=booking.organisation_id,
        purpose=booking.purpose,
        people_count=booking.people_count,
        status=BookingStatus(booking.status),
        price_cents=booking.price_cents if booking.price_overridden else None,
        notes=booking.notes,
    )
