"""The command line a coordinator can script."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main
from app.db.schema import open_database


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *arguments], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Portineria {__version__}"


def test_check_passes_on_a_sound_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "house.sqlite3"
    open_database(path, backups_dir=tmp_path).close()
    assert main(["check", "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip()


def test_check_in_english_says_the_file_is_sound(tmp_path: Path) -> None:
    path = tmp_path / "house.sqlite3"
    open_database(path, backups_dir=tmp_path).close()
    result = run("--lang", "en", "check", "--db", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The database is sound." in result.stdout


def test_check_fails_on_a_missing_a_foreign_or_a_damaged_file(tmp_path: Path) -> None:
    assert main(["check", "--db", str(tmp_path / "missing.sqlite3")]) == 1
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    assert main(["check", "--db", str(foreign)]) == 1

    damaged = tmp_path / "damaged.sqlite3"
    open_database(damaged, backups_dir=tmp_path).close()
    with sqlite3.connect(damaged) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = bytearray(damaged.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 2, min(len(data), page_size * 4)):
        data[offset] = 0xFF
    damaged.write_bytes(bytes(data))
    assert main(["check", "--db", str(damaged)]) == 1


def test_check_reports_a_file_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(path, backups_dir=tmp_path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    connection.close()
    result = run("--lang", "en", "check", "--db", str(path))
    assert result.returncode == 1
    assert "newer" in result.stdout
