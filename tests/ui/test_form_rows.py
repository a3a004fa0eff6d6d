"""The form rows the editors share: Alt+letter on a label reaches its field, amounts as typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app import i18n
from app.services import Services
from app.services.roles import Actor
from ui.dialogs.closures_dialog import ClosuresDialog
from ui.dialogs.room_editor import RoomEditor
from ui.dialogs.tool_editor import ToolEditor
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import amount_text, error_row, hinted, money_edit

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


def press_alt(qtbot: QtBot, dialog: QDialog, letter: Qt.Key) -> QWidget | None:
    focus = dialog.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, letter, Qt.KeyboardModifier.AltModifier)
    return dialog.focusWidget()


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_a_mnemonic_reaches_a_field_with_a_grey_note_after_it(qtbot: QtBot) -> None:
    dialog = QDialog()
    form = QFormLayout(dialog)
    errors = FormErrors(QLabel())
    first = money_edit("first")
    amount = money_edit("amount")
    error_row(errors, form, "&First", first, "first")
    error_row(errors, form, "&Amount", hinted(amount, "€ per hour"), "amount")
    shown(qtbot, dialog)
    first.setFocus()
    assert press_alt(qtbot, dialog, Qt.Key.Key_A) is amount


def test_the_room_editors_labels_reach_their_fields(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    editor = shown(qtbot, RoomEditor(services=services, actor=coordinator))
    assert isinstance(editor, RoomEditor)
    assert press_alt(qtbot, editor, Qt.Key.Key_C) is editor.capacity  # "&Capacity", a spin box with a note
    assert press_alt(qtbot, editor, Qt.Key.Key_H) is editor.hourly_rate  # "&Hourly rate"
    assert press_alt(qtbot, editor, Qt.Key.Key_N) is editor.name  # "&Name"


def test_the_tool_forms_labels_reach_their_fields(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    editor = shown(qtbot, ToolEditor(services=services, actor=coordinator))
    assert isinstance(editor, ToolEditor)
    assert press_alt(qtbot, editor, Qt.Key.Key_P) is editor.form.deposit  # "De&posit"
    assert press_alt(qtbot, editor, Qt.Key.Key_C) is editor.form.code  # "&Code"


def test_the_closures_form_labels_reach_their_fields(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    dialog = shown(qtbot, ClosuresDialog(services=services, actor=coordinator))
    assert isinstance(dialog, ClosuresDialog)
    assert press_alt(qtbot, dialog, Qt.Key.Key_F) is dialog.first_day  # "&First day"
    assert press_alt(qtbot, dialog, Qt.Key.Key_S) is dialog.reason  # "Rea&son"


def test_an_amount_is_shown_as_the_desk_types_it() -> None:
    with i18n.in_language("it"):
        assert amount_text(1250) == "12,50"
        assert amount_text(123450) == "1.234,50"
    with i18n.in_language("en"):
        assert amount_text(1250) == "12.50"
