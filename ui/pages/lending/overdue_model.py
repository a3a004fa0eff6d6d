"""The table of the Overdue tab: one line per loan past its due day, most days late first.

Overdue loans are a handful even in a busy house (``LoanService.overdue`` filters and sorts them in
SQL), so the model holds the rows it is given and is reset as a whole by ``set_rows``; the order is
the service's. The days late are red and bold: that column is what the desk reads first.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _, format_date, format_number, ngettext
from app.services.loans import LoanRow

Index = QModelIndex | QPersistentModelIndex

COL_CODE, COL_TOOL, COL_BORROWER, COL_PHONE, COL_DUE, COL_LATE = range(6)
HEADERS = (N_("Code"), N_("Tool"), N_("Borrower"), N_("Phone"), N_("Due"), N_("Late"))
LATE = QColor("#b00020")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def days_late_text(days: int) -> str:
    """ "1 day", "12 days": the same words as the printed list."""
    return ngettext("{count} day", "{count} days", days).format(count=format_number(days))


class OverdueModel(QAbstractTableModel):
    """Code, tool, borrower, phone, due day and days late of each overdue loan."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LoanRow] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._late = QBrush(LATE)

    def set_rows(self, rows: Sequence[LoanRow]) -> None:
        """Show these loans in their order, replacing what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[LoanRow]:
        return list(self._rows)

    def row_at(self, row: int) -> LoanRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_loan(self, loan_id: int) -> int:
        """The row showing the loan, or -1."""
        return next((number for number, row in enumerate(self._rows) if row.id == loan_id), -1)

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
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TOOL, COL_BORROWER):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PHONE and not row.phone:
            return _("No phone number: look in the person's record for another contact.")
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_LATE:
            return self._late
        if role == Qt.ItemDataRole.FontRole and column in (COL_CODE, COL_LATE):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LATE:
            return _RIGHT
        return None

    @staticmethod
    def text(row: LoanRow, column: int) -> str:
        """The text of a cell (the tab also measures its columns with these)."""
        if column == COL_CODE:
            return row.tool_code
        if column == COL_TOOL:
            return row.tool_name
        if column == COL_BORROWER:
            return row.person_name
        if column == COL_PHONE:
            return row.phone or "—"
        if column == COL_DUE:
            return format_date(row.due_day)
        return days_late_text(row.days_late)
