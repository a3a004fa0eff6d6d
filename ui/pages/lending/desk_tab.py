"""The lending desk: one scan field that lends and takes back tools at a barcode scanner's speed.

A USB scanner types the code and Enter, like a keyboard, so the whole desk works from the one
field, which keeps the focus after every action:

- a tool's code + Enter: a tool on loan opens the return panel (Enter, or the same code scanned
  again, takes it back and gives the deposit back); any other tool is chosen for lending;
- a card code, or a name + Enter: the borrower (several names: Up/Down and Enter choose);
- Enter with tool and borrower chosen lends, once the parts are confirmed (Space in the empty
  field, Ctrl+K, or the tool scanned again); the deposit receipt opens in the preview (Ctrl+P
  prints it there, Esc closes it and the field is ready again);
- Esc clears what is under way; Ctrl+E extends the loan being taken back or the one highlighted
  in the list of tools out; Down moves into that list, where Enter opens a loan's return.

What the text stands for is ``LendingDesk.resolve``'s answer; refusals are the services' own
messages, shown in red under the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, format_money, ngettext
from app.services import Services
from app.services.lending_desk import Resolution, Resolved
from app.services.loans import LendResult, LoanDetails, ReturnResult
from app.services.people import PersonRow
from app.services.receipts import ReceiptDetails
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolRow
from ui.pages.cash.receipt_output import receipt_layout, show_receipt
from ui.pages.lending.extend_dialog import ExtendDialog
from ui.pages.lending.lend_panel import REFUSAL_COLOUR, WARNING_COLOUR, LendPanel
from ui.pages.lending.loans_model import (
    COL_BORROWER,
    COL_DUE,
    COL_LATE,
    COL_PHONE,
    COL_SINCE,
    COL_TOOL,
    CurrentLoansModel,
)
from ui.pages.lending.return_panel import ReturnPanel

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

SEARCH_DELAY_MS = 60
PANEL_MAX_WIDTH = 960
DONE_COLOUR = "#2e7d32"


class DeskTab(QWidget):
    """The Desk tab of the Tool library; see the module's docstring for the keys.

    ``preview`` is the deposit receipt's preview while it is open, ``dialog`` the extend dialog.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.preview: PdfPreviewDialog | None = None
        self.dialog: ExtendDialog | None = None

        self.scan = QLineEdit()
        self.scan.setObjectName("lending_scan")
        self.scan.setPlaceholderText(_("Scan a tool or a card, or type a surname, then Enter"))
        big = QFont(self.scan.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        self.scan.setFont(big)
        self.scan.returnPressed.connect(self._enter)
        self.scan.installEventFilter(self)
        scan_label = QLabel(_("&Scan:"))
        scan_label.setFont(big)
        scan_label.setBuddy(self.scan)
        self.message = QLabel()
        self.message.setObjectName("lending_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message_font = QFont(self.message.font())
        message_font.setPointSizeF(message_font.pointSizeF() * 1.15)
        self.message.setFont(message_font)
        scan_row = QHBoxLayout()
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan, 1)

        self.lend_panel = LendPanel(consent_mark=lambda person_id: services.privacy.consent_mark(actor, person_id))
        self.lend_panel.method.activated.connect(self.focus_scan)
        self.return_panel = ReturnPanel()
        self.return_panel.confirm_requested.connect(self._confirm_return)
        self.return_panel.deposit.activated.connect(self._deposit_chosen)
        self.panels = QStackedWidget()
        self.panels.addWidget(self.lend_panel)
        self.panels.addWidget(self.return_panel)
        # A form across a wide screen is hard to read: the panels keep to the left.
        self.panels.setMaximumWidth(PANEL_MAX_WIDTH)

        self.loans = CurrentLoansModel(self)
        self.table = QTableView()
        self.table.setObjectName("lending_current")
        self.table.setModel(self.loans)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TOOL, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_BORROWER, 220), (COL_PHONE, 130), (COL_SINCE, 120), (COL_DUE, 120), (COL_LATE, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_row)
        self.table.installEventFilter(self)
        self.search = QLineEdit()
        self.search.setObjectName("lending_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search the tools out: code, tool or borrower (Ctrl+F)"))
        self.search.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_loans)
        self.search.textChanged.connect(self._search_timer.start)
        self.count = QLabel()
        list_row = QHBoxLayout()
        list_title = QLabel(_("Tools out now"))
        list_title.setFont(QFont(list_title.font().family(), -1, QFont.Weight.Bold))
        list_row.addWidget(list_title)
        list_row.addWidget(self.count)
        list_row.addStretch(1)
        list_row.addWidget(self.search, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(scan_row)
        layout.addWidget(self.message)
        panel_row = QHBoxLayout()
        panel_row.addWidget(self.panels, 1)
        panel_row.addStretch(0)  # once the panels are at their widest, the rest stays empty
        layout.addLayout(panel_row, 3)
        layout.addLayout(list_row)
        layout.addWidget(self.table, 2)

        for keys, slot in (
            ("Ctrl+K", self._toggle_components),
            ("Ctrl+E", self.extend),
            ("Ctrl+R", self._toggle_repair),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._start_over()

    # -- the tab interface -------------------------------------------------------------------------------

    def shown(self) -> None:
        self.refresh_loans()
        self.focus_scan()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_scan(self) -> None:
        self.scan.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_loans(self) -> None:
        try:
            rows = self.services.loans.current(self.actor, search=self.search.text())
        except PortineriaError as error:
            self._say(error.message, REFUSAL_COLOUR)
            return
        self.loans.set_rows(rows)
        self.count.setText(ngettext("{count} tool", "{count} tools", len(rows)).format(count=len(rows)))

    # -- what the field reads ----------------------------------------------------------------------------

    def _enter(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            self._enter_alone()
            return
        try:
            resolution = self.services.lending_desk.resolve(self.actor, text)
            self._resolved(resolution)
        except PortineriaError as error:
            self._say(error.message, REFUSAL_COLOUR)
        self.focus_scan()

    def _enter_alone(self) -> None:
        """Enter in the empty field: take the highlighted name, take back, or lend."""
        if self.panels.currentWidget() is self.return_panel and self.return_panel.loan is not None:
            self._confirm_return()
        elif self.lend_panel.offering():
            person = self.lend_panel.chosen()
            if person is not None:
                self._choose_borrower(person)
        elif self.lend_panel.tool is not None and self.lend_panel.borrower is not None:
            self._lend()
        else:
            self._say(self.lend_panel.enter_hint.text(), "")

    def _resolved(self, resolution: Resolution) -> None:
        if resolution.kind is Resolved.TOOL and resolution.tool is not None:
            self._tool_scanned(resolution.tool)
        elif resolution.kind is Resolved.PERSON and resolution.person is not None:
            self._choose_borrower(resolution.person)
        elif resolution.kind is Resolved.PEOPLE and len(resolution.people) == 1:
            self._choose_borrower(resolution.people[0])
        elif resolution.kind is Resolved.PEOPLE:
            self._show_lending()
            self.lend_panel.offer_people(resolution.people)
            self._say(
                _("{count} people match \u201c{text}\u201d: Up and Down choose, Enter takes the name.").format(
                    count=len(resolution.people), text=resolution.text
                ),
                "",
            )
        else:
            self._say(resolution.message, REFUSAL_COLOUR)

    def _tool_scanned(self, tool: ToolRow) -> None:
        returning = self.return_panel.loan
        returning_it = returning is not None and returning.row.tool_id == tool.id
        if self.panels.currentWidget() is self.return_panel and returning_it:
            self._confirm_return()  # the same code again confirms
            return
        chosen = self.lend_panel.tool
        if chosen is not None and chosen.id == tool.id and tool.status is not ToolStatus.ON_LOAN:
            self.lend_panel.confirm_components()  # scanned again: the parts were checked
            self._say(_("Parts confirmed."), DONE_COLOUR)
            return
        if tool.status is ToolStatus.ON_LOAN:
            loan = self.services.loans.open_loan_of_tool(self.actor, tool.id)
            if loan is not None:
                self._open_return(loan, tool.loan_days)
                return
        components = self.services.tools.get(self.actor, tool.id).draft.components
        reservations = self.services.tool_reservations.of_tool(self.actor, tool.id)
        borrower = self.lend_panel.borrower if self.panels.currentWidget() is self.lend_panel else None
        self._show_lending()
        self.lend_panel.set_tool(tool, components, reservations)
        if borrower is not None:
            self.lend_panel.set_borrower(borrower, self._warnings_for(borrower))
        if tool.status in (ToolStatus.AVAILABLE, ToolStatus.RESERVED):
            self._say(self.lend_panel.enter_hint.text(), "")
        else:
            self._say(
                _("{code} is {status} and cannot be lent now.").format(code=tool.code, status=tool.status.label),
                REFUSAL_COLOUR,
            )

    def _choose_borrower(self, person: PersonRow) -> None:
        self._show_lending()
        warnings = self._warnings_for(person)
        self.lend_panel.set_borrower(person, warnings)  # the warnings stay in orange in the panel
        self._say(self.lend_panel.enter_hint.text(), "")

    def _warnings_for(self, person: PersonRow) -> list[str]:
        return self.services.loans.overdue_warnings(self.actor, person.id)

    # -- lending -----------------------------------------------------------------------------------------

    def _lend(self) -> None:
        panel = self.lend_panel
        tool, borrower = panel.tool, panel.borrower
        assert tool is not None and borrower is not None
        if not panel.components_confirmed():
            self._say(
                _(
                    "Check the parts with the borrower ({parts}), then press Space or Ctrl+K, or scan the tool again."
                ).format(parts=", ".join(panel.components)),
                REFUSAL_COLOUR,
            )
            return
        try:
            result = self.services.loans.lend(
                self.actor,
                tool.id,
                borrower.id,
                components_confirmed=panel.components_confirmed(),
                deposit_method=panel.deposit_method(),
            )
        except PortineriaError as error:
            self._say(error.message, REFUSAL_COLOUR)
            return
        self._lent(result)

    def _lent(self, result: LendResult) -> None:
        row = result.loan.row
        said = _("Lent {code} {name} to {person}, due {due}.").format(
            code=row.tool_code, name=row.tool_name, person=row.person_name, due=format_date(row.due_day)
        )
        if result.receipt is not None:
            said += " " + _("Deposit {amount}: receipt {code}.").format(
                amount=format_money(result.receipt.total_cents), code=result.receipt.code
            )
        self._start_over()
        self.refresh_loans()
        self.select_loan(row.id)
        colour = WARNING_COLOUR if result.warnings else DONE_COLOUR
        self._say(" ".join((said, *result.warnings)), colour)
        self.focus_scan()
        receipt = result.receipt
        if receipt is not None:
            # The loan is on screen first; the PDF (some 60 ms) follows once it is painted.
            QTimer.singleShot(0, lambda: self._show_receipt(receipt))

    def _show_receipt(self, receipt: ReceiptDetails) -> None:
        self.preview = show_receipt(self, receipt, layout=receipt_layout())
        if self.preview is not None:
            self.preview.finished.connect(self._preview_closed)

    def _preview_closed(self) -> None:
        self.preview = None
        self._take_focus_back()

    # -- returns -----------------------------------------------------------------------------------------

    def _open_return(self, loan: LoanDetails, loan_days: int) -> None:
        self.lend_panel.clear()
        self.return_panel.set_loan(loan, loan_days)
        self.panels.setCurrentWidget(self.return_panel)
        self._say(self.return_panel.hint.text(), "")
        self.focus_scan()

    def _confirm_return(self) -> None:
        panel = self.return_panel
        loan = panel.loan
        if loan is None:
            return
        try:
            result = self.services.loans.return_tool(
                self.actor,
                loan_id=loan.row.id,
                components_ok=panel.components_ok(),
                condition_note=panel.note.text(),
                needs_repair=panel.repair.isChecked(),
                deposit=panel.outcome(),
                keep_reason=panel.reason.text(),
            )
        except PortineriaError as error:
            self._say(error.message, REFUSAL_COLOUR)
            self.focus_scan()
            return
        self._returned(result)

    def _returned(self, result: ReturnResult) -> None:
        row = result.loan.row
        said = [
            _("{code} {name} is back from {person}.").format(
                code=row.tool_code, name=row.tool_name, person=row.person_name
            )
        ]
        if result.refunded_cents:
            said.append(_("Give back the deposit: {amount}.").format(amount=format_money(result.refunded_cents)))
        if result.kept_cents:
            said.append(_("Deposit kept: {amount}.").format(amount=format_money(result.kept_cents)))
        if result.tool_status is ToolStatus.IN_REPAIR:
            said.append(_("It is now in repair."))
        self._start_over()
        self.refresh_loans()
        self._say(" ".join(said), DONE_COLOUR)
        self.focus_scan()

    def _deposit_chosen(self) -> None:
        if self.return_panel.reason.isVisible():
            self.return_panel.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_scan()

    # -- extending ---------------------------------------------------------------------------------------

    def extend(self) -> None:
        """Ctrl+E: extend the loan being taken back, or the one highlighted in the list."""
        if self.panels.currentWidget() is self.return_panel and self.return_panel.loan is not None:
            loan, days = self.return_panel.loan.row, self.return_panel.loan_days
        else:
            current = self.loans.row_at(self.table.currentIndex().row())
            if current is None:
                self._say(_("Choose the loan to extend: scan its tool, or highlight it in the list."), REFUSAL_COLOUR)
                return
            loan = current
            try:
                days = self.services.tools.get(self.actor, current.tool_id).draft.loan_days
            except PortineriaError as error:
                self._say(error.message, REFUSAL_COLOUR)
                return
        self.dialog = ExtendDialog(services=self.services, actor=self.actor, loan=loan, days=days, parent=self)
        self.dialog.extended.connect(self._extended)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _extended(self, details: LoanDetails) -> None:
        row = details.row
        self._start_over()
        self.refresh_loans()
        self.select_loan(row.id)
        self._say(
            _("{code} {name}: {person} brings it back by {due}.").format(
                code=row.tool_code, name=row.tool_name, person=row.person_name, due=format_date(row.due_day)
            ),
            DONE_COLOUR,
        )

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._take_focus_back()

    # -- keys --------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.scan:
                return self._scan_key(event)
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_row(self.table.currentIndex())
                return True
            if watched is self.search and event.key() == Qt.Key.Key_Down and self.loans.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
            if watched in (self.table, self.search) and event.key() == Qt.Key.Key_Escape:
                self.focus_scan()
                return True
        return super().eventFilter(watched, event)

    def _scan_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._start_over()
            self._say(_("Cleared: scan a tool or a card."), "")
            return True
        if key == Qt.Key.Key_Space and not self.scan.text() and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._toggle_components()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if self.lend_panel.offering():
                self.lend_panel.move_choice(step)
                return True
            if key == Qt.Key.Key_Down and self.loans.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
        return False

    def _toggle_components(self) -> None:
        if self.panels.currentWidget() is self.return_panel and self.return_panel.loan is not None:
            self.return_panel.toggle_parts()
        else:
            self.lend_panel.toggle_components()
            if self.lend_panel.tool is not None and self.lend_panel.borrower is not None:
                self._say(self.lend_panel.enter_hint.text(), "")
        self.focus_scan()

    def _toggle_repair(self) -> None:
        if self.panels.currentWidget() is self.return_panel:
            self.return_panel.toggle_repair()
        self.focus_scan()

    def _open_row(self, index: QModelIndex) -> None:
        row = self.loans.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        try:
            loan = self.services.loans.get(self.actor, row.id)
            days = self.services.tools.get(self.actor, row.tool_id).draft.loan_days
        except PortineriaError as error:
            self._say(error.message, REFUSAL_COLOUR)
            return
        self._open_return(loan, days)

    # -- small things ------------------------------------------------------------------------------------

    def _take_focus_back(self) -> None:
        """After a preview or a dialog: the desk's window in front again, the cursor in the field."""
        self.window().activateWindow()
        self.focus_scan()

    def _start_over(self) -> None:
        self.lend_panel.clear()
        self.return_panel.clear()
        self.panels.setCurrentWidget(self.lend_panel)
        self.scan.clear()

    def _show_lending(self) -> None:
        if self.panels.currentWidget() is not self.lend_panel:
            self.return_panel.clear()
            self.panels.setCurrentWidget(self.lend_panel)

    def select_loan(self, loan_id: int) -> None:
        row = self.loans.row_of_loan(loan_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.loans.index(row, COL_BORROWER))

    def _say(self, text: str, colour: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
