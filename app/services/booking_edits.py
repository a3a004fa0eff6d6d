"""Saving one booking: a new one, a change, a move, a cancel, and moving or changing one date of a series.

Rules (``BookingService`` calls these in its transaction, after ``authorise``):
- every save passes ``booking_checks.check_booking``, the booking itself not counting as a
  conflict; a cancelled booking cannot be changed or moved (the desk books again instead), and a
  booking is saved tentative or confirmed: cancelling is its own action, ``cancel_booking``;
- the price is computed (``booking_checks.price_of``: the member rate for a member association)
  unless the draft gives one, and computed again whenever the booking changes;
- the audit entry of a change names only the fields that changed;
- moving or changing one occurrence turns it into a booking with ``series_id`` and
  ``occurrence_start``, so the rule's occurrence at that start is skipped from then on; moving or
  changing it again changes that booking. Its day, time and every other field change together,
  in the caller's one transaction: a refusal leaves the occurrence as it was, time included.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.models import Booking, BookingSeries, Room
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.services import audit
from app.services.booking_checks import check_booking, clean_booking, minutes_between, price_of, series_at
from app.services.booking_rules import parse_exdates
from app.services.booking_types import BookingDraft, BookingStatus
from app.services.roles import Actor

_EDITABLE = tuple(item.name for item in fields(BookingDraft) if item.name != "price_cents")


def _new_status_message() -> str:
    return _("A new booking is tentative or confirmed.")


def _changed_status_message() -> str:
    return _("Choose tentative or confirmed: to cancel the booking, use Cancel booking.")


def create_booking(session: Session, clock: Clock, actor: Actor, draft: BookingDraft, ics_uid: str | None) -> int:
    """Save a new booking; its id. ``ics_uid`` is the UID of the calendar event it comes from."""
    draft = clean_booking(draft)
    room = check_booking(session, draft, None, cancelled_message=_new_status_message())
    now = clock.now()
    booking = Booking(ics_uid=ics_uid, created_at=now, updated_at=now)
    _write(booking, draft, _price(session, room, draft))
    session.add(booking)
    session.flush()
    audit.record(session, clock, actor, "create", "booking", booking.id, _filled(draft, ics_uid))
    return booking.id


def update_booking(session: Session, clock: Clock, actor: Actor, booking_id: int, draft: BookingDraft) -> None:
    """Change a booking (a one-off or a moved occurrence) to ``draft``.

    Raises:
        NotFound: the booking is gone.
        ValidationError: it was cancelled, or the draft does not pass the checks.
    """
    booking = _changeable(session, booking_id)
    draft = clean_booking(draft)
    room = check_booking(
        session, draft, booking_id, cancelled_message=_changed_status_message(), current_room_id=booking.room_id
    )
    before = draft_of(booking)
    changed = [name for name in _EDITABLE if getattr(before, name) != getattr(draft, name)]
    price = _price(session, room, draft)
    if price != booking.price_cents or (draft.price_cents is not None) != booking.price_overridden:
        changed.append("price_cents")
    if not changed:
        return
    _write(booking, draft, price)
    booking.updated_at = clock.now()
    audit.record(session, clock, actor, "update", "booking", booking_id, changed)


def move_booking(session: Session, clock: Clock, actor: Actor, booking_id: int, start: datetime, end: datetime) -> None:
    """Move a booking to ``[start, end)`` in its room: ``update_booking`` with the new times."""
    booking = _changeable(session, booking_id)
    update_booking(session, clock, actor, booking_id, replace(draft_of(booking), start=start, end=end))


def cancel_booking(session: Session, clock: Clock, actor: Actor, booking_id: int) -> None:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise record_gone()
    if booking.status != BookingStatus.CANCELLED:
        booking.status = BookingStatus.CANCELLED.value
        booking.updated_at = clock.now()
        audit.record(session, clock, actor, "cancel", "booking", booking_id, ["status"])


def move_occurrence(
    session: Session,
    clock: Clock,
    actor: Actor,
    series_id: int,
    occurrence_start: datetime,
    start: datetime,
    end: datetime,
) -> int:
    """Move one occurrence of a series to ``[start, end)`` in the same room; the booking's id."""
    series = _changeable_series(session, series_id, occurrence_start)
    existing = _moved_id(session, series_id, occurrence_start)
    if existing is not None:
        move_booking(session, clock, actor, existing, start, end)
        return existing
    # Even at its own time: a calendar import moves an occurrence left out as a conflict back in.
    draft = replace(_occurrence_draft(series, occurrence_start), start=start, end=end)
    return _materialise(session, clock, actor, series, occurrence_start, draft, "move_occurrence")


def update_occurrence(
    session: Session, clock: Clock, actor: Actor, series_id: int, occurrence_start: datetime, draft: BookingDraft
) -> int | None:
    """Change one occurrence of a series to ``draft`` (room, times, holder, purpose, people,
    status, price, notes) with the checks of ``update_booking``; the booking's id, None when the
    draft is the occurrence as it is (nothing to save). One occurrence moved or changed before is
    a booking already and is changed as one.

    Raises:
        NotFound: the series is gone.
        ValidationError: the series or this date was cancelled, the series has no occurrence
            there, or the draft does not pass the checks.
    """
    series = _changeable_series(session, series_id, occurrence_start)
    existing = _moved_id(session, series_id, occurrence_start)
    if existing is not None:
        update_booking(session, clock, actor, existing, draft)
        return existing
    if occurrence_start in parse_exdates(series.exdates):
        raise ValidationError(_("This booking was cancelled: it cannot be changed. Make a new booking instead."))
    draft = clean_booking(draft)
    if draft == _occurrence_draft(series, occurrence_start):
        return None
    return _materialise(session, clock, actor, series, occurrence_start, draft, "update_occurrence")


