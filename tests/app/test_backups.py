"""Backups: written with the online backup API, checked, rotated, copied, listed and restored."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.backup_rotation import BackupKind, classify
from app.backups import BackupFailed, Backups, BackupService
from app.clock import FixedClock
from app.db.engine import Database
from app.errors import DatabaseProblem, PermissionDenied
from app.maintenance import integrity_check_due, last_integrity_check, quick_check
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.app.damage import PAGE_SIZE, overwrite_pages_with_garbage, replace_with_text


def people_in(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT given_name FROM people ORDER BY given_name")]
    finally:
        connection.close()


def add_person(services: Services, actor: Actor, name: str) -> None:
    services.people.create(actor, PersonDraft(given_name=name, family_name="Rossi"))


@pytest.fixture
def backups(database: Database, clock: FixedClock, tmp_path: Path) -> Backups:
    return Backups(database_path=database.path, folder=tmp_path / "backups", clock=clock)


def test_a_backup_is_a_checked_snapshot_named_after_its_time(
    services: Services, admin: Actor, backups: Backups, database: Database
) -> None:
    add_person(services, admin, "Amina")
    outcome = backups.make("start")
    assert outcome.backup.path.name == "house-20261122-090000-start.sqlite3"
    assert outcome.backup.kind is BackupKind.DAILY
    assert outcome.backup.size == outcome.backup.path.stat().st_size
    assert quick_check(outcome.backup.path).sound
    assert people_in(outcome.backup.path) == ["Amina"]
    assert not list(backups.folder.glob("*.partial"))


def test_a_backup_taken_during_a_write_holds_only_what_was_committed(
    services: Services, admin: Actor, backups: Backups, database: Database
) -> None:
    add_person(services, admin, "Amina")
    writer = sqlite3.connect(database.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "UPDATE people SET given_name = 'Half-done' WHERE given_name = 'Amina'"
        )  # not committed while the backup runs
        outcome = backups.make("daily")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert people_in(outcome.backup.path) == ["Amina"]


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(admin: Actor, backups: Backups) -> None:
    first = backups.make("manual").backup.path
    second = backups.make("manual").backup.path
    assert first != second and first.exists() and second.exists()


@pytest.mark.parametrize(
    ("from_end", "message"),
    [(None, "could not be written"), (1, "failed its check and was deleted")],
    ids=["unreadable", "copied-then-checked"],
)
def test_a_backup_of_a_damaged_file_is_deleted_and_reported(
    admin: Actor, backups: Backups, database: Database, from_end: int | None, message: str
) -> None:
    database.close()
    pages = database.path.stat().st_size // PAGE_SIZE
    overwrite_pages_with_garbage(database.path, first_page=2 if from_end is None else pages - from_end + 1)
    with pytest.raises(BackupFailed, match=message):
        backups.make("start")
    assert list(backups.folder.iterdir()) == []


def test_the_second_folder_gets_a_checked_copy(admin: Actor, backups: Backups, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    outcome = backups.make("close", second_folder=stick)
    assert outcome.warnings == ()
    copy = stick / outcome.backup.path.name
    assert quick_check(copy).sound
    assert [info.path for info in backups.list(second_folder=stick)] == [outcome.backup.path, copy] or [
        info.path for info in backups.list(second_folder=stick)
    ] == [copy, outcome.backup.path]


def test_an_unplugged_second_folder_is_a_warning_not_a_failure(admin: Actor, backups: Backups, tmp_path: Path) -> None:
    outcome = backups.make("close", second_folder=tmp_path / "unplugged")
    assert outcome.backup.path.exists()
    assert len(outcome.warnings) == 1 and "cannot be reached" in outcome.warnings[0]


def test_a_daily_backup_is_due_once_a_day(admin: Actor, backups: Backups, clock: FixedClock) -> None:
    assert backups.daily_due()
    backups.make("start")
    assert not backups.daily_due()
    clock.advance(hours=14)  # 23:00, the same day
    assert not backups.daily_due()
    clock.advance(hours=2)  # past midnight, the desk still open
    assert backups.daily_due()


def one_a_day(first: date, days: int) -> dict[date, datetime]:
    return {
        first + timedelta(days=n): datetime.combine(first + timedelta(days=n), datetime.min.time()) for n in range(days)
    }


def test_rotation_keeps_7_daily_4_weekly_12_monthly_after_a_year() -> None:
    made = one_a_day(date(2026, 1, 1), 365)
    kinds = classify(made)
    daily = sorted(key for key, kind in kinds.items() if kind is BackupKind.DAILY)
    weekly = sorted(key for key, kind in kinds.items() if kind is BackupKind.WEEKLY)
    monthly = sorted(key for key, kind in kinds.items() if kind is BackupKind.MONTHLY)
    assert daily == [date(2026, 12, 25) + timedelta(days=n) for n in range(7)]
    # The newest of the 4 newest ISO weeks are 31, 27, 20 and 13 December; 27 is already a daily.
    assert weekly == [date(2026, 12, 13), date(2026, 12, 20)]
    # The last day of each month; December's is a daily.
    assert monthly == [date(2026, month + 1, 1) - timedelta(days=1) for month in range(1, 12)]
    assert len(kinds) == 20


def test_rotation_of_real_files_over_a_year_of_days(tmp_path: Path) -> None:
    """A year of desk days with a fake clock: a start and a close backup each day."""
    clock = FixedClock(datetime(2026, 1, 1, 8, 30))
    source = tmp_path / "tiny.sqlite3"
    with sqlite3.connect(source) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    backups = Backups(database_path=source, folder=tmp_path / "backups", clock=clock)
    for day in range(365):
        clock.current = datetime(2026, 1, 1, 8, 30) + timedelta(days=day)
        backups.make("start")
        clock.advance(hours=10)
        backups.make("close")
        kept = backups.list()
        assert len(kept) <= 7 + 1 + 4 + 12
        today = clock.today()
        days_kept = {info.made_at.date() for info in kept}
        assert {today - timedelta(days=n) for n in range(min(day + 1, 7))} <= days_kept
    kept = backups.list()
    assert len(list(backups.folder.iterdir())) == len(kept) == 21  # 20, and today's start backup too
    assert [info.reason for info in kept[:2]] == ["close", "start"]  # both of the newest day stay
    by_kind = {kind: sum(info.kind is kind for info in kept) for kind in BackupKind}
    assert by_kind == {BackupKind.DAILY: 8, BackupKind.WEEKLY: 2, BackupKind.MONTHLY: 11, BackupKind.SAFETY: 0}
    assert min(info.made_at for info in kept) == datetime(2026, 1, 31, 18, 30)


def test_safety_copies_are_not_rotated(tmp_path: Path) -> None:
    assert classify({}) == {}
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "house-20200101-090000-before-restore.sqlite3").write_bytes(b"")
    (folder / "house-before-upgrade-aaa-to-bbb-20200101-090000.sqlite3").write_bytes(b"")
    clock = FixedClock()
    source = tmp_path / "house.sqlite3"
    sqlite3.connect(source).close()
    backups = Backups(database_path=source, folder=folder, clock=clock)
    backups.make("start")
    kinds = sorted((info.reason, info.kind) for info in backups.list())
    assert kinds == [
        ("before-restore", BackupKind.SAFETY),
        ("before-upgrade", BackupKind.SAFETY),
        ("start", BackupKind.DAILY),
    ]


def test_backups_of_another_database_are_not_listed(admin: Actor, backups: Backups) -> None:
    backups.make("start")
    (backups.folder / "casa-demo-20261122-080000-start.sqlite3").write_bytes(b"")
    assert [info.path.name for info in backups.list()] == ["house-20261122-090000-start.sqlite3"]


def test_start_up_checks_backs_up_and_runs_the_full_check_weekly(
    admin: Actor, backups: Backups, database: Database, clock: FixedClock
) -> None:
    report = backups.start_up()
    assert report.check.sound and report.backup is not None and report.backup_error is None
    assert report.integrity is not None and report.integrity.sound
    assert last_integrity_check(database.path) == clock.now()
    clock.advance(days=6, hours=23)
    assert backups.start_up().integrity is None
    clock.advance(hours=1)
    assert integrity_check_due(database.path, clock.now())
    assert backups.start_up().integrity is not None


def test_start_up_on_a_damaged_file_reports_it_and_makes_no_backup(
    admin: Actor, backups: Backups, database: Database
) -> None:
    database.close()
    overwrite_pages_with_garbage(database.path)
    report = backups.start_up()
    assert not report.check.sound and report.check.problems
    assert report.backup is None
    assert backups.list() == []


def test_newest_sound_skips_a_damaged_backup(admin: Actor, backups: Backups, clock: FixedClock) -> None:
    good = backups.make("start").backup
    clock.advance(hours=1)
    bad = backups.make("manual").backup
    overwrite_pages_with_garbage(bad.path)
    newest = backups.newest_sound()
    assert newest is not None and newest.path == good.path
    assert [info.sound for info in backups.list(check=True)] == [False, True]


def test_restore_backs_up_the_current_file_first(
    services: Services, admin: Actor, backups: Backups, database: Database, clock: FixedClock
) -> None:
    add_person(services, admin, "Amina")
    backup = backups.make("start").backup
    clock.advance(minutes=5)
    add_person(services, admin, "Bruno")
    safety = backups.restore(backup.path, on_live=database.engine.dispose)
    assert safety is not None and safety.name == "house-20261122-090500-before-restore.sqlite3"
    assert people_in(safety) == ["Amina", "Bruno"]
    assert people_in(database.path) == ["Amina"]
    assert services.people.count(admin) == 1  # the open desk reads the restored content


def test_restore_refuses_a_damaged_a_foreign_and_a_newer_file(
    services: Services, admin: Actor, backups: Backups, database: Database, tmp_path: Path
) -> None:
    add_person(services, admin, "Amina")
    damaged = backups.make("start").backup.path
    overwrite_pages_with_garbage(damaged)
    text = tmp_path / "notes.sqlite3"
    replace_with_text(text)
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    newer = backups.make("manual").backup.path
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    connection.close()
    for source, reason in (
        (damaged, "damaged or unreadable"),
        (text, "damaged or unreadable"),
        (foreign, "not a Portineria database"),
        (newer, "newer version of Portineria"),
    ):
        with pytest.raises(DatabaseProblem, match=reason):
            backups.restore(source)
    assert people_in(database.path) == ["Amina"]
    assert not [info for info in backups.list() if info.reason == "before-restore"]


@pytest.mark.parametrize("damage", [overwrite_pages_with_garbage, replace_with_text])
def test_a_damaged_file_is_set_aside_never_deleted_and_the_backup_put_in_place(
    services: Services, admin: Actor, backups: Backups, database: Database, damage: object, clock: FixedClock
) -> None:
    add_person(services, admin, "Amina")
    backup = backups.make("start").backup
    database.close()
    assert callable(damage)
    damage(database.path)
    damaged_bytes = database.path.read_bytes()
    clock.advance(hours=1)
    aside = backups.restore(backup.path, damaged=True)
    assert aside == database.path.with_name("house.sqlite3.damaged-20261122-100000")
    assert aside.read_bytes() == damaged_bytes
    assert quick_check(database.path).sound
    assert people_in(database.path) == ["Amina"]


def test_only_an_admin_may_list_back_up_or_restore(
    services: Services, admin: Actor, volunteer: Actor, coordinator: Actor, database: Database, tmp_path: Path
) -> None:
    service = BackupService(database=database, clock=services.clock, folder=tmp_path / "backups")
    backup = service.back_up_now(admin).backup
    for actor in (volunteer, coordinator):
        with pytest.raises(PermissionDenied):
            service.list(actor)
        with pytest.raises(PermissionDenied):
            service.back_up_now(actor)
        with pytest.raises(PermissionDenied):
            service.restore(actor, backup.path)
    assert [info.sound for info in service.list(admin)] == [True]


def test_a_restore_by_an_admin_is_in_the_audit_log_of_the_restored_file(
    services: Services, admin: Actor, database: Database, clock: FixedClock, tmp_path: Path
) -> None:
    service = BackupService(database=database, clock=clock, folder=tmp_path / "backups")
    backup = service.back_up_now(admin).backup
    add_person(services, admin, "Bruno")
    clock.advance(minutes=1)
    service.restore(admin, backup.path)
    assert services.people.count(admin) == 0
    rows = services.audit.rows(admin, services.audit.entry_ids(admin, entity="database"))
    assert (rows[0].action, rows[0].user_name) == ("restore", "Giulia")
