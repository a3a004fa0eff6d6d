"""Choosing a room by typing its name, spaces included, in every room chooser of the desk.

A plain ``QComboBox`` opens its list at the first Space ("Sala| Grande") and the rest of the
name goes into the list; ``RoomCombo`` keeps the whole name as the search. The tests type with
``qtbot.keyClicks``, which sends a real Space key for " ", as a keyboard does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.calendar_house import WEDNESDAY, House, build_house
from ui.dialogs.ics_export_dialog import IcsExportDialog
from ui.dialogs.ics_import_dialog import IcsImportDialog
from ui.dialogs.room_editor import RoomEditor
from ui.pages.bookings_page import BookingsPage
from ui.widgets import room_combo
from ui.widgets.calendar_layout import ViewMode
from ui.widgets.room_combo import NAME_ROLE, RoomCombo, search_key

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

ROOMS = (
    "Cortile",
    "Cucina",
    "Laboratorio di sartoria",
    "Sala Grande",
    "Sala Grande – lato cortile",
    "Sala Grande – lato strada",
    "Sala riunioni",
    "Salone Nicolò",
)


def make_combo(qtbot: QtBot) -> RoomCombo:
    """The rooms as the booking form lists them: name and capacity, the name to search by."""
    combo = RoomCombo()
    for number, name in enumerate(ROOMS):
        combo.addItem(f"{name} · up to {number + 10} people", number)
        combo.setItemData(number, name, NAME_ROLE)
    qtbot.addWidget(combo)
    with qtbot.waitActive(combo):
        combo.show()
    combo.setFocus()
    return combo


def shown(combo: QComboBox) -> str:
    return combo.currentText().split(" · ")[0]


def test_the_search_key_ignores_case_accents_and_punctuation() -> None:
    assert search_key("Sala Grande – lato cortile") == "sala grande lato cortile"
    assert search_key("Salone Nicolò") == "salone nicolo"
    assert search_key("sala ") == "sala "  # a space typed after a word is part of the search
    assert search_key("  ") == ""


def test_a_whole_name_with_spaces_is_one_search_and_the_list_stays_shut(qtbot: QtBot) -> None:
    combo = make_combo(qtbot)
    activated: list[int] = []
    combo.activated.connect(activated.append)
    qtbot.keyClicks(combo, "Sala Grande")
    assert shown(combo) == "Sala Grande"
    qtbot.keyClicks(combo, " lato s")  # the dash need not be typed
    assert shown(combo) == "Sala Grande – lato strada"
    assert not combo.view().isVisible()
    assert activated == [3, 4, 5]  # once per room passed on the way ("lato c" first), as in Qt
    qtbot.keyClick(combo, Qt.Key.Key_Backspace)  # takes back the "s": "sala grande lato "
    assert combo.typed_text() == "Sala Grande lato "
    assert shown(combo) == "Sala Grande – lato strada"  # still a room that the text finds


def test_after_a_pause_a_word_of_the_name_finds_the_room(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(room_combo, "PAUSE_MS", 50)
    combo = make_combo(qtbot)
    qtbot.keyClicks(combo, "Sala")
    assert shown(combo) == "Sala Grande"
    qtbot.wait(120)  # a slow typist: the search starts again
    qtbot.keyClick(combo, Qt.Key.Key_Space)
    assert not combo.view().isVisible() and combo.typed_text() == ""  # a lone space does nothing
    qtbot.keyClicks(combo, "riunioni")  # a word inside the name
    assert shown(combo) == "Sala riunioni"
    qtbot.wait(120)
    qtbot.keyClicks(combo, "nicolo")  # without the accent
    assert shown(combo) == "Salone Nicolò"
    qtbot.wait(120)
    qtbot.keyClicks(combo, "u")  # one letter is a first letter: not the "up to" after the names
    assert shown(combo) == "Salone Nicolò"
    qtbot.keyClicks(combo, "p")  # and the capacity is not searched at all
    assert shown(combo) == "Salone Nicolò" and combo.typed_text() == "up"


def test_the_same_letter_again_steps_through_the_rooms_and_a_typo_starts_over(qtbot: QtBot) -> None:
    combo = make_combo(qtbot)
    qtbot.keyClicks(combo, "c")
    assert shown(combo) == "Cortile"
    qtbot.keyClicks(combo, "c")
    assert shown(combo) == "Cucina"
    qtbot.keyClicks(combo, "c")
    assert shown(combo) == "Cortile"  # round again
    combo.forget_typed()
    qtbot.keyClicks(combo, "cucinaz")  # nothing has "cucinaz": the room stays, the "z" alone finds nothing
    assert shown(combo) == "Cucina" and combo.typed_text() == "cucina"
    qtbot.keyClicks(combo, "l")  # a new word typed at once: "l" alone finds the workshop
    assert shown(combo) == "Laboratorio di sartoria" and combo.typed_text() == "l"


def test_alt_down_and_f4_still_open_the_list_and_arrows_still_step(qtbot: QtBot) -> None:
    combo = make_combo(qtbot)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert shown(combo) == "Cucina" and not combo.view().isVisible()
    for key, modifier in ((Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_F4, None)):
        if modifier is None:
            qtbot.keyClick(combo, key)
        else:
            qtbot.keyClick(combo, key, modifier)
        qtbot.waitUntil(combo.view().isVisible)
        combo.hidePopup()
        qtbot.waitUntil(lambda: not combo.view().isVisible())


# -- every room chooser of the desk is one ---------------------------------------------------------


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


def type_room(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    assert isinstance(combo, RoomCombo)
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert not combo.view().isVisible()


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()


def test_the_week_view_shows_the_room_typed(qtbot: QtBot, services: Services, volunteer: Actor, house: House) -> None:
    page = BookingsPage(services=services, actor=volunteer)
    page.resize(1280, 700)
    show(qtbot, page)
    page.set_day(WEDNESDAY)
    page.shown()
    page.set_mode(ViewMode.WEEK)
    type_room(qtbot, page.room_combo, "Sala Grande lato strada")
    assert page.room_id() == house.street_side
    assert {column.room.id for column in page.view.columns()} == {house.street_side}  # the week followed


def test_the_calendar_dialogs_and_the_room_editor_take_a_typed_room(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House
) -> None:
    importer = IcsImportDialog(services=services, actor=volunteer)
    show(qtbot, importer)
    type_room(qtbot, importer.room, "sala grande - lato cortile")
    assert importer.room.currentData() == house.courtyard_side

    exporter = IcsExportDialog(services=services, actor=volunteer)
    show(qtbot, exporter)
    type_room(qtbot, exporter.room, "Sala riunioni")
    assert exporter.room.currentData() == house.meeting

    services.rooms.create(coordinator, RoomDraft(name="Sala piccola", capacity=10))
    editor = RoomEditor(services=services, actor=coordinator)
    show(qtbot, editor)
    type_room(qtbot, editor.part_of, "Sala Grande")
    assert editor.part_of.currentData() == house.hall
