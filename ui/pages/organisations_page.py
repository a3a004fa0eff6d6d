"""Associations and groups: who they are, whom to call, who belongs to them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.i18n import _, format_number, ngettext
from app.services import Services
from app.services.roles import Actor
from ui.models.organisations_model import (
    COL_CONTACT,
    COL_KIND,
    COL_MEMBERS,
    COL_NAME,
    COL_PHONE,
    make_organisations_model,
)
from ui.pages.search_list_page import SearchListPage


class OrganisationsPage(SearchListPage):
    """The associations and informal groups that use the house, searched as you type."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        model = make_organisations_model(services=services, actor=actor)
        super().__init__(services=services, actor=actor, model=model, parent=parent)
        self.search.setObjectName("organisations_search")
        self.search.setPlaceholderText(_("Search by name, fiscal code, phone or email…"))
        self.count_label.setObjectName("organisations_count")
        self.table.setObjectName("organisations_table")
        self.empty_hint.setObjectName("organisations_empty_hint")
        self.new_button.setText(_("New association or group"))
        self.new_button.setToolTip(_("Add a new association or group (Ctrl+N)"))
        self.open_button.setText(_("Open"))
        self.open_button.setToolTip(_("Open the chosen association or group (Enter)"))
        self.size_columns({COL_KIND: 20, COL_CONTACT: 24, COL_PHONE: 19, COL_MEMBERS: 10}, stretch=COL_NAME)

    def search_ids(self, text: str) -> list[int]:
        return self.services.organisations.search_ids(self.actor, text)

    def count_text(self, count: int) -> str:
        return ngettext("{count} association or group", "{count} associations and groups", count).format(
            count=format_number(count)
        )

    def empty_text(self, searching: bool) -> str:
        if searching:
            return _("Nothing found. Check the spelling, or add a new association or group.")
        return _("No association or group yet. Add the first with “New association or group”.")

    def make_editor(self, record_id: int | None) -> QDialog:
        from ui.dialogs.organisation_editor import OrganisationEditor  # imported when first needed

        return OrganisationEditor(services=self.services, actor=self.actor, organisation_id=record_id, parent=self)
