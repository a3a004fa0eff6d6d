"""Two copies of the program saving receipts on one file at the same moment: no gap, no duplicate.

The desks start together behind a barrier and take turns at the write lock. With a deferred
BEGIN instead of the engine's BEGIN IMMEDIATE this test fails: both desks read the same last
number and one of them is refused.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from datetime import datetime
from multiprocessing.synchronize import Barrier
from pathlib import Path

from app.clock import FixedClock
from app.db.engine import Database
from app.db.schema import open_database
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.roles import Actor, Role

PER_DESK = 30


def desk(path: str, user_id: int, category_id: int, start: Barrier) -> None:
    """One copy of the program: opens the file, waits for the other, then records its payments."""
    database = open_database(Path(path), backups_dir=Path(path).parent)
    try:
        services = Services.build(database=database, clock=FixedClock(datetime(2026, 6, 1, 10, 0)))
        actor = Actor(user_id=user_id, name="", role=Role.VOLUNTEER)  # services re-read the role anyway
        draft = PaymentDraft(amount_cents=150, category_id=category_id, description="Doccia")
        start.wait(timeout=60)
        for _payment in range(PER_DESK):
            services.cash.record_payment(actor, draft)
            time.sleep(0.005)  # a desk does not save continuously: the other one gets its turns
    finally:
        database.close()


def test_two_processes_saving_at_once_get_consecutive_numbers(
    services: Services, admin: Actor, volunteer: Actor, database: Database
) -> None:
    ticket = next(row.id for row in services.cash_settings.categories(admin) if row.code == "service_ticket")
    # Spawned, not forked: each desk is a fresh program with its own connections.
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    desks = [
        context.Process(target=desk, args=(str(database.path), user.user_id, ticket, start))
        for user in (admin, volunteer)
    ]
    for process in desks:
        process.start()
    for process in desks:
        process.join(timeout=120)
    assert [process.exitcode for process in desks] == [0, 0]

    with sqlite3.connect(database.path) as connection:
        rows = connection.execute("SELECT year, number, user_id FROM receipts ORDER BY id").fetchall()
        payments = connection.execute("SELECT count(*) FROM payments").fetchone()[0]
    connection.close()
    assert payments == 2 * PER_DESK
    assert [number for _year, number, _user in rows] == list(range(1, 2 * PER_DESK + 1))
    assert {year for year, _number, _user in rows} == {2026}
    by_user = [user for _year, _number, user in rows]
    assert (by_user.count(admin.user_id), by_user.count(volunteer.user_id)) == (PER_DESK, PER_DESK)
