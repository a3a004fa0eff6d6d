"""The Catalogue tab of the Tool library, driven as the desk would: search, filters, open, labels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import i18n
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolDraft
from tests.app.tool_house import DRILL, LADDER, person, tool
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.labels_dialog import LabelsDialog
from ui.dialogs.tool_editor import ToolEditor
from ui.models.tools_model import COL_BORROWER, COL_CODE, COL_STATUS, STATUS_COLOURS, ToolsModel
from ui.pages.lending.catalogue_tab import CatalogueTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

SANDER = ToolDraft(name="Levigatrice orbitale", category="Levigatrici", brand="Makita", serial="SN-77812")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def catalogue(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    """A drill (lent to Anna Rossi), a second drill in repair, a ladder and a sander."""
    ids = {
        "drill": tool(services, coordinator, DRILL),
        "drill2": tool(services, coordinator, replace(DRILL, name="Trapano avvitatore", brand="Einhell")),
        "ladder": tool(services, coordinator, LADDER),
        "sander": tool(services, coordinator, SANDER),
    }
    anna = person(services, volunteer, "Anna", "Rossi")
    services.loans.lend(volunteer, ids["drill"], anna, components_confirmed=True)
    services.tools.set_status(coordinator, ids["drill2"], ToolStatus.IN_REPAIR, "mandrino rotto")
    return ids


def make_tab(qtbot: QtBot, services: Services, actor: Actor) -> CatalogueTab:
    tab = CatalogueTab(services=services, actor=actor)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    tab.shown()
    return tab


def codes(tab: CatalogueTab) -> list[str]:
    return [tab.model.data(tab.model.index(row, COL_CODE)) for row in range(tab.model.rowCount())]


def close_dialog(tab: CatalogueTab) -> None:
    if tab.dialog is not None:
        tab.dialog.done(0)


def test_search_as_you_type_finds_code_name_brand_and_serial(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int]
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    assert codes(tab) == ["LE-0001", "SC-0001", "TR-0001", "TR-0002"]
    assert tab.count_label.text() == "4 tools"
    for text, expected in (
        ("makita", ["LE-0001"]),
        ("tr-0002", ["TR-0002"]),
        ("sn-778", ["LE-0001"]),
        ("trapano bosch", ["TR-0001"]),
        ("trapano", ["TR-0001", "TR-0002"]),
        ("einhell", ["TR-0002"]),
    ):
        tab.search.clear()
        type_text(tab.search, text)
        qtbot.waitUntil(lambda wanted=expected: codes(tab) == wanted, timeout=2000)  # type: ignore[misc]
    tab.search.clear()
    type_text(tab.search, "nothing like this")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=2000)
    assert tab.empty_hint.isVisible()
    assert "No tool matches" in tab.empty_hint.text()


def test_filters_by_category_and_status_and_shows_the_borrower(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int]
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    tab.category.setCurrentIndex(tab.category.findData("Trapani"))
    assert codes(tab) == ["TR-0001", "TR-0002"]
    tab.status.setCurrentIndex(tab.status.findData(ToolStatus.IN_REPAIR.value))
    assert codes(tab) == ["TR-0002"]
    tab.status.setCurrentIndex(tab.status.findData(ToolStatus.ON_LOAN.value))
    assert codes(tab) == ["TR-0001"]
    assert tab.model.data(tab.model.index(0, COL_STATUS)) == "On loan"
    assert tab.model.data(tab.model.index(0, COL_BORROWER)) == "Rossi Anna, until Nov 29, 2026"
    colour = tab.model.data(tab.model.index(0, COL_STATUS), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(colour, QColor) and colour.name() == STATUS_COLOURS[ToolStatus.ON_LOAN]
    tab.category.setCurrentIndex(0)
    tab.status.setCurrentIndex(tab.status.findData(ToolStatus.AVAILABLE.value))
    assert codes(tab) == ["LE-0001", "SC-0001"]


def test_the_table_model_passes_qt_model_tests(
    qtmodeltester: ModelTester, services: Services, volunteer: Actor, catalogue: dict[str, int]
) -> None:
    model = ToolsModel(services=services, actor=volunteer)
    model.set_ids(services.tools.tool_ids(volunteer))
    qtmodeltester.check(model, force_py=True)


def test_volunteers_open_tools_but_cannot_add_or_edit(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int], boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    assert not tab.new_button.isVisible()
    tab.add_new()
    assert tab.dialog is None
    tab.select_ids([catalogue["ladder"]])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    editor = tab.dialog
    assert isinstance(editor, ToolEditor)
    assert editor.save_button is None
    assert editor.form.name.isReadOnly()
    assert not editor.status_box.isVisible()
    assert editor.form.name.text() == "Scala 5 gradini"
    close_dialog(tab)
    assert tab.dialog is None


def test_new_tool_from_ctrl_n_is_selected_after_saving(
    qtbot: QtBot, services: Services, coordinator: Actor, catalogue: dict[str, int], boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, coordinator)
    type_text(tab.search, "makita")
    tab.apply_search_now()
    tab.add_new()  # what Ctrl+N calls through the page
    editor = tab.dialog
    assert isinstance(editor, ToolEditor)
    type_text(editor.form.name, "Smerigliatrice")
    type_text(editor.form.category, "Smerigliatrici")
    assert editor.form.code.text() == "SM-0001"
    editor.save()
    editor.reject()  # saved: closes as Accepted
    assert tab.dialog is None
    assert tab.search.text() == ""  # the search hid the new tool
    assert tab.selected_ids() == [editor.saved_id]
    assert tab.category.findData("Smerigliatrici") >= 0


def test_print_labels_of_the_chosen_tools_opens_the_labels_dialog(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int], boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    tab.print_labels()
    assert tab.dialog is None
    assert boxes.infos and "Choose the tools" in boxes.infos[0]
    tab.select_ids([catalogue["sander"], catalogue["ladder"]])
    assert tab.selected_ids() == [catalogue["sander"], catalogue["ladder"]]
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow, timeout=2000)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialog
    assert isinstance(dialog, LabelsDialog)
    assert [item.code for item in dialog.items] == ["LE-0001", "SC-0001"]
    assert dialog.items[0].name == "Levigatrice orbitale"
    close_dialog(tab)


def test_screenshot_in_italian(
    qtbot: QtBot, services: Services, coordinator: Actor, catalogue: dict[str, int], tmp_path: Path
) -> None:
    i18n.set_language("it")
    tab = make_tab(qtbot, services, coordinator)
    tab.resize(1366 - 220, 768 - 120)
    tab.select_ids([catalogue["ladder"]])
    image = tab.grab()
    assert not image.isNull()
    image.save("/tmp/l3_catalogue_it.png")
    assert tab.model.headerData(COL_STATUS, Qt.Orientation.Horizontal) == "Stato"


def focused_on(tab: CatalogueTab, qtbot: QtBot) -> None:
    tab.activateWindow()
    qtbot.waitUntil(tab.isActiveWindow, timeout=2000)


def test_the_keyboard_moves_between_search_and_list_as_on_the_registry_pages(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int]
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    focused_on(tab, qtbot)
    tab.focus_search()
    type_text(tab.search, "trapano")
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)  # searches at once, then goes into the list
    assert codes(tab) == ["TR-0001", "TR-0002"]
    assert tab.table.hasFocus()
    assert tab.selected_ids() == [catalogue["drill"]]
    assert tab.open_button.isEnabled() and tab.labels_button.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.selected_ids() == [catalogue["drill2"]]
    qtbot.keyClick(tab.table, Qt.Key.Key_Up)
    qtbot.keyClick(tab.table, Qt.Key.Key_Up)  # from the first row back to the search
    assert tab.search.hasFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    type_text(tab.table, " b")  # a letter typed in the list goes on with the search (a space does not)
    assert tab.search.hasFocus()
    assert tab.search.text() == "trapanob"
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    assert tab.search.text() == ""


def test_several_chosen_tools_stay_chosen_when_the_list_is_searched_again(
    qtbot: QtBot, services: Services, volunteer: Actor, catalogue: dict[str, int]
) -> None:
    tab = make_tab(qtbot, services, volunteer)
    tab.select_ids([catalogue["ladder"], catalogue["sander"]])
    assert tab.selected_ids() == [catalogue["sander"], catalogue["ladder"]]  # in the order of the list
    assert not tab.open_button.isEnabled()  # Open works on one tool
    assert tab.labels_button.isEnabled()
    tab.status.setCurrentIndex(tab.status.findData(ToolStatus.AVAILABLE.value))
    assert codes(tab) == ["LE-0001", "SC-0001"]
    assert tab.selected_ids() == [catalogue["sander"], catalogue["ladder"]]
    tab.apply_search_now()
    assert tab.selected_ids() == [catalogue["sander"], catalogue["ladder"]]
    assert tab.table.currentIndex().row() == 0


def test_a_saved_tool_hidden_by_the_filters_clears_them_and_is_selected(
    qtbot: QtBot, services: Services, coordinator: Actor, catalogue: dict[str, int], boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, coordinator)
    tab.category.setCurrentIndex(tab.category.findData("Trapani"))
    tab.status.setCurrentIndex(tab.status.findData(ToolStatus.IN_REPAIR.value))
    assert codes(tab) == ["TR-0002"]
    tab.add_new()
    editor = tab.dialog
    assert isinstance(editor, ToolEditor)
    type_text(editor.form.name, "Smerigliatrice")
    type_text(editor.form.category, "Smerigliatrici")
    editor.save()
    editor.reject()  # saved: closes as Accepted
    assert tab.dialog is None
    assert tab.category.currentIndex() == 0 and tab.status.currentIndex() == 0
    assert tab.selected_ids() == [editor.saved_id]
    assert tab.table.hasFocus() or not tab.isActiveWindow()
    assert tab.count_label.text() == "5 tools"
