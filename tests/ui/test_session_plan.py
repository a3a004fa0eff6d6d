"""Planning a workshop's sessions, moving one and printing its sheet from the Sessions tab, driven
by the keyboard as the desk would: the preview lists closed days and rooms taken, "Create the
other N sessions" leaves them out, a move into a taken slot is refused under the field."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.i18n import format_time, set_language
from app.services import Services
from app.services.bookings import BookingDraft
from app.services.roles import Actor
from tests.app.workshop_house import FIRST_TUESDAY, House, build_house, weekly_plan, workshop_draft
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.session_move_dialog import SessionMoveDialog
from ui.dialogs.session_plan_dialog import SessionPlanDialog, default_plan
from ui.widgets.workshop_sessions_tab import WorkshopSessionsTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

HOLIDAY = date(2026, 12, 8)  # a Tuesday: the Immaculate Conception


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def workshop(services: Services, coordinator: Actor, house: House) -> int:
    """Sartoria in the classroom ("Aula"), with no session yet."""
    return services.workshops.create(coordinator, workshop_draft(house)).id


def make_tab(qtbot: QtBot, services: Services, actor: Actor, workshop_id: int) -> WorkshopSessionsTab:
    tab = WorkshopSessionsTab(services=services, actor=actor, workshop_id=workshop_id)
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    with qtbot.waitActive(tab):
        tab.show()
    tab.table.setFocus()
    return tab


def opened_plan(qtbot: QtBot, tab: WorkshopSessionsTab) -> SessionPlanDialog:
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.dialog
    assert isinstance(dialog, SessionPlanDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def hm(hour: int, minute: int = 0) -> str:
    """A time as the desk's language writes it ("6:00 PM" in English, "18:00" in Italian)."""
    return format_time(time(hour, minute))


def type_date(qtbot: QtBot, widget: QWidget, day: date) -> None:
    """Tab into the field (its first section chosen) and type the day, as the desk does."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(widget, day.strftime("%d%m%Y"))


def type_time(qtbot: QtBot, widget: QWidget, value: str) -> None:
    """Tab into the field and type "1830"; the time counts once the field is left."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(widget, value)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def previewed(qtbot: QtBot, dialog: SessionPlanDialog) -> None:
    """Wait for the preview that follows the last change (debounced)."""
    qtbot.waitUntil(lambda: not dialog.preview_pending(), timeout=2000)


def five_tuesdays(qtbot: QtBot, dialog: SessionPlanDialog) -> None:
    """From Tuesday 1 December, for 5 sessions."""
    type_date(qtbot, dialog.first_day.edit, FIRST_TUESDAY.date())
    dialog.repeat.ends_count.setChecked(True)
    dialog.repeat.count.setValue(5)
    previewed(qtbot, dialog)


def book_classroom(services: Services, actor: Actor, house: House, start: datetime, end: datetime) -> int:
    return services.bookings.create_booking(
        actor,
        BookingDraft(room_id=house.classroom, start=start, end=end, organisation_id=house.association, purpose="Coro"),
    ).id


def test_a_plan_with_a_closed_day_lists_it_and_creates_the_other_sessions(
    qtbot: QtBot, services: Services, coordinator: Actor, workshop: int, boxes: Boxes
) -> None:
    services.closures.add(coordinator, HOLIDAY, reason="Immacolata")
    tab = make_tab(qtbot, services, coordinator, workshop)
    assert tab.plan_button.isVisible() and "Ctrl+Shift+N or Ins" in tab.plan_button.toolTip()
    assert tab.empty_hint.isVisible()
    assert tab.empty_hint.text() == "No session planned yet: “Plan sessions…” (Ctrl+Shift+N or Ins) plans them."
    dialog = opened_plan(qtbot, tab)
    # No session yet: today (Sunday 22 November), 18:00-20:00, every week on Sunday, in the Aula.
    assert dialog.first_day.value() == date(2026, 11, 22)
    assert (dialog.times.start.value(), dialog.times.end.value()) == (time(18), time(20))
    assert dialog.times.length.text() == "2 h"
    assert dialog.room.text() == "Aula"
    assert not dialog.repeat.ends_never.isVisible()  # a workshop has an end
    assert dialog.repeat.rule() == "FREQ=WEEKLY;BYDAY=SU;UNTIL=20270630T235959"
    five_tuesdays(qtbot, dialog)
    assert dialog.repeat.rule() == "FREQ=WEEKLY;BYDAY=TU;COUNT=5"  # the ticked day followed the first day
    assert dialog.first_day.weekday.text() == "Tuesday"
    assert dialog.conflicts.isVisible()
    assert dialog.conflicts.lines() == ["Tue 8 Dec 2026 — the house is closed"]
    assert dialog.summary.text() == "4 sessions, from Tue 1 Dec 2026 to Tue 29 Dec 2026"
    assert dialog.save_button.text() == "Create the other 4 sessions" and dialog.save_button.isDefault()
    assert dialog.conflicts.summary.text() == "1 of the 5 dates cannot be booked, for the reason below."
    assert not dialog.conflicts.book_button.isVisible()  # the dialog's own button creates them
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Return)  # Enter creates
    assert not dialog.isVisible() and tab.dialog is None
    starts = [row.start for row in services.workshop_sessions.sessions(coordinator, workshop)]
    assert starts == [FIRST_TUESDAY + timedelta(weeks=week) for week in (0, 2, 3, 4)]
    assert [row.start for row in tab.rows()] == starts
    selected = tab.selected_session()
    assert selected is not None and selected.start == FIRST_TUESDAY  # the first new session
    assert tab.count_label.text() == "4 sessions" and not tab.empty_hint.isVisible()
    assert boxes.errors == [] and boxes.questions == []


