"""Every receipt ever issued, searched by number, payer or date; reprinted or cancelled from here.

It is a ``SearchListPage`` shown inside the Cash page's Receipts tab (never in the navigation
list), so that its keyboard is the registry pages' one: type to search, Down into the list, Enter
on a receipt prints it again (a duplicate), Up from the first row back to the search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_number, ngettext
from app.services import Services
from app.services.roles import Actor, Role
from ui import messages
from ui.models.receipts_model import (
    COL_AMOUNT,
    COL_CATEGORY,
    COL_ISSUED,
    COL_METHOD,
    COL_NUMBER,
    COL_PAYER,
    COL_STATE,
    make_receipts_model,
)
from ui.pages.cash.receipt_output import receipt_layout, show_receipt
from ui.pages.cash.receipt_query import parse_receipt_query
from ui.pages.search_list_page import SearchListPage

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog


class ReceiptsList(SearchListPage):
    """The receipts, newest first, with Reprint for everyone and Cancel… for coordinators and admins.

    Signals:
        receipt_cancelled(): a receipt was cancelled here; the day's totals changed.
    """

    receipt_cancelled = Signal()

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        model = make_receipts_model(services=services, actor=actor)
        super().__init__(services=services, actor=actor, model=model, parent=parent)
        self.preview: PdfPreviewDialog | None = None
        self.search.setObjectName("receipts_search")
        self.search.setPlaceholderText(_("Search by number (12/2026), payer's name or date (22/11/2026)…"))
        self.count_label.setObjectName("receipts_count")
        self.table.setObjectName("receipts_table")
        self.empty_hint.setObjectName("receipts_empty_hint")
        self.new_button.hide()  # a receipt is born with its payment, on the New payment tab
        self.open_button.setText(_("Reprint"))
        self.open_button.setToolTip(_("Print the chosen receipt again, marked as a duplicate (Enter)"))
        self.cancel_button = QPushButton(_("Cancel the receipt…"))
        self.cancel_button.setObjectName("receipts_cancel")
        self.cancel_button.setToolTip(_("Cancel the chosen receipt: its number stays, marked as cancelled"))
        self.cancel_button.clicked.connect(self.cancel_current)
        # The service refuses volunteers anyway; the button they cannot use is not shown to them.
        self.cancel_button.setVisible(actor.role >= Role.COORDINATOR)
        self.button_row.insertWidget(self.button_row.indexOf(self.open_button) + 1, self.cancel_button)
        self.size_columns(
            {COL_NUMBER: 11, COL_ISSUED: 21, COL_CATEGORY: 18, COL_METHOD: 14, COL_AMOUNT: 12, COL_STATE: 13},
            stretch=COL_PAYER,
        )
        self._update_buttons()

    @classmethod
    def title(cls) -> str:
        return _("Receipts")

    # -- what SearchListPage asks --------------------------------------------------------------------

    def search_ids(self, text: str) -> list[int]:
        query = parse_receipt_query(text)
        return self.services.receipts.search_ids(
            self.actor, query=query.text, date_from=query.date_from, date_to=query.date_to
        )

    def count_text(self, count: int) -> str:
        return ngettext("{count} receipt", "{count} receipts", count).format(count=format_number(count))

    def empty_text(self, searching: bool) -> str:
        if searching:
            return _("No receipt found. Check the number (like 12/2026), the name or the date.")
        return _("No receipt yet. Receipts are issued with every payment on the New payment tab.")

    def add_new(self) -> None:
        """Nothing: the Cash page sends Ctrl+N to the new payment form."""

    def open_record(self, record_id: int) -> None:
        """Enter, a double click or Reprint: print the receipt again."""
        self.reprint(record_id)

    # -- reprinting and cancelling -------------------------------------------------------------------

    def reprint(self, receipt_id: int) -> None:
        """Count one more copy and show it, marked "DUPLICATO" (and "ANNULLATA" if cancelled)."""
        if self.preview is not None:
            self.preview.raise_()
            return
        try:
            details = self.services.receipts.reprint(self.actor, receipt_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.apply_search_now()
            return
        self.preview = show_receipt(self, details, layout=receipt_layout())
        if self.preview is not None:
            self.preview.finished.connect(self._preview_closed)

    def _preview_closed(self) -> None:
        self.preview = None
        self.table.setFocus()

    def cancel_current(self) -> None:
        receipt_id = self.selected_id()
        row = self.model.row_at(self.table.currentIndex().row()) if receipt_id is not None else None
        if row is None or row.cancelled or self.dialog is not None:
            return
        from ui.dialogs.cancel_receipt_dialog import CancelReceiptDialog  # imported when first needed

        dialog = CancelReceiptDialog(services=self.services, actor=self.actor, receipt=row, parent=self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._cancel_closed)
        dialog.open()

    def _cancel_closed(self, result: int) -> None:
        self.dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.model.refresh()
            self.receipt_cancelled.emit()
        self._update_buttons()
        self.table.setFocus()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        receipt_id = self.selected_id()
        row = self.model.row_at(self.table.currentIndex().row()) if receipt_id is not None else None
        self.cancel_button.setEnabled(row is not None and not row.cancelled)
