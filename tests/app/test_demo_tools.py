"""The demo house's tool library: a catalogue, ten years of loans, and today's desk as the services see it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest

from app.cli import main
from app.clock import FixedClock
from app.db.schema import open_database
from app.demo import DEMO_TODAY, DEMO_USERS, write_demo
from app.demo_tools import DEPOSIT_DESCRIPTION
from app.services import Services
from app.services.lending_desk import Resolved, card_code
from app.services.roles import Actor
from app.services.tool_rules import DepositOutcome, ToolStatus

TOOL_TABLES = ("tools", "loans", "tool_events", "tool_reservations")


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tools") / "demo.sqlite3"
    write_demo(path)
    return path


@pytest.fixture
def db(small_demo: Path) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{small_demo}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        yield connection
    connection.close()


@pytest.fixture
def desk(small_demo: Path, tmp_path: Path) -> Iterator[tuple[Services, Actor]]:
    """The services on a copy of the small demo at its "today", signed in as a volunteer."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(small_demo, copy)
    database = open_database(copy, backups_dir=tmp_path)
    services = Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, time(9, 30))))
    volunteer = DEMO_USERS[2]
    user = next(row for row in services.accounts.users_for_login() if row.name == volunteer.name)
    yield services, services.accounts.login(user.id, volunteer.pin)
    database.close()


def test_the_catalogue_has_forty_or_so_tools_in_every_state(db: sqlite3.Connection) -> None:
    tools = db.execute("SELECT * FROM tools").fetchall()
    assert 38 <= len(tools) <= 48
    statuses = [row["status"] for row in tools]
    assert statuses.count("in_repair") == 1 and statuses.count("lost") == 1 and statuses.count("retired") == 1
    assert statuses.count("on_loan") >= 5
    retired = next(row for row in tools if row["status"] == "retired")
    assert retired["status_reason"].strip()
    assert len({row["category"] for row in tools}) >= 8
    assert {row["deposit_cents"] for row in tools} >= {0, 5000}
    assert all(0 <= row["deposit_cents"] <= 5000 and 3 <= row["loan_days"] <= 14 for row in tools)
    assert sum(1 for row in tools if row["components"]) >= 20
    names = {row["name"] for row in tools}
    assert {"Proiettore", "Gazebo 3x3 m", "Idropulitrice", "Macchina da cucire"} <= names


def test_loans_over_the_years_and_every_open_one_matches_its_tool(db: sqlite3.Connection) -> None:
    (count, first, last) = db.execute("SELECT count(*), min(out_at), max(out_at) FROM loans").fetchone()
    assert 300 <= count <= 550
    assert first < "2018" and last < DEMO_TODAY.isoformat()
    on_loan = {row[0] for row in db.execute("SELECT id FROM tools WHERE status = 'on_loan'")}
    open_tools = [row[0] for row in db.execute("SELECT tool_id FROM loans WHERE returned_at IS NULL")]
    assert sorted(open_tools) == sorted(on_loan)  # one open loan each, and only those tools are out
    assert db.execute("SELECT count(*) FROM loans WHERE returned_at < out_at").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM tool_events WHERE at >= ?", (DEMO_TODAY.isoformat(),)).fetchone()[0] == 0


def test_each_tools_history_alternates_lent_and_returned_and_ends_in_its_status(db: sqlite3.Connection) -> None:
    events: dict[int, list[sqlite3.Row]] = {}
    for row in db.execute("SELECT * FROM tool_events ORDER BY id"):
        events.setdefault(row["tool_id"], []).append(row)
    ids = [row[0] for row in db.execute("SELECT id FROM tool_events ORDER BY at, id")]
    assert ids == sorted(ids)  # written in time order, as the desk writes them
    for tool in db.execute("SELECT * FROM tools"):
        history = events[tool["id"]]
        assert history[0]["kind"] == "added"
        out = None
        for event in history:
            if event["kind"] == "lent":
                assert out is None, f"{tool['code']} lent while out"
                out = event["loan_id"]
            elif event["kind"] == "returned":
                assert event["loan_id"] == out
                out = None
            elif event["kind"] == "extended":
                assert event["loan_id"] == out
        changing = [event for event in history if event["kind"] not in ("added", "reserved")]
        assert (changing[-1]["status"] if changing else "available") == tool["status"], tool["code"]
    lent = db.execute("SELECT count(*) FROM tool_events WHERE kind = 'lent'").fetchone()[0]
    returned = db.execute("SELECT count(*) FROM tool_events WHERE kind = 'returned'").fetchone()[0]
    loans, closed = db.execute("SELECT count(*), count(returned_at) FROM loans").fetchone()
    assert (lent, returned) == (loans, closed)


