"""The tool editor: every field, the photo, status changes, history and reservations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app import i18n
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from tests.app.tool_house import DRILL, person, tool
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.labels_dialog import LabelsDialog
from ui.dialogs.tool_editor import ToolEditor
from ui.widgets.tool_history import COL_PERSON, COL_USER, COL_WHAT

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def open_editor(qtbot: QtBot, services: Services, actor: Actor, tool_id: int | None = None) -> ToolEditor:
    editor = ToolEditor(services=services, actor=actor, tool_id=tool_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def png(path: Path, colour: str = "#3070b0") -> Path:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))  # PNG, from the suffix
    return path


def test_create_a_tool_with_every_field_and_reopen_it(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    services.tools.create(coordinator, DRILL)  # TR-0001 exists: the next drill is TR-0002
    editor = open_editor(qtbot, services, coordinator)
    form = editor.form
    assert editor.tabs.count() == 1  # History and Reservations once saved
    type_text(form.name, "Trapano avvitatore")
    type_text(form.category, "Trapani")
    assert form.code.text() == "TR-0002"
    type_text(form.brand, "Einhell")
    type_text(form.model, "TE-CD 18")
    type_text(form.serial, "SN 0099")
    type_text(form.condition, "buono, valigetta graffiata")
    type_text(form.deposit, "25,50")
    form.loan_days.setValue(14)
    form.components.setPlainText("valigetta\n2 batterie\n\ncaricatore")
    form.notes.setPlainText("Chiedere un documento.")
    boxes.file_to_open = png(tmp_path / "trapano.png")
    editor.photo.choose()
    assert editor.photo.picture.pixmap() is not None and not editor.photo.picture.pixmap().isNull()
    editor.save()
    assert boxes.errors == []
    assert editor.saved_id is not None
    assert editor.tabs.count() == 3
    assert editor.windowTitle() == "Tool TR-0002: Trapano avvitatore"
    editor.reject()
    assert editor.result() == ToolEditor.DialogCode.Accepted

    again = open_editor(qtbot, services, coordinator, editor.saved_id)
    form = again.form
    assert (form.code.text(), form.name.text(), form.category.text()) == ("TR-0002", "Trapano avvitatore", "Trapani")
    assert (form.brand.text(), form.model.text(), form.serial.text()) == ("Einhell", "TE-CD 18", "SN 0099")
    assert form.condition.text() == "buono, valigetta graffiata"
    assert form.deposit.text() == "25.50"
    assert form.loan_days.value() == 14
    assert form.components.toPlainText() == "valigetta\n2 batterie\ncaricatore"
    assert form.notes.toPlainText() == "Chiedere un documento."
    assert again.photo.data() == (tmp_path / "trapano.png").read_bytes()
    assert not again.is_modified()
    # Removing the photo is saved with the details.
    again.photo.remove()
    assert again.is_modified()
    again.save()
    photo = services.tools.photo(coordinator, editor.saved_id)
    assert photo is None


def test_wrong_input_is_shown_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    editor = open_editor(qtbot, services, coordinator)
    type_text(editor.form.deposit, "trenta")
    editor.save()
    assert "is not an amount" in editor.form.errors.message_for("deposit_cents")
    editor.form.deposit.clear()
    editor.form.code.setText("tr 01")
    editor.save()
    assert editor.form.errors.message_for("name") == "Write the name of the tool."
    assert "A code has at most" in editor.form.errors.message_for("code")
    assert services.tools.tool_ids(coordinator) == []
    # Esc with typed changes asks before throwing them away.
    boxes.answer = False
    editor.reject()
    assert boxes.questions == ["Discard the changes to this tool?"]
    assert editor.isVisible()


def test_retiring_needs_a_reason_and_the_history_tells_who_and_when(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    drill = tool(services, coordinator)
    editor = open_editor(qtbot, services, coordinator, drill)
    box = editor.status_box
    assert box.isVisible()
    assert box.buttons[ToolStatus.RETIRED].isVisible()
    assert not box.buttons[ToolStatus.AVAILABLE].isVisible()
    box.buttons[ToolStatus.RETIRED].click()
    assert box.errors.message_for("reason") == "Write why the tool is retired."
    assert boxes.questions == []
    assert services.tools.get(coordinator, drill).status is ToolStatus.AVAILABLE

    type_text(box.reason, "motore bruciato")
    boxes.answer = False  # the confirmation says No: nothing changes
    box.buttons[ToolStatus.RETIRED].click()
    assert boxes.questions == ["Retire TR-0001 for good? It stays in the history but cannot be lent."]
    assert services.tools.get(coordinator, drill).status is ToolStatus.AVAILABLE
    boxes.answer = True
    box.buttons[ToolStatus.RETIRED].click()
    details = services.tools.get(coordinator, drill)
    assert (details.status, details.status_reason) == (ToolStatus.RETIRED, "motore bruciato")
    assert "No longer lent: motore bruciato" in editor.summary.text()
    assert box.buttons[ToolStatus.AVAILABLE].isVisible()
    assert not box.buttons[ToolStatus.IN_REPAIR].isVisible()
    assert editor.history is not None
    latest = editor.history.cell_texts(0)
    assert (latest[COL_WHAT], latest[COL_USER]) == ("Status changed", "Teresa")
    assert "motore bruciato" in latest
    box.buttons[ToolStatus.AVAILABLE].click()
    assert services.tools.get(coordinator, drill).status is ToolStatus.AVAILABLE


def test_history_shows_loans_with_the_borrower(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    editor = open_editor(qtbot, services, volunteer, drill)
    assert editor.history is not None
    lent = editor.history.cell_texts(0)
    assert (lent[COL_WHAT], lent[COL_PERSON], lent[COL_USER]) == ("Lent", "Rossi Anna", "Samir")
    assert editor.history.cell_texts(1)[COL_WHAT] == "Added to the catalogue"
    assert not editor.status_box.isVisible()  # volunteers do not change the status


def test_reservation_is_shown_and_an_overlap_is_refused_inline(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    bruno = person(services, volunteer, "Bruno", "Verdi")
    editor = open_editor(qtbot, services, volunteer, drill)
    tab = editor.reservations
    assert tab is not None
    assert tab.empty_hint.isVisible() or tab.table.rowCount() == 0
    tab.reserve()
    assert tab.errors.message_for("person") == "Type the name of the person the tool is kept for."
    tab.person.set_person(anna, "Rossi Anna")
    tab.from_day.setDate(QDate(2026, 11, 25))
    tab.to_day.setDate(QDate(2026, 11, 28))
    tab.reserve()
    assert [(row.person_name, row.from_day) for row in tab.reservations] == [("Rossi Anna", date(2026, 11, 25))]
    item = tab.table.item(0, 2)
    assert item is not None and item.text() == "Rossi Anna"

    tab.person.set_person(bruno, "Verdi Bruno")
    tab.from_day.setDate(QDate(2026, 11, 27))
    tab.to_day.setDate(QDate(2026, 11, 30))
    tab.reserve()
    shown = tab.errors.message_for("from_day")
    assert shown.startswith("TR-0001 is already reserved for Rossi Anna from Nov 25, 2026 to Nov 28, 2026")
    assert len(services.tool_reservations.of_tool(volunteer, drill)) == 1

    tab.table.selectRow(0)
    tab.cancel_selected()
    assert boxes.questions and boxes.questions[-1].startswith("Cancel the reservation of Rossi Anna")
    assert tab.reservations == []
    assert editor.history is not None
    assert editor.history.cell_texts(0)[COL_WHAT] == "Reservation cancelled"


def test_print_label_offers_the_labels_dialog_for_this_tool(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    drill = tool(services, coordinator)
    editor = open_editor(qtbot, services, coordinator, drill)
    editor.label_button.click()
    dialog = editor.labels_dialog
    assert isinstance(dialog, LabelsDialog)
    assert [(item.code, item.name) for item in dialog.items] == [("TR-0001", "Trapano a percussione")]
    dialog.reject()
    assert editor.labels_dialog is None


def test_screenshot_in_italian(qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor) -> None:
    i18n.set_language("it")
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    services.tool_reservations.reserve(volunteer, drill, anna, date(2026, 11, 25), date(2026, 11, 28))
    editor = open_editor(qtbot, services, coordinator, drill)
    editor.resize(editor.width(), min(editor.sizeHint().height(), 740))
    editor.grab().save("/tmp/l3_editor_it.png")
    editor.tabs.setCurrentIndex(1)
    editor.grab().save("/tmp/l3_editor_history_it.png")
    editor.tabs.setCurrentIndex(2)
    editor.grab().save("/tmp/l3_editor_reservations_it.png")
    assert editor.sizeHint().height() <= 768 - 40
