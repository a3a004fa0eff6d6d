"""Workshops and courses: the list, searched as you type; Enter opens a workshop with its
sessions, its people and the register of each session.

Everyone at the desk sees the list, enrols people and marks registers; only coordinators add
and change workshops and plan their sessions (the services enforce it; the page only hides the
buttons a volunteer cannot use).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QWidget

from app.i18n import _, format_number, ngettext
from app.services import Services
from app.services.roles import Actor, Role
from ui.models.workshops_model import (
    COL_ENROLLED,
    COL_FACILITATOR,
    COL_OPEN,
    COL_ROOM,
    COL_TITLE,
    COL_WAITING,
    make_workshops_model,
)
from ui.pages.search_list_page import SearchListPage


class WorkshopsPage(SearchListPage):
    """The workshops, by title; "Show the ones no longer running" adds the retired ones."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        model = make_workshops_model(services=services, actor=actor)
        super().__init__(services=services, actor=actor, model=model, parent=parent)
        self.search.setObjectName("workshops_search")
        self.search.setPlaceholderText(_("Search a workshop by its title…"))
        self.count_label.setObjectName("workshops_count")
        self.table.setObjectName("workshops_table")
        self.empty_hint.setObjectName("workshops_empty_hint")
        self.new_button.setText(_("New workshop"))
        self.new_button.setObjectName("new_workshop")
        self.new_button.setToolTip(_("Add a new workshop or course (Ctrl+N)"))
        self.new_button.setVisible(self.may_edit)
        self.open_button.setText(_("Open"))
        self.open_button.setObjectName("open_workshop")
        self.open_button.setToolTip(_("Open the chosen workshop: sessions, people, register (Enter)"))
        self.show_retired = QCheckBox(_("Show the ones no longer running"))
        self.show_retired.setObjectName("show_retired_workshops")
        self.show_retired.toggled.connect(lambda _checked: self.apply_search_now())
        self.button_row.addWidget(self.show_retired)
        self.size_columns(
            {COL_FACILITATOR: 22, COL_ROOM: 16, COL_ENROLLED: 10, COL_WAITING: 9, COL_OPEN: 16}, stretch=COL_TITLE
        )

    @property
    def may_edit(self) -> bool:
        return self.actor.role >= Role.COORDINATOR

    def add_new(self) -> None:
        if self.may_edit:
            super().add_new()

    def search_ids(self, text: str) -> list[int]:
        return self.services.workshops.workshop_ids(self.actor, text, include_inactive=self.show_retired.isChecked())

    def count_text(self, count: int) -> str:
        return ngettext("{count} workshop", "{count} workshops", count).format(count=format_number(count))

    def empty_text(self, searching: bool) -> str:
        if searching:
            return _("No workshop has this title. Check the spelling.")
        if self.may_edit:
            return _("No workshop yet. Add the first with “New workshop” (Ctrl+N).")
        return _("No workshop yet. A coordinator adds them.")

    def make_editor(self, record_id: int | None) -> QDialog:
        from ui.dialogs.workshop_dialog import WorkshopDialog  # imported when first needed

        return WorkshopDialog(services=self.services, actor=self.actor, workshop_id=record_id, parent=self)
