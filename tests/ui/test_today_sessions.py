"""Today's workshop sessions on the Today page: listed in the order of the day with how many came,
a one-click (or Enter) register whose ticks show as soon as it closes, cancelled sessions left
out, and a refresh that costs the same whatever the number of sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app import i18n
from app.clock import FixedClock
from app.db.engine import Database
from app.i18n import format_time
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionPlan, SessionRow
from tests.app.workshop_house import House, build_house, person, workshop_draft
from tests.ui.message_boxes import patch_boxes
from ui.dialogs.register_dialog import RegisterDialog
from ui.pages.today.sessions_section import ENDED_COLOUR, NOW_BAND, SessionsSection
from ui.pages.today_page import TodayPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = datetime(2026, 11, 22)  # the clock fixture: Sunday 22 November 2026, 9:00


def at(hour: int, minute: int = 0, days: int = 0) -> datetime:
    return TODAY.replace(hour=hour, minute=minute) + timedelta(days=days)


@dataclass(frozen=True)
class Day:
    italian: SessionRow  # 8:00-10:00 in the Aula: on now at 9:00; three enrolled
    tailoring: SessionRow  # 10:30-12:00 in Salone A; two enrolled
    italian_people: list[int]
    house: House


def sessions_of(
    services: Services, coordinator: Actor, house: House, title: str, room: int, start: datetime, minutes: int
) -> list[SessionRow]:
    """A workshop with one session a day for three days, the first on ``start``."""
    workshop = services.workshops.create(coordinator, workshop_draft(house, title=title, room_id=room, capacity=10))
    plan = SessionPlan(first_start=start, duration_minutes=minutes, rrule="FREQ=DAILY;COUNT=3")
    return services.workshop_sessions.create(coordinator, workshop.id, plan)


@pytest.fixture
def day(services: Services, coordinator: Actor, volunteer: Actor) -> Day:
    """Two workshops meeting today (and yesterday and tomorrow, which the section leaves out)."""
    house = build_house(services, coordinator, volunteer)
    italian = sessions_of(services, coordinator, house, "Italiano per tutti", house.classroom, at(8, days=-1), 120)
    tailoring = sessions_of(services, coordinator, house, "Sartoria di quartiere", house.half_a, at(10, 30, -1), 90)
    people = [person(services, volunteer, given, family) for given, family in (("Awa", "Diallo"), ("Li", "Wang"))]
    italian_people = [*people, person(services, volunteer, "Yusuf", "Kaya")]
    for person_id in italian_people:
        services.enrolments.enrol(volunteer, italian[0].workshop_id, person_id)
    for person_id in people:
        services.enrolments.enrol(volunteer, tailoring[0].workshop_id, person_id)
    return Day(italian[1], tailoring[1], italian_people, house)


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> TodayPage:
    page = TodayPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.shown()
    return page


def span(start: datetime, end: datetime) -> str:
    return f"{format_time(start)}–{format_time(end)}"


def lines(section: SessionsSection) -> list[tuple[str, str, str, str, str]]:
    return [
        (line.when.text(), line.span.text(), line.title.text(), line.room.text(), line.counts.text())
        for line in section.lines
    ]


def open_dialog(qtbot: QtBot, section: SessionsSection) -> RegisterDialog:
    qtbot.waitUntil(lambda: isinstance(section.dialog, RegisterDialog) and section.dialog.isVisible())
    dialog = section.dialog
    assert isinstance(dialog, RegisterDialog)
    qtbot.waitUntil(dialog.isActiveWindow)  # its shortcuts (Ctrl+A) work once it is the active window
    return dialog


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has the keyboard, as a hand on it would."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def close_dialog(qtbot: QtBot, section: SessionsSection, dialog: RegisterDialog) -> None:
    assert dialog.isActiveWindow()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: section.dialog is None)
    # The window manager gives the keyboard back to the page (the offscreen platform does not).
    section.window().activateWindow()
    qtbot.waitUntil(section.window().isActiveWindow)


def test_todays_sessions_are_listed_in_the_order_of_the_day_with_their_counts(
    qtbot: QtBot, services: Services, volunteer: Actor, clock: FixedClock, day: Day
) -> None:
    services.attendance.mark(volunteer, day.italian.id, day.italian_people[:1])
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions
    assert page.sections.index(section) == page.sections.index(page.dropin) + 1
    assert page.sections.index(page.bookings) == page.sections.index(section) + 1
    assert lines(section) == [
        ("Now", span(at(8), at(10)), "Italiano per tutti", "Aula", "Present 1 of 3"),
        ("In 1 h 30 min", span(at(10, 30), at(12)), "Sartoria di quartiere", "Salone A", "Present 0 of 2"),
    ]
    assert section.summary.text() == "2 sessions"
    assert not section.empty_hint.isVisible()
    now, later = section.lines
    assert NOW_BAND in now.styleSheet() and NOW_BAND not in later.styleSheet()
    assert now.when.font().bold() and not later.when.font().bold()

    # At 10:15 the first has ended: grey, but its register still opens (it is often filled in after).
    clock.current = at(10, 15)
    page.refresh()
    assert [line.when.text() for line in section.lines] == ["Ended", "In 15 min"]
    assert ENDED_COLOUR in now.title.styleSheet() and ENDED_COLOUR not in later.title.styleSheet()
    assert NOW_BAND not in now.styleSheet()
    qtbot.mouseClick(now.button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, section)
    assert dialog.list.isEnabled() and dialog.lines()[0].present
    close_dialog(qtbot, section, dialog)


def test_a_click_opens_the_register_and_its_ticks_show_once_it_closes(
    qtbot: QtBot, services: Services, volunteer: Actor, day: Day, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions
    line = section.line_of(day.tailoring.id)
    assert line is not None and line.counts.text() == "Present 0 of 2"
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, section)
    assert dialog.windowTitle().startswith("Register: Sartoria di quartiere")
    press(qtbot, Qt.Key.Key_Space)  # ticks the first name
    assert line.counts.text() == "Present 0 of 2"  # read again when the register closes
    close_dialog(qtbot, section, dialog)
    assert line.counts.text() == "Present 1 of 2"
    assert section.line_of(day.italian.id).counts.text() == "Present 0 of 3"  # type: ignore[union-attr]
    assert line.button.hasFocus()  # the keyboard is back where it was
    assert not boxes.errors


def test_the_keyboard_moves_between_sessions_and_enter_opens_the_register(
    qtbot: QtBot, services: Services, volunteer: Actor, clock: FixedClock, day: Day
) -> None:
    clock.current = at(10, 15)  # the Italian lesson has ended: the keyboard starts on the next one
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions
    italian, tailoring = section.lines
    assert tailoring.button.hasFocus()
    assert "(Enter)" in tailoring.button.toolTip()
    press(qtbot, Qt.Key.Key_Up)
    assert italian.button.hasFocus()
    press(qtbot, Qt.Key.Key_Up)  # the first stays the first
    assert italian.button.hasFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert tailoring.button.hasFocus()
    press(qtbot, Qt.Key.Key_Down)  # the last stays the last
    assert tailoring.button.hasFocus()
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    dialog = open_dialog(qtbot, section)
    assert dialog.windowTitle().startswith("Register: Italiano per tutti")
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # all present
    close_dialog(qtbot, section, dialog)
    assert italian.counts.text() == "Present 3 of 3"
    assert QApplication.focusWidget() is italian.button
    assert page.bookings.table.isVisible()  # the bookings still follow, below


def test_a_cancelled_session_is_not_listed_and_an_empty_day_says_so(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, day: Day
) -> None:
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions
    services.workshop_sessions.cancel(coordinator, day.italian.id)
    page.refresh()
    assert [line.title.text() for line in section.lines] == ["Sartoria di quartiere"]
    assert section.summary.text() == "1 session"
    assert section.line_of(day.italian.id) is None
    services.workshop_sessions.cancel(coordinator, day.tailoring.id)
    page.refresh()
    assert section.lines == []
    assert section.empty_hint.isVisible() and section.empty_hint.text() == "No workshop sessions today."
    assert section.summary.text() == ""
    assert not section.take_focus()
    page.shown()
    assert page.bookings.table.hasFocus() or not page.bookings.table.isVisible()


def test_a_register_opened_after_its_session_was_cancelled_says_why(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, day: Day
) -> None:
    """The page read the session before someone cancelled it: the register opens, read-only."""
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions
    services.workshop_sessions.cancel(coordinator, day.italian.id)
    line = section.line_of(day.italian.id)
    assert line is not None
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    dialog = open_dialog(qtbot, section)
    assert "cancelled" in dialog.note.text() and not dialog.list.isEnabled()
    close_dialog(qtbot, section, dialog)
    assert section.line_of(day.italian.id) is None  # gone once the register closed


def test_a_busy_day_is_read_in_as_many_queries_as_a_quiet_one(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, day: Day, database: Database
) -> None:
    """Two queries, the sessions and the counts of all of them, however many sessions there are."""
    page = make_page(qtbot, services, volunteer)
    section = page.workshop_sessions

    def queries_of_a_refresh() -> int:
        run: list[object] = []

        def count(*_args: object) -> None:
            run.append(None)

        event.listen(database.engine, "before_cursor_execute", count)
        section.refresh(at(9))
        event.remove(database.engine, "before_cursor_execute", count)
        return len(run)

    quiet = queries_of_a_refresh()
    house = day.house
    for hour in range(13, 20):
        sessions_of(services, coordinator, house, f"Corso delle {hour}", house.hall, at(hour, days=-1), 50)
    assert queries_of_a_refresh() == quiet
    assert len(section.lines) == 9


def test_in_italian_two_sessions_read_whole_at_1366_by_768(
    qtbot: QtBot, services: Services, volunteer: Actor, clock: FixedClock, day: Day
) -> None:
    services.attendance.mark(volunteer, day.italian.id, day.italian_people[:2])
    i18n.set_language("it")
    page = make_page(qtbot, services, volunteer)
    page.resize(1366 - 230, 768 - 60)  # the window less the list of areas and the title bar
    qtbot.wait(50)
    section = page.workshop_sessions
    assert section.heading.text() == "Laboratori di oggi"
    assert [line.counts.text() for line in section.lines] == ["Presenti 2 su 3", "Presenti 0 su 2"]
    for line in section.lines:
        for label in (line.when, line.span, line.title, line.room, line.counts):
            assert label.width() >= label.sizeHint().width(), label.text()
        assert line.button.width() >= line.button.sizeHint().width()
    page.grab().save("/tmp/today_sessions_it.png")
    clock.current = at(10, 45)
    page.refresh()
    assert [line.when.text() for line in section.lines] == ["Finita", "In corso"]
    page.grab().save("/tmp/today_sessions_it_later.png")
