"""The table of the Today page's tools: what is due back today, then what is overdue.

A day holds a handful of such loans (the section shows at most ``MAX_LINES``), so the model holds
the lines it was given and is reset as a whole by ``set_rows``. Each line says first when the
tool was due ("Due today", "3 days late", in red when late), then the tool, the borrower and the
phone to call.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QFont

from app.i18n import N_, _, format_date, format_number, ngettext
from app.services.loans import LoanRow
from ui.models.loan_rows import LATE, Index, LoanRowsModel, tool_text

COL_WHEN, COL_TOOL, COL_BORROWER, COL_PHONE = range(4)
HEADERS = (N_("When"), N_("Tool"), N_("Borrower"), N_("Phone"))


def when_text(row: LoanRow) -> str:
    """ "Due today" or "3 days late": what the desk needs to know first."""
    if row.days_late <= 0:
        return _("Due today")
    return ngettext("{count} day late", "{count} days late", row.days_late).format(count=format_number(row.days_late))


class TodayLoansModel(LoanRowsModel):
    """One line per loan due back today or overdue, in the order given."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._late = QBrush(LATE)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- Qt's side -----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.loan_at(index)
        if row is None:
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
