"""The checks a booking or a series must pass before it is saved, and the price it gets.

Rules (see DESIGN.md):
- a booking is the half-open span ``[start, end)`` and ends on the day it starts (midnight
  included); it is tentative or confirmed when saved (cancelling is its own action);
- two *confirmed* bookings of one room, or of linked rooms (a hall and its halves), never overlap;
  *tentative* bookings may overlap anything; cancelled ones count for nothing;
- nothing can be booked on a closed day, whatever its status;
- the room must be in use and hold the people; who books is a person or an association;
- a new series is checked up to its end or ``SERIES_HORIZON``; its conflicts (closed days and
  confirmed bookings in the way) are listed by date, so the desk books the rest.

These functions run in the caller's transaction and raise ``ValidationError`` with one message
per field to fix; the services in ``bookings``, ``booking_edits`` and ``series_edits`` call them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrule
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Booking, BookingSeries, Organisation, Person, Room
from app.errors import ValidationError, record_gone
from app.i18n import _, format_date, format_time
from app.services.booking_rows import rows_between
from app.services.booking_rules import computed_price, is_open_ended, parse_rule
from app.services.booking_types import (
    ACTIVE_STATUSES,
    BookingDraft,
    BookingRow,
    BookingStatus,
    SeriesConflict,
    SeriesDraft,
    SeriesPreview,
)
from app.services.closure_days import closed_days, closure_on, span_days
from app.services.rooms import linked_room_ids
from app.services.validation import Problems, check_day_range, check_max_length, clean

MINUTES_IN_A_DAY = 24 * 60
SERIES_HORIZON = timedelta(days=2 * 366)  # conflicts of a new series are checked this far ahead


def describe(row: BookingRow) -> str:
    return _("{date}, {start}-{end}: {holder}").format(
        date=format_date(row.start), start=format_time(row.start), end=format_time(row.end), holder=row.holder
    )


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def price_of(session: Session, room: Room, organisation_id: int | None, minutes: int) -> int:
    """The computed price of ``minutes`` in ``room`` for this holder (``booking_rules.computed_price``)."""
    member = False
    if organisation_id is not None:
        member = bool(session.scalar(select(Organisation.member).where(Organisation.id == organisation_id)))
    return computed_price(
        hourly_rate_cents=room.hourly_rate_cents,
        member_rate_cents=room.member_rate_cents,
        minutes=minutes,
        member=member,
    )


def clean_booking(draft: BookingDraft) -> BookingDraft:
    return replace(draft, purpose=clean(draft.purpose), notes=draft.notes.strip())


def clean_series(draft: SeriesDraft) -> SeriesDraft:
    value = draft.rrule.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    return replace(draft, rrule=value.upper(), purpose=clean(draft.purpose), notes=draft.notes.strip())


def overlapping(
    session: Session,
    room_id: int,
    start: datetime,
    end: datetime,
    *,
    ignore_booking_id: int | None = None,
    statuses: Sequence[BookingStatus] = ACTIVE_STATUSES,
) -> list[BookingRow]:
    """Bookings and occurrences of the room or a linked one overlapping ``[start, end)``."""
    rows = rows_between(session, start, end, linked_room_ids(session, room_id), statuses=statuses)
    return [row for row in rows if row.id is None or row.id != ignore_booking_id]


def series_at(session: Session, series_id: int, occurrence_start: datetime) -> BookingSeries:
    """The series, once sure that its rule (or a moved occurrence) has ``occurrence_start``."""
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


def check_booking(
    session: Session,
    draft: BookingDraft,
    booking_id: int | None,
    *,
    cancelled_message: str | None = None,
    current_room_id: int | None = None,
) -> Room:
    """Check a booking about to be saved as ``draft`` (``booking_id`` is itself: not a conflict).

    ``cancelled_message`` refuses a cancelled status with that message; None lets it through
    (an occurrence of a cancelled series keeps its status when it is moved). A booking may stay
    in ``current_room_id`` even if that room is no longer in use: its notes can still be fixed.

    Raises:
        ValidationError: one message per field to fix (a conflict is on ``start``).
    """
    problems = Problems()
    room = check_common(
        session,
        problems,
        room_id=draft.room_id,
        person_id=draft.person_id,
        organisation_id=draft.organisation_id,
        purpose=draft.purpose,
        people_count=draft.people_count,
        price_cents=draft.price_cents,
        inactive_allowed=draft.room_id == current_room_id,
    )
    if cancelled_message is not None and draft.status is BookingStatus.CANCELLED:
        problems.add("status", cancelled_message)
    start, end = draft.start, draft.end
    if end <= start:
        problems.add("end", _("The booking must end after it starts: check the times."))
    elif not check_day_range(problems, "start", start.date()):
        pass  # a day out of range would overflow the sums below
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
            taken = overlapping(
                session, draft.room_id, start, end, ignore_booking_id=booking_id, statuses=[BookingStatus.CONFIRMED]
            )
            if taken:
                problems.add(
                    "start",
                    _("The room, or a room linked to it, is already booked then: {booking}.").format(
                        booking=describe(taken[0])
                    ),
                )
    problems.raise_if_any()
    assert room is not None
    return room


def check_common(
    session: Session,
    problems: Problems,
    *,
    room_id: int,
    person_id: int | None,
    organisation_id: int | None,
    purpose: str,
    people_count: int,
    price_cents: int | None,
    inactive_allowed: bool = False,
    holder_pending: bool = False,
) -> Room | None:
    """What a booking and a series share: the room, who books, the purpose, people and price.

    ``holder_pending``: who books does not exist yet (the dry run of a calendar import that would
    create the group named after the calendar), so it is not checked; everything else is.
    """
    room = session.get(Room, room_id)
    if room is None:
        problems.add("room_id", _("The chosen room no longer exists: choose it again."))
    elif not room.active and not inactive_allowed:
        problems.add("room_id", _("This room is no longer in use: choose another room."))
    if (person_id is None) == (organisation_id is None):
        if not (holder_pending and person_id is None):
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


def raise_conflicts(preview: SeriesPreview) -> None:
    if preview.conflicts:
        raise ValidationError(
            _("Some dates cannot be booked; leave them out to book the others: {dates}.").format(
                dates="; ".join(conflict.reason for conflict in preview.conflicts)
            ),
            field="dtstart",
        )


def preview(
    session: Session,
    draft: SeriesDraft,
    *,
    since: datetime | None = None,
    ignore_series_id: int | None = None,
    ignore_from: datetime = datetime.min,
    moved: frozenset[datetime] = frozenset(),
    holder_pending: bool = False,
) -> SeriesPreview:
    """The occurrences of ``draft`` (from ``since`` on) and their conflicts; the occurrences of
    the series ``ignore_series_id`` from ``ignore_from`` on are not conflicts (it is being
    edited), nor are the starts in ``moved`` occurrences (they are bookings of their own).
    ``holder_pending``: see ``check_common``.

    Raises:
        ValidationError: the draft itself is wrong (room, rule, people, ...).
    """
    problems = Problems()
    check_common(
        session,
        problems,
        room_id=draft.room_id,
        person_id=draft.person_id,
        organisation_id=draft.organisation_id,
        purpose=draft.purpose,
        people_count=draft.people_count,
        price_cents=draft.price_cents,
        holder_pending=holder_pending,
    )
    rule: rrule | None = None
    try:
        rule = parse_rule(draft.rrule, draft.dtstart)
    except (ValueError, TypeError):
        problems.add("rrule", _("The repetition is not valid: choose the days and the end again."))
    if draft.duration_minutes < 1:
        problems.add("duration_minutes", _("The booking must end after it starts: check the times."))
    elif not check_day_range(problems, "dtstart", draft.dtstart.date()):
        pass  # a day out of range would overflow the sums below
    elif draft.duration_minutes > MINUTES_IN_A_DAY or draft.dtstart + timedelta(
        minutes=draft.duration_minutes
    ) > datetime.combine(draft.dtstart.date() + timedelta(days=1), time()):
        problems.add("duration_minutes", _("A booking ends on the day it starts: book each day separately."))
    if draft.status is BookingStatus.CANCELLED:
        problems.add("status", _("A new booking is tentative or confirmed."))
    problems.raise_if_any()
    assert rule is not None
    duration = timedelta(minutes=draft.duration_minutes)
    first = draft.dtstart if since is None else max(draft.dtstart, since)
    horizon = first + SERIES_HORIZON
    excluded = set(draft.exdates) | moved
    starts = tuple(o for o in rule.between(first, horizon, inc=True) if o not in excluded and o >= draft.dtstart)
    return SeriesPreview(
        occurrences=starts,
        conflicts=tuple(_conflicts(session, draft, starts, duration, ignore_series_id, ignore_from)),
        open_ended=is_open_ended(draft.rrule),
    )


def _conflicts(
    session: Session,
    draft: SeriesDraft,
    starts: tuple[datetime, ...],
    duration: timedelta,
    ignore_series_id: int | None,
    ignore_from: datetime,
) -> list[SeriesConflict]:
    """The occurrences among ``starts`` on a closed day or, when confirmed, in the way of a
    confirmed booking of a linked room; one reading of the calendar for all of them, limited to
    the weekdays of ``starts`` (an occurrence only meets rows starting on its own day)."""
    if not starts:
        return []
    closed = closed_days(session, starts[0].date(), starts[-1].date())
    taken: list[BookingRow] = []
    if draft.status is BookingStatus.CONFIRMED:
        taken = [
            row
            for row in rows_between(
                session,
                starts[0],
                starts[-1] + duration,
                linked_room_ids(session, draft.room_id),
                statuses=[BookingStatus.CONFIRMED],
                weekdays={occurrence.weekday() for occurrence in starts},
            )
            if not (row.id is None and row.series_id == ignore_series_id and row.start >= ignore_from)
        ]
    by_day: dict[date, list[BookingRow]] = {}
    for row in taken:
        by_day.setdefault(row.start.date(), []).append(row)
    conflicts: list[SeriesConflict] = []
    for occurrence in starts:
        end = occurrence + duration
        if occurrence.date() in closed:
            conflicts.append(
                SeriesConflict(occurrence, _("{date}: the house is closed").format(date=format_date(occurrence)))
            )
            continue
        for row in by_day.get(occurrence.date(), []):
            if row.start < end and row.end > occurrence:
                conflicts.append(SeriesConflict(occurrence, describe(row)))
                break
    return conflicts
