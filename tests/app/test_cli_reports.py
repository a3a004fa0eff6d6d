"""``portineria report monthly|programme``: the same PDFs as the Reports page, from a script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.cli_reports import month_argument, week_argument
from app.clock import FixedClock
from app.reports.programme_poster import SIZES
from app.services import Services
from app.services.roles import Actor
from tests.app.month_house import build_month_house
from tests.app.printed_workshop import page_sizes, pages_of
from tests.app.programme_house import MONDAY, build_week
from tests.app.workshop_house import build_house


def database_file(services: Services) -> Path:
    return services.database.path


def test_monthly_writes_the_summary_in_the_language_asked(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    clock: FixedClock,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_month_house(services, volunteer, coordinator, clock)
    out = tmp_path / "october.pdf"
    db = str(database_file(services))
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(out), "--lang", "en", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == f"Written to {out}."
    cover = pages_of(out)[0]
    assert "Monthly summary October 2026" in cover and "October 2025" in cover

    italian = tmp_path / "ottobre"  # .pdf is added
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(italian), "--db", db]) == 0
    assert "Resoconto mensile" in pages_of(tmp_path / "ottobre.pdf")[0]


def test_programme_writes_the_poster_of_the_iso_week(
    services: Services, coordinator: Actor, volunteer: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_week(services, coordinator, volunteer, build_house(services, coordinator, volunteer))
    out = tmp_path / "poster.pdf"
    arguments = ["report", "programme", "--week", "2026-W49", "--out", str(out), "--db", str(database_file(services))]
    assert main([*arguments, "--size", "a3", "--lang", "it"]) == 0
    assert page_sizes(out) == [pytest.approx(SIZES["A3"])]
    (text,) = pages_of(out)
    assert "Programma della settimana 30 novembre – 6 dicembre 2026" in text
    assert main([*arguments, "--lang", "en"]) == 0
    assert page_sizes(out) == [pytest.approx(SIZES["A4"])]
    assert "Programme of the week November 30 – December 6, 2026" in pages_of(out)[0]


def test_months_and_weeks_are_read_or_refused() -> None:
    assert month_argument("2026-10") == (2026, 10)
    assert month_argument("2026-1") == (2026, 1)
    assert week_argument("2026-W49") == MONDAY
    assert week_argument("2026-w01").isoformat() == "2025-12-29"
    assert week_argument("2026-W53").isoformat() == "2026-12-28"  # 2026 has 53 ISO weeks
    for month in ("2026-13", "2026-00", "10/2026", "ottobre", ""):
        with pytest.raises(Exception, match="is not a month: write it as YYYY-MM"):
            month_argument(month)
    for week in ("2027-W53", "2026-W00", "2026-49", "2026-W49-1"):
        with pytest.raises(Exception, match="is not a week: write it as YYYY-Www"):
            week_argument(week)


def test_a_bad_month_is_refused_with_exit_code_2_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "app", "--lang", "en", "report", "monthly", "--month", "2026-13", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "“2026-13” is not a month: write it as YYYY-MM, for example 2026-10" in result.stderr
    assert not out.exists()


def test_a_missing_database_or_an_unwritable_file_gives_exit_code_1(
    services: Services, admin: Actor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.sqlite3"
    out = tmp_path / "x.pdf"
    assert (
        main(["--lang", "en", "report", "monthly", "--month", "2026-10", "--out", str(out), "--db", str(missing)]) == 1
    )
    assert "missing.sqlite3 does not exist" in capsys.readouterr().err
    assert not missing.exists()
    nowhere = tmp_path / "no-such-folder" / "x.pdf"
    db = str(database_file(services))
    arguments = ["--lang", "en", "report", "programme", "--week", "2026-W49", "--out", str(nowhere), "--db", db]
    assert main(arguments) == 1
    assert "could not be written" in capsys.readouterr().err
    assert not nowhere.exists()
