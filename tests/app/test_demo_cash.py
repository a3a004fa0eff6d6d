"""The demo house's cash desk follows the desk's own rules: numbering, stamp duty, payers, cards, closings."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.db.models import Person
from app.db.schema import open_database
from app.demo import DEMO_TODAY, write_demo
from app.demo_cash import CARD_DESCRIPTION, CLOSED_DAYS, EXEMPT_SINCE, RECEIPTS
from app.i18n import _, set_language
from app.services import Services
from app.services.cash_rules import ANONYMOUS_MAX_CENTS, StampDutyMode, person_payer, stamp_duty
from app.text import fold


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    write_demo(path)
    return path


@pytest.fixture
def db(small_demo: Path) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{small_demo}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        yield connection
    connection.close()


def test_receipts_are_numbered_without_gaps_and_one_per_payment_in(db: sqlite3.Connection) -> None:
    assert db.execute("SELECT count(*) FROM receipts").fetchone()[0] == RECEIPTS["small"]
    years = db.execute("SELECT year, count(*), min(number), max(number) FROM receipts GROUP BY year").fetchall()
    assert len(years) >= 10  # the house opened in November ten years ago
    for year, count, first, last in years:
        assert (first, last) == (1, count), year
    order = db.execute("SELECT year, number FROM receipts ORDER BY issued_at, id").fetchall()
    assert [tuple(row) for row in order] == sorted(tuple(row) for row in order)
    mismatched = db.execute(
        "SELECT count(*) FROM payments p LEFT JOIN receipts r ON r.payment_id = p.id "
        "WHERE (p.direction = 'in') != (r.id IS NOT NULL)"
    ).fetchone()[0]
    assert mismatched == 0
    assert db.execute("SELECT count(*) FROM payments WHERE direction = 'out'").fetchone()[0] > 10
    assert db.execute("SELECT max(issued_at) FROM receipts").fetchone()[0] < DEMO_TODAY.isoformat()


def test_receipts_follow_the_stamp_duty_rule_and_print_the_payer_as_the_desk_would(db: sqlite3.Connection) -> None:
    people = {row["id"]: row for row in db.execute("SELECT id, given_name, family_name, address FROM people")}
    rows = db.execute(
        "SELECT r.*, p.payer_person_id, p.payer_organisation_id, c.stamp_exempt, c.code FROM receipts r "
        "JOIN payments p ON p.id = r.payment_id JOIN payment_categories c ON c.id = p.category_id"
    ).fetchall()
    duties = set()
    for row in rows:
        issued = datetime.fromisoformat(row["issued_at"])
        mode = StampDutyMode.EXEMPT if issued.date() >= EXEMPT_SINCE else StampDutyMode.APPLY
        expected = stamp_duty(row["total_cents"], category_exempt=bool(row["stamp_exempt"]), mode=mode)
        assert row["stamp_duty"] == expected.value, row["id"]
        duties.add(row["stamp_duty"])
        assert row["payer_key"] == fold(row["payer_name"])
        if row["payer_person_id"] is not None:
            person = people[row["payer_person_id"]]
            snapshot = person_payer(
                Person(given_name=person["given_name"], family_name=person["family_name"], address=person["address"])
            )
            assert (row["payer_name"], row["payer_address"]) == (snapshot.name, snapshot.address)
        elif row["payer_organisation_id"] is None:
            assert row["payer_name"] == "" and row["total_cents"] <= ANONYMOUS_MAX_CENTS
    assert duties == {"applied", "not_due", "exempt"}


def test_some_receipts_are_cancelled_by_a_coordinator_with_a_reason(db: sqlite3.Connection) -> None:
    cancelled = db.execute(
        "SELECT r.issued_at, r.cancelled_at, r.cancel_reason, u.role FROM receipts r "
        "JOIN users u ON u.id = r.cancelled_by_id WHERE r.cancelled_at IS NOT NULL"
    ).fetchall()
    assert 3 <= len(cancelled) <= 40
    for issued, at, reason, role in cancelled:
        assert issued < at and reason and role in ("coordinator", "admin")
    assert db.execute("SELECT sum(reprint_count) FROM receipts").fetchone()[0] > 0


def test_cards_one_per_person_per_year_numbered_from_one(db: sqlite3.Connection) -> None:
    for year, count, last in db.execute("SELECT year, count(*), max(card_number) FROM memberships GROUP BY year"):
        assert count == last, year
    rows = db.execute(
        "SELECT m.person_id, m.year, m.card_number, m.fee_cents, p.amount_cents, p.payer_person_id, p.at, c.code, "
        "pe.created_at, p.description "
        "FROM memberships m JOIN payments p ON p.id = m.payment_id JOIN payment_categories c ON c.id = p.category_id "
        "JOIN people pe ON pe.id = m.person_id"
    ).fetchall()
    assert len(rows) > 100
    for person_id, year, number, fee, amount, payer, at, code, registered, description in rows:
        assert (fee, payer, code) == (amount, person_id, "membership")
        assert description == CARD_DESCRIPTION.format(number=number, year=year)
        assert at.startswith(str(year)) and registered < at


def test_the_closings_are_the_ones_the_desk_computes(small_demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite3"
    shutil.copy(small_demo, path)
    database = open_database(path, backups_dir=tmp_path)
    try:
        services = Services.build(database=database, clock=FixedClock(datetime(2026, 11, 23, 9, 0)))
        users = {user.name: user for user in services.accounts.users_for_login()}
        actor = services.accounts.login(users["Teresa"].id, "864209")
        assert services.cash_settings.stamp_duty_mode() is StampDutyMode.EXEMPT
        closed = 0
        for day in (date.fromordinal(DEMO_TODAY.toordinal() - offset) for offset in range(1, 30)):
            closing = services.cash_closings.closing(actor, day)
            if closing is None:
                continue
            closed += 1
            live = services.cash_closings.summary(actor, day).figures
            assert closing.figures == live, day
            assert closing.closed_by_name == "Teresa" and abs(closing.difference_cents) <= 500
        assert closed == CLOSED_DAYS
        newest = services.receipts.search_ids(actor)[0]
        receipt = services.receipts.get(actor, newest)
        assert receipt.code == f"{receipt.number}/2026" and receipt.number > 100
        assert receipt.house.name.startswith("Casa del Quartiere")
    finally:
        database.close()


def test_the_demo_writes_cards_as_the_italian_desk_does() -> None:
    set_language("it")
    assert _("card no. {number} for {year}") == CARD_DESCRIPTION
