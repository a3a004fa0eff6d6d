"""Reading the calendar: bookings and series occurrences of a time range, as rows for the views.

Every read of the calendar goes through ``rows_between`` so the views, the conflict checks, the
free-room search and the calendar export see one and the same calendar:
- a booking lasts one day at most, so the bookings overlapping ``[start, end)`` are searched with
  both bounds on ``starts_at`` (``start - 1 day < starts_at < end``): SQLite walks one stretch of
  its index instead of every booking that started before ``end``
  (tests/app/test_booking_query_plan.py holds it to that);
- a series is read only when it can reach the range (``dtstart < end`` and ``last_end > start``
  or open-ended) and is expanded over that range alone, so an open-ended series is never cut;
- expanding is the cost of a busy day (some 450 series of a season reach it): a series whose
  weekdays cannot meet the days of the range is skipped before anything is parsed, rules and
  exception dates are parsed once (``booking_rules``), and a weekly rule is expanded from its
  last repetition before the range rather than from its first date
  (tests/app/test_booking_expansion.py holds the result to the plain expansion);
- an occurrence that was cancelled (an exception date) or moved (a booking of its own) is not
  an occurrence any more, and one on a day the house is closed does not happen: none is shown,
  owed or in the way of another booking.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session

from app.db.models import Booking, BookingSeries, Organisation, Person
from app.services.booking_rules import exdate_set, is_open_ended, parse_exdates, parse_rule, rule_shape
from app.services.booking_types import ACTIVE_STATUSES, BookingRow, BookingStatus, SeriesRow
from app.services.closure_days import closed_days, span_days

LONGEST_BOOKING = timedelta(days=1)  # a booking starts and ends on the same day, midnight included


ALL_WEEKDAYS = frozenset(range(7))


def weekdays_between(after: datetime, before: datetime) -> frozenset[int]:
    """The weekdays (Monday 0) of the days of the times ``t`` with ``after < t < before``."""
    first, last = after.date(), (before - timedelta(microseconds=1)).date()
    if last < first:
        return frozenset()
    if (last - first).days >= 6:
        return ALL_WEEKDAYS
    return frozenset((first + timedelta(days=offset)).weekday() for offset in range((last - first).days + 1))


def occurrence_starts(
    series: BookingSeries,
    start: datetime,
    end: datetime,
    excluded: Collection[datetime],
    weekdays: Collection[int] | None = None,
) -> list[datetime]:
    """Starts of the occurrences of ``series`` that overlap ``[start, end)``, in order, its
    exception dates and ``excluded`` left out; with ``weekdays`` (Monday 0), only those on them.

    Exactly ``parse_rule(...).between(start - duration, end)`` less the exceptions, done cheaply:
    - a weekly or monthly rule whose weekdays (``RuleShape.possible_weekdays``) meet none of the
      days an occurrence could overlap, or of ``weekdays``, has none: nothing is parsed;
    - a weekly rule without COUNT is expanded from its last repetition before the range: moving
      its first date forward by whole periods (INTERVAL weeks, naive wall-clock time) keeps the
      weekdays, the time, the weeks it skips and UNTIL, and leaves out only earlier occurrences;
    - the exception dates are read only when an occurrence was found.
    """
    duration = timedelta(minutes=series.duration_minutes)
    after = start - duration
    shape = rule_shape(series.rrule)
    if shape is not None:
        possible = shape.possible_weekdays(series.dtstart)
        wanted = weekdays_between(after, end)
        if weekdays is not None:
            wanted = wanted & frozenset(weekdays)
        if possible is not None and not possible & wanted:
            return []
    rule = parse_rule(series.rrule, series.dtstart)
    if shape is not None and shape.weekly and not shape.counted:
        first = series.dtstart.replace(microsecond=0)  # as dateutil keeps it
        period = timedelta(weeks=shape.interval)
        periods = (after - first) // period if after > first else 0
        if periods > 0:
            rule = rule.replace(dtstart=first + periods * period)
    found = [
        occurrence
        for occurrence in rule.between(after, end, inc=False)
        if weekdays is None or occurrence.weekday() in weekdays
    ]
    if not found:
        return found
    exdates = exdate_set(series.exdates)
    return [occurrence for occurrence in found if occurrence not in exdates and occurrence not in excluded]


def holder_names(session: Session, person_ids: set[int], organisation_ids: set[int]) -> dict[tuple[str, int], str]:
    """Display names of the people and organisations who book, keyed ``("person", id)`` or
    ``("organisation", id)``."""
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


def _holder(names: dict[tuple[str, int], str], record: Booking | BookingSeries) -> str:
    if record.person_id is not None:
        return names.get(("person", record.person_id), "")
    return names.get(("organisation", record.organisation_id or 0), "")


def moved_starts(session: Session, series_ids: Sequence[int]) -> dict[int, set[datetime]]:
    """For each series, the starts of its occurrences that were moved (they are bookings now)."""
    moved: dict[int, set[datetime]] = {series_id: set() for series_id in series_ids}
    if series_ids:
        for series_id, occurrence in session.execute(
            select(Booking.series_id, Booking.occurrence_start).where(Booking.series_id.in_(series_ids))
        ):
            if series_id is not None and occurrence is not None:
                moved[series_id].add(occurrence)
    return moved


def _row(
    record: Booking | BookingSeries,
    holder: str,
    *,
    booking_id: int | None,
    series_id: int | None,
    occurrence_start: datetime | None,
    starts_at: datetime,
    ends_at: datetime,
) -> BookingRow:
    """One line of the calendar; a booking and a series occurrence share every other field."""
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
        public=record.public,
    )


def rows_between(
    session: Session,
    start: datetime,
    end: datetime,
    room_ids: Sequence[int] | None = None,
    *,
    statuses: Sequence[BookingStatus] = ACTIVE_STATUSES,
    weekdays: Collection[int] | None = None,
) -> list[BookingRow]:
    """Bookings and series occurrences overlapping ``[start, end)``, ordered by start then room.

    ``weekdays`` (Monday 0) keeps only the rows that start on those weekdays, for a caller that
    looks at those days alone (the conflicts of a weekly series): a booking and an occurrence
    end on the day they start, so no other row can meet them.
    """
    codes = [status.value for status in statuses]
    booking_query = select(Booking).where(
        Booking.starts_at > start - LONGEST_BOOKING,
        Booking.starts_at < end,
        Booking.ends_at > start,
        Booking.status.in_(codes),
    )
    if weekdays is not None:
        # SQL counts the days of the week from Sunday (0), Python from Monday (0).
        booking_query = booking_query.where(
            extract("dow", Booking.starts_at).in_(sorted({(day + 1) % 7 for day in weekdays}))
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
    names = holder_names(
        session,
        {b.person_id for b in bookings if b.person_id} | {s.person_id for s in all_series if s.person_id},
        {b.organisation_id for b in bookings if b.organisation_id}
        | {s.organisation_id for s in all_series if s.organisation_id},
    )
    rows = [
        _row(
            b,
            _holder(names, b),
            booking_id=b.id,
            series_id=b.series_id,
            occurrence_start=b.occurrence_start,
            starts_at=b.starts_at,
            ends_at=b.ends_at,
        )
        for b in bookings
    ]
    if all_series:
        moved = moved_starts(session, [s.id for s in all_series])
        closed = closed_days(session, *span_days(start - LONGEST_BOOKING, end))
        for s in all_series:
            duration = timedelta(minutes=s.duration_minutes)
            holder = _holder(names, s)
            rows += [
                _row(
                    s,
                    holder,
                    booking_id=None,
                    series_id=s.id,
                    occurrence_start=occurrence,
                    starts_at=occurrence,
                    ends_at=occurrence + duration,
                )
                for occurrence in occurrence_starts(s, start, end, moved[s.id], weekdays)
                if occurrence.date() not in closed
            ]
    rows.sort(key=lambda row: (row.start, row.room_id, row.end))
    return rows


def series_row(session: Session, series: BookingSeries) -> SeriesRow:
    """The series as its editor shows it."""
    names = holder_names(
        session,
        {series.person_id} if series.person_id else set(),
        {series.organisation_id} if series.organisation_id else set(),
    )
    return SeriesRow(
        id=series.id,
        room_id=series.room_id,
        dtstart=series.dtstart,
        duration_minutes=series.duration_minutes,
        rrule=series.rrule,
        exdates=tuple(sorted(parse_exdates(series.exdates))),
        holder=_holder(names, series),
        person_id=series.person_id,
        organisation_id=series.organisation_id,
        purpose=series.purpose,
        people_count=series.people_count,
        status=BookingStatus(series.status),
        price_cents=series.price_cents,
        price_overridden=series.price_overridden,
        notes=series.notes,
        public=series.public,
        open_ended=is_open_ended(series.rrule),
        last_end=series.last_end,
    )
