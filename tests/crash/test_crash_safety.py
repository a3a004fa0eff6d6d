"""Crash safety, proved: the writer is SIGKILLed at random moments and the file keeps every
acknowledged write, whole, with no half-done operation and receipt numbers without gaps.

The full figures for the README come from ``python tests/crash/run_crash_harness.py --runs 120``;
this test runs a dozen crashes so that every test run proves it again. The checks themselves are
tested on files damaged on purpose: each kind of loss the harness must see, it sees.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.crash import writer
from tests.crash.harness import CrashHarness
from tests.crash.house import House, make_house
from tests.crash.verify import check_file

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or sys.platform == "win32", reason="needs SIGKILL")

RUNS = 12


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    harness = CrashHarness(tmp_path / "crash", seed=2026, max_delay=1.5)
    for _run in range(RUNS):
        harness.run_once()
    totals = harness.totals
    assert totals.problems == []
    assert totals.sound
    assert totals.runs == RUNS
    # The writers really wrote every kind of operation before being killed.
    assert set(totals.acknowledged) == {"payment", "booking", "lend", "return"}
    assert sum(totals.acknowledged.values()) >= RUNS * 5


# -- the checks see what they must see -------------------------------------------------------------


@pytest.fixture
def written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[House, list[dict[str, Any]]]:
    """A house file after forty writes in this process, and their acknowledgements (a count, not a
    time: half a second on a busy machine once wrote a single loan)."""
    house = make_house(tmp_path / "house.sqlite3")
    writer.run(house, seed=7, base=datetime(2026, 11, 22, 9, 0), epoch=time.time(), seconds=None, operations=40)
    lines = capsys.readouterr().out.splitlines()
    acks = [json.loads(line[4:]) for line in lines if line.startswith("ACK ")]
    assert {ack["op"] for ack in acks} == {"payment", "booking", "lend", "return"}
    assert check_file(Path(house.path), acks).sound
    return house, acks


def tamper(house: House, *statements: str) -> None:
    connection = sqlite3.connect(house.path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_an_acknowledged_booking_that_is_not_as_saved_is_lost(written: tuple[House, list[dict[str, Any]]]) -> None:
    house, acks = written
    booking = next(ack["id"] for ack in acks if ack["op"] == "booking")
    tamper(house, f"UPDATE bookings SET status = 'cancelled' WHERE id = {booking}")
    never_saved = {"op": "payment", "id": 10**6, "receipt": 10**6, "amount": 100}
    findings = check_file(Path(house.path), [*acks, never_saved])
    assert findings.lost == [
        f"booking {booking} was acknowledged but is not in the file entirely",
        f"payment {10**6} was acknowledged but is not in the file entirely",
    ]


def test_a_loan_without_its_deposit_is_half_done(written: tuple[House, list[dict[str, Any]]]) -> None:
    house, acks = written
    connection = sqlite3.connect(house.path)
    free = connection.execute(
        "SELECT id FROM tools WHERE deposit_cents > 0 AND status = 'available' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    connection.close()
    tamper(
        house,
        "INSERT INTO loans (tool_id, person_id, out_at, due_day, deposit_cents, deposit_waived, return_note) "
        f"VALUES ({free}, {house.person_ids[0]}, '2026-11-22 10:00:00.000000', '2026-11-29', 3000, 0, '')",
    )
    findings = check_file(Path(house.path), acks)
    loan = findings.half_done[0].split()[2]
    assert findings.half_done == [
        f"open loan {loan} asked a deposit of 3000 cents but holds 0",
        f"tool {free} has open loan {loan} but is marked available",
        f"loan {loan} has no 'lent' line in its tool's history",
        f"loan {loan} has no audit entry",
    ]
    assert findings.lost == []


def test_a_tool_on_loan_without_a_loan_is_half_done(written: tuple[House, list[dict[str, Any]]]) -> None:
    house, acks = written
    tamper(
        house,
        "UPDATE tools SET status = 'on_loan' WHERE id = (SELECT min(id) FROM tools t WHERE NOT EXISTS "
        "(SELECT 1 FROM loans l WHERE l.tool_id = t.id AND l.returned_at IS NULL))",
    )
    assert [problem.split(" is marked")[1] for problem in check_file(Path(house.path), acks).half_done] == [
        " on loan without an open loan"
    ]


def test_a_gap_in_the_receipt_numbers_is_half_done(written: tuple[House, list[dict[str, Any]]]) -> None:
    house, acks = written
    payment = next(ack["id"] for ack in acks if ack["op"] == "payment")
    columns = "at, direction, amount_cents, method, category_id, description, user_id"
    receipt = (
        "year, issued_at, total_cents, stamp_duty, payer_name, payer_address, payer_fiscal_code, payer_key, "
        "user_id, reprint_count"
    )
    tamper(
        house,
        f"INSERT INTO payments ({columns}) SELECT {columns} FROM payments WHERE id = {payment}",
        f"INSERT INTO receipts (number, payment_id, {receipt}) SELECT (SELECT max(number) + 2 FROM receipts), "
        f"(SELECT max(id) FROM payments), {receipt} FROM receipts WHERE payment_id = {payment}",
    )
    count = sqlite3.connect(house.path).execute("SELECT count(*) FROM receipts").fetchone()[0]
    half_done = check_file(Path(house.path), acks).half_done
    assert f"receipts of 2026 are not numbered without gaps: {count} receipts numbered 1 to {count + 1}" in half_done


def test_a_payment_in_without_its_receipt_is_half_done(written: tuple[House, list[dict[str, Any]]]) -> None:
    house, acks = written
    columns = "at, direction, amount_cents, method, category_id, description, user_id"
    tamper(house, f"INSERT INTO payments ({columns}) SELECT {columns} FROM payments WHERE direction = 'in' LIMIT 1")
    half_done = check_file(Path(house.path), acks).half_done
    assert any(problem.endswith("came in without a receipt") for problem in half_done)
