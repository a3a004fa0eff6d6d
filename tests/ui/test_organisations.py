"""Associations and groups: the list, and the editor with its contact person and members."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.errors import ValidationError
from app.i18n import set_language
from app.services import Services
from app.services.organisations import OrganisationDraft, OrganisationKind
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import area_of
from ui.dialogs.organisation_editor import OrganisationEditor
from ui.models.organisations_model import COL_CONTACT, COL_KIND, COL_MEMBERS, COL_NAME, make_organisations_model
from ui.pages.organisations_page import OrganisationsPage
from ui.widgets.person_picker import PersonPicker

# The offscreen platform cannot resize, raise or grab for the picker's popup and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def people(services: Services, admin: Actor) -> dict[str, int]:
    names = (("Nicolò", "Rossi"), ("Ana", "Đorđević"), ("محمد", "العلي"), ("Ngozi", "Okafor"))
    return {
        family: services.people.create(admin, PersonDraft(given_name=given, family_name=family)).id
        for given, family in names
    }


def make_editor(
    qtbot: QtBot, services: Services, actor: Actor, organisation_id: int | None = None
) -> OrganisationEditor:
    editor = OrganisationEditor(services=services, actor=actor, organisation_id=organisation_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def choose(qtbot: QtBot, picker: PersonPicker, text: str) -> None:
    """Type part of a name, Down, Enter: the first match is chosen."""
    picker.edit.setFocus()
    type_text(picker.edit, text)
    popup = picker.popup
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def error_text(dialog: QDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


def test_organisations_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, admin: Actor, people: dict[str, int]
) -> None:
    services.organisations.create(
        admin,
        OrganisationDraft(name="Coro di Barriera", contact_person_id=people["Rossi"], member_ids=(people["Rossi"],)),
    )
    services.organisations.create(admin, OrganisationDraft(name="Ciclofficina", kind=OrganisationKind.INFORMAL_GROUP))
    model = make_organisations_model(services=services, actor=admin)
    model.set_ids(services.organisations.search_ids(admin))
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    assert model.index(0, COL_NAME).data() == "Ciclofficina"
    assert model.index(0, COL_KIND).data() == OrganisationKind.INFORMAL_GROUP.label
    assert model.index(1, COL_CONTACT).data() == "Rossi Nicolò"
    assert model.index(1, COL_MEMBERS).data() == "1"


def test_creating_with_a_contact_and_two_members_picked_by_typing(
    qtbot: QtBot, services: Services, volunteer: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer)
    assert editor.name.hasFocus()
    qtbot.keyClicks(editor.name, "Sartoria sociale")
    editor.kind.setCurrentIndex(editor.kind.findData(OrganisationKind.INFORMAL_GROUP))
    choose(qtbot, editor.contact, "nicolo")
    assert editor.contact.person_id() == people["Rossi"]

    choose(qtbot, editor.new_member, "dorđ")
    assert editor.member_ids() == (people["Đorđević"],)
    assert editor.new_member.edit.text() == ""  # ready for the next member
    choose(qtbot, editor.new_member, "محمد")
    assert editor.member_ids() == (people["Đorđević"], people["العلي"])
    # Someone already in the list is not offered again.
    type_text(editor.new_member.edit, "dorđ")
    assert editor.new_member.matches.rowCount() == 0
    editor.new_member.clear()

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_id is not None
    saved = services.organisations.get(volunteer, editor.saved_id)
    assert saved.draft.name == "Sartoria sociale"
    assert saved.draft.kind is OrganisationKind.INFORMAL_GROUP
    assert saved.contact is not None and saved.contact.id == people["Rossi"]
    assert {row.id for row in saved.members} == {people["Đorđević"], people["العلي"]}


def test_add_member_button_picks_the_only_match(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, admin)
    type_text(editor.new_member.edit, "okaf")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.member_ids() == (people["Okafor"],)


def test_removing_members_and_saving_an_existing_group(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    organisation = services.organisations.create(
        admin,
        OrganisationDraft(name="Coro di Barriera", member_ids=(people["Rossi"], people["Okafor"], people["Đorđević"])),
    )
    editor = make_editor(qtbot, services, admin, organisation.id)
    assert editor.windowTitle().endswith("Coro di Barriera")
    assert editor.members.count() == 3
    assert not editor.remove_button.isEnabled()
    editor.members.setCurrentRow(0)
    assert editor.remove_button.isEnabled()
    removed = editor.member_ids()[0]
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert boxes.questions == []  # nothing is saved until Save: no need to ask
    editor.members.setCurrentRow(0)
    qtbot.keyClick(editor.members, Qt.Key.Key_Delete)
    assert editor.members.count() == 1
    kept = editor.member_ids()
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = services.organisations.get(admin, organisation.id)
    assert tuple(row.id for row in saved.members) == kept
    assert removed not in kept


def test_a_bad_fiscal_code_and_an_unchosen_contact_are_explained_inline(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.organisations.create(admin, OrganisationDraft(name="X", fiscal_code="12345678901"))
    expected = raised.value.for_field("fiscal_code")[0]
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.name, "Gruppo del lunedi")
    qtbot.keyClicks(editor.fiscal_code, "12345678901")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "fiscal_code") == expected
    assert editor.fiscal_code.hasFocus()

    editor.fiscal_code.clear()
    type_text(editor.contact.edit, "ross")
    editor.contact.popup.hide()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "list" in error_text(editor, "contact_person_id")
    assert services.organisations.search_ids(admin) == []


def test_the_page_searches_and_reselects_after_saving(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    first = services.organisations.create(admin, OrganisationDraft(name="Coro di Barriera"))
    services.organisations.create(admin, OrganisationDraft(name="Ciclofficina"))
    page = OrganisationsPage(services=services, actor=admin)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
    page.shown()
    assert area_of(OrganisationsPage).title() == "Associations and groups"
    assert page.count_label.text() == "2 associations and groups"
    type_text(page.search, "coro")
    page.apply_search_now()
    assert page.model.ids() == [first.id]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.dialog
    assert isinstance(editor, OrganisationEditor)
    choose(qtbot, editor.contact, "okaf")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert page.selected_id() == first.id
    assert page.model.index(0, COL_CONTACT).data() == "Okafor Ngozi"

    page.add_new()
    editor = page.dialog
    assert isinstance(editor, OrganisationEditor)
    qtbot.keyClicks(editor.name, "Banda del quartiere")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""  # the search "coro" hid the new group: it was cleared
    assert page.selected_id() == editor.saved_id


def test_organisations_speak_english(qtbot: QtBot, services: Services, admin: Actor) -> None:
    set_language("en")
    editor = make_editor(qtbot, services, admin)
    assert editor.windowTitle() == "New association or group"
    assert editor.add_button.text() == "Add member"
    assert editor.kind.itemText(0) == OrganisationKind.ASSOCIATION.label == "association"


def test_membership_is_ticked_from_the_keyboard_and_saved(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    organisation = services.organisations.create(admin, OrganisationDraft(name="Coro di Barriera"))
    editor = make_editor(qtbot, services, admin, organisation.id)
    assert not editor.member.isChecked()
    assert "reduced rate" in editor.member.toolTip()
    editor.kind.setFocus()
    qtbot.keyClick(editor.kind, Qt.Key.Key_Tab)
    assert editor.member.hasFocus()  # right after the kind
    qtbot.keyClick(editor.member, Qt.Key.Key_Space)
    assert editor.member.isChecked()
    assert editor.is_modified()
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.organisations.get(admin, organisation.id).draft.member is True

    again = make_editor(qtbot, services, admin, organisation.id)
    assert again.member.isChecked()
    assert not again.is_modified()


def test_the_member_box_reads_whole_in_italian(
    qtbot: QtBot, services: Services, admin: Actor, people: dict[str, int], boxes: Boxes
) -> None:
    set_language("it")
    editor = make_editor(qtbot, services, admin)
    editor.resize(1366 * 2 // 3, editor.height())
    qtbot.wait(10)
    editor.grab().save("/tmp/organisation_editor_it.png")
    text_width = editor.member.fontMetrics().horizontalAdvance(editor.member.text())
    assert editor.member.text() != "Member association (reduced room rate)"
    assert editor.member.width() >= text_width  # not clipped
