"""The week's programme: workshop sessions and public bookings, day by day in time order, from the
calendar the desk sees (cancelled and moved occurrences, cancelled sessions, private bookings)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.services import Services
from app.services.bookings import BookingDraft
from app.services.programme import Activity, ActivityKind, ProgrammeWeek
from app.services.roles import Actor
from tests.app.programme_house import MONDAY, at, build_week
from tests.app.workshop_house import House, build_house, workshop_with_sessions


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def week(services: Services, coordinator: Actor, volunteer: Actor, house: House) -> ProgrammeWeek:
    build_week(services, coordinator, volunteer, house)
    return services.programme.week(volunteer, MONDAY)


def titled(activities: tuple[Activity, ...]) -> list[tuple[str, datetime, datetime]]:
    return [(activity.title, activity.start, activity.end) for activity in activities]


def test_the_week_has_seven_days_monday_first(week: ProgrammeWeek) -> None:
    assert week.week_start == MONDAY
    assert [day.day for day in week.days] == [date(2026, 11, 30 + n) if n == 0 else date(2026, 12, n) for n in range(7)]
    assert week.week_end == date(2026, 12, 6)
    assert week.activity_count == 7


def test_each_day_lists_sessions_and_public_events_in_time_order(week: ProgrammeWeek) -> None:
    monday, tuesday, wednesday, thursday, friday, saturday, sunday = week.days
    assert titled(monday.activities) == [("Italiano per tutti", at(30, 17), at(30, 18, 30))]
    assert titled(tuesday.activities) == [("Sartoria di quartiere", at(1, 18), at(1, 20))]
    assert titled(wednesday.activities) == []  # private meeting; the series' date cancelled
    assert titled(thursday.activities) == [  # yoga's session cancelled
        ("Colazione solidale", at(3, 8), at(3, 9)),
        ("Cena multietnica", at(3, 20, 30), at(3, 23)),
    ]
    assert titled(friday.activities) == [("Italiano per tutti", at(4, 19), at(4, 20, 30))]  # moved; tentative left out
    assert titled(saturday.activities) == [("Festa aperta del quartiere", at(5, 15), at(5, 18))]
    assert titled(sunday.activities) == [("Filo e Ago APS", at(6, 21), at(6, 23))]


def test_activities_name_their_room_and_association_never_a_private_person(week: ProgrammeWeek) -> None:
    (session,) = week.days[1].activities
    assert session == Activity(
        kind=ActivityKind.WORKSHOP,
        title="Sartoria di quartiere",
        start=at(1, 18),
        end=at(1, 20),
        room="Aula",
        organisation="Filo e Ago APS",
        facilitator="Ngozi Okafor",
    )
    (lesson,) = week.days[0].activities
    assert (lesson.kind, lesson.room, lesson.organisation, lesson.facilitator) == (
        ActivityKind.EVENT,
        "Salone B",
        "Filo e Ago APS",
        "",
    )
    (party,) = week.days[5].activities
    assert (party.room, party.organisation) == ("Salone", "")  # booked by Mario Bianchi: not printed
    (unnamed,) = week.days[6].activities
    assert (unnamed.title, unnamed.organisation) == ("Filo e Ago APS", "")  # not twice


def test_any_day_of_the_week_gives_that_week(
    services: Services, volunteer: Actor, week: ProgrammeWeek, house: House
) -> None:
    assert services.programme.week(volunteer, date(2026, 12, 3)) == week
    other = services.programme.week(volunteer, date(2026, 12, 7))
    assert other.week_start == date(2026, 12, 7)
    assert [a.title for a in other.days[0].activities] == ["Il lunedì dopo", "Italiano per tutti"]


def test_a_session_booking_marked_public_is_listed_once(
    services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    _workshop, sessions = workshop_with_sessions(services, coordinator, house, weeks=1)
    booking = services.bookings.get(volunteer, sessions[0].booking_id)
    services.bookings.update_booking(
        volunteer,
        booking.id or 0,
        BookingDraft(
            room_id=booking.room_id,
            start=booking.start,
            end=booking.end,
            person_id=booking.person_id,
            organisation_id=booking.organisation_id,
            purpose=booking.purpose,
            price_cents=0,
            public=True,
        ),
    )
    assert services.bookings.get(volunteer, booking.id or 0).public
    tuesday = services.programme.week(volunteer, MONDAY).days[1]
    assert [(a.kind, a.title) for a in tuesday.activities] == [(ActivityKind.WORKSHOP, "Sartoria di quartiere")]


def test_an_empty_week_has_seven_empty_days(services: Services, volunteer: Actor) -> None:
    week = services.programme.week(volunteer, MONDAY)
    assert len(week.days) == 7 and week.activity_count == 0
