"""What bookings cost their holders, for the cash desk (``cash.DueSource``).

Rules:
- a *confirmed* booking with a price is owed by its person or organisation (kind ``"booking"``,
  link id the booking's id), from the moment it is confirmed, so it can be paid in advance; a
  tentative or cancelled booking owes nothing;
- an occurrence of a confirmed series that is not a booking of its own (not moved, not excluded)
  is owed once it has started: the series is one account (kind ``"booking_series"``, link id the
  series' id) owing its price for each occurrence started so far. Nothing is owed for the
  future of an open-ended series, and paying in advance leaves a credit that the next
  occurrences use up;
- an occurrence on a day the house is closed did not happen and is not owed;
- a moved occurrence is a booking, owed as a booking;
- payments linked with ``link_kind``/``link_id`` settle them; a cancelled receipt pays nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.models import Booking, BookingSeries, Room
from app.errors import record_gone
from app.i18n import _, format_date, format_time
from app.services.booking_rules import parse_exdates, parse_rule
from app.services.cash import Due, paid_for
from app.services.closure_days import closed_days

BOOKING = "booking"
SERIES = "booking_series"
_CONFIRMED = "confirmed"


@dataclass(frozen=True)
class PaidStatus:
    """What a booking or a series owes so far and what was paid towards it."""

    due_cents: int
    paid_cents: int

    @property
    def remaining_cents(self) -> int:
        return self.due_cents - self.paid_cents

    @property
    def paid(self) -> bool:
        return self.remaining_cents <= 0


def booking_due(booking: Booking) -> int:
    return booking.price_cents if booking.status == _CONFIRMED else 0


def started_occurrences(session: Session, series: BookingSeries, now: datetime) -> int:
    """How many occurrences of ``series`` started before ``now``, not counting excluded or moved
    ones nor those on a day the house is closed (they did not happen)."""
    if series.dtstart >= now:
        return 0
    moved = {
        start
        for start in session.scalars(select(Booking.occurrence_start).where(Booking.series_id == series.id))
        if start is not None
    }
    return _started(series, now, moved, closed_days(session, series.dtstart.date(), now.date()))


def _started(series: BookingSeries, now: datetime, moved: Set[datetime], closed: Set[date]) -> int:
    """``started_occurrences`` once the moved occurrences' starts and the closed days (at least
    from the series' first day to ``now``) are read."""
    if series.dtstart >= now:
        return 0
    excluded = parse_exdates(series.exdates) | moved
    rule = parse_rule(series.rrule, series.dtstart)
    return sum(
        1
        for start in rule.between(series.dtstart - timedelta(seconds=1), now)
        if start not in excluded and start.date() not in closed
    )


def series_due(session: Session, series: BookingSeries, now: datetime) -> int:
    if series.status != _CONFIRMED:
        return 0
    return series.price_cents * started_occurrences(session, series, now)


def _holder(
    table: type[Booking] | type[BookingSeries], person_id: int | None, organisation_id: int | None
) -> ColumnElement[bool]:
    if person_id is not None:
        return table.person_id == person_id
    return table.organisation_id == organisation_id


class BookingDues:
    """The confirmed, priced bookings of a holder (kind ``"booking"``)."""

    kind = BOOKING

    def dues(self, session: Session, *, person_id: int | None, organisation_id: int | None) -> Sequence[Due]:
        statement = (
            select(Booking, Room.name)
            .join(Room, Room.id == Booking.room_id)
            .where(
                _holder(Booking, person_id, organisation_id),
                Booking.status == _CONFIRMED,
                Booking.price_cents > 0,
            )
            .order_by(Booking.starts_at, Booking.id)
        )
        return [
            Due(
                link_id=booking.id,
                description=_("{room}, {date} {start}-{end}").format(
                    room=room,
                    date=format_date(booking.starts_at),
                    start=format_time(booking.starts_at),
                    end=format_time(booking.ends_at),
                ),
                due_cents=booking.price_cents,
            )
            for booking, room in session.execute(statement)
        ]


