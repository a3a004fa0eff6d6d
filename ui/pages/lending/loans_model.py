"""The table of the tools out now, under the lending desk's scan field.

Open loans are a few dozen even in a busy house (60,000 loans over ten years are nearly all
closed), and ``LoanService.current`` filters them in SQL, so the model holds the rows it is given
and is reset as a whole by ``set_rows``. Days late are red, so the desk sees who to call.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from app.i18n import N_, format_date, format_number
from app.services.loans import LoanRow
from ui.models.loan_rows import LATE, Index, LoanRowsModel, tool_text

COL_TOOL, COL_BORROWER, COL_PHONE, COL_SINCE, COL_DUE, COL_LATE = range(6)
HEADERS = (N_("Tool"), N_("Borrower"), N_("Phone"), N_("Since"), N_("Due"), N_("Days late"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CurrentLoansModel(LoanRowsModel):
    """One line per open loan, in the order the service gave (by due day)."""

    HEADERS = HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.loan_at(index)
        if row is None:
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
