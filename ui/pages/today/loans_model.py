"""The table of the Today page's tools: what is due back today, then what is overdue.

A day holds a handful of such loans (the section shows at most ``MAX_LINES``), so the model holds
the lines it was given and is reset as a whole by ``set_lines``. Each line says first when the
tool was due ("Due today", "3 days late", in red when late), then the tool, the borrower and the
phone to call.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _, format_date, format_number, ngettext
from app.services.loans import LoanRow

Index = QModelIndex | QPersistentModelIndex

COL_WHEN, COL_TOOL, COL_BORROWER, COL_PHONE = range(4)
HEADERS = (N_("When"), N_("Tool"), N_("Borrower"), N_("Phone"))
LATE = QColor("#b00020")


def when_text(row: LoanRow) -> str:
    """ "Due today" or "3 days late": what the desk needs to know first."""
    if row.days_late <= 0:
        return _("Due today")
    return ngettext("{count} day late", "{count} days late", row.days_late).format(count=format_number(row.days_late))


def tool_text(row: LoanRow) -> str:
    return f"{row.tool_code} {row.tool_name}"


class TodayLoansModel(QAbstractTableModel):
    """One line per loan due back today or overdue, in the order given."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LoanRow] = []
        self._late = QBrush(LATE)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, rows: Sequence[LoanRow]) -> None:
        """Show these loans in their order, replacing what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[LoanRow]:
        return list(self._rows)

    def row_at(self, row: int) -> LoanRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(HEADERS):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_WHEN:
                return _("Due back on {day}").format(day=format_date(row.due_day))
            return self.text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_WHEN and row.days_late > 0:
            return self._late
        if role == Qt.ItemDataRole.FontRole and column == COL_WHEN and row.days_late > 0:
            return self._bold
        return None

    @staticmethod
    def text(row: LoanRow, column: int) -> str:
        """The text of a cell (the section also measures its columns with these)."""
        if column == COL_WHEN:
            return when_text(row)
        if column == COL_TOOL:
            return tool_text(row)
        if column == COL_BORROWER:
            return row.person_name
        return row.phone or "—"
