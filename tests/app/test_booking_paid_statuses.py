"""What many bookings and series owe, asked in one call (``BookingService.paid_statuses``): it must
say exactly what ``paid_status`` and ``series_paid_status`` say one by one, in one session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from app.clock import FixedClock
from app.db.engine import Database
from app.errors import NotFound
from app.services import Services
from app.services.booking_dues import PaidStatus
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

# The fixed clock says Sunday 22 November 2026, 9:00.


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor, admin: Actor) -> dict[str, int]:
    rooms = {
        name: services.rooms.create(coordinator, RoomDraft(name=name, capacity=80, hourly_rate_cents=rate)).id
        for name, rate in (("hall", 2000), ("kitchen", 1500), ("yard", 0))
    }
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    category = next(row.id for row in services.cash_settings.categories(admin) if row.code == "room_hire")
    return {**rooms, "person": person, "category": category}


def book(
    services: Services,
    actor: Actor,
    house: dict[str, int],
    room: str,
    start: datetime,
    status: BookingStatus = BookingStatus.CONFIRMED,
) -> int:
    draft = BookingDraft(
        room_id=house[room], start=start, end=start + timedelta(hours=2), person_id=house["person"], status=status
    )
    booking_id = services.bookings.create_booking(actor, draft).id
    assert booking_id is not None
    return booking_id


def weekly(
    services: Services, actor: Actor, house: dict[str, int], room: str, dtstart: datetime, **more: object
) -> int:
    """A weekly series of an hour, booked as the desk does: the dates already closed left out."""
    draft = SeriesDraft(
        room_id=house[room],
        dtstart=dtstart,
        duration_minutes=60,
        rrule="FREQ=WEEKLY",
        person_id=house["person"],
        **more,  # type: ignore[arg-type]
    )
    conflicts = services.bookings.preview_series(actor, draft).conflicts
    return services.bookings.create_series(
        actor, replace(draft, exdates=tuple(conflict.occurrence_start for conflict in conflicts))
    )


def pay(services: Services, actor: Actor, house: dict[str, int], kind: str, link_id: int, cents: int) -> int:
    details = services.cash.record_payment(
        actor,
        PaymentDraft(
            amount_cents=cents,
            category_id=house["category"],
            payer_person_id=house["person"],
            link_kind=kind,
            link_id=link_id,
        ),
    )
    assert details.receipt is not None
    return details.receipt.id


def one_by_one(
    services: Services, actor: Actor, booking_ids: list[int], series_ids: list[int]
) -> tuple[dict[int, PaidStatus], dict[int, PaidStatus]]:
    return (
        {booking_id: services.bookings.paid_status(actor, booking_id) for booking_id in booking_ids},
        {series_id: services.bookings.series_paid_status(actor, series_id) for series_id in series_ids},
    )


@pytest.fixture
def sessions_begun(database: Database) -> Iterator[list[object]]:
    """One item per database session (transaction) begun while the test runs."""
    begun: list[object] = []

    def count(*_args: object) -> None:
        begun.append(None)

    event.listen(database.sessions, "after_begin", count)
    yield begun
    event.remove(database.sessions, "after_begin", count)


def test_every_case_agrees_with_the_single_calls_in_one_session(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    house: dict[str, int],
    sessions_begun: list[object],
) -> None:
    saturday = datetime(2026, 11, 28, 18)
    bookings = {
        "unpaid": book(services, volunteer, house, "hall", saturday),
        "partly paid": book(services, volunteer, house, "kitchen", saturday),
        "paid": book(services, volunteer, house, "hall", saturday + timedelta(days=1)),
        "paid more": book(services, volunteer, house, "kitchen", saturday + timedelta(days=1)),
        "receipt cancelled": book(services, volunteer, house, "hall", saturday + timedelta(days=2)),
        "tentative": book(
            services, volunteer, house, "kitchen", saturday + timedelta(days=2), status=BookingStatus.TENTATIVE
        ),
        "free": book(services, volunteer, house, "yard", saturday),
        "cancelled after paying": book(services, volunteer, house, "hall", saturday + timedelta(days=3)),
    }
    pay(services, volunteer, house, "booking", bookings["partly paid"], 1000)
    pay(services, volunteer, house, "booking", bookings["paid"], 4000)
    pay(services, volunteer, house, "booking", bookings["paid more"], 5000)
    receipt = pay(services, volunteer, house, "booking", bookings["receipt cancelled"], 4000)
    services.receipts.cancel(coordinator, receipt, "Importo sbagliato")
    pay(services, volunteer, house, "booking", bookings["cancelled after paying"], 4000)
    services.bookings.cancel_booking(volunteer, bookings["cancelled after paying"])

    sunday = datetime(2026, 10, 4, 10)  # seven Sundays have started by 22 November, 9:00
    series = {
        "started": weekly(services, volunteer, house, "hall", sunday),
        "started, partly paid, a date moved, one cancelled": weekly(
            services, volunteer, house, "kitchen", sunday + timedelta(hours=2)
        ),
        "paid in advance": weekly(services, volunteer, house, "hall", sunday + timedelta(hours=3)),
        "not started": weekly(services, volunteer, house, "hall", datetime(2026, 12, 6, 11)),
        "started today after now": weekly(services, volunteer, house, "kitchen", datetime(2026, 11, 22, 16)),
        "tentative": weekly(
            services, volunteer, house, "kitchen", sunday + timedelta(hours=5), status=BookingStatus.TENTATIVE
        ),
        "cancelled": weekly(services, volunteer, house, "hall", sunday + timedelta(hours=6)),
        "years old": weekly(services, volunteer, house, "yard", datetime(2023, 1, 1, 17), price_cents=700),
    }
    mixed = series["started, partly paid, a date moved, one cancelled"]
    services.bookings.move_occurrence(
        volunteer, mixed, sunday + timedelta(weeks=1, hours=2), datetime(2026, 10, 12, 9), datetime(2026, 10, 12, 10)
    )
    services.bookings.cancel_occurrence(volunteer, mixed, sunday + timedelta(weeks=2, hours=2))
    pay(services, volunteer, house, "booking_series", mixed, 2000)
    pay(services, volunteer, house, "booking_series", series["paid in advance"], 100_000)
    services.bookings.cancel_series(volunteer, series["cancelled"])
    services.closures.add(coordinator, date(2026, 11, 1), reason="Ognissanti")  # a Sunday every series skips
    services.closures.add(coordinator, date(2024, 12, 22), date(2025, 1, 6), reason="Vacanze di Natale")

    booking_ids, series_ids = list(bookings.values()), list(series.values())
    expected = one_by_one(services, volunteer, booking_ids, series_ids)
    sessions_begun.clear()
    found = services.bookings.paid_statuses(volunteer, booking_ids, series_ids)
    assert len(sessions_begun) == 1
    assert found == expected

    # And the figures themselves, so that both ways being wrong alike would show.
    owed = {name: (found[0][id_].due_cents, found[0][id_].paid_cents) for name, id_ in bookings.items()}
    assert owed == {
        "unpaid": (4000, 0),
        "partly paid": (3000, 1000),
        "paid": (4000, 4000),
        "paid more": (3000, 5000),
        "receipt cancelled": (4000, 0),
        "tentative": (0, 0),
        "free": (0, 0),
        "cancelled after paying": (0, 4000),
    }
    owed = {name: (found[1][id_].due_cents, found[1][id_].paid_cents) for name, id_ in series.items()}
    years_old = len([day for day in _sundays(date(2023, 1, 1), date(2026, 11, 21)) if not _christmas_2024(day)]) - 1
    assert owed == {
        "started": (6 * 2000, 0),  # the Sundays from 4 October to 15 November but 1 November
        "started, partly paid, a date moved, one cancelled": (4 * 1500, 2000),
        "paid in advance": (6 * 2000, 100_000),
        "not started": (0, 0),
        "started today after now": (0, 0),
        "tentative": (0, 0),
        "cancelled": (0, 0),
        "years old": (years_old * 700, 0),  # every Sunday since 2023 but the closed ones and 1 Nov
    }
    assert found[1][series["paid in advance"]].paid and not found[1][series["started"]].paid


def _sundays(first: date, last: date) -> list[date]:
    days = []
    while first <= last:
        days.append(first)
        first += timedelta(weeks=1)
    return days


def _christmas_2024(day: date) -> bool:
    return date(2024, 12, 22) <= day <= date(2025, 1, 6)


def test_nothing_asked_is_nothing_read_and_a_gone_id_is_said(services: Services, volunteer: Actor) -> None:
    assert services.bookings.paid_statuses(volunteer, [], []) == ({}, {})
    with pytest.raises(NotFound):
        services.bookings.paid_statuses(volunteer, [999], [])
    with pytest.raises(NotFound):
        services.bookings.paid_statuses(volunteer, [], [999])


_RATES = st.sampled_from([0, 1500, 2000])
_BOOKING = st.tuples(
    _RATES,
    st.sampled_from([BookingStatus.CONFIRMED, BookingStatus.TENTATIVE]),
    st.lists(st.tuples(st.integers(min_value=1, max_value=6000), st.booleans()), max_size=3),  # (cents, cancelled)
    st.booleans(),  # cancelled afterwards
)
_SERIES = st.tuples(
    _RATES,
    st.integers(min_value=-120, max_value=3),  # first date, in weeks from now
    st.integers(min_value=0, max_value=6 * 24),  # and hours from the Monday of this week
    st.sampled_from([BookingStatus.CONFIRMED, BookingStatus.TENTATIVE]),
    st.lists(st.integers(min_value=1, max_value=20_000), max_size=2),
    st.sets(st.integers(min_value=0, max_value=5), max_size=2),  # dates cancelled, in weeks from the first
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    bookings=st.lists(_BOOKING, max_size=5),
    series=st.lists(_SERIES, max_size=4),
    closed=st.sets(st.integers(min_value=1, max_value=120), max_size=4),
    minutes_later=st.integers(min_value=0, max_value=24 * 60),
)
def test_any_mix_agrees_with_the_single_calls(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    house: dict[str, int],
    clock: FixedClock,
    bookings: list[tuple[int, BookingStatus, list[tuple[int, bool]], bool]],
    series: list[tuple[int, int, int, BookingStatus, list[int], set[int]]],
    closed: set[int],
    minutes_later: int,
) -> None:
    # The database lives through the examples: every booking and series gets a room of its own.
    clock.current = datetime(2026, 11, 22, 9)

    def room(rate: int) -> str:
        row = services.rooms.create(
            coordinator, RoomDraft(name=f"Sala {len(house)}", capacity=80, hourly_rate_cents=rate)
        )
        house[row.name] = row.id
        return row.name

    booking_ids = []
    for rate, status, payments, cancelled in bookings:
        booking_id = book(services, volunteer, house, room(rate), datetime(2026, 11, 28, 18), status=status)
        for cents, receipt_cancelled in payments:
            receipt = pay(services, volunteer, house, "booking", booking_id, cents)
            if receipt_cancelled:
                services.receipts.cancel(coordinator, receipt, "Errore")
        if cancelled:
            services.bookings.cancel_booking(volunteer, booking_id)
        booking_ids.append(booking_id)
    series_ids = []
    for rate, weeks, hours, series_status, amounts, skipped in series:
        first = datetime(2026, 11, 16) + timedelta(weeks=weeks, hours=hours)
        series_id = weekly(services, volunteer, house, room(rate), first, status=series_status)
        for week in skipped:
            services.bookings.cancel_occurrence(volunteer, series_id, first + timedelta(weeks=week))
        for amount in amounts:
            pay(services, volunteer, house, "booking_series", series_id, amount)
        series_ids.append(series_id)
    for days_ago in closed:
        day = date(2026, 11, 22) - timedelta(days=days_ago)
        if not services.closures.closures(coordinator, day, day):
            services.closures.add(coordinator, day, reason="Chiuso")
    clock.current += timedelta(minutes=minutes_later)
    assert services.bookings.paid_statuses(volunteer, booking_ids, series_ids) == one_by_one(
        services, volunteer, booking_ids, series_ids
    )
