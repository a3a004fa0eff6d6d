"""``portineria backup [--to DIR]`` and ``portineria restore FILE``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import paths
from app.cli import main
from app.clock import FixedClock
from app.db.schema import open_database
from app.maintenance import quick_check
from app.services import Services
from app.services.people import PersonDraft
from tests.app.damage import overwrite_pages_with_garbage
from tests.conftest import ADMIN_PIN, HOUSE


def make_house(path: Path, *names: str) -> None:
    database = open_database(path, backups_dir=path.parent / "upgrades")
    try:
        services = Services.build(database=database, clock=FixedClock())
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        for name in names:
            services.people.create(admin, PersonDraft(given_name=name, family_name="Rossi"))
    finally:
        database.close()


def names_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT given_name FROM people ORDER BY given_name")]
    finally:
        connection.close()


def test_backup_writes_a_checked_copy_in_the_backup_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina")
    assert main(["--lang", "en", "backup", "--db", str(house)]) == 0
    [backup] = paths.backups_dir().glob("house-*-manual.sqlite3")
    assert quick_check(backup).sound and names_in(backup) == ["Amina"]
    assert f"Backup written and checked: {backup}" in capsys.readouterr().out


def test_backup_to_another_folder(tmp_path: Path) -> None:
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina")
    stick = tmp_path / "usb"
    assert main(["backup", "--db", str(house), "--to", str(stick)]) == 0
    [backup] = stick.glob("house-*-manual.sqlite3")
    assert names_in(backup) == ["Amina"]
    assert not list(paths.backups_dir().glob("*.sqlite3"))


def test_backup_of_a_missing_or_damaged_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "backup", "--db", str(tmp_path / "nothing.sqlite3")]) == 1
    assert not (tmp_path / "nothing.sqlite3").exists()
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina")
    overwrite_pages_with_garbage(house)
    assert main(["--lang", "en", "backup", "--db", str(house)]) == 1
    assert not list(paths.backups_dir().iterdir())
    assert "could not be written" in capsys.readouterr().out


def test_restore_backs_up_the_current_file_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.sqlite3"
    make_house(old, "Amina")
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina", "Bruno")
    assert main(["--lang", "en", "restore", str(old), "--db", str(house)]) == 0
    assert names_in(house) == ["Amina"]
    [safety] = paths.backups_dir().glob("house-*-before-restore.sqlite3")
    assert names_in(safety) == ["Amina", "Bruno"]
    out = capsys.readouterr().out
    assert f"The file as it was is kept as {safety}." in out


def test_restore_refuses_a_file_from_a_newer_schema_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.sqlite3"
    make_house(newer, "Zoe")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    connection.close()
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina")
    before = house.read_bytes()
    assert main(["--lang", "en", "restore", str(newer), "--db", str(house)]) == 1
    assert "newer version of Portineria" in capsys.readouterr().err
    assert house.read_bytes() == before
    assert not list(paths.backups_dir().glob("*.sqlite3"))


def test_restore_refuses_a_damaged_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sqlite3"
    make_house(bad, "Zoe")
    overwrite_pages_with_garbage(bad)
    house = tmp_path / "house.sqlite3"
    make_house(house, "Amina")
    assert main(["--lang", "en", "restore", str(bad), "--db", str(house)]) == 1
    assert "damaged or unreadable" in capsys.readouterr().err
    assert names_in(house) == ["Amina"]


def test_restore_over_a_damaged_file_sets_it_aside(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    make_house(good, "Amina")
    house = tmp_path / "house.sqlite3"
    make_house(house, "Bruno")
    overwrite_pages_with_garbage(house)
    damaged = house.read_bytes()
    assert main(["restore", str(good), "--db", str(house)]) == 0
    [aside] = tmp_path.glob("house.sqlite3.damaged-*[0-9]")  # its -wal and -shm go with it
    assert aside.read_bytes() == damaged
    assert names_in(house) == ["Amina"]
