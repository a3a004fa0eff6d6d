"""The admin's drop-in services from the Today page: a new service becomes a counter with its
Alt+number key, problems show under the fields, and only admins see the button."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.i18n import set_language
from app.services import Services
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import patch_boxes
from ui.dialogs.dropin_services_dialog import DropInServicesDialog
from ui.main_window import MainWindow
from ui.pages.today.dropin_section import DropInSection
from ui.pages.today_page import TodayPage


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> TodayPage:
    page = TodayPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.shown()
    return page


def open_services(qtbot: QtBot, section: DropInSection) -> DropInServicesDialog:
    assert section.services_button.isVisible()
    qtbot.mouseClick(section.services_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(section.dialog, DropInServicesDialog) and section.dialog.isVisible())
    dialog = section.dialog
    assert isinstance(dialog, DropInServicesDialog)
    return dialog


def texts(section: DropInSection) -> list[str]:
    return [button.text() for button in section.buttons.values()]


def test_an_admin_adds_a_service_recording_gender_and_a_new_counter_appears(
    qtbot: QtBot, services: Services, admin: Actor
) -> None:
    page = make_page(qtbot, services, admin)
    section = page.dropin
    dialog = open_services(qtbot, section)
    assert [(row.label, row.active) for row in dialog.rows()] == [("Showers", True), ("Job help desk", True)]
    assert dialog.form_box.title() == "New service"
    qtbot.waitUntil(dialog.name.hasFocus)  # ready to type the new service's name
    type_text(dialog.name, "Sportello casa")
    qtbot.mouseClick(dialog.gender, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves
    assert dialog.status.text() == "Service added: Sportello casa."
    added = dialog.rows()[-1]
    assert (added.label, added.active, added.records_age_band, added.records_gender, added.records_first_visit) == (
        "Sportello casa",
        True,
        False,
        True,
        False,
    )
    assert dialog.list.topLevelItem(2).text(1) == "gender"  # type: ignore[union-attr]
    assert not dialog.is_modified()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: section.dialog is None)
    assert texts(section) == ["Showers  0", "Job help desk  0", "Sportello casa  0"]
    assert section.buttons[added.id].toolTip() == "Record an anonymous visit to Sportello casa (Alt+3)"
    section.record_nth(2)  # Alt+3
    assert texts(section) == ["Showers  0", "Job help desk  0", "Sportello casa  1"]


def test_renaming_and_retiring_change_the_counters(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    section = page.dropin
    dialog = open_services(qtbot, section)
    dialog.select_service(dialog.rows()[1].id)
    assert dialog.form_box.title() == "Service: Job help desk"
    assert dialog.name.text() == "Job help desk"  # a built-in service: its translated label
    dialog.name.setText("Sportello lavoro e casa")
    dialog.save()
    dialog.select_service(dialog.rows()[0].id)
    dialog.active.setChecked(False)
    dialog.save()
    assert [(row.label, row.active) for row in dialog.rows()] == [
        ("Showers", False),
        ("Sportello lavoro e casa", True),
    ]
    assert dialog.list.topLevelItem(0).text(2) == "retired"  # type: ignore[union-attr]
    dialog.reject()
    qtbot.waitUntil(lambda: section.dialog is None)
    assert texts(section) == ["Sportello lavoro e casa  0"]


def test_problems_show_under_the_name_and_nothing_is_saved(
    qtbot: QtBot, services: Services, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    page = make_page(qtbot, services, admin)
    dialog = open_services(qtbot, page.dropin)
    dialog.save()
    assert dialog.errors.message_for("name") == "Write the name of the service."
    type_text(dialog.name, "SHOWERS")  # the built-in service, whatever the case
    dialog.save()
    assert dialog.errors.message_for("name") == "Another service already has this name: choose a different one."
    assert len(dialog.rows()) == 2
    # Closing with the form filled asks first; "No" keeps the dialog open.
    boxes.answer = False
    dialog.reject()
    assert boxes.questions == ["The service in the form is not saved. Close and lose the changes?"]
    assert dialog.isVisible()
    boxes.answer = True
    dialog.reject()
    qtbot.waitUntil(lambda: page.dropin.dialog is None)
    assert len(services.dropin.services(admin, include_inactive=True)) == 2


def test_a_volunteer_does_not_see_services(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    page = make_page(qtbot, services, volunteer)
    assert not page.dropin.services_button.isVisible()
    assert page.dropin.details_button.isVisible()


def test_in_italian_at_1366_by_768(qtbot: QtBot, services: Services, admin: Actor) -> None:
    set_language("it")
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start_desk(admin)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    section = page.dropin
    widget: QWidget
    for widget in (section.summary, section.details_button, section.services_button, section.undo_button):
        qtbot.waitUntil(lambda shown=widget: shown.width() >= shown.sizeHint().width())  # laid out whole
    window.grab().save("/tmp/w3_today_admin_it.png")
    dialog = open_services(qtbot, section)
    assert [row.label for row in dialog.rows()] == ["Docce", "Sportello lavoro"]
    type_text(dialog.name, "Sportello casa")
    dialog.gender.setChecked(True)
    dialog.save()
    dialog.new_service()
    dialog.save()  # an error under the name, to see it laid out
    for button in (dialog.age_band, dialog.gender, dialog.first_visit, dialog.active, dialog.save_button):
        assert button.width() >= button.sizeHint().width(), button.text()
    dialog.grab().save("/tmp/w3_services_dialog_it.png")
    dialog.done(0)
