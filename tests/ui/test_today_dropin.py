"""The drop-in counters of the Today page: a visit in one click or one key, undone by Ctrl+Z, the
counts read in one query and kept in the database."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from app.clock import FixedClock
from app.db.engine import Database
from app.db.models import Visit
from app.i18n import set_language
from app.services import Services
from app.services.dropin import DropInDraft
from app.services.roles import Actor
from tests.ui.message_boxes import patch_boxes
from ui.main_window import MainWindow
from ui.pages.today.dropin_section import DropInSection
from ui.pages.today_page import TodayPage


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> TodayPage:
    page = TodayPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.shown()
    return page


def ids(services: Services, actor: Actor) -> dict[str, int]:
    return {row.label: row.id for row in services.dropin.services(actor)}


def visits_in_database(database: Database) -> list[tuple[int, int | None]]:
    with database.sessions.begin() as session:
        return [(visit.service_id, visit.person_id) for visit in session.scalars(select(Visit).order_by(Visit.id))]


def texts(section: DropInSection) -> list[str]:
    return [button.text() for button in section.buttons.values()]


def test_a_click_records_one_anonymous_visit_to_that_service(
    qtbot: QtBot, services: Services, volunteer: Actor, database: Database
) -> None:
    services_ = ids(services, volunteer)
    page = make_page(qtbot, services, volunteer)
    section = page.dropin
    assert page.sections[0] is section  # above the bookings: in view without scrolling
    assert texts(section) == ["Showers  0", "Job help desk  0"]
    qtbot.mouseClick(section.buttons[services_["Job help desk"]], Qt.MouseButton.LeftButton)
    assert texts(section) == ["Showers  0", "Job help desk  1"]
    assert section.summary.text() == "1 visit today"
    assert visits_in_database(database) == [(services_["Job help desk"], None)]
    assert section.buttons[services_["Showers"]].toolTip() == "Record an anonymous visit to Showers (Alt+1)"


def test_alt_and_the_number_record_a_visit_in_the_main_window(
    qtbot: QtBot, services: Services, volunteer: Actor, database: Database
) -> None:
    services_ = ids(services, volunteer)
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(volunteer)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    focus = window.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focus, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focus, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focus, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # no third service: nothing
    assert texts(page.dropin) == ["Showers  2", "Job help desk  1"]
    assert visits_in_database(database) == [
        (services_["Showers"], None),
        (services_["Showers"], None),
        (services_["Job help desk"], None),
    ]
    assert isinstance(window.current_page(), TodayPage)  # Alt+digits are not the areas' keys
    # Ctrl+Z takes back the last one, from wherever the keyboard is on the page.
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(page.dropin) == ["Showers  2", "Job help desk  0"]
    assert visits_in_database(database) == [(services_["Showers"], None), (services_["Showers"], None)]


def test_undo_takes_back_the_visits_recorded_here_the_last_first(
    qtbot: QtBot, services: Services, volunteer: Actor, database: Database, clock: FixedClock
) -> None:
    services_ = ids(services, volunteer)
    page = make_page(qtbot, services, volunteer)
    section = page.dropin
    assert not section.undo_button.isEnabled()
    section.record(services_["Showers"])
    clock.current = datetime(2026, 11, 22, 9, 5)
    section.record(services_["Job help desk"])
    assert section.undo_button.toolTip() == "Take back the last visit: Job help desk at 9:05\u202fAM (Ctrl+Z)"
    qtbot.mouseClick(section.undo_button, Qt.MouseButton.LeftButton)
    assert texts(section) == ["Showers  1", "Job help desk  0"]
    assert visits_in_database(database) == [(services_["Showers"], None)]
    qtbot.keyClick(section.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(section) == ["Showers  0", "Job help desk  0"]
    assert section.summary.text() == "0 visits today"
    assert visits_in_database(database) == []
    assert not section.undo_button.isEnabled()
    qtbot.keyClick(section.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing left
    assert visits_in_database(database) == []


def test_counts_survive_a_refresh_and_a_new_desk_and_include_other_desks(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    services_ = ids(services, volunteer)
    page = make_page(qtbot, services, volunteer)
    page.dropin.record(services_["Showers"])
    page.dropin.record(services_["Showers"])
    page.refresh()
    assert texts(page.dropin) == ["Showers  2", "Job help desk  0"]
    other = make_page(qtbot, services, coordinator)
    other.dropin.record(services_["Job help desk"])
    assert texts(other.dropin) == ["Showers  2", "Job help desk  1"]
    page.refresh()
    assert texts(page.dropin) == ["Showers  2", "Job help desk  1"]
    assert page.dropin.summary.text() == "3 visits today"
    # The next day starts from zero, and yesterday's visits can no longer be undone from here.
    clock.current = datetime(2026, 11, 23, 8, 0)
    page.refresh()
    assert texts(page.dropin) == ["Showers  0", "Job help desk  0"]
    assert not page.dropin.undo_button.isEnabled()


def test_a_service_retired_meanwhile_says_so_and_leaves_the_page(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    admin: Actor,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes = patch_boxes(monkeypatch)
    services_ = ids(services, volunteer)
    page = make_page(qtbot, services, volunteer)
    services.dropin.update(admin, services_["Showers"], DropInDraft(name="", active=False))
    qtbot.mouseClick(page.dropin.buttons[services_["Showers"]], Qt.MouseButton.LeftButton)
    assert boxes.errors == ["Showers is no longer offered: choose another service."]
    assert visits_in_database(database) == []
    assert texts(page.dropin) == ["Job help desk  0"]
    # Alt+1 is now the job help desk.
    page.dropin.record_nth(0)
    assert visits_in_database(database) == [(services_["Job help desk"], None)]


def test_the_counters_are_read_in_one_query(
    qtbot: QtBot, services: Services, volunteer: Actor, database: Database, clock: FixedClock
) -> None:
    page = make_page(qtbot, services, volunteer)
    for _ in range(5):
        page.dropin.record(ids(services, volunteer)["Showers"])
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = database.engine
    event.listen(engine, "before_cursor_execute", count)
    page.dropin.refresh(clock.now())
    event.remove(engine, "before_cursor_execute", count)
    reads = [statement for statement in statements if "visits" in statement]
    assert len(reads) == 1, statements
    with database.sessions.begin() as session:
        assert session.scalar(select(func.count(Visit.id))) == 5


def test_in_italian_at_1366_by_768(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    set_language("it")
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start_desk(volunteer)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    page.dropin.record_nth(0)
    assert texts(page.dropin) == ["Docce  1", "Sportello lavoro  0"]
    assert page.dropin.summary.text() == "1 accesso oggi"
    summary = page.dropin.summary
    qtbot.waitUntil(lambda: summary.width() >= summary.sizeHint().width())  # laid out again, whole
    for button in [*page.dropin.buttons.values(), page.dropin.undo_button]:
        assert button.width() >= button.sizeHint().width()
