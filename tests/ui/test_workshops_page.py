"""The Workshops page and the workshop dialog, driven as the desk would: search, open, enrol,
withdraw (the next person waiting is called), sessions and their register, details."""

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
from tests.app.workshop_house import House, build_house, person, weekly_plan, workshop_draft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import AREAS
from ui.dialogs.register_dialog import RegisterDialog
from ui.dialogs.workshop_dialog import WorkshopDialog
from ui.models.workshops_model import COL_ENROLLED, COL_FACILITATOR, COL_OPEN, COL_ROOM, COL_TITLE, COL_WAITING
from ui.pages.workshops_page import WorkshopsPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def tailoring(services: Services, coordinator: Actor, volunteer: Actor, house: House) -> int:
    """Sartoria (3 places, 4 Tuesday sessions) with Kaya, Diallo and Wang enrolled and Said waiting."""
    workshop = services.workshops.create(coordinator, workshop_draft(house)).id
    services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))
    for given, family, phone in (
        ("Yusuf", "Kaya", "333 100 0001"),
        ("Awa", "Diallo", "333 100 0002"),
        ("Li", "Wang", "333 100 0003"),
        ("Amina", "Said", "347 222 3344"),
    ):
        services.enrolments.enrol(volunteer, workshop, person(services, volunteer, given, family, phone=phone))
    services.workshops.create(
        coordinator, workshop_draft(house, title="Yoga dolce", room_id=house.hall, registration_open=False)
    )
    return workshop


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> WorkshopsPage:
    page = WorkshopsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    with qtbot.waitActive(page):
        page.show()
    page.shown()
    return page


def cell(page: WorkshopsPage, row: int, column: int) -> str:
    return str(page.model.data(page.model.index(row, column)))


