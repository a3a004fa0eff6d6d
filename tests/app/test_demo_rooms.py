"""The demo house's calendar: what the services would accept, reproducible, and counted right."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app import i18n
from app.clock import FixedClock
from app.db.schema import open_database
from app.demo import DEMO_TODAY, write_demo
from app.demo_rooms import SUMMER_CLOSURE, season_end
from app.demo_rooms_data import HALL_NAME, ROOMS
from app.services import Services
from app.services.booking_rules import computed_price, parse_exdates, parse_rule, series_last_end
from app.services.bookings import BookingRow, BookingStatus
from app.services.programme import ActivityKind
from app.services.roles import COMMAND_LINE

OPENING = DEMO_TODAY - timedelta(days=3652)
HORIZON = season_end(DEMO_TODAY)
CLOSURES_END = date(HORIZON.year, 12, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("demo_rooms") / "demo.sqlite3"
    i18n.set_language("en")  # before the autouse fixture, which is per test
    summary = write_demo(path, seed=5)
    return path, summary


@pytest.fixture(scope="module")
def services(demo: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    database = open_database(demo[0], backups_dir=tmp_path_factory.mktemp("backups"))
    yield Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, time(9, 0))))
    database.close()


@pytest.fixture(scope="module")
def weeks(services: Services) -> list[list[BookingRow]]:
    """Every booking and occurrence, cancelled ones included, week by week from the opening to the
    end of the closures written, as the week views ask for them."""
    found = []
    monday = OPENING - timedelta(days=OPENING.weekday())
    while monday <= CLOSURES_END:
        start = datetime.combine(monday, time())
        found.append(
            services.bookings.bookings_between(COMMAND_LINE, start, start + timedelta(days=7), include_cancelled=True)
        )
        monday += timedelta(days=7)
    return found


@pytest.fixture
def db(demo: tuple[Path, str]) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{demo[0]}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        yield connection
    connection.close()


def linked(services: Services) -> dict[int, set[int]]:
    rooms = services.rooms.rooms(COMMAND_LINE, include_inactive=True)
    result = {room.id: {room.id} for room in rooms}
    for room in rooms:
        if room.parent_id is not None:
            result[room.id].add(room.parent_id)
            result[room.parent_id].add(room.id)
    return result


def closed_days(services: Services) -> set[date]:
    days = set()
    for closure in services.closures.closures(COMMAND_LINE, OPENING, CLOSURES_END):
        day = closure.first_day
        while day <= closure.last_day:
            days.add(day)
            day += timedelta(days=1)
    return days


def test_the_rooms_are_a_casa_del_quartiere_with_a_hall_and_its_halves(services: Services) -> None:
    rooms = {room.name: room for room in services.rooms.rooms(COMMAND_LINE)}
    assert set(rooms) == {plan.name for plan in ROOMS if not plan.large_only}
    hall = rooms[HALL_NAME]
    halves = [room for room in rooms.values() if room.parent_id == hall.id]
    assert sorted(room.name for room in halves) == ["Sala Grande – lato cortile", "Sala Grande – lato strada"]
    assert hall.capacity == 100 and all(room.capacity == 50 for room in halves)
    assert len({room.colour for room in rooms.values()}) == len(rooms)
    for room in rooms.values():
        assert room.equipment and room.opening_hours, room.name
        assert 0 < room.member_rate_cents < room.hourly_rate_cents, room.name


def test_confirmed_bookings_never_overlap_in_the_same_or_a_linked_room(
    services: Services, weeks: list[list[BookingRow]]
) -> None:
    links = linked(services)
    checked = 0
    for rows in weeks:
        confirmed = sorted((row for row in rows if row.status is BookingStatus.CONFIRMED), key=lambda row: row.start)
        for index, row in enumerate(confirmed):
            for other in confirmed[index + 1 :]:
                if other.start >= row.end:
                    break
                assert other.room_id not in links[row.room_id], (row, other)
            checked += 1
    assert checked > 2000


def test_nothing_falls_on_a_closed_day(services: Services, weeks: list[list[BookingRow]]) -> None:
    closed = closed_days(services)
    assert {closure.reason for closure in services.closures.closures(COMMAND_LINE, OPENING, CLOSURES_END)} >= {
        "Natale",
        "San Giovanni Battista",
        SUMMER_CLOSURE,
    }
    every = [row for rows in weeks for row in rows]
    assert every
    assert not [row for row in every if row.start.date() in closed]


def test_the_series_are_stored_as_the_services_store_them(services: Services, db: sqlite3.Connection) -> None:
    moved = defaultdict(set)
    for series_id, start in db.execute("SELECT series_id, occurrence_start FROM bookings WHERE series_id IS NOT NULL"):
        moved[series_id].add(datetime.fromisoformat(start))
    rooms = {room.id: room for room in services.rooms.rooms(COMMAND_LINE)}
    members = {row[0]: bool(row[1]) for row in db.execute("SELECT id, member FROM organisations")}
    closed = closed_days(services)
    kinds = set()
    open_ended = 0
    for row in db.execute("SELECT * FROM booking_series"):
        dtstart = datetime.fromisoformat(row["dtstart"])
        rule = row["rrule"]
        last_end = series_last_end(rule, dtstart, row["duration_minutes"])
        assert row["last_end"] == (None if last_end is None else str(last_end) + ".000000"), rule
        open_ended += last_end is None
        kinds.add(";".join(part for part in rule.split(";") if part.startswith(("FREQ", "INTERVAL"))))
        exdates = parse_exdates(row["exdates"])
        occurrences = set(parse_rule(rule, dtstart).between(dtstart, datetime(CLOSURES_END.year + 1, 1, 1)))
        assert exdates <= occurrences | {dtstart}, rule  # exception dates are dates of the rule
        assert not moved[row["id"]] & exdates
        if row["status"] != "cancelled":  # no occurrence is left on a closed day, even one the desk would hide
            assert not {start.date() for start in occurrences - exdates - moved[row["id"]]} & closed, rule
        room = rooms[row["room_id"]]
        assert 1 <= row["people_count"] <= room.capacity
        assert row["created_at"] < row["dtstart"]
        if not row["price_overridden"]:
            assert row["price_cents"] == computed_price(
                hourly_rate_cents=room.hourly_rate_cents,
                member_rate_cents=room.member_rate_cents,
                minutes=row["duration_minutes"],
                member=members.get(row["organisation_id"], False),
            )
    assert open_ended >= 3
    assert kinds == {"FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY"}


def test_member_associations_book_at_the_member_rate(services: Services, db: sqlite3.Connection) -> None:
    rooms = {room.id: room for room in services.rooms.rooms(COMMAND_LINE)}
    members = {row[0] for row in db.execute("SELECT id FROM organisations WHERE member")}
    assert members
    for organisation_id in members:  # as the desk's editor shows them
        assert services.organisations.get(COMMAND_LINE, organisation_id).draft.member
    at_member_rate = 0
    for row in db.execute("SELECT * FROM bookings WHERE NOT price_overridden"):
        room = rooms[row["room_id"]]
        minutes = (datetime.fromisoformat(row["ends_at"]) - datetime.fromisoformat(row["starts_at"])).seconds // 60
        member = row["organisation_id"] in members
        price = computed_price(
            hourly_rate_cents=room.hourly_rate_cents,
            member_rate_cents=room.member_rate_cents,
            minutes=minutes,
            member=member,
        )
        assert row["price_cents"] == price, row["id"]
        if member:
            assert price < room.hourly_rate_cents * minutes // 60
            at_member_rate += 1
    assert at_member_rate > 20
    series = db.execute(
        f"SELECT count(*) FROM booking_series WHERE organisation_id IN ({','.join(map(str, members))}) "
        "AND NOT price_overridden"
    ).fetchone()[0]
    assert series > 5  # and ``test_the_series_are_stored_as_the_services_store_them`` checks their price


def test_the_holidays_closed_are_the_ones_the_desk_proposes(services: Services) -> None:
    i18n.set_language("it")  # as the desk accepted them
    closures = services.closures.closures(COMMAND_LINE, OPENING, CLOSURES_END)
    for year in (OPENING.year + 1, DEMO_TODAY.year, CLOSURES_END.year):
        proposals = services.closures.propose_holidays(COMMAND_LINE, year)
        assert len(proposals) >= 12 and all(proposal.already_closed for proposal in proposals)
        for proposal in proposals:
            reasons = {c.reason for c in closures if c.first_day <= proposal.day <= c.last_day}
            assert reasons in ({proposal.name}, {SUMMER_CLOSURE}), proposal


def test_the_one_off_bookings_are_varied_and_made_before_they_start(db: sqlite3.Connection) -> None:
    statuses = {row[0] for row in db.execute("SELECT DISTINCT status FROM bookings")}
    assert statuses == {"confirmed", "tentative", "cancelled"}
    holders = db.execute(
        "SELECT count(person_id), count(organisation_id), count(series_id) FROM bookings WHERE status = 'confirmed'"
    ).fetchone()
    assert all(holders), "people, associations and moved occurrences"
    for row in db.execute("SELECT * FROM bookings"):
        assert row["created_at"] <= row["updated_at"] <= "2026-11-22 09:00:00.000000", row["id"]
        assert row["created_at"] < row["starts_at"] < row["ends_at"], row["id"]
        assert row["starts_at"][:10] == row["ends_at"][:10]
    future = db.execute("SELECT count(*) FROM bookings WHERE starts_at > '2026-11-23'").fetchone()[0]
    assert future > 20


def test_the_week_of_today_is_busy_in_every_indoor_room(services: Services) -> None:
    monday = DEMO_TODAY - timedelta(days=DEMO_TODAY.weekday())
    rooms = services.rooms.rooms(COMMAND_LINE)
    used = set()
    for offset in range(7):
        start = datetime.combine(monday + timedelta(days=offset), time())
        rows = services.bookings.bookings_between(COMMAND_LINE, start, start + timedelta(days=1))
        assert len(rows) >= 5, start
        used |= {row.room_id for row in rows}
    assert used >= {room.id for room in rooms if room.name != "Cortile"}  # outdoors from April to October
    today = services.bookings.bookings_between(
        COMMAND_LINE, datetime.combine(DEMO_TODAY, time()), datetime.combine(DEMO_TODAY, time(23, 59))
    )
    assert {row.status for row in today} >= {BookingStatus.CONFIRMED}
    assert any(row.id is None for row in today) or len(today) >= 6


# A group's own meetings and rehearsals, school classes and private parties: never on the poster.
NOT_ON_THE_POSTER = (
    "Riunione dei volontari",
    "Riunione",
    "Riunione del direttivo",
    "Assemblea dei soci",
    "Prove dello spettacolo",
    "Laboratorio per le scuole",
    "Festa di compleanno",
    "Riunione di condominio",
)


def test_the_programme_poster_shows_what_is_open_to_the_neighbourhood(
    services: Services, db: sqlite3.Connection
) -> None:
    marks = ", ".join("?" * len(NOT_ON_THE_POSTER))
    for table in ("bookings", "booking_series"):
        query = f"SELECT DISTINCT purpose FROM {table} WHERE public AND purpose IN ({marks})"
        assert not [purpose for (purpose,) in db.execute(query, NOT_ON_THE_POSTER)], table
        assert not db.execute(f"SELECT count(*) FROM {table} WHERE public AND person_id IS NOT NULL").fetchone()[0]
    monday = DEMO_TODAY + timedelta(days=7 - DEMO_TODAY.weekday())
    next_week = services.programme.week(COMMAND_LINE, monday)
    events = [row.title for day in next_week.days for row in day.activities if row.kind is ActivityKind.EVENT]
    assert len(events) >= 5  # the week after today is busy on purpose
    assert not set(events) & set(NOT_ON_THE_POSTER)


def test_the_summary_counts_what_the_desk_finds(demo: tuple[Path, str], services: Services) -> None:
    # Occurrences are counted up to the end of the season, as the summary says.
    found = re.search(
        r"(\d+) rooms, ([\d,]+) bookings and ([\d,]+) dates of ([\d,]+) recurring bookings up to (.+)\.$", demo[1]
    )
    assert found, demo[1]
    rooms, bookings, occurrences, series = (int(found.group(n).replace(",", "")) for n in range(1, 5))
    assert found.group(5) == "Jun 30, 2027"
    rows = services.bookings.bookings_between(
        COMMAND_LINE,
        datetime.combine(OPENING, time()),
        datetime.combine(HORIZON + timedelta(days=1), time()),
        include_cancelled=True,
    )
    assert rooms == len(services.rooms.rooms(COMMAND_LINE, include_inactive=True))
    assert bookings == sum(1 for row in rows if row.id is not None)
    assert occurrences == sum(1 for row in rows if row.id is None and row.status is not BookingStatus.CANCELLED)
    with sqlite3.connect(demo[0]) as connection:
        assert series == connection.execute("SELECT count(*) FROM booking_series").fetchone()[0]
    connection.close()
    assert 200 <= bookings <= 900  # the workshops' sessions are bookings too
    assert 1000 <= occurrences <= 5000


def test_the_same_seed_gives_the_same_calendar_and_another_seed_another(tmp_path: Path) -> None:
    def calendar(path: Path) -> list[list[tuple[object, ...]]]:
        with sqlite3.connect(path) as connection:
            tables = ("rooms", "booking_series", "bookings")
            content = [connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in tables]
            content.append(
                connection.execute("SELECT first_day, last_day, reason FROM closures ORDER BY id").fetchall()
            )
        connection.close()
        return content

    write_demo(tmp_path / "a.sqlite3", seed=11)
    write_demo(tmp_path / "b.sqlite3", seed=11)
    write_demo(tmp_path / "c.sqlite3", seed=12)
    first = calendar(tmp_path / "a.sqlite3")
    assert first == calendar(tmp_path / "b.sqlite3")
    other = calendar(tmp_path / "c.sqlite3")
    assert (other[0], other[3]) == (first[0], first[3])  # the same rooms and closed days
    assert other[1] != first[1] and other[2] != first[2]
