"""The audit log page: newest first, codes turned into words, filtered by kind of record."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.errors import LoginRefused
from app.i18n import _, format_datetime, set_language
from app.services import Services
from app.services.audit import AuditRow
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from ui.areas import area_of
from ui.models.audit_model import (
    COL_FIELDS,
    COL_RECORD,
    COL_WHAT,
    COL_WHEN,
    COL_WHO,
    AuditModel,
    action_text,
    field_text,
    record_text,
)
from ui.pages.audit_page import AuditPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> AuditPage:
    page = AuditPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.show()
    page.shown()
    return page


def row_texts(page: AuditPage, row: int) -> list[str]:
    return [page.model.index(row, column).data() for column in range(page.model.columnCount())]


def choose_kind(page: AuditPage, code: str | None) -> None:
    page.kind.setCurrentIndex(page.kind.findData(code))


def test_the_page_is_for_coordinators_and_admins() -> None:
    assert area_of(AuditPage).minimum_role is Role.COORDINATOR


def test_a_person_created_shows_at_the_top_in_words(
    qtbot: QtBot, services: Services, admin: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    set_language("en")
    clock.current = datetime(2026, 11, 22, 10, 30)
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi", phone="011 123 4567"))
    page = make_page(qtbot, services, coordinator)

    assert area_of(AuditPage).title() == "Audit log"
    ids = services.audit.entry_ids(coordinator)
    assert page.model.rowCount() == len(ids)
    assert page.model.ids() == ids
    assert row_texts(page, 0) == [
        format_datetime(datetime(2026, 11, 22, 10, 30)),
        "Giulia",
        "created",
        "Person: Rossi Mario",
        "family name, given name, phone",
    ]
    assert page.count_label.text() == f"{len(ids)} entries"


def test_the_columns_speak_italian_too(qtbot: QtBot, services: Services, admin: Actor) -> None:
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi"))
    page = make_page(qtbot, services, admin)
    texts = row_texts(page, 0)
    assert texts[COL_WHAT] == _("created")
    assert texts[COL_RECORD] == _("{kind}: {name}").format(kind=_("Person"), name="Rossi Mario")
    assert texts[COL_FIELDS] == ", ".join([_("family name"), _("given name")])


def test_sign_ins_and_wrong_pins(qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor) -> None:
    set_language("en")
    with pytest.raises(LoginRefused):
        services.accounts.login(volunteer.user_id, "000000")
    page = make_page(qtbot, services, admin)
    assert row_texts(page, 0)[COL_WHO : COL_FIELDS + 1] == ["(nobody signed in)", "wrong PIN", "User: Samir", ""]
    assert row_texts(page, 1)[COL_WHO : COL_RECORD + 1] == ["Samir", "signed in", "User: Samir"]


def test_house_and_settings_entries(qtbot: QtBot, services: Services, admin: Actor) -> None:
    set_language("en")
    page = make_page(qtbot, services, admin)
    records = {row_texts(page, row)[COL_RECORD] for row in range(page.model.rowCount())}
    assert records == {"House", "User: Giulia"}
    first = row_texts(page, page.model.rowCount() - 1)
    assert first[COL_RECORD] == "House"
    assert first[COL_FIELDS] == "address, fiscal code, name"


def test_the_page_refreshes_when_shown(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    before = page.model.rowCount()
    services.people.create(admin, PersonDraft(given_name="Ngozi", family_name="Okafor"))
    assert page.model.rowCount() == before
    page.shown()
    assert page.model.rowCount() == before + 1
    assert "Okafor Ngozi" in row_texts(page, 0)[COL_RECORD]


def test_filter_by_kind_of_record(qtbot: QtBot, services: Services, admin: Actor) -> None:
    person = services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi"))
    services.people.update(admin, person.id, PersonDraft(given_name="Mario", family_name="Rossi", notes="ciao"))
    page = make_page(qtbot, services, admin)
    choose_kind(page, "person")
    assert page.model.rowCount() == 2
    assert [row_texts(page, row)[COL_WHAT] for row in range(2)] == [_("changed"), _("created")]
    assert row_texts(page, 0)[COL_FIELDS] == _("notes")
    choose_kind(page, "organisation")
    assert page.model.rowCount() == 0
    choose_kind(page, None)
    assert page.model.rowCount() == len(services.audit.entry_ids(admin))


def test_newest_first_over_more_than_one_block(qtbot: QtBot, services: Services, admin: Actor) -> None:
    for number in range(250):
        services.people.create(admin, PersonDraft(given_name=f"N{number:03}", family_name="Test"))
    page = make_page(qtbot, services, admin)
    choose_kind(page, "person")
    assert page.model.rowCount() == 250
    assert row_texts(page, 0)[COL_RECORD].endswith("Test N249")
    assert row_texts(page, 249)[COL_RECORD].endswith("Test N000")


def test_the_audit_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, admin: Actor, volunteer: Actor
) -> None:
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi"))
    model = AuditModel(fetch_rows=lambda ids: services.audit.rows(admin, ids))
    model.set_ids(services.audit.entry_ids(admin))
    qtmodeltester.check(model)
    assert model.index(0, COL_WHEN).data()


def test_unknown_codes_are_shown_as_they_are() -> None:
    set_language("en")
    assert action_text("update") == "changed"
    assert action_text("merge") == "merge"
    assert field_text("birth_year") == "year of birth"
    assert field_text("shoe_size") == "shoe_size"
    row = AuditRow(
        id=1,
        at=datetime(2026, 1, 1),
        user_name="",
        action="x",
        entity="tool",
        entity_id=7,
        record_label="",
        fields=(),
    )
    assert record_text(row) == "tool no. 7"
