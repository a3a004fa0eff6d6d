"""The cash desk: take a payment and print its receipt, find old receipts, count the drawer.

Three tabs (Ctrl+Tab moves between them): New payment (the form, today's payments under it),
Receipts (search, reprint, cancel) and Daily summary (the closing of the cash). The parts live in
``ui.pages.cash``; this page wires them together and keeps their lists up to date: a payment
refreshes today's list, a cancellation or a closing refreshes the totals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.services import Services
from app.services.cash import PaymentDetails
from app.services.roles import Actor
from ui.pages.area_tabs import area_tabs
from ui.pages.base import Page
from ui.pages.cash.payment_form import PaymentForm
from ui.pages.cash.receipt_output import show_receipt
from ui.pages.cash.receipts_list import ReceiptsList
from ui.pages.cash.summary_panel import SummaryPanel
from ui.pages.cash.today_payments import TodayPayments

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

# The form does not need the whole width of a large screen: a short line is quicker to read.
FORM_MAX_WIDTH = 900
HINT_MAX_WIDTH = 380


class CashPage(Page):
    """Payments, receipts and the daily summary, for everyone at the desk.

    ``preview`` is the receipt preview the page opened after a payment (window-modal, opened with
    ``open()``: no nested event loop), or None once it is closed.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.preview: PdfPreviewDialog | None = None

        self.form = PaymentForm(services=services, actor=actor)
        self.form.saved.connect(self._payment_saved)
        self.today = TodayPayments(services=services, actor=actor)
        self.keys_hint = QLabel(
            _(
                "At the desk, with the keyboard only:\n"
                "1. Type part of the payer's name, Down, Enter (or leave it empty).\n"
                "2. Tab, the amount, Enter: the receipt is saved and shown.\n"
                "3. Ctrl+P prints it; Esc closes it, ready for the next person.\n"
                "Ctrl+F searches the receipts."
            )
        )
        self.keys_hint.setObjectName("cash_keys_hint")
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.keys_hint.setStyleSheet("color: palette(placeholder-text);")
        self.keys_hint.setMaximumWidth(HINT_MAX_WIDTH)
        form_row = QHBoxLayout()
        form_row.addWidget(self.form, 3)
        form_row.addSpacing(24)
        form_row.addWidget(self.keys_hint, 1)
        form_row.addStretch(0)  # once both are at their widest, the rest of a large screen stays empty
        self.form.setMaximumWidth(FORM_MAX_WIDTH)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.payment_tab = QWidget()
        payment_layout = QVBoxLayout(self.payment_tab)
        payment_layout.addLayout(form_row)
        payment_layout.addWidget(line)
        payment_layout.addWidget(self.today, 1)

        self.receipts = ReceiptsList(services=services, actor=actor)
        self.receipts.receipt_cancelled.connect(self.today.refresh)
        self.summary = SummaryPanel(services=services, actor=actor)
        self.summary.closed.connect(self.today.refresh)

        tabs = [
            (self.payment_tab, _("New payment")),
            (self.receipts, _("Receipts")),
            (self.summary, _("Daily summary")),
        ]
        self.tabs = area_tabs(self, "cash_tabs", tabs)
        self.tabs.currentChanged.connect(self._tab_shown)

    # -- the Page interface --------------------------------------------------------------------------

    def shown(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def focus_search(self) -> None:
        """Ctrl+F: search the receipts."""
        if self.tabs.currentWidget() is not self.receipts:
            self.tabs.setCurrentWidget(self.receipts)  # which fills the list and focuses the search
        else:
            self.receipts.focus_search()

    def add_new(self) -> None:
        """Ctrl+N: the new payment form, cursor on the payer (what was typed stays)."""
        self.tabs.setCurrentWidget(self.payment_tab)
        self.form.payer_picker().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- keeping the tabs up to date -----------------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.payment_tab:
            self.form.reload()
            self.today.refresh()
            self.form.payer_picker().setFocus(Qt.FocusReason.OtherFocusReason)
        elif widget is self.receipts:
            self.receipts.shown()
        elif widget is self.summary:
            self.summary.refresh()
            self.summary.day.setFocus(Qt.FocusReason.OtherFocusReason)

    def _payment_saved(self, details: PaymentDetails) -> None:
        """Show the new receipt's preview (Print is Ctrl+P there); the form is already empty."""
        self.today.refresh()
        if details.receipt is None:
            return  # money out: no receipt
        self.preview = show_receipt(self, details.receipt, layout=self.form.layout_choice())
        if self.preview is not None:
            self.preview.finished.connect(self._preview_closed)

    def _preview_closed(self) -> None:
        self.preview = None
        self.form.payer_picker().setFocus(Qt.FocusReason.OtherFocusReason)
