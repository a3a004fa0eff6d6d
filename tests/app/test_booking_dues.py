"""Bookings at the cash desk: what a booking or a series owes, paid or owed, receipts cancelled."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

# The fixed clock says Sunday 22 November 2026, 9:00.


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor, admin: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi"))
    org = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    categories = {row.code or row.name: row.id for row in services.cash_settings.categories(admin)}
    return {"hall": hall.id, "person": person.id, "org": org.id, "category": categories["room_hire"]}


def book(services: Services, actor: Actor, house: dict[str, int], start: datetime, **changes: object) -> int:
    values: dict[str, object] = {
        "room_id": house["hall"],
        "start": start,
        "end": start + timedelta(hours=2),
        "person_id": house["person"],
        "purpose": "Festa",
    }
    values.update(changes)
    return services.bookings.create_booking(actor, BookingDraft(**values)).id  # type: ignore[arg-type]


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


def owed(services: Services, actor: Actor, house: dict[str, int]) -> list[tuple[str, int, int]]:
    return [
        (line.link_kind, line.link_id, line.remaining_cents)
        for line in services.cash.balance(actor, person_id=house["person"])
    ]


def test_a_confirmed_booking_is_owed_until_paid(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    booking_id = book(services, volunteer, house, datetime(2026, 12, 5, 18))
    assert owed(services, volunteer, house) == [("booking", booking_id, 4000)]
    lines = services.cash.balance(volunteer, person_id=house["person"])
    assert lines[0].description.startswith("Sala Grande, ")
    status = services.bookings.paid_status(volunteer, booking_id)
    assert (status.due_cents, status.paid_cents, status.paid) == (4000, 0, False)

    receipt_id = pay(services, volunteer, house, "booking", booking_id, 1500)
    assert owed(services, volunteer, house) == [("booking", booking_id, 2500)]
    services.receipts.cancel(coordinator, receipt_id, "Importo sbagliato")
    assert owed(services, volunteer, house) == [("booking", booking_id, 4000)]
    pay(services, volunteer, house, "booking", booking_id, 4000)
    assert owed(services, volunteer, house) == []
    status = services.bookings.paid_status(volunteer, booking_id)
    assert (status.due_cents, status.paid_cents, status.paid) == (4000, 4000, True)


def test_cancelled_tentative_and_free_bookings_owe_nothing(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    cancelled = book(services, volunteer, house, datetime(2026, 12, 5, 18))
    book(services, volunteer, house, datetime(2026, 12, 6, 18), status=BookingStatus.TENTATIVE)
    book(services, volunteer, house, datetime(2026, 12, 7, 18), price_cents=0)
    services.bookings.cancel_booking(volunteer, cancelled)
    assert owed(services, volunteer, house) == []
    assert services.bookings.paid_status(volunteer, cancelled).due_cents == 0
    # Money paid for a booking later cancelled stays on it, as a credit: the desk gives it back.
    pay(services, volunteer, house, "booking", cancelled, 1000)
    assert services.bookings.paid_status(volunteer, cancelled).remaining_cents == -1000


def test_a_payment_links_only_to_a_known_kind(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        pay(services, volunteer, house, "loan", 1, 1000)


def test_an_organisation_owes_its_bookings(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    booking_id = book(
        services, volunteer, house, datetime(2026, 12, 5, 18), person_id=None, organisation_id=house["org"]
    )
    assert owed(services, volunteer, house) == []
    lines = services.cash.balance(volunteer, organisation_id=house["org"])
    assert [(line.link_id, line.remaining_cents) for line in lines] == [(booking_id, 4000)]


def test_a_series_owes_its_occurrences_once_they_have_started(
    services: Services, volunteer: Actor, house: dict[str, int], clock: FixedClock
) -> None:
    series_id = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=house["hall"],
            dtstart=datetime(2026, 11, 3, 18),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=TU",
            person_id=house["person"],
            purpose="Coro",
        ),
    )
    # 3, 10 and 17 November have happened; the open-ended future owes nothing yet.
    assert owed(services, volunteer, house) == [("booking_series", series_id, 12000)]
    clock.current = datetime(2026, 11, 24, 18, 30)
    assert owed(services, volunteer, house) == [("booking_series", series_id, 16000)]
    # A cancelled occurrence owes nothing; a moved one is a booking, owed as such.
    services.bookings.cancel_occurrence(volunteer, series_id, datetime(2026, 11, 3, 18))
    moved = services.bookings.move_occurrence(
        volunteer, series_id, datetime(2026, 11, 10, 18), datetime(2026, 11, 11, 18), datetime(2026, 11, 11, 20)
    )
    assert moved.id is not None
    assert owed(services, volunteer, house) == [("booking", moved.id, 4000), ("booking_series", series_id, 8000)]
    pay(services, volunteer, house, "booking_series", series_id, 8000)
    assert owed(services, volunteer, house) == [("booking", moved.id, 4000)]
    status = services.bookings.series_paid_status(volunteer, series_id)
    assert (status.due_cents, status.paid_cents) == (8000, 8000)
    # Paid in advance: a credit that the next occurrence uses up.
    pay(services, volunteer, house, "booking_series", series_id, 4000)
    clock.current = datetime(2026, 12, 1, 20)
    assert owed(services, volunteer, house) == [("booking", moved.id, 4000)]
    clock.current = datetime(2026, 12, 8, 20)
    assert owed(services, volunteer, house) == [("booking", moved.id, 4000), ("booking_series", series_id, 4000)]


def test_tentative_and_cancelled_series_owe_nothing(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    draft = SeriesDraft(
        room_id=house["hall"],
        dtstart=datetime(2026, 11, 2, 18),
        duration_minutes=60,
        rrule="FREQ=WEEKLY",
        person_id=house["person"],
    )
    services.bookings.create_series(volunteer, SeriesDraft(**{**draft.__dict__, "status": BookingStatus.TENTATIVE}))
    cancelled = services.bookings.create_series(volunteer, draft)
    services.bookings.cancel_series(volunteer, cancelled)
    assert owed(services, volunteer, house) == []
    assert services.bookings.series_paid_status(volunteer, cancelled).due_cents == 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.integers(min_value=1, max_value=3000), st.booleans()), min_size=1, max_size=6))
def test_what_is_owed_is_the_price_less_the_receipts_still_valid(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int], steps: list[tuple[int, bool]]
) -> None:
    starts = [
        row.start for row in services.bookings.bookings_between(volunteer, datetime(2027, 1, 1), datetime(2028, 1, 1))
    ]
    start = datetime(2027, 1, 1, 8) + timedelta(days=len(starts))
    booking_id = book(services, volunteer, house, start)
    paid = 0
    for cents, cancel in steps:
        receipt_id = pay(services, volunteer, house, "booking", booking_id, cents)
        if cancel:
            services.receipts.cancel(coordinator, receipt_id, "Errore")
        else:
            paid += cents
        status = services.bookings.paid_status(volunteer, booking_id)
        assert (status.due_cents, status.paid_cents) == (4000, paid)
        lines = [
            line for line in services.cash.balance(volunteer, person_id=house["person"]) if line.link_id == booking_id
        ]
        assert [line.remaining_cents for line in lines] == ([4000 - paid] if paid < 4000 else [])
