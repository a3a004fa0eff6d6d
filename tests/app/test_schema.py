"""Opening files: new, older (upgraded after a backup), newer or foreign (refused, untouched)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from app.clock import FixedClock
from app.db.engine import Database, make_engine
from app.db.models import Base
from app.db.schema import head_revision, inspect_file, open_database, upgrade
from app.errors import DatabaseProblem
from app.services import Services
from tests.conftest import ADMIN_PIN, HOUSE


def pragma(database: Database, name: str) -> object:
    with database.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_a_new_file_gets_the_whole_schema_and_the_safety_pragmas(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.sqlite3", backups_dir=tmp_path / "backups")
    try:
        assert inspect_file(database.path).revision == head_revision()
        assert pragma(database, "foreign_keys") == 1
        assert pragma(database, "journal_mode") == "wal"
        assert pragma(database, "synchronous") == 2  # FULL
        assert int(str(pragma(database, "busy_timeout"))) >= 5000
    finally:
        database.close()
    assert not (tmp_path / "backups").exists()


def test_models_and_migrations_agree(database: Database) -> None:
    """What ``alembic check`` says: autogenerate finds nothing to add or change."""
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_a_file_made_by_the_first_migration_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = Database.on_engine(path, make_engine(path))
    upgrade(old, "0001")
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (name, role, pin_hash, active, failed_attempts, created_at) "
                "VALUES ('Giulia', 'admin', 'x', 1, 0, '2024-01-01 09:00:00')"
            )
        )
    old.close()
    assert inspect_file(path).revision == "0001"

    database = open_database(path, backups_dir=tmp_path / "backups", now=datetime(2026, 11, 22, 9, 30))
    try:
        assert inspect_file(path).revision == head_revision()
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM users")).scalars().all() == ["Giulia"]
            assert connection.execute(text("SELECT count(*) FROM people")).scalar() == 0
    finally:
        database.close()
    backups = list((tmp_path / "backups").glob("*.sqlite3"))
    assert [backup.name for backup in backups] == [
        f"old-before-upgrade-0001-to-{head_revision()}-20261122-093000.sqlite3"
    ]
    assert inspect_file(backups[0]).revision == "0001"
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT name FROM users").fetchall() == [("Giulia",)]


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(path, backups_dir=tmp_path / "backups").close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="newer version"):
        open_database(path, backups_dir=tmp_path / "backups")
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_a_foreign_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseProblem, match="not a Portineria database"):
        open_database(path, backups_dir=tmp_path / "backups")
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list: bread, milk\n" * 100)
    with pytest.raises(DatabaseProblem, match="not a Portineria database"):
        open_database(path, backups_dir=tmp_path / "backups")
    assert path.read_text().startswith("shopping list")


def test_the_audit_log_cannot_be_changed_or_deleted(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO audit_entries (at, action, entity, fields) VALUES ('2026-01-01 10:00:00', 'x', 'y', '')")
        )
    for statement in ("UPDATE audit_entries SET action = 'z'", "DELETE FROM audit_entries"):
        with pytest.raises(Exception, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(statement))


def test_the_fast_reading_of_revisions_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from app.db.schema import alembic_config, known_revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == scripts.get_current_head()
    assert known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_the_cash_desk_upgrade_keeps_the_people_and_seeds_the_categories(tmp_path: Path) -> None:
    path = tmp_path / "people.sqlite3"
    old = Database.on_engine(path, make_engine(path))
    upgrade(old, "0002")
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (given_name, family_name, phone, email, address, notes, consent_notice_version, "
                "photo_release, search_key, sort_key, name_key, phone_key, email_key, created_at, updated_at) "
                "VALUES ('Nicolò', 'Rossi', '', '', '', '', '', 0, 'nicolo rossi', 'rossi nicolo', 'nicolo rossi', "
                "'', '', '2024-01-01 09:00:00', '2024-01-01 09:00:00')"
            )
        )
    old.close()

    database = open_database(path, backups_dir=tmp_path / "backups", now=datetime(2026, 11, 22, 9, 30))
    try:
        assert inspect_file(path).revision == head_revision()
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT given_name, family_name FROM people")).all() == [("Nicolò", "Rossi")]
            codes = connection.execute(text("SELECT code FROM payment_categories ORDER BY sort_order")).scalars()
            assert list(codes) == [
                "room_hire",
                "workshop_fee",
                "membership",
                "deposit",
                "deposit_returned",
                "donation",
                "service_ticket",
                "other",
            ]
            exempt = connection.execute(text("SELECT code FROM payment_categories WHERE stamp_exempt")).scalars()
            assert list(exempt) == ["membership", "deposit"]
            assert connection.execute(text("SELECT count(*) FROM receipts")).scalar() == 0
    finally:
        database.close()
    (backup,) = (tmp_path / "backups").glob("*.sqlite3")
    assert backup.name == f"people-before-upgrade-0002-to-{head_revision()}-20261122-093000.sqlite3"
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT family_name FROM people").fetchall() == [("Rossi",)]
        assert not copy.execute("SELECT name FROM sqlite_master WHERE name = 'receipts'").fetchall()
    copy.close()


def test_the_calendar_upgrade_fills_the_last_end_of_bounded_series(tmp_path: Path) -> None:
    path = tmp_path / "rooms.sqlite3"
    old = Database.on_engine(path, make_engine(path))
    upgrade(old, "0004")
    stamp = "'2026-09-01 09:00:00'"
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (given_name, family_name, phone, email, address, notes, consent_notice_version, "
                "photo_release, search_key, sort_key, name_key, phone_key, email_key, created_at, updated_at) "
                "VALUES ('Nicolò', 'Rossi', '', '', '', '', '', 0, 'nicolo rossi', 'rossi nicolo', 'nicolo rossi', "
                f"'', '', {stamp}, {stamp})"
            )
        )
        connection.execute(
            text(
                "INSERT INTO rooms (name, capacity, hourly_rate_cents, member_rate_cents, colour, equipment, "
                f"opening_hours, active, created_at, updated_at) VALUES ('Sala Grande', 80, 2000, 1500, '#4a90d9', "
                f"'', '', 1, {stamp}, {stamp})"
            )
        )
        for rrule, dtstart in (
            ("FREQ=WEEKLY;BYDAY=TU;COUNT=10", "2026-10-06 18:00:00"),  # last on 8 December
            ("RRULE:FREQ=MONTHLY;BYDAY=2WE;UNTIL=20270630T235959", "2026-10-14 20:30:00"),  # last on 9 June
            ("FREQ=WEEKLY;BYDAY=FR", "2026-10-09 17:00:00"),  # open-ended
        ):
            connection.execute(
                text(
                    "INSERT INTO booking_series (room_id, rrule, dtstart, duration_minutes, exdates, person_id, "
                    "purpose, people_count, status, price_cents, price_overridden, notes, created_at, updated_at) "
                    "VALUES (1, :rrule, :dtstart, 90, '', 1, 'Corso', 5, 'confirmed', 3000, 0, '', "
                    f"{stamp}, {stamp})"
                ),
                {"rrule": rrule, "dtstart": dtstart},
            )
    old.close()

    database = open_database(path, backups_dir=tmp_path / "backups", now=datetime(2026, 11, 22, 9, 30))
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(text("SELECT last_end, ics_uid FROM booking_series ORDER BY id")).all()
            members = connection.execute(text("SELECT count(*) FROM organisations WHERE member")).scalar()
        assert rows == [("2026-12-08 19:30:00.000000", None), ("2027-06-09 22:00:00.000000", None), (None, None)]
        assert members == 0
        services = Services.build(database=database, clock=FixedClock())
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        found = services.bookings.bookings_between(admin, datetime(2026, 10, 1), datetime(2028, 1, 1))
        by_series = {series_id: [row for row in found if row.series_id == series_id] for series_id in (1, 2, 3)}
        assert by_series[1][-1].end == datetime(2026, 12, 8, 19, 30)
        assert by_series[2][-1].end == datetime(2027, 6, 9, 22)
        assert by_series[3][-1].start == datetime(2027, 12, 31, 17)  # still going at the end of the range
        assert services.bookings.series(admin, 2).last_end == datetime(2027, 6, 9, 22)
    finally:
        database.close()
