"""Attendance: the register of a session, "all present", idempotent marks and their undo,
walk-ins, a person's history and the hours attended, derived from the sessions' lengths."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.attendance import AttendanceChange
from app.services.roles import Actor
from app.services.workshop_sessions import SessionRow
from tests.app.workshop_house import House, build_house, person, weekly_plan, workshop_draft


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def course(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> tuple[int, list[SessionRow], list[int]]:
    """A workshop of 4 Tuesday sessions (18-20) with three people enrolled and one waiting."""
    workshop = services.workshops.create(coordinator, workshop_draft(house)).id
    sessions = services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))
    people = [
        person(services, volunteer, given, family)
        for given, family in (("Yusuf", "Kaya"), ("Awa", "Diallo"), ("Olena", "Шевченко"), ("Li", "Wang"))
    ]
    for person_id in people:
        services.enrolments.enrol(volunteer, workshop, person_id)
    return workshop, sessions, people


def ticks(services: Services, actor: Actor, session_id: int) -> list[tuple[str, bool, bool]]:
    return [(line.name, line.enrolled, line.present) for line in services.attendance.register(actor, session_id).lines]


def test_the_register_is_marked_all_present_idempotently_and_undone(
    services: Services,
    volunteer: Actor,
    admin: Actor,
    course: tuple[int, list[SessionRow], list[int]],
    clock: FixedClock,
) -> None:
    _workshop, sessions, (kaya, diallo, shevchenko, wang) = course
    clock.current = datetime(2026, 12, 1, 18, 10)
    register = services.attendance.register(volunteer, sessions[0].id)
    assert (register.session.workshop_title, register.facilitator_name, register.present_count) == (
        "Sartoria di quartiere",
        "Okafor Ngozi",
        0,
    )
    assert ticks(services, volunteer, sessions[0].id) == [
        ("Diallo Awa", True, False),
        ("Kaya Yusuf", True, False),
        ("Шевченко Olena", True, False),
    ]
    first = services.attendance.mark(volunteer, sessions[0].id, [diallo])
    assert first == AttendanceChange(sessions[0].id, added=(diallo,))
    everyone = services.attendance.all_present(volunteer, sessions[0].id)
    assert everyone.added == (kaya, shevchenko)  # Diallo was already marked
    assert services.attendance.all_present(volunteer, sessions[0].id).empty  # idempotent
    assert services.attendance.mark(volunteer, sessions[0].id, [diallo, diallo]).empty
    # Undoing "all present" unmarks only whom it marked.
    redo = services.attendance.undo(volunteer, everyone)
    assert redo == AttendanceChange(sessions[0].id, removed=(kaya, shevchenko))
    assert ticks(services, volunteer, sessions[0].id) == [
        ("Diallo Awa", True, True),
        ("Kaya Yusuf", True, False),
        ("Шевченко Olena", True, False),
    ]
    services.attendance.undo(volunteer, redo)  # undo the undo: all present again
    assert services.attendance.register(volunteer, sessions[0].id).present_count == 3
    absent = services.attendance.mark(volunteer, sessions[0].id, [kaya], present=False)
    assert absent.removed == (kaya,)
    assert services.attendance.register(volunteer, sessions[0].id).present_count == 2

    # A walk-in (the person waiting, here) is added by id and listed after the enrolled people.
    services.attendance.mark(volunteer, sessions[0].id, [wang])
    assert ticks(services, volunteer, sessions[0].id)[-1] == ("Wang Li", False, True)
    with pytest.raises(NotFound):
        services.attendance.mark(volunteer, sessions[0].id, [999])
    actions = services.audit.rows(admin, services.audit.entry_ids(admin, entity="attendance"))
    assert {(row.action, row.fields) for row in actions} == {
        ("mark_present", ("person_id",)),
        ("mark_absent", ("person_id",)),
    }


def test_the_register_is_marked_on_the_day_and_never_for_a_cancelled_session(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    course: tuple[int, list[SessionRow], list[int]],
    clock: FixedClock,
) -> None:
    _workshop, sessions, people = course
    with pytest.raises(ValidationError, match="on that day or later"):
        services.attendance.all_present(volunteer, sessions[0].id)
    clock.current = datetime(2026, 12, 1, 8, 0)  # the morning of the day is fine
    services.attendance.mark(volunteer, sessions[0].id, people[:1])
    with pytest.raises(ValidationError, match="clear the register first"):
        services.workshop_sessions.cancel(coordinator, sessions[0].id)
    services.attendance.mark(volunteer, sessions[0].id, people[:1], present=False)
    services.workshop_sessions.cancel(coordinator, sessions[0].id)
    with pytest.raises(ValidationError, match="was cancelled"):
        services.attendance.mark(volunteer, sessions[0].id, people[:1])


def test_history_and_hours_come_from_the_sessions_attended(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    house: House,
    course: tuple[int, list[SessionRow], list[int]],
    clock: FixedClock,
) -> None:
    workshop, sessions, (kaya, diallo, _shevchenko, wang) = course
    services.workshop_sessions.move(
        coordinator, sessions[2].id, sessions[2].start, sessions[2].start + timedelta(hours=3)
    )
    clock.current = datetime(2026, 12, 31, 12)
    services.attendance.all_present(volunteer, sessions[0].id)
    services.attendance.mark(volunteer, sessions[1].id, [kaya])
    services.attendance.all_present(volunteer, sessions[2].id)
    services.attendance.mark(volunteer, sessions[2].id, [wang])
    hours = services.attendance.hours(volunteer, workshop)
    assert [(row.name, row.sessions, row.minutes, row.hours) for row in hours] == [
        ("Diallo Awa", 2, 300, 5.0),
        ("Kaya Yusuf", 3, 420, 7.0),
        ("Wang Li", 1, 180, 3.0),
        ("Шевченко Olena", 2, 300, 5.0),
    ]
    history = services.attendance.history(volunteer, kaya)
    assert [(row.start, row.minutes, row.workshop_title, row.room_name) for row in history] == [
        (sessions[2].start, 180, "Sartoria di quartiere", "Aula"),
        (sessions[1].start, 120, "Sartoria di quartiere", "Aula"),
        (sessions[0].start, 120, "Sartoria di quartiere", "Aula"),
    ]
    # A second workshop: hours are per person per workshop.
    other = services.workshops.create(coordinator, workshop_draft(house, title="Alfabetizzazione digitale")).id
    [evening] = services.workshop_sessions.create(
        coordinator, other, weekly_plan(1, first_start=datetime(2026, 12, 3, 10), duration_minutes=90)
    )
    services.attendance.mark(volunteer, evening.id, [kaya])
    assert [
        (row.workshop_title, row.sessions, row.minutes) for row in services.attendance.person_hours(volunteer, kaya)
    ] == [
        ("Alfabetizzazione digitale", 1, 90),
        ("Sartoria di quartiere", 3, 420),
    ]
    assert services.attendance.person_hours(volunteer, diallo)[0].minutes == 300
    # A booking cancelled from the calendar no longer counts.
    services.bookings.cancel_booking(volunteer, evening.booking_id)
    assert [row.workshop_title for row in services.attendance.person_hours(volunteer, kaya)] == [
        "Sartoria di quartiere"
    ]


def test_present_counts_reads_present_and_enrolled_of_many_sessions_at_once(
    services: Services,
    volunteer: Actor,
    course: tuple[int, list[SessionRow], list[int]],
    clock: FixedClock,
) -> None:
    """What the Today page shows next to each session: walk-ins count as present, the waitlist
    is not enrolled, a session nobody marked is (0, enrolled), an unknown id is left out."""
    _workshop, sessions, (kaya, diallo, _shevchenko, wang) = course  # Wang is waiting: 3 places
    walk_in = person(services, volunteer, "Nadia", "Benali")
    clock.current = datetime(2026, 12, 8, 20, 0)
    services.attendance.mark(volunteer, sessions[0].id, [kaya, diallo, walk_in])
    services.attendance.mark(volunteer, sessions[1].id, [wang])
    ids = [sessions[0].id, sessions[1].id, sessions[2].id, 999_999]
    assert services.attendance.present_counts(volunteer, ids) == {
        sessions[0].id: (3, 3),
        sessions[1].id: (1, 3),
        sessions[2].id: (0, 3),
    }
    assert services.attendance.present_counts(volunteer, []) == {}
