"""Prices: the member rate for member associations, the same rule for bookings, moves, changes,
series and the quote the editor shows before saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.booking_rules import computed_price
from app.services.bookings import BookingDraft, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

START = datetime(2026, 12, 1, 18)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(
        coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000, member_rate_cents=1200)
    )
    kitchen = services.rooms.create(
        coordinator, RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1500, member_rate_cents=0)
    )
    member = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino", member=True))
    other = services.organisations.create(volunteer, OrganisationDraft(name="Ciclofficina"))
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi"))
    return {"hall": hall.id, "kitchen": kitchen.id, "member": member.id, "other": other.id, "person": person.id}


def booking(
    house: dict[str, int], holder: str, hours: float = 2, start: datetime = START, **changes: object
) -> BookingDraft:
    values: dict[str, object] = {
        "room_id": house["hall"],
        "start": start,
        "end": start + timedelta(hours=hours),
        ("person_id" if holder == "person" else "organisation_id"): house[holder],
    }
    values.update(changes)
    return BookingDraft(**values)  # type: ignore[arg-type]


def test_the_rule_picks_the_member_rate_only_for_members() -> None:
    assert computed_price(hourly_rate_cents=2000, member_rate_cents=1200, minutes=90, member=True) == 1800
    assert computed_price(hourly_rate_cents=2000, member_rate_cents=1200, minutes=90, member=False) == 3000
    assert computed_price(hourly_rate_cents=2000, member_rate_cents=1200, minutes=-5, member=False) == 0


def test_a_member_association_pays_the_reduced_rate_and_others_the_full_one(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    member = services.bookings.create_booking(volunteer, booking(house, "member"))
    other = services.bookings.create_booking(volunteer, booking(house, "other", start=START + timedelta(hours=2)))
    person = services.bookings.create_booking(volunteer, booking(house, "person", start=START + timedelta(hours=4)))
    assert (member.price_cents, other.price_cents, person.price_cents) == (2400, 4000, 4000)
    free = services.bookings.create_booking(volunteer, booking(house, "member", room_id=house["kitchen"]))
    assert (free.price_cents, free.price_overridden) == (0, False)  # 0 is a member rate too: free
    overridden = services.bookings.create_booking(
        volunteer, booking(house, "member", room_id=house["kitchen"], start=START + timedelta(hours=2), price_cents=500)
    )
    assert overridden.price_cents == 500


def test_moves_and_changes_compute_the_price_again_with_the_same_rule(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    row = services.bookings.create_booking(volunteer, booking(house, "member"))
    assert row.id is not None
    moved = services.bookings.move_booking(volunteer, row.id, START, START + timedelta(hours=3))
    assert moved.price_cents == 3600  # 3 h at the member rate
    changed = services.bookings.update_booking(volunteer, row.id, booking(house, "other", hours=3))
    assert changed.price_cents == 6000  # another holder, who is no member
    changed = services.bookings.update_booking(volunteer, row.id, booking(house, "member", hours=1))
    assert changed.price_cents == 1200


def test_a_series_and_its_moved_occurrences_pay_the_member_rate(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    draft = SeriesDraft(
        room_id=house["hall"],
        dtstart=START,
        duration_minutes=120,
        rrule="FREQ=WEEKLY;COUNT=4",
        organisation_id=house["member"],
    )
    series_id = services.bookings.create_series(volunteer, draft)
    assert services.bookings.series(volunteer, series_id).price_cents == 2400
    moved = services.bookings.move_occurrence(
        volunteer,
        series_id,
        START + timedelta(weeks=1),
        START + timedelta(weeks=1),
        START + timedelta(weeks=1, hours=3),
    )
    assert moved.price_cents == 3600
    services.bookings.update_series(volunteer, series_id, replace(draft, organisation_id=house["other"]))
    assert services.bookings.series(volunteer, series_id).price_cents == 4000
    new_id = services.bookings.update_following(
        volunteer, series_id, START + timedelta(weeks=2), replace(draft, dtstart=START + timedelta(weeks=2))
    )
    assert services.bookings.series(volunteer, new_id).price_cents == 2400


def test_the_quote_is_what_a_new_booking_would_get(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    quote = services.bookings.price_quote
    assert quote(volunteer, house["hall"], 90, organisation_id=house["member"]) == 1800
    assert quote(volunteer, house["hall"], 90, organisation_id=house["other"]) == 3000
    assert quote(volunteer, house["hall"], 90, person_id=house["person"]) == 3000
    assert quote(volunteer, house["hall"], 90) == 3000  # nobody chosen yet
    saved = services.bookings.create_booking(volunteer, booking(house, "member", hours=1.5))
    assert saved.price_cents == quote(volunteer, house["hall"], 90, organisation_id=house["member"])
    with pytest.raises(NotFound):
        quote(volunteer, 999, 60)


def test_membership_is_saved_audited_and_changes_only_later_prices(
    services: Services, volunteer: Actor, admin: Actor, house: dict[str, int]
) -> None:
    before = services.bookings.create_booking(volunteer, booking(house, "other"))
    details = services.organisations.get(volunteer, house["other"])
    assert details.draft.member is False
    services.organisations.update(volunteer, house["other"], replace(details.draft, member=True))
    assert services.organisations.get(volunteer, house["other"]).draft.member is True
    assert [row.member for row in services.organisations.rows(volunteer, [house["other"], house["member"]])] == [
        True,
        True,
    ]
    ids = services.audit.entry_ids(admin, entity="organisation", entity_id=house["other"])
    assert services.audit.rows(admin, ids)[0].fields == ("member",)
    created = services.audit.rows(
        admin, services.audit.entry_ids(admin, entity="organisation", entity_id=house["member"])
    )
    assert "member" in created[-1].fields
    assert services.bookings.get(volunteer, before.id or 0).price_cents == 4000  # saved prices stay
    later = services.bookings.create_booking(volunteer, booking(house, "other", start=START + timedelta(hours=3)))
    assert later.price_cents == 2400


def test_a_room_without_a_member_rate_charges_members_the_full_rate(
    services: Services, coordinator: Actor, volunteer: Actor, house: dict[str, int]
) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Cortile", capacity=100, hourly_rate_cents=1000))
    assert room.member_rate_cents == 1000
    assert services.bookings.price_quote(volunteer, room.id, 60, organisation_id=house["member"]) == 1000
    updated = services.rooms.update(
        coordinator, room.id, replace(RoomDraft(name="Cortile", capacity=100), hourly_rate_cents=800)
    )
    assert updated.member_rate_cents == 800
    with pytest.raises(ValidationError, match="at most the hourly rate") as raised:
        services.rooms.update(
            coordinator,
            room.id,
            RoomDraft(name="Cortile", capacity=100, hourly_rate_cents=800, member_rate_cents=900),
        )
    assert raised.value.for_field("member_rate_cents")
    with pytest.raises(ValidationError, match="cannot be negative"):
        services.rooms.update(
            coordinator, room.id, RoomDraft(name="Cortile", capacity=100, hourly_rate_cents=800, member_rate_cents=-1)
        )
