"""Closures and the calendar: a series skips a closed day; a booking of its own stops a closure."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.closures import ProposedHoliday
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

# The fixed clock says Sunday 22 November 2026, 9:00.
FIRST = datetime(2026, 10, 6, 18)  # a Tuesday
CLOSED = date(2026, 10, 20)  # the third Tuesday


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    kitchen = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1000))
    association = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    return {"hall": hall.id, "kitchen": kitchen.id, "org": association.id}


def weekly(house: dict[str, int], **changes: object) -> SeriesDraft:
    values: dict[str, object] = {
        "room_id": house["hall"],
        "dtstart": FIRST,
        "duration_minutes": 120,
        "rrule": "FREQ=WEEKLY;COUNT=6",
        "organisation_id": house["org"],
        "purpose": "Corso di italiano",
    }
    values.update(changes)
    return SeriesDraft(**values)  # type: ignore[arg-type]


def one_off(house: dict[str, int], start: datetime, hours: int = 2, **changes: object) -> BookingDraft:
    values: dict[str, object] = {
        "room_id": house["hall"],
        "start": start,
        "end": start + timedelta(hours=hours),
        "organisation_id": house["org"],
        "purpose": "Assemblea",
    }
    values.update(changes)
    return BookingDraft(**values)  # type: ignore[arg-type]


def test_an_occurrence_on_a_closed_day_is_not_shown_owed_or_in_the_way(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, weekly(house))
    paid_before = services.bookings.series_paid_status(volunteer, series_id)
    assert paid_before.due_cents == 6 * 4000  # six Tuesdays before 22 November
    services.closures.add(coordinator, CLOSED, reason="Sciopero generale")

    shown = services.bookings.bookings_between(volunteer, datetime(2026, 10, 1), datetime(2026, 12, 1))
    assert [row.start.date() for row in shown] == [(FIRST + timedelta(weeks=w)).date() for w in (0, 1, 3, 4, 5)]
    assert services.bookings.series_paid_status(volunteer, series_id).due_cents == 5 * 4000
    owed = services.cash.balance(volunteer, organisation_id=house["org"])
    assert [(line.link_id, line.due_cents) for line in owed] == [(series_id, 5 * 4000)]
    assert "5 occurrences so far" in owed[0].description
    # Not a conflict for a series that would come after it, once the house opens again.
    services.closures.remove(coordinator, services.closures.closures(coordinator, CLOSED, CLOSED)[0].id)
    preview = services.bookings.preview_series(
        volunteer, weekly(house, room_id=house["hall"], dtstart=datetime(2026, 10, 20, 19), rrule="FREQ=DAILY;COUNT=1")
    )
    assert [conflict.occurrence_start for conflict in preview.conflicts] == [datetime(2026, 10, 20, 19)]
    services.closures.add(coordinator, CLOSED, reason="Sciopero generale")
    assert (
        services.bookings.conflicts(volunteer, house["hall"], datetime(2026, 10, 20, 18), datetime(2026, 10, 20, 20))
        == []
    )
    assert services.bookings.free_rooms(volunteer, datetime(2026, 10, 20, 18), datetime(2026, 10, 20, 20)) == []


def test_a_closure_over_one_off_bookings_is_refused_with_their_list(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    services.bookings.create_series(volunteer, weekly(house))  # occurrences do not stop a closure
    tentative = services.bookings.create_booking(
        volunteer, one_off(house, datetime(2026, 10, 21, 9), room_id=house["kitchen"], status=BookingStatus.TENTATIVE)
    )
    confirmed = services.bookings.create_booking(volunteer, one_off(house, datetime(2026, 10, 22, 17, 30)))
    cancelled = services.bookings.create_booking(volunteer, one_off(house, datetime(2026, 10, 23, 10)))
    assert cancelled.id is not None
    services.bookings.cancel_booking(volunteer, cancelled.id)
    late = services.bookings.create_booking(volunteer, one_off(house, datetime(2026, 10, 19, 22)))  # ends at midnight
    assert late.end == datetime(2026, 10, 20)

    found = services.closures.bookings_in(volunteer, date(2026, 10, 20), date(2026, 10, 23))
    assert [row.id for row in found] == [tentative.id, confirmed.id]
    with pytest.raises(ValidationError) as raised:
        services.closures.add(coordinator, date(2026, 10, 20), date(2026, 10, 23), "Disinfestazione")
    message = str(raised.value).replace("\u202f", " ")  # Babel puts a narrow space before AM/PM
    assert raised.value.for_field("first_day")
    assert "move or cancel them first" in message
    assert "Oct 21, 2026, 9:00 AM-11:00 AM, Cucina: Donne in cammino" in message
    assert "Oct 22, 2026, 5:30 PM-7:30 PM, Sala Grande: Donne in cammino" in message
    assert services.closures.closures(coordinator, date(2026, 1, 1), date(2026, 12, 31)) == []

    # A moved occurrence is a booking of its own, and stops a closure too.
    services.closures.add(coordinator, date(2026, 10, 20), reason="Sciopero")
    assert services.closures.bookings_in(volunteer, date(2026, 10, 13), date(2026, 10, 13)) == []
    with pytest.raises(PermissionDenied):
        services.closures.add(volunteer, date(2026, 10, 24), reason="Festa")


def test_a_moved_occurrence_stops_a_closure_of_its_new_day(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    series_id = services.bookings.create_series(volunteer, weekly(house))
    moved = services.bookings.move_occurrence(
        volunteer, series_id, FIRST + timedelta(weeks=1), datetime(2026, 10, 15, 18), datetime(2026, 10, 15, 20)
    )
    assert [row.id for row in services.closures.bookings_in(volunteer, date(2026, 10, 15), date(2026, 10, 15))] == [
        moved.id
    ]
    with pytest.raises(ValidationError, match="Sala Grande"):
        services.closures.add(coordinator, date(2026, 10, 15), reason="Festa")
    services.closures.add(coordinator, date(2026, 10, 13), reason="Festa")  # the day it left is free


def test_holidays_are_accepted_all_together_or_not_at_all(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    proposals = [
        ProposedHoliday(day=date(2026, 12, 8), name="Immacolata Concezione", already_closed=False),
        ProposedHoliday(day=date(2026, 12, 25), name="Natale", already_closed=False),
        ProposedHoliday(day=date(2026, 12, 26), name="Santo Stefano", already_closed=False),
    ]
    services.closures.add(coordinator, date(2026, 12, 8), reason="Immacolata")
    booked = services.bookings.create_booking(volunteer, one_off(house, datetime(2026, 12, 26, 16)))
    with pytest.raises(ValidationError, match="Dec 26, 2026"):
        services.closures.accept_holidays(coordinator, proposals)
    assert [c.first_day for c in services.closures.closures(coordinator, date(2026, 12, 1), date(2026, 12, 31))] == [
        date(2026, 12, 8)
    ]
    assert booked.id is not None
    services.bookings.cancel_booking(volunteer, booked.id)
    added = services.closures.accept_holidays(coordinator, proposals)
    assert [(c.first_day, c.reason) for c in added] == [
        (date(2026, 12, 25), "Natale"),
        (date(2026, 12, 26), "Santo Stefano"),
    ]


def test_a_long_list_of_bookings_is_cut_short(
    services: Services, volunteer: Actor, coordinator: Actor, house: dict[str, int]
) -> None:
    for hour in range(8, 20):
        services.bookings.create_booking(volunteer, one_off(house, datetime(2026, 12, 1, hour), hours=1))
    with pytest.raises(ValidationError) as raised:
        services.closures.add(coordinator, date(2026, 12, 1), reason="Lavori")
    lines = str(raised.value).splitlines()
    assert len(lines) == 1 + 10 + 1
    assert lines[-1] == "and 2 more bookings"
