"""The command line a coordinator can script."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pytest

from app import __version__
from app.cli import main
from app.clock import FixedClock
from app.db.schema import open_database
from app.services import Services
from app.services.organisations import OrganisationDraft
from app.services.roles import COMMAND_LINE


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


# -- rooms and calendars -------------------------------------------------------------------------

COURSE_ICS = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
X-WR-TIMEZONE:Europe/Rome
BEGIN:VEVENT
DTSTART;TZID=Europe/Rome:20261201T180000
DTEND;TZID=Europe/Rome:20261201T200000
RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4
EXDATE;TZID=Europe/Rome:20261215T180000
DTSTAMP:20261101T080000Z
UID:corso-cli@google.com
SUMMARY:Corso di cucito
END:VEVENT
BEGIN:VEVENT
DTSTART:20261205T090000Z
DTEND:20261205T110000Z
DTSTAMP:20261101T080000Z
UID:assemblea-cli@google.com
SUMMARY:Assemblea
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261206
DTEND;VALUE=DATE:20261207
DTSTAMP:20261101T080000Z
UID:festa-cli@google.com
SUMMARY:Festa
END:VEVENT
END:VCALENDAR
"""


def out(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


def audit_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT user_id, action, entity FROM audit_entries ORDER BY id").fetchall()
    connection.close()
    return rows


@pytest.fixture
def house_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A file made from nothing by the command line: two rooms of a hall and an association."""
    path = tmp_path / "new.sqlite3"
    assert (
        main(["--lang", "en", "rooms", "add", "Sala Grande", "--capacity", "100", "--rate", "40", "--db", str(path)])
        == 0
    )
    arguments = ["rooms", "add", "Sala Grande – lato cortile", "--capacity", "50", "--rate", "22,00"]
    assert (
        main(["--lang", "en", *arguments, "--member-rate", "14.00", "--part-of", "sala grande", "--db", str(path)]) == 0
    )
    database = open_database(path, backups_dir=tmp_path)
    try:
        services = Services.build(database=database, clock=FixedClock())
        services.organisations.create(COMMAND_LINE, OrganisationDraft(name="Sartoria Filo Rosso"))
        services.closures.add(COMMAND_LINE, date(2026, 12, 8), reason="Immacolata")
    finally:
        database.close()
    capsys.readouterr()
    return path


def test_rooms_add_creates_a_new_file_with_no_users_and_logs_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.sqlite3"
    assert (
        main(
            ["--lang", "en", "rooms", "add", "Sala riunioni", "--capacity", "20", "--rate", "12,50", "--db", str(path)]
        )
        == 0
    )
    printed, _errors = out(capsys)
    assert f"New database file created: {path}." in printed
    assert "Room “Sala riunioni” added: 20 people, €12.50 an hour." in printed
    assert (
        main(["--lang", "en", "rooms", "add", "Cucina", "--capacity", "1", "--rate", "12.50", "--db", str(path)]) == 0
    )
    assert "Room “Cucina” added: 1 person, €12.50 an hour." in out(capsys)[0]
    with sqlite3.connect(path) as connection:
        rooms = connection.execute("SELECT name, capacity, hourly_rate_cents, member_rate_cents FROM rooms").fetchall()
        users = connection.execute("SELECT count(*) FROM users").fetchone()[0]
    connection.close()
    assert sorted(rooms) == [("Cucina", 1, 1250, 1250), ("Sala riunioni", 20, 1250, 1250)]
    assert users == 0  # the desk still asks for its first admin
    assert audit_rows(path) == [(None, "create", "room"), (None, "create", "room")]


def test_rooms_add_refuses_mistakes_with_exit_code_1_and_leaves_no_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], house_file: Path
) -> None:
    new = tmp_path / "other.sqlite3"
    assert main(["--lang", "en", "rooms", "add", "Aula", "--capacity", "10", "--rate", "dodici", "--db", str(new)]) == 1
    assert "“dodici” is not an amount" in out(capsys)[1]
    assert main(["--lang", "en", "rooms", "add", "Aula", "--capacity", "0", "--db", str(new)]) == 1
    assert "Write how many people the room holds: at least 1." in out(capsys)[1]
    assert not new.exists()

    before = audit_rows(house_file)
    assert main(["--lang", "en", "rooms", "add", "SALA GRANDE", "--capacity", "10", "--db", str(house_file)]) == 1
    assert "Another room already has this name" in out(capsys)[1]
    assert (
        main(
            ["--lang", "en", "rooms", "add", "Palco", "--capacity", "9", "--part-of", "Teatro", "--db", str(house_file)]
        )
        == 1
    )
    assert "There is no room called “Teatro”. The rooms are: Sala Grande, Sala Grande – lato cortile." in out(capsys)[1]
    arguments = [
        "rooms",
        "add",
        "Aula",
        "--capacity",
        "9",
        "--rate",
        "10",
        "--member-rate",
        "12",
        "--db",
        str(house_file),
    ]
    assert main(["--lang", "en", *arguments]) == 1
    assert "The member rate is a reduced rate" in out(capsys)[1]
    assert audit_rows(house_file) == before


def test_rooms_list_prints_a_table_in_the_chosen_language(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "rooms", "list", "--db", str(house_file)]) == 0
    lines = out(capsys)[0].splitlines()
    assert lines[0].split() == ["Room", "Capacity", "Rate/hour", "Member", "rate/hour", "Part", "of", "In", "use"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["Sala", "Grande", "100", "€40.00", "€40.00", "yes"]
    assert lines[3].split() == [
        "Sala",
        "Grande",
        "–",
        "lato",
        "cortile",
        "50",
        "€22.00",
        "€14.00",
        "Sala",
        "Grande",
        "yes",
    ]
    assert lines[2].index("€40.00") == lines[3].index("€22.00")  # the amounts are aligned

    assert main(["--lang", "it", "rooms", "list", "--db", str(house_file)]) == 0
    italian = out(capsys)[0]
    assert italian.splitlines()[0].startswith("Sala ") and "22,00\xa0€" in italian and "sì" in italian

    assert main(["--lang", "en", "rooms", "list", "--db", str(tmp_path / "missing.sqlite3")]) == 1
    assert "does not exist" in out(capsys)[1]

    empty = tmp_path / "empty.sqlite3"
    open_database(empty, backups_dir=tmp_path).close()
    assert main(["--lang", "en", "rooms", "list", "--db", str(empty)]) == 0
    assert out(capsys)[0] == "The house has no rooms yet: add one with “portineria rooms add”.\n"


def test_import_ics_dry_run_then_import_then_again(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "corso.ics"
    ics.write_text(COURSE_ICS.replace("\n", "\r\n"), encoding="utf-8", newline="")
    command = ["--lang", "en", "import-ics", str(ics), "--room", "sala grande – lato cortile", "--db", str(house_file)]

    assert main([*command, "--organisation", "filo rosso", "--dry-run"]) == 0
    printed = out(capsys)[0]
    assert "2 bookings would be created, 1 event skipped, 1 date in conflict." in printed
    assert "in conflict: Dec 8, 2026 6:00\u202fPM Corso di cucito: Dec 8, 2026: the house is closed" in printed
    assert "skipped: Dec 6, 2026 Festa: All-day events are not booked" in printed
    assert printed.rstrip().endswith("Dry run: nothing was saved.")
    with sqlite3.connect(house_file) as connection:
        assert connection.execute("SELECT count(*) FROM bookings").fetchone()[0] == 0
    connection.close()

    assert main([*command, "--organisation", "Sartoria Filo Rosso"]) == 0
    printed = out(capsys)[0]
    assert "2 bookings created, 1 event skipped, 1 date in conflict." in printed
    with sqlite3.connect(house_file) as connection:
        series = connection.execute("SELECT rrule, exdates, organisation_id FROM booking_series").fetchall()
        bookings = connection.execute("SELECT starts_at, purpose FROM bookings").fetchall()
    connection.close()
    assert len(series) == 1 and "2026-12-08T18:00" in series[0][1] and "2026-12-15T18:00" in series[0][1]
    assert bookings == [("2026-12-05 10:00:00.000000", "Assemblea")]
    assert (None, "create", "booking_series") in audit_rows(house_file)

    assert main([*command, "--organisation", "Sartoria Filo Rosso"]) == 0
    assert "0 bookings created, 3 events skipped" in out(capsys)[0]


def test_import_ics_explains_what_is_wrong(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "corso.ics"
    ics.write_text(COURSE_ICS, encoding="utf-8")
    base = ["--lang", "en", "import-ics", str(ics), "--db", str(house_file)]
    assert main([*base, "--room", "Cortile", "--organisation", "Filo"]) == 1
    assert "There is no room called “Cortile”" in out(capsys)[1]
    assert main([*base, "--room", "Sala Grande", "--organisation", "Banda"]) == 1
    assert "No association is called “Banda”" in out(capsys)[1]
    assert main([*base, "--room", "Sala Grande", "--person", "Rossi Mario"]) == 1
    assert "Nobody called “Rossi Mario” is known" in out(capsys)[1]
    not_a_calendar = tmp_path / "notes.ics"
    not_a_calendar.write_text("shopping list", encoding="utf-8")
    assert main([*base[:3], str(not_a_calendar), *base[4:], "--room", "Sala Grande", "--organisation", "Filo"]) == 1
    assert "is not a calendar" in out(capsys)[1]
    with pytest.raises(SystemExit) as exited:
        main([*base, "--room", "Sala Grande", "--organisation", "Filo", "--person", "Rossi Mario"])
    assert exited.value.code == 2
    assert "--organisation" in out(capsys)[1]
    assert main([*base, "--room", "Cortile"]) == 1  # a wrong room creates no group either
    assert "There is no room called “Cortile”" in out(capsys)[1]
    assert organisations(house_file) == [("Sartoria Filo Rosso", "association")]


def organisations(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name, kind FROM organisations ORDER BY id").fetchall()
    connection.close()
    return rows


def holders(path: Path) -> set[str]:
    """The names of who booked each booking and series."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT o.name FROM bookings b JOIN organisations o ON o.id = b.organisation_id "
            "UNION ALL SELECT o.name FROM booking_series s JOIN organisations o ON o.id = s.organisation_id"
        ).fetchall()
    connection.close()
    return {name for (name,) in rows}