def test_today_some_are_overdue_with_phones_some_due_and_some_reserved(desk: tuple[Services, Actor]) -> None:
    services, actor = desk
    overdue = services.loans.overdue(actor)
    assert 2 <= len(overdue) <= 3
    assert all(row.phone and row.days_late >= 1 for row in overdue)
    assert 1 <= len(services.loans.due_today(actor)) <= 2
    upcoming = services.tool_reservations.upcoming(actor)
    assert 1 <= len(upcoming) <= 2 and all(row.from_day > DEMO_TODAY for row in upcoming)


def test_the_deposits_balance_held_for_the_tools_out_plus_the_ones_kept(
    desk: tuple[Services, Actor], db: sqlite3.Connection
) -> None:
    services, actor = desk
    held = services.tool_deposits.held_now(actor)
    kept_loans = [row[0] for row in db.execute("SELECT id FROM loans WHERE deposit_kept_reason IS NOT NULL")]
    kept = sum(services.tool_deposits.held_by_loan(actor, loan_id) for loan_id in kept_loans)
    assert kept_loans and kept > 0  # the lost tool's deposit at least
    assert held.total_cents > 0
    assert services.tool_deposits.balance(actor) == held.total_cents + kept
    for row in db.execute("SELECT l.id, t.deposit_cents FROM loans l JOIN tools t ON t.id = l.tool_id"):
        if row["id"] not in kept_loans:
            still = services.tool_deposits.held_by_loan(actor, row["id"])
            is_open = any(loan.id == row["id"] for loan in services.loans.current(actor))
            assert still == (row["deposit_cents"] if is_open else 0)
    # Only the tool library's deposits are left: none drawn at random without a loan.
    unlinked = db.execute(
        "SELECT count(*) FROM payments p JOIN payment_categories c ON c.id = p.category_id "
        "WHERE c.code IN ('deposit', 'deposit_returned') AND p.link_kind IS NULL"
    ).fetchone()[0]
    assert unlinked == 0


def test_the_deposit_receipts_are_numbered_with_the_others_gapless_and_in_time_order(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT year, number, issued_at FROM receipts ORDER BY year, number").fetchall()
    by_year: dict[int, list[sqlite3.Row]] = {}
    for row in rows:
        by_year.setdefault(row["year"], []).append(row)
    for year_rows in by_year.values():
        assert [row["number"] for row in year_rows] == list(range(1, len(year_rows) + 1))
        moments = [row["issued_at"] for row in year_rows]
        assert moments == sorted(moments)
    deposit = db.execute(
        "SELECT p.description, p.at, l.out_at, r.id FROM payments p JOIN loans l ON l.id = p.link_id "
        "LEFT JOIN receipts r ON r.payment_id = p.id WHERE p.link_kind = 'loan' AND p.direction = 'in' LIMIT 1"
    ).fetchone()
    assert deposit["at"] == deposit["out_at"] and deposit["id"] is not None
    assert deposit["description"].startswith(DEPOSIT_DESCRIPTION.split("{")[0])


def test_the_desk_lends_and_takes_back_in_the_demo_as_in_a_real_house(
    desk: tuple[Services, Actor], db: sqlite3.Connection
) -> None:
    services, actor = desk
    year, number = db.execute(
        "SELECT year, card_number FROM memberships WHERE year = ? ORDER BY card_number LIMIT 1", (DEMO_TODAY.year,)
    ).fetchone()
    person = services.lending_desk.resolve(actor, card_code(year, number))
    assert person.kind is Resolved.PERSON and person.person is not None
    code = db.execute("SELECT code FROM tools WHERE status = 'available' AND components = '' LIMIT 1").fetchone()[0]
    tool = services.lending_desk.resolve(actor, code)
    assert tool.kind is Resolved.TOOL and tool.tool is not None and tool.open_loan is None
    lent = services.loans.lend(actor, tool_id=tool.tool.id, person_id=person.person.id, components_confirmed=True)
    assert lent.loan.row.open
    late = services.loans.overdue(actor)[0]
    back = services.loans.return_tool(actor, loan_id=late.id, components_ok=True, deposit=DepositOutcome.REFUND)
    assert back.tool_status is ToolStatus.AVAILABLE and back.refunded_cents == late.deposit_cents


def test_the_same_seed_gives_the_same_tool_library(tmp_path: Path) -> None:
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    write_demo(first, seed=5)
    write_demo(second, seed=5)

    def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            found = {
                table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TOOL_TABLES
            }
        connection.close()
        return found

    library = tables(first)
    assert all(library[table] for table in ("tools", "loans", "tool_events"))
    assert library == tables(second)


def test_the_demo_passes_the_check_command(small_demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(small_demo, copy)
    assert main(["check", "--db", str(copy)]) == 0
