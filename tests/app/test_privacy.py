"""A person's data exported, erased by anonymisation, reviewed for retention; consent marks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.clock import FixedClock
from app.db.models import AuditEntry, Organisation, Person, Receipt, Visit
from app.errors import PermissionDenied, ValidationError
from app.i18n import in_language
from app.reports.person_data import write_person_data
from app.services import Services
from app.services.bookings import BookingDraft
from app.services.people import PersonDraft
from app.services.privacy import ERASED_FIELDS, name_matches, years_before
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from app.services.visits import AgeBand, VisitDraft
from tests.app.export_house import ExportHouse, build_export_house


@pytest.fixture
def house(services: Services, admin: Actor, coordinator: Actor, clock: FixedClock) -> ExportHouse:
    built = build_export_house(services, admin, coordinator, clock)
    services.memberships.sell(coordinator, built.arabic, 2026, 1500)
    room = services.rooms.create(coordinator, RoomDraft(name="Saletta", capacity=8)).id
    start = datetime(2026, 12, 20, 15, 0)
    services.bookings.create_booking(
        coordinator, BookingDraft(room, start, start + timedelta(hours=2), person_id=built.arabic, purpose="Compleanno")
    )
    return built


def close_everything(services: Services, coordinator: Actor, person_id: int) -> None:
    """Return their tools, withdraw their enrolments, cancel their bookings still to come."""
    for loan in services.loans.of_person(coordinator, person_id, open_only=True):
        services.loans.return_tool(coordinator, loan_id=loan.id, components_ok=True)
    for enrolment in services.enrolments.of_person(coordinator, person_id):
        services.enrolments.withdraw(coordinator, enrolment.id)
    with services.database.sessions.begin() as session:
        from app.db.models import Booking

        booking_ids = list(session.scalars(select(Booking.id).where(Booking.person_id == person_id)))
    for booking_id in booking_ids:
        services.bookings.cancel_booking(coordinator, booking_id)


# -- export ------------------------------------------------------------------------------------------


def test_export_holds_everything_about_the_person(services: Services, admin: Actor, house: ExportHouse) -> None:
    data = services.privacy.export(admin, house.arabic).data

    assert data["format"] == "portineria.person-data" and data["version"] == 1
    assert data["person"]["family_name"] == "العلي" and data["person"]["erased"] is False
    assert data["consent"] == {"date": None, "notice_version": "", "photo_release": False}
    assert [m["year"] for m in data["memberships"]] == [2026]
    # The card's payment and the tool's deposit, each with its receipt as printed.
    assert len(data["payments"]) == 2  # the card and the tool's deposit
    assert all(p["receipt"] is not None and p["receipt"]["payer_name"] for p in data["payments"])
    assert [b["purpose"] for b in data["bookings"]] == ["Festa; compleanno", "Compleanno"]
    assert [e["status"] for e in data["enrolments"]] == ["enrolled"]
    assert data["attendance"][0]["minutes"] == 120 and data["attendance_hours"] == 2.0
    assert [loan["returned_at"] for loan in data["loans"]] == [None]
    assert data["audit"][0]["action"] == "create"
    assert data["audit"][0]["user"] == "Teresa" and "given_name" in data["audit"][0]["fields"]
    other = services.privacy.export(admin, house.quoted).data
    assert [v["service"] for v in other["visits"]] == ["Docce"]
    assert other["organisations"] == [{"name": 'Filo; e "Ago"', "member": False, "contact": True}]


def test_export_is_logged_without_values(services: Services, admin: Actor, house: ExportHouse) -> None:
    services.privacy.export(admin, house.arabic)
    with services.database.sessions.begin() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert (entry.action, entry.entity, entry.entity_id, entry.fields) == ("export", "person", house.arabic, "")


def test_json_file_is_utf8_and_readable(services: Services, admin: Actor, house: ExportHouse, tmp_path: Path) -> None:
    path = services.privacy.export_json(admin, house.arabic, tmp_path / "dati.json")
    text = path.read_text(encoding="utf-8")
    assert "العلي" in text  # letters as they are, not \u escapes
    assert json.loads(text)["person"]["id"] == house.arabic


def test_pdf_prints_the_person_and_every_area(
    services: Services, admin: Actor, house: ExportHouse, tmp_path: Path
) -> None:
    data = services.privacy.export(admin, house.arabic).data
    path = write_person_data(data, tmp_path / "data.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "Your data held by Bagni Pubblici" in text
    for expected in ("Festa; compleanno", "Sartoria di quartiere", "Trapano a percussione", "Hours attended in all: 2"):
        assert expected in text
    with in_language("it"):
        path = write_person_data(data, tmp_path / "dati.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "I tuoi dati presso Bagni Pubblici" in text


def test_only_an_admin_exports(services: Services, coordinator: Actor, house: ExportHouse) -> None:
    with pytest.raises(PermissionDenied):
        services.privacy.export(coordinator, house.arabic)


# -- erasure -----------------------------------------------------------------------------------------


def test_open_business_blocks_erasure_and_says_what_to_close(
    services: Services, admin: Actor, house: ExportHouse
) -> None:
    blockers = services.privacy.erasure_blockers(admin, house.arabic)
    assert len(blockers) == 3
    assert "Trapano a percussione" in blockers[0]
    assert "Sartoria di quartiere" in blockers[1]
    assert "room bookings" in blockers[2]
    with pytest.raises(ValidationError, match="Close these first") as raised:
        services.privacy.erase(admin, house.arabic, "العلي محمد")
    assert "Trapano" in raised.value.message
    assert not services.privacy.is_erased(admin, house.arabic)


def test_the_typed_name_must_match(services: Services, admin: Actor, house: ExportHouse) -> None:
    with pytest.raises(ValidationError, match="does not match"):
        services.privacy.erase(admin, house.quoted, "Rossi Giuseppe")
    assert name_matches('giuseppe  rossi; "bepi"', "Giuseppe", 'Rossi; "Bepi"')
    assert name_matches("Đorđević Ivo", "Ivo", "Dordevic")
    assert not name_matches("", "", "")


def test_erasure_anonymises_and_keeps_statistics_and_receipts(
    services: Services, admin: Actor, coordinator: Actor, house: ExportHouse
) -> None:
    close_everything(services, coordinator, house.arabic)
    services.people.update(
        coordinator,
        house.arabic,
        PersonDraft(
            given_name="محمد",
            family_name="العلي",
            phone="333 987 6543",
            email="m@example.org",
            address="Via Agliè 1",
            birth_date=date(1980, 5, 4),
            notes="allergico",
            consent_date=date(2026, 11, 1),
            consent_notice_version="2025-1",
            photo_release=True,
        ),
    )
    services.visits.record(
        coordinator, VisitDraft(service_id=_showers(services), person_id=house.arabic, age_band=AgeBand.FROM_30_TO_49)
    )
    with services.database.sessions.begin() as session:
        receipts_before = [(r.payer_name, r.payer_key) for r in session.scalars(select(Receipt).order_by(Receipt.id))]

    services.privacy.erase(admin, house.arabic, "محمد العلي")

    details = services.people.get(admin, house.arabic)
    draft = details.draft
    assert details.display_name == f"Erased person #{house.arabic}"
    assert (draft.phone, draft.email, draft.address, draft.notes) == ("", "", "", "")
    assert (draft.birth_date, draft.birth_year, draft.consent_date, draft.photo_release) == (None, None, None, False)
    assert services.people.search(admin, "العلي") == []
    assert services.people.search(admin, "333 987") == []
    assert services.privacy.is_erased(admin, house.arabic)
    # Statistics still count them; the stored age band stays.
    assert len(services.memberships.of_person(admin, house.arabic)) == 1
    assert len(services.attendance.history(admin, house.arabic)) == 1
    assert len(services.loans.of_person(admin, house.arabic)) == 1
    with services.database.sessions.begin() as session:
        bands = list(session.scalars(select(Visit.age_band).where(Visit.person_id == house.arabic)))
        assert bands == ["30_49"]
        # Fiscal receipts are kept exactly as printed.
        receipts_after = [(r.payer_name, r.payer_key) for r in session.scalars(select(Receipt).order_by(Receipt.id))]
        assert receipts_after == receipts_before
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert (entry.action, entry.entity_id) == ("erase", house.arabic)
        assert entry.fields == ",".join(sorted(ERASED_FIELDS))
        assert "العلي" not in entry.fields
    # Nobody erases twice; the export says what remains.
    with pytest.raises(ValidationError, match="erased already"):
        services.privacy.erase(admin, house.arabic, f"Erased person #{house.arabic}")
    assert services.privacy.export(admin, house.arabic).data["person"]["erased"] is True
    # Nor can an edit bring the name back.
    with pytest.raises(ValidationError, match="erased"):
        services.people.update(admin, house.arabic, replace(draft, family_name="Rossi"))
    assert services.people.get(admin, house.arabic).display_name == f"Erased person #{house.arabic}"


def test_erasure_removes_association_links(
    services: Services, admin: Actor, coordinator: Actor, house: ExportHouse
) -> None:
    services.privacy.erase(admin, house.quoted, 'Rossi; "Bepi" Giuseppe')
    with services.database.sessions.begin() as session:
        contacts = list(session.scalars(select(Organisation.contact_person_id)))
        assert house.quoted not in contacts
        assert session.get(Person, house.quoted).search_key == ""  # type: ignore[union-attr]


def test_only_an_admin_erases(services: Services, coordinator: Actor, house: ExportHouse) -> None:
    with pytest.raises(PermissionDenied):
        services.privacy.erase(coordinator, house.quoted, 'Rossi; "Bepi" Giuseppe')
    assert not services.privacy.is_erased(coordinator, house.quoted)


# -- retention ---------------------------------------------------------------------------------------


def test_retention_lists_people_inactive_for_the_set_years(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    clock.current = datetime(2019, 3, 1, 10, 0)
    gone = services.people.create(volunteer, PersonDraft(given_name="Lia", family_name="Bassi")).id
    visitor = services.people.create(volunteer, PersonDraft(given_name="Ugo", family_name="Conti")).id
    clock.current = datetime(2022, 6, 1, 10, 0)
    services.visits.record(volunteer, VisitDraft(service_id=_showers(services), person_id=visitor))
    clock.current = datetime(2026, 11, 22, 9, 0)
    services.people.create(volunteer, PersonDraft(given_name="Eva", family_name="Nuova"))

    assert services.privacy.retention_years(admin) == 5
    rows = services.privacy.inactive_people(admin)
    assert [(row.id, row.last_activity, row.last_activity_at.year) for row in rows] == [(gone, "registry", 2019)]
    rows = services.privacy.inactive_people(admin, years=4)
    assert [(row.id, row.last_activity) for row in rows] == [(gone, "registry"), (visitor, "visit")]
    assert rows[1].last_activity_label == "visit"

    services.privacy.set_retention_years(admin, 3)
    assert services.privacy.retention_years(admin) == 3
    assert len(services.privacy.inactive_people(admin)) == 2
    services.privacy.erase(admin, gone, "Lia Bassi")
    assert [row.id for row in services.privacy.inactive_people(admin)] == [visitor]


def test_retention_setting_is_checked(services: Services, admin: Actor, volunteer: Actor) -> None:
    with pytest.raises(ValidationError, match="between 1 and 30"):
        services.privacy.set_retention_years(admin, 0)
    with pytest.raises(PermissionDenied):
        services.privacy.set_retention_years(volunteer, 4)
    with pytest.raises(PermissionDenied):
        services.privacy.inactive_people(volunteer)


def test_years_before_handles_leap_days() -> None:
    assert years_before(datetime(2028, 2, 29, 9, 0), 5) == datetime(2023, 2, 28, 9, 0)


# -- consent marks -----------------------------------------------------------------------------------


def test_consent_marks_flag_a_minor_without_guardian_consent(
    services: Services, volunteer: Actor, clock: FixedClock
) -> None:
    parent = services.people.create(volunteer, PersonDraft(given_name="Sara", family_name="Lodi", birth_year=1985)).id
    child = services.people.create(volunteer, PersonDraft(given_name="Leo", family_name="Lodi", birth_year=2018)).id
    consented_child = services.people.create(
        volunteer,
        PersonDraft(
            given_name="Mia",
            family_name="Lodi",
            birth_date=date(2017, 1, 2),
            consent_date=date(2026, 11, 1),
            consent_notice_version="2025-1",
            photo_release=True,
            guardian_id=parent,
        ),
    ).id
    marks = services.privacy.consent_marks(volunteer, [parent, child, consented_child, 999])
    assert set(marks) == {parent, child, consented_child}
    assert not marks[parent].has_consent and not marks[parent].minor_without_guardian_consent
    assert marks[child].minor_without_guardian_consent
    assert marks[consented_child].has_consent and marks[consented_child].photo_release
    assert not marks[consented_child].minor_without_guardian_consent


def _showers(services: Services) -> int:
    from app.services.roles import COMMAND_LINE

    return next(row.id for row in services.dropin.services(COMMAND_LINE) if row.code == "showers")
