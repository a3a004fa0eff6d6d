"""Recurring bookings: RFC 5545 rules, DST, open-ended series, exceptions, cancels and conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingRow, BookingStatus, SeriesDraft
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


def test_a_series_is_read_back_for_its_editor(services: Services, volunteer: Actor, house: dict[str, int]) -> None:
    first = datetime(2026, 10, 6, 18)
    series_id = services.bookings.create_series(
        volunteer,
        series(house, first, " rrule:freq=weekly;count=10 ", exdates=(first + timedelta(weeks=2),), notes=" Chiavi "),
    )
    row = services.bookings.series(volunteer, series_id)
    assert (row.id, row.room_id, row.dtstart, row.duration_minutes) == (series_id, house["hall"], first, 120)
    assert (row.rrule, row.exdates, row.open_ended) == ("FREQ=WEEKLY;COUNT=10", (first + timedelta(weeks=2),), False)
    assert (row.holder, row.organisation_id, row.person_id) == ("Donne in cammino", house["org"], None)
    assert (row.purpose, row.notes, row.people_count, row.status) == ("Corso di italiano", "Chiavi", 1, "confirmed")
    assert (row.price_cents, row.price_overridden) == (4000, False)
    assert row.last_end == first + timedelta(weeks=9, hours=2)
    services.bookings.cancel_occurrence(volunteer, series_id, first + timedelta(weeks=3))
    assert services.bookings.series(volunteer, series_id).exdates == (
        first + timedelta(weeks=2),
        first + timedelta(weeks=3),
    )
    open_id = services.bookings.create_series(volunteer, series(house, first + timedelta(hours=3), "FREQ=WEEKLY"))
    assert (
        services.bookings.series(volunteer, open_id).open_ended,
        services.bookings.series(volunteer, open_id).last_end,
    ) == (
        True,
        None,
    )
    services.bookings.cancel_series(volunteer, open_id)
    assert services.bookings.series(volunteer, open_id).status == "cancelled"
    with pytest.raises(NotFound):
        services.bookings.series(volunteer, 999)


def test_one_occurrence_is_read_as_the_calendar_shows_it(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    first = datetime(2026, 10, 6, 18)
    series_id = services.bookings.create_series(volunteer, series(house, first, "FREQ=WEEKLY;COUNT=6"))
    window = (datetime(2026, 10, 1), datetime(2026, 12, 1))

    def shown(start: datetime) -> BookingRow:
        (row,) = [
            row
            for row in services.bookings.bookings_between(volunteer, *window, include_cancelled=True)
            if row.occurrence_start == start
        ]
        return row

    plain = services.bookings.occurrence(volunteer, series_id, first + timedelta(weeks=1))
    assert plain == shown(first + timedelta(weeks=1))
    assert (plain.id, plain.start, plain.end) == (None, first + timedelta(weeks=1), first + timedelta(weeks=1, hours=2))
    services.bookings.move_occurrence(
        volunteer, series_id, first, datetime(2026, 10, 8, 10), datetime(2026, 10, 8, 11, 30)
    )
    moved = services.bookings.occurrence(volunteer, series_id, first)
    assert moved == shown(first)
    assert (moved.start, moved.series_id) == (datetime(2026, 10, 8, 10), series_id)
    assert moved.id is not None
    services.bookings.cancel_occurrence(volunteer, series_id, first)  # the moved booking is cancelled
    assert services.bookings.occurrence(volunteer, series_id, first).status == "cancelled"
    services.bookings.cancel_occurrence(volunteer, series_id, first + timedelta(weeks=2))  # an exception date
    services.closures.add(coordinator, (first + timedelta(weeks=3)).date(), reason="Sciopero")
    for gone in (
        first + timedelta(weeks=2),
        first + timedelta(weeks=3),
        first + timedelta(hours=1),
        first + timedelta(weeks=9),
    ):
        with pytest.raises(NotFound):
            services.bookings.occurrence(volunteer, series_id, gone)
    with pytest.raises(NotFound):
        services.bookings.occurrence(volunteer, 999, first)


# -- changing only one date: update_occurrence ------------------------------------------------------


def series_audit(services: Services, admin: Actor, series_id: int) -> list[tuple[str, tuple[str, ...]]]:
    """The audit entries of a series, oldest first: (action, fields)."""
    ids = services.audit.entry_ids(admin, entity="booking_series", entity_id=series_id)
    return [(row.action, row.fields) for row in reversed(services.audit.rows(admin, ids))]


def occurrence_draft(row: BookingRow, **changes: object) -> BookingDraft:
    """An occurrence as the editor sends it back unchanged, with ``changes``."""
    values: dict[str, object] = {
        "room_id": row.room_id,
        "start": row.start,
        "end": row.end,
        "person_id": row.person_id,
        "organisation_id": row.organisation_id,
        "purpose": row.purpose,
        "people_count": row.people_count,
        "status": row.status,
        "price_cents": row.price_cents if row.price_overridden else None,
        "notes": row.notes,
    }
    values.update(changes)
    return BookingDraft(**values)  # type: ignore[arg-type]


def test_one_date_is_changed_in_every_field_at_once_and_the_others_stay(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, house: dict[str, int]
) -> None:
    tuesdays = [datetime(2026, 10, 6, 18) + timedelta(weeks=week) for week in range(4)]
    series_id = services.bookings.create_series(volunteer, series(house, tuesdays[0], "FREQ=WEEKLY;COUNT=4"))
    members = services.organisations.create(coordinator, OrganisationDraft(name="Coro Barriera", member=True)).id
    services.rooms.update(
        coordinator,
        house["hall"],
        RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000, member_rate_cents=500),
    )
    before = len(series_audit(services, admin, series_id))
    occurrence = services.bookings.occurrence(volunteer, series_id, tuesdays[1])
    wednesday = datetime(2026, 10, 14, 17)
    changed = services.bookings.update_occurrence(
        volunteer,
        series_id,
        tuesdays[1],
        occurrence_draft(
            occurrence,
            start=wednesday,
            end=wednesday + timedelta(hours=3),
            organisation_id=members,
            purpose=" Prova del coro ",
            people_count=40,
            status=BookingStatus.TENTATIVE,
            notes="Porta il leggio",
        ),
    )
    assert changed.id is not None
    assert (changed.series_id, changed.occurrence_start) == (series_id, tuesdays[1])
    assert (changed.room_id, changed.start, changed.end) == (house["hall"], wednesday, wednesday + timedelta(hours=3))
    assert (changed.holder, changed.purpose, changed.people_count) == ("Coro Barriera", "Prova del coro", 40)
    assert (changed.status, changed.notes) == (BookingStatus.TENTATIVE, "Porta il leggio")
    assert (changed.price_cents, changed.price_overridden) == (1500, False)  # 3 h at the member rate
    assert services.bookings.occurrence(volunteer, series_id, tuesdays[1]) == changed
    window = (datetime(2026, 10, 1), datetime(2026, 11, 1))
    assert starts(services, volunteer, *window) == [tuesdays[0], wednesday, tuesdays[2], tuesdays[3]]
    assert series_audit(services, admin, series_id)[before:] == [
        (
            "update_occurrence",
            ("end", "notes", "organisation_id", "people_count", "price_cents", "purpose", "start", "status"),
        )
    ]
    # Once a booking of its own, the date is changed as a booking: in the same call.
    again = services.bookings.update_occurrence(
        volunteer, series_id, tuesdays[1], occurrence_draft(changed, room_id=house["half"], people_count=30)
    )
    assert (again.id, again.room_id, again.people_count, again.price_cents) == (changed.id, house["half"], 30, 0)


def test_a_date_sent_back_unchanged_saves_nothing(
    services: Services, volunteer: Actor, admin: Actor, house: dict[str, int]
) -> None:
    first = datetime(2026, 10, 6, 18)
    series_id = services.bookings.create_series(volunteer, series(house, first, "FREQ=WEEKLY;COUNT=4"))
    before = series_audit(services, admin, series_id)
    occurrence = services.bookings.occurrence(volunteer, series_id, first + timedelta(weeks=1))
    same = services.bookings.update_occurrence(
        volunteer, series_id, occurrence.start, occurrence_draft(occurrence, purpose=" Corso di italiano ")
    )
    assert same == occurrence and same.id is None
    assert series_audit(services, admin, series_id) == before


@pytest.mark.parametrize(
    ("refused", "field", "message"),
    [
        ("taken_room", "start", "already booked"),
        ("taken_linked_room", "start", "already booked"),
        ("own_next_date", "start", "already booked"),
        ("closed_day", "start", "closed on that day"),
        ("too_many_people", "people_count", "at most 30 people"),
        ("next_day", "end", "on the day it starts"),
        ("negative_price", "price_cents", "cannot be negative"),
        ("cancelled_status", "status", "Cancel booking"),
        ("nobody", "holder", "either a person or an association"),
    ],
)
def test_a_refused_change_of_one_date_saves_nothing_not_even_the_time(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    admin: Actor,
    house: dict[str, int],
    refused: str,
    field: str,
    message: str,
) -> None:
    first = datetime(2026, 10, 6, 18)
    series_id = services.bookings.create_series(volunteer, series(house, first, "FREQ=WEEKLY;COUNT=4"))
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["hall"],
            start=datetime(2026, 10, 14, 9),
            end=datetime(2026, 10, 14, 11),
            organisation_id=house["org"],
        ),
    )
    services.closures.add(coordinator, date(2026, 10, 16), reason="Sciopero")
    window = (datetime(2026, 10, 1), datetime(2026, 11, 1))
    shown_before = services.bookings.bookings_between(volunteer, *window, include_cancelled=True)
    audit_before = services.audit.count(admin)
    occurrence = services.bookings.occurrence(volunteer, series_id, first + timedelta(weeks=1))
    moved = {"start": datetime(2026, 10, 15, 17), "end": datetime(2026, 10, 15, 19)}  # a free Thursday
    changes: dict[str, dict[str, object]] = {
        "taken_room": {"start": datetime(2026, 10, 14, 10), "end": datetime(2026, 10, 14, 12)},
        "taken_linked_room": {
            "room_id": house["half"],
            "start": datetime(2026, 10, 14, 8),
            "end": datetime(2026, 10, 14, 10),
        },
        "own_next_date": {"start": first + timedelta(weeks=2, hours=1), "end": first + timedelta(weeks=2, hours=2)},
        "closed_day": {"start": datetime(2026, 10, 16, 18), "end": datetime(2026, 10, 16, 20)},
        "too_many_people": {**moved, "room_id": house["half"], "people_count": 31},
        "next_day": {"start": datetime(2026, 10, 15, 23), "end": datetime(2026, 10, 16, 1)},
        "negative_price": {**moved, "price_cents": -100},
        "cancelled_status": {**moved, "status": BookingStatus.CANCELLED},
        "nobody": {**moved, "organisation_id": None},
    }
    with pytest.raises(ValidationError, match=message) as raised:
        services.bookings.update_occurrence(
            volunteer,
            series_id,
            occurrence.start,
            occurrence_draft(occurrence, **changes[refused]),
        )
    assert raised.value.for_field(field)
    assert services.bookings.bookings_between(volunteer, *window, include_cancelled=True) == shown_before
    assert services.bookings.occurrence(volunteer, series_id, occurrence.start) == occurrence
    assert services.audit.count(admin) == audit_before


def test_a_cancelled_date_or_series_cannot_be_changed_one_date_at_a_time(
    services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    first = datetime(2026, 10, 6, 18)
    series_id = services.bookings.create_series(volunteer, series(house, first, "FREQ=WEEKLY;COUNT=4"))
    occurrence = services.bookings.occurrence(volunteer, series_id, first + timedelta(weeks=1))
    services.bookings.cancel_occurrence(volunteer, series_id, occurrence.start)
    with pytest.raises(ValidationError, match="was cancelled"):
        services.bookings.update_occurrence(
            volunteer, series_id, occurrence.start, occurrence_draft(occurrence, purpose="Di nuovo")
        )
    with pytest.raises(ValidationError, match="no occurrence at that time"):
        services.bookings.update_occurrence(
            volunteer, series_id, first + timedelta(hours=1), occurrence_draft(occurrence, purpose="Di nuovo")
        )
    services.bookings.cancel_series(volunteer, series_id)
    with pytest.raises(ValidationError, match="series was cancelled"):
        services.bookings.update_occurrence(
            volunteer, series_id, first + timedelta(weeks=2), occurrence_draft(occurrence, purpose="Di nuovo")
        )
    with pytest.raises(NotFound):
        services.bookings.update_occurrence(volunteer, 999, first, occurrence_draft(occurrence))
    assert starts(services, volunteer, first, first + timedelta(weeks=5)) == []
