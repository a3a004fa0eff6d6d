"""The table of the tools out now, under the lending desk's scan field.

Open loans are a few dozen even in a busy house (60,000 loans over ten years are nearly all
closed), and ``LoanService.current`` filters them in SQL, so the model holds the rows it is given
and is reset as a whole by ``set_rows``. Days late are red, so the desk sees who to call.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_date, format_number
from app.services.loans import LoanRow

Index = QModelIndex | QPersistentModelIndex

COL_TOOL, COL_BORROWER, COL_PHONE, COL_SINCE, COL_DUE, COL_LATE = range(6)
HEADERS = (N_("Tool"), N_("Borrower"), N_("Phone"), N_("Since"), N_("Due"), N_("Days late"))
LATE = QColor("#b00020")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def tool_text(row: LoanRow) -> str:
    return f"{row.tool_code} {row.tool_name}"


class CurrentLoansModel(QAbstractTableModel):
    """One line per open loan, in the order the service gave (by due day)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LoanRow] = []

    def set_rows(self, rows: Sequence[LoanRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LoanRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_loan(self, loan_id: int) -> int:
        """The row showing the loan, or -1."""
        return next((number for number, row in enumerate(self._rows) if row.id == loan_id), -1)

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
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and row.days_late > 0 and column in (COL_DUE, COL_LATE):
            return QBrush(LATE)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LATE:
            return _RIGHT
        return None

    @staticmethod
    def _text(row: LoanRow, column: int) -> str:
        if column == COL_TOOL:
            return tool_text(row)
        if column == COL_BORROWER:
            return row.person_name
        if column == COL_PHONE:
            return row.phone
        if column == COL_SINCE:
            return format_date(row.out_at.date())
        if column == COL_DUE:
            return format_date(row.due_day)
        return format_number(row.days_late) if row.days_late > 0 else ""
