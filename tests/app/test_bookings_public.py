"""``public`` marks a booking or a series for the weekly programme; it travels with every change."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from app.services import Services
from app.services.bookings import BookingDraft, SeriesDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

DAY = datetime(2026, 12, 1, 18, 0)  # a Tuesday


def _setup(services: Services, coordinator: Actor, volunteer: Actor) -> tuple[int, int]:
    room = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100)).id
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    return room, person


def test_a_public_booking_stays_public_until_it_is_changed(
    services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    room, person = _setup(services, coordinator, volunteer)
    draft = BookingDraft(room_id=room, start=DAY, end=DAY + timedelta(hours=2), person_id=person, purpose="Cineforum")
    private = services.bookings.create_booking(volunteer, draft)
    public = services.bookings.create_booking(
        volunteer, replace(draft, start=DAY + timedelta(days=1), end=DAY + timedelta(days=1, hours=2), public=True)
    )
    assert (private.public, public.public) == (False, True)
    rows = services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=2))
    assert [row.public for row in rows] == [False, True]
    assert public.id is not None
    changed = services.bookings.update_booking(
        volunteer, public.id, replace(draft, start=public.start, end=public.end, public=False)
    )
    assert not changed.public


def test_a_public_series_makes_public_occurrences_and_one_date_can_leave_the_programme(
    services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    room, person = _setup(services, coordinator, volunteer)
    series_id = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=room,
            dtstart=DAY,
            duration_minutes=120,
            rrule="FREQ=WEEKLY;COUNT=3",
            person_id=person,
            purpose="Yoga per tutti",
            public=True,
        ),
    )
    assert services.bookings.series(volunteer, series_id).public
    rows = services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=21))
    assert [row.public for row in rows] == [True, True, True]
    second = rows[1]
    assert second.occurrence_start is not None
    services.bookings.update_occurrence(
        volunteer,
        series_id,
        second.occurrence_start,
        BookingDraft(
            room_id=room, start=second.start, end=second.end, person_id=person, purpose="Yoga per tutti", public=False
        ),
    )
    rows = services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=21))
    assert [row.public for row in rows] == [True, False, True]
    series = services.bookings.series(volunteer, series_id)
    services.bookings.update_series(
        volunteer,
        series_id,
        SeriesDraft(
            room_id=room,
            dtstart=series.dtstart,
            duration_minutes=120,
            rrule=series.rrule,
            person_id=person,
            purpose="Yoga per tutti",
            exdates=series.exdates,
            public=False,
        ),
    )
    assert not services.bookings.series(volunteer, series_id).public


def test_the_calendar_file_round_trip_keeps_working_and_imports_as_not_public(
    services: Services, coordinator: Actor, volunteer: Actor, tmp_path: Path
) -> None:
    room, person = _setup(services, coordinator, volunteer)
    other = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12)).id
    draft = BookingDraft(room_id=room, start=DAY, end=DAY + timedelta(hours=2), person_id=person, public=True)
    services.bookings.create_booking(volunteer, draft)
    path = tmp_path / "programme.ics"
    assert services.calendars.export_ics(coordinator, path, start=DAY.date(), end=DAY.date()) == 1
    services.calendars.import_ics(coordinator, path, room_id=other, person_id=person)
    imported = services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=1), [other])
    assert [row.public for row in imported] == [False]
