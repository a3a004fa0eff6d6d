"""What the file holds after a crash, checked against what the desk was told was saved.

Read with a plain ``sqlite3`` connection, not through the services, so that the checks do not
share the code they check. Two kinds of finding:

- **lost**: an acknowledged operation that is not in the file entirely (a payment without its
  receipt, a loan without its deposit receipt or its history line, a return without its refund,
  a booking that is not there as it was saved);
- **half-done**: anything in the file that only a transaction cut in the middle could leave,
  whether acknowledged or not (an incoming payment without a receipt, a loan without the deposit
  it asked, a tool marked on loan without an open loan or the reverse, a returned loan still
  holding its deposit, a record without its audit entry, a tool lent twice, a gap in the receipt
  numbers of a year), and any problem ``PRAGMA integrity_check`` or ``foreign_key_check`` reports.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Ack = Mapping[str, Any]


@dataclass
class Findings:
    lost: list[str] = field(default_factory=list)
    half_done: list[str] = field(default_factory=list)
    integrity: str = ""

    @property
    def sound(self) -> bool:
        return not self.lost and not self.half_done and self.integrity == "ok"


def _ids(connection: sqlite3.Connection, sql: str) -> set[int]:
    return {row[0] for row in connection.execute(sql)}


def _half_done(connection: sqlite3.Connection) -> list[str]:
    problems: list[str] = []

    def each(sql: str, message: str) -> None:
        problems.extend(message.format(*row) for row in connection.execute(sql))

    each(
        "SELECT p.id FROM payments p LEFT JOIN receipts r ON r.payment_id = p.id "
        "WHERE p.direction = 'in' AND r.id IS NULL",
        "payment {} came in without a receipt",
    )
    each(
        "SELECT r.id FROM receipts r LEFT JOIN payments p ON p.id = r.payment_id "
        "WHERE p.id IS NULL OR p.direction <> 'in'",
        "receipt {} has no incoming payment",
    )
    each(
        "SELECT p.id FROM payments p LEFT JOIN loans l ON l.id = p.link_id WHERE p.link_kind = 'loan' AND l.id IS NULL",
        "payment {} is linked to a loan that does not exist",
    )
    # What each loan holds: deposits in minus deposits given back, as the desk counts it.
    held = (
        "SELECT l.id, l.deposit_cents, l.returned_at, l.deposit_kept_reason, "
        "coalesce(sum(CASE WHEN p.direction = 'in' THEN p.amount_cents ELSE -p.amount_cents END), 0) AS held, "
        "count(p.id) AS payments "
        "FROM loans l LEFT JOIN payments p ON p.link_kind = 'loan' AND p.link_id = l.id GROUP BY l.id"
    )
    each(
        f"SELECT id, deposit_cents, held FROM ({held}) WHERE returned_at IS NULL AND held <> deposit_cents",
        "open loan {} asked a deposit of {} cents but holds {}",
    )
    each(
        f"SELECT id, held FROM ({held}) WHERE returned_at IS NOT NULL AND held <> 0 AND deposit_kept_reason IS NULL",
        "returned loan {} still holds {} cents",
    )
    each(
        "SELECT t.id FROM tools t WHERE t.status = 'on_loan' "
        "AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.tool_id = t.id AND l.returned_at IS NULL)",
        "tool {} is marked on loan without an open loan",
    )
    each(
        "SELECT l.tool_id, l.id, t.status FROM loans l JOIN tools t ON t.id = l.tool_id "
        "WHERE l.returned_at IS NULL AND t.status <> 'on_loan'",
        "tool {} has open loan {} but is marked {}",
    )
    each(
        "SELECT l.id FROM loans l WHERE NOT EXISTS "
        "(SELECT 1 FROM tool_events e WHERE e.loan_id = l.id AND e.kind = 'lent')",
        "loan {} has no 'lent' line in its tool's history",
    )
    each(
        "SELECT l.id FROM loans l WHERE l.returned_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM tool_events e WHERE e.loan_id = l.id AND e.kind = 'returned')",
        "returned loan {} has no 'returned' line in its tool's history",
    )
    for table, entity in (("payments", "payment"), ("receipts", "receipt"), ("loans", "loan"), ("bookings", "booking")):
        each(
            f"SELECT x.id FROM {table} x WHERE NOT EXISTS (SELECT 1 FROM audit_entries a "
            f"WHERE a.entity = '{entity}' AND a.entity_id = x.id AND a.action = 'create')",
            f"{entity} {{}} has no audit entry",
        )
    each(
        "SELECT year, count(*), min(number), max(number) FROM receipts GROUP BY year "
        "HAVING min(number) <> 1 OR max(number) <> count(*)",
        "receipts of {} are not numbered without gaps: {} receipts numbered {} to {}",
    )
    problems.extend(_lent_twice(connection))
    each("PRAGMA foreign_key_check", "foreign key broken: {} row {} refers to a missing {} ({})")
    return problems


def _lent_twice(connection: sqlite3.Connection) -> list[str]:
    """Each tool's loans, in the order they were saved, follow one another without overlapping."""
    problems = []
    previous: dict[int, tuple[int, str | None]] = {}
    for loan_id, tool_id, out_at, returned_at in connection.execute(
        "SELECT id, tool_id, out_at, returned_at FROM loans ORDER BY tool_id, id"
    ):
        before = previous.get(tool_id)
        if before is not None and (before[1] is None or before[1] > out_at):
            problems.append(f"tool {tool_id} was lent again (loan {loan_id}) before loan {before[0]} came back")
        previous[tool_id] = (loan_id, returned_at)
    return problems


