"""Workshops and their sessions: editing, roles, sessions booked from a recurrence with the
booking rules (conflicts, linked rooms, closures, capacity), moved and cancelled one by one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingService, BookingStatus
from app.services.joined import joined_database
from app.services.roles import Actor
from app.services.workshop_rules import FeeKind
from app.services.workshop_sessions import SessionPlan
from tests.app.workshop_house import FIRST_TUESDAY, House, build_house, weekly_plan, workshop_draft


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


def tuesdays(count: int) -> list[datetime]:
    return [FIRST_TUESDAY + timedelta(weeks=week) for week in range(count)]


def audit_fields(services: Services, admin: Actor, entity: str, entity_id: int) -> list[tuple[str, tuple[str, ...]]]:
    ids = services.audit.entry_ids(admin, entity=entity, entity_id=entity_id)
    return [(row.action, row.fields) for row in reversed(services.audit.rows(admin, ids))]


# -- workshops ------------------------------------------------------------------------------------


def test_a_coordinator_creates_and_edits_a_workshop(
    services: Services, coordinator: Actor, volunteer: Actor, admin: Actor, house: House
) -> None:
    created = services.workshops.create(
        coordinator,
        workshop_draft(
            house,
            title="  Italiano per tutte  ",
            organisation_id=house.association,
            fee_kind=FeeKind.SESSION,
            fee_cents=500,
            member_fee_cents=300,
            min_age=16,
        ),
    )
    assert created.draft.title == "Italiano per tutte"
    assert (created.facilitator_name, created.organisation_name, created.room_name) == (
        "Okafor Ngozi",
        "Filo e Ago APS",
        "Aula",
    )
    assert (created.draft.fee_kind, created.draft.member_fee_cents, created.enrolled, created.waiting) == (
        FeeKind.SESSION,
        300,
        0,
        0,
    )
    other = services.workshops.create(coordinator, workshop_draft(house, title="Yoga dolce"))
    assert services.workshops.workshop_ids(volunteer) == [created.id, other.id]
    assert services.workshops.workshop_ids(volunteer, "TUTTE ital") == [created.id]
    [row] = services.workshops.rows(volunteer, [other.id])
    assert (row.title, row.capacity, row.places_left, row.registration_open, row.fee_kind) == (
        "Yoga dolce",
        3,
        3,
        True,
        FeeKind.COURSE,
    )

    update = services.workshops.update(
        coordinator, other.id, replace(workshop_draft(house, title="Yoga dolce"), registration_open=False, active=False)
    )
    assert (update.workshop.draft.registration_open, update.workshop.draft.active, update.promoted) == (
        False,
        False,
        (),
    )
    assert services.workshops.workshop_ids(volunteer) == [created.id]
    assert services.workshops.workshop_ids(volunteer, include_inactive=True) == [created.id, other.id]
    assert audit_fields(services, admin, "workshop", other.id)[-1] == ("update", ("active", "registration_open"))
    # Saving it unchanged writes nothing.
    services.workshops.update(coordinator, other.id, update.workshop.draft)
    assert len(audit_fields(services, admin, "workshop", other.id)) == 2


def test_workshop_validation_says_what_to_fix(services: Services, coordinator: Actor, house: House) -> None:
    with pytest.raises(ValidationError) as error:
        services.workshops.create(coordinator, workshop_draft(house, title=" ", facilitator_id=None, room_id=None))
    assert {problem.field for problem in error.value.problems} == {"title", "facilitator_id", "room_id"}
    with pytest.raises(ValidationError, match="holds at most 20 people"):
        services.workshops.create(coordinator, workshop_draft(house, capacity=21))
    with pytest.raises(ValidationError) as error:
        services.workshops.create(
            coordinator, workshop_draft(house, capacity=0, fee_cents=-1, member_fee_cents=7000, min_age=18, max_age=12)
        )
    assert {problem.field for problem in error.value.problems} == {
        "capacity",
        "fee_cents",
        "member_fee_cents",
        "max_age",
    }
    with pytest.raises(ValidationError, match="members' fee cannot be more"):
        services.workshops.create(coordinator, workshop_draft(house, member_fee_cents=7000))
    with pytest.raises(ValidationError, match="whole number of cents"):
        services.workshops.create(coordinator, workshop_draft(house, fee_cents=60.0))
    with pytest.raises(ValidationError, match="between 0 and 120"):
        services.workshops.create(coordinator, workshop_draft(house, max_age=130))


def test_volunteers_read_workshops_but_cannot_plan_them(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    [session] = services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(1))
    assert services.workshops.get(volunteer, workshop.id).draft.title == "Sartoria di quartiere"
    assert [row.id for row in services.workshop_sessions.sessions(volunteer, workshop.id)] == [session.id]
    refused = [
        lambda: services.workshops.create(volunteer, workshop_draft(house)),
        lambda: services.workshops.update(volunteer, workshop.id, workshop_draft(house, capacity=5)),
        lambda: services.workshop_sessions.preview(volunteer, workshop.id, weekly_plan(2)),
        lambda: services.workshop_sessions.create(volunteer, workshop.id, weekly_plan(2)),
        lambda: services.workshop_sessions.move(
            volunteer, session.id, session.start + timedelta(hours=1), session.end + timedelta(hours=1)
        ),
        lambda: services.workshop_sessions.cancel(volunteer, session.id),
    ]
    for action in refused:
        with pytest.raises(PermissionDenied, match="coordinator"):
            action()
    assert services.workshops.get(volunteer, workshop.id).draft.capacity == 3
    assert len(services.workshop_sessions.sessions(volunteer, workshop.id)) == 1


# -- sessions -------------------------------------------------------------------------------------


def test_sessions_come_from_a_recurrence_and_book_their_room(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    plan = weekly_plan(4)
    preview = services.workshop_sessions.preview(coordinator, workshop.id, plan)
    assert (preview.starts, preview.conflicts, preview.free) == (tuple(tuesdays(4)), (), tuple(tuesdays(4)))
    created = services.workshop_sessions.create(coordinator, workshop.id, plan)
    assert [(row.start, row.end, row.room_name, row.cancelled, row.minutes) for row in created] == [
        (start, start + timedelta(hours=2), "Aula", False, 120) for start in tuesdays(4)
    ]
    bookings = services.bookings.bookings_between(volunteer, datetime(2026, 12, 1), datetime(2027, 1, 1))
    assert [(row.id, row.start, row.holder, row.purpose, row.price_cents, row.status) for row in bookings] == [
        (session.booking_id, session.start, "Okafor Ngozi", "Sartoria di quartiere", 0, BookingStatus.CONFIRMED)
        for session in created
    ]
    # A workshop run by an association books in its name.
    run = services.workshops.create(
        coordinator, workshop_draft(house, title="Cucito creativo", organisation_id=house.association)
    )
    [session] = services.workshop_sessions.create(
        coordinator, run.id, weekly_plan(1, first_start=datetime(2026, 12, 2, 10))
    )
    assert services.bookings.get(volunteer, session.booking_id).holder == "Filo e Ago APS"
    assert [
        row.id
        for row in services.workshop_sessions.sessions_between(
            volunteer, FIRST_TUESDAY.replace(hour=0), FIRST_TUESDAY.replace(hour=23)
        )
    ] == [created[0].id]


def test_a_plan_is_bounded_and_checked(services: Services, coordinator: Actor, house: House) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    sessions = services.workshop_sessions
    with pytest.raises(ValidationError, match="last day of the workshop") as error:
        sessions.preview(coordinator, workshop.id, weekly_plan(rrule="FREQ=WEEKLY;BYDAY=TU"))
    assert error.value.problems[0].field == "last_day"
    bounded = sessions.preview(
        coordinator, workshop.id, weekly_plan(rrule="FREQ=WEEKLY;BYDAY=TU,TH", last_day=date(2026, 12, 10))
    )
    assert bounded.starts == (
        FIRST_TUESDAY,
        datetime(2026, 12, 3, 18),
        datetime(2026, 12, 8, 18),
        datetime(2026, 12, 10, 18),
    )
    with pytest.raises(ValidationError, match="before the first session"):
        sessions.preview(coordinator, workshop.id, weekly_plan(last_day=date(2026, 11, 30)))
    with pytest.raises(ValidationError, match="repetition is not valid"):
        sessions.preview(coordinator, workshop.id, weekly_plan(rrule="FREQ=SOMETIMES;COUNT=3"))
    with pytest.raises(ValidationError, match="at most two years"):
        sessions.preview(coordinator, workshop.id, weekly_plan(rrule="FREQ=MONTHLY", last_day=date(2029, 1, 1)))
    with pytest.raises(ValidationError, match="at most 200"):
        sessions.preview(coordinator, workshop.id, weekly_plan(rrule="FREQ=DAILY", last_day=date(2027, 9, 1)))
    with pytest.raises(ValidationError, match="gives no dates"):
        sessions.preview(coordinator, workshop.id, weekly_plan(1, skip=(FIRST_TUESDAY,)))
    with pytest.raises(ValidationError, match="end after it starts"):
        sessions.preview(coordinator, workshop.id, weekly_plan(duration_minutes=0))
    retired = services.workshops.update(coordinator, workshop.id, workshop_draft(house, active=False))
    with pytest.raises(ValidationError, match="no longer running"):
        sessions.create(coordinator, retired.workshop.id, weekly_plan(1))


def test_conflicting_dates_are_previewed_and_the_others_created(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    second, third = tuesdays(3)[1:]
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house.classroom,
            start=second + timedelta(minutes=90),
            end=second + timedelta(hours=3),
            organisation_id=house.association,
            purpose="Assemblea",
        ),
    )
    services.closures.add(coordinator, third.date(), reason="Festa")
    preview = services.workshop_sessions.preview(coordinator, workshop.id, weekly_plan(4))
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [second, third]
    assert "Filo e Ago APS" in preview.conflicts[0].reason
    assert "closed" in preview.conflicts[1].reason
    assert preview.free == (tuesdays(4)[0], tuesdays(4)[3])

    with pytest.raises(ValidationError, match="leave them out") as error:
        services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(4))
    assert error.value.problems[0].field == "first_start"
    assert services.workshop_sessions.sessions(volunteer, workshop.id) == []  # nothing half-way
    assert len(services.bookings.bookings_between(volunteer, FIRST_TUESDAY, FIRST_TUESDAY + timedelta(days=1))) == 0

    plan = weekly_plan(4, skip=(second, third))
    created = services.workshop_sessions.create(coordinator, workshop.id, plan)
    assert [row.start for row in created] == [tuesdays(4)[0], tuesdays(4)[3]]
    # Its own sessions are now in the way of the same plan.
    again = services.workshop_sessions.preview(coordinator, workshop.id, weekly_plan(4))
    assert len(again.conflicts) == 4


def test_sessions_meet_linked_rooms_and_the_room_capacity(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house.hall,
            start=FIRST_TUESDAY,
            end=FIRST_TUESDAY + timedelta(hours=1),
            person_id=house.facilitator,
            purpose="Festa",
        ),
    )
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house.half_b,
            start=FIRST_TUESDAY + timedelta(weeks=1),
            end=FIRST_TUESDAY + timedelta(weeks=1, hours=2),
            person_id=house.facilitator,
        ),
    )
    workshop = services.workshops.create(coordinator, workshop_draft(house, room_id=house.half_a, capacity=30))
    preview = services.workshop_sessions.preview(coordinator, workshop.id, weekly_plan(2))
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [FIRST_TUESDAY]  # the hall, not the sibling
    # A smaller room makes the workshop's places too many for its sessions.
    with pytest.raises(ValidationError, match="at most 20 people"):
        services.workshops.update(coordinator, workshop.id, workshop_draft(house, room_id=house.classroom, capacity=30))


def test_a_session_is_moved_with_the_checks_of_a_booking(
    services: Services, coordinator: Actor, volunteer: Actor, admin: Actor, house: House
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    first, second = services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(2))
    wednesday = first.start + timedelta(days=1)
    moved = services.workshop_sessions.move(coordinator, first.id, wednesday, wednesday + timedelta(hours=2))
    assert (moved.start, moved.end, moved.room_id, moved.booking_id) == (
        wednesday,
        wednesday + timedelta(hours=2),
        house.classroom,
        first.booking_id,
    )
    assert services.bookings.get(volunteer, first.booking_id).start == wednesday
    with pytest.raises(ValidationError, match="already booked") as error:
        services.workshop_sessions.move(coordinator, first.id, second.start, second.end)
    assert error.value.problems[0].field == "start"
    services.closures.add(coordinator, date(2026, 12, 4), reason="Chiusura")
    with pytest.raises(ValidationError, match="closed"):
        services.workshop_sessions.move(coordinator, first.id, datetime(2026, 12, 4, 18), datetime(2026, 12, 4, 20))
    assert services.workshop_sessions.session(volunteer, first.id).start == wednesday  # unchanged
    to_hall = services.workshop_sessions.move(coordinator, second.id, second.start, second.end, room_id=house.half_a)
    assert (to_hall.room_id, to_hall.room_name) == (house.half_a, "Salone A")
    assert audit_fields(services, admin, "workshop_session", second.id)[-1] == ("move", ("room_id",))
    # The booking is the one record of time and room: moving it from the calendar moves the session.
    services.bookings.move_booking(volunteer, second.booking_id, second.start, second.start + timedelta(hours=3))
    assert services.workshop_sessions.session(volunteer, second.id).minutes == 180


def test_a_cancelled_session_frees_its_room(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    first, _second = services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(2))
    cancelled = services.workshop_sessions.cancel(coordinator, first.id)
    assert cancelled.cancelled
    assert services.bookings.get(volunteer, first.booking_id).status == BookingStatus.CANCELLED
    services.bookings.create_booking(
        volunteer,
        BookingDraft(room_id=house.classroom, start=first.start, end=first.end, person_id=house.facilitator),
    )
    with pytest.raises(ValidationError, match="already cancelled"):
        services.workshop_sessions.cancel(coordinator, first.id)
    with pytest.raises(ValidationError, match="was cancelled"):
        services.workshop_sessions.move(coordinator, first.id, first.start, first.end)
    assert [row.cancelled for row in services.workshop_sessions.sessions(volunteer, workshop.id)] == [True, False]
    assert len(services.workshop_sessions.sessions(volunteer, workshop.id, include_cancelled=False)) == 1


def test_sessions_keep_working_across_the_dst_change(
    services: Services, coordinator: Actor, house: House, clock: FixedClock
) -> None:
    """18:00 stays 18:00 on both sides of the last Sunday of March, and a session lasts two hours."""
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    plan = SessionPlan(
        first_start=datetime(2027, 3, 22, 18), duration_minutes=120, rrule="FREQ=DAILY;INTERVAL=7;COUNT=2"
    )
    created = services.workshop_sessions.create(coordinator, workshop.id, plan)
    assert [(row.start, row.minutes) for row in created] == [
        (datetime(2027, 3, 22, 18), 120),
        (datetime(2027, 3, 29, 18), 120),
    ]


def test_sessions_of_one_plan_never_overlap_each_other(services: Services, coordinator: Actor, house: House) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house))
    with pytest.raises(ValidationError, match="overlap each other"):
        services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(rrule="FREQ=HOURLY;COUNT=2"))
    assert services.workshop_sessions.sessions(coordinator, workshop.id) == []


def test_a_service_called_through_the_joined_database_commits_only_with_the_caller(
    services: Services, volunteer: Actor, house: House
) -> None:
    """A session and its booking land together: the booking service's own transaction becomes a
    savepoint of the caller's, undone when the caller fails after it."""
    draft = BookingDraft(
        room_id=house.classroom,
        start=FIRST_TUESDAY,
        end=FIRST_TUESDAY + timedelta(hours=1),
        person_id=house.facilitator,
    )
    database = services.database
    with pytest.raises(RuntimeError), database.sessions.begin() as session:
        inner = BookingService(database=joined_database(database, session), clock=services.clock)
        inner.create_booking(volunteer, draft)
        with pytest.raises(ValidationError, match="already booked"):  # it sees its own first booking
            inner.create_booking(volunteer, draft)
        raise RuntimeError("the caller fails after the booking")
    assert services.bookings.bookings_between(volunteer, FIRST_TUESDAY, FIRST_TUESDAY + timedelta(hours=1)) == []
    with database.sessions.begin() as session:
        BookingService(database=joined_database(database, session), clock=services.clock).create_booking(
            volunteer, draft
        )
    assert len(services.bookings.bookings_between(volunteer, FIRST_TUESDAY, FIRST_TUESDAY + timedelta(hours=1))) == 1
