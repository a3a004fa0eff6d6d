"""The people registry: find someone by typing, open them, or add a new person."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from app.i18n import _, format_number, ngettext
from app.services import Services
from app.services.roles import Actor
from ui.models.people_model import COL_BORN, COL_CONSENT, COL_EMAIL, COL_FAMILY, COL_GIVEN, COL_PHONE, make_people_model
from ui.pages.search_list_page import SearchListPage


class PeoplePage(SearchListPage):
    """Everyone the desk knows, searched by name, phone or email as you type.

    The list holds only ids (there may be tens of thousands of people); rows are fetched as they
    scroll into view. After an editor saves, the list refreshes and selects the saved person.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        model = make_people_model(services=services, actor=actor)
        super().__init__(services=services, actor=actor, model=model, parent=parent)
        self.search.setObjectName("people_search")
        self.search.setPlaceholderText(_("Search by name, phone or email…"))
        self.count_label.setObjectName("people_count")
        self.table.setObjectName("people_table")
        self.empty_hint.setObjectName("people_empty_hint")
        self.new_button.setText(_("New person"))
        self.new_button.setToolTip(_("Add a new person (Ctrl+N)"))
        self.open_button.setText(_("Open"))
        self.open_button.setToolTip(_("Open the chosen person (Enter)"))
        self.size_columns(
            {COL_FAMILY: 22, COL_GIVEN: 18, COL_PHONE: 19, COL_BORN: 10, COL_CONSENT: 16}, stretch=COL_EMAIL
        )

    def search_ids(self, text: str) -> list[int]:
        return self.services.people.search_ids(self.actor, text)

    def count_text(self, count: int) -> str:
        return ngettext("{count} person", "{count} people", count).format(count=format_number(count))

    def empty_text(self, searching: bool) -> str:
        if searching:
            return _("Nobody found. Check the spelling, or add a new person.")
        return _("Nobody is registered yet. Add the first person with “New person”.")

    def make_editor(self, record_id: int | None) -> QDialog:
        from ui.dialogs.person_editor import PersonEditor  # imported when first needed: faster start

        return PersonEditor(services=self.services, actor=self.actor, person_id=record_id, parent=self)
