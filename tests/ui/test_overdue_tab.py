"""The Overdue tab of the Tool library: the late loans, most days late first, and Ctrl+P's printout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import paths
from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from tests.app.late_loans import LateLoans, make_late_loans
from tests.ui.message_boxes import patch_boxes
from ui.pages.lending.overdue_model import COL_BORROWER, COL_CODE, COL_DUE, COL_LATE, COL_PHONE, COL_TOOL
from ui.pages.lending.overdue_tab import OverdueTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def late(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> LateLoans:
    return make_late_loans(services, volunteer, coordinator, clock)


@pytest.fixture
def tab(qtbot: QtBot, services: Services, volunteer: Actor) -> Iterator[OverdueTab]:
    widget = OverdueTab(services=services, actor=volunteer)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    yield widget
    if widget.preview is not None:
        widget.preview.done(0)


def lines(tab: OverdueTab) -> list[list[str]]:
    model = tab.model
    return [
        [model.index(row, column).data() for column in (COL_CODE, COL_TOOL, COL_BORROWER, COL_PHONE, COL_DUE, COL_LATE)]
        for row in range(model.rowCount())
    ]


def test_the_tab_lists_the_late_loans_most_days_late_first(
    tab: OverdueTab, late: LateLoans, qtmodeltester: ModelTester
) -> None:
    tab.shown()
    assert lines(tab) == [
        ["SC-0001", "Scala 5 gradini", "Esposito Nicolò", "333 1234567", "Nov 12, 2026", "10 days"],
        ["SC-0002", "Seghetto alternativo", "Đorđević Milica", "—", "Nov 19, 2026", "3 days"],
    ]
    assert tab.summary.text() == "2 overdue loans on November 22, 2026, the longest overdue first."
    assert tab.table.isVisible() and not tab.empty_hint.isVisible()
    assert tab.table.hasFocus() and tab.current_loan() == late.esposito
    headers = [tab.model.headerData(column, Qt.Orientation.Horizontal) for column in range(6)]
    assert headers == ["Code", "Tool", "Borrower", "Phone", "Due", "Late"]
    # Every short column shows its text whole.
    metrics = tab.table.fontMetrics()
    assert tab.table.columnWidth(COL_BORROWER) > metrics.horizontalAdvance("Đorđević Milica")
    qtmodeltester.check(tab.model)


def test_a_loan_brought_back_leaves_the_list_and_the_keyboard_stays_on_its_line(
    tab: OverdueTab, late: LateLoans, services: Services, volunteer: Actor, clock: FixedClock
) -> None:
    tab.shown()
    assert tab.select_loan(late.dordevic)
    services.loans.return_tool(volunteer, loan_id=late.esposito, components_ok=True)
    tab.shown()
    assert [row[2] for row in lines(tab)] == ["Đorđević Milica"]
    assert tab.current_loan() == late.dordevic
    assert tab.summary.text().startswith("1 overdue loan on ")
    # The next day, the tool due today is late too; the days late count on.
    clock.advance(days=1)
    tab.shown()
    assert [(row[2], row[5]) for row in lines(tab)] == [("Đorđević Milica", "4 days"), ("Rossi Anna", "1 day")]
    assert not tab.select_loan(late.bianchi)  # returned long ago: not on the list


def test_with_nothing_late_the_tab_says_so(tab: OverdueTab) -> None:
    tab.shown()
    assert tab.model.rowCount() == 0
    assert not tab.table.isVisible() and tab.empty_hint.isVisible()
    assert tab.summary.text() == "No overdue loans on November 22, 2026."
    assert tab.print_button.hasFocus()


def test_ctrl_p_prints_the_list_in_the_preview(qtbot: QtBot, tab: OverdueTab, late: LateLoans) -> None:
    tab.shown()
    assert "Ctrl+P" in tab.print_button.toolTip()
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = tab.preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle() == "Overdue loans as of Nov 22, 2026"
    assert preview.path.name == "overdue-loans-2026-11-22.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(preview.path).pages)
    assert text.index("Esposito Nicolò") < text.index("Đorđević Milica")
    assert "Total: 2 overdue loans" in text and "Rossi Anna" not in text
    # A second Ctrl+P brings the same preview forward rather than opening another.
    qtbot.keyClick(tab.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert tab.preview is preview
    preview.done(0)
    assert tab.preview is None


def test_a_printout_that_cannot_be_written_is_said(
    tab: OverdueTab, late: LateLoans, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    (paths.cache_dir() / "lending").write_text("a file where the folder should be")
    tab.shown()
    tab.print_button.click()
    assert tab.preview is None
    assert boxes.errors == ["The PDF could not be written (File exists)."]
