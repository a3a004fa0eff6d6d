"""The demo house's workshop fees at the cash desk, and its seasons, read back through the services."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import DateTime
from sqlalchemy.dialects import sqlite

from app import i18n
from app.clock import FixedClock
from app.db.schema import open_database
from app.demo import DEMO_TODAY, write_demo
from app.demo_cash import stored
from app.demo_fees import COURSE_FEE_DESCRIPTION
from app.demo_workshops import SUMMER_COURSES
from app.services import Services
from app.services.enrolments import EnrolmentRow, EnrolmentStatus
from app.services.roles import COMMAND_LINE

NOW = datetime.combine(DEMO_TODAY, time(9, 0))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo_fees") / "demo.sqlite3"
    write_demo(path)
    return path


@pytest.fixture(scope="module")
def services(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    database = open_database(demo, backups_dir=tmp_path_factory.mktemp("backups"))
    yield Services.build(database=database, clock=FixedClock(NOW))
    database.close()


@pytest.fixture(scope="module")
def enrolments(services: Services) -> list[tuple[bool, EnrolmentRow]]:
    """(the workshop is this season's, the enrolment) of every workshop."""
    ids = services.workshops.workshop_ids(COMMAND_LINE, include_inactive=True)
    return [
        (workshop.active, row)
        for workshop in services.workshops.rows(COMMAND_LINE, ids)
        for row in services.enrolments.enrolments(COMMAND_LINE, workshop.id, include_withdrawn=True)
    ]


@pytest.fixture
def db(demo: Path) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{demo}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        yield connection
    connection.close()


def test_past_seasons_fees_are_paid_and_this_seasons_partly_owed(enrolments: list[tuple[bool, EnrolmentRow]]) -> None:
    past = [row for current, row in enrolments if not current and row.due_cents > 0]
    this = [row for current, row in enrolments if current and row.due_cents > 0]
    assert len(past) > 40 and len(this) > 20
    assert all(row.paid_cents == row.due_cents for row in past)  # paid to the cent, at the desk
    assert all(0 <= row.paid_cents <= row.due_cents for row in this)  # nobody paid more than owed
    paid = sum(row.paid_cents == row.due_cents for row in this)
    owed = sum(row.paid_cents < row.due_cents for row in this)
    assert paid >= 5 and owed >= 5, (paid, owed)
    waiting = [row for _current, row in enrolments if row.status is EnrolmentStatus.WAITING]
    assert waiting and all(row.fee_cents == 0 and row.due_cents == 0 for row in waiting)
    free = [row for _current, row in enrolments if row.fee_cents == 0]
    assert free and all(row.paid_cents == 0 for row in free)


def test_members_pay_the_reduced_fee_with_a_card_of_that_year(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT e.id, e.fee_cents, e.member_fee, w.fee_cents AS full_fee, w.member_fee_cents, "
        "EXISTS (SELECT 1 FROM memberships m JOIN payments p ON p.id = m.payment_id "
        "JOIN receipts r ON r.payment_id = p.id WHERE m.person_id = e.person_id AND r.cancelled_at IS NULL "
        "AND m.year = CAST(substr(e.enrolled_at, 1, 4) AS INTEGER) AND p.at <= e.enrolled_at) AS card "
        "FROM enrolments e JOIN workshops w ON w.id = e.workshop_id "
        "WHERE e.enrolled_at IS NOT NULL AND w.fee_cents > 0"
    ).fetchall()
    members = [row for row in rows if row["member_fee"]]
    assert len(members) >= 5 and len(members) < len(rows) / 2
    for row in rows:
        reduced = row["member_fee_cents"] is not None and row["member_fee_cents"] < row["full_fee"]
        if row["card"] and reduced:
            assert (row["fee_cents"], row["member_fee"]) == (row["member_fee_cents"], 1), row["id"]
        else:
            assert (row["fee_cents"], row["member_fee"]) == (row["full_fee"], 0), row["id"]
    # Now and then the card is bought at the desk just before asking for a place.
    bought_then = db.execute(
        "SELECT count(*) FROM enrolments e JOIN memberships m ON m.person_id = e.person_id "
        "JOIN payments p ON p.id = m.payment_id WHERE e.member_fee = 1 "
        "AND p.at BETWEEN datetime(e.requested_at, '-3 minutes') AND e.requested_at"
    ).fetchone()[0]
    assert bought_then >= 1


def test_the_fees_are_paid_with_receipts_linked_to_the_enrolments(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT p.id, p.at, p.amount_cents, p.payer_person_id, p.payer_organisation_id, p.description, c.code, "
        "r.id AS receipt, e.person_id, e.fee_cents, w.title, w.fee_kind, e.enrolled_at FROM payments p "
        "JOIN payment_categories c ON c.id = p.category_id LEFT JOIN receipts r ON r.payment_id = p.id "
        "JOIN enrolments e ON e.id = p.link_id JOIN workshops w ON w.id = e.workshop_id "
        "WHERE p.link_kind = 'enrolment'"
    ).fetchall()
    assert len(rows) > 100
    for row in rows:
        assert row["code"] == "workshop_fee" and row["receipt"] is not None, row["id"]
        assert (row["payer_person_id"], row["payer_organisation_id"]) == (row["person_id"], None), row["id"]
        assert row["amount_cents"] % row["fee_cents"] == 0 and row["title"] in row["description"], row["id"]
        assert row["at"] < DEMO_TODAY.isoformat() and row["at"] >= row["enrolled_at"], row["id"]
        if row["fee_kind"] == "course":
            assert row["amount_cents"] == row["fee_cents"], row["id"]
            assert row["description"] == COURSE_FEE_DESCRIPTION.format(workshop=row["title"])
    assert {row["fee_kind"] for row in rows} == {"course", "session"}
    # The workshop fees drawn before the workshops came gave way to these.
    unlinked = db.execute(
        "SELECT count(*) FROM payments p JOIN payment_categories c ON c.id = p.category_id "
        "WHERE c.code = 'workshop_fee' AND p.link_kind IS NULL"
    ).fetchone()[0]
    assert unlinked == 0
    # Numbered with all the other receipts, one gapless numbering a year.
    for year, count, first, last in db.execute(
        "SELECT year, count(*), min(number), max(number) FROM receipts GROUP BY year"
    ).fetchall():
        assert (first, last) == (1, count), year


def test_the_desk_asks_for_this_seasons_fees_still_owed(
    services: Services, enrolments: list[tuple[bool, EnrolmentRow]]
) -> None:
    owing = {row.person_id for current, row in enrolments if current and row.paid_cents < row.due_cents}
    assert owing
    for person_id in sorted(owing)[:10]:
        lines = services.cash.balance(COMMAND_LINE, person_id=person_id)
        assert any(line.link_kind == "enrolment" and line.remaining_cents > 0 for line in lines), person_id


def test_seasons_start_in_september_and_summer_courses_run_on_weekdays(db: sqlite3.Connection) -> None:
    sessions: dict[str, list[datetime]] = {}
    for title, start in db.execute(
        "SELECT w.title, b.starts_at FROM workshop_sessions s JOIN workshops w ON w.id = s.workshop_id "
        "JOIN bookings b ON b.id = s.booking_id ORDER BY b.starts_at"
    ):
        sessions.setdefault(title, []).append(datetime.fromisoformat(start))
    summer_titles = tuple(course.title for course in SUMMER_COURSES)
    summer = {title: starts for title, starts in sessions.items() if title.startswith(summer_titles)}
    assert summer
    for title, starts in summer.items():
        days = [start.date() for start in starts]
        assert all(day.weekday() < 5 for day in days), title
        assert all((6, 15) <= (day.month, day.day) <= (9, 30) for day in days), title
        assert days[-1] - days[0] <= timedelta(days=13), title  # two weeks, each weekday
    seasons = {title: starts for title, starts in sessions.items() if title not in summer}
    firsts = [starts[0].date() for starts in seasons.values()]
    assert all(not date(day.year, 6, 30) < day < date(day.year, 9, 15) for day in firsts)
    assert any(day.month == 9 for day in firsts)  # the season starts in September


def test_stored_is_how_sqlalchemy_stores_a_datetime() -> None:
    process = DateTime().dialect_impl(sqlite.dialect()).bind_processor(sqlite.dialect())
    assert process is not None
    for moment in (datetime(2026, 11, 22, 9, 0), datetime(2017, 1, 5, 18, 30, 7), datetime(2020, 2, 29, 0, 0, 0, 120)):
        assert stored(moment) == process(moment)


def test_the_demo_writes_course_fees_as_the_italian_desk_does() -> None:
    i18n.set_language("it")
    try:
        assert i18n._("{workshop}: course fee") == COURSE_FEE_DESCRIPTION
    finally:
        i18n.set_language("en")
