"""The admin's dialog for the house's details and the desk's settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.i18n import _
from app.services import Services
from app.services.house import DeskSettings
from app.services.roles import Actor
from tests.conftest import HOUSE
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.house_dialog import HouseDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_dialog(qtbot: QtBot, services: Services, actor: Actor) -> HouseDialog:
    dialog = HouseDialog(services=services, actor=actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def error_text(dialog: HouseDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_the_dialog_starts_with_what_is_stored(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    assert dialog.details() == HOUSE
    assert dialog.desk_settings() == DeskSettings()
    assert dialog.language.currentText() == "Italiano"
    assert (dialog.idle_minutes.minimum(), dialog.idle_minutes.maximum()) == (1, 240)
    hint = _("A new language is used from the next start of Portineria.")
    assert any(label.text() == hint for label in dialog.findChildren(QLabel))


def test_admin_changes_details_and_settings(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    retype(qtbot, dialog.house_name, "Casa del Quartiere di Barriera")
    retype(qtbot, dialog.house_address, "Via Baltea 3, 10152 Torino")
    dialog.idle_minutes.setValue(15)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == HouseDialog.DialogCode.Accepted
    details = services.house.details()
    assert details.name == "Casa del Quartiere di Barriera"
    assert details.address == "Via Baltea 3, 10152 Torino"
    assert details.fiscal_code == HOUSE.fiscal_code
    assert services.house.desk_settings() == DeskSettings(idle_lock_minutes=15, language="en")
    newest = services.audit.rows(admin, services.audit.entry_ids(admin)[:2])
    assert [(row.action, row.entity) for row in newest] == [("update", "settings"), ("update", "house")]


def test_the_idle_minutes_can_be_typed(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    dialog.idle_minutes.setFocus()
    dialog.idle_minutes.selectAll()
    qtbot.keyClicks(dialog.idle_minutes, "30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert services.house.desk_settings().idle_lock_minutes == 30


def test_a_wrong_fiscal_code_is_explained_and_nothing_is_saved(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    retype(qtbot, dialog.house_name, "Nuovo nome")
    retype(qtbot, dialog.fiscal_code, "12345")
    dialog.idle_minutes.setValue(20)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert error_text(dialog, "fiscal_code")
    assert error_text(dialog, "name") == ""
    assert services.house.details() == HOUSE
    assert services.house.desk_settings() == DeskSettings()


def test_empty_name_and_address_are_explained_together(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    dialog.house_name.clear()
    dialog.house_address.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert error_text(dialog, "name") == _("Write the name of the house.")
    assert error_text(dialog, "address") == _("Write the address of the house: it is printed on receipts.")


def test_saving_without_changes_writes_nothing(qtbot: QtBot, services: Services, admin: Actor) -> None:
    before = services.audit.count(admin)
    dialog = make_dialog(qtbot, services, admin)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == HouseDialog.DialogCode.Accepted
    assert services.audit.count(admin) == before


def test_only_the_changed_part_is_saved(qtbot: QtBot, services: Services, admin: Actor) -> None:
    dialog = make_dialog(qtbot, services, admin)
    dialog.idle_minutes.setValue(10)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    newest = services.audit.rows(admin, services.audit.entry_ids(admin)[:1])[0]
    assert (newest.entity, newest.fields) == ("settings", ("idle_lock_minutes",))
    house_entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="house"))
    assert [row.action for row in house_entries] == ["create"]


def test_a_coordinator_is_told_to_ask_an_admin(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, coordinator)
    retype(qtbot, dialog.house_name, "Altro nome")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert boxes.errors == [_("Only an admin can do this. Ask an admin to sign in and do it.")]
    assert dialog.isVisible()
    assert services.house.details() == HOUSE
