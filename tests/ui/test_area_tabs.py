"""The tabs of the desk's areas: in order, filling the page, each telling how to reach the next."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.roles import Actor
from ui.pages.area_tabs import area_tabs
from ui.pages.cash_page import CashPage
from ui.pages.lending_page import LendingPage


def test_the_tabs_fill_the_page_in_order_with_the_keyboard_hint(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    first, second = QLabel("one"), QLabel("two")
    tabs = area_tabs(page, "some_tabs", [(first, "First"), (second, "Second")])
    assert tabs.objectName() == "some_tabs"
    assert [tabs.tabText(index) for index in range(tabs.count())] == ["First", "Second"]
    assert [tabs.widget(index) for index in range(tabs.count())] == [first, second]
    assert {tabs.tabToolTip(index) for index in range(tabs.count())} == {"Ctrl+Tab goes to the next tab"}
    layout = page.layout()
    assert layout is not None and layout.itemAt(0).widget() is tabs
    margins = layout.contentsMargins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (0, 0, 0, 0)


def test_the_cash_desk_and_the_tool_library_have_their_tabs(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    cash = CashPage(services=services, actor=volunteer)
    lending = LendingPage(services=services, actor=volunteer)
    for page in (cash, lending):
        qtbot.addWidget(page)
    titles = [[page.tabs.tabText(index) for index in range(page.tabs.count())] for page in (cash, lending)]
    assert titles == [["New payment", "Receipts", "Daily summary"], ["Desk", "Catalogue", "Overdue"]]
    assert cash.tabs.tabToolTip(2) == lending.tabs.tabToolTip(0) == "Ctrl+Tab goes to the next tab"
