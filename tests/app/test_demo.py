"""The demo house: reproducible, valid by the services' own rules, and searchable like real data."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from stdnum.it import iva

from app.cli import main
from app.clock import FixedClock
from app.db.models import Organisation, Person
from app.db.schema import open_database
from app.demo import DEMO_HOUSE, DEMO_TODAY, DEMO_USERS, write_demo
from app.errors import ValidationError
from app.services import Services
from app.services.accounts import pin_problems
from app.services.house import HouseDetails
from app.services.organisations import OrganisationDraft, OrganisationKind, OrganisationService
from app.services.people import CONSENT_AGE, PersonDraft, apply_keys, may_be_under, search_key

PERSON_DRAFT_COLUMNS = (
    "given_name",
    "family_name",
    "phone",
    "email",
    "address",
    "birth_date",
    "birth_year",
    "notes",
    "consent_date",
    "consent_notice_version",
    "photo_release",
    "guardian_id",
)


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small demo for the tests that only read it; the others copy it first."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    write_demo(path)
    return path


@pytest.fixture
def connection(small_demo: Path) -> Iterator[sqlite3.Connection]:
    with sqlite3.connect(f"file:{small_demo}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        yield db
    db.close()


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        content = {}
        for table in tables:
            width = len(db.execute(f"SELECT * FROM {table} LIMIT 0").description)
            order = "1, 2" if width > 1 else "1"
            content[table] = db.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    db.close()
    return content


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def draft_of(row: sqlite3.Row) -> PersonDraft:
    values = {name: row[name] for name in PERSON_DRAFT_COLUMNS}
    values["birth_date"] = to_date(row["birth_date"])
    values["consent_date"] = to_date(row["consent_date"])
    values["photo_release"] = bool(row["photo_release"])
    return PersonDraft(**values)


# -- content ------------------------------------------------------------------------------------


def test_the_small_demo_has_its_house_people_and_organisations(connection: sqlite3.Connection) -> None:
    def count(table: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    assert count("people") == 300
    assert count("organisations") == 20
    assert count("users") == len(DEMO_USERS)
    assert [tuple(row) for row in connection.execute("SELECT action, entity FROM audit_entries")] == [("demo", "house")]
    for organisation_id, members in connection.execute(
        "SELECT organisation_id, count(*) FROM organisation_members GROUP BY organisation_id"
    ):
        assert 2 <= members <= 30, organisation_id
    origins = {row[0] for row in connection.execute("SELECT family_name FROM people")}
    assert {"Đorđević", "王", "D'Amico"} <= origins


def test_the_house_details_are_stored_like_the_first_run_stores_them(small_demo: Path) -> None:
    database = open_database(small_demo, backups_dir=small_demo.parent)
    try:
        details = Services.build(database=database, clock=FixedClock()).house.details()
    finally:
        database.close()
    assert details == DEMO_HOUSE
    assert details == HouseDetails(
        name="Casa del Quartiere — Bagni Pubblici di Via Agliè (demo)",
        address="Via Agliè 9, 10154 Torino",
        fiscal_code="97735280014",
    )


def test_the_demo_users_sign_in_and_search_finds_names_of_every_script(small_demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite3"
    shutil.copy(small_demo, path)
    database = open_database(path, backups_dir=tmp_path)
    try:
        services = Services.build(database=database, clock=FixedClock(datetime(2026, 11, 23, 9, 0)))
        users = {row.name: row for row in services.accounts.users_for_login()}
        assert sorted(users) == sorted(user.name for user in DEMO_USERS)
        for user in DEMO_USERS:
            assert not pin_problems(user.pin).items, user
            actor = services.accounts.login(users[user.name].id, user.pin)
            assert actor.role is user.role
            services.accounts.check_pin(actor, user.pin)  # raises on a wrong PIN
        actor = services.accounts.login(users["Samir"].id, "135790")

        def names(query: str) -> list[tuple[str, str]]:
            rows = services.people.rows(actor, services.people.search_ids(actor, query))
            return [(row.given_name, row.family_name) for row in rows]

        assert ("Nicolò", "Ferrero") in names("nicolo")
        assert all("nicol" in search_key(PersonDraft(given_name=g, family_name=f)) for g, f in names("nicolo"))
        assert ("Milica", "Đorđević") in names("dorđ")
        assert all(family == "Đorđević" for _given, family in names("dorđević"))
        assert ("محمد", "العلوي") in names("محمد")
        assert ("芳", "王") in names("王")
        assert ("芳", "王") in names("王 芳")
        assert services.people.count(actor) == 300
        before = dump(path)["people"]
        for person_id in services.people.search_ids(actor):
            # Saving each person unchanged runs the editor's validation, and leaves the row as it was.
            services.people.update(actor, person_id, services.people.get(actor, person_id).draft)
        assert dump(path)["people"] == before
    finally:
        database.close()


def test_minors_with_consent_have_an_adult_guardian_of_their_family(connection: sqlite3.Connection) -> None:
    people = {row["id"]: row for row in connection.execute("SELECT * FROM people")}
    minors = 0
    for row in people.values():
        draft = draft_of(row)
        if draft.photo_release:
            assert draft.consent_date is not None
        if draft.consent_date is not None:
            assert draft.consent_notice_version in ("2023-1", "2025-1")
            assert draft.consent_date < DEMO_TODAY
        if may_be_under(CONSENT_AGE, birth_date=draft.birth_date, birth_year=draft.birth_year, today=DEMO_TODAY):
            assert draft.birth_date is None or draft.birth_date <= DEMO_TODAY
            if draft.consent_date is not None:
                minors += 1
                assert draft.guardian_id is not None, row["id"]
        if draft.guardian_id is not None:
            guardian = draft_of(people[draft.guardian_id])
            assert guardian.family_name == draft.family_name
            assert not may_be_under(
                18, birth_date=guardian.birth_date, birth_year=guardian.birth_year, today=DEMO_TODAY
            )
            assert draft.guardian_id < row["id"]
        if draft.birth_date is not None:
            assert draft.birth_year == draft.birth_date.year
    assert minors > 0


def test_every_fiscal_code_is_valid(connection: sqlite3.Connection) -> None:
    assert iva.is_valid(DEMO_HOUSE.fiscal_code)
    kinds = set()
    for name, kind, fiscal_code in connection.execute("SELECT name, kind, fiscal_code FROM organisations"):
        kinds.add(kind)
        OrganisationKind(kind)
        if kind in ("association", "cooperative"):
            assert iva.is_valid(fiscal_code), name
        elif kind == "informal_group":
            assert fiscal_code == "", name
        else:
            assert fiscal_code == "" or iva.is_valid(fiscal_code), name
    assert {"association", "informal_group", "cooperative"} <= kinds


def test_the_keys_are_the_ones_the_services_compute(connection: sqlite3.Connection) -> None:
    for row in connection.execute("SELECT * FROM people"):
        draft = draft_of(row)
        assert row["search_key"] == search_key(draft), row["id"]
        expected = Person()
        apply_keys(expected, draft)
        for column in ("sort_key", "name_key", "phone_key", "email_key"):
            assert row[column] == getattr(expected, column), (row["id"], column)
        assert row["email"].isascii()
        assert row["email"] == "" or row["email"].endswith(("@example.org", "@example.com"))
        assert row["created_at"] <= row["updated_at"] < "2026-11-22"


def test_the_organisations_keys_are_the_ones_the_service_computes(
    connection: sqlite3.Connection, small_demo: Path, tmp_path: Path
) -> None:
    for row in connection.execute("SELECT * FROM organisations"):
        draft = OrganisationDraft(
            name=row["name"],
            kind=OrganisationKind(row["kind"]),
            fiscal_code=row["fiscal_code"],
            contact_person_id=row["contact_person_id"],
            phone=row["phone"],
            email=row["email"],
            notes=row["notes"],
        )
        expected = Organisation()
        OrganisationService._apply(expected, draft)
        assert (row["search_key"], row["sort_key"]) == (expected.search_key, expected.sort_key), row["name"]
        assert row["email"] == "" or row["email"].endswith(("@example.org", "@example.com"))

    path = tmp_path / "copy.sqlite3"
    shutil.copy(small_demo, path)  # signing in writes to the file
    database = open_database(path, backups_dir=tmp_path)
    try:
        services = Services.build(database=database, clock=FixedClock())
        users = {user.name: user for user in services.accounts.users_for_login()}
        actor = services.accounts.login(users["Teresa"].id, "864209")
        assert services.organisations.search_ids(actor, "barriera")
        for organisation_id in services.organisations.search_ids(actor):
            details = services.organisations.get(actor, organisation_id)
            assert 2 <= len(details.members) <= 30
            assert details.draft.contact_person_id in details.draft.member_ids
            services.organisations.update(actor, organisation_id, details.draft)  # validates, changes nothing
        assert dump(path)["organisations"] == [tuple(row) for row in connection.execute("SELECT * FROM organisations")]
    finally:
        database.close()


def test_some_organisations_are_members_mostly_associations(connection: sqlite3.Connection) -> None:
    rows = connection.execute("SELECT kind, member, created_at FROM organisations").fetchall()
    members = [row for row in rows if row["member"]]
    assert 3 <= len(members) <= len(rows) // 2
    kinds = [row["kind"] for row in members]
    assert kinds.count("association") > len(kinds) / 2
    assert "public_body" not in kinds  # they use the rooms free
    associations = [row for row in rows if row["kind"] == "association"]
    assert any(row["member"] for row in associations) and not all(row["member"] for row in associations)


def test_the_same_seed_gives_the_same_content_and_another_seed_another(tmp_path: Path) -> None:
    # The PIN hashes are salted with a salt derived from the seed (not the usual random salt), so
    # every table, users.pin_hash included, must come out the same.
    first, second, other = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3", tmp_path / "other.sqlite3"
    write_demo(first, seed=7)
    write_demo(second, seed=7)
    write_demo(other, seed=8)
    assert dump(first) == dump(second)
    different = dump(other)
    assert different["people"] != dump(first)["people"]
    assert different["users"] != dump(first)["users"]  # another salt
    assert different["settings"] == dump(first)["settings"]


def test_the_content_follows_the_given_day_and_never_the_clock(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    write_demo(path, today=date(2024, 3, 1))
    with sqlite3.connect(path) as db:
        latest = db.execute(
            "SELECT max(max(created_at), max(updated_at)), max(consent_date), max(birth_date) FROM people"
        ).fetchone()
        (at,) = db.execute("SELECT at FROM audit_entries").fetchone()
    db.close()
    assert all(value < "2024-03-01" for value in latest)
    assert at.startswith("2024-03-01")


# -- refusals and the command line ---------------------------------------------------------------


def test_an_existing_file_is_left_alone_unless_replaced(tmp_path: Path) -> None:
    path = tmp_path / "house.sqlite3"
    path.write_bytes(b"the coordinator's real house")
    with pytest.raises(ValidationError) as error:
        write_demo(path)
    assert str(path) in str(error.value)
    assert path.read_bytes() == b"the coordinator's real house"

    progress: list[str] = []
    summary = write_demo(path, replace=True, progress=progress.append)
    assert str(path) in summary and "300" in summary
    assert len(progress) >= 3
    assert dump(path)["people"]


def test_an_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        write_demo(tmp_path / "house.sqlite3", size="medium")
    assert not (tmp_path / "house.sqlite3").exists()


def test_the_cli_writes_a_demo_and_refuses_to_overwrite_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", str(path), "--seed", "3"]) == 0
    assert path.exists()
    written = dump(path)
    assert main(["demo", str(path), "--seed", "3"]) == 2
    assert "--force" in capsys.readouterr().out
    assert dump(path) == written
    assert main(["demo", str(path), "--seed", "4", "--force"]) == 0
    assert dump(path)["people"] != written["people"]
