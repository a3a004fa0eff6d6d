"""Receipts: numbering with no gap, the new year, cancelling, reprints, search, the SQL guards, the CSV."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.cli import main
from app.clock import FixedClock
from app.db.engine import Database
from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.people import PersonDraft
from app.services.roles import Actor


@pytest.fixture
def ticket(services: Services, admin: Actor) -> int:
    return next(row.id for row in services.cash_settings.categories(admin) if row.code == "service_ticket")


@pytest.fixture
def room_hire(services: Services, admin: Actor) -> int:
    return next(row.id for row in services.cash_settings.categories(admin) if row.code == "room_hire")


def sell_ticket(services: Services, actor: Actor, category: int, amount: int = 150, **values: object) -> int:
    """Record an incoming payment; returns its receipt's id."""
    details = services.cash.record_payment(actor, PaymentDraft(amount_cents=amount, category_id=category, **values))  # type: ignore[arg-type]
    assert details.receipt is not None
    return details.receipt.id


def numbers(path: Path) -> dict[int, list[int]]:
    """Every receipt number of each year, in order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT year, number FROM receipts ORDER BY year, number").fetchall()
    connection.close()
    result: dict[int, list[int]] = {}
    for year, number in rows:
        result.setdefault(year, []).append(number)
    return result


# -- numbering ------------------------------------------------------------------------------------


def test_numbers_are_consecutive_and_start_again_on_the_first_of_january(
    services: Services, volunteer: Actor, ticket: int, clock: FixedClock, database: Database
) -> None:
    clock.current = datetime(2026, 12, 31, 18, 55)
    for _round in range(3):
        sell_ticket(services, volunteer, ticket)
        clock.advance(minutes=1)
    clock.current = datetime(2027, 1, 1, 0, 0)  # DST-free midnight: the first second of the year
    first_of_2027 = sell_ticket(services, volunteer, ticket)
    sell_ticket(services, volunteer, ticket)
    assert numbers(database.path) == {2026: [1, 2, 3], 2027: [1, 2]}
    receipt = services.receipts.get(volunteer, first_of_2027)
    assert (receipt.code, receipt.issued_at) == ("1/2027", datetime(2027, 1, 1, 0, 0))


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("record"), st.integers(min_value=1, max_value=20_000)),
            st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=50)),
            st.tuples(st.just("reprint"), st.integers(min_value=0, max_value=50)),
            st.tuples(st.just("advance"), st.integers(min_value=1, max_value=120)),
        ),
        max_size=12,
    )
)
def test_any_sequence_keeps_numbers_gapless_and_deletes_nothing(
    services: Services,
    coordinator: Actor,
    room_hire: int,
    clock: FixedClock,
    database: Database,
    steps: list[tuple[str, int]],
) -> None:
    person = services.people.create(coordinator, PersonDraft(given_name="Ngozi", family_name="Okafor"))
    before = {
        receipt_id: services.receipts.get(coordinator, receipt_id)
        for receipt_id in services.receipts.search_ids(coordinator)
    }
    for action, value in steps:
        ids = services.receipts.search_ids(coordinator)
        if action == "record":
            sell_ticket(services, coordinator, room_hire, value, payer_person_id=person.id)
        elif action == "advance":
            clock.advance(days=value)
        elif ids and action == "cancel":
            receipt_id = ids[value % len(ids)]
            if services.receipts.get(coordinator, receipt_id).cancelled:
                with pytest.raises(ValidationError, match="already cancelled"):
                    services.receipts.cancel(coordinator, receipt_id, "Errore")
            else:
                assert services.receipts.cancel(coordinator, receipt_id, "Errore").cancelled
        elif ids:
            count = services.receipts.get(coordinator, ids[value % len(ids)]).reprint_count
            assert services.receipts.reprint(coordinator, ids[value % len(ids)]).reprint_count == count + 1
    for year, found in numbers(database.path).items():
        assert found == list(range(1, len(found) + 1)), year
    after = {
        receipt_id: services.receipts.get(coordinator, receipt_id)
        for receipt_id in services.receipts.search_ids(coordinator)
    }
    assert set(before) <= set(after)
    for receipt_id, old in before.items():
        new = after[receipt_id]
        assert (new.code, new.total_cents, new.payer, new.issued_at) == (
            old.code,
            old.total_cents,
            old.payer,
            old.issued_at,
        )
        assert new.reprint_count >= old.reprint_count and (new.cancelled or not old.cancelled)


# -- cancelling and reprinting --------------------------------------------------------------------


def test_cancelling_needs_a_reason_and_a_coordinator_and_keeps_the_number(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, ticket: int, clock: FixedClock
) -> None:
    receipt_id = sell_ticket(services, volunteer, ticket)
    with pytest.raises(PermissionDenied):
        services.receipts.cancel(volunteer, receipt_id, "Importo sbagliato")
    with pytest.raises(ValidationError) as caught:
        services.receipts.cancel(coordinator, receipt_id, "   ")
    assert caught.value.for_field("reason") == ["Write why the receipt is cancelled: it is printed on it."]
    clock.advance(minutes=5)
    cancelled = services.receipts.cancel(coordinator, receipt_id, " Importo sbagliato ")
    assert cancelled.code == "1/2026"
    assert cancelled.cancellation is not None
    assert (cancelled.cancellation.by_name, cancelled.cancellation.reason) == ("Teresa", "Importo sbagliato")
    assert cancelled.cancellation.at == datetime(2026, 11, 22, 9, 5)
    with pytest.raises(ValidationError, match=r"already cancelled .* by Teresa"):
        services.receipts.cancel(admin, receipt_id, "Di nuovo")
    replacement = sell_ticket(services, volunteer, ticket, 200)
    rows = services.receipts.rows(volunteer, services.receipts.search_ids(volunteer))
    assert [(row.code, row.cancelled, row.id) for row in rows] == [
        ("2/2026", False, replacement),
        ("1/2026", True, receipt_id),
    ]
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="receipt", entity_id=receipt_id))
    assert [(entry.action, entry.user_name) for entry in entries] == [("cancel", "Teresa"), ("create", "Samir")]


def test_a_reprint_is_counted_and_marked_as_duplicate(services: Services, volunteer: Actor, ticket: int) -> None:
    receipt_id = sell_ticket(services, volunteer, ticket)
    assert not services.receipts.get(volunteer, receipt_id).duplicate
    first = services.receipts.reprint(volunteer, receipt_id)
    second = services.receipts.reprint(volunteer, receipt_id)
    assert (first.duplicate, first.reprint_count, second.reprint_count) == (True, 1, 2)
    assert services.receipts.get(volunteer, receipt_id).reprint_count == 2


# -- finding receipts -----------------------------------------------------------------------------


def test_search_by_number_payer_and_dates(
    services: Services, volunteer: Actor, room_hire: int, clock: FixedClock
) -> None:
    people = {
        family: services.people.create(volunteer, PersonDraft(given_name=given, family_name=family)).id
        for given, family in (("Milica", "Đorđević"), ("芳", "王"), ("Nicolò", "Ferrero"))
    }
    clock.current = datetime(2025, 12, 30, 10, 0)
    old = sell_ticket(services, volunteer, room_hire, 5000, payer_person_id=people["Ferrero"])
    clock.current = datetime(2026, 3, 2, 10, 0)
    march = [sell_ticket(services, volunteer, room_hire, 5000, payer_person_id=people[name]) for name in people]
    clock.current = datetime(2026, 4, 1, 10, 0)
    april = sell_ticket(services, volunteer, room_hire, 5000, payer_person_id=people["Ferrero"])

    def found(**query: object) -> list[int]:
        return services.receipts.search_ids(volunteer, **query)  # type: ignore[arg-type]

    assert found() == [april, *reversed(march), old]
    assert found(query="1") == [march[0], old]
    assert found(query="1/2026") == [march[0]]
    assert found(query=" 1 / 2025 ") == [old]
    assert found(query="dorde") == [march[0]]
    assert found(query="王") == [march[1]]
    assert found(query="NICOLO ferr") == [april, march[2], old]
    assert found(query="ferrero", year=2026) == [april, march[2]]
    assert found(date_from=date(2026, 3, 2), date_to=date(2026, 3, 2)) == list(reversed(march))
    assert found(query="ferrero", date_from=date(2026, 1, 1)) == [april, march[2]]
    assert found(query="nobody") == []
    rows = services.receipts.rows(volunteer, [april, 9999, old])
    assert [(row.code, row.payer_name, row.category, row.total_cents) for row in rows] == [
        ("4/2026", "Ferrero Nicolò", "room hire", 5000),
        ("1/2025", "Ferrero Nicolò", "room hire", 5000),
    ]


# -- guards in the database itself ----------------------------------------------------------------


def refused(database: Database, statement: str) -> str:
    """The message SQLite gives when it refuses ``statement`` (the test fails when it does not)."""
    with pytest.raises(Exception) as caught, database.engine.begin() as connection:
        connection.execute(text(statement))
    return str(caught.value)


def test_receipts_cannot_be_deleted_or_edited_in_sql(
    services: Services, volunteer: Actor, coordinator: Actor, ticket: int, database: Database
) -> None:
    receipt_id = sell_ticket(services, volunteer, ticket)
    with database.engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(receipts)"))]
    editable = {"cancelled_at", "cancelled_by_id", "cancel_reason", "reprint_count"}
    for column in columns:
        if column not in editable:  # every column added later is frozen unless named here
            assert "never edited" in refused(database, f"UPDATE receipts SET {column} = {column}"), column
    assert "never deleted" in refused(database, "DELETE FROM receipts")
    assert "never edited" in refused(database, "UPDATE receipts SET reprint_count = -1")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE receipts SET reprint_count = reprint_count + 1"))
    assert "CHECK" in refused(database, "UPDATE receipts SET cancelled_at = '2026-11-22 10:00:00'")  # half a cancel
    services.receipts.cancel(coordinator, receipt_id, "Errore")
    assert "already cancelled" in refused(database, "UPDATE receipts SET cancel_reason = 'altro'")
    assert "never changed" in refused(database, "UPDATE payments SET amount_cents = 1")
    assert "never deleted" in refused(database, "DELETE FROM payments")
    assert "UNIQUE" in refused(
        database,
        "INSERT INTO receipts (year, number, issued_at, payment_id, total_cents, stamp_duty, payer_name, "
        "payer_address, payer_fiscal_code, payer_key, user_id, reprint_count) "
        "SELECT year, number, issued_at, payment_id, total_cents, stamp_duty, '', '', '', '', user_id, 0 FROM receipts",
    )
    assert services.receipts.get(volunteer, receipt_id).reprint_count == 1


# -- the accountant's CSV and the command line ----------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file, delimiter=";"))


@pytest.fixture
def period(
    services: Services, volunteer: Actor, coordinator: Actor, room_hire: int, ticket: int, clock: FixedClock
) -> None:
    person = services.people.create(volunteer, PersonDraft(given_name="Olena", family_name="Шевченко"))
    clock.current = datetime(2026, 2, 27, 10, 0)
    sell_ticket(services, volunteer, ticket, 150, description="Doccia")
    clock.current = datetime(2026, 3, 2, 11, 0)
    cancelled = sell_ticket(
        services, volunteer, room_hire, 123456, payer_person_id=person.id, method=PaymentMethod.TRANSFER
    )
    services.receipts.cancel(coordinator, cancelled, "Importo sbagliato")
    clock.current = datetime(2026, 3, 31, 18, 0)
    sell_ticket(services, volunteer, room_hire, 12345, payer_person_id=person.id, method=PaymentMethod.CARD)
    clock.current = datetime(2026, 4, 1, 9, 0)
    sell_ticket(services, volunteer, ticket, 300)


MARCH = [
    ["Number", "Date", "Payer", "Category", "Method", "Amount", "Cancelled"],
    ["2/2026", "02/03/2026", "Шевченко Olena", "room hire", "bank transfer", "1234,56", "yes"],
    ["3/2026", "31/03/2026", "Шевченко Olena", "room hire", "card", "123,45", "no"],
]


@pytest.mark.usefixtures("period")
def test_the_csv_lists_one_row_per_receipt_of_the_period(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "marzo.csv"
    with pytest.raises(PermissionDenied):
        services.receipts.export_csv(volunteer, date(2026, 3, 1), date(2026, 3, 31), path)
    with pytest.raises(ValidationError, match="swap"):
        services.receipts.export_csv(coordinator, date(2026, 3, 31), date(2026, 3, 1), path)
    assert services.receipts.export_csv(coordinator, date(2026, 3, 1), date(2026, 3, 31), path) == 2
    assert read_csv(path) == MARCH
    assert not list(tmp_path.glob("*.partial"))
    assert services.receipts.export_csv(coordinator, date(2026, 1, 1), date(2026, 12, 31), path) == 4
    rows = read_csv(path)
    assert [row[0] for row in rows[1:]] == ["1/2026", "2/2026", "3/2026", "4/2026"]
    assert rows[1][2] == "—"  # anonymous
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="receipts"))
    assert [(entry.action, entry.user_name) for entry in entries] == [("export", "Teresa"), ("export", "Teresa")]


@pytest.mark.usefixtures("period")
def test_the_command_line_exports_the_csv(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "per il commercialista.csv"
    arguments = ["--lang", "en", "receipts", "--from", "2026-03-01", "--to", "2026-03-31", "--csv", str(path)]
    assert main([*arguments, "--db", str(database.path)]) == 0
    assert capsys.readouterr().out.strip() == f"2 receipts written to {path}."
    assert read_csv(path) == MARCH
    with sqlite3.connect(database.path) as connection:
        last = connection.execute(
            "SELECT user_id, action, entity FROM audit_entries ORDER BY id DESC LIMIT 1"
        ).fetchone()
    connection.close()
    assert last == (None, "export", "receipts")

    assert main([*arguments, "--db", str(tmp_path / "missing.sqlite3")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite3").exists()
    with pytest.raises(SystemExit):
        main(["--lang", "en", "receipts", "--from", "31/03/2026", "--to", "2026-03-31", "--csv", str(path)])
    assert "YYYY-MM-DD" in capsys.readouterr().err

    unwritable = tmp_path / "no such folder" / "marzo.csv"
    assert main([*arguments[:-1], str(unwritable), "--db", str(database.path)]) == 1
    assert "cannot be written" in capsys.readouterr().err
    assert not unwritable.parent.exists()


@pytest.mark.usefixtures("period")
def test_the_csv_speaks_italian_for_the_accountant(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "marzo.csv"
    arguments = [
        "receipts",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--csv",
        str(path),
        "--db",
        str(database.path),
    ]
    assert main(arguments) == 0
    rows = read_csv(path)
    assert rows[0] == ["Numero", "Data", "Pagante", "Categoria", "Metodo", "Importo", "Annullata"]
    assert rows[1][3:] == ["affitto sala", "bonifico", "1234,56", "sì"]


def test_the_csv_never_turns_a_name_into_a_formula(
    services: Services, volunteer: Actor, coordinator: Actor, room_hire: int, tmp_path: Path
) -> None:
    person = services.people.create(volunteer, PersonDraft(given_name="x", family_name='=HYPERLINK("a")'))
    sell_ticket(services, volunteer, room_hire, 5000, payer_person_id=person.id)
    path = tmp_path / "oggi.csv"
    services.receipts.export_csv(coordinator, date(2026, 11, 22), date(2026, 11, 22), path)
    assert read_csv(path)[1][2] == '\'=HYPERLINK("a") x'
