"""Saving a recurring series: creating it, cancelling some of it, editing the whole of it or this
occurrence and the following ones.

Rules (``BookingService`` calls these in its transaction, after ``authorise``):
- a series is saved only when its occurrences up to its end or the horizon have no conflict
  (``booking_checks.preview``): the desk puts the conflicting dates in ``exdates`` to book the rest;
- its price per occurrence is computed like a booking's (the member rate for a member
  association) unless the draft gives one;
- ``last_end`` is stored with every rule that is saved (``booking_rules.series_last_end``);
- cancelling one occurrence makes it an exception date (or cancels its moved booking); cancelling
  this and the following ones ends the rule just before it (``UNTIL`` one second before);
- *the whole series* takes the draft's values, its past included (use "this and following" to
  keep the past as it was); its conflicts are checked from now on, like a new series' from its
  start: what has already happened is not checked again;
- *this and following* ends the old series just before the chosen occurrence (so its past,
  exceptions, payments and moved occurrences stay as they were) and creates a new series from
  the draft, which starts on the chosen day or later;
- moved occurrences are bookings of their own: an edit keeps their time, room, price and status.
  Those at or after the split go with the new series. An exception date or a moved occurrence
  follows its day: when the time of day changes, it is re-keyed to the new time on the same
  day, so a cancelled Tuesday stays cancelled and a moved one does not come back twice;
- times are naive local: 18:00 stays 18:00 across DST.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.models import Booking, BookingSeries, Room
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.services import audit
from app.services.booking_checks import preview, price_of, raise_conflicts, series_at
from app.services.booking_rules import format_exdates, parse_exdates, parse_rule, rule_until, series_last_end
from app.services.booking_types import BookingStatus, SeriesDraft, SeriesPreview
from app.services.roles import Actor

_SERIES_FIELDS = (
    "room_id",
    "rrule",
    "dtstart",
    "duration_minutes",
    "exdates",
    "person_id",
    "organisation_id",
    "purpose",
    "people_count",
    "status",
    "price_cents",
    "notes",
    "public",
)


# -- creating and cancelling -----------------------------------------------------------------------


def create_series(session: Session, clock: Clock, actor: Actor, draft: SeriesDraft, ics_uid: str | None) -> int:
    """Save a series whose occurrences up to the horizon have no conflict; its id.

    Raises:
        ValidationError: the draft is wrong, or occurrences conflict (listed on ``dtstart``).
    """
    raise_conflicts(preview(session, draft))
    now = clock.now()
    series = BookingSeries(ics_uid=ics_uid, created_at=now, updated_at=now)
    _apply(session, series, draft, draft.exdates)
    session.add(series)
    session.flush()
    fields = ["rrule", "dtstart", "room_id"] + (["ics_uid"] if ics_uid else [])
    audit.record(session, clock, actor, "create", "booking_series", series.id, fields)
    return series.id


def cancel_occurrence(session: Session, clock: Clock, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
    """Cancel one occurrence: it becomes an exception date (or its moved booking is cancelled)."""
    series = series_at(session, series_id, occurrence_start)
    moved = session.scalar(
        select(Booking).where(Booking.series_id == series_id, Booking.occurrence_start == occurrence_start)
    )
    if moved is not None:
        moved.status = BookingStatus.CANCELLED.value
        moved.updated_at = clock.now()
    else:
        series.exdates = format_exdates(parse_exdates(series.exdates) | {occurrence_start})
        series.updated_at = clock.now()
    audit.record(session, clock, actor, "cancel_occurrence", "booking_series", series_id, ["exdates"])


def cancel_following(session: Session, clock: Clock, actor: Actor, series_id: int, occurrence_start: datetime) -> None:
    """Cancel this occurrence and the following ones: the series ends just before it."""
    series = series_at(session, series_id, occurrence_start)
    now = clock.now()
    for moved in _moved(session, series_id, occurrence_start):
        moved.status = BookingStatus.CANCELLED.value
        moved.updated_at = now
    if occurrence_start <= series.dtstart:
        series.status = BookingStatus.CANCELLED.value
    else:
        series.rrule = rule_until(series.rrule, occurrence_start - timedelta(seconds=1))
        series.last_end = series_last_end(series.rrule, series.dtstart, series.duration_minutes)
    series.updated_at = now
    audit.record(session, clock, actor, "cancel_following", "booking_series", series_id, ["rrule"])


def cancel_series(session: Session, clock: Clock, actor: Actor, series_id: int) -> None:
    """Cancel the whole series, its moved occurrences included."""
    series = session.get(BookingSeries, series_id)
    if series is None:
        raise record_gone()
    now = clock.now()
    series.status = BookingStatus.CANCELLED.value
    series.updated_at = now
    for moved in _moved(session, series_id):
        moved.status = BookingStatus.CANCELLED.value
        moved.updated_at = now
    audit.record(session, clock, actor, "cancel", "booking_series", series_id, ["status"])


# -- editing ---------------------------------------------------------------------------------------


def _rekey(draft: SeriesDraft) -> Callable[[datetime], datetime]:
    """Map an occurrence start to the draft's occurrence on the same day, if the draft has one."""
    try:
        rule = parse_rule(draft.rrule, draft.dtstart)
    except (ValueError, TypeError):
        return lambda start: start  # the preview reports the rule

    def rekey(start: datetime) -> datetime:
        candidate = datetime.combine(start.date(), draft.dtstart.time())
        if rule.after(candidate - timedelta(seconds=1), inc=False) == candidate:
            return candidate
        return start

    return rekey


