"""The demo house's workshops and drop-in visits, read back through the services."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app import i18n
from app.clock import FixedClock
from app.db.schema import open_database
from app.demo import DEMO_TODAY, write_demo
from app.demo_names import ORIGINS
from app.services import Services
from app.services.bookings import BookingStatus
from app.services.enrolments import EnrolmentStatus
from app.services.roles import COMMAND_LINE
from app.services.visits import age_band_of
from app.services.workshop_sessions import SessionRow

OPENING = DEMO_TODAY - timedelta(days=3652)
TABLES = ("workshops", "workshop_sessions", "enrolments", "attendances", "visits")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo_workshops") / "demo.sqlite3"
    i18n.set_language("en")
    write_demo(path, seed=5)
    return path


@pytest.fixture(scope="module")
def services(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    database = open_database(demo, backups_dir=tmp_path_factory.mktemp("backups"))
    yield Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, time(9, 0))))
    database.close()


@pytest.fixture(scope="module")
def workshop_ids(services: Services) -> list[int]:
    return services.workshops.workshop_ids(COMMAND_LINE, include_inactive=True)


@pytest.fixture(scope="module")
def sessions(services: Services, workshop_ids: list[int]) -> list[SessionRow]:
    return [row for wid in workshop_ids for row in services.workshop_sessions.sessions(COMMAND_LINE, wid)]


@pytest.fixture
def db(demo: Path) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{demo}?mode=ro", uri=True) as connection:
        yield connection
    connection.close()


def closed_days(services: Services) -> set[date]:
    days = set()
    for closure in services.closures.closures(COMMAND_LINE, OPENING, DEMO_TODAY + timedelta(days=400)):
        day = closure.first_day
        while day <= closure.last_day:
            days.add(day)
            day += timedelta(days=1)
    return days


def test_a_realistic_few_workshops_of_the_house(services: Services, workshop_ids: list[int]) -> None:
    rows = services.workshops.rows(COMMAND_LINE, workshop_ids)
    assert 10 <= len(rows) <= 40
    titles = " ".join(row.title for row in rows)
    assert "Italiano per nuovi arrivati" in titles or "Laboratorio di sartoria" in titles
    assert any(row.organisation_name for row in rows) and any(not row.organisation_name for row in rows)
    assert any(row.active for row in rows) and any(not row.active for row in rows)  # this season and the last
    assert all(row.facilitator_name for row in rows)


def test_enrolled_never_above_capacity_and_the_waiting_list_in_queue_order(
    services: Services, workshop_ids: list[int]
) -> None:
    waiting_lists = 0
    withdrawn = 0
    for workshop in services.workshops.rows(COMMAND_LINE, workshop_ids):
        people = services.enrolments.enrolments(COMMAND_LINE, workshop.id, include_withdrawn=True)
        enrolled = [row for row in people if row.status is EnrolmentStatus.ENROLLED]
        waiting = [row for row in people if row.status is EnrolmentStatus.WAITING]
        withdrawn += sum(1 for row in people if row.status is EnrolmentStatus.WITHDRAWN)
        assert len(enrolled) == workshop.enrolled <= workshop.capacity
        assert len(waiting) == workshop.waiting
        assert len({row.person_id for row in people}) == len(people)
        if waiting:
            waiting_lists += 1
            assert len(enrolled) == workshop.capacity  # nobody waits while a place is free
            assert [row.position for row in waiting] == list(range(1, len(waiting) + 1))
            # Those waiting asked after everyone who got a place, in the order they asked.
            assert min(row.requested_at for row in waiting) >= max(row.requested_at for row in enrolled)
            asked = [row.requested_at for row in waiting]
            assert asked == sorted(asked)
        for row in enrolled:
            assert row.enrolled_at is not None and row.requested_at <= row.enrolled_at <= services.clock.now()
    assert waiting_lists >= 2 and withdrawn >= 2


def test_attendance_only_of_people_enrolled_then_or_walk_ins(
    services: Services, sessions: list[SessionRow], db: sqlite3.Connection
) -> None:
    enrolments = {
        (workshop_id, person_id): (enrolled_at, withdrawn_at)
        for workshop_id, person_id, enrolled_at, withdrawn_at in db.execute(
            "SELECT workshop_id, person_id, enrolled_at, withdrawn_at FROM enrolments"
        )
    }
    present = expected = walk_ins = 0
    today = datetime.combine(DEMO_TODAY, time())
    for row in sessions:
        register = services.attendance.register(COMMAND_LINE, row.id)
        if row.cancelled or row.start >= today:
            assert register.present_count == 0, row
            continue
        for line in register.lines:
            found = enrolments.get((row.workshop_id, line.person_id))
            if found is None:
                assert line.present and not line.enrolled
                walk_ins += 1
                continue
            enrolled_at, withdrawn_at = (None if value is None else datetime.fromisoformat(value) for value in found)
            enrolled_then = (
                enrolled_at is not None
                and enrolled_at <= row.start
                and (withdrawn_at is None or withdrawn_at > row.start)
            )
            if line.present:
                assert enrolled_then, (row, line)  # never someone waiting, or not yet or no longer enrolled
                present += 1
            expected += enrolled_then
    assert walk_ins >= 1
    assert 0.7 <= present / expected <= 0.85, present / expected


def test_sessions_bookings_never_overlap_other_confirmed_bookings_nor_fall_on_closed_days(
    services: Services, sessions: list[SessionRow]
) -> None:
    rooms = services.rooms.rooms(COMMAND_LINE, include_inactive=True)
    links = {room.id: {room.id} for room in rooms}
    for room in rooms:
        if room.parent_id is not None:
            links[room.id].add(room.parent_id)
            links[room.parent_id].add(room.id)
    closed = closed_days(services)
    confirmed = [row for row in sessions if not row.cancelled]
    assert len(confirmed) >= 100 and len(confirmed) < len(sessions) + 1
    for row in confirmed:
        assert row.start.date() not in closed, row
        day = datetime.combine(row.start.date(), time())
        for other in services.bookings.bookings_between(COMMAND_LINE, day, day + timedelta(days=1)):
            if other.status is not BookingStatus.CONFIRMED or other.room_id not in links[row.room_id]:
                continue
            if other.id == row.booking_id:
                continue
            assert other.end <= row.start or other.start >= row.end, (row, other)


def test_sessions_booked_as_the_sessions_service_books_them(services: Services, sessions: list[SessionRow]) -> None:
    for row in sessions[:40]:
        workshop = services.workshops.get(COMMAND_LINE, row.workshop_id)
        booking = services.bookings.get(COMMAND_LINE, row.booking_id)
        assert booking.purpose == workshop.draft.title and booking.price_cents == 0
        assert booking.people_count == workshop.draft.capacity
        if workshop.draft.organisation_id is not None:
            assert booking.organisation_id == workshop.draft.organisation_id and booking.person_id is None
        else:
            assert booking.person_id == workshop.draft.facilitator_id


def test_visits_every_open_day_with_their_statistics(services: Services, db: sqlite3.Connection) -> None:
    closed = closed_days(services)
    services_ids = {code: service_id for service_id, code in db.execute("SELECT id, code FROM dropin_services")}
    days = {date.fromisoformat(day) for (day,) in db.execute("SELECT DISTINCT substr(at, 1, 10) FROM visits")}
    assert not days & closed and all(day.weekday() != 6 for day in days)
    day = DEMO_TODAY - timedelta(days=300)
    while day < DEMO_TODAY:
        if day not in closed and day.weekday() != 6:
            assert day in days, day
            counts = {row.service_id: row.count for row in services.visits.counts(COMMAND_LINE, day)}
            assert counts[services_ids["showers"]] > 0 and counts[services_ids["job_desk"]] > 0
        day += timedelta(days=1)
    anonymous, by_person = db.execute(
        "SELECT sum(person_id IS NULL), sum(person_id IS NOT NULL) FROM visits"
    ).fetchone()
    assert anonymous > by_person > 0
    firsts = db.execute(
        "SELECT count(*) FROM visits v WHERE person_id IS NOT NULL AND first_visit = 1 AND EXISTS "
        "(SELECT 1 FROM visits w WHERE w.person_id = v.person_id AND w.service_id = v.service_id AND w.at < v.at)"
    ).fetchone()[0]
    assert firsts == 0  # "first visit" as the visits service fills it
    assert db.execute("SELECT count(*) FROM visits WHERE age_band IS NOT NULL AND gender IS NOT NULL").fetchone()[0]


def test_visits_over_the_whole_span_so_a_month_compares_with_the_year_before(
    services: Services, db: sqlite3.Connection
) -> None:
    """The monthly summary compares a month with the same month a year before: the small house
    has visits on every open day since it opened, at about the same pace a year apart."""
    closed = closed_days(services)
    per_day = {
        (date.fromisoformat(day), code)
        for day, code in db.execute(
            "SELECT DISTINCT substr(v.at, 1, 10), s.code FROM visits v JOIN dropin_services s ON s.id = v.service_id"
        )
    }
    day = OPENING
    while day < DEMO_TODAY:
        if day not in closed and day.weekday() != 6:
            assert {(day, "showers"), (day, "job_desk")} <= per_day, day
        day += timedelta(days=1)
    october = "SELECT count(*) FROM visits WHERE at >= ? AND at < ?"
    this_year = db.execute(october, ("2026-10-01", "2026-11-01")).fetchone()[0]
    a_year_before = db.execute(october, ("2025-10-01", "2025-11-01")).fetchone()[0]
    assert 200 <= this_year <= 500  # the small house's pace: about 14 a day
    assert 0.8 * this_year <= a_year_before <= this_year


def test_a_persons_visits_record_their_age_band_and_the_gender_of_their_name(db: sqlite3.Connection) -> None:
    """As ``VisitService.record`` fills them: the age band on the day from the birth date or year,
    and the gender the desk is told, the one the person's given name is for (never drawn anew)."""
    female = {name for origin in ORIGINS for name in origin.female} | {
        name for origin in ORIGINS if origin.native for name, _latin in origin.native.female
    }
    male = {name for origin in ORIGINS for name in origin.male} | {
        name for origin in ORIGINS if origin.native for name, _latin in origin.native.male
    }
    rows = db.execute(
        "SELECT v.at, v.age_band, v.gender, p.given_name, p.birth_date, p.birth_year "
        "FROM visits v JOIN people p ON p.id = v.person_id"
    ).fetchall()
    assert len(rows) > 500
    for at, band, gender, given_name, birth_date, birth_year in rows:
        expected = age_band_of(
            date.fromisoformat(birth_date) if birth_date else None, birth_year, date.fromisoformat(at[:10])
        )
        assert band == (expected.value if expected else None), (at, given_name)
        assert gender == ("female" if given_name in female else "male"), (at, given_name)
        assert given_name in female ^ male, given_name
    assert {row[2] for row in rows} == {"female", "male"}


def test_the_same_seed_writes_the_same_rows(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite3"
    write_demo(again, seed=5)
    other = tmp_path / "other.sqlite3"
    write_demo(other, seed=6)
    with (
        sqlite3.connect(f"file:{demo}?mode=ro", uri=True) as first,
        sqlite3.connect(again) as second,
        sqlite3.connect(other) as third,
    ):
        for table in (*TABLES, "bookings"):
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            rows = first.execute(query).fetchall()
            assert rows == second.execute(query).fetchall(), table
            assert rows != third.execute(query).fetchall(), table
    for connection in (first, second, third):
        connection.close()
