"""The labels dialog: layout, first free label, a PDF with the chosen codes, the layout remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import i18n
from app.reports.label_layouts import A4_2X7, A4_3X8, ROLL_62X29
from app.reports.tool_labels import LabelItem
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.labels_dialog import LabelsDialog, remembered_layout
from ui.printing import PdfPreviewDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

ITEMS = [LabelItem("TR-0001", "Trapano a percussione"), LabelItem("SC-0003", "Scala 5 gradini")]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_dialog(qtbot: QtBot, items: list[LabelItem]) -> LabelsDialog:
    dialog = LabelsDialog(items=items, house_name="Bagni Pubblici di Via Agliè")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(dialog: LabelsDialog, name: str) -> None:
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData(name))


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def close_preview(dialog: LabelsDialog) -> PdfPreviewDialog:
    preview = dialog.preview
    assert isinstance(preview, PdfPreviewDialog)
    preview.done(0)
    return preview


def test_a_sheet_starting_at_a_free_label_has_the_chosen_codes(qtbot: QtBot, boxes: Boxes) -> None:
    dialog = make_dialog(qtbot, ITEMS)
    assert dialog.chosen_layout() == A4_3X8  # nothing remembered yet
    choose(dialog, A4_2X7.name)
    assert dialog.start_at.maximum() == 14 and dialog.start_at.isEnabled()
    dialog.start_at.setValue(14)  # the last label of the sheet: the second tool goes on a new sheet
    assert dialog.pages_hint.text() == "2 sheets"
    dialog.print_button.click()
    assert boxes.errors == []
    assert dialog.path is not None and dialog.path.parent.name == "labels"
    pages = pdf_text(dialog.path)
    assert len(pages) == 2
    assert "TR-0001" in pages[0] and "SC-0003" in pages[1]
    assert "Trapano a percussione" in pages[0]
    assert dialog.result() == LabelsDialog.DialogCode.Accepted
    assert close_preview(dialog).page_count() == 2
    assert remembered_layout() == A4_2X7
    # The next time, on this computer, the same sheets are offered.
    assert make_dialog(qtbot, ITEMS).chosen_layout() == A4_2X7


def test_the_roll_prints_one_label_per_page(qtbot: QtBot, boxes: Boxes) -> None:
    dialog = make_dialog(qtbot, ITEMS)
    choose(dialog, ROLL_62X29.name)
    assert not dialog.start_at.isEnabled()
    assert "One label per page" in dialog.pages_hint.text()
    dialog.print_button.click()
    assert dialog.path is not None
    reader = PdfReader(dialog.path)
    assert len(reader.pages) == 2
    assert ["TR-0001" in text for text in pdf_text(dialog.path)] == [True, False]
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    assert round(width_mm) == 62
    close_preview(dialog)


def test_a_single_label_on_the_roll(qtbot: QtBot, boxes: Boxes) -> None:
    dialog = make_dialog(qtbot, ITEMS[:1])
    choose(dialog, ROLL_62X29.name)
    assert dialog.windowTitle() == "Label of TR-0001"
    dialog.print_button.click()
    assert dialog.path is not None and dialog.path.name == "label-TR-0001.pdf"
    (page,) = pdf_text(dialog.path)
    assert "TR-0001" in page
    close_preview(dialog)


def test_a_code_that_cannot_be_printed_is_said_in_the_dialog(qtbot: QtBot, boxes: Boxes) -> None:
    dialog = make_dialog(qtbot, [LabelItem("TRAPANO-À", "Trapano")])
    dialog.print_button.click()
    assert "cannot be printed as a barcode" in dialog.errors.general_message() + dialog.errors.message_for("code")
    assert dialog.path is None and dialog.preview is None
    assert dialog.isVisible()


def test_screenshot_in_italian(qtbot: QtBot) -> None:
    i18n.set_language("it")
    dialog = make_dialog(qtbot, ITEMS)
    dialog.adjustSize()
    dialog.grab().save("/tmp/l3_labels_it.png")
    assert dialog.layout_combo.count() == 4


def test_the_labels_reach_their_fields(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, ITEMS)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # mnemonics work in the active window only
    qtbot.keyClick(dialog.layout_combo, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.start_at  # "&Start at label"
    qtbot.keyClick(dialog.start_at, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.layout_combo  # "&Labels"
