"""The admin's cash settings: the stamp duty on receipts and the payment categories."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import Direction, StampDuty, StampDutyMode
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.cash_settings_dialog import COL_NAME, CashSettingsDialog, CategoryDialog
from ui.main_window import MainWindow
from ui.pages.cash.payment_form import PaymentForm

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_dialog(qtbot: QtBot, services: Services, actor: Actor) -> CashSettingsDialog:
    dialog = CashSettingsDialog(services=services, actor=actor)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def fill_category(name: str, *, exempt: bool = False) -> None:
    """Answer the modal category form the next time it opens, as a volunteer would."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CategoryDialog)
        dialog.name.selectAll()
        type_text(dialog.name, name)
        dialog.exempt.setChecked(exempt)
        dialog.save_button.click()

    QTimer.singleShot(0, fill)


def test_the_admin_switches_the_stamp_duty_to_exempt(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, admin)
    assert dialog.stamp_duty_mode() is StampDutyMode.APPLY
    assert [button.text() for button in dialog.stamp_buttons.values()] == [
        "2 € stamp duty on receipts above 77.47 €",
        "Exempt from stamp duty (art. 82 c.5 D.Lgs. 117/2017)",
    ]
    dialog.stamp_buttons[StampDutyMode.APPLY].setFocus()
    qtbot.keyClick(dialog.stamp_buttons[StampDutyMode.APPLY], Qt.Key.Key_Down)  # saved at once
    assert dialog.stamp_duty_mode() is StampDutyMode.EXEMPT
    assert services.cash_settings.stamp_duty_mode() is StampDutyMode.EXEMPT

    room_hire = next(row for row in services.cash_settings.categories(admin) if row.code == "room_hire")
    payer = services.people.create(admin, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    draft = PaymentDraft(amount_cents=15000, category_id=room_hire.id, payer_person_id=payer)
    details = services.cash.record_payment(admin, draft)
    assert details.receipt is not None
    assert services.receipts.get(admin, details.receipt.id).stamp_duty is StampDuty.EXEMPT
    assert boxes.errors == []


def test_a_new_category_appears_in_the_payment_form(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, admin)
    before = dialog.table.rowCount()
    fill_category("Corso di cucito")
    dialog.add_button.click()
    assert dialog.table.rowCount() == before + 1
    assert dialog.table.item(dialog.table.currentRow(), COL_NAME).text() == "Corso di cucito"
    added = dialog.category_rows()[-1]
    assert (added.name, added.direction, added.stamp_exempt, added.active) == (
        "Corso di cucito",
        Direction.IN,
        False,
        True,
    )

    form = PaymentForm(services=services, actor=volunteer)
    qtbot.addWidget(form)
    labels = [form.category.itemText(index) for index in range(form.category.count())]
    assert "Corso di cucito" in labels
    assert boxes.errors == []


def test_a_category_form_says_what_is_wrong_under_the_name(qtbot: QtBot, services: Services, admin: Actor) -> None:
    form = CategoryDialog(services=services, actor=admin)
    qtbot.addWidget(form)
    form.show()
    form.save_button.click()  # no name
    assert form.errors.message_for("name")
    type_text(form.name, "Donation")  # the built-in "donation"
    form.save_button.click()
    assert "Another category" in form.errors.message_for("name")
    assert not form.result()


def test_a_built_in_category_keeps_its_code_when_edited(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, admin)
    donation = next(number for number, row in enumerate(dialog.category_rows()) if row.code == "donation")
    dialog.table.selectRow(donation)
    fill_category("Erogazione liberale", exempt=True)
    dialog.edit_button.click()
    row = dialog.category_rows()[donation]
    assert (row.code, row.label, row.stamp_exempt) == ("donation", "Erogazione liberale", True)


def test_only_an_admin_sees_the_cash_settings(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, coordinator: Actor
) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.start_desk(admin)
    assert window.cash_settings_action in window.house_menu.actions()
    assert window.house_menu.menuAction().isVisible() and window.cash_settings_action.isVisible()
    for actor in (volunteer, coordinator):
        window.start_desk(actor)
        assert not window.house_menu.menuAction().isVisible()
