"""The Reports page: each printed report is made off the UI thread and opens in the preview."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.i18n import in_language
from app.reports.programme_poster import SIZES
from app.services import Services
from app.services.roles import Actor
from tests.app.month_house import build_month_house
from tests.app.printed_workshop import page_sizes, pages_of
from tests.app.programme_house import MONDAY, build_week
from tests.app.workshop_house import build_house
from tests.ui.message_boxes import patch_boxes
from ui.areas import AREAS, area_of
from ui.pages.reports.exports_panel import ExportsPanel
from ui.pages.reports.report_panel import ReportPanel
from ui.pages.reports_page import ReportsPage

REPORT_TIMEOUT_MS = 30_000


@pytest.fixture
def built() -> Iterator[list[ReportsPage]]:
    """The pages a test built; their previews are closed at the end so none outlives its test."""
    pages: list[ReportsPage] = []
    yield pages
    for page in pages:
        for panel in (page.monthly, page.programme):
            if panel.preview is not None:
                panel.preview.done(0)


def make_page(qtbot: QtBot, services: Services, actor: Actor, built: list[ReportsPage]) -> ReportsPage:
    page = ReportsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    built.append(page)
    page.resize(1100, 600)
    page.show()
    return page


def spaced(text: str) -> str:
    """``text`` with CLDR's thin spaces around a dash made plain ones."""
    return " ".join(text.split())


class Ticks:
    """A timer that ticks every 10 ms on the UI thread: it only ticks while the UI is free."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.count += 1


def test_the_area_is_for_coordinators_after_the_tool_library() -> None:
    area = area_of(ReportsPage)
    pages = [item.page for item in AREAS]
    assert pages.index(area.page) == pages.index("ui.pages.lending_page:LendingPage") + 1
    assert area.minimum_role.name == "COORDINATOR"
    assert area.title() == "Reports"
    with in_language("it"):
        assert area.title() == "Resoconti"


def test_the_monthly_summary_is_made_off_the_ui_thread_and_previewed(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    clock: FixedClock,
    built: list[ReportsPage],
) -> None:
    build_month_house(services, volunteer, coordinator, clock)
    page = make_page(qtbot, services, coordinator, built)
    panel = page.monthly
    assert page.tabs.currentWidget() is panel
    assert isinstance(page.exports, ExportsPanel) and page.tabs.indexOf(page.exports) == 2
    assert panel.chosen_month() == (2026, 10)  # last month, the clock being 22 November 2026
    assert panel.month.currentText() == "October 2026"
    assert panel.month.itemText(0) == "November 2026"
    assert panel.chosen_language() == "en"  # the desk's language unless chosen

    steps: list[tuple[int, int]] = []
    panel.runner.progressed.connect(lambda done, total: steps.append((done, total)))
    ticks = Ticks()
    ticks_when_made: list[int] = []
    panel.made.connect(lambda _path: ticks_when_made.append(ticks.count))
    panel.make_button.click()
    # The click returned at once: the report is being made on another thread.
    assert panel.running() and panel.preview is None
    assert panel.progress.isVisible() and not panel.make_button.isEnabled()
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=REPORT_TIMEOUT_MS)
    ticks.timer.stop()

    assert ticks_when_made and ticks_when_made[0] > 0  # the UI went on ticking while it was made
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)
    assert not panel.running() and not panel.progress.isVisible() and panel.make_button.isEnabled()
    preview = panel.preview
    assert preview is not None
    assert preview.windowTitle() == "Monthly summary, October 2026"
    assert preview.path.name == "monthly-summary-2026-10.pdf"
    cover = pages_of(preview.path)[0]
    assert "Monthly summary October 2026" in cover
    assert "October 2025" in cover
    assert preview.page_count() == len(pages_of(preview.path)) > 1


def test_enter_makes_next_weeks_poster_in_the_chosen_paper_and_language(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, built: list[ReportsPage]
) -> None:
    build_week(services, coordinator, volunteer, build_house(services, coordinator, volunteer))
    page = make_page(qtbot, services, coordinator, built)
    page.tabs.setCurrentWidget(page.programme)
    panel = page.programme
    assert panel.chosen_monday() == date(2026, 11, 23)  # next week
    assert spaced(panel.week_text.text()) == "November 23 – 29, 2026"
    panel.choose_week(date(2026, 12, 3))  # a Thursday: its week is meant
    assert panel.chosen_monday() == MONDAY
    assert spaced(panel.week_text.text()) == "November 30 – December 6, 2026"
    panel.paper.setCurrentIndex(panel.paper.findData("A3"))
    panel.language.setCurrentIndex(panel.language.findData("it"))

    ticks = Ticks()
    ticks_when_made: list[int] = []
    panel.made.connect(lambda _path: ticks_when_made.append(ticks.count))
    panel.week.setFocus()
    qtbot.keyClick(panel.week, Qt.Key.Key_Return)
    assert panel.running() and panel.preview is None
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=REPORT_TIMEOUT_MS)
    ticks.timer.stop()

    assert ticks_when_made and ticks_when_made[0] > 0
    preview = panel.preview
    assert preview is not None
    assert spaced(preview.windowTitle()) == "Weekly programme, November 30 – December 6, 2026"
    assert preview.path.name == "programme-2026-W49-A3.pdf"
    assert page_sizes(preview.path) == [pytest.approx(SIZES["A3"])]
    (text,) = pages_of(preview.path)
    assert "Programma della settimana 30 novembre – 6 dicembre 2026" in text
    assert "Martedì 1 dicembre 18:00–20:00 Sartoria di quartiere" in text


def test_a_report_that_fails_says_why_and_the_panel_is_ready_again(
    qtbot: QtBot, services: Services, volunteer: Actor, built: list[ReportsPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A volunteer cannot reach the page, but the services refuse anyway: the refusal is shown."""
    boxes = patch_boxes(monkeypatch)
    page = make_page(qtbot, services, volunteer, built)
    panel: ReportPanel = page.monthly
    panel.make()
    qtbot.waitUntil(lambda: not panel.running(), timeout=REPORT_TIMEOUT_MS)
    assert len(boxes.errors) == 1 and boxes.errors[0]
    assert panel.preview is None
    assert panel.make_button.isEnabled() and panel.make_button.text() == "&Make"
    assert not panel.progress.isVisible()


def test_enter_on_the_make_button_or_twice_makes_one_report(
    qtbot: QtBot, services: Services, coordinator: Actor, built: list[ReportsPage]
) -> None:
    page = make_page(qtbot, services, coordinator, built)
    panel = page.monthly
    made: list[object] = []
    panel.made.connect(made.append)
    qtbot.keyClick(panel.month, Qt.Key.Key_Return)
    qtbot.keyClick(panel.language, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # while running
    qtbot.waitUntil(lambda: panel.preview is not None, timeout=REPORT_TIMEOUT_MS)
    qtbot.wait(50)
    assert len(made) == 1


def test_after_ctrl_tab_the_cursor_is_on_the_week_and_enter_on_the_tabs_makes_the_poster(
    qtbot: QtBot, services: Services, coordinator: Actor, built: list[ReportsPage]
) -> None:
    page = make_page(qtbot, services, coordinator, built)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.shown()
    assert page.monthly.month.hasFocus()
    qtbot.keyClick(page.monthly.month, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.programme
    qtbot.waitUntil(page.programme.week.hasFocus)
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.programme.preview is not None, timeout=REPORT_TIMEOUT_MS)
    assert page.monthly.preview is None
