"""Bookings of rooms, one-off or recurring: the service the desk, the CLI and the calendars call.

Each method opens its transaction, checks the actor (any role may book) and hands the work to
the module that owns it:
- ``booking_types``: the drafts and rows (all re-exported here);
- ``booking_rows``: reading a range (``rows_between``): bookings, series occurrences, closed days;
- ``booking_checks``: conflicts, closures, capacity, the price, a new series' preview;
- ``booking_edits``: saving, changing, moving and cancelling one booking or occurrence;
- ``series_edits``: creating, cancelling and editing a series;
- ``booking_dues``: what bookings and series owe at the cash desk.

Times are naive local wall-clock times of the house (``app.clock``); a booking is the half-open
span ``[start, end)`` on one day. The price is the hours times the room's hourly rate, or its
member rate when a member association books (``booking_rules.computed_price``), unless
overridden. A series keeps its RFC 5545 rule and is expanded (``dateutil.rrule``, naive
``dtstart``, so 18:00 stays 18:00 across DST) only over the range asked for: an open-ended
series is never cut. A cancelled occurrence goes into the series' ``exdates``; a moved one
becomes a booking with ``series_id`` and ``occurrence_start``; one on a closed day does not happen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Booking, BookingSeries, Room
from app.errors import record_gone
from app.services import booking_edits, series_edits
from app.services.booking_checks import SERIES_HORIZON, clean_series, overlapping, preview, price_of
from app.services.booking_dues import PaidStatus, booking_paid_status, paid_statuses, series_paid_status
from app.services.booking_rows import LONGEST_BOOKING, rows_between, series_row
from app.services.booking_types import (
    ACTIVE_STATUSES,
    BookingDraft,
    BookingRow,
    BookingStatus,
    SeriesConflict,
    SeriesDraft,
    SeriesPreview,
    SeriesRow,
)
from app.services.closure_days import closure_on, span_days
from app.services.roles import Actor, authorise
from app.services.validation import Problems, check_day_range, check_kinds, check_values

__all__ = [
    "LONGEST_BOOKING",
    "SERIES_HORIZON",
    "BookingDraft",
    "BookingRow",
    "BookingService",
    "BookingStatus",
    "SeriesConflict",
    "SeriesDraft",
    "SeriesPreview",
    "SeriesRow",
    "rows_between",
]


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
        statuses = list(BookingStatus) if include_cancelled else ACTIVE_STATUSES
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return rows_between(session, start, end, room_ids, statuses=statuses)

    def get(self, actor: Actor, booking_id: int) -> BookingRow:
        """A booking (one-off or moved occurrence), whatever its status."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking = session.get(Booking, booking_id)
            if booking is None:
                raise record_gone()
            rows = rows_between(
                session, booking.starts_at, booking.ends_at, [booking.room_id], statuses=list(BookingStatus)
            )
        return next(row for row in rows if row.id == booking_id)

    def series(self, actor: Actor, series_id: int) -> SeriesRow:
        """A series as its editor shows it, whatever its status."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series = session.get(BookingSeries, series_id)
            if series is None:
                raise record_gone()
            return series_row(session, series)

    def occurrence(self, actor: Actor, series_id: int, occurrence_start: datetime) -> BookingRow:
        """The occurrence of a series that the rule puts at ``occurrence_start``, as
        ``bookings_between`` (cancelled included) shows it: moved there or not.

        Raises:
            NotFound: the series is gone, or has no occurrence there (an exception date, a closed
                day, or no such date in its rule).
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            moved = session.scalar(
                select(Booking).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
            )
            if moved is not None:
                start, end, room_id = moved.starts_at, moved.ends_at, moved.room_id
            else:
                series = session.get(BookingSeries, series_id)
                if series is None:
                    raise record_gone()
                start, room_id = occurrence_start, series.room_id
                end = start + timedelta(minutes=series.duration_minutes)
            rows = rows_between(session, start, end, [room_id], statuses=list(BookingStatus))
        found = [row for row in rows if row.series_id == series_id and row.occurrence_start == occurrence_start]
        if not found:
            raise record_gone()
        return found[0]

    def conflicts(
        self, actor: Actor, room_id: int, start: datetime, end: datetime, *, ignore_booking_id: int | None = None
    ) -> list[BookingRow]:
        """Tentative and confirmed bookings of the room or a linked one overlapping ``[start, end)``."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return overlapping(session, room_id, start, end, ignore_booking_id=ignore_booking_id)

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

    def price_quote(
        self,
        actor: Actor,
        room_id: int,
        minutes: int,
        *,
        person_id: int | None = None,
        organisation_id: int | None = None,
    ) -> int:
        """The price a new booking (or each occurrence of a new series) of ``minutes`` in the room
        would get for this holder when no price is written: what the editor shows before saving.

        Raises:
            NotFound: the room is gone.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            room = session.get(Room, room_id)
            if room is None:
                raise record_gone()
            return price_of(session, room, organisation_id if person_id is None else None, minutes)

    # -- one-off bookings --------------------------------------------------------------------------

    def create_booking(self, actor: Actor, draft: BookingDraft, *, ics_uid: str | None = None) -> BookingRow:
        """Save a booking; ``ics_uid`` is the UID of the calendar event it is imported from.

        Raises:
            ValidationError: one message per field to fix (a conflict is on ``start``).
        """
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_id = booking_edits.create_booking(session, self._clock, actor, draft, ics_uid)
        return self.get(actor, booking_id)

    def update_booking(self, actor: Actor, booking_id: int, draft: BookingDraft) -> BookingRow:
        """Change a one-off booking or a moved occurrence: room, times, holder, purpose, people,
        status, price (None: computed) and notes, with the checks of a new booking.

        Raises:
            NotFound: the booking is gone.
            ValidationError: it was cancelled, or one message per field to fix.
        """
        check_values({"booking_id": (booking_id, int)})
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_edits.update_booking(session, self._clock, actor, booking_id, draft)
        return self.get(actor, booking_id)

    def cancel_booking(self, actor: Actor, booking_id: int) -> None:
        check_values({"booking_id": (booking_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_edits.cancel_booking(session, self._clock, actor, booking_id)

    def move_booking(self, actor: Actor, booking_id: int, start: datetime, end: datetime) -> BookingRow:
        """Move a booking (a one-off or an already moved occurrence) to ``[start, end)``, same room."""
        check_values({"booking_id": (booking_id, int), "start": (start, datetime), "end": (end, datetime)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_edits.move_booking(session, self._clock, actor, booking_id, start, end)
        return self.get(actor, booking_id)

    def move_occurrence(
        self, actor: Actor, series_id: int, occurrence_start: datetime, start: datetime, end: datetime
    ) -> BookingRow:
        """Move one occurrence of a series to ``[start, end)`` in the same room."""
        check_values(
            {
                "series_id": (series_id, int),
                "occurrence_start": (occurrence_start, datetime),
                "start": (start, datetime),
                "end": (end, datetime),
            }
        )
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_id = booking_edits.move_occurrence(
                session, self._clock, actor, series_id, occurrence_start, start, end
            )
        return self.get(actor, booking_id)

    def update_occurrence(
        self, actor: Actor, series_id: int, occurrence_start: datetime, draft: BookingDraft
    ) -> BookingRow:
        """Change only this date of a series: it becomes a booking of its own (``series_id``,
        ``occurrence_start``) with every field of ``draft``, its day and time too, checked as
        ``update_booking`` checks. All in one transaction: a refusal changes nothing, not even
        the time. A draft equal to the occurrence saves nothing and returns it as it is.

        Raises:
            NotFound: the series is gone.
            ValidationError: the series or this date was cancelled, or one message per field to fix.
        """
        check_values({"series_id": (series_id, int), "occurrence_start": (occurrence_start, datetime)})
        check_kinds(draft)
        problems = Problems()
        for field, moment in (("occurrence_start", occurrence_start), ("start", draft.start), ("end", draft.end)):
            check_day_range(problems, field, moment.date())
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            booking_id = booking_edits.update_occurrence(
                session, self._clock, actor, series_id, occurrence_start, draft
            )
        if booking_id is None:
            return self.occurrence(actor, series_id, occurrence_start)
        return self.get(actor, booking_id)

    # -- series ------------------------------------------------------------------------------------

    def preview_series(self, actor: Actor, draft: SeriesDraft, *, holder_pending: bool = False) -> SeriesPreview:
        """The occurrences of a new series up to its end or the horizon, and those that conflict.

        ``holder_pending`` accepts a draft with nobody booking yet: the dry run of a calendar
        import whose group would only be created by the import itself.

        Raises:
            ValidationError: the draft itself is wrong (room, rule, people, ...).
        """
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return preview(session, clean_series(draft), holder_pending=holder_pending)

    def create_series(self, actor: Actor, draft: SeriesDraft, *, ics_uid: str | None = None) -> int:
        """Save a series whose occurrences up to the horizon have no conflict; the id.

        Put the conflicting dates of ``preview_series`` in ``exdates`` to book the rest.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return series_edits.create_series(session, self._clock, actor, clean_series(draft), ics_uid)

    def cancel_occurrence(self, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
        """Cancel one occurrence: it becomes an exception date (or its moved booking is cancelled)."""
        check_values({"series_id": (series_id, int), "occurrence_start": (occurrence_start, datetime)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series_edits.cancel_occurrence(session, self._clock, actor, series_id, occurrence_start)

    def cancel_following(self, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
        """Cancel this occurrence and the following ones: the series ends just before it."""
        check_values({"series_id": (series_id, int), "occurrence_start": (occurrence_start, datetime)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series_edits.cancel_following(session, self._clock, actor, series_id, occurrence_start)

    def cancel_series(self, actor: Actor, series_id: int) -> None:
        """Cancel the whole series, its moved occurrences included."""
        check_values({"series_id": (series_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series_edits.cancel_series(session, self._clock, actor, series_id)

    def preview_series_update(self, actor: Actor, series_id: int, draft: SeriesDraft) -> SeriesPreview:
        """The occurrences from now of the whole series changed as ``draft``, and those in conflict."""
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return series_edits.update_series(session, self._clock, actor, series_id, clean_series(draft), save=False)

    def update_series(self, actor: Actor, series_id: int, draft: SeriesDraft) -> None:
        """Change the whole series (see ``series_edits``); ``draft.exdates`` are added to its own.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        check_values({"series_id": (series_id, int)})
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            series_edits.update_series(session, self._clock, actor, series_id, clean_series(draft), save=True)

    def preview_following_update(
        self, actor: Actor, series_id: int, occurrence_start: datetime, draft: SeriesDraft
    ) -> SeriesPreview:
        """The occurrences of the series that would follow ``occurrence_start``, and their conflicts."""
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            found, _unsaved = series_edits.update_following(
                session, self._clock, actor, series_id, occurrence_start, clean_series(draft), save=False
            )
            return found

    def update_following(self, actor: Actor, series_id: int, occurrence_start: datetime, draft: SeriesDraft) -> int:
        """Change this occurrence and the following ones: the series ends just before it and a new
        series from ``draft`` follows (see ``series_edits``); the new series' id.

        Raises:
            ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
        """
        check_values({"series_id": (series_id, int), "occurrence_start": (occurrence_start, datetime)})
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            _found, new_id = series_edits.update_following(
                session, self._clock, actor, series_id, occurrence_start, clean_series(draft), save=True
            )
            return new_id

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

    def paid_statuses(
        self, actor: Actor, booking_ids: Iterable[int], series_ids: Iterable[int]
    ) -> tuple[dict[int, PaidStatus], dict[int, PaidStatus]]:
        """``paid_status`` of each booking and ``series_paid_status`` of each series, by id, read
        together in one session: a page showing a day's bookings asks once, not once a line.

        Raises:
            NotFound: one of them is gone.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return paid_statuses(session, booking_ids, series_ids, self._clock.now())