def _editable(session: Session, series_id: int) -> BookingSeries:
    series = session.get(BookingSeries, series_id)
    if series is None:
        raise record_gone()
    if series.status == BookingStatus.CANCELLED.value:
        raise ValidationError(_("This series was cancelled: it cannot be changed."))
    return series


def _apply(session: Session, series: BookingSeries, draft: SeriesDraft, exdates: Iterable[datetime]) -> None:
    room = session.get(Room, draft.room_id)
    assert room is not None  # checked by the preview
    series.room_id = draft.room_id
    series.rrule = draft.rrule
    series.dtstart = draft.dtstart
    series.duration_minutes = draft.duration_minutes
    series.last_end = series_last_end(draft.rrule, draft.dtstart, draft.duration_minutes)
    series.exdates = format_exdates(exdates)
    series.person_id = draft.person_id
    series.organisation_id = draft.organisation_id
    series.purpose = draft.purpose
    series.people_count = draft.people_count
    series.status = draft.status.value
    series.price_cents = (
        draft.price_cents
        if draft.price_cents is not None
        else price_of(session, room, draft.organisation_id, draft.duration_minutes)
    )
    series.price_overridden = draft.price_cents is not None
    series.notes = draft.notes
    series.public = draft.public


def _moved(session: Session, series_id: int, since: datetime = datetime.min) -> list[Booking]:
    return list(
        session.scalars(select(Booking).where(Booking.series_id == series_id, Booking.occurrence_start >= since))
    )


def update_series(
    session: Session, clock: Clock, actor: Actor, series_id: int, draft: SeriesDraft, *, save: bool
) -> SeriesPreview:
    """Check (and with ``save`` apply) the draft to the whole series; the draft's ``exdates`` are
    added to the series' own."""
    series = _editable(session, series_id)
    rekey = _rekey(draft)
    moved = _moved(session, series_id)
    exdates = {rekey(start) for start in parse_exdates(series.exdates)} | set(draft.exdates)
    moved_starts = frozenset(rekey(booking.occurrence_start or booking.starts_at) for booking in moved)
    full = replace(draft, exdates=tuple(sorted(exdates)))
    found = preview(session, full, since=clock.now(), ignore_series_id=series_id, moved=moved_starts)
    if not save:
        return found
    raise_conflicts(found)
    _apply(session, series, full, exdates)
    now = clock.now()
    series.updated_at = now
    for booking in moved:
        if booking.occurrence_start is not None:
            booking.occurrence_start = rekey(booking.occurrence_start)
            booking.updated_at = now
    audit.record(session, clock, actor, "update", "booking_series", series_id, list(_SERIES_FIELDS))
    return found


def update_following(
    session: Session,
    clock: Clock,
    actor: Actor,
    series_id: int,
    occurrence_start: datetime,
    draft: SeriesDraft,
    *,
    save: bool,
) -> tuple[SeriesPreview, int]:
    """Check (and with ``save`` do) the split at ``occurrence_start``: the preview of the new
    series and its id (the old one's when the split is at the first occurrence, 0 unsaved)."""
    series_at(session, series_id, occurrence_start)  # the occurrence exists
    series = _editable(session, series_id)
    if occurrence_start <= series.dtstart:
        return update_series(session, clock, actor, series_id, draft, save=save), series_id
    if draft.dtstart.date() < occurrence_start.date():
        raise ValidationError(
            _("The changed series starts on the chosen day or later: check the start date."), field="dtstart"
        )
    rekey = _rekey(draft)
    old_exdates = parse_exdates(series.exdates)
    moved = _moved(session, series_id, occurrence_start)
    exdates = {rekey(start) for start in old_exdates if start >= occurrence_start} | set(draft.exdates)
    moved_starts = frozenset(rekey(booking.occurrence_start or booking.starts_at) for booking in moved)
    full = replace(draft, exdates=tuple(sorted(exdates)))
    found = preview(session, full, ignore_series_id=series_id, ignore_from=occurrence_start, moved=moved_starts)
    if not save:
        return found, 0
    raise_conflicts(found)
    now = clock.now()
    series.rrule = rule_until(series.rrule, occurrence_start - timedelta(seconds=1))
    series.last_end = series_last_end(series.rrule, series.dtstart, series.duration_minutes)
    series.exdates = format_exdates(start for start in old_exdates if start < occurrence_start)
    series.updated_at = now
    following = BookingSeries(created_at=now, updated_at=now)
    _apply(session, following, full, exdates)
    session.add(following)
    session.flush()
    for booking in moved:
        booking.series_id = following.id
        if booking.occurrence_start is not None:
            booking.occurrence_start = rekey(booking.occurrence_start)
        booking.updated_at = now
    audit.record(session, clock, actor, "split", "booking_series", series_id, ["rrule", "exdates"])
    audit.record(session, clock, actor, "create", "booking_series", following.id, list(_SERIES_FIELDS))
    return found, following.id
