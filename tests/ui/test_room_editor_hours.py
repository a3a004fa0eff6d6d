"""The room editor's weekly opening-hours grid: filled from the keyboard, saved with the room."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from app import i18n
from app.services import Services
from app.services.opening_hours import OpeningSpan
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from ui.dialogs.room_editor import RoomEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def make_editor(qtbot: QtBot, services: Services, actor: Actor, room_id: int | None = None) -> RoomEditor:
    editor = RoomEditor(services=services, actor=actor, room_id=room_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def test_monday_copied_to_the_weekdays_and_saturday_are_saved_with_the_room(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    editor = make_editor(qtbot, services, coordinator)
    qtbot.keyClicks(editor.name, "Sala Grande")
    editor.capacity.setValue(80)
    grid = editor.opening_grid
    monday = grid.day(0)
    monday.open.setFocus()
    qtbot.keyClick(monday.open, Qt.Key.Key_Space)
    assert monday.first[0].isEnabled() and not monday.second[0].isEnabled()
    monday.second_open.setChecked(True)  # 9-13 and 14-23, the defaults
    qtbot.mouseClick(grid.copy_button, Qt.MouseButton.LeftButton)  # "Cop&y Monday to the weekdays"
    saturday = grid.day(5)
    saturday.open.setChecked(True)
    saturday.first[1].set_value(time(23))
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_id is not None
    spans = services.rooms.opening_hours(coordinator, editor.saved_id)
    expected = [
        *(OpeningSpan(day, time(9), time(13)) for day in range(5)),
        *(OpeningSpan(day, time(14), time(23)) for day in range(5)),
        OpeningSpan(5, time(9), time(23)),
    ]
    assert spans == sorted(expected)


def test_overlapping_spans_show_the_services_message_and_save_nothing(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12))
    services.rooms.set_opening_hours(coordinator, room.id, [OpeningSpan(2, time(9), time(13))])
    editor = make_editor(qtbot, services, coordinator, room.id)
    wednesday = editor.opening_grid.day(2)
    assert wednesday.open.isChecked() and wednesday.first[1].value() == time(13)
    assert not editor.is_modified()
    wednesday.second_open.setChecked(True)
    wednesday.second[0].set_value(time(12))
    editor.name.setText("Cucina grande")
    editor.save()
    assert editor.isVisible()
    error = editor.findChild(QLabel, "error_opening_spans")
    assert error is not None and "overlap" in error.text() and error.text().startswith("Wednesday")
    assert services.rooms.get(coordinator, room.id).name == "Cucina"
    assert services.rooms.opening_hours(coordinator, room.id) == [OpeningSpan(2, time(9), time(13))]


def test_screenshot_in_italian(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    i18n.set_language("it")
    room = services.rooms.create(
        coordinator, RoomDraft(name="Sala Grande", capacity=80, opening_hours="chiusa ad agosto")
    )
    services.rooms.set_opening_hours(
        coordinator,
        room.id,
        [OpeningSpan(d, time(9), time(13)) for d in range(5)]
        + [OpeningSpan(d, time(14), time(23)) for d in range(5)]
        + [OpeningSpan(5, time(9), time(23))],
    )
    editor = make_editor(qtbot, services, coordinator, room.id)
    editor.opening_grid.day(6).open.setChecked(True)
    editor.opening_grid.day(6).first[0].set_value(time(13))
    editor.save()
    editor2 = make_editor(qtbot, services, coordinator, room.id)
    editor2.grab().save("/tmp/r0_room_editor_it.png")
    assert editor2.opening_grid.day(0).open.text() == "Lunedì"
