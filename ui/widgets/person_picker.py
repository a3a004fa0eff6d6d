"""Choosing one person by typing part of their name, phone or email.

Used wherever a form points at a person: a guardian, an association's contact person and
members, a payer. The matches come from ``PeopleService.search`` (the same accent-insensitive SQL
search as the people list), so "nicolo" finds "Nicolò" here too. The keyboard behaviour is the one
of every picker (``ui.widgets.record_picker``): type part of a name, Down to go into the list,
Enter to choose; Enter with a single match chooses it at once; typing again drops the choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.i18n import N_
from app.services.people import PersonRow
from ui.widgets.record_picker import ID_ROLE, MAX_MATCHES, NAME_ROLE, RecordMatches, RecordPicker, isolate

__all__ = ["ID_ROLE", "MAX_MATCHES", "NAME_ROLE", "PersonMatches", "PersonPicker", "describe", "isolate"]


def describe(row: PersonRow) -> str:
    """One line of the popup: the name, then what tells two namesakes apart."""
    parts = [isolate(row.display_name)]
    if row.birth_year is not None:
        parts.append(str(row.birth_year))
    if row.phone or row.email:
        parts.append(isolate(row.phone or row.email))
    return "  ·  ".join(parts)


class PersonMatches(RecordMatches):
    """The few people matching what was typed, as the service returned them."""

    def rows(self) -> list[PersonRow]:
        return super().rows()

    def row_id(self, row: Any) -> int:
        return int(row.id)

    def row_name(self, row: Any) -> str:
        return str(row.display_name)

    def row_line(self, row: Any) -> str:
        return describe(row)


class PersonPicker(RecordPicker):
    """A line edit that finds people as you type, plus a button to clear the choice.

    Args:
        services: the services; only ``services.people.search`` is used.
        actor: the user at the desk, passed on to the service.
        placeholder: the grey hint in the empty field; a generic one if None.

    Signals:
        changed(): a person was chosen, or the choice was cleared (by the user or by code).

    Usage in a form::

        self.payer = PersonPicker(services=services, actor=actor, placeholder=_("Type the payer's name"))
        self.payer.set_person(row.id, row.display_name)  # show an existing choice
        self.payer.person_id()  # the chosen id, or None
        self.payer.has_unpicked_text()  # typed but not chosen: tell the user before saving
        self.payer.set_excluded_ids([...])  # people never offered
    """

    MATCHES = PersonMatches
    OBJECT_NAME = "person_picker"
    PLACEHOLDER = N_("Type part of a name, then choose from the list")
    CLEAR_TIP = N_("Remove the chosen person")
    matches: PersonMatches

    def person_id(self) -> int | None:
        """The chosen person, or None (nothing chosen, or text typed but not chosen)."""
        return self.chosen_id()

    def set_person(self, person_id: int | None, display_name: str = "") -> None:
        """Show ``person_id`` as chosen (None clears); emits ``changed`` if the choice differs."""
        self.set_choice(person_id, display_name)

    def _find(self, text: str, limit: int) -> Sequence[PersonRow]:
        return self._services.people.search(self._actor, text, limit=limit)
