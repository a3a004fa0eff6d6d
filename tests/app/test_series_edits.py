"""Editing a series: the whole of it, or this occurrence and the following ones."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingRow, BookingStatus, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

# The fixed clock says Sunday 22 November 2026, 9:00. DST ends 25 October 2026, starts 28 March 2027.
TUESDAYS = "FREQ=WEEKLY;BYDAY=TU"


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    kitchen = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1000))
    association = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    return {"hall": hall.id, "kitchen": kitchen.id, "org": association.id}


def series(house: dict[str, int], dtstart: datetime, rule: str = TUESDAYS, **changes: object) -> SeriesDraft:
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


def rows(services: Services, actor: Actor, first: datetime, last: datetime) -> list[BookingRow]:
    return services.bookings.bookings_between(actor, first, last)


def test_the_whole_series_changes_and_keeps_its_exceptions_on_their_days(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    services.bookings.cancel_occurrence(volunteer, series_id, datetime(2026, 12, 8, 18))
    moved = services.bookings.move_occurrence(
        volunteer, series_id, datetime(2026, 12, 15, 18), datetime(2026, 12, 16, 10), datetime(2026, 12, 16, 12)
    )
    draft = series(house, datetime(2026, 10, 6, 19), duration_minutes=90, purpose="Coro", people_count=20)
    services.bookings.update_series(volunteer, series_id, draft)
    found = rows(services, volunteer, datetime(2026, 10, 1), datetime(2027, 5, 1))
    occurrences = [row for row in found if row.id is None]
    assert {row.start.time() for row in occurrences} == {time(19)}  # across both DST changes
    assert {row.end - row.start for row in occurrences} == {timedelta(minutes=90)}
    assert {row.purpose for row in occurrences} == {"Coro"}
    assert {row.price_cents for row in occurrences} == {3000}
    days = [row.start.date() for row in found]
    assert date(2026, 12, 8) not in days  # still cancelled
    assert days.count(date(2026, 12, 15)) == 0  # the moved occurrence does not come back
    assert [row.start for row in found if row.id == moved.id] == [datetime(2026, 12, 16, 10)]  # kept as moved


def test_changing_the_whole_series_reports_its_conflicts(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["hall"],
            start=datetime(2027, 1, 12, 20),
            end=datetime(2027, 1, 12, 21),
            organisation_id=house["org"],
        ),
    )
    draft = series(house, datetime(2026, 10, 6, 19, 30))
    preview = services.bookings.preview_series_update(volunteer, series_id, draft)
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [datetime(2027, 1, 12, 19, 30)]
    assert preview.occurrences[0] == datetime(2026, 11, 24, 19, 30)  # checked from now on
    with pytest.raises(ValidationError) as raised:
        services.bookings.update_series(volunteer, series_id, draft)
    assert raised.value.for_field("dtstart")
    # Nothing changed, and its own occurrences never conflict with themselves.
    assert {row.start.time() for row in rows(services, volunteer, datetime(2026, 10, 1), datetime(2026, 12, 1))} == {
        time(18)
    }
    services.bookings.update_series(volunteer, series_id, replace(draft, exdates=(datetime(2027, 1, 12, 19, 30),)))
    days = [row.start for row in rows(services, volunteer, datetime(2027, 1, 1), datetime(2027, 2, 1))]
    assert datetime(2027, 1, 12, 19, 30) not in days
    assert datetime(2027, 1, 19, 19, 30) in days


def test_a_cancelled_series_cannot_be_changed(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    services.bookings.cancel_series(volunteer, series_id)
    with pytest.raises(ValidationError):
        services.bookings.update_series(volunteer, series_id, series(house, datetime(2026, 10, 6, 19)))


def test_this_and_following_keeps_the_past_and_takes_the_moved_occurrences(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    services.bookings.cancel_occurrence(volunteer, series_id, datetime(2026, 11, 10, 18))
    services.bookings.cancel_occurrence(volunteer, series_id, datetime(2027, 1, 5, 18))
    moved = services.bookings.move_occurrence(
        volunteer, series_id, datetime(2027, 1, 12, 18), datetime(2027, 1, 13, 18), datetime(2027, 1, 13, 20)
    )
    before = rows(services, volunteer, datetime(2026, 10, 1), datetime(2026, 12, 1))
    split = datetime(2026, 12, 1, 18)
    new_id = services.bookings.update_following(
        volunteer,
        series_id,
        split,
        series(house, datetime(2026, 12, 1, 19), purpose="Coro", room_id=house["kitchen"], people_count=10),
    )
    assert new_id != series_id
    assert rows(services, volunteer, datetime(2026, 10, 1), datetime(2026, 12, 1)) == before
    after = rows(services, volunteer, datetime(2026, 12, 1), datetime(2027, 6, 1))
    occurrences = [row for row in after if row.id is None]
    assert {row.series_id for row in occurrences} == {new_id}
    assert {(row.start.time(), row.room_id, row.purpose) for row in occurrences} == {
        (time(19), house["kitchen"], "Coro")
    }
    assert occurrences[0].start == datetime(2026, 12, 1, 19)
    assert datetime(2027, 4, 6, 19) in [row.start for row in occurrences]  # after DST began
    days = [row.start.date() for row in after]
    assert date(2027, 1, 5) not in days  # the exception follows the new series
    assert date(2027, 1, 12) not in days  # so does the moved occurrence
    [kept] = [row for row in after if row.id == moved.id]
    assert (kept.series_id, kept.start, kept.room_id) == (new_id, datetime(2027, 1, 13, 18), house["hall"])
    # The moved one still belongs to the new series: cancelling it there works.
    services.bookings.cancel_occurrence(volunteer, new_id, kept.occurrence_start or kept.start)


def test_this_and_following_reports_conflicts_and_checks_the_start(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["kitchen"],
            start=datetime(2026, 12, 15, 18),
            end=datetime(2026, 12, 15, 19),
            organisation_id=house["org"],
        ),
    )
    draft = series(house, datetime(2026, 12, 1, 18), room_id=house["kitchen"], people_count=5)
    preview = services.bookings.preview_following_update(volunteer, series_id, datetime(2026, 12, 1, 18), draft)
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [datetime(2026, 12, 15, 18)]
    with pytest.raises(ValidationError):
        services.bookings.update_following(volunteer, series_id, datetime(2026, 12, 1, 18), draft)
    with pytest.raises(ValidationError):  # no occurrence there
        services.bookings.update_following(volunteer, series_id, datetime(2026, 12, 2, 18), draft)
    with pytest.raises(ValidationError):  # the new series would start before the split
        services.bookings.update_following(
            volunteer, series_id, datetime(2026, 12, 8, 18), replace(draft, dtstart=datetime(2026, 12, 1, 18))
        )
    # Same room, other time: the old series' own later occurrences are no conflict.
    services.bookings.update_following(
        volunteer, series_id, datetime(2026, 12, 1, 18), series(house, datetime(2026, 12, 1, 17))
    )
    assert [row.start for row in rows(services, volunteer, datetime(2026, 12, 1), datetime(2026, 12, 9))] == [
        datetime(2026, 12, 1, 17),
        datetime(2026, 12, 8, 17),
    ]


def test_this_and_following_from_the_first_occurrence_changes_the_whole_series(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18)))
    assert (
        services.bookings.update_following(
            volunteer, series_id, datetime(2026, 10, 6, 18), series(house, datetime(2026, 10, 6, 20))
        )
        == series_id
    )
    assert {row.start.time() for row in rows(services, volunteer, datetime(2026, 10, 1), datetime(2027, 1, 1))} == {
        time(20)
    }


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    weeks=st.integers(min_value=1, max_value=60),
    hour=st.integers(min_value=8, max_value=21),
    count=st.one_of(st.none(), st.integers(min_value=2, max_value=70)),
)
def test_a_split_never_changes_the_past_and_keeps_the_new_hour(
    services: Services,
    coordinator: Actor,
    volunteer: Actor,
    house: dict[str, int],
    weeks: int,
    hour: int,
    count: int | None,
) -> None:
    room = services.rooms.create(
        coordinator, RoomDraft(name=f"Sala {weeks}-{hour}-{count}-{id(object())}", capacity=10)
    )
    rule = TUESDAYS if count is None else f"{TUESDAYS};COUNT={count}"
    first = datetime(2026, 9, 1, 18)
    series_id = services.bookings.create_series(volunteer, series(house, first, rule, room_id=room.id))
    split = first + timedelta(weeks=weeks)
    last = datetime(2028, 1, 1)

    def of_room(start: datetime, end: datetime) -> list[BookingRow]:
        return [row for row in rows(services, volunteer, start, end) if row.room_id == room.id]

    day = datetime.combine(split.date(), time())
    before = of_room(first, day)
    total = len(of_room(first, last))
    if count is not None and weeks >= count:
        with pytest.raises(ValidationError):
            services.bookings.update_following(volunteer, series_id, split, series(house, split, rule, room_id=room.id))
        return
    remaining = f"{TUESDAYS};COUNT={count - weeks}" if count is not None else TUESDAYS
    new_start = datetime.combine(split.date(), time(hour))
    new_id = services.bookings.update_following(
        volunteer,
        series_id,
        split,
        series(house, new_start, remaining, room_id=room.id, status=BookingStatus.TENTATIVE),
    )
    assert of_room(first, day) == before
    after = of_room(day, last)
    assert {row.start.time() for row in after} == {time(hour)}
    assert {(row.series_id, row.status) for row in after} == {(new_id, BookingStatus.TENTATIVE)}
    assert len(before) + len(after) == total


def test_the_whole_series_takes_the_new_notes_and_holder(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, series(house, datetime(2026, 10, 6, 18), notes="Chiavi"))
    other = services.organisations.create(volunteer, OrganisationDraft(name="Coro di Barriera")).id
    services.bookings.update_series(
        volunteer, series_id, series(house, datetime(2026, 10, 6, 18), notes=" Porta le sedie ", organisation_id=other)
    )
    row = services.bookings.series(volunteer, series_id)
    assert (row.notes, row.holder, row.organisation_id) == ("Porta le sedie", "Coro di Barriera", other)
