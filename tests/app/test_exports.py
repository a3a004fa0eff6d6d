"""Every list exported in both CSV dialects and read back with the csv module."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.exports.csv_dialects import DIALECTS, EXCEL_IT, PLAIN, Money, format_cell, write_csv
from app.exports.period import Period
from app.exports.registry import EXPORTS, export
from app.i18n import in_language
from app.services import Services
from app.services.roles import Actor
from tests.app.export_house import ARABIC, QUOTED, build_export_house

NOVEMBER = Period(date(2026, 11, 1), date(2026, 12, 31))


def read_back(path: Path, dialect: str) -> list[list[str]]:
    raw = path.read_bytes()
    if dialect == EXCEL_IT:
        assert raw.startswith(b"\xef\xbb\xbf")
    else:
        assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    encoding = "utf-8-sig" if dialect == EXCEL_IT else "utf-8"
    with path.open(encoding=encoding, newline="") as file:
        return list(csv.reader(file, delimiter=DIALECTS[dialect].delimiter))


@pytest.fixture
def house(services: Services, admin: Actor, coordinator: Actor, clock: FixedClock) -> None:
    build_export_house(services, admin, coordinator, clock)


def test_the_dialects_write_numbers_dates_and_booleans_their_way() -> None:
    italian, plain = DIALECTS[EXCEL_IT], DIALECTS[PLAIN]
    values = [Money(123450), Money(-5), Decimal("1.50"), date(2026, 3, 1), time(9, 5), True, None, 7]
    assert [format_cell(value, italian) for value in values] == [
        "1234,50", "-0,05", "1,50", "01/03/2026", "09:05", "yes", "", "7"
    ]  # fmt: skip
    assert [format_cell(value, plain) for value in values] == [
        "1234.50", "-0.05", "1.50", "2026-03-01", "09:05", "yes", "", "7"
    ]  # fmt: skip
    assert format_cell(datetime(2026, 3, 1, 18, 30), italian) == "01/03/2026 18:30"
    assert format_cell("=SUM(A1)", plain) == "'=SUM(A1)"
    with in_language("it"):
        assert format_cell(True, italian) == "sì"


@pytest.mark.parametrize("dialect", [EXCEL_IT, PLAIN])
def test_a_name_with_a_semicolon_and_quotes_stays_in_one_field(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / "x.csv"
    assert write_csv(path, ["Nome", "Importo"], [(QUOTED, Money(150)), (ARABIC, Money(0))], dialect) == 2
    decimal = "," if dialect == EXCEL_IT else "."
    assert read_back(path, dialect) == [["Nome", "Importo"], [QUOTED, f"1{decimal}50"], [ARABIC, f"0{decimal}00"]]
    assert not list(tmp_path.glob("*.partial"))


def test_a_failing_list_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("old")

    def broken() -> Iterator[tuple[str]]:
        yield ("one",)
        raise RuntimeError("disk")

    with pytest.raises(RuntimeError):
        write_csv(path, ["A"], broken(), PLAIN)
    assert path.read_text() == "old"
    assert not list(tmp_path.glob("*.partial"))
    with pytest.raises(ValidationError, match="cannot be written"):
        write_csv(tmp_path / "missing" / "x.csv", ["A"], [], PLAIN)


EXPECTED = {
    # list: (rows, a cell that must be in it, in Italian dialect, in plain dialect)
    "people": (3, [ARABIC.split()[0], "محمد"], ['Rossi; "Bepi"', "Giuseppe"]),
    "organisations": (2, ['Filo; e "Ago"', 'Rossi; "Bepi" Giuseppe'], ['Filo; e "Ago"']),
    "bookings": (4 + 2, ["23/11/2026", "10:00", "11:30", "Salone", ARABIC, "Festa; compleanno"], ["2026-11-23"]),
    "workshops": (1, ["Sartoria di quartiere", "60,00"], ["60.00"]),
    "enrolments": (1, ["Sartoria di quartiere", ARABIC, "22/11/2026", "60,00"], ["2026-11-22", "60.00"]),
    "attendance": (1, ["Sartoria di quartiere", "01/12/2026", "18:00", "20:00", ARABIC, "2,00"], ["2.00"]),
    "visits": (2, ["22/11/2026", "09:00", "Docce", QUOTED, "man"], ["2026-11-22"]),
    "loans": (1, ["Trapano a percussione", ARABIC, "22/11/2026", "29/11/2026", "3", "30,00"], ["30.00"]),
    "receipts": (1, ["1/2026", "22/11/2026", ARABIC, "30,00", "no"], ["2026-11-22", "30.00"]),
}


@pytest.mark.usefixtures("house")
@pytest.mark.parametrize("code", sorted(EXPORTS))
@pytest.mark.parametrize("dialect", [EXCEL_IT, PLAIN])
def test_every_list_is_exported_and_reads_back(
    services: Services, coordinator: Actor, tmp_path: Path, code: str, dialect: str
) -> None:
    path = tmp_path / f"{code}.csv"
    count, italian, plain = EXPECTED[code]
    assert export(services, coordinator, code, path, NOVEMBER, dialect) == count
    rows = read_back(path, dialect)
    assert rows[0] == EXPORTS[code].header()
    assert len(rows) == count + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    cells = {cell for row in rows[1:] for cell in row}
    for cell in italian if dialect == EXCEL_IT else plain:
        assert cell in cells, (cell, rows)


@pytest.mark.usefixtures("house")
def test_a_period_narrows_the_dated_lists_and_all_takes_everything(
    services: Services, coordinator: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "x.csv"
    assert export(services, coordinator, "bookings", path, Period(date(2026, 11, 23), date(2026, 11, 23)), PLAIN) == 1
    assert export(services, coordinator, "visits", path, Period(date(2026, 11, 23), date(2026, 11, 30)), PLAIN) == 0
    assert export(services, coordinator, "receipts", path, Period(), PLAIN) == 1
    assert export(services, coordinator, "loans", path, Period(date(2026, 12, 1), None), PLAIN) == 0
    assert export(services, coordinator, "people", path, Period(date(2030, 1, 1), date(2030, 1, 2)), PLAIN) == 3
    with pytest.raises(ValidationError, match="first and the last day"):
        export(services, coordinator, "visits", path, Period(), PLAIN)
    with pytest.raises(ValidationError, match="swap"):
        export(services, coordinator, "loans", path, Period(date(2026, 12, 1), date(2026, 11, 1)), PLAIN)


@pytest.mark.usefixtures("house")
def test_exports_are_for_coordinators_and_logged(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "x.csv"
    with pytest.raises(PermissionDenied):
        export(services, volunteer, "people", path, Period(), EXCEL_IT)
    assert not path.exists()
    export(services, coordinator, "people", path, Period(), EXCEL_IT)
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="people"))
    assert [(entry.action, entry.user_name) for entry in entries if entry.action == "export"] == [
        ("export", coordinator.name)
    ]


@pytest.mark.usefixtures("house")
def test_the_headers_speak_italian(services: Services, coordinator: Actor, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    with in_language("it"):
        export(services, coordinator, "people", path, Period(), EXCEL_IT)
        assert read_back(path, EXCEL_IT)[0][:2] == ["Cognome", "Nome"]
        export(services, coordinator, "receipts", path, NOVEMBER, EXCEL_IT)
        assert read_back(path, EXCEL_IT)[1][-1] == "no"


def test_a_million_visits_stream(services: Services, coordinator: Actor) -> None:
    """The rows come from a generator that reads a week at a time: nothing is read before asked."""
    rows = EXPORTS["visits"].rows
    assert rows is not None
    produced = rows(services, coordinator, Period(date(2000, 1, 1), date(2030, 1, 1)))
    assert isinstance(produced, Iterator)
    assert next(iter(produced), None) is None


@pytest.mark.usefixtures("house")
def test_the_command_line_writes_an_export(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    path = tmp_path / "prenotazioni.csv"
    database = str(services.database.path)
    arguments = ["--lang", "en", "export", "bookings", "--out", str(path), "--db", database]
    assert main([*arguments, "--from", "2026-11-01", "--to", "2026-12-31", "--format", "plain"]) == 0
    assert capsys.readouterr().out.strip() == f"6 rows written to {path}."
    assert read_back(path, PLAIN)[1][:3] == ["2026-11-23", "10:00", "11:30"]
    assert main([*arguments]) == 1
    assert "first and the last day" in capsys.readouterr().err
    assert main(["export", "receipts", "--out", str(path), "--db", database]) == 0
    rows = read_back(path, EXCEL_IT)
    assert rows[0][0] == "Numero" and rows[1][0] == "1/2026"
