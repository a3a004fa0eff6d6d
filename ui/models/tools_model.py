"""The tool catalogue as a lazy table: ids from ``ToolService.tool_ids``, rows fetched as shown.

The status cell is tinted so that the desk sees at a glance what can be lent (green) and what
cannot (on loan, in repair, lost, retired); the tint is never the only sign, the word is there too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from app.i18n import _, format_date, format_money
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolRow
from app.text import capitalised
from ui.models.lazy_rows import Column, Index, LazyRowsModel

COL_CODE, COL_NAME, COL_CATEGORY, COL_STATUS, COL_BORROWER, COL_MAKE, COL_DEPOSIT = range(7)

STATUS_COLOURS: dict[ToolStatus, str] = {
    ToolStatus.AVAILABLE: "#d8f0d8",
    ToolStatus.ON_LOAN: "#d6e6f7",
    ToolStatus.RESERVED: "#fbeec1",
    ToolStatus.IN_REPAIR: "#fbdcc0",
    ToolStatus.LOST: "#f6cfcf",
    ToolStatus.RETIRED: "#e2e2e2",
}


def borrower_text(row: ToolRow) -> str:
    """``Rossi Maria, until 29 Nov 2026`` while the tool is out; empty otherwise."""
    if row.due_day is None:
        return row.borrower_name
    return _("{name}, until {day}").format(name=row.borrower_name, day=format_date(row.due_day))


def make_text(row: ToolRow) -> str:
    return " ".join(part for part in (row.brand, row.model) if part)


COLUMNS: tuple[Column[ToolRow], ...] = (
    Column(lambda: _("Code"), lambda row: row.code),
    Column(lambda: _("Name"), lambda row: row.name),
    Column(lambda: _("Category"), lambda row: row.category),
    Column(lambda: _("Status"), lambda row: capitalised(row.status.label)),
    Column(lambda: _("Borrower and due day"), borrower_text),
    Column(lambda: _("Brand and model"), make_text),
    Column(lambda: _("Deposit"), lambda row: format_money(row.deposit_cents) if row.deposit_cents else "—", True),
)


class ToolsModel(LazyRowsModel[ToolRow]):
    """The catalogue lines, with the status cell tinted by status."""

    def __init__(self, *, services: Services, actor: Actor, parent: QObject | None = None) -> None:
        def fetch(ids: Sequence[int]) -> Sequence[ToolRow]:
            return services.tools.rows(actor, ids)

        super().__init__(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            row = self.row_at(index.row())
            return QColor(STATUS_COLOURS[row.status]) if row is not None else None
        if index.isValid() and index.column() == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#202020")  # dark on the light tint whatever the desktop theme
        return super().data(index, role)
