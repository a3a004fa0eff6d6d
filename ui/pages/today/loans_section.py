"""The tools of the Today page: what is due back today and what is overdue.

The heading counts both ("2 due back today · 3 overdue"); one line per loan says when it was due
("Due today", "3 days late" in red), the tool, the borrower and the phone to call. Due today come
first (they may walk in at any moment), then the overdue, most days late first, at most
``MAX_LINES`` in all: the rest are a line away, in the Tool library's Overdue tab. With none, one
short line says so, like the other sections.

Enter or a click on a line opens the Tool library (``open_in_lending``): an overdue loan on the
Overdue tab with its line chosen, a loan due today on the Desk, where it is taken back.

Reading is two queries on the index of open loans by due day (``LoanService.due_today`` and
``LoanService.overdue``); the Tool library's page is imported only when a line is opened, since
the start of the desk is benchmarked.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from app.errors import PortineriaError
from app.i18n import _, ngettext
from app.services import Services
from app.services.loans import LoanRow
from app.services.roles import Actor
from ui import messages
from ui.pages.base import Page
from ui.pages.today.loans_model import COL_BORROWER, COL_PHONE, COL_TOOL, COL_WHEN, TodayLoansModel
from ui.pages.today.section import TodaySection
from ui.pages.today.section_table import SectionTable

MAX_LINES = 15
"""Lines shown at most; a long list belongs to the Overdue tab, not to the desk's home."""
CELL_PADDING = 20


def summary_text(due_today: int, overdue: int) -> str:
    """ "2 due back today · 3 overdue" (the parts that are not zero), or nothing."""
    parts = []
    if due_today:
        parts.append(ngettext("{count} due back today", "{count} due back today", due_today).format(count=due_today))
    if overdue:
        parts.append(ngettext("{count} overdue", "{count} overdue", overdue).format(count=overdue))
    return " · ".join(parts)


def open_in_lending(page: Page, row: LoanRow) -> None:
    """Bring the Tool library to the front: an overdue loan on the Overdue tab, chosen there; one
    due today on the Desk, where it is taken back."""
    from ui.pages.lending_page import LendingPage  # loaded when first needed: faster start

    def show_loan(target: Page) -> None:
        if not isinstance(target, LendingPage):
            return
        if row.days_late > 0:
            target.tabs.setCurrentWidget(target.overdue)
            target.overdue.select_loan(row.id)
            return
        target.tabs.setCurrentWidget(target.desk)
        target.desk.select_loan(row.id)

    page.request_area(LendingPage, show_loan)


class LoansSection(TodaySection):
    """Tools due back today and overdue; see the module's docstring.

    Signals:
        loan_opened(LoanRow): Enter or a click on a line.
    """

    loan_opened = Signal(object)

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, title=_("Tools"), parent=parent)
        self.setObjectName("today_loans")
        self.summary.setObjectName("today_loans_count")
        self.due_today_count = 0
        self.overdue_count = 0

        self.model = TodayLoansModel(self)
        self.table = SectionTable(
            self.model,
            name="today_loans_table",
            accessible=_("Tools due back today and overdue"),
            tooltip=_("Enter or a click opens the Tool library on the loan."),
        )
        self.table.row_moved.connect(self.cursor_moved)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TOOL, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._open_index)
        self.table.installEventFilter(self)

        self.more_hint = QLabel()
        self.more_hint.setObjectName("today_loans_more")
        self.more_hint.hide()
        self.empty_hint = QLabel(_("No tools due back today, none overdue."))
        self.empty_hint.setObjectName("today_loans_empty")
        self.empty_hint.hide()
        self.content.addWidget(self.table)
        self.content.addWidget(self.more_hint)
        self.content.addWidget(self.empty_hint)

    # -- reading -------------------------------------------------------------------------------------

    def refresh(self, now: datetime) -> None:
        """Due today and overdue, in two queries; the keyboard stays on its loan."""
        try:
            due_today = self.services.loans.due_today(self.actor)
            overdue = self.services.loans.overdue(self.actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        current = self.current_loan()
        lines = (due_today + overdue)[:MAX_LINES]
        self.due_today_count, self.overdue_count = len(due_today), len(overdue)
        self.model.set_rows(lines)
        total = len(due_today) + len(overdue)
        self.summary.setText(summary_text(len(due_today), len(overdue)))
        more = total - len(lines)
        self.more_hint.setText(
            ngettext(
                "And {count} more: see the Overdue tab of the Tool library.",
                "And {count} more: see the Overdue tab of the Tool library.",
                more,
            ).format(count=more)
            if more > 0
            else ""
        )
        self.more_hint.setVisible(more > 0)
        self.table.setVisible(bool(lines))
        self.empty_hint.setVisible(not lines)
        self._fit()
        if current is not None:
            self._select(current)

    def _fit(self) -> None:
        """As tall as its lines (the page scrolls, not the table); the short columns as wide as
        their texts, measured with the font's metrics; the tool takes the rest."""
        rows = self.model.rows()
        header = self.table.horizontalHeader()
        plain = QFontMetrics(self.table.font())
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        for column in (COL_WHEN, COL_BORROWER, COL_PHONE):
            fitting = bold if column == COL_WHEN else plain
            widest = max((fitting.horizontalAdvance(self.model.text(row, column)) for row in rows), default=0)
            header.resizeSection(column, max(widest + CELL_PADDING, header.sectionSizeFromContents(column).width()))
        self.table.fit_height()

    def current_loan(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row is not None else None

    def _select(self, loan_id: int) -> None:
        row = self.model.row_of_loan(loan_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    # -- keyboard and mouse --------------------------------------------------------------------------

    def take_focus(self) -> bool:
        return self.table.take_focus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a line opens it (the table's own ``activated`` would also fire on a double-click
        after the click has already opened it)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._open_index(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.loan_opened.emit(row)