def opened(qtbot: QtBot, page: WorkshopsPage) -> WorkshopDialog:
    dialog = page.dialog
    assert isinstance(dialog, WorkshopDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_workshops_area_comes_after_bookings_for_volunteers() -> None:
    titles = [area.title_msgid for area in AREAS]
    workshops = AREAS[titles.index("Workshops")]
    assert titles.index("Workshops") == titles.index("Bookings") + 1
    assert workshops.minimum_role.name == "VOLUNTEER" and workshops.load() is WorkshopsPage


def test_a_volunteer_searches_as_they_type_and_opens_with_enter(
    qtbot: QtBot, services: Services, volunteer: Actor, tailoring: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    assert page.count_label.text() == "2 workshops"
    assert [cell(page, 0, column) for column in (COL_TITLE, COL_FACILITATOR, COL_ROOM, COL_ENROLLED, COL_WAITING)] == [
        "Sartoria di quartiere",
        "Okafor Ngozi",
        "Aula",
        "3 / 3",
        "1",
    ]
    assert (cell(page, 0, COL_OPEN), cell(page, 1, COL_OPEN)) == ("open", "closed")
    assert not page.new_button.isVisible()  # volunteers do not add workshops
    type_text(page.search, "yoga")
    page.apply_search_now()
    assert page.model.ids() != [tailoring] and page.count_label.text() == "1 workshop"
    page.search.clear()
    type_text(page.search, "SARTO")
    page.apply_search_now()
    assert page.model.ids() == [tailoring]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # into the list
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens
    dialog = opened(qtbot, page)
    assert dialog.windowTitle() == "Workshop: Sartoria di quartiere"
    assert dialog.save_button is None and not dialog.form.room.isEnabled() and dialog.form.title.isReadOnly()
    assert dialog.tabs.currentWidget() is dialog.sessions
    assert dialog.sessions is not None and not dialog.sessions.cancel_button.isVisible()
    assert [dialog.sessions.table.item(row, 3).text() for row in range(4)] == ["to come"] * 4
    dialog.reject()
    assert page.dialog is None and not boxes.questions  # nothing typed: closes without asking


def test_enrolling_beyond_capacity_waits_and_a_withdrawal_calls_the_next(
    qtbot: QtBot, services: Services, volunteer: Actor, tailoring: int, boxes: Boxes
) -> None:
    newcomer = person(services, volunteer, "Tendai", "Moyo", phone="340 555 0101")
    page = make_page(qtbot, services, volunteer)
    page.open_record(tailoring)
    dialog = opened(qtbot, page)
    people = dialog.people
    assert people is not None
    assert [(row.name, people.table.item(index, 2).text()) for index, row in enumerate(people.rows())] == [
        ("Diallo Awa", "enrolled"),
        ("Kaya Yusuf", "enrolled"),
        ("Wang Li", "enrolled"),
        ("Said Amina", "waiting, number 1"),
    ]
    assert people.table.item(0, 4).text() == "owes €60.00"  # a course fee is due on enrolling
    # Enrol by search: Down and Enter choose the match, the next Enter (on Enrol) enrols.
    dialog.tabs.setCurrentWidget(people)
    people.picker.edit.setFocus()
    type_text(people.picker.edit, "moyo")
    assert people.picker.popup.isVisible()
    qtbot.keyClick(people.picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(people.picker.popup, Qt.Key.Key_Return)
    assert people.picker.person_id() == newcomer and people.enrol_button.hasFocus()
    qtbot.keyClick(people.enrol_button, Qt.Key.Key_Return)
    assert boxes.infos == ["The workshop is full: Moyo Tendai is number 2 on the waiting list."]
    assert people.rows()[-1].name == "Moyo Tendai" and people.picker.edit.text() == ""
    # Withdraw Kaya: asked first; Said gets the place and the desk is told to call her.
    people.table.selectRow(1)
    boxes.answer = False
    people.withdraw_button.click()
    assert boxes.questions == ["Withdraw Kaya Yusuf from Sartoria di quartiere?"]
    assert len(people.rows()) == 5
    boxes.answer = True
    people.withdraw_button.click()
    assert boxes.infos[-1] == "Said Amina now has a place in Sartoria di quartiere: call them on 347 222 3344."
    assert [row.name for row in people.rows()][:3] == ["Diallo Awa", "Said Amina", "Wang Li"]
    assert "3 of 3 places taken" in dialog.summary.text() and "1 waiting" in dialog.summary.text()


def test_a_session_opens_its_register_and_a_coordinator_cancels_one(
    qtbot: QtBot, services: Services, coordinator: Actor, tailoring: int, boxes: Boxes, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 12, 1, 17, 55)
    page = make_page(qtbot, services, coordinator)
    page.open_record(tailoring)
    dialog = opened(qtbot, page)
    sessions = dialog.sessions
    assert sessions is not None
    assert sessions.table.item(0, 3).text() == "today" and sessions.selected_session() == sessions.rows()[0]
    qtbot.keyClick(sessions.table, Qt.Key.Key_Return)
    register = sessions.dialog
    assert isinstance(register, RegisterDialog) and len(register.lines()) == 3
    register.all_present()
    register.reject()
    assert sessions.dialog is None
    # The first session has people present: the service refuses, the message says why.
    sessions.cancel_button.click()
    assert boxes.errors == ["People are marked present at this session: clear the register first, then cancel it."]
    sessions.table.selectRow(1)
    sessions.cancel_button.click()
    assert boxes.questions[-1].startswith("Cancel the session of Tue 8 Dec 2026 at")
    assert sessions.table.item(1, 3).text() == "cancelled" and not sessions.register_button.isEnabled()
    assert sessions.count_label.text() == "3 sessions"


def press_enter_where_the_focus_is(qtbot: QtBot) -> None:
    """Enter as the keyboard delivers it: to the focused widget of the active window, if any."""
    focused = QApplication.focusWidget()
    assert focused is not None, "no widget has the keyboard: Enter would go nowhere"
    qtbot.keyClick(focused, Qt.Key.Key_Return)


def test_the_first_enter_opens_the_register_of_the_next_session(
    qtbot: QtBot, services: Services, volunteer: Actor, tailoring: int, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 12, 10, 9, 0)  # two sessions held: the next is the third
    page = make_page(qtbot, services, volunteer)
    type_text(page.search, "sartoria")
    page.apply_search_now()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens the workshop, as the desk does
    dialog = page.dialog
    assert isinstance(dialog, WorkshopDialog) and dialog.sessions is not None
    qtbot.waitUntil(dialog.isActiveWindow)  # activated by showing it, not by the test
    sessions = dialog.sessions
    press_enter_where_the_focus_is(qtbot)
    register = sessions.dialog
    assert isinstance(register, RegisterDialog)
    assert register.windowTitle() == "Register: Sartoria di quartiere, Dec 15, 2026"
    # Back from the register (Esc) the list has the keyboard again: the next Enter reopens it.
    qtbot.waitUntil(register.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert sessions.dialog is None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is sessions.table
    press_enter_where_the_focus_is(qtbot)
    assert isinstance(sessions.dialog, RegisterDialog)
    sessions.dialog.reject()


def test_a_coordinator_creates_a_workshop_and_sees_what_to_fix(
    qtbot: QtBot, services: Services, coordinator: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    assert page.new_button.isVisible()
    page.add_new()
    dialog = opened(qtbot, page)
    assert dialog.tabs.count() == 1
    form = dialog.form
    type_text(form.title, "Italiano per tutti")
    dialog.save()
    assert form.errors.message_for("facilitator_id") == "Choose who leads the workshop."
    assert form.errors.message_for("room_id") == "Choose the room where the workshop meets."
    form.facilitator.set_person(house.facilitator, "Okafor Ngozi")
    form.room.setCurrentIndex(form.room.findData(house.classroom))
    form.capacity.setValue(30)
    form.fee.setText("abc")
    dialog.save()
    assert form.errors.message_for("fee_cents") != ""
    form.fee.setText("40")
    dialog.save()
    assert "at most 20 people" in form.errors.message_for("capacity")
    form.capacity.setValue(12)
    dialog.save()
    assert dialog.saved_id is not None and dialog.tabs.count() == 3
    saved = services.workshops.get(coordinator, dialog.saved_id)
    assert (saved.draft.title, saved.draft.capacity, saved.draft.fee_cents) == ("Italiano per tutti", 12, 4000)
    dialog.reject()  # closes as saved: the list shows and selects it
    assert page.selected_id() == saved.id and not boxes.questions


def test_unsaved_details_are_not_lost_without_asking(
    qtbot: QtBot, services: Services, coordinator: Actor, tailoring: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    page.open_record(tailoring)
    dialog = opened(qtbot, page)
    dialog.form.title.setText("Sartoria")
    boxes.answer = False
    dialog.reject()
    assert boxes.questions == ["Discard the changes to the details of this workshop?"] and page.dialog is dialog


def test_in_italian_the_page_and_the_dialog_read_whole(
    qtbot: QtBot, services: Services, volunteer: Actor, tailoring: int, clock: FixedClock
) -> None:
    clock.current = datetime(2026, 12, 1, 17, 55)
    i18n.set_language("it")
    page = make_page(qtbot, services, volunteer)
    page.resize(1366 - 220, 768 - 60)  # the area beside the navigation list at 1366x768
    page.grab().save("/tmp/workshops_page_it.png")
    page.open_record(tailoring)
    dialog = opened(qtbot, page)
    assert dialog.tabs.tabText(1) == "&Incontri"
    dialog.grab().save("/tmp/workshop_dialog_sessions_it.png")
    assert dialog.people is not None
    dialog.tabs.setCurrentWidget(dialog.people)
    dialog.grab().save("/tmp/workshop_dialog_people_it.png")
    dialog.tabs.setCurrentWidget(dialog.form)
    dialog.grab().save("/tmp/workshop_dialog_details_it.png")