class SeriesDues:
    """The occurrences so far of the confirmed, priced series of a holder (kind ``"booking_series"``)."""

    kind = SERIES

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def dues(self, session: Session, *, person_id: int | None, organisation_id: int | None) -> Sequence[Due]:
        now = self._clock.now()
        statement = (
            select(BookingSeries, Room.name)
            .join(Room, Room.id == BookingSeries.room_id)
            .where(
                _holder(BookingSeries, person_id, organisation_id),
                BookingSeries.status == _CONFIRMED,
                BookingSeries.price_cents > 0,
                BookingSeries.dtstart < now,
            )
            .order_by(BookingSeries.dtstart, BookingSeries.id)
        )
        dues: list[Due] = []
        for series, room in session.execute(statement):
            count = started_occurrences(session, series, now)
            if count:
                dues.append(
                    Due(
                        link_id=series.id,
                        description=_("{room}, series from {date}: {count} occurrences so far").format(
                            room=room, date=format_date(series.dtstart), count=count
                        ),
                        due_cents=count * series.price_cents,
                    )
                )
        return dues


def booking_paid_status(session: Session, booking: Booking) -> PaidStatus:
    return PaidStatus(booking_due(booking), paid_for(session, BOOKING, [booking.id]).get(booking.id, 0))


def series_paid_status(session: Session, series: BookingSeries, now: datetime) -> PaidStatus:
    return PaidStatus(series_due(session, series, now), paid_for(session, SERIES, [series.id]).get(series.id, 0))


def paid_statuses(
    session: Session, booking_ids: Iterable[int], series_ids: Iterable[int], now: datetime
) -> tuple[dict[int, PaidStatus], dict[int, PaidStatus]]:
    """``booking_paid_status`` of each booking and ``series_paid_status`` of each series, by id,
    in a handful of queries however many they are: what a page listing a day's bookings needs.

    Raises:
        NotFound: one of them is gone.
    """
    wanted_bookings, wanted_series = set(booking_ids), set(series_ids)
    bookings = _bookings_paid(session, wanted_bookings) if wanted_bookings else {}
    series = _series_paid(session, wanted_series, now) if wanted_series else {}
    if len(bookings) < len(wanted_bookings) or len(series) < len(wanted_series):
        raise record_gone()
    return bookings, series


def _bookings_paid(session: Session, booking_ids: set[int]) -> dict[int, PaidStatus]:
    paid = paid_for(session, BOOKING, booking_ids)
    statement = select(Booking.id, Booking.status, Booking.price_cents).where(Booking.id.in_(sorted(booking_ids)))
    return {
        booking_id: PaidStatus(price if status == _CONFIRMED else 0, paid.get(booking_id, 0))
        for booking_id, status, price in session.execute(statement)
    }


def _series_paid(session: Session, series_ids: set[int], now: datetime) -> dict[int, PaidStatus]:
    """As ``series_paid_status``, with the moved occurrences, the closed days and the payments of
    every series read at once."""
    rows = session.scalars(select(BookingSeries).where(BookingSeries.id.in_(sorted(series_ids)))).all()
    counted = [row for row in rows if row.status == _CONFIRMED and row.dtstart < now]
    moved: dict[int, set[datetime]] = {row.id: set() for row in counted}
    closed: set[date] = set()
    if counted:
        statement = select(Booking.series_id, Booking.occurrence_start).where(Booking.series_id.in_(sorted(moved)))
        for series_id, start in session.execute(statement):
            if series_id is not None and start is not None:
                moved[series_id].add(start)
        closed = closed_days(session, min(row.dtstart for row in counted).date(), now.date())
    paid = paid_for(session, SERIES, series_ids)
    return {
        row.id: PaidStatus(
            row.price_cents * _started(row, now, moved[row.id], closed) if row.id in moved else 0,
            paid.get(row.id, 0),
        )
        for row in rows
    }
