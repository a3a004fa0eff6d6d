"""The Enter that chooses in a record picker stays in the picker; the next Enter saves the form.

Every dialog with a picker (a payment's payer, a guardian, a booking's holder, a visit's person)
has a default button. The Enter used to choose in the list must not also press it: the desk has
to see what was chosen first. With the choice made and the list closed, Enter saves at once,
which is how the cash desk records a payment quickly.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from ui.dialogs.visit_dialog import VisitDialog
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import PersonPicker
from ui.widgets.record_picker import RecordPicker

# The offscreen platform cannot resize, raise or grab for the picker's popup and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

ENTER_KEYS = [Qt.Key.Key_Return, Qt.Key.Key_Enter]  # the main key and the one of the keypad


class SaveDialog(QDialog):
    """A form with a picker and a default Save button, counting how often Save was pressed."""

    def __init__(self, picker: RecordPicker) -> None:
        super().__init__()
        self.picker = picker
        self.saves = 0
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(picker)
        layout.addWidget(buttons)

    def _save(self) -> None:
        self.saves += 1
        self.accept()


@pytest.fixture
def amatos(services: Services, volunteer: Actor) -> dict[str, int]:
    """Three namesakes (so that "amato nic" opens a list) and one other person."""
    people = {}
    for given in ("Nicolò", "Nicola", "Nicoletta", "Giulia"):
        people[given] = services.people.create(volunteer, PersonDraft(given_name=given, family_name="Amato")).id
    return people


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def person_dialog(qtbot: QtBot, services: Services, actor: Actor) -> SaveDialog:
    dialog = SaveDialog(PersonPicker(services=services, actor=actor))
    show(qtbot, dialog)
    dialog.picker.edit.setFocus()
    return dialog


def open_list(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    type_text(picker.edit, text)
    qtbot.waitUntil(picker.popup.isVisible)


@pytest.mark.parametrize("enter", ENTER_KEYS, ids=["Return", "keypad Enter"])
def test_down_and_enter_in_the_list_choose_and_only_the_next_enter_saves(
    qtbot: QtBot, services: Services, volunteer: Actor, amatos: dict[str, int], enter: Qt.Key
) -> None:
    dialog = person_dialog(qtbot, services, volunteer)
    picker = dialog.picker
    open_list(qtbot, picker, "amato nic")
    assert picker.matches.rowCount() == 3
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup, enter)
    assert picker.chosen_id() is not None
    assert not picker.popup.isVisible()
    assert dialog.isVisible() and dialog.saves == 0  # the desk sees the choice first
    assert picker.edit.hasFocus()

    qtbot.keyClick(picker.edit, enter)  # chosen, list closed: Enter saves at once
    assert dialog.saves == 1
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("enter", ENTER_KEYS, ids=["Return", "keypad Enter"])
def test_enter_that_reaches_the_field_while_the_list_is_open_chooses_and_does_not_save(
    qtbot: QtBot, services: Services, volunteer: Actor, amatos: dict[str, int], enter: Qt.Key
) -> None:
    """The list's keys may reach the field itself (the platform, a test): the same rule holds."""
    dialog = person_dialog(qtbot, services, volunteer)
    picker = dialog.picker
    open_list(qtbot, picker, "amato giu")  # the only match
    assert picker.matches.rowCount() == 1
    qtbot.keyClick(picker.edit, enter)
    assert picker.chosen_id() == amatos["Giulia"]
    assert picker.edit.text() == "Amato Giulia"
    assert not picker.popup.isVisible()
    assert dialog.isVisible() and dialog.saves == 0

    qtbot.keyClick(picker.edit, enter)
    assert dialog.saves == 1


def test_the_highlighted_line_is_chosen_by_enter_in_the_field(
    qtbot: QtBot, services: Services, volunteer: Actor, amatos: dict[str, int]
) -> None:
    dialog = person_dialog(qtbot, services, volunteer)
    picker = dialog.picker
    open_list(qtbot, picker, "amato nic")
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    second = picker.popup.currentIndex()
    assert second.row() == 1
    expected = picker.matches.row_id(picker.matches.rows()[1])
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.chosen_id() == expected
    assert dialog.saves == 0


def test_enter_with_several_matches_and_none_highlighted_chooses_nothing_and_saves_nothing(
    qtbot: QtBot, services: Services, volunteer: Actor, amatos: dict[str, int]
) -> None:
    dialog = person_dialog(qtbot, services, volunteer)
    picker = dialog.picker
    open_list(qtbot, picker, "amato nic")
    for target in (picker.popup, picker.edit):  # whichever gets the key
        qtbot.keyClick(target, Qt.Key.Key_Return)
        assert picker.chosen_id() is None and picker.has_unpicked_text()
        assert dialog.isVisible() and dialog.saves == 0
        if target is picker.popup:
            assert not picker.popup.isVisible()  # the list closes, as before
            qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # a half-typed name: the list opens again
            assert picker.popup.isVisible()
            assert dialog.saves == 0


def test_an_association_is_chosen_the_same_way(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    contact = services.people.create(volunteer, PersonDraft(given_name="Wei", family_name="Pang")).id
    for name in ("Cineforum Barriera", "Cinema all'aperto"):
        services.organisations.create(coordinator, OrganisationDraft(name=name, contact_person_id=contact))
    dialog = SaveDialog(OrganisationPicker(services=services, actor=volunteer))
    show(qtbot, dialog)
    picker = dialog.picker
    picker.edit.setFocus()
    open_list(qtbot, picker, "cine")
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.chosen_id() is not None
    assert dialog.saves == 0
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert dialog.saves == 1


def test_the_visit_dialog_records_on_the_enter_after_the_one_that_chose(
    qtbot: QtBot, services: Services, volunteer: Actor, amatos: dict[str, int]
) -> None:
    """The dialog had its own guard against the choosing Enter; the picker's rule replaces it."""
    dialog = VisitDialog(services=services, actor=volunteer)
    show(qtbot, dialog)
    dialog.person.edit.setFocus()
    open_list(qtbot, dialog.person, "amato giu")
    qtbot.keyClick(dialog.person.edit, Qt.Key.Key_Return)  # the key reaching the field, list open
    assert dialog.person.person_id() == amatos["Giulia"]
    assert dialog.isVisible() and dialog.recorded is None
    assert dialog.first_visit.buttons[0].text() == "From their earlier visits"  # seen before saving

    qtbot.keyClick(dialog.person.edit, Qt.Key.Key_Return)
    assert dialog.recorded is not None
    assert dialog.result() == QDialog.DialogCode.Accepted
