"""The Today page's tools: due back today and overdue, each line a key away from the Tool library."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.clock import FixedClock
from app.db.engine import Database
from app.services import Services
from app.services.roles import Actor
from tests.app.late_loans import LateLoans, lend_due, make_late_loans
from tests.app.tool_house import LADDER, person, tool
from ui.main_window import MainWindow
from ui.pages.lending_page import LendingPage
from ui.pages.today import loans_section
from ui.pages.today.loans_model import COL_BORROWER, COL_PHONE, COL_TOOL, COL_WHEN
from ui.pages.today_page import TodayPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def late(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> LateLoans:
    return make_late_loans(services, volunteer, coordinator, clock)


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> TodayPage:
    page = TodayPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    page.shown()
    return page


def lines(page: TodayPage) -> list[list[str]]:
    model = page.tools.model
    return [
        [model.index(row, column).data() for column in (COL_WHEN, COL_TOOL, COL_BORROWER, COL_PHONE)]
        for row in range(model.rowCount())
    ]


def active_window(qtbot: QtBot, services: Services, actor: Actor) -> MainWindow:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(actor)
    return window


def test_today_shows_what_is_due_back_and_what_is_late_not_what_came_back(
    qtbot: QtBot, services: Services, volunteer: Actor, late: LateLoans, qtmodeltester: ModelTester
) -> None:
    page = make_page(qtbot, services, volunteer)
    assert page.sections[-1] is page.tools  # the tools come last, after the bookings
    assert page.tools.heading.text() == "Tools"
    assert page.tools.summary.text() == "1 due back today · 2 overdue"
    assert lines(page) == [
        ["Due today", "SC-0003 Levigatrice orbitale", "Rossi Anna", "011 555 0101"],
        ["10 days late", "SC-0001 Scala 5 gradini", "Esposito Nicolò", "333 1234567"],
        ["3 days late", "SC-0002 Seghetto alternativo", "Đorđević Milica", "—"],
    ]
    assert page.tools.model.index(1, COL_WHEN).data(Qt.ItemDataRole.ToolTipRole) == "Due back on Nov 12, 2026"
    assert page.tools.table.isVisible() and not page.tools.empty_hint.isVisible()
    assert not page.tools.more_hint.isVisible()
    # The table is as tall as its lines: the page scrolls, not the table.
    table = page.tools.table
    assert table.height() >= table.horizontalHeader().height() + 3 * table.rowHeight(0)
    qtmodeltester.check(page.tools.model)


def test_a_loan_brought_back_leaves_today_at_the_next_refresh(
    qtbot: QtBot, services: Services, volunteer: Actor, late: LateLoans
) -> None:
    page = make_page(qtbot, services, volunteer)
    services.loans.return_tool(volunteer, loan_id=late.rossi, components_ok=True)
    services.loans.return_tool(volunteer, loan_id=late.esposito, components_ok=True)
    page.refresh()
    assert page.tools.summary.text() == "1 overdue"
    assert [line[2] for line in lines(page)] == ["Đorđević Milica"]


def test_with_nothing_due_one_short_line_says_so(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    page = make_page(qtbot, services, volunteer)
    assert page.tools.summary.text() == ""
    assert not page.tools.table.isVisible()
    assert page.tools.empty_hint.isVisible()
    assert page.tools.empty_hint.text() == "No tools due back today, none overdue."
    assert not page.tools.take_focus()


@pytest.mark.usefixtures("late")
def test_the_keyboard_walks_the_tools_and_the_page_scrolls_to_keep_the_line_in_view(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    page = make_page(qtbot, services, volunteer)
    page.resize(1136, 260)  # the tools, last on the page, start out of view
    qtbot.wait(10)
    table = page.tools.table
    assert page.tools.take_focus()
    assert table.currentIndex().row() == 0 and not table.selectionModel().hasSelection()
    with qtbot.waitSignal(page.tools.cursor_moved) as moved:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    widget, rect = moved.args
    assert widget is table.viewport()
    assert rect.top() == table.visualRect(table.currentIndex()).top() and rect.width() == widget.width()
    assert page.scroll_area.verticalScrollBar().value() > 0
    line_top = table.viewport().mapTo(page.scroll_area.widget(), rect.topLeft()).y()
    shown = page.scroll_area.viewport().rect().translated(0, page.scroll_area.verticalScrollBar().value())
    assert shown.top() <= line_top and line_top + rect.height() <= shown.bottom()


def test_a_long_list_shows_the_first_lines_and_points_to_the_overdue_tab(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    end = clock.current
    clock.advance(days=-5)
    someone = person(services, volunteer, "Ngozi", "Okafor", "320 777 8888")
    for number in range(loans_section.MAX_LINES + 3):
        ladder = tool(services, coordinator, replace(LADDER, name=f"Scala {number + 1}"))
        lend_due(services, volunteer, ladder, someone, clock.today())
    clock.current = end
    page = make_page(qtbot, services, volunteer)
    assert page.tools.model.rowCount() == loans_section.MAX_LINES
    assert page.tools.summary.text() == f"{loans_section.MAX_LINES + 3} overdue"
    assert page.tools.more_hint.isVisible()
    assert page.tools.more_hint.text() == "And 3 more: see the Overdue tab of the Tool library."


def test_enter_on_a_late_loan_opens_the_overdue_tab_on_it(
    qtbot: QtBot, services: Services, volunteer: Actor, late: LateLoans
) -> None:
    window = active_window(qtbot, services, volunteer)
    today = window.current_page()
    assert isinstance(today, TodayPage)
    table = today.tools.table
    table.setFocus()
    table.setCurrentIndex(today.tools.model.index(2, 0))  # Đorđević, 3 days late
    qtbot.keyClick(table, Qt.Key.Key_Return)
    lending = window.current_page()
    assert isinstance(lending, LendingPage)
    assert lending.tabs.currentWidget() is lending.overdue
    assert lending.overdue.current_loan() == late.dordevic
    assert lending.overdue.table.hasFocus()


def test_a_click_on_a_loan_due_today_opens_the_desk(
    qtbot: QtBot, services: Services, volunteer: Actor, late: LateLoans
) -> None:
    window = active_window(qtbot, services, volunteer)
    today = window.current_page()
    assert isinstance(today, TodayPage)
    lending = window.show_page(LendingPage)
    assert isinstance(lending, LendingPage)
    lending.tabs.setCurrentWidget(lending.overdue)  # the area was left on another tab
    window.show_page(TodayPage)
    table = today.tools.table
    rect = table.visualRect(today.tools.model.index(0, COL_BORROWER))  # Rossi, due today
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() is lending
    assert lending.tabs.currentWidget() is lending.desk


def test_a_refresh_reads_the_same_few_statements_however_many_loans(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock, database: Database
) -> None:
    page = make_page(qtbot, services, volunteer)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    def statements_of_a_refresh() -> int:
        statements.clear()
        event.listen(database.engine, "before_cursor_execute", count)
        page.tools.refresh(clock.current)
        event.remove(database.engine, "before_cursor_execute", count)
        return len(statements)

    quiet = statements_of_a_refresh()
    make_late_loans(services, volunteer, coordinator, clock)
    assert statements_of_a_refresh() == quiet == 6, statements  # two sessions: BEGIN, the user, the list
    assert sum("FROM loans" in statement for statement in statements) == 2
    assert page.tools.model.rowCount() == 3


def test_the_today_page_loads_neither_the_tool_library_nor_reportlab() -> None:
    """The start of the desk is benchmarked: the Tool library loads with the first line opened."""
    code = "import sys, ui.pages.today_page; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    modules = set(result.stdout.split())
    assert "ui.pages.today.loans_section" in modules
    assert not {m for m in modules if m.startswith(("ui.pages.lending", "app.reports", "reportlab"))}
