"""The register of a session, marked from the keyboard as a volunteer at the desk would."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import i18n
from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionRow
from tests.app.workshop_house import build_house, person, weekly_plan, workshop_draft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.register_dialog import RegisterDialog

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

NAMES = (
    ("Yusuf", "Kaya"),
    ("Awa", "Diallo"),
    ("Olena", "Шевченко"),
    ("Li", "Wang"),
    ("Marco", "Bianchi"),
    ("Fatima", "Zahra"),
    ("Ioana", "Popescu"),
    ("Nicolò", "Ferrero"),
    ("Amina", "Said"),
    ("Chen", "Lei"),
    ("Giulia", "Conti"),
    ("Kwame", "Mensah"),
    ("Sara", "Colombo"),
    ("Ahmed", "Hassan"),
    ("Lucia", "Greco"),
)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def course(services: Services, coordinator: Actor, volunteer: Actor) -> tuple[list[SessionRow], list[int]]:
    """A 15-place course of 4 Tuesday sessions with 15 people enrolled."""
    house = build_house(services, coordinator, volunteer)
    workshop = services.workshops.create(coordinator, workshop_draft(house, capacity=15)).id
    sessions = services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))
    people = [person(services, volunteer, given, family) for given, family in NAMES]
    for person_id in people:
        services.enrolments.enrol(volunteer, workshop, person_id)
    return sessions, people


def open_register(qtbot: QtBot, services: Services, actor: Actor, session_id: int) -> RegisterDialog:
    dialog = RegisterDialog(services=services, actor=actor, session_id=session_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def test_a_volunteer_marks_fifteen_people_with_the_keyboard(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    clock: FixedClock,
    course: tuple[list[SessionRow], list[int]],
    boxes: Boxes,
) -> None:
    sessions, _people = course
    clock.current = datetime(2026, 12, 1, 18, 5)
    dialog = open_register(qtbot, services, volunteer, sessions[0].id)
    assert dialog.list.count() == 15 and dialog.list.hasFocus()
    assert dialog.count_label.text() == "Present: 0 of 15 enrolled"
    # Space ticks, Down moves: the whole register in 30 keys, everyone present except the 3rd.
    for row in range(15):
        if row != 2:
            press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Down)
    register = services.attendance.register(volunteer, sessions[0].id)
    absent = [line.name for line in register.lines if not line.present]
    assert register.present_count == 14 and absent == [dialog.lines()[2].name]
    assert dialog.count_label.text() == "Present: 14 of 15 enrolled"
    checked = [dialog.list.item(row).checkState() == Qt.CheckState.Checked for row in range(15)]
    assert checked == [row != 2 for row in range(15)]
    # Space again on a ticked person unticks them; Ctrl+Z ticks them again.
    dialog.list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Space)
    assert services.attendance.register(volunteer, sessions[0].id).present_count == 13
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.attendance.register(volunteer, sessions[0].id).present_count == 14
    assert not boxes.errors


def test_all_present_and_its_undo_touch_only_whom_it_marked(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    clock: FixedClock,
    course: tuple[list[SessionRow], list[int]],
) -> None:
    sessions, people = course
    clock.current = datetime(2026, 12, 1, 18, 5)
    services.attendance.mark(volunteer, sessions[0].id, people[:2])
    dialog = open_register(qtbot, services, volunteer, sessions[0].id)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert dialog.present_ids() == set(people)
    assert dialog.undo_button.isEnabled()
    dialog.undo_button.click()
    assert dialog.present_ids() == set(people[:2])  # marked before the dialog opened: kept
    assert not dialog.undo_button.isEnabled()


def test_a_walk_in_is_added_by_search_and_listed_after_the_enrolled(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    clock: FixedClock,
    course: tuple[list[SessionRow], list[int]],
) -> None:
    sessions, _people = course
    clock.current = datetime(2026, 12, 1, 18, 5)
    visitor = person(services, volunteer, "Tendai", "Moyo", phone="340 555 0101")
    dialog = open_register(qtbot, services, volunteer, sessions[0].id)
    dialog.walk_in.edit.setFocus()
    type_text(dialog.walk_in.edit, "moyo")
    qtbot.keyClick(dialog.walk_in.edit, Qt.Key.Key_Return)  # one match: chosen at once
    assert visitor in dialog.present_ids()
    assert dialog.list.item(dialog.list.count() - 1).text() == "Moyo Tendai  (not enrolled)  ·  ⚠ no consent"
    assert dialog.walk_in.edit.text() == "" and dialog.list.hasFocus()
    dialog.undo()
    assert visitor not in dialog.present_ids()


def test_a_session_still_to_come_cannot_be_marked(
    qtbot: QtBot, services: Services, volunteer: Actor, course: tuple[list[SessionRow], list[int]]
) -> None:
    sessions, _people = course  # the clock says 22 November, the first session is on 1 December
    dialog = open_register(qtbot, services, volunteer, sessions[0].id)
    assert not dialog.list.isEnabled() and not dialog.all_button.isEnabled()
    assert "Dec 1, 2026" in dialog.note.text()


def test_in_italian_the_register_reads_whole(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    clock: FixedClock,
    course: tuple[list[SessionRow], list[int]],
) -> None:
    sessions, people = course
    clock.current = datetime(2026, 12, 1, 18, 5)
    services.attendance.mark(volunteer, sessions[0].id, people[::2])
    i18n.set_language("it")
    dialog = open_register(qtbot, services, volunteer, sessions[0].id)
    dialog.resize(1366 * 2 // 3, 700)
    assert dialog.all_button.text() == "&Tutti presenti"
    dialog.grab().save("/tmp/register_dialog_it.png")
