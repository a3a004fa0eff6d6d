"""The Overdue tab of the Tool library: who to call about which tool, and the list on paper.

One line per open loan past its due day, most days late first (``LoanService.overdue``, sorted in
SQL): tool code and name, borrower, phone, due day, days late. "Print list…" (Ctrl+P) writes the
same list as a PDF ("Overdue loans as of <day>", ``app.reports.overdue_loans``) and opens it in
the print preview. The list is read again whenever the tab comes to the front (``shown``), as of
the house clock, so a loan that came back at the desk a minute ago is gone.

The PDF is a print job in ``paths.cache_dir() / "lending"``, removed a day later. reportlab and
Qt's PDF modules are imported with the first printout, not when the desk starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.roles import Actor
from ui import messages
from ui.busy import busy_cursor
from ui.one_preview import front_or_show
from ui.pages.lending.overdue_model import (
    COL_BORROWER,
    COL_CODE,
    COL_DUE,
    COL_LATE,
    COL_PHONE,
    COL_TOOL,
    OverdueModel,
)
from ui.print_jobs import print_jobs_folder
from ui.widgets.row_table import set_up_row_table

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

PRINT_KEYS = QKeySequence.StandardKey.Print
FOLDER_NAME = "lending"
MEASURED_ROWS = 300
"""Columns are sized to the texts of at most this many rows: enough for any real list."""
CELL_PADDING = 24


def lending_folder() -> Path:
    """Where the tool library's printouts are written: a cache folder, since each can be made again."""
    return print_jobs_folder(FOLDER_NAME)


class OverdueTab(QWidget):
    """The overdue loans, most days late first, with their printout; see the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.preview: PdfPreviewDialog | None = None

        self.summary = QLabel()
        self.summary.setObjectName("overdue_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        shortcut_text = QKeySequence(PRINT_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
        self.print_button = QPushButton(_("&Print list…"))
        self.print_button.setObjectName("overdue_print")
        self.print_button.setToolTip(
            _("The list of overdue loans on paper, to call the borrowers ({shortcut})").format(shortcut=shortcut_text)
        )
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_list)
        # A window shortcut: it works only while this tab is in front (a hidden widget's shortcut
        # is off), wherever the keyboard is on the page, the tab bar included.
        QShortcut(QKeySequence(PRINT_KEYS), self).activated.connect(self.print_list)

        self.model = OverdueModel(self)
        self.table = QTableView()
        self.table.setObjectName("overdue_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Overdue loans"))
        set_up_row_table(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TOOL, QHeaderView.ResizeMode.Stretch)

        self.empty_hint = QLabel(_("No tool is overdue: every loan is within its due day."))
        self.empty_hint.setObjectName("overdue_empty")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint, 1)
        QWidget.setTabOrder(self.table, self.print_button)

    # -- reading -------------------------------------------------------------------------------------

    def shown(self) -> None:
        """Read the list again as of the house clock; the keyboard goes to the list."""
        self.refresh()
        target = self.table if self.model.rowCount() else self.print_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """The overdue loans as of now; the keyboard stays on the same loan if it is still late."""
        current = self.current_loan()
        try:
            rows = self.services.loans.overdue(self.actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.model.set_rows(rows)
        count = len(rows)
        day = format_date(self.services.clock.today(), "long")
        self.summary.setText(
            ngettext(
                "{count} overdue loan on {day}, the longest overdue first.",
                "{count} overdue loans on {day}, the longest overdue first.",
                count,
            ).format(count=count, day=day)
            if count
            else _("No overdue loans on {day}.").format(day=day)
        )
        self.table.setVisible(count > 0)
        self.empty_hint.setVisible(count == 0)
        self._fit_columns()
        if current is not None:
            self.select_loan(current)
        elif count:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _fit_columns(self) -> None:
        """Every column but the tool's as wide as its longest text (the tool's takes the rest).

        Measured with the font's metrics over the rows' own texts, never by asking the view to
        lay out each cell: cheap whatever the list.
        """
        metrics = QFontMetrics(self.table.font())
        bold_font = QFont(self.table.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        header = self.table.horizontalHeader()
        rows = self.model.rows()[:MEASURED_ROWS]
        for column in (COL_CODE, COL_BORROWER, COL_PHONE, COL_DUE, COL_LATE):
            fitting = bold if column in (COL_CODE, COL_LATE) else metrics
            widest = max((fitting.horizontalAdvance(self.model.text(row, column)) for row in rows), default=0)
            heading = header.sectionSizeFromContents(column).width()
            header.resizeSection(column, max(widest + CELL_PADDING, heading))

    def current_loan(self) -> int | None:
        """The loan the keyboard is on, if any."""
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row is not None else None

    def select_loan(self, loan_id: int) -> bool:
        """Put the keyboard on the loan (from the Today page); False if it is not overdue."""
        number = self.model.row_of_loan(loan_id)
        if number < 0:
            return False
        index = self.model.index(number, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- printing ------------------------------------------------------------------------------------

    def print_list(self) -> None:
        """Ctrl+P: the overdue loans as of now on an A4 PDF, in the print preview."""
        self.preview = front_or_show(self.preview, self._show_preview, self._preview_closed)

    def _show_preview(self) -> PdfPreviewDialog | None:
        try:
            with busy_cursor():
                path, title = self._write_pdf()
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return None
        except OSError as error:
            messages.show_error(
                self, _("The PDF could not be written ({reason}).").format(reason=error.strerror or error)
            )
            return None
        from ui.printing import open_preview  # Qt's PDF modules: loaded with the first preview

        preview = open_preview(self, path, title)
        self.refresh()  # the paper and the screen say the same
        return preview

    def _write_pdf(self) -> tuple[Path, str]:
        # reportlab is imported with the first printout, not when the desk starts.
        from app.reports import overdue_loans as report

        data = report.overdue_report(self.services, self.actor)
        name = _("overdue-loans-{day}.pdf").format(day=data.day.isoformat())
        return report.write_overdue_report(data, lending_folder() / name), report.title(data)

    def _preview_closed(self) -> None:
        self.preview = None