def _lost(connection: sqlite3.Connection, acks: Iterable[Ack]) -> list[str]:
    payments = {row[0]: row[1:] for row in connection.execute("SELECT id, direction, amount_cents FROM payments")}
    receipts = {row[0]: row[1] for row in connection.execute("SELECT id, payment_id FROM receipts")}
    linked = {row[0]: row[1:] for row in connection.execute("SELECT id, link_id, direction FROM payments")}
    loans = {row[0]: row[1:] for row in connection.execute("SELECT id, tool_id, returned_at FROM loans")}
    bookings = {row[0]: row[1:] for row in connection.execute("SELECT id, room_id, starts_at, status FROM bookings")}
    events: dict[str, set[int]] = defaultdict(set)
    for kind, loan_id in connection.execute("SELECT kind, loan_id FROM tool_events WHERE loan_id IS NOT NULL"):
        events[kind].add(loan_id)
    audited = _ids(connection, "SELECT entity_id FROM audit_entries WHERE entity = 'payment' AND action = 'create'")
    lost = []
    for ack in acks:
        op, key = ack["op"], ack["id"]
        if op == "payment":
            whole = payments.get(key) == ("in", ack["amount"]) and receipts.get(ack["receipt"]) == key
            whole = whole and key in audited
        elif op == "lend":
            whole = key in loans and loans[key][0] == ack["tool"] and key in events["lent"]
            if ack["deposit"]:
                payment = receipts.get(ack["receipt"])
                whole = whole and payment is not None and linked.get(payment) == (key, "in")
        elif op == "return":
            whole = key in loans and loans[key][1] is not None and key in events["returned"]
            if ack["refund"] is not None:
                whole = whole and payments.get(ack["refund"]) == ("out", ack["amount"])
                whole = whole and linked[ack["refund"]] == (key, "out")
        elif op == "booking":
            row = bookings.get(key)
            whole = row is not None and row[0] == ack["room"] and row[1].replace(" ", "T").startswith(ack["start"])
            whole = whole and row is not None and row[2] == "confirmed"
        else:
            raise ValueError(f"unknown acknowledgement {ack!r}")
        if not whole:
            lost.append(f"{op} {key} was acknowledged but is not in the file entirely")
    return lost


def check_file(path: Path, acks: Iterable[Ack]) -> Findings:
    """Check the file at ``path`` (no writer may be running) against the acknowledged ``acks``."""
    connection = sqlite3.connect(path)
    try:
        integrity = "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        return Findings(lost=_lost(connection, acks), half_done=_half_done(connection), integrity=integrity)
    finally:
        connection.close()