def test_a_room_taken_by_a_booking_is_listed_with_who_took_it(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, workshop: int, boxes: Boxes
) -> None:
    third = FIRST_TUESDAY + timedelta(weeks=2)
    book_classroom(services, volunteer, house, third + timedelta(minutes=90), third + timedelta(hours=3))
    tab = make_tab(qtbot, services, coordinator, workshop)
    dialog = opened_plan(qtbot, tab)
    five_tuesdays(qtbot, dialog)
    assert dialog.conflicts.lines() == [f"Tue 15 Dec 2026 — {hm(19, 30)}-{hm(21)}: Filo e Ago APS"]
    assert dialog.save_button.text() == "Create the other 4 sessions"
    # A later start clears the room: the list goes and Save creates all five.
    type_time(qtbot, dialog.times.start, "1600")
    type_time(qtbot, dialog.times.end, "1800")
    previewed(qtbot, dialog)
    assert dialog.times.length.text() == "2 h"
    assert not dialog.conflicts.isVisible()
    assert dialog.summary.text() == "5 sessions, from Tue 1 Dec 2026 to Tue 29 Dec 2026"
    assert dialog.save_button.text() == "Create sessions"
    dialog.save_button.click()
    assert len(services.workshop_sessions.sessions(coordinator, workshop)) == 5
    assert boxes.errors == []


def test_enter_right_after_a_change_shows_new_conflicts_before_creating_anything(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, workshop: int, boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, coordinator, workshop)
    dialog = opened_plan(qtbot, tab)
    five_tuesdays(qtbot, dialog)
    assert dialog.save_button.text() == "Create sessions"
    # Meanwhile the desk books the classroom on the second Tuesday.
    book_classroom(
        services, volunteer, house, FIRST_TUESDAY + timedelta(weeks=1), FIRST_TUESDAY + timedelta(weeks=1, hours=1)
    )
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and services.workshop_sessions.sessions(coordinator, workshop) == []
    assert dialog.conflicts.lines() == [f"Tue 8 Dec 2026 — {hm(18)}-{hm(19)}: Filo e Ago APS"]
    assert dialog.save_button.text() == "Create the other 4 sessions"
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Return)  # seen: now Enter creates
    assert not dialog.isVisible()
    assert len(services.workshop_sessions.sessions(coordinator, workshop)) == 4


def test_a_plan_that_cannot_be_made_says_what_to_fix_and_creates_nothing(
    qtbot: QtBot, services: Services, coordinator: Actor, workshop: int, boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, coordinator, workshop)
    dialog = opened_plan(qtbot, tab)
    five_tuesdays(qtbot, dialog)
    type_time(qtbot, dialog.times.end, "1700")  # before the start
    previewed(qtbot, dialog)
    assert dialog.times.length.text() == "ends before it starts"
    assert dialog.errors.message_for("times") == "A session must end after it starts: check the times."
    assert dialog.summary.text() == "Fix what is written in red to see the sessions."
    type_time(qtbot, dialog.times.end, "2000")
    dialog.repeat.day_boxes[1].setChecked(False)  # no day of the week left
    previewed(qtbot, dialog)
    assert dialog.errors.message_for("times") == ""
    assert dialog.errors.message_for("repeat") == "Choose at least one day of the week."
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.errors.message_for("repeat") == "Choose at least one day of the week."
    assert services.workshop_sessions.sessions(coordinator, workshop) == []
    # Every date closed: nothing can be created, and Save says so by being off.
    dialog.repeat.day_boxes[1].setChecked(True)
    dialog.repeat.count.setValue(1)
    services.closures.add(coordinator, FIRST_TUESDAY.date(), reason="Chiuso")
    dialog.preview_now()
    assert dialog.conflicts.summary.text() == (
        "None of the dates can be booked: change the first day, the time or the days."
    )
    assert not dialog.save_button.isEnabled()
    # Esc asks before throwing the plan away.
    boxes.answer = False
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Escape)
    assert boxes.questions == ["Close without creating the sessions?"] and dialog.isVisible()
    boxes.answer = True
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and tab.dialog is None


