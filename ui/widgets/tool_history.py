"""A tool's history in its editor: loans, returns, repairs, status changes, with who and when.

A plain read-only table: a tool's history is a few hundred lines at most (one tool, lent every
week for years), read whole by ``ToolService.history``, newest first.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, format_datetime
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolEventKind
from app.services.tools import ToolEventRow
from app.text import capitalised
from ui.widgets.table_columns import size_columns

COL_WHEN, COL_WHAT, COL_PERSON, COL_NOTE, COL_STATUS, COL_USER = range(6)


_ISO_DAY = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def note_text(event: ToolEventRow) -> str:
    """The note as the desk reads it: the days of a reservation (stored as ISO dates) in words."""
    if event.kind in (ToolEventKind.RESERVED, ToolEventKind.RESERVATION_CANCELLED):
        return _ISO_DAY.sub(lambda match: _day(match.group(1)), event.note)
    return event.note


def _day(iso: str) -> str:
    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return iso


class ToolHistoryTab(QWidget):
    """Everything that happened to one tool, newest first; ``reload`` reads it again."""

    def __init__(self, *, services: Services, actor: Actor, tool_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tool_id = tool_id
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("tool_history")
        self.table.setHorizontalHeaderLabels([_("When"), _("What"), _("Person"), _("Note"), _("Status after"), _("By")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        widths = {COL_WHEN: 17, COL_WHAT: 22, COL_PERSON: 20, COL_STATUS: 12, COL_USER: 12}
        size_columns(self.table, widths, COL_NOTE)
        self.empty_hint = QLabel(_("Nothing happened to this tool yet."))
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        self.setFocusProxy(self.table)
        self.events: list[ToolEventRow] = []
        self.reload()

    def reload(self) -> None:
        try:
            self.events = self._services.tools.history(self._actor, self._tool_id)
        except PortineriaError as error:
            self.events = []
            self.empty_hint.setText(error.message)
        self.table.setRowCount(len(self.events))
        for row, event in enumerate(self.events):
            texts = {
                COL_WHEN: format_datetime(event.at),
                COL_WHAT: capitalised(event.kind.label),
                COL_PERSON: event.person_name,
                COL_NOTE: note_text(event),
                COL_STATUS: capitalised(event.status.label),
                COL_USER: event.user_name,
            }
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.empty_hint.setVisible(not self.events)

    def cell_texts(self, row: int) -> list[str]:
        """The texts of one line, as shown (for tests and screenshots)."""
        return [(item.text() if (item := self.table.item(row, column)) else "") for column in range(6)]