NAMED_ICS = COURSE_ICS.replace("X-WR-TIMEZONE:Europe/Rome\n", "X-WR-TIMEZONE:Europe/Rome\nX-WR-CALNAME:  Il Ponte \n")


def test_import_ics_without_holder_books_for_the_group_named_after_the_calendar(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "export-google.ics"
    ics.write_text(NAMED_ICS, encoding="utf-8")
    command = ["--lang", "en", "import-ics", str(ics), "--room", "Sala Grande – lato cortile", "--db", str(house_file)]

    assert main(command) == 0
    printed = out(capsys)[0]
    assert printed.startswith("Who books: “Il Ponte”, a new informal group named after the calendar, created now.\n")
    assert "2 bookings created, 1 event skipped, 1 date in conflict." in printed
    assert organisations(house_file) == [("Sartoria Filo Rosso", "association"), ("Il Ponte", "informal_group")]
    assert holders(house_file) == {"Il Ponte"}
    assert (None, "create", "organisation") in audit_rows(house_file)

    before = audit_rows(house_file)
    assert main(command) == 0  # again: the group is found, nothing is created
    printed = out(capsys)[0]
    assert printed.startswith("Who books: “Il Ponte”, the association or group named after the calendar.\n")
    assert "0 bookings created, 3 events skipped" in printed
    assert organisations(house_file) == [("Sartoria Filo Rosso", "association"), ("Il Ponte", "informal_group")]
    assert audit_rows(house_file) == before

    # The group is found whatever the case of the calendar's name.
    ics.write_text(NAMED_ICS.replace("Il Ponte", "IL PONTE"), encoding="utf-8")
    assert main(command) == 0
    assert out(capsys)[0].startswith("Who books: “Il Ponte”, the association or group named after the calendar.\n")
    assert len(organisations(house_file)) == 2 and audit_rows(house_file) == before


def test_import_ics_dry_run_without_holder_creates_nothing_at_all(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "export-google.ics"
    ics.write_text(NAMED_ICS, encoding="utf-8")
    before = audit_rows(house_file)
    command = ["--lang", "en", "import-ics", str(ics), "--room", "sala grande – lato cortile", "--db", str(house_file)]
    assert main([*command, "--dry-run"]) == 0
    printed = out(capsys)[0]
    assert printed.startswith(
        "Who books: “Il Ponte”, a new informal group named after the calendar; the import will create it.\n"
    )
    # The series is checked all the same: its date on a closed day is reported.
    assert "2 bookings would be created, 1 event skipped, 1 date in conflict." in printed
    assert "in conflict: Dec 8, 2026 6:00\u202fPM Corso di cucito" in printed
    assert printed.rstrip().endswith("Dry run: nothing was saved.")
    assert organisations(house_file) == [("Sartoria Filo Rosso", "association")]
    assert holders(house_file) == set()
    assert audit_rows(house_file) == before


def test_import_ics_without_holder_or_calendar_name_uses_the_file_name(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "Coro  Multietnico.ics"
    ics.write_text(COURSE_ICS, encoding="utf-8")
    assert "X-WR-CALNAME" not in COURSE_ICS
    command = ["import-ics", str(ics), "--room", "Sala Grande", "--db", str(house_file)]
    assert main(["--lang", "it", *command, "--dry-run"]) == 0
    printed = out(capsys)[0]
    assert printed.startswith("Chi prenota: “Coro Multietnico”, nuovo gruppo informale")
    assert "lo creerà l’importazione" in printed
    assert organisations(house_file) == [("Sartoria Filo Rosso", "association")]

    assert main(["--lang", "it", *command]) == 0
    printed = out(capsys)[0]
    assert printed.startswith("Chi prenota: “Coro Multietnico”, nuovo gruppo informale")
    assert "creato ora" in printed
    assert organisations(house_file)[-1] == ("Coro Multietnico", "informal_group")
    assert holders(house_file) == {"Coro Multietnico"}


def test_import_ics_help_says_who_books_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--lang", "en", "import-ics", "--help"])
    assert exited.value.code == 0
    printed = " ".join(out(capsys)[0].split())
    assert "[--organisation NAME | --person NAME]" in printed
    assert "Without --organisation or --person the events are booked for the association or group named" in printed


def test_export_ics_of_a_room_and_of_the_house(
    house_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ics = tmp_path / "corso.ics"
    ics.write_text(COURSE_ICS, encoding="utf-8")
    main(["import-ics", str(ics), "--room", "Sala Grande", "--organisation", "Filo", "--db", str(house_file)])
    capsys.readouterr()
    target = tmp_path / "programma.ics"
    dates = ["--from", "2026-12-01", "--to", "2026-12-31"]
    assert main(["--lang", "en", "export-ics", str(target), *dates, "--db", str(house_file)]) == 0
    assert f"3 events written to {target}." in out(capsys)[0]
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT")) == [
        "Assemblea",
        "Corso di cucito",
        "Corso di cucito",
    ]
    room = ["--room", "Sala Grande – lato cortile"]
    assert main(["--lang", "en", "export-ics", str(target), *dates, *room, "--db", str(house_file)]) == 0
    assert "0 events written" in out(capsys)[0]
    assert (
        main(
            [
                "--lang",
                "en",
                "export-ics",
                str(target),
                "--from",
                "2026-12-31",
                "--to",
                "2026-12-01",
                "--db",
                str(house_file),
            ]
        )
        == 1
    )
    assert "The first day comes after the last one" in out(capsys)[1]
    assert main(["--lang", "it", "export-ics", str(target), *dates, "--db", str(house_file)]) == 0
    assert "3 eventi" in out(capsys)[0]


def test_the_help_lists_the_room_commands_and_how_to_write_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    printed = out(capsys)[0]
    assert all(command in printed for command in ("rooms", "import-ics", "export-ics"))
    with pytest.raises(SystemExit):
        main(["--lang", "en", "rooms", "add", "--help"])
    assert "12,50 and 12.50 are both" in " ".join(out(capsys)[0].split())
