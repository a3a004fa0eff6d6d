"""The daily cash summary and the closing of the cash (chiusura cassa).

Choose the day (today by default) and whose cash (everyone's, or one user's); the figures come
from ``CashClosingService.summary``. Type the opening float and the cash counted in the drawer:
the expected cash and the difference follow as you type (worked out here from the figures, no
query per key). Close the day saves the figures as shown; a closed day shows its saved figures,
read-only, because a closing is never changed. Print (Ctrl+P) puts the figures shown on an A4
page, written to ``paths.cache_dir() / "summaries"`` and opened in the print preview; like the
receipts' PDFs they are print jobs (``ui.print_jobs``), removed a day later.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _, format_date, format_datetime, format_money, ngettext, parse_money
from app.services import Services
from app.services.cash_closing import CashFigures, CashSummary, difference_text
from app.services.roles import Actor
from ui import messages
from ui.pages.cash.summary_figures import figures_grid
from ui.print_jobs import print_jobs_folder
from ui.widgets.form import ERROR_STYLE, FormErrors

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

GOOD_STYLE = "color: #1b6e20;"
FIGURES_MAX_WIDTH = 640
DRAWER_MAX_WIDTH = 560


def _money_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setAlignment(Qt.AlignmentFlag.AlignRight)
    field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 16 + 24)
    return field


class SummaryPanel(QWidget):
    """The figures of a day and the drawer count, with Close the day.

    Signals:
        closed(): a day was closed; the page refreshes what depends on it.

    ``preview`` is the print preview of the summary while it is open.
    """

    closed = Signal()

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.summary: CashSummary | None = None
        self.preview: PdfPreviewDialog | None = None

        self.day = QDateEdit()
        self.day.setObjectName("summary_day")
        self.day.setCalendarPopup(True)
        today = services.clock.today()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.dateChanged.connect(self.refresh)
        self.user = QComboBox()
        self.user.setObjectName("summary_user")
        self.user.addItem(_("Everyone at the desk"), None)
        for user in services.accounts.users_for_login():
            self.user.addItem(user.name, user.id)
        self.user.currentIndexChanged.connect(self.refresh)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(_("Day:")))
        choose.addWidget(self.day)
        choose.addSpacing(16)
        choose.addWidget(QLabel(_("Cash of:")))
        choose.addWidget(self.user)
        choose.addStretch(1)
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("summary_print")
        self.print_button.setToolTip(_("Print the summary of this day (Ctrl+P)"))
        # A button's shortcut works only while the button is visible: while this tab is shown.
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.clicked.connect(self.print_summary)
        choose.addWidget(self.print_button)

        self.state = QLabel()
        self.state.setObjectName("summary_state")
        self.state.setWordWrap(True)
        bold = QFont(self.state.font())
        bold.setBold(True)
        self.state.setFont(bold)

        self.figures_box = QGroupBox(_("Money of the day"))
        self.figures_layout = QVBoxLayout(self.figures_box)
        self.figures_widget = QWidget()
        self.figures_layout.addWidget(self.figures_widget)
        self.cancelled_note = QLabel()
        self.cancelled_note.setWordWrap(True)
        self.figures_layout.addWidget(self.cancelled_note)
        self.figures_layout.addStretch(1)

        self.opening = _money_field("summary_opening")
        self.opening.setPlaceholderText(_("0 if the drawer started empty"))
        self.opening.textChanged.connect(self._update_drawer)
        self.counted = _money_field("summary_counted")
        self.counted.setPlaceholderText(_("count the cash"))
        self.counted.textChanged.connect(self._update_drawer)
        self.cash_in = QLabel()
        self.cash_out = QLabel()
        self.expected = QLabel()
        self.expected.setObjectName("summary_expected")
        self.expected.setFont(bold)
        self.difference = QLabel()
        self.difference.setObjectName("summary_difference")
        self.difference.setFont(bold)
        self.difference.setWordWrap(True)
        self.close_button = QPushButton(_("Close the day…"))
        self.close_button.setObjectName("summary_close")
        self.close_button.clicked.connect(self.close_day)
        general = QLabel()
        self.errors = FormErrors(general)
        drawer_box = QGroupBox(_("The drawer"))
        drawer = QFormLayout()
        self.errors.add_row(drawer, _("Opening float"), self.opening, "opening_float_cents")
        drawer.addRow(_("+ cash taken"), self.cash_in)
        drawer.addRow(_("− cash paid out"), self.cash_out)
        drawer.addRow(_("= expected in the drawer"), self.expected)
        self.errors.add_row(drawer, _("Counted in the drawer"), self.counted, "counted_cents")
        drawer.addRow(_("Difference"), self.difference)
        drawer_layout = QVBoxLayout(drawer_box)
        drawer_layout.addWidget(general)
        drawer_layout.addLayout(drawer)
        drawer_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignLeft)
        drawer_layout.addStretch(1)

        # Figures far from their labels are hard to read: on a wide screen the boxes stop growing.
        self.figures_box.setMaximumWidth(FIGURES_MAX_WIDTH)
        drawer_box.setMaximumWidth(DRAWER_MAX_WIDTH)
        boxes = QHBoxLayout()
        boxes.addWidget(self.figures_box, 3)
        boxes.addWidget(drawer_box, 2)
        boxes.addStretch(0)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.addLayout(choose)
        content_layout.addWidget(self.state)
        content_layout.addLayout(boxes, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for before, after in ((self.day, self.user), (self.user, self.opening), (self.opening, self.counted)):
            QWidget.setTabOrder(before, after)
        QWidget.setTabOrder(self.counted, self.close_button)
        QWidget.setTabOrder(self.close_button, self.print_button)

    # -- reading -------------------------------------------------------------------------------------

    def chosen_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def refresh(self) -> None:
        """Read the summary of the chosen day and user again."""
        self.errors.clear()
        try:
            summary = self._services.cash_closings.summary(self._actor, self.chosen_day(), self.user.currentData())
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.summary = summary
        closing = summary.closing
        figures = closing.figures if closing else summary.figures
        replacement = figures_grid(figures)
        self.figures_layout.replaceWidget(self.figures_widget, replacement)
        self.figures_widget.hide()  # deleteLater waits for the event loop; it must not show meanwhile
        self.figures_widget.deleteLater()
        self.figures_widget = replacement
        self.cancelled_note.setText(
            ngettext(
                "Not counted: {count} cancelled receipt, {amount}.",
                "Not counted: {count} cancelled receipts, {amount}.",
                summary.cancelled_count,
            ).format(count=summary.cancelled_count, amount=format_money(summary.cancelled_cents))
        )
        self.cancelled_note.setVisible(bool(summary.cancelled_count))
        was_closed = self.opening.isReadOnly()
        for field in (self.opening, self.counted):
            field.setReadOnly(closing is not None)
            field.setFrame(closing is None)  # a saved amount reads as text, not as a field to fill
            field.blockSignals(True)
        if closing is not None:
            self.opening.setText(format_money(closing.figures.opening_float_cents))
            self.counted.setText(format_money(closing.counted_cents))
            self.state.setText(
                _("Closed on {when} by {name}. These figures were saved then and never change.").format(
                    when=format_datetime(closing.closed_at), name=closing.closed_by_name
                )
            )
        else:
            if was_closed:  # the saved amounts of the day shown before are not this day's
                self.opening.clear()
                self.counted.clear()
            self.state.setText(_("Open: the cash of {day} is not closed yet.").format(day=format_date(figures.day)))
        for field in (self.opening, self.counted):
            field.blockSignals(False)
        self.close_button.setVisible(closing is None)
        self._update_drawer()

    # -- the drawer ----------------------------------------------------------------------------------

    def _figures(self) -> CashFigures | None:
        """The figures shown: the saved ones of a closed day, else the live ones with the typed float."""
        if self.summary is None:
            return None
        if self.summary.closing is not None:
            return self.summary.closing.figures
        try:
            opening = parse_money(self.opening.text()) if self.opening.text().strip() else 0
        except ValueError:
            return None
        return dataclasses.replace(self.summary.figures, opening_float_cents=opening)

    def _update_drawer(self) -> None:
        figures = self._figures()
        if figures is None:
            for label in (self.cash_in, self.cash_out, self.expected, self.difference):
                label.setText("—")
            return
        self.cash_in.setText(format_money(figures.cash_in_cents))
        self.cash_out.setText(format_money(figures.cash_out_cents))
        self.expected.setText(format_money(figures.expected_cents))
        counted = self._counted()
        if counted is None:
            self.difference.setText("—")
            self.difference.setStyleSheet("")
            return
        difference = counted - figures.expected_cents
        self.difference.setText(difference_text(difference))
        self.difference.setStyleSheet(GOOD_STYLE if difference == 0 else ERROR_STYLE)

    def _counted(self) -> int | None:
        if self.summary is not None and self.summary.closing is not None:
            return self.summary.closing.counted_cents
        try:
            return parse_money(self.counted.text()) if self.counted.text().strip() else None
        except ValueError:
            return None

    # -- closing -------------------------------------------------------------------------------------

    def close_day(self) -> None:
        """Check the two amounts, ask once, and save the closing for ever."""
        if self.summary is None or self.summary.closing is not None:
            return
        self.errors.clear()
        try:
            opening = parse_money(self.opening.text()) if self.opening.text().strip() else 0
        except ValueError as error:
            self._show(ValidationError(str(error), field="opening_float_cents"))
            return
        try:
            counted = parse_money(self.counted.text())
        except ValueError as error:
            self._show(ValidationError(str(error), field="counted_cents"))
            return
        figures = dataclasses.replace(self.summary.figures, opening_float_cents=opening)
        user_id = self.user.currentData()
        question = _(
            "Close the cash of {day} for {who}?\nExpected in the drawer {expected}, counted {counted}: {difference}.\n"
            "A closing is saved for ever and cannot be changed; no more payments can be recorded on that day."
        ).format(
            day=format_date(figures.day),
            who=self.user.currentText() if user_id is not None else _("everyone"),
            expected=format_money(figures.expected_cents),
            counted=format_money(counted),
            difference=difference_text(counted - figures.expected_cents),
        )
        if not messages.confirm(self, question, yes=_("Close the day")):
            return
        try:
            self._services.cash_closings.close(self._actor, figures.day, user_id, opening, counted)
        except ValidationError as error:
            self._show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.refresh()
        self.closed.emit()

    # -- printing ------------------------------------------------------------------------------------

    def print_summary(self) -> None:
        """Write the figures shown (with the float and count typed so far) as a PDF and preview it."""
        if self.preview is not None:
            self.preview.raise_()
            return
        if self.summary is None:
            return
        self.errors.clear()
        summary = self.summary
        if summary.closing is None:
            try:
                opening = parse_money(self.opening.text()) if self.opening.text().strip() else 0
            except ValueError as error:
                self._show(ValidationError(str(error), field="opening_float_cents"))
                return
            summary = dataclasses.replace(
                summary, figures=dataclasses.replace(summary.figures, opening_float_cents=opening)
            )
        figures = summary.closing.figures if summary.closing else summary.figures
        try:
            path = self._write_pdf(summary)
        except (OSError, PortineriaError) as error:
            reason = error.message if isinstance(error, PortineriaError) else error.strerror or str(error)
            messages.show_error(self, _("The summary could not be printed ({reason}).").format(reason=reason))
            return
        from ui.printing import open_preview

        title = _("Cash summary of {day}").format(day=format_date(figures.day))
        self.preview = open_preview(self, path, title)
        if self.preview is not None:
            self.preview.finished.connect(self._preview_closed)

    def _write_pdf(self, summary: CashSummary) -> Path:
        folder = print_jobs_folder("summaries")
        figures = summary.figures
        name = figures.day.isoformat() if figures.user_id is None else f"{figures.day.isoformat()}-{figures.user_id}"
        house = self._services.house.details()
        # reportlab is imported with the first printed summary, not when the desk starts.
        from app.reports.cash_summary import write_cash_summary

        return write_cash_summary(
            summary,
            folder / _("cash-summary-{day}.pdf").format(day=name),
            house=house,
            closing=summary.closing,
            counted_cents=self._counted(),
        )

    def _preview_closed(self) -> None:
        self.preview = None

    def _show(self, error: ValidationError) -> None:
        self.errors.show(error)
        fields = {"opening_float_cents": self.opening, "counted_cents": self.counted}
        for problem in error.problems:
            if problem.field in fields:
                fields[problem.field].setFocus()
                fields[problem.field].selectAll()
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the float goes on to the count; Enter in the count closes the day (after asking)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self.opening.hasFocus():
                self.counted.setFocus()
            elif self.counted.hasFocus():
                self.close_day()
            return
        super().keyPressEvent(event)
