"""Choosing one association (or other organisation) by typing part of its name.

The same keyboard behaviour as the person picker (``ui.widgets.record_picker``), fed by
``OrganisationsService.search_ids`` and ``rows``. Used by the cash desk when an association pays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.i18n import N_
from app.services.organisations import OrganisationRow
from ui.widgets.record_picker import RecordMatches, RecordPicker, isolate


def describe_organisation(row: OrganisationRow) -> str:
    """One line of the popup: the name, its kind, and the contact person if any."""
    parts = [isolate(row.name), row.kind.label]
    if row.contact_name:
        parts.append(isolate(row.contact_name))
    return "  ·  ".join(parts)


class OrganisationMatches(RecordMatches):
    """The few organisations matching what was typed."""

    def rows(self) -> list[OrganisationRow]:
        return super().rows()

    def row_id(self, row: Any) -> int:
        return int(row.id)

    def row_name(self, row: Any) -> str:
        return str(row.name)

    def row_line(self, row: Any) -> str:
        return describe_organisation(row)


class OrganisationPicker(RecordPicker):
    """A line edit that finds organisations as you type, plus a button to clear the choice.

    Usage: ``organisation_id()``, ``set_organisation(id, name)``, ``has_unpicked_text()``,
    ``clear()``; the signal ``changed`` as for ``PersonPicker``.
    """

    MATCHES = OrganisationMatches
    OBJECT_NAME = "organisation_picker"
    PLACEHOLDER = N_("Type part of the association's name, then choose from the list")
    CLEAR_TIP = N_("Remove the chosen association")
    matches: OrganisationMatches

    def organisation_id(self) -> int | None:
        return self.chosen_id()

    def set_organisation(self, organisation_id: int | None, name: str = "") -> None:
        self.set_choice(organisation_id, name)

    def _find(self, text: str, limit: int) -> Sequence[OrganisationRow]:
        ids = self._services.organisations.search_ids(self._actor, text)
        return self._services.organisations.rows(self._actor, ids[:limit])
