"""The overlap queries search an index with both bounds on ``starts_at``.

The SQL is the one the services really issue: a listener on the engine records it while the day
view and the conflict checks run, then SQLite's EXPLAIN QUERY PLAN is asked about each statement
that reads bookings by time. The table holds a few years of bookings and has statistics
(ANALYZE), so the planner chooses as it would on a real file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from app.db.engine import Database
from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

BOTH_BOUNDS = "starts_at>? AND starts_at<?"
DAY = datetime(2026, 12, 1)


@pytest.fixture
def house(services: Services, database: Database, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100))
    half = services.rooms.create(coordinator, RoomDraft(name="Salone A", capacity=50, parent_id=hall.id))
    kitchen = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    org = services.organisations.create(volunteer, OrganisationDraft(name="Coro di Barriera"))
    rows = [
        {
            "room": (hall.id, half.id, kitchen.id)[number % 3],
            "start": datetime(2025, 1, 1, 9) + timedelta(days=number // 3, hours=number % 3 * 3),
            "org": org.id,
        }
        for number in range(3000)  # about three years, three bookings a day
    ]
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO bookings (room_id, starts_at, ends_at, organisation_id, purpose, people_count, status, "
                "price_cents, price_overridden, notes, created_at, updated_at) VALUES (:room, :start, "
                "datetime(:start, '+2 hours'), :org, '', 1, 'confirmed', 0, 0, '', :start, :start)"
            ),
            [{**row, "start": row["start"].isoformat(sep=" ")} for row in rows],
        )
        connection.execute(text("ANALYZE"))
    return {"hall": hall.id, "half": half.id, "kitchen": kitchen.id, "org": org.id}


@contextmanager
def recorded(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and their parameters) the engine runs inside the block."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", record)


def booking_range_plans(database: Database, statements: list[tuple[str, Any]]) -> list[str]:
    """The query plan of every recorded statement that reads bookings by their start."""
    plans = []
    with database.engine.connect() as connection:
        for statement, parameters in statements:
            if "FROM bookings" in statement and "bookings.starts_at <" in statement:
                rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
                plans.append(" | ".join(str(row[-1]) for row in rows))
    return plans


def test_the_day_view_of_all_rooms_searches_starts_at_between_two_bounds(
    services: Services, database: Database, volunteer: Actor, house: dict[str, int]
) -> None:
    with recorded(database) as statements:
        found = services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=1))
    assert len(found) == 3
    (plan,) = booking_range_plans(database, statements)
    assert plan.startswith("SEARCH bookings USING INDEX ix_bookings_starts_at")
    assert BOTH_BOUNDS in plan


def test_one_room_and_the_conflict_checks_search_room_and_starts_at_between_two_bounds(
    services: Services, database: Database, volunteer: Actor, house: dict[str, int]
) -> None:
    with recorded(database) as statements:
        services.bookings.bookings_between(volunteer, DAY, DAY + timedelta(days=7), [house["kitchen"]])
        services.bookings.conflicts(volunteer, house["half"], DAY + timedelta(hours=9), DAY + timedelta(hours=10))
        with pytest.raises(ValidationError, match="already booked"):
            services.bookings.create_booking(
                volunteer,
                BookingDraft(
                    room_id=house["hall"],
                    start=DAY + timedelta(hours=10),
                    end=DAY + timedelta(hours=11),
                    organisation_id=house["org"],
                ),
            )
        services.bookings.free_rooms(volunteer, DAY + timedelta(hours=20), DAY + timedelta(hours=22))
    plans = booking_range_plans(database, statements)
    assert len(plans) == 4
    for plan in plans:
        assert plan.startswith("SEARCH bookings USING INDEX"), plan
        assert BOTH_BOUNDS in plan, plan
    assert sum("room_id" in plan for plan in plans) == 3  # one room, or a room and its linked ones
