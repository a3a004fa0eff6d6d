"""The audit log as a lazy table, and the words that turn its codes into sentences for the desk.

The log stores codes (``update``, ``person``, ``given_name``) so that it reads the same in any
language; they are translated here, when shown. A code this module does not know yet (a new area
added later) is shown as it is rather than hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from app.i18n import N_, _, format_datetime
from app.services.audit import AuditRow
from ui.models.lazy_rows import Column, Index, LazyRowsModel

ACTIONS = {
    "create": N_("created"),
    "update": N_("changed"),
    "login": N_("signed in"),
    "login_failed": N_("wrong PIN"),
    "lock": N_("locked (too many wrong PINs)"),
    "unlock": N_("unlocked"),
    "demo": N_("demo data written"),
    "delete": N_("deleted"),
    "erase": N_("erased"),
    "export": N_("exported"),
}

ENTITIES = {
    "person": N_("Person"),
    "organisation": N_("Organisation"),
    "user": N_("User"),
    "house": N_("House"),
    "settings": N_("Settings"),
}

FIELDS = {
    # people
    "given_name": N_("given name"),
    "family_name": N_("family name"),
    "phone": N_("phone"),
    "email": N_("email"),
    "address": N_("address"),
    "birth_date": N_("date of birth"),
    "birth_year": N_("year of birth"),
    "notes": N_("notes"),
    "consent_date": N_("consent date"),
    "consent_notice_version": N_("privacy notice version"),
    "photo_release": N_("photo release"),
    "guardian_id": N_("guardian"),
    # organisations
    "name": N_("name"),
    "kind": N_("kind"),
    "fiscal_code": N_("fiscal code"),
    "contact_person_id": N_("contact person"),
    "member_ids": N_("members"),
    # users
    "role": N_("role"),
    "active": N_("active"),
    "pin": N_("PIN"),
    # desk settings
    "idle_lock_minutes": N_("idle lock"),
    "language": N_("language"),
}


def action_text(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


def entity_text(entity: str) -> str:
    return _(ENTITIES[entity]) if entity in ENTITIES else entity


def field_text(field: str) -> str:
    return _(FIELDS[field]) if field in FIELDS else field


def who_text(row: AuditRow) -> str:
    return row.user_name or _("(nobody signed in)")


def record_text(row: AuditRow) -> str:
    """``Persona: Rossi Mario``; a record that no longer has a name shows its number instead."""
    kind = entity_text(row.entity)
    if row.record_label:
        return _("{kind}: {name}").format(kind=kind, name=row.record_label)
    if row.entity_id is not None:
        return _("{kind} no. {number}").format(kind=kind, number=row.entity_id)
    return kind


def fields_text(row: AuditRow) -> str:
    return ", ".join(field_text(field) for field in row.fields)


COL_WHEN, COL_WHO, COL_WHAT, COL_RECORD, COL_FIELDS = range(5)


def audit_columns() -> list[Column[AuditRow]]:
    return [
        Column(lambda: _("When"), lambda row: format_datetime(row.at)),
        Column(lambda: _("Who"), who_text),
        Column(lambda: _("What"), lambda row: action_text(row.action)),
        Column(lambda: _("Record"), record_text),
        Column(lambda: _("Fields"), fields_text),
    ]


class AuditModel(LazyRowsModel[AuditRow]):
    """Entry ids chosen by the service, rows fetched as the view scrolls.

    The long columns (record, fields) also answer tooltips, so a cut-off list can be read whole.
    """

    def __init__(
        self, *, fetch_rows: Callable[[Sequence[int]], Sequence[AuditRow]], parent: QObject | None = None
    ) -> None:
        super().__init__(columns=audit_columns(), fetch_rows=fetch_rows, row_id=lambda row: row.id, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() in (COL_RECORD, COL_FIELDS):
            text = super().data(index, Qt.ItemDataRole.DisplayRole)
            return text or None
        return super().data(index, role)
