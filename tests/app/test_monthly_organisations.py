"""The monthly summary's hours per organisation: each organisation beside its own figure a year before.

A month built by hand: in October 2025 ten groups booked 2 h each and "Ultima" 1 h (11th, out of
that month's top ten); in October 2026 Ultima booked 5 h, "Nuova" (new) 3 h and Gruppo 01 1 h.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.clock import FixedClock
from app.reports.monthly_summary import write_monthly_summary
from app.services import Services
from app.services.booking_types import BookingDraft, SeriesDraft
from app.services.opening_hours import OpeningSpan
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

HOUR = 60


@pytest.fixture
def house(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> None:
    end = clock.current
    clock.current = datetime(2025, 9, 15, 9)
    room = services.rooms.create(coordinator, RoomDraft(name="Sala Blu", capacity=30)).id

    def organisation(name: str) -> int:
        return services.organisations.create(volunteer, OrganisationDraft(name=name)).id

    def book(organisation_id: int, start: datetime, hours: int) -> None:
        clock.current = start.replace(hour=8)
        end = start.replace(hour=start.hour + hours)
        services.bookings.create_booking(volunteer, BookingDraft(room, start, end, organisation_id=organisation_id))

    groups = [organisation(f"Gruppo {number:02}") for number in range(1, 11)]
    last, new = organisation("Ultima"), organisation("Nuova")
    for day, group in enumerate(groups, 1):
        book(group, datetime(2025, 10, day, 9), 2)
    clock.current = datetime(2025, 10, 1, 8)  # Ultima's hour a year before is a series' occurrence
    services.bookings.create_series(
        volunteer, SeriesDraft(room, datetime(2025, 10, 13, 9), HOUR, "FREQ=WEEKLY;COUNT=1", organisation_id=last)
    )
    book(last, datetime(2026, 10, 1, 9), 5)
    book(new, datetime(2026, 10, 2, 9), 3)
    book(groups[0], datetime(2026, 10, 3, 9), 1)
    clock.current = end


@pytest.mark.usefixtures("house")
def test_each_organisation_is_beside_its_own_figure_a_year_before(services: Services, coordinator: Actor) -> None:
    figures = services.monthly_figures.figures(coordinator, 2026, 10)
    # Ultima was 11th in October 2025: not in that month's own top ten.
    top_then = services.monthly_figures.figures(coordinator, 2025, 10).current.rooms.organisations
    assert "Ultima" not in [row.name for row in top_then] and len(top_then) == 10

    now, before = figures.current.rooms, figures.year_before.rooms
    assert [(o.name, o.bookings, o.minutes) for o in now.organisations] == [
        ("Ultima", 1, 5 * HOUR),
        ("Nuova", 1, 3 * HOUR),
        ("Gruppo 01", 1, 1 * HOUR),
    ]
    assert [(o.name, o.bookings, o.minutes) for o in before.organisations] == [
        ("Ultima", 1, 1 * HOUR),
        ("Nuova", 0, 0),  # it booked nothing: 0, not missing
        ("Gruppo 01", 1, 2 * HOUR),
    ]
    assert now.other_organisations is None
    assert before.other_organisations is not None  # Gruppo 02 to 10, once each
    assert (before.other_organisations.bookings, before.other_organisations.minutes) == (9, 9 * 2 * HOUR)


@pytest.mark.usefixtures("house")
def test_the_summary_prints_each_organisations_own_hours_a_year_before(
    services: Services, coordinator: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "summary.pdf"
    write_monthly_summary(services, coordinator, 2026, 10, path, language="en")

    rooms = " ".join(unicodedata.normalize("NFKC", PdfReader(path).pages[1].extract_text()).split())
    assert "Hours booked per organisation" in rooms
    assert "Ultima 5 h 1 h +400%" in rooms
    assert "Nuova 3 h 0 h —" in rooms
    assert "Gruppo 01 1 h 2 h \u221250%" in rooms
    assert "Other organisations 0 h 18 h" in rooms
    assert "not among last year's" not in rooms


def _busy_house(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock, rooms: int) -> None:
    """``rooms`` rooms open on weekdays and twelve organisations, each booking one of them once."""
    end = clock.current
    clock.current = datetime(2026, 9, 1, 9)
    ids = [
        services.rooms.create(coordinator, RoomDraft(name=f"Sala {number:02}", capacity=10)).id
        for number in range(rooms)
    ]
    for room in ids:
        services.rooms.set_opening_hours(coordinator, room, [OpeningSpan(day, time(9), time(18)) for day in range(5)])
    for number in range(12):
        group = services.organisations.create(volunteer, OrganisationDraft(name=f"Gruppo {number:02}")).id
        start = datetime(2026, 10, 5 + number % 5, 9 + number // 5)
        draft = BookingDraft(ids[number % rooms], start, start.replace(minute=45), organisation_id=group)
        services.bookings.create_booking(volunteer, draft)
    clock.current = end


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_a_busy_rooms_page_sets_its_charts_side_by_side_to_keep_the_table(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    _busy_house(services, volunteer, coordinator, clock, rooms=8)
    path = tmp_path / "summary.pdf"
    write_monthly_summary(services, coordinator, 2026, 10, path, language="en")

    pages = _pages(path)
    assert len(pages) == 6  # the cover and an area a page: nothing spilled
    rooms = pages[1]
    assert "Hours booked per room" in rooms and "Occupancy against opening hours" in rooms
    assert "Hours booked per organisation" in rooms and "Gruppo 09" in rooms and "Other organisations" in rooms


def test_a_table_that_does_not_fit_moves_whole_and_the_next_area_follows_it(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    _busy_house(services, volunteer, coordinator, clock, rooms=30)
    path = tmp_path / "summary.pdf"
    write_monthly_summary(services, coordinator, 2026, 10, path, language="en")

    pages = _pages(path)
    assert len(pages) == 6
    rooms, rest = pages[1], pages[2]
    assert "Sala 29" in rooms and "Hours booked per organisation" not in rooms
    # The whole table under its heading, then the workshops below it rather than on a page of their own.
    table = rest.index("Hours booked per organisation")
    assert table < rest.index("Gruppo 00") < rest.index("Other organisations") < rest.index("Workshops and courses")
    assert "Drop-in services" in pages[3] and "Drop-in services" not in rest
