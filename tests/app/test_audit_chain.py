"""The audit log is a hash chain: `portineria check` finds an entry changed or removed behind its back."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from app.audit_chain import GENESIS, entry_hash, first_break
from app.cli import main
from app.clock import FixedClock
from app.db.engine import Database, make_engine
from app.db.schema import inspect_file, open_database, upgrade
from app.maintenance import check_database
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from tests.conftest import ADMIN_PIN, HOUSE


def chained(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT id, chain_hash FROM audit_entries ORDER BY id").fetchall()


def tamper(path: Path, statement: str) -> None:
    """What someone with the file and the sqlite3 shell can do: drop the guards, then edit."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("DROP TRIGGER audit_entries_no_update")
        connection.execute("DROP TRIGGER audit_entries_no_delete")
        connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_every_entry_carries_the_hash_of_its_content_and_of_the_one_before(
    services: Services, admin: Actor, database: Database, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 11, 22, 10, 15, 30, 250)
    services.people.create(admin, PersonDraft(given_name="Ngozi", family_name="Okafor"))
    rows = chained(database.path)
    assert len(rows) == 3
    previous = GENESIS
    with sqlite3.connect(database.path) as connection:
        for (entry_id, at, user_id, action, entity, entity_id, fields), (_id, stored) in zip(
            connection.execute(
                "SELECT id, at, user_id, action, entity, entity_id, fields FROM audit_entries ORDER BY id"
            ),
            rows,
            strict=True,
        ):
            previous = entry_hash(
                previous,
                entry_id=entry_id,
                at=datetime.fromisoformat(at),
                user_id=user_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                fields=fields,
            )
            assert stored == previous
    assert len({stored for _id, stored in rows}) == 3
    report = check_database(database.path)
    assert report.sound, report.lines
    assert "Audit log: the chain of entries is intact." in report.lines


def test_a_changed_entry_makes_check_fail_naming_it(
    services: Services, admin: Actor, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("Rossi", "Bianchi", "Verdi"):
        services.people.create(admin, PersonDraft(given_name="Mario", family_name=name))
    assert main(["--lang", "en", "check", "--db", str(database.path)]) == 0
    capsys.readouterr()

    tamper(database.path, "UPDATE audit_entries SET fields = 'notes' WHERE id = 4")

    assert main(["--lang", "en", "check", "--db", str(database.path)]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert "entry 4 (" in said
    assert "create person" in said
    assert "tampered" in said


def test_a_changed_time_or_user_is_found_too(services: Services, admin: Actor, database: Database) -> None:
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi"))
    tamper(database.path, "UPDATE audit_entries SET user_id = NULL WHERE id = 3")
    report = check_database(database.path)
    assert not report.sound
    assert any("entry 3 (" in line for line in report.lines)


def test_a_removed_entry_is_found_at_the_entry_after_it(
    services: Services, admin: Actor, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("Rossi", "Bianchi", "Verdi"):
        services.people.create(admin, PersonDraft(given_name="Mario", family_name=name))
    tamper(database.path, "DELETE FROM audit_entries WHERE id = 3")
    assert main(["--lang", "en", "check", "--db", str(database.path)]) == 1
    out = capsys.readouterr()
    assert "entry 4 (" in out.out + out.err


def test_a_forged_entry_with_a_recomputed_hash_still_breaks_the_next_one(
    services: Services, admin: Actor, database: Database
) -> None:
    """Rewriting one entry and its own hash is not enough: the next entry was chained to the old hash."""
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi"))
    services.people.create(admin, PersonDraft(given_name="Anna", family_name="Verdi"))
    with sqlite3.connect(database.path) as connection:
        previous = connection.execute("SELECT chain_hash FROM audit_entries WHERE id = 2").fetchone()[0]
        at = connection.execute("SELECT at FROM audit_entries WHERE id = 3").fetchone()[0]
    forged = entry_hash(
        previous,
        entry_id=3,
        at=datetime.fromisoformat(at),
        user_id=None,
        action="create",
        entity="person",
        entity_id=1,
        fields="family_name,given_name",
    )
    tamper(database.path, f"UPDATE audit_entries SET user_id = NULL, chain_hash = '{forged}' WHERE id = 3")
    with sqlite3.connect(database.path) as connection:
        broken = first_break(connection)
    assert broken is not None
    assert broken.entry_id == 4


def test_an_upgraded_file_gets_its_old_entries_chained(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database.on_engine(path, make_engine(path))
    upgrade(old, "0008")
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (name, role, pin_hash, active, failed_attempts, created_at) "
                "VALUES ('Giulia', 'admin', 'x', 1, 0, '2024-01-01 09:00:00')"
            )
        )
        for minute in range(3):
            connection.execute(
                text(
                    "INSERT INTO audit_entries (at, user_id, action, entity, entity_id, fields) "
                    f"VALUES ('2024-01-01 09:0{minute}:00.000000', 1, 'update', 'user', 1, 'name')"
                )
            )
    old.close()
    assert inspect_file(path).revision == "0008"
    report = check_database(path)
    assert report.sound, report.lines
    assert "Audit log: not chained yet; the upgrade will chain it." in report.lines

    database = open_database(path, backups_dir=tmp_path / "backups", now=datetime(2026, 11, 22, 9, 30))
    try:
        services = Services.build(database=database, clock=FixedClock())
        assert all(len(stored) == 64 for _id, stored in chained(path))
        # The program's own entries go on from the migrated chain.
        giulia = Actor(user_id=1, name="Giulia", role=Role.ADMIN)
        services.accounts.set_pin(giulia, giulia.user_id, pin=ADMIN_PIN, pin_again=ADMIN_PIN)
    finally:
        database.close()
    assert [entry_id for entry_id, _hash in chained(path)] == [1, 2, 3, 4]
    report = check_database(path)
    assert report.sound, report.lines
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), sqlite3.connect(path) as connection:
        connection.execute("UPDATE audit_entries SET fields = '' WHERE id = 1")


def test_two_desks_writing_at_once_never_fork_the_chain(tmp_path: Path) -> None:
    """Two open copies of the program on one file, each saving in a loop: one chain, no gaps."""
    path = tmp_path / "shared.sqlite3"
    first = open_database(path, backups_dir=tmp_path / "backups")
    second = open_database(path, backups_dir=tmp_path / "backups")
    desks = [Services.build(database=db, clock=FixedClock()) for db in (first, second)]
    admin = desks[0].accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
    failures: list[BaseException] = []

    def work(desk: Services, name: str) -> None:
        try:
            for number in range(25):
                desk.people.create(admin, PersonDraft(given_name=f"{name}{number}", family_name="Desk"))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=work, args=(desk, name)) for desk, name in zip(desks, "AB", strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    first.close()
    second.close()
    assert failures == []
    rows = chained(path)
    assert [entry_id for entry_id, _hash in rows] == list(range(1, 53))
    report = check_database(path)
    assert report.sound, report.lines