def _materialise(
    session: Session,
    clock: Clock,
    actor: Actor,
    series: BookingSeries,
    occurrence_start: datetime,
    draft: BookingDraft,
    action: str,
) -> int:
    """Save the occurrence at ``occurrence_start`` as a booking of its own changed to ``draft``,
    with the checks of ``update_booking``, audited on the series as ``action`` naming the fields
    that changed; the booking's id."""
    draft = clean_booking(draft)
    before = _occurrence_draft(series, occurrence_start)
    changed = [name for name in _EDITABLE if getattr(before, name) != getattr(draft, name)]
    # The occurrence leaves its old place as soon as the booking exists: it is added (cancelled, so
    # it is in nobody's way) and flushed first, so that the check does not see what it replaces.
    # A refusal raises out of the caller's transaction, which takes the booking away again.
    booking = _occurrence_booking(series, occurrence_start, clock.now())
    session.add(booking)
    session.flush()
    room = check_booking(
        session, draft, booking.id, cancelled_message=_changed_status_message(), current_room_id=series.room_id
    )
    _write(booking, draft, _price(session, room, draft))
    if booking.price_cents != series.price_cents or booking.price_overridden != series.price_overridden:
        changed.append("price_cents")
    audit.record(session, clock, actor, action, "booking_series", series.id, changed)
    return booking.id


def _changeable_series(session: Session, series_id: int, occurrence_start: datetime) -> BookingSeries:
    series = series_at(session, series_id, occurrence_start)
    if series.status == BookingStatus.CANCELLED.value:
        raise ValidationError(_("This series was cancelled: it cannot be changed."))
    return series


def _moved_id(session: Session, series_id: int, occurrence_start: datetime) -> int | None:
    """The booking the occurrence already became, if it was moved or changed before."""
    return session.scalar(
        select(Booking.id).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
    )


def _occurrence_draft(series: BookingSeries, occurrence_start: datetime) -> BookingDraft:
    """The occurrence as the series makes it: what a change of one date is compared with."""
    return _draft(series, occurrence_start, occurrence_start + timedelta(minutes=series.duration_minutes))


def _occurrence_booking(series: BookingSeries, occurrence_start: datetime, now: datetime) -> Booking:
    """The occurrence as a booking of its own, still cancelled: in nobody's way until it is changed."""
    booking = Booking(series_id=series.id, occurrence_start=occurrence_start, created_at=now, updated_at=now)
    draft = replace(_occurrence_draft(series, occurrence_start), status=BookingStatus.CANCELLED)
    _write(booking, draft, series.price_cents)
    return booking


def _price(session: Session, room: Room, draft: BookingDraft) -> int:
    """The draft's own price, or the one computed for its room, holder and length."""
    if draft.price_cents is not None:
        return draft.price_cents
    return price_of(session, room, draft.organisation_id, minutes_between(draft.start, draft.end))


def _write(booking: Booking, draft: BookingDraft, price_cents: int) -> None:
    """Copy the draft into the booking row at ``price_cents`` (``_price``): a new booking, a change
    and a materialised occurrence all store a draft the same way."""
    booking.room_id = draft.room_id
    booking.starts_at, booking.ends_at = draft.start, draft.end
    booking.person_id, booking.organisation_id = draft.person_id, draft.organisation_id
    booking.purpose = draft.purpose
    booking.people_count = draft.people_count
    booking.status = draft.status.value
    booking.price_cents = price_cents
    booking.price_overridden = draft.price_cents is not None
    booking.notes = draft.notes
    booking.public = draft.public


def _changeable(session: Session, booking_id: int) -> Booking:
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise record_gone()
    if booking.status == BookingStatus.CANCELLED.value:
        raise ValidationError(_("This booking was cancelled: it cannot be changed. Make a new booking instead."))
    return booking


def _filled(draft: BookingDraft, ics_uid: str | None) -> list[str]:
    names = ["room_id", "start", "end", "status", "people_count"]
    names.append("person_id" if draft.person_id is not None else "organisation_id")
    names.extend(name for name in ("purpose", "notes", "public") if getattr(draft, name))
    if draft.price_cents is not None:
        names.append("price_cents")
    if ics_uid:
        names.append("ics_uid")
    return names


def draft_of(booking: Booking) -> BookingDraft:
    """The booking as a draft: what ``update_booking`` compares a change with."""
    return _draft(booking, booking.starts_at, booking.ends_at)


def _draft(record: Booking | BookingSeries, start: datetime, end: datetime) -> BookingDraft:
    """A booking, or a series at one of its dates, as the draft of a booking from ``start`` to
    ``end``: both hold the same fields, and a price only when one was typed in."""
    return BookingDraft(
        room_id=record.room_id,
        start=start,
        end=end,
        person_id=record.person_id,
        organisation_id=record.organisation_id,
        purpose=record.purpose,
        people_count=record.people_count,
        status=BookingStatus(record.status),
        price_cents=record.price_cents if record.price_overridden else None,
        notes=record.notes,
        public=record.public,
    )
