"""The areas of the desk, in the order of the navigation list.

Each area names its page by module path: the module is imported the first time the page is shown,
so the desk starts as fast with ten areas as with one, and signing in builds only the first page.
The role here only hides what a user may not do; the services enforce it anyway.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.i18n import N_, _
from app.services.roles import Role

if TYPE_CHECKING:
    from ui.pages.base import Page


@dataclass(frozen=True)
class Area:
    title_msgid: str
    """The English title, marked with ``N_`` and translated when shown."""
    minimum_role: Role
    page: str
    """``"package.module:ClassName"`` of the page."""

    def title(self) -> str:
        return _(self.title_msgid)

    def load(self) -> type[Page]:
        module, _sep, name = self.page.partition(":")
        page_type: type[Page] = getattr(importlib.import_module(module), name)
        return page_type

    def is_for(self, page_type: type[Page]) -> bool:
        return self.page == f"{page_type.__module__}:{page_type.__qualname__}"


AREAS: tuple[Area, ...] = (
    Area(N_("Today"), Role.VOLUNTEER, "ui.pages.today_page:TodayPage"),
    Area(N_("People"), Role.VOLUNTEER, "ui.pages.people_page:PeoplePage"),
    Area(N_("Associations and groups"), Role.VOLUNTEER, "ui.pages.organisations_page:OrganisationsPage"),
    Area(N_("Cash desk"), Role.VOLUNTEER, "ui.pages.cash_page:CashPage"),
    Area(N_("Bookings"), Role.VOLUNTEER, "ui.pages.bookings_page:BookingsPage"),
    Area(N_("Workshops"), Role.VOLUNTEER, "ui.pages.workshops_page:WorkshopsPage"),
    Area(N_("Tool library"), Role.VOLUNTEER, "ui.pages.lending_page:LendingPage"),
    Area(N_("Reports"), Role.COORDINATOR, "ui.pages.reports_page:ReportsPage"),
    Area(N_("Rooms"), Role.COORDINATOR, "ui.pages.rooms_page:RoomsPage"),
    Area(N_("Users"), Role.ADMIN, "ui.pages.users_page:UsersPage"),
    Area(N_("Audit log"), Role.COORDINATOR, "ui.pages.audit_page:AuditPage"),
)


def area_of(page_type: type[Page]) -> Area:
    """The area whose page is ``page_type``."""
    return next(area for area in AREAS if area.is_for(page_type))