def test_insert_opens_the_plan_and_esc_closes_it_untouched_without_asking(
    qtbot: QtBot, services: Services, coordinator: Actor, workshop: int, boxes: Boxes
) -> None:
    tab = make_tab(qtbot, services, coordinator, workshop)
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    dialog = tab.dialog
    assert isinstance(dialog, SessionPlanDialog) and dialog.windowTitle() == "Plan sessions: Sartoria di quartiere"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.first_day.edit.hasFocus()
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and tab.dialog is None and boxes.questions == []
    assert services.workshop_sessions.sessions(coordinator, workshop) == []


def test_a_new_plan_continues_at_the_usual_times_a_week_after_the_last_session(
    services: Services, coordinator: Actor, workshop: int
) -> None:
    services.workshop_sessions.create(
        coordinator, workshop, weekly_plan(3, first_start=datetime(2026, 12, 2, 17, 30), duration_minutes=90)
    )
    sessions = services.workshop_sessions.sessions(coordinator, workshop)
    assert default_plan(date(2026, 11, 22), sessions) == (date(2026, 12, 23), time(17, 30), time(19, 0))
    assert default_plan(date(2027, 1, 10), sessions) == (date(2027, 1, 10), time(17, 30), time(19, 0))
    assert default_plan(date(2026, 11, 22), []) == (date(2026, 11, 22), time(18), time(20))


