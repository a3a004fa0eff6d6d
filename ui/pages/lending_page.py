"""The Tool library: lend and take back at the desk, the catalogue, the overdue loans.

Three tabs (Ctrl+Tab moves between them), each a widget of its own module under
``ui.pages.lending``: Desk (one scan field for tools and cards), Catalogue and Overdue. This page
only puts them together and tells the tab in front to reload when it is shown, so each tab reads
the database as of the house clock only when someone looks at it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from ui.pages.area_tabs import area_tabs
from ui.pages.base import Page
from ui.pages.lending.catalogue_tab import CatalogueTab
from ui.pages.lending.desk_tab import DeskTab
from ui.pages.lending.overdue_tab import OverdueTab


class _Tab(Protocol):
    def shown(self) -> None: ...


class LendingPage(Page):
    """The desk, the catalogue and the overdue loans of the tool library, for everyone at the desk."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.desk = DeskTab(services=services, actor=actor)
        self.catalogue = CatalogueTab(services=services, actor=actor)
        self.overdue = OverdueTab(services=services, actor=actor)
        tabs = [(self.desk, _("Desk")), (self.catalogue, _("Catalogue")), (self.overdue, _("Overdue"))]
        self.tabs = area_tabs(self, "lending_tabs", tabs)
        self.tabs.currentChanged.connect(self._tab_shown)

    def shown(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def focus_search(self) -> None:
        """Ctrl+F: on the desk, the search of the current loans; elsewhere the tab's own search."""
        current = self.tabs.currentWidget()
        focus = getattr(current, "focus_search", None)
        if callable(focus):
            focus()

    def add_new(self) -> None:
        """Ctrl+N: a new tool in the catalogue (the catalogue tells a volunteer they may not)."""
        self.tabs.setCurrentWidget(self.catalogue)
        self.catalogue.add_new()

    def _tab_shown(self, index: int) -> None:
        tab: _Tab | None = self.tabs.widget(index)  # type: ignore[assignment]
        if tab is not None:
            tab.shown()
