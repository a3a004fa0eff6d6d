"""The desk hides what a role cannot do: the areas in the list and the main buttons of each page.

The services refuse anyway (tests/app/test_permissions_table.py); this is about not offering a
volunteer a button that can only answer "ask a coordinator".
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.roles import Actor, Role
from ui.main_window import MainWindow
from ui.pages.audit_page import AuditPage
from ui.pages.cash_page import CashPage
from ui.pages.lending_page import LendingPage
from ui.pages.rooms_page import RoomsPage
from ui.pages.today_page import TodayPage
from ui.pages.users_page import UsersPage
from ui.pages.workshops_page import WorkshopsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DESK_AREAS = ["Today", "People", "Associations and groups", "Cash desk", "Bookings", "Workshops", "Tool library"]
AREAS = {
    Role.VOLUNTEER: DESK_AREAS,
    Role.COORDINATOR: [*DESK_AREAS, "Reports", "Rooms", "Audit log"],
    Role.ADMIN: [*DESK_AREAS, "Reports", "Rooms", "Users", "Audit log"],
}


@pytest.fixture
def actors(admin: Actor, coordinator: Actor, volunteer: Actor) -> dict[Role, Actor]:
    return {Role.ADMIN: admin, Role.COORDINATOR: coordinator, Role.VOLUNTEER: volunteer}


def desk(qtbot: QtBot, services: Services, actor: Actor) -> MainWindow:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start_desk(actor)
    return window


@pytest.mark.parametrize("role", list(AREAS), ids=lambda role: role.code)
def test_the_areas_and_main_buttons_follow_the_role(
    qtbot: QtBot, services: Services, actors: dict[Role, Actor], role: Role
) -> None:
    window = desk(qtbot, services, actors[role])
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == AREAS[role]
    coordinating = role >= Role.COORDINATOR
    assert window.house_menu.menuAction().isVisible() == (role is Role.ADMIN)

    today = window.show_page(TodayPage)
    assert isinstance(today, TodayPage)
    assert today.dropin.services_button.isVisibleTo(today) == (role is Role.ADMIN)

    cash = window.show_page(CashPage)
    assert isinstance(cash, CashPage)
    assert cash.receipts.cancel_button.isVisibleTo(cash.receipts) == coordinating

    workshops = window.show_page(WorkshopsPage)
    assert isinstance(workshops, WorkshopsPage)
    assert workshops.new_button.isVisibleTo(workshops) == coordinating

    lending = window.show_page(LendingPage)
    assert isinstance(lending, LendingPage)
    assert lending.catalogue.new_button.isVisibleTo(lending.catalogue) == coordinating

    if coordinating:
        assert isinstance(window.show_page(RoomsPage), RoomsPage)
        audit = window.show_page(AuditPage)
        assert isinstance(audit, AuditPage)
        assert audit.model.rowCount() > 0
    if role is Role.ADMIN:
        users = window.show_page(UsersPage)
        assert isinstance(users, UsersPage)
        assert users.unlock_button.isVisibleTo(users)


def test_an_area_the_role_cannot_see_is_not_opened_on_request(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    """A page asking for the audit log (say, "who changed this?") gets nothing for a volunteer."""
    window = desk(qtbot, services, volunteer)
    today = window.current_page()
    assert isinstance(today, TodayPage)
    today.request_area(AuditPage)
    assert window.current_page() is today
    assert all(not isinstance(window.page_stack.widget(i), AuditPage) for i in range(window.page_stack.count()))
