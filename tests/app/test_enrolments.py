"""Enrolments: capacity and the waiting list (also under any order of enrol and withdraw),
promotion with the phone to call, minors and ages, and the fee at the cash desk."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.enrolments import EnrolmentStatus
from app.services.roles import Actor
from app.services.workshop_rules import FeeKind
from tests.app.workshop_house import House, build_house, person, weekly_plan, workshop_draft


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def workshop(services: Services, coordinator: Actor, house: House) -> int:
    return services.workshops.create(coordinator, workshop_draft(house)).id


def line_up(services: Services, actor: Actor, workshop_id: int) -> list[tuple[str, EnrolmentStatus, int | None]]:
    return [(row.name, row.status, row.position) for row in services.enrolments.enrolments(actor, workshop_id)]


def test_beyond_capacity_people_wait_in_order(
    services: Services, volunteer: Actor, workshop: int, house: House
) -> None:
    names = ["Awa", "Yusuf", "Olena", "Đorđe", "Li"]
    people = [person(services, volunteer, name, phone=f"333 000 00{index}") for index, name in enumerate(names)]
    rows = [services.enrolments.enrol(volunteer, workshop, person_id) for person_id in people]
    assert [(row.status, row.position) for row in rows] == [
        (EnrolmentStatus.ENROLLED, None),
        (EnrolmentStatus.ENROLLED, None),
        (EnrolmentStatus.ENROLLED, None),
        (EnrolmentStatus.WAITING, 1),
        (EnrolmentStatus.WAITING, 2),
    ]
    assert line_up(services, volunteer, workshop) == [
        ("Rossi Awa", EnrolmentStatus.ENROLLED, None),
        ("Rossi Olena", EnrolmentStatus.ENROLLED, None),
        ("Rossi Yusuf", EnrolmentStatus.ENROLLED, None),
        ("Rossi Đorđe", EnrolmentStatus.WAITING, 1),
        ("Rossi Li", EnrolmentStatus.WAITING, 2),
    ]
    [row] = services.workshops.rows(volunteer, [workshop])
    assert (row.enrolled, row.waiting, row.places_left) == (3, 2, 0)

    withdrawal = services.enrolments.withdraw(volunteer, rows[1].id)
    assert withdrawal.enrolment.status == EnrolmentStatus.WITHDRAWN
    [promoted] = withdrawal.promoted
    assert (promoted.name, promoted.phone, promoted.enrolment_id, promoted.workshop_title) == (
        "Rossi Đorđe",
        "333 000 003",
        rows[3].id,
        "Sartoria di quartiere",
    )
    assert services.enrolments.get(volunteer, rows[4].id).position == 1
    # A person waiting who withdraws frees no place: nobody is promoted.
    assert services.enrolments.withdraw(volunteer, rows[4].id).promoted == ()
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.enrolments.withdraw(volunteer, rows[4].id)
    assert line_up(services, volunteer, workshop) == [
        ("Rossi Awa", EnrolmentStatus.ENROLLED, None),
        ("Rossi Olena", EnrolmentStatus.ENROLLED, None),
        ("Rossi Đorđe", EnrolmentStatus.ENROLLED, None),
    ]
    assert len(services.enrolments.enrolments(volunteer, workshop, include_withdrawn=True)) == 5


def test_a_person_is_in_a_workshop_once_and_may_come_back(
    services: Services, volunteer: Actor, coordinator: Actor, workshop: int, house: House
) -> None:
    people = [person(services, volunteer, name) for name in ("Awa", "Yusuf", "Olena", "Li")]
    rows = [services.enrolments.enrol(volunteer, workshop, person_id) for person_id in people]
    with pytest.raises(ValidationError, match="Rossi Awa is already enrolled in Sartoria di quartiere"):
        services.enrolments.enrol(volunteer, workshop, people[0])
    with pytest.raises(ValidationError, match=r"already on the waiting list .* \(number 1\)"):
        services.enrolments.enrol(volunteer, workshop, people[3])
    services.enrolments.withdraw(volunteer, rows[0].id)  # Li gets the place
    again = services.enrolments.enrol(volunteer, workshop, people[0])
    assert (again.id, again.status, again.position) == (rows[0].id, EnrolmentStatus.WAITING, 1)
    with pytest.raises(NotFound):
        services.enrolments.enrol(volunteer, workshop, 999)


def test_registration_closed_or_workshop_retired_refuses_enrolments(
    services: Services, volunteer: Actor, coordinator: Actor, workshop: int, house: House
) -> None:
    awa = person(services, volunteer, "Awa")
    services.workshops.update(coordinator, workshop, workshop_draft(house, registration_open=False))
    with pytest.raises(ValidationError, match="Registration for Sartoria di quartiere is closed"):
        services.enrolments.enrol(volunteer, workshop, awa)
    services.workshops.update(coordinator, workshop, workshop_draft(house, active=False))
    with pytest.raises(ValidationError, match="no longer running"):
        services.enrolments.enrol(volunteer, workshop, awa)


def test_more_places_go_to_the_people_waiting_and_fewer_than_enrolled_are_refused(
    services: Services, volunteer: Actor, coordinator: Actor, workshop: int, house: House
) -> None:
    people = [person(services, volunteer, name, phone="011 123456") for name in ("A", "B", "C", "D", "E", "F")]
    rows = [services.enrolments.enrol(volunteer, workshop, person_id) for person_id in people]
    update = services.workshops.update(coordinator, workshop, workshop_draft(house, capacity=5))
    assert [promotion.enrolment_id for promotion in update.promoted] == [rows[3].id, rows[4].id]
    assert (update.workshop.enrolled, update.workshop.waiting) == (5, 1)
    with pytest.raises(ValidationError, match="5 people are enrolled: keep at least 5 places"):
        services.workshops.update(coordinator, workshop, workshop_draft(house, capacity=4))


def test_a_minor_is_enrolled_only_with_guardian_consent(
    services: Services, volunteer: Actor, workshop: int, house: House
) -> None:
    child = person(services, volunteer, "Sara", birth_year=2015)
    with pytest.raises(ValidationError, match="Rossi Sara is under 14: record their parent or guardian") as error:
        services.enrolments.enrol(volunteer, workshop, child)
    assert error.value.problems[0].field == "person_id"
    # Born in 2012: 13 or 14 this year, so maybe a minor: consent needed too.
    maybe = person(services, volunteer, "Omar", birth_year=2012)
    with pytest.raises(ValidationError, match="under 14"):
        services.enrolments.enrol(volunteer, workshop, maybe)
    parent = person(services, volunteer, "Marta", birth_year=1985)
    with_consent = person(
        services,
        volunteer,
        "Luca",
        birth_date=date(2015, 3, 1),
        guardian_id=parent,
        consent_date=date(2026, 11, 2),
        consent_notice_version="2025-1",
    )
    guardian_only = person(services, volunteer, "Ilaria", birth_year=2015, guardian_id=parent)
    with pytest.raises(ValidationError, match="under 14"):
        services.enrolments.enrol(volunteer, workshop, guardian_only)
    assert services.enrolments.enrol(volunteer, workshop, with_consent).status == EnrolmentStatus.ENROLLED
    teenager = person(services, volunteer, "Giorgio", birth_year=2010)  # 15 or 16: not under 14
    unknown = person(services, volunteer, "Nessuno")
    assert services.enrolments.enrol(volunteer, workshop, teenager).status == EnrolmentStatus.ENROLLED
    assert services.enrolments.enrol(volunteer, workshop, unknown).status == EnrolmentStatus.ENROLLED


def test_the_age_range_refuses_only_who_is_surely_outside(
    services: Services, volunteer: Actor, coordinator: Actor, house: House
) -> None:
    adults = services.workshops.create(coordinator, workshop_draft(house, title="Teatro", min_age=16)).id
    young = person(services, volunteer, "Piero", birth_date=date(2011, 1, 5))  # 15
    with pytest.raises(ValidationError, match=r"Rossi Piero's age does not fit Teatro \(16 years and over\)"):
        services.enrolments.enrol(volunteer, adults, young)
    boundary = person(services, volunteer, "Nadia", birth_year=2010)  # 15 or 16
    assert services.enrolments.enrol(volunteer, adults, boundary).status == EnrolmentStatus.ENROLLED
    kids = services.workshops.create(coordinator, workshop_draft(house, title="Fumetto", min_age=14, max_age=17)).id
    adult = person(services, volunteer, "Franca", birth_year=1950)
    with pytest.raises(ValidationError, match=r"\(14-17 years\)"):
        services.enrolments.enrol(volunteer, kids, adult)
    anyone = person(services, volunteer, "Senza data")
    assert services.enrolments.enrol(volunteer, kids, anyone).status == EnrolmentStatus.ENROLLED


# -- fees -----------------------------------------------------------------------------------------


def workshop_fee_category(services: Services, admin: Actor) -> int:
    return next(row.id for row in services.cash_settings.categories(admin) if row.code == "workshop_fee")


def pay(services: Services, actor: Actor, category: int, person_id: int, enrolment_id: int, cents: int) -> int:
    details = services.cash.record_payment(
        actor,
        PaymentDraft(
            amount_cents=cents,
            category_id=category,
            payer_person_id=person_id,
            link_kind="enrolment",
            link_id=enrolment_id,
        ),
    )
    assert details.receipt is not None
    return details.receipt.id


def owed(services: Services, actor: Actor, person_id: int) -> list[tuple[str, int, str, int]]:
    return [
        (line.link_kind, line.link_id, line.description, line.remaining_cents)
        for line in services.cash.balance(actor, person_id=person_id)
    ]


def test_a_course_fee_is_owed_once_enrolled_and_settled_at_the_cash_desk(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, workshop: int, house: House
) -> None:
    category = workshop_fee_category(services, admin)
    awa, member = person(services, volunteer, "Awa"), person(services, volunteer, "Yusuf")
    services.workshops.update(coordinator, workshop, workshop_draft(house, member_fee_cents=4000))
    services.memberships.sell(volunteer, member, 2026, 1000)
    enrolment = services.enrolments.enrol(volunteer, workshop, awa)
    assert (enrolment.fee_cents, enrolment.member_fee, enrolment.due_cents, enrolment.paid) == (
        6000,
        False,
        6000,
        False,
    )
    assert owed(services, volunteer, awa) == [("enrolment", enrolment.id, "Sartoria di quartiere: course fee", 6000)]
    reduced = services.enrolments.enrol(volunteer, workshop, member)
    assert (reduced.fee_cents, reduced.member_fee, reduced.due_cents) == (4000, True, 4000)

    receipt = pay(services, volunteer, category, awa, enrolment.id, 2500)
    assert owed(services, volunteer, awa)[0][3] == 3500
    pay(services, volunteer, category, awa, enrolment.id, 3500)
    status = services.enrolments.paid_status(volunteer, enrolment.id)
    assert (status.due_cents, status.paid_cents, status.paid) == (6000, 6000, True)
    assert owed(services, volunteer, awa) == []
    services.receipts.cancel(coordinator, receipt, "Importo sbagliato")
    assert owed(services, volunteer, awa)[0][3] == 2500

    # Someone waiting owes nothing; withdrawing before the course starts cancels the fee.
    services.workshops.update(coordinator, workshop, workshop_draft(house, capacity=2, member_fee_cents=4000))
    waiting = services.enrolments.enrol(volunteer, workshop, person(services, volunteer, "Li"))
    assert (waiting.status, waiting.due_cents) == (EnrolmentStatus.WAITING, 0)
    services.enrolments.withdraw(volunteer, reduced.id)
    assert services.enrolments.get(volunteer, reduced.id).due_cents == 0
    assert services.enrolments.get(volunteer, waiting.id).due_cents == 6000  # promoted: now owes
    [mine] = services.enrolments.of_person(volunteer, member)
    assert (mine.workshop_title, mine.status, mine.fee_kind) == (
        "Sartoria di quartiere",
        EnrolmentStatus.WITHDRAWN,
        FeeKind.COURSE,
    )


def test_a_course_fee_stays_owed_when_withdrawing_after_the_start(
    services: Services, volunteer: Actor, coordinator: Actor, workshop: int, house: House, clock: FixedClock
) -> None:
    services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))
    enrolment = services.enrolments.enrol(volunteer, workshop, person(services, volunteer, "Awa"))
    clock.current = datetime(2026, 12, 2, 10)
    services.enrolments.withdraw(volunteer, enrolment.id)
    assert services.enrolments.get(volunteer, enrolment.id).due_cents == 6000


def test_a_session_fee_is_owed_for_each_session_held_while_enrolled(
    services: Services, volunteer: Actor, coordinator: Actor, house: House, clock: FixedClock
) -> None:
    workshop = services.workshops.create(coordinator, workshop_draft(house, fee_kind=FeeKind.SESSION, fee_cents=500)).id
    sessions = services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))
    awa = person(services, volunteer, "Awa")
    enrolment = services.enrolments.enrol(volunteer, workshop, awa)
    assert enrolment.due_cents == 0 and owed(services, volunteer, awa) == []
    clock.current = datetime(2026, 12, 1, 18, 1)  # the first session has started
    assert owed(services, volunteer, awa) == [
        ("enrolment", enrolment.id, "Sartoria di quartiere: 1 session so far", 500)
    ]
    services.workshop_sessions.cancel(coordinator, sessions[1].id)
    clock.current = datetime(2026, 12, 16, 9, 0)  # the second was cancelled, the third held
    assert services.enrolments.get(volunteer, enrolment.id).due_cents == 1000
    services.enrolments.withdraw(volunteer, enrolment.id)
    clock.current = datetime(2027, 1, 1, 9, 0)  # the fourth is held without her
    assert owed(services, volunteer, awa) == [
        ("enrolment", enrolment.id, "Sartoria di quartiere: 2 sessions so far", 1000)
    ]
    late = services.enrolments.enrol(volunteer, workshop, person(services, volunteer, "Li"))
    assert late.due_cents == 0  # enrolled after every session


# -- capacity and the waiting list under any order of enrol and withdraw -------------------------

CAPACITY = 3
PEOPLE = 7


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    capacity=st.integers(min_value=1, max_value=CAPACITY),
    steps=st.lists(
        st.tuples(st.sampled_from(["enrol", "enrol", "withdraw"]), st.integers(min_value=0, max_value=PEOPLE - 1)),
        min_size=1,
        max_size=30,
    ),
)
def test_capacity_and_waiting_list_hold_under_any_order(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    house: House,
    capacity: int,
    steps: list[tuple[str, int]],
) -> None:
    """A model of the rules: never more enrolled than the capacity, the queue keeps its order, and
    a freed place goes to the earliest person waiting. A withdrawal picks among the people in."""
    workshop = services.workshops.create(coordinator, workshop_draft(house, capacity=capacity)).id
    people = [person(services, volunteer, f"P{index}") for index in range(PEOPLE)]
    enrolled: list[int] = []
    waiting: list[int] = []
    ids: dict[int, int] = {}
    for action, pick in steps:
        if action == "enrol":
            who = people[pick]
            if who in enrolled or who in waiting:
                with pytest.raises(ValidationError, match="already"):
                    services.enrolments.enrol(volunteer, workshop, who)
                continue
            row = services.enrolments.enrol(volunteer, workshop, who)
            ids[who] = row.id
            if len(enrolled) < capacity:
                enrolled.append(who)
                assert row.status == EnrolmentStatus.ENROLLED
            else:
                waiting.append(who)
                assert (row.status, row.position) == (EnrolmentStatus.WAITING, len(waiting))
        elif enrolled or waiting:
            inside = enrolled + waiting
            who = inside[pick % len(inside)]
            result = services.enrolments.withdraw(volunteer, ids[who])
            expected: list[int] = []
            if who in enrolled:
                enrolled.remove(who)
                if waiting:
                    expected = [waiting.pop(0)]
                    enrolled.append(expected[0])
            else:
                waiting.remove(who)
            assert [promotion.person_id for promotion in result.promoted] == expected
        rows = services.enrolments.enrolments(volunteer, workshop)
        actual_enrolled = {row.person_id for row in rows if row.status == EnrolmentStatus.ENROLLED}
        actual_waiting = [row.person_id for row in rows if row.status == EnrolmentStatus.WAITING]
        assert len(actual_enrolled) <= capacity
        assert actual_enrolled == set(enrolled)
        assert actual_waiting == waiting
        assert [row.position for row in rows if row.status == EnrolmentStatus.WAITING] == list(
            range(1, len(waiting) + 1)
        )
