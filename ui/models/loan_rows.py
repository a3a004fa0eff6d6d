"""The common part of the tables of loans (the desk's tools out now, the overdue list, Today's).

Such lists are a few dozen rows even in a busy house (the services filter and sort them in SQL), so
a model holds the rows it is given and is reset as a whole; subclasses give their headers and
what each cell shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.i18n import _
from app.services.loans import LoanRow

Index = QModelIndex | QPersistentModelIndex

LATE = QColor("#b00020")
"""The colour of lateness, in every list of loans."""


def tool_text(row: LoanRow) -> str:
    return f"{row.tool_code} {row.tool_name}"


class LoanRowsModel(QAbstractTableModel):
    """Loans in the order given; ``HEADERS`` are English msgids, translated when shown."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LoanRow] = []

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return _(self.HEADERS[section])
        return None

    def loan_at(self, index: Index) -> LoanRow | None:
        """The loan of a cell, None outside the table (``data`` starts from it)."""
        row = self.row_at(index.row()) if index.isValid() else None
        return row if row is not None and 0 <= index.column() < len(self.HEADERS) else None
