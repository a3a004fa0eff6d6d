"""The room editor's weekly opening hours: a line per day with any number of spans, from the keyboard.

Screenshots (in /tmp, Italian and English, a 1366x768 screen): rooms open 0, 2 and 3 times a day,
and a grid with its problems under their days.
"""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from app import i18n
from app.services import Services
from app.services.opening_hours import OpeningSpan
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import patch_boxes
from ui.dialogs.room_editor import RoomEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

THREE_A_DAY = [(time(9), time(12)), (time(14), time(18)), (time(20), time(23))]
TWO_A_DAY = [(time(9), time(13)), (time(14), time(23))]


def make_editor(qtbot: QtBot, services: Services, actor: Actor, room_id: int | None = None) -> RoomEditor:
    editor = RoomEditor(services=services, actor=actor, room_id=room_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def room_with(services: Services, actor: Actor, spans: list[OpeningSpan], name: str = "Sala Grande") -> int:
    room = services.rooms.create(actor, RoomDraft(name=name, capacity=80, opening_hours="chiusa ad agosto"))
    services.rooms.set_opening_hours(actor, room.id, spans)
    return room.id


def week(days: range, pairs: list[tuple[time, time]]) -> list[OpeningSpan]:
    return [OpeningSpan(day, opens, closes) for day in days for opens, closes in pairs]


def test_a_room_open_three_times_a_day_shows_all_three_and_copies_all_three_to_the_weekdays(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    """The grid used to hold two spans a day: Monday's third one stayed hidden and was not copied."""
    room_id = room_with(services, coordinator, week(range(1), THREE_A_DAY))
    editor = make_editor(qtbot, services, coordinator, room_id)
    grid = editor.opening_grid
    qtbot.mouseClick(grid.copy_button, Qt.MouseButton.LeftButton)  # "Cop&y Monday to the weekdays"
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.rooms.opening_hours(coordinator, room_id) == sorted(week(range(5), THREE_A_DAY))
    again = make_editor(qtbot, services, coordinator, room_id)
    assert [again.opening_grid.day(day).field.text() for day in range(7)] == [
        *["09:00-12:00, 14:00-18:00, 20:00-23:00"] * 5,
        "",
        "",
    ]
    assert not again.is_modified()


def test_spans_typed_from_the_keyboard_are_tidied_on_leaving_the_day_and_saved_with_enter(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    editor = make_editor(qtbot, services, coordinator)
    type_text(editor.name, "Sala Grande")
    editor.capacity.setValue(80)
    qtbot.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "O&pening hours"
    monday = editor.opening_grid.day(0)
    assert monday.field.hasFocus()
    type_text(monday.field, "20-23 and 9 – 12, 14-18")
    qtbot.keyClick(monday.field, Qt.Key.Key_Tab)
    tuesday = editor.opening_grid.day(1)
    assert tuesday.field.hasFocus()
    assert monday.field.text() == "09:00-12:00, 14:00-18:00, 20:00-23:00"
    assert monday.error.isHidden()
    type_text(tuesday.field, "9-13")
    qtbot.keyClick(tuesday.field, Qt.Key.Key_Return)  # Enter saves
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_id is not None
    assert services.rooms.opening_hours(coordinator, editor.saved_id) == sorted(
        [*week(range(1), THREE_A_DAY), OpeningSpan(1, time(9), time(13))]
    )


def test_a_span_taken_out_and_a_day_emptied_are_saved_so(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    room_id = room_with(services, coordinator, week(range(2), THREE_A_DAY))
    editor = make_editor(qtbot, services, coordinator, room_id)
    editor.opening_grid.day(0).field.setText("09:00-12:00, 20:00-23:00")
    editor.opening_grid.day(1).field.clear()
    assert editor.is_modified()
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.rooms.opening_hours(coordinator, room_id) == [
        OpeningSpan(0, time(9), time(12)),
        OpeningSpan(0, time(20), time(23)),
    ]


def test_the_same_hours_written_another_way_are_no_change(
    qtbot: QtBot, services: Services, coordinator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    room_id = room_with(services, coordinator, week(range(1), THREE_A_DAY))
    editor = make_editor(qtbot, services, coordinator, room_id)
    editor.opening_grid.day(0).field.setText("9-12 14-18 20-23")
    assert not editor.is_modified()
    qtbot.keyClick(editor.opening_grid.day(0).field, Qt.Key.Key_Escape)
    assert boxes.questions == [] and editor.result() == QDialog.DialogCode.Rejected


def test_overlapping_spans_show_the_services_message_under_their_day_and_save_nothing(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    room_id = room_with(services, coordinator, [OpeningSpan(2, time(9), time(13))], name="Cucina")
    editor = make_editor(qtbot, services, coordinator, room_id)
    wednesday = editor.opening_grid.day(2)
    assert wednesday.field.text() == "09:00-13:00" and not editor.is_modified()
    wednesday.field.setText("9-13, 12-15, 20-23")
    editor.name.setText("Cucina grande")
    editor.name.setFocus()
    editor.save()
    assert editor.isVisible()
    assert wednesday.error.isVisible()
    assert wednesday.error.text() == (
        "Wednesday: the times 9:00\u202fAM-1:00\u202fPM and 12:00\u202fPM-3:00\u202fPM overlap: "
        "join them or change one."
    )
    assert wednesday.field.hasFocus()
    grid_error = editor.findChild(QLabel, "error_opening_spans")
    assert grid_error is not None and grid_error.isHidden()  # under its day, not twice
    assert all(editor.opening_grid.day(day).error.isHidden() for day in range(7) if day != 2)
    assert services.rooms.get(coordinator, room_id).name == "Cucina"
    assert services.rooms.opening_hours(coordinator, room_id) == [OpeningSpan(2, time(9), time(13))]


def test_a_room_closing_before_it_opens_is_told_as_soon_as_the_cursor_leaves_the_day(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    editor = make_editor(qtbot, services, coordinator)
    friday = editor.opening_grid.day(4)
    friday.field.setFocus()
    type_text(friday.field, "9-13, 18-14")
    assert friday.error.isHidden()
    qtbot.keyClick(friday.field, Qt.Key.Key_Tab)
    assert friday.error.isVisible()
    assert friday.error.text() == "Friday: the room must open before it closes (6:00\u202fPM - 2:00\u202fPM)."
    friday.field.setFocus()
    friday.field.setText("9-13, 14-18")
    qtbot.keyClick(friday.field, Qt.Key.Key_Tab)
    assert friday.error.isHidden()


def test_a_line_that_cannot_be_read_is_told_under_its_day_with_the_other_fields_problems(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    editor = make_editor(qtbot, services, coordinator)
    editor.name.setText("Sala Piccola")
    editor.capacity.setValue(10)
    editor.hourly_rate.setText("dieci")
    saturday, sunday = editor.opening_grid.day(5), editor.opening_grid.day(6)
    saturday.field.setText("9,30-12")
    sunday.field.setText("9:10-12")
    editor.save()
    assert editor.isVisible() and services.rooms.rooms(coordinator) == []
    assert saturday.error.text().startswith("Saturday: “9” is not a span of time")
    assert saturday.field.text() == "9,30-12"  # left as typed, to be put right
    assert editor.errors.message_for("hourly_rate_cents") != ""
    assert editor.hourly_rate.hasFocus()  # the first problem of the form
    # Sunday reads, so it waits for the service, which says nothing while the rate is wrong.
    editor.hourly_rate.setText("10")
    saturday.field.setText("9:30-12")
    editor.save()
    assert editor.isVisible() and saturday.error.isHidden()
    assert sunday.error.text() == "Sunday: write the times on the quarter hour, like 9:00, 9:15, 9:30 or 9:45."
    assert sunday.field.hasFocus()
    sunday.field.setText("9:15-12")
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted


def test_the_days_go_by_tab_and_the_copy_button_comes_after_sunday(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    editor = make_editor(qtbot, services, coordinator)
    grid = editor.opening_grid
    grid.day(0).field.setFocus()
    for weekday in range(1, 7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert grid.day(weekday).field.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert grid.copy_button.hasFocus()
    assert "Alt+Y" in grid.copy_button.toolTip()


@pytest.mark.parametrize("language", ["it", "en"])
def test_screenshots_with_none_two_and_three_spans_a_day_fit_the_screen(
    qtbot: QtBot, services: Services, coordinator: Actor, language: str
) -> None:
    i18n.set_language(language)
    spans = week(range(1, 5), TWO_A_DAY) + week(range(5, 6), THREE_A_DAY)  # Monday and Sunday closed
    room_id = room_with(services, coordinator, spans)
    editor = make_editor(qtbot, services, coordinator, room_id)
    grid = editor.opening_grid
    assert grid.day(0).field.placeholderText() == ("chiusa tutto il giorno" if language == "it" else "closed all day")
    assert grid.day(0).label.text() == ("Lunedì" if language == "it" else "Monday")
    for weekday in range(7):  # every line shows its spans whole
        field = grid.day(weekday).field
        assert field.fontMetrics().horizontalAdvance(field.text()) < field.contentsRect().width()
    assert editor.width() <= 1366 and editor.height() <= 700
    QApplication.processEvents()
    editor.grab().save(f"/tmp/q11_room_editor_hours_{language}.png")

    grid.day(6).field.setText("9-13, 12-18, 20-19")
    grid.day(0).field.setText("dalle 9")
    editor.save()
    QApplication.processEvents()  # the offscreen window takes its new size as an event
    editor.grab().save(f"/tmp/q11_room_editor_hours_{language}_problems.png")
    assert grid.day(6).error.isVisible() and grid.day(0).error.isVisible()
    assert editor.height() <= 768
    for weekday in (0, 6):
        error = grid.day(weekday).error
        assert error.heightForWidth(error.width()) <= error.height()  # not clipped
