"""The Rooms page and the room editor, driven as a coordinator at the desk would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.roles import Actor, Role
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import AREAS, area_of
from ui.dialogs.room_editor import RoomEditor
from ui.models.rooms_model import COL_ACTIVE, COL_CAPACITY, COL_NAME, COL_PART_OF, COL_RATE, INACTIVE_TEXT, RoomsModel
from ui.pages.rooms_page import RoomsPage
from ui.widgets import colour_field

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def hall(services: Services, coordinator: Actor) -> int:
    """A hall with two halves, a kitchen, and a cellar no longer in use."""
    hall = services.rooms.create(
        coordinator, RoomDraft(name="Salone", capacity=120, hourly_rate_cents=4000, colour="#d9534f")
    )
    for half in ("Salone A", "Salone B"):
        services.rooms.create(coordinator, RoomDraft(name=half, capacity=60, parent_id=hall.id))
    services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=15, hourly_rate_cents=2000))
    services.rooms.create(coordinator, RoomDraft(name="Cantina", capacity=8, active=False))
    return hall.id


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> RoomsPage:
    page = RoomsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    page.shown()
    return page


def new_room_editor(page: RoomsPage) -> RoomEditor:
    page.add_new()  # what Ctrl+N calls
    editor = page.dialog
    assert isinstance(editor, RoomEditor)
    return editor


def select_room(page: RoomsPage, name: str) -> None:
    for row in range(page.model.rowCount()):
        room = page.model.room_at(row)
        if room is not None and room.name == name:
            page.table.setCurrentIndex(page.model.index(row, COL_NAME))
            page.table.selectRow(row)
            return
    raise LookupError(name)


def edit_room(qtbot: QtBot, page: RoomsPage, name: str) -> RoomEditor:
    """Choose the room in the table and press Enter, as the desk does."""
    select_room(page, name)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.dialog
    assert isinstance(editor, RoomEditor)
    return editor


def retype(widget: QWidget, text: str) -> None:
    """Select what the field holds and type over it."""
    select_all = getattr(widget, "selectAll")  # noqa: B009 - line edits and spin boxes alike
    select_all()
    type_text(widget, text)


def error_text(editor: RoomEditor, field: str) -> str:
    label = editor.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(editor) else ""


def names_shown(page: RoomsPage) -> list[str]:
    return [page.model.index(row, COL_NAME).data() for row in range(page.model.rowCount())]


# -- the area and the model ------------------------------------------------------------------------


def test_the_rooms_area_is_for_coordinators_and_comes_after_the_desk_areas() -> None:
    area = area_of(RoomsPage)
    assert area.minimum_role is Role.COORDINATOR
    pages = [item.page for item in AREAS]
    assert pages.index("ui.pages.rooms_page:RoomsPage") == pages.index("ui.pages.reports_page:ReportsPage") + 1
    assert (
        pages.index("ui.pages.workshops_page:WorkshopsPage") == pages.index("ui.pages.bookings_page:BookingsPage") + 1
    )


def test_rooms_model_passes_the_model_tester_and_lists_parts_under_their_room(
    qtmodeltester: ModelTester, services: Services, coordinator: Actor, hall: int
) -> None:
    model = RoomsModel()
    model.set_rows(services.rooms.rooms(coordinator, include_inactive=True))
    qtmodeltester.check(model)
    rows = [model.index(row, COL_NAME).data() for row in range(model.rowCount())]
    assert rows == ["Cantina", "Cucina", "Salone", "Salone A", "Salone B"]
    assert model.index(3, COL_PART_OF).data() == "Salone"
    assert model.index(2, COL_PART_OF).data() == ""
    assert model.index(2, COL_CAPACITY).data() == "120"
    assert model.index(2, COL_RATE).data() == "€40.00"
    assert model.index(0, COL_ACTIVE).data() == "no"
    assert model.index(0, COL_NAME).data(Qt.ItemDataRole.ForegroundRole).color() == INACTIVE_TEXT
    assert model.index(1, COL_NAME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_rooms_not_in_use_are_listed_dimmed_and_can_be_hidden(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int
) -> None:
    page = make_page(qtbot, services, coordinator)
    assert "Cantina" in names_shown(page)
    assert page.count_label.text() == "5 rooms"

    page.hide_inactive.setChecked(True)

    assert names_shown(page) == ["Cucina", "Salone", "Salone A", "Salone B"]
    assert page.count_label.text() == "4 rooms (1 not in use hidden)"


# -- adding and changing a room --------------------------------------------------------------------


def test_a_new_room_is_typed_in_and_saved_with_the_member_rate_following_the_hourly_rate(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    editor = new_room_editor(page)
    assert editor.windowTitle() == "New room"
    assert editor.name.hasFocus() or editor.focusWidget() is editor.name

    type_text(editor.name, "Sartoria")
    retype(editor.capacity, "14")
    type_text(editor.hourly_rate, "15.50")
    assert editor.member_rate.text() == "15.50"  # follows until typed
    type_text(editor.equipment, "6 macchine da cucire, tavolo da taglio")
    type_text(editor.opening_hours, "Mon–Fri 9–19")
    qtbot.keyClick(editor.opening_hours, Qt.Key.Key_Return)  # Enter saves

    assert editor.result() == RoomEditor.DialogCode.Accepted
    room = services.rooms.find(coordinator, "Sartoria")
    assert room is not None
    assert (room.capacity, room.hourly_rate_cents, room.member_rate_cents) == (14, 1550, 1550)
    assert room.equipment == "6 macchine da cucire, tavolo da taglio"
    assert room.opening_hours == "Mon–Fri 9–19"
    assert room.colour == "#4a90d9" and room.active and room.parent_id is None
    assert page.dialog is None
    assert page.selected_room() is not None and page.selected_room() == room
    assert boxes.errors == []


def test_a_member_rate_typed_by_hand_stops_following_the_hourly_rate(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int
) -> None:
    editor = new_room_editor(make_page(qtbot, services, coordinator))
    type_text(editor.hourly_rate, "20")
    retype(editor.member_rate, "12,5")
    type_text(editor.hourly_rate, "0")

    assert editor.hourly_rate.text() == "200"
    assert editor.member_rate.text() == "12,5"


def test_enter_on_a_room_opens_it_and_the_changes_are_saved(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, services, coordinator)
    editor = edit_room(qtbot, page, "Cucina")
    assert editor.windowTitle() == "Room: Cucina"
    assert editor.hourly_rate.text() == "20.00"
    monkeypatch.setattr(colour_field, "choose_colour", lambda parent, current: "#5CB85C")

    retype(editor.capacity, "18")
    retype(editor.member_rate, "€ 9,90")
    qtbot.mouseClick(editor.colour.button, Qt.MouseButton.LeftButton)
    assert editor.colour.text() == "#5CB85C"
    assert "#5CB85C" in editor.colour.swatch.styleSheet()
    editor.active.setChecked(False)
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)

    room = services.rooms.find(coordinator, "Cucina")
    assert room is not None
    assert (room.capacity, room.hourly_rate_cents, room.member_rate_cents) == (18, 2000, 990)
    assert room.colour == "#5cb85c" and not room.active
    assert page.selected_room() == room
    assert page.model.index(page.model.row_of(room.id), COL_ACTIVE).data() == "no"


def test_empty_name_capacity_zero_and_bad_amounts_are_shown_next_to_the_fields(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int
) -> None:
    editor = new_room_editor(make_page(qtbot, services, coordinator))
    type_text(editor.hourly_rate, "dodici")
    retype(editor.member_rate, "12.505")
    editor.save()

    assert "“dodici” is not an amount" in error_text(editor, "hourly_rate_cents")
    assert error_text(editor, "member_rate_cents") == "Amounts have at most two decimals, like 12,50."
    assert editor.focusWidget() is editor.hourly_rate

    retype(editor.hourly_rate, "12")
    retype(editor.member_rate, "8")
    editor.save()

    assert error_text(editor, "hourly_rate_cents") == ""
    assert error_text(editor, "name") == "Write the name of the room."
    assert error_text(editor, "capacity") == "Write how many people the room holds: at least 1."
    assert editor.focusWidget() is editor.name

    type_text(editor.name, "salone")
    retype(editor.capacity, "30")
    retype(editor.colour.edit, "#12")
    editor.save()

    assert error_text(editor, "name") == "Another room already has this name: choose a different one."
    assert error_text(editor, "colour") == "Write the colour as # and six hexadecimal digits, like #4a90d9."
    assert editor.isVisible()
    assert len(services.rooms.rooms(coordinator, include_inactive=True)) == 5  # nothing saved


def test_a_half_is_made_part_of_the_hall_and_the_hall_cannot_become_part_of_another(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    editor = new_room_editor(page)
    parts = [editor.part_of.itemText(i) for i in range(editor.part_of.count())]
    # Only rooms of their own can have parts; a room no longer used is named as such.
    assert parts == ["— none: a room of its own —", "Cantina (not in use)", "Cucina", "Salone"]
    type_text(editor.name, "Palco")
    retype(editor.capacity, "20")
    editor.part_of.setCurrentIndex(editor.part_of.findData(hall))
    editor.save()
    palco = services.rooms.find(coordinator, "Palco")
    assert palco is not None and palco.parent_id == hall
    assert page.model.index(page.model.row_of(palco.id), COL_PART_OF).data() == "Salone"

    editor = edit_room(qtbot, page, "Salone")
    editor.part_of.setCurrentIndex(editor.part_of.findText("Cucina"))
    editor.save()

    assert error_text(editor, "parent_id") == "This room has parts of its own, so it cannot be part of another."
    assert services.rooms.get(coordinator, hall).parent_id is None


def test_closing_a_changed_editor_asks_first(
    qtbot: QtBot, services: Services, coordinator: Actor, hall: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    editor = edit_room(qtbot, page, "Cucina")
    type_text(editor.name, " nuova")
    boxes.answer = False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert boxes.questions == ["Discard the changes to this room?"]
    assert editor.isVisible()

    boxes.answer = True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert page.dialog is None
    assert services.rooms.find(coordinator, "Cucina") is not None


def test_a_page_with_no_rooms_says_how_to_add_the_first(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    page = make_page(qtbot, services, coordinator)
    assert page.empty_hint.isVisible()
    assert not page.edit_button.isEnabled()
    assert not page.import_button.isEnabled()
