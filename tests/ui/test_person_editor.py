"""The person editor and the person picker, driven from the keyboard as at the desk."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.errors import ValidationError
from app.i18n import set_language
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.person_editor import PersonEditor
from ui.widgets.birth_field import parse_birth
from ui.widgets.person_picker import PersonPicker

# The offscreen platform cannot resize, raise or grab for the picker's popup and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_editor(qtbot: QtBot, services: Services, actor: Actor, person_id: int | None = None) -> PersonEditor:
    editor = PersonEditor(services=services, actor=actor, person_id=person_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def error_text(editor: QDialog, field: str) -> str:
    label = editor.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(editor) else ""


def service_message(services: Services, actor: Actor, draft: PersonDraft, field: str) -> str:
    """What the service says about ``field`` for ``draft``: the text the editor must show."""
    with pytest.raises(ValidationError) as raised:
        services.people.create(actor, draft)
    return raised.value.for_field(field)[0]


def choose(qtbot: QtBot, picker: PersonPicker, text: str, *, down: int = 1) -> None:
    """Type part of a name, go down the list and press Enter, like a volunteer would."""
    picker.edit.setFocus()
    type_text(picker.edit, text)
    popup = picker.popup
    assert popup.isVisible()
    for _ in range(down):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


# -- creating ----------------------------------------------------------------------------------------


def test_creating_a_person_by_typing_and_clicking_save(
    qtbot: QtBot, services: Services, volunteer: Actor, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer)
    assert editor.given_name.hasFocus()
    type_text(editor.given_name, "Nicolò")  # keyClicks aborts on non-ASCII
    qtbot.keyClicks(editor.family_name, "Rossi")
    qtbot.keyClicks(editor.phone, "+39 333 123 4567")
    qtbot.keyClicks(editor.email, "nicolo@example.org")
    qtbot.keyClicks(editor.birth.edit, "12/03/1980")
    assert "1980" in editor.birth.reading.text()
    type_text(editor.address, "Via Agliè 9, Torino")
    editor.consent.setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_id is not None
    saved = services.people.get(volunteer, editor.saved_id).draft
    assert (saved.given_name, saved.family_name, saved.phone) == ("Nicolò", "Rossi", "+39 333 123 4567")
    assert saved.birth_date == date(1980, 3, 12)
    assert saved.birth_year == 1980
    assert saved.address == "Via Agliè 9, Torino"
    assert saved.consent_date == services.clock.today()
    assert saved.consent_notice_version == "2025-1"
    assert boxes.questions == []


def test_a_bad_email_is_explained_under_the_field(qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes) -> None:
    expected = service_message(services, admin, PersonDraft(given_name="Ngozi", email="ngozi@"), "email")
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "Ngozi")
    qtbot.keyClicks(editor.email, "ngozi@")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert error_text(editor, "email") == expected
    assert error_text(editor, "given_name") == ""
    assert editor.email.hasFocus()
    assert services.people.count(admin) == 0
    editor.email.setText("ngozi@example.org")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.people.count(admin) == 1


def test_a_form_without_names_is_refused_inline(qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes) -> None:
    expected = service_message(services, admin, PersonDraft(), "given_name")
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClick(editor.given_name, Qt.Key.Key_Return)  # Enter saves: Save is the default button
    assert editor.isVisible()
    assert error_text(editor, "given_name") == expected


def test_the_birth_takes_a_year_or_a_date_and_says_what_is_wrong(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    assert parse_birth("") == (None, None)
    assert parse_birth(" 1980 ") == (None, 1980)
    assert parse_birth("1.2.1990") == (date(1990, 2, 1), None)
    assert parse_birth("1990-02-01") == (date(1990, 2, 1), None)
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "Ana")
    qtbot.keyClicks(editor.birth.edit, "31/02/2001")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with pytest.raises(ValueError) as raised:
        parse_birth("31/02/2001")
    assert error_text(editor, "birth_date") == str(raised.value)

    # A year the service refuses shows under the same field.
    expected = service_message(services, admin, PersonDraft(given_name="Ana", birth_year=1850), "birth_year")
    editor.birth.edit.setText("1850")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "birth_date") == expected
    editor.birth.edit.setText("1850-13-01")
    assert editor.birth.reading.text() != ""
    editor.birth.edit.setText("1990")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.people.get(admin, editor.saved_id or 0).draft.birth_year == 1990


# -- someone who may already be registered -----------------------------------------------------------


def test_a_lookalike_asks_before_saving_and_no_keeps_the_dialog_open(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    services.people.create(admin, PersonDraft(given_name="Mario", family_name="Rossi", birth_year=1950))
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "mario")
    qtbot.keyClicks(editor.family_name, "ROSSI")
    qtbot.keyClicks(editor.birth.edit, "1950")

    boxes.answer = False
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 1
    assert "Rossi Mario (1950)" in boxes.questions[0]
    assert editor.isVisible()
    assert services.people.count(admin) == 1

    boxes.answer = True
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.people.count(admin) == 2


# -- editing -----------------------------------------------------------------------------------------


def test_editing_shows_what_is_held_and_saves_changes(
    qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, boxes: Boxes
) -> None:
    person = services.people.create(
        admin,
        PersonDraft(
            given_name="Ana",
            family_name="Đorđević",
            birth_date=date(1992, 5, 4),
            consent_date=date(2026, 1, 10),
            consent_notice_version="2024-2",
            photo_release=True,
        ),
    )
    editor = make_editor(qtbot, services, admin, person.id)
    assert "Đorđević Ana" in editor.windowTitle()
    assert editor.birth.text() == "04/05/1992"
    assert editor.consent.isChecked()
    assert editor.consent_date.date().toPython() == date(2026, 1, 10)
    assert editor.notice_version.text() == "2024-2"
    assert editor.photo_release.isChecked()
    assert "2026" in editor.record_info.text()
    assert not editor.is_modified()

    clock.advance(days=1)
    editor.phone.clear()
    qtbot.keyClicks(editor.phone, "011 555 1234")
    editor.consent.setChecked(False)  # withdrawing consent drops the photo release too
    assert not editor.photo_release.isEnabled()
    qtbot.keyClick(editor.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = services.people.get(admin, person.id)
    assert saved.draft.phone == "011 555 1234"
    assert saved.draft.consent_date is None
    assert not saved.draft.photo_release
    assert saved.updated_at > saved.created_at


def test_leaving_with_changes_asks_first(qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes) -> None:
    person = services.people.create(admin, PersonDraft(given_name="Ngozi"))
    editor = make_editor(qtbot, services, admin, person.id)
    qtbot.keyClicks(editor.family_name, "Okafor")
    boxes.answer = False
    qtbot.keyClick(editor.family_name, Qt.Key.Key_Escape)
    assert editor.isVisible()
    assert len(boxes.questions) == 1
    boxes.answer = True
    qtbot.keyClick(editor.family_name, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert services.people.get(admin, person.id).draft.family_name == ""


def test_the_program_closing_the_editor_does_not_ask(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "Half typed")
    editor.close()  # what the main window does when the desk locks
    assert not editor.isVisible()
    assert boxes.questions == []
    assert services.people.count(admin) == 0


def test_organisations_of_the_person_are_listed(qtbot: QtBot, services: Services, admin: Actor) -> None:
    from app.services.organisations import OrganisationDraft

    person = services.people.create(admin, PersonDraft(given_name="Fang", family_name="王"))
    services.organisations.create(admin, OrganisationDraft(name="Coro di Barriera", member_ids=(person.id,)))
    editor = make_editor(qtbot, services, admin, person.id)
    texts = [editor.organisations.item(i).text() for i in range(editor.organisations.count())]
    assert texts == ["Coro di Barriera"]


# -- minors and their guardian -----------------------------------------------------------------------


def test_a_minor_with_consent_needs_a_guardian_chosen_by_typing(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    mother = services.people.create(admin, PersonDraft(given_name="Amina", family_name="Benali", birth_year=1985))
    services.people.create(admin, PersonDraft(given_name="Yusuf", family_name="Benali", birth_year=2016))
    minor = PersonDraft(
        given_name="Sara",
        family_name="Benali",
        birth_date=date(2016, 3, 12),
        consent_date=date(2026, 11, 1),
        consent_notice_version="2025-1",
    )
    expected = service_message(services, admin, minor, "guardian_id")

    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "Sara")
    qtbot.keyClicks(editor.family_name, "Benali")
    qtbot.keyClicks(editor.birth.edit, "12/03/2016")
    assert editor.guardian_hint.font().bold()
    editor.consent.setChecked(True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "guardian_id") == expected
    assert editor.guardian.edit.hasFocus()

    # A name typed but not chosen is not a guardian: the editor says so instead of saving.
    type_text(editor.guardian.edit, "amin")
    editor.guardian.popup.hide()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "list" in error_text(editor, "guardian_id")

    editor.guardian.edit.clear()
    choose(qtbot, editor.guardian, "benali")  # the first match, in name order, is Amina
    assert editor.guardian.person_id() == mother.id
    assert editor.guardian.edit.text() == "Benali Amina"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.people.get(admin, editor.saved_id or 0).draft.guardian_id == mother.id


# -- the picker on its own ---------------------------------------------------------------------------


def make_picker(qtbot: QtBot, services: Services, actor: Actor) -> PersonPicker:
    picker = PersonPicker(services=services, actor=actor)
    qtbot.addWidget(picker)
    picker.resize(400, 40)
    with qtbot.waitActive(picker):
        picker.show()
    return picker


def test_picker_finds_names_in_any_alphabet(qtbot: QtBot, services: Services, admin: Actor) -> None:
    ids = {
        name: services.people.create(admin, PersonDraft(given_name=given, family_name=name)).id
        for given, name in (("Nicolò", "Rossi"), ("Ana", "Đorđević"), ("محمد", "العلي"), ("Fang", "王"))
    }
    picker = make_picker(qtbot, services, admin)
    changes: list[int | None] = []
    picker.changed.connect(lambda: changes.append(picker.person_id()))
    for typed, family in (("nicolo", "Rossi"), ("dorđ", "Đorđević"), ("محمد", "العلي"), ("王", "王")):
        picker.clear()
        choose(qtbot, picker, typed)
        assert picker.person_id() == ids[family], typed
    assert changes[-1] == ids["王"]


def test_picker_enter_picks_a_single_match_and_typing_again_drops_the_choice(
    qtbot: QtBot, services: Services, admin: Actor
) -> None:
    only = services.people.create(admin, PersonDraft(given_name="Ngozi", family_name="Okafor")).id
    services.people.create(admin, PersonDraft(given_name="Nicolò", family_name="Rossi"))
    picker = make_picker(qtbot, services, admin)
    picker.edit.setFocus()
    type_text(picker.edit, "okaf")
    assert picker.popup.isVisible()
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)  # nobody highlighted: the only match is meant
    assert picker.person_id() == only
    picker.clear()
    type_text(picker.edit, "okaf")
    picker.popup.hide()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.person_id() == only
    assert picker.display_name() == "Okafor Ngozi"
    assert picker.clear_button.isEnabled()

    type_text(picker.edit, "x")
    assert picker.person_id() is None
    assert picker.has_unpicked_text()

    qtbot.mouseClick(picker.clear_button, Qt.MouseButton.LeftButton)
    assert picker.edit.text() == ""
    assert not picker.has_unpicked_text()
    # Down on an empty field lists the first people, to browse.
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert picker.popup.isVisible()
    assert picker.matches.rowCount() == 2


def test_picker_leaves_out_excluded_people_and_set_person_shows_a_choice(
    qtbot: QtBot, services: Services, admin: Actor
) -> None:
    first = services.people.create(admin, PersonDraft(given_name="Ana", family_name="Rossi")).id
    second = services.people.create(admin, PersonDraft(given_name="Bea", family_name="Rossi")).id
    picker = make_picker(qtbot, services, admin)
    picker.set_excluded_ids([first])
    picker.edit.setFocus()
    type_text(picker.edit, "rossi")
    assert [row.id for row in picker.matches.rows()] == [second]
    picker.set_person(first, "Rossi Ana")
    assert picker.person_id() == first
    assert picker.edit.font().bold()
    picker.set_person(None)
    assert picker.person_id() is None
    assert picker.edit.text() == ""


def test_editor_speaks_english(qtbot: QtBot, services: Services, admin: Actor) -> None:
    set_language("en")
    editor = make_editor(qtbot, services, admin)
    assert editor.windowTitle() == "New person"
    assert editor.save_button.text() == "Save"
    assert editor.guardian.edit.placeholderText() == "Type the name of the parent or guardian"


def test_keys_in_the_guardian_picker_never_save_or_close_the_editor(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    for given in ("Ana", "Bea"):
        services.people.create(admin, PersonDraft(given_name=given, family_name="Rossi", birth_year=1980))
    editor = make_editor(qtbot, services, admin)
    qtbot.keyClicks(editor.given_name, "Luca")
    editor.guardian.edit.setFocus()
    type_text(editor.guardian.edit, "rossi")
    qtbot.keyClick(editor.guardian.popup, Qt.Key.Key_Escape)  # closes the list, not the editor
    assert editor.isVisible()
    assert boxes.questions == []
    qtbot.keyClick(editor.guardian.edit, Qt.Key.Key_Return)  # two matches: the list opens again
    assert editor.isVisible()
    assert editor.guardian.popup.isVisible()
    assert editor.guardian.person_id() is None
    assert services.people.count(admin) == 2


def test_the_editor_shows_what_the_person_paid_and_owes(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    from app.services.cash import PaymentDraft

    person = services.people.create(volunteer, PersonDraft(given_name="Ada", family_name="Neri"))
    fee = next(row for row in services.cash_settings.categories(volunteer) if row.code == "workshop_fee")
    payment = services.cash.record_payment(
        volunteer, PaymentDraft(amount_cents=2500, category_id=fee.id, payer_person_id=person.id)
    )
    assert payment.receipt is not None
    services.receipts.cancel(coordinator, payment.receipt.id, "doppio")
    editor = make_editor(qtbot, services, volunteer, person.id)
    lines = [editor.payments_box.payments.item(row).text() for row in range(editor.payments_box.payments.count())]
    assert len(lines) == 1
    assert "25.00" in lines[0] and payment.receipt.code in lines[0] and "(cancelled)" in lines[0]
    assert editor.payments_box.owed.text() == "Nothing left to pay."
    assert make_editor(qtbot, services, volunteer).payments_box.isHidden()  # a new person has paid nothing
