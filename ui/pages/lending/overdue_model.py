"""The table of the Overdue tab: one line per loan past its due day, most days late first.

Overdue loans are a handful even in a busy house (``LoanService.overdue`` filters and sorts them in
SQL), so the model holds the rows it is given and is reset as a whole by ``set_rows``; the order is
the service's. The days late are red and bold: that column is what the desk reads first.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from app.i18n import N_, _, format_date, format_number, ngettext
from app.services.loans import LoanRow
from ui.models.loan_rows import LATE, Index, LoanRowsModel

COL_CODE, COL_TOOL, COL_BORROWER, COL_PHONE, COL_DUE, COL_LATE = range(6)
HEADERS = (N_("Code"), N_("Tool"), N_("Borrower"), N_("Phone"), N_("Due"), N_("Late"))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def days_late_text(days: int) -> str:
    """ "1 day", "12 days": the same words as the printed list."""
    return ngettext("{count} day", "{count} days", days).format(count=format_number(days))


class OverdueModel(LoanRowsModel):
    """Code, tool, borrower, phone, due day and days late of each overdue loan."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)
        self._late = QBrush(LATE)

    # -- Qt's side -----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.loan_at(index)
        if row is None:
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
