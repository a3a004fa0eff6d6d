"""The person picker's own list model, checked like every Qt model of the desk, and the popup of
every picker (people and associations), read whole however narrow the field is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFormLayout, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.i18n import set_language
from app.services import Services
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import ID_ROLE, MAX_MATCHES, NAME_ROLE, PersonMatches, PersonPicker
from ui.widgets.record_picker import RecordPicker

# The offscreen platform cannot resize, raise or grab for the pickers' popups and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def test_the_matches_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, volunteer: Actor
) -> None:
    for given, family, phone in (("Nicolò", "Amato", "333 1234567"), ("محمد", "العلوي", ""), ("芳", "王", "")):
        services.people.create(volunteer, PersonDraft(given_name=given, family_name=family, phone=phone))
    model = PersonMatches()
    model.set_rows(services.people.search(volunteer, ""))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert model.data(first, NAME_ROLE) == "Amato Nicolò"
    assert isinstance(model.data(first, ID_ROLE), int)
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


# -- the popup: every line read whole, however narrow the field ---------------------------------------


def narrow_form(qtbot: QtBot, picker: QWidget, field_width: int = 240) -> QWidget:
    """A 700 px window whose field is narrow, with the picker at its left, as in a form."""
    window = QWidget()
    layout = QFormLayout(window)
    picker.setFixedWidth(field_width)
    layout.addRow("Who", picker)
    qtbot.addWidget(window)
    window.resize(700, 300)
    with qtbot.waitActive(window):
        window.show()
    return window


def popup_lines_read_whole(picker: RecordPicker) -> None:
    popup = picker.popup
    assert popup.isVisible()
    assert popup.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not popup.horizontalScrollBar().isVisible()
    metrics = popup.fontMetrics()
    model = popup.model()
    for row in range(model.rowCount()):
        text = model.index(row, 0).data()
        assert metrics.horizontalAdvance(text) + 6 <= popup.viewport().width(), text
    rows = min(model.rowCount(), picker.completer.maxVisibleItems())
    assert popup.viewport().height() >= rows * popup.sizeHintForRow(0)  # as many rows as matches, up to 10


def test_a_narrow_organisation_field_opens_a_popup_as_wide_as_its_lines(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    contact = services.people.create(volunteer, PersonDraft(given_name="Wei", family_name="Pang")).id
    for name in ("Associazione Cinese Zhejiang di Torino", "Cineforum Barriera", "Cinema all'aperto"):
        services.organisations.create(coordinator, OrganisationDraft(name=name, contact_person_id=contact))
    picker = OrganisationPicker(services=services, actor=volunteer)
    window = narrow_form(qtbot, picker)
    picker.edit.setFocus()
    type_text(picker.edit, "cine")
    qtbot.waitUntil(picker.popup.isVisible)
    assert picker.matches.rowCount() == 3
    popup_lines_read_whole(picker)
    assert picker.popup.width() > picker.edit.width()  # wider than the field...
    window_right = window.mapToGlobal(QPoint(window.width(), 0)).x()
    assert picker.popup.geometry().right() <= window_right  # ...and still over the window
    assert picker.popup.geometry().left() >= window.mapToGlobal(QPoint(0, 0)).x()
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert picker.chosen_id() is not None
    assert picker.edit.cursorPosition() == 0  # a long name shows its start


def test_many_people_show_ten_rows_and_scroll_only_downwards(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    for number in range(20):
        services.people.create(
            volunteer,
            PersonDraft(
                given_name=f"Maria Grazia {number:02d}",
                family_name="Abdelrahman-Fernández",
                phone="+39 333 123 45 67",
            ),
        )
    picker = PersonPicker(services=services, actor=volunteer)
    window = narrow_form(qtbot, picker, field_width=200)
    picker.edit.setFocus()
    type_text(picker.edit, "maria")
    qtbot.waitUntil(picker.popup.isVisible)
    assert picker.matches.rowCount() == MAX_MATCHES
    popup_lines_read_whole(picker)
    assert picker.popup.verticalScrollBar().maximum() > 0  # fifteen matches, ten rows: it scrolls down
    assert window.isVisible()


# -- what each picker says of itself ---------------------------------------------------------------------


def test_each_picker_names_its_widgets_and_speaks_the_desk_language(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    set_language("it")
    person = PersonPicker(services=services, actor=volunteer)
    organisation = OrganisationPicker(services=services, actor=volunteer, placeholder="Chi paga")
    for picker in (person, organisation):
        qtbot.addWidget(picker)
    assert person.edit.objectName() == "person_picker_edit"
    assert person.popup.objectName() == "person_picker_popup"
    assert organisation.clear_button.objectName() == "organisation_picker_clear"
    assert person.edit.placeholderText() == "Scrivi una parte del nome, poi scegli dall'elenco"
    assert person.clear_button.toolTip() == "Togli la persona scelta"
    assert organisation.edit.placeholderText() == "Chi paga"  # the form's own hint wins
    assert organisation.clear_button.toolTip() == "Togli l'associazione scelta"
