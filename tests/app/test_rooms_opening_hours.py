"""The rooms service keeps each room's weekly opening hours: coordinators write, the desk reads."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import delete, select

from app.db.models import AuditEntry, Room, RoomOpeningHours
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services import Services
from app.services.opening_hours import OpeningSpan, open_minutes
from app.services.roles import Actor
from app.services.rooms import RoomDraft

WEEKDAYS = [OpeningSpan(day, time(9), time(13)) for day in range(5)] + [
    OpeningSpan(day, time(14), time(23)) for day in range(5)
]


def test_a_coordinator_sets_the_hours_and_everyone_reads_them_in_order(
    services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80))
    assert services.rooms.opening_hours(volunteer, room.id) == []
    saved = services.rooms.set_opening_hours(coordinator, room.id, [*WEEKDAYS, OpeningSpan(5, time(9), time(23))])
    expected = sorted([*WEEKDAYS, OpeningSpan(5, time(9), time(23))])
    assert saved == expected
    assert services.rooms.opening_hours(volunteer, room.id) == expected
    assert services.rooms.all_opening_hours(volunteer) == {room.id: expected}
    # Replaced as a whole: the room now opens on Sunday afternoons only.
    services.rooms.set_opening_hours(coordinator, room.id, [OpeningSpan(6, time(15), time(19))])
    assert services.rooms.opening_hours(volunteer, room.id) == [OpeningSpan(6, time(15), time(19))]
    assert open_minutes(services.rooms.opening_hours(volunteer, room.id), date(2026, 11, 29)) == 240


def test_a_volunteer_cannot_change_the_hours(services: Services, coordinator: Actor, volunteer: Actor) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    with pytest.raises(PermissionDenied):
        services.rooms.set_opening_hours(volunteer, room.id, WEEKDAYS)
    assert services.rooms.opening_hours(volunteer, room.id) == []


def test_wrong_spans_save_nothing(services: Services, coordinator: Actor) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    services.rooms.set_opening_hours(coordinator, room.id, WEEKDAYS)
    with pytest.raises(ValidationError, match="overlap"):
        services.rooms.set_opening_hours(
            coordinator, room.id, [OpeningSpan(0, time(9), time(14)), OpeningSpan(0, time(12), time(18))]
        )
    assert services.rooms.opening_hours(coordinator, room.id) == sorted(WEEKDAYS)


def test_the_hours_are_saved_with_the_room_in_one_go(services: Services, coordinator: Actor, admin: Actor) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Aula", capacity=20), opening_spans=WEEKDAYS)
    assert services.rooms.opening_hours(coordinator, room.id) == sorted(WEEKDAYS)
    # A bad span stops the change of the room too.
    with pytest.raises(ValidationError):
        services.rooms.update(
            coordinator,
            room.id,
            RoomDraft(name="Aula studio", capacity=20),
            opening_spans=[OpeningSpan(1, time(18), time(9))],
        )
    assert services.rooms.get(coordinator, room.id).name == "Aula"
    services.rooms.update(coordinator, room.id, RoomDraft(name="Aula", capacity=20), opening_spans=[])
    assert services.rooms.opening_hours(coordinator, room.id) == []
    with services.database.sessions.begin() as session:
        changes = [
            (entry.action, entry.fields)
            for entry in session.scalars(select(AuditEntry).where(AuditEntry.entity == "room").order_by(AuditEntry.id))
        ]
    assert [action for action, _fields in changes] == ["create", "update"]
    assert all("opening_hours" in fields for _action, fields in changes)


def test_unknown_room_is_gone_and_a_deleted_room_takes_its_hours(services: Services, coordinator: Actor) -> None:
    with pytest.raises(NotFound):
        services.rooms.opening_hours(coordinator, 999)
    with pytest.raises(NotFound):
        services.rooms.set_opening_hours(coordinator, 999, WEEKDAYS)
    kept = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12), opening_spans=WEEKDAYS[:1])
    room = services.rooms.create(coordinator, RoomDraft(name="Cortile", capacity=100), opening_spans=WEEKDAYS)
    with services.database.sessions.begin() as session:
        session.execute(delete(Room).where(Room.id == room.id))  # ON DELETE CASCADE
    with services.database.sessions.begin() as session:
        assert list(session.scalars(select(RoomOpeningHours.room_id))) == [kept.id]
