"""Recurring bookings: RFC 5545 rules, DST, open-ended series, exceptions, cancels and conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    half = services.rooms.create(coordinator, RoomDraft(name="Sala Piccola", capacity=30, parent_id=hall.id))
    association = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    return {"hall": hall.id, "half": half.id, "org": association.id}


def series(house: dict[str, int], dtstart: datetime, rule: str, **changes: object) -> SeriesDraft:
    values: dict[str, object] = {
        "room_id": house["hall"],
        "dtstart": dtstart,
        "duration_minutes": 120,
        "rrule": rule,
        "organisation_id": house["org"],
        "purpose": "Corso di italiano",
    }
    values.update(changes)
    return SeriesDraft(**values)  # type: ignore[arg-type]


def starts(services: Services, actor: Actor, first: datetime, last: datetime) -> list[datetime]:
    return [row.start for row in services.bookings.bookings_between(actor, first, last)]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.dates(min_value=date(2026, 1, 1), max_value=date(2035, 12, 31)))
def test_a_weekly_1800_booking_stays_at_1800_across_dst(
    services: Services, volunteer: Actor, house: dict[str, int], first: date
) -> None:
    room = services.rooms.find(volunteer, "Sala Grande")
    assert room is not None
    draft = series(house, datetime.combine(first, time(18)), "FREQ=WEEKLY;COUNT=60", status="tentative")
    preview = services.bookings.preview_series(volunteer, draft)
    assert len(preview.occurrences) == 60
    assert {occurrence.time() for occurrence in preview.occurrences} == {time(18)}
    assert all(b - a == timedelta(days=7) for a, b in zip(preview.occurrences, preview.occurrences[1:], strict=False))


def test_weekly_across_the_last_sundays_of_march_and_october(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    services.bookings.create_series(
        volunteer, series(house, datetime(2026, 3, 24, 18), "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261103T235959")
    )
    found = starts(services, volunteer, datetime(2026, 3, 1), datetime(2026, 12, 1))
    assert found[:2] == [datetime(2026, 3, 24, 18), datetime(2026, 3, 31, 18)]  # DST began on 29 March
    assert datetime(2026, 10, 27, 18) in found  # DST ended on 25 October
    assert found[-1] == datetime(2026, 11, 3, 18)
    assert {start.time() for start in found} == {time(18)}


def test_monthly_on_the_second_tuesday_with_count(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    services.bookings.create_series(
        volunteer, series(house, datetime(2026, 1, 13, 20), "FREQ=MONTHLY;BYDAY=2TU;COUNT=4")
    )
    assert starts(services, volunteer, datetime(2026, 1, 1), datetime(2027, 1, 1)) == [
        datetime(2026, 1, 13, 20),
        datetime(2026, 2, 10, 20),
        datetime(2026, 3, 10, 20),
        datetime(2026, 4, 14, 20),
    ]


def test_every_two_weeks_on_chosen_days(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    services.bookings.create_series(
        volunteer, series(house, datetime(2026, 1, 5, 10), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260131")
    )
    assert [s.day for s in starts(services, volunteer, datetime(2026, 1, 1), datetime(2026, 3, 1))] == [5, 8, 19, 22]


def test_an_open_ended_series_still_has_occurrences_ten_years_later(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18), "FREQ=WEEKLY"))
    later = services.bookings.bookings_between(volunteer, datetime(2036, 10, 1), datetime(2036, 10, 31))
    assert [row.start for row in later] == [datetime(2036, 10, d, 18) for d in (7, 14, 21, 28)]
    assert {row.series_id for row in later} == {series_id}
    assert services.bookings.preview_series(volunteer, series(house, datetime(2040, 1, 1, 9), "FREQ=DAILY")).open_ended


def test_exdates_cancel_one_this_and_following_and_whole(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    tuesdays = [datetime(2026, 10, 6, 18) + timedelta(weeks=week) for week in range(10)]
    series_id = services.bookings.create_series(
        volunteer, series(house, tuesdays[0], "FREQ=WEEKLY;COUNT=10", exdates=(tuesdays[1],))
    )
    window = (datetime(2026, 10, 1), datetime(2027, 1, 1))
    assert starts(services, volunteer, *window) == [tuesdays[0], *tuesdays[2:]]
    services.bookings.cancel_occurrence(volunteer, series_id, tuesdays[3])
    assert starts(services, volunteer, *window) == [tuesdays[0], tuesdays[2], *tuesdays[4:]]
    with pytest.raises(ValidationError, match="no occurrence"):
        services.bookings.cancel_occurrence(volunteer, series_id, tuesdays[3] + timedelta(hours=1))
    services.bookings.cancel_following(volunteer, series_id, tuesdays[6])
    assert starts(services, volunteer, *window) == [tuesdays[0], tuesdays[2], tuesdays[4], tuesdays[5]]
    services.bookings.cancel_series(volunteer, series_id)
    assert starts(services, volunteer, *window) == []


def test_moving_one_occurrence(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    tuesdays = [datetime(2026, 10, 6, 18) + timedelta(weeks=week) for week in range(4)]
    series_id = services.bookings.create_series(volunteer, series(house, tuesdays[0], "FREQ=WEEKLY;COUNT=4"))
    moved = services.bookings.move_occurrence(
        volunteer, series_id, tuesdays[1], datetime(2026, 10, 14, 17), datetime(2026, 10, 14, 19)
    )
    assert (moved.series_id, moved.occurrence_start, moved.price_cents) == (series_id, tuesdays[1], 4000)
    window = (datetime(2026, 10, 1), datetime(2027, 1, 1))
    assert starts(services, volunteer, *window) == [tuesdays[0], datetime(2026, 10, 14, 17), *tuesdays[2:]]
    services.bookings.move_occurrence(
        volunteer, series_id, tuesdays[1], datetime(2026, 10, 15, 17), datetime(2026, 10, 15, 19)
    )
    assert starts(services, volunteer, *window)[1] == datetime(2026, 10, 15, 17)
    with pytest.raises(ValidationError, match="already booked"):  # onto its own next occurrence
        services.bookings.move_occurrence(
            volunteer, series_id, tuesdays[3], datetime(2026, 10, 20, 19), datetime(2026, 10, 20, 20)
        )
    services.bookings.cancel_following(volunteer, series_id, tuesdays[1])
    assert starts(services, volunteer, *window) == [tuesdays[0]]


def test_conflicts_of_a_new_series_are_reported_by_date_and_the_rest_can_be_booked(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    services.closures.add(coordinator, date(2026, 12, 8), reason="Immacolata")
    other = services.bookings.create_series(
        volunteer,
        series(house, datetime(2027, 3, 2, 19), "FREQ=WEEKLY;COUNT=1", room_id=house["half"], people_count=10),
    )
    assert other
    draft = series(house, datetime(2026, 10, 6, 18), "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T235959")
    preview = services.bookings.preview_series(volunteer, draft)
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [
        datetime(2026, 12, 8, 18),
        datetime(2027, 3, 2, 18),
    ]
    assert not preview.open_ended
    with pytest.raises(ValidationError, match="leave them out"):
        services.bookings.create_series(volunteer, draft)
    series_id = services.bookings.create_series(
        volunteer, replace(draft, exdates=tuple(c.occurrence_start for c in preview.conflicts))
    )
    assert len(starts(services, volunteer, datetime(2026, 10, 1), datetime(2027, 7, 1))) == len(preview.occurrences) - 1
    assert series_id


def test_an_open_ended_series_blocks_a_linked_room_years_later(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    services.bookings.create_series(
        volunteer, series(house, datetime(2026, 10, 7, 19), "FREQ=WEEKLY;BYDAY=WE", room_id=house["half"])
    )
    booking = BookingDraft(
        room_id=house["hall"],
        start=datetime(2031, 5, 7, 20),
        end=datetime(2031, 5, 7, 22),
        organisation_id=house["org"],
    )
    with pytest.raises(ValidationError, match="already booked"):
        services.bookings.create_booking(volunteer, booking)
    services.bookings.create_booking(volunteer, replace(booking, start=datetime(2031, 5, 7, 21)))


def test_a_bad_rule_is_refused(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="repetition is not valid"):
        services.bookings.preview_series(volunteer, series(house, datetime(2026, 10, 6, 18), "FREQ=SOMETIMES"))
