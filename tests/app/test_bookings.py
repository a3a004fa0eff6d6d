"""One-off bookings: validation, price, closures, capacity, linked rooms, overlaps and changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

DAY = datetime(2026, 12, 1)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100, hourly_rate_cents=3000))
    ids = {"hall": hall.id}
    ids["half_a"] = services.rooms.create(
        coordinator, RoomDraft(name="Salone A", capacity=50, hourly_rate_cents=1800, parent_id=hall.id)
    ).id
    ids["half_b"] = services.rooms.create(
        coordinator, RoomDraft(name="Salone B", capacity=50, hourly_rate_cents=1800, parent_id=hall.id)
    ).id
    ids["kitchen"] = services.rooms.create(
        coordinator, RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1500)
    ).id
    ids["person"] = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    return ids


def draft(house: dict[str, int], room: str, start: datetime, hours: float, **changes: object) -> BookingDraft:
    values: dict[str, object] = {
        "room_id": house[room],
        "start": start,
        "end": start + timedelta(hours=hours),
        "person_id": house["person"],
        "purpose": "Riunione",
    }
    values.update(changes)
    return BookingDraft(**values)  # type: ignore[arg-type]


def at(hour: int, minute: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute)


def test_a_booking_is_saved_with_its_price(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    row = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 2.5, people_count=10))
    assert (row.start, row.end, row.holder, row.status) == (at(18), at(20, 30), "Rossi Nicolò", "confirmed")
    assert (row.price_cents, row.price_overridden) == (3750, False)
    overridden = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(9), 1, price_cents=0))
    assert (overridden.price_cents, overridden.price_overridden) == (0, True)
    assert [r.id for r in services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=1))] == [
        overridden.id,
        row.id,
    ]


def test_validation(services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as error:
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), -1, people_count=13))
    assert {p.field for p in error.value.problems} == {"end", "people_count"}
    with pytest.raises(ValidationError, match="at most 12 people"):
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 1, people_count=13))
    with pytest.raises(ValidationError, match="either a person or an association"):
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 1, person_id=None))
    with pytest.raises(ValidationError, match="on the day it starts"):
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(22), 3))
    services.bookings.create_booking(volunteer, draft(house, "kitchen", at(22), 2))  # ends at midnight
    services.rooms.update(coordinator, house["kitchen"], RoomDraft(name="Cucina", capacity=12, active=False))
    with pytest.raises(ValidationError, match="no longer in use"):
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(9), 1))


def test_closures_block_every_booking(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    services.closures.add(coordinator, DAY.date(), reason="Festa della casa")
    for status in (BookingStatus.CONFIRMED, BookingStatus.TENTATIVE):
        with pytest.raises(ValidationError, match="closed on that day"):
            services.bookings.create_booking(volunteer, draft(house, "kitchen", at(10), 1, status=status))
    assert services.bookings.free_rooms(volunteer, at(10), at(11)) == []


def test_linked_rooms_block_each_other_and_touching_is_fine(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    services.bookings.create_booking(volunteer, draft(house, "half_a", at(18), 2))
    with pytest.raises(ValidationError, match="already booked"):
        services.bookings.create_booking(volunteer, draft(house, "hall", at(19), 2))
    services.bookings.create_booking(volunteer, draft(house, "half_b", at(18), 2))  # siblings are separate
    services.bookings.create_booking(volunteer, draft(house, "hall", at(20), 2))  # [18,20) and [20,22) touch
    with pytest.raises(ValidationError, match="already booked"):
        services.bookings.create_booking(volunteer, draft(house, "half_b", at(21), 1))
    tentative = services.bookings.create_booking(
        volunteer, draft(house, "hall", at(19), 1, status=BookingStatus.TENTATIVE)
    )
    assert len(services.bookings.conflicts(volunteer, house["hall"], at(19), at(20))) == 3
    assert tentative.status == "tentative"
    assert services.bookings.free_rooms(volunteer, at(18), at(19), people=10) == [house["kitchen"]]
    assert set(services.bookings.free_rooms(volunteer, at(9), at(10), people=40)) == {
        house["half_a"],
        house["half_b"],
        house["hall"],
    }


def test_cancel_and_move(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    first = services.bookings.create_booking(volunteer, draft(house, "hall", at(18), 2))
    second = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(9), 1))
    with pytest.raises(ValidationError, match="already booked"):
        services.bookings.create_booking(volunteer, draft(house, "half_a", at(18), 1))
    services.bookings.cancel_booking(volunteer, first.id)
    services.bookings.create_booking(volunteer, draft(house, "half_a", at(18), 1))
    moved = services.bookings.move_booking(volunteer, second.id, at(10), at(12))
    assert (moved.start, moved.end, moved.price_cents) == (at(10), at(12), 3000)
    assert services.bookings.get(volunteer, first.id).status == "cancelled"


ROOMS = ["hall", "half_a", "half_b", "kitchen"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    attempts=st.lists(
        st.tuples(
            st.sampled_from(ROOMS),
            st.integers(min_value=0, max_value=40),  # quarter hours from 8:00
            st.integers(min_value=1, max_value=12),  # quarter hours long
            st.sampled_from(list(BookingStatus)[:2]),
            st.booleans(),  # cancel it afterwards
        ),
        max_size=12,
    )
)
def test_no_two_confirmed_bookings_of_linked_rooms_ever_overlap(
    services: Services, volunteer: Actor, house: dict[str, int], attempts: list[tuple[str, int, int, str, bool]]
) -> None:
    day = datetime.combine(date(2027, 1, 4) + timedelta(days=_next_day()), datetime.min.time())
    for room, quarter, length, status, cancel in attempts:
        start = day + timedelta(hours=8, minutes=15 * quarter)
        try:
            row = services.bookings.create_booking(
                volunteer, draft(house, room, start, length / 4, status=BookingStatus(status))
            )
        except ValidationError:
            continue
        if cancel and row.id is not None:
            services.bookings.cancel_booking(volunteer, row.id)
    rows = [
        row
        for row in services.bookings.bookings_between(volunteer, day, day + timedelta(days=1))
        if row.status == "confirmed"
    ]
    parents = {house["half_a"]: house["hall"], house["half_b"]: house["hall"]}
    for one, other in combinations(rows, 2):
        linked = (
            one.room_id == other.room_id
            or parents.get(one.room_id) == other.room_id
            or parents.get(other.room_id) == one.room_id
        )
        assert not (linked and one.start < other.end and other.start < one.end), (one, other)


_days = iter(range(100_000))


def _next_day() -> int:
    return next(_days)


def audit_fields(services: Services, admin: Actor, booking_id: int) -> list[tuple[str, tuple[str, ...]]]:
    """The audit entries of a booking, oldest first: (action, fields)."""
    ids = services.audit.entry_ids(admin, entity="booking", entity_id=booking_id)
    return [(row.action, row.fields) for row in reversed(services.audit.rows(admin, ids))]


def test_a_booking_is_changed_with_the_checks_of_a_new_one(
    services: Services, volunteer: Actor, admin: Actor, house: dict[str, int]
) -> None:
    row = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 2, people_count=8))
    assert row.id is not None
    changed = services.bookings.update_booking(
        volunteer,
        row.id,
        draft(house, "hall", at(17), 3, people_count=60, purpose=" Cena sociale ", notes="Porta i piatti"),
    )
    assert (changed.room_id, changed.start, changed.end) == (house["hall"], at(17), at(20))
    assert (changed.purpose, changed.notes, changed.people_count) == ("Cena sociale", "Porta i piatti", 60)
    assert (changed.price_cents, changed.price_overridden) == (9000, False)  # 3 h of the hall
    assert audit_fields(services, admin, row.id)[-1] == (
        "update",
        ("notes", "people_count", "price_cents", "purpose", "room_id", "start"),  # it still ends at 20:00
    )
    # Only what changed is named; nothing changed, nothing written.
    services.bookings.update_booking(volunteer, row.id, draft(house, "hall", at(17), 3, people_count=60, price_cents=0))
    assert audit_fields(services, admin, row.id)[-1] == ("update", ("notes", "price_cents", "purpose"))
    same = draft(house, "hall", at(17), 3, people_count=60, price_cents=0)
    before = len(audit_fields(services, admin, row.id))
    assert services.bookings.update_booking(volunteer, row.id, same).price_cents == 0
    assert len(audit_fields(services, admin, row.id)) == before
    # Back to the computed price.
    assert services.bookings.update_booking(volunteer, row.id, replace(same, price_cents=None)).price_cents == 9000


def test_a_changed_booking_is_not_its_own_conflict_but_others_are(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    mine = services.bookings.create_booking(volunteer, draft(house, "half_a", at(18), 2))
    services.bookings.create_booking(volunteer, draft(house, "kitchen", at(10), 2))
    assert mine.id is not None
    services.bookings.update_booking(volunteer, mine.id, draft(house, "half_a", at(19), 2))  # overlaps its old self
    with pytest.raises(ValidationError, match="already booked") as raised:
        services.bookings.update_booking(volunteer, mine.id, draft(house, "kitchen", at(11), 1))
    assert raised.value.for_field("start")
    services.bookings.create_booking(volunteer, draft(house, "half_b", at(9), 1))
    with pytest.raises(ValidationError, match="already booked"):  # the hall is linked to its half B
        services.bookings.update_booking(volunteer, mine.id, draft(house, "hall", at(9), 1))
    with pytest.raises(ValidationError) as raised:
        services.bookings.update_booking(volunteer, mine.id, draft(house, "kitchen", at(23), 2, people_count=13))
    assert {problem.field for problem in raised.value.problems} == {"end", "people_count"}
    services.closures.add(coordinator, date(2026, 12, 2), reason="Festa della casa")
    with pytest.raises(ValidationError, match="closed on that day"):
        services.bookings.update_booking(volunteer, mine.id, draft(house, "half_a", at(18) + timedelta(days=1), 2))
    assert services.bookings.get(volunteer, mine.id).start == at(19)  # nothing saved by a refused change


def test_a_cancelled_or_gone_booking_cannot_be_changed(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    row = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 2))
    assert row.id is not None
    with pytest.raises(ValidationError, match="Cancel booking") as raised:
        services.bookings.update_booking(
            volunteer, row.id, draft(house, "kitchen", at(18), 2, status=BookingStatus.CANCELLED)
        )
    assert raised.value.for_field("status")
    with pytest.raises(ValidationError, match="tentative or confirmed"):
        services.bookings.create_booking(volunteer, draft(house, "kitchen", at(9), 1, status=BookingStatus.CANCELLED))
    services.bookings.cancel_booking(volunteer, row.id)
    with pytest.raises(ValidationError, match="was cancelled"):
        services.bookings.update_booking(volunteer, row.id, draft(house, "kitchen", at(19), 2))
    with pytest.raises(ValidationError, match="was cancelled"):
        services.bookings.move_booking(volunteer, row.id, at(19), at(20))
    with pytest.raises(NotFound):
        services.bookings.update_booking(volunteer, 999, draft(house, "kitchen", at(19), 2))


def test_a_moved_occurrence_is_changed_like_a_booking_and_stays_in_its_series(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    tuesday = datetime(2026, 12, 1, 18)
    series_id = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=house["kitchen"],
            dtstart=tuesday,
            duration_minutes=120,
            rrule="FREQ=WEEKLY;COUNT=3",
            person_id=house["person"],
            purpose="Corso di cucina",
        ),
    )
    moved = services.bookings.move_occurrence(volunteer, series_id, tuesday, tuesday + timedelta(hours=1), at(21))
    assert moved.id is not None
    changed = services.bookings.update_booking(
        volunteer,
        moved.id,
        replace(draft(house, "hall", tuesday, 2, purpose="Corso di cucina", status=BookingStatus.TENTATIVE)),
    )
    assert (changed.series_id, changed.occurrence_start, changed.room_id) == (series_id, tuesday, house["hall"])
    assert changed.status is BookingStatus.TENTATIVE
    assert services.bookings.occurrence(volunteer, series_id, tuesday) == changed
    with pytest.raises(ValidationError, match="already booked"):  # its own next occurrence is in the way
        services.bookings.update_booking(
            volunteer, moved.id, draft(house, "kitchen", tuesday + timedelta(days=7), 2, purpose="Corso di cucina")
        )


def test_a_booking_in_a_room_no_longer_in_use_can_still_be_fixed_but_not_moved_there(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    row = services.bookings.create_booking(volunteer, draft(house, "kitchen", at(18), 2))
    other = services.bookings.create_booking(volunteer, draft(house, "hall", at(9), 1))
    assert row.id is not None and other.id is not None
    services.rooms.update(coordinator, house["kitchen"], RoomDraft(name="Cucina", capacity=12, active=False))
    fixed = services.bookings.update_booking(volunteer, row.id, draft(house, "kitchen", at(18), 2, notes="Chiavi"))
    assert fixed.notes == "Chiavi"
    with pytest.raises(ValidationError, match="no longer in use"):
        services.bookings.update_booking(volunteer, other.id, draft(house, "kitchen", at(9), 1))