def opened_move(qtbot: QtBot, tab: WorkshopSessionsTab, row: int) -> SessionMoveDialog:
    tab.activateWindow()  # back from a dialog: offscreen, nothing gives the window back by itself
    qtbot.waitUntil(tab.isActiveWindow)
    tab.table.selectRow(row)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    dialog = tab.dialog
    assert isinstance(dialog, SessionMoveDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_moving_a_session_to_another_time_and_into_a_taken_slot(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, workshop: int, boxes: Boxes
) -> None:
    first, second = services.workshop_sessions.create(coordinator, workshop, weekly_plan(4))[:2]
    tab = make_tab(qtbot, services, coordinator, workshop)
    assert "F2 or Ctrl+M" in tab.move_button.toolTip()
    dialog = opened_move(qtbot, tab, 0)
    assert dialog.now.text() == f"Now: Tuesday 1 December 2026, {hm(18)}–{hm(20)}, Aula."
    assert dialog.day.value() == FIRST_TUESDAY.date() and dialog.room.currentData() == house.classroom
    type_date(qtbot, dialog.day.edit, date(2026, 12, 3))
    type_time(qtbot, dialog.times.start, "1000")
    type_time(qtbot, dialog.times.end, "1230")
    assert dialog.times.length.text() == "2 h 30 min"
    qtbot.keyClick(dialog.times.end, Qt.Key.Key_Return)
    assert not dialog.isVisible() and tab.dialog is None
    moved = services.workshop_sessions.session(coordinator, first.id)
    assert (moved.start, moved.end) == (datetime(2026, 12, 3, 10), datetime(2026, 12, 3, 12, 30))
    selected = tab.selected_session()
    assert selected is not None and selected.id == first.id and tab.table.item(0, 1).text() == f"{hm(10)}–{hm(12, 30)}"
    # The second Tuesday into the afternoon, where the classroom is booked: refused, said under the time.
    day = second.start.date()
    book_classroom(services, volunteer, house, datetime.combine(day, time(15)), datetime.combine(day, time(17)))
    dialog = opened_move(qtbot, tab, 1)
    type_time(qtbot, dialog.times.start, "1600")
    type_time(qtbot, dialog.times.end, "1800")
    qtbot.keyClick(dialog.times.end, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors.message_for("when") == (
        f"The room, or a room linked to it, is already booked then: Dec 8, 2026, {hm(15)}-{hm(17)}: Filo e Ago APS."
    )
    assert services.workshop_sessions.session(coordinator, second.id).start == second.start
    # Another room is free then: moved there.
    dialog.room.setCurrentIndex(dialog.room.findData(house.half_a))
    dialog.save_button.click()
    assert not dialog.isVisible()
    moved = services.workshop_sessions.session(coordinator, second.id)
    assert (moved.start, moved.room_id) == (datetime.combine(day, time(16)), house.half_a)
    assert boxes.errors == [] and boxes.questions == []


def test_a_cancelled_session_cannot_be_moved(
    qtbot: QtBot, services: Services, coordinator: Actor, workshop: int, boxes: Boxes
) -> None:
    first = services.workshop_sessions.create(coordinator, workshop, weekly_plan(2))[0]
    services.workshop_sessions.cancel(coordinator, first.id)
    tab = make_tab(qtbot, services, coordinator, workshop)
    tab.table.selectRow(0)
    assert not tab.move_button.isEnabled() and not tab.print_button.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert tab.dialog is None


def test_a_volunteer_neither_plans_nor_moves_but_prints_the_sheet(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, workshop: int, boxes: Boxes
) -> None:
    services.workshop_sessions.create(coordinator, workshop, weekly_plan(2))
    tab = make_tab(qtbot, services, volunteer, workshop)
    assert not tab.plan_button.isVisible() and not tab.move_button.isVisible() and not tab.cancel_button.isVisible()
    for key, modifiers in (
        (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Insert, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(tab.table, key, modifiers)
        assert tab.dialog is None
    tab.plan_sessions()
    tab.move_selected()
    assert tab.dialog is None
    assert tab.print_button.isVisible() and tab.print_button.isEnabled() and "Ctrl+P" in tab.print_button.toolTip()
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = tab.preview
    assert preview is not None and "Sartoria di quartiere" in preview.windowTitle()
    assert boxes.errors == []
    preview.done(0)
    assert tab.preview is None


def test_the_plan_dialog_in_italian_at_1366x768(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, workshop: int, boxes: Boxes
) -> None:
    set_language("it")
    services.closures.add(coordinator, HOLIDAY, reason="Immacolata")
    third = FIRST_TUESDAY + timedelta(weeks=2)
    book_classroom(services, volunteer, house, third + timedelta(minutes=90), third + timedelta(hours=3))
    tab = make_tab(qtbot, services, coordinator, workshop)
    assert tab.plan_button.text() == "&Pianifica incontri…"
    dialog = opened_plan(qtbot, tab)
    type_time(qtbot, dialog.times.end, "1700")
    previewed(qtbot, dialog)
    assert dialog.errors.message_for("times") == "Un incontro deve finire dopo l'inizio: controlla gli orari."
    assert dialog.times.length.text() == "finisce prima di iniziare"
    type_time(qtbot, dialog.times.end, "2000")
    type_date(qtbot, dialog.first_day.edit, FIRST_TUESDAY.date())
    dialog.repeat.until.setDate(QDate(2027, 2, 23))
    previewed(qtbot, dialog)
    assert dialog.errors.message_for("times") == ""
    assert dialog.conflicts.lines()[:2] == [
        "mar 8 dic 2026 — la casa è chiusa",
        "mar 15 dic 2026 — 19:30-21:00: Filo e Ago APS",
    ]
    assert dialog.save_button.text() == "Crea gli altri 11 incontri"
    assert dialog.summary.text() == "11 incontri, dal mar 1 dic 2026 al mar 23 feb 2027"
    assert dialog.width() <= 1366 and dialog.frameGeometry().height() <= 768
    for widget in (dialog.save_button, dialog.repeat.frequency, dialog.first_day.edit, dialog.times.end):
        assert widget.width() >= widget.sizeHint().width()
    dialog.grab().save("/tmp/w1_session_plan_it.png")
    qtbot.keyClick(dialog.first_day.edit, Qt.Key.Key_Return)
    assert len(services.workshop_sessions.sessions(coordinator, workshop)) == 11
    move = opened_move(qtbot, tab, 0)
    assert move.now.text() == "Ora: martedì 1 dicembre 2026, 18:00–20:00, Aula."
    for widget in (move.save_button, move.room, move.day.edit, move.times.end):
        assert widget.width() >= widget.sizeHint().width()
    move.grab().save("/tmp/w1_session_move_it.png")
    move.done(0)
    tab.grab().save("/tmp/w1_sessions_tab_it.png")
