"""Rooms, linked spaces, closures and the proposed holidays."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.roles import Actor
from app.services.rooms import RoomDraft


def test_a_coordinator_creates_and_edits_a_room(services: Services, coordinator: Actor) -> None:
    room = services.rooms.create(
        coordinator, RoomDraft(name=" Sala Grande ", capacity=80, hourly_rate_cents=2500, colour="#AA3300")
    )
    assert (room.name, room.capacity, room.colour) == ("Sala Grande", 80, "#aa3300")
    updated = services.rooms.update(coordinator, room.id, RoomDraft(name="Sala Grande", capacity=90, colour="#aa3300"))
    assert updated.capacity == 90
    assert [row.name for row in services.rooms.rooms(coordinator)] == ["Sala Grande"]


def test_a_volunteer_reads_rooms_but_cannot_manage_them(
    services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    assert [row.name for row in services.rooms.rooms(volunteer)] == ["Cucina"]
    with pytest.raises(PermissionDenied):
        services.rooms.create(volunteer, RoomDraft(name="Cortile", capacity=100))
    with pytest.raises(PermissionDenied):
        services.closures.add(volunteer, date(2026, 12, 24), reason="Vigilia")


def test_room_validation_gives_one_message_per_field(services: Services, coordinator: Actor) -> None:
    services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    with pytest.raises(ValidationError) as error:
        services.rooms.create(
            coordinator, RoomDraft(name="cucina", capacity=0, hourly_rate_cents=-1, colour="red", parent_id=999)
        )
    fields = [problem.field for problem in error.value.problems]
    assert fields == ["name", "capacity", "hourly_rate_cents", "colour", "parent_id"]


def test_linked_spaces_are_one_level_deep(services: Services, coordinator: Actor) -> None:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100))
    half = services.rooms.create(coordinator, RoomDraft(name="Salone A", capacity=50, parent_id=hall.id))
    with pytest.raises(ValidationError, match="itself part of another"):
        services.rooms.create(coordinator, RoomDraft(name="Angolo", capacity=5, parent_id=half.id))
    courtyard = services.rooms.create(coordinator, RoomDraft(name="Cortile", capacity=200))
    with pytest.raises(ValidationError, match="parts of its own"):
        services.rooms.update(coordinator, hall.id, RoomDraft(name="Salone", capacity=100, parent_id=courtyard.id))


def test_closures_are_added_listed_and_removed(services: Services, coordinator: Actor) -> None:
    closure = services.closures.add(coordinator, date(2026, 8, 10), date(2026, 8, 21), "Ferie estive")
    assert [row.reason for row in services.closures.closures(coordinator, date(2026, 8, 15), date(2026, 8, 15))] == [
        "Ferie estive"
    ]
    with pytest.raises(ValidationError, match="last day is before"):
        services.closures.add(coordinator, date(2026, 8, 21), date(2026, 8, 10), "x")
    services.closures.remove(coordinator, closure.id)
    assert services.closures.closures(coordinator, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_the_holidays_of_turin_are_proposed_and_accepted(services: Services, coordinator: Actor) -> None:
    proposals = services.closures.propose_holidays(coordinator, 2026)
    days = {proposal.day for proposal in proposals}
    for expected in (
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday
        date(2026, 4, 25),
        date(2026, 5, 1),
        date(2026, 6, 2),
        date(2026, 6, 24),  # San Giovanni, patron saint of Turin
        date(2026, 12, 8),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ):
        assert expected in days
    services.closures.add(coordinator, date(2026, 12, 25), date(2026, 12, 26), "Natale")
    proposals = services.closures.propose_holidays(coordinator, 2026)
    assert {p.day for p in proposals if p.already_closed} == {date(2026, 12, 25), date(2026, 12, 26)}
    added = services.closures.accept_holidays(coordinator, proposals)
    assert len(added) == len(proposals) - 2
    assert all(p.already_closed for p in services.closures.propose_holidays(coordinator, 2026))
