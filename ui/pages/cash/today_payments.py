"""Today's payments, newest first, under the new payment form, with the day's totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_date, format_money, ngettext
from app.services import Services
from app.services.cash_rules import Direction
from app.services.roles import Actor
from ui import messages
from ui.models.payments_model import (
    COL_AMOUNT,
    COL_CATEGORY,
    COL_METHOD,
    COL_PAYER,
    COL_RECEIPT,
    COL_TIME,
    COL_USER,
    make_payments_model,
)
from ui.pages.search_list_page import lazy_table
from ui.widgets.table_columns import size_columns


class TodayPayments(QWidget):
    """Every payment of the day at this desk (all users), and what they add up to.

    The totals come from the cash summary, so they leave out cancelled receipts exactly as the
    closing will.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.title = QLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.model = make_payments_model(services=services, actor=actor, parent=self)
        self.model.fetch_failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.table = lazy_table(self.model)
        self.table.setObjectName("cash_today_table")
        size_columns(
            self.table,
            {COL_TIME: 9, COL_CATEGORY: 18, COL_METHOD: 14, COL_AMOUNT: 12, COL_RECEIPT: 22, COL_USER: 12},
            stretch=COL_PAYER,
        )
        self.total = QLabel()
        self.total.setObjectName("cash_today_total")
        self.total.setFont(bold)
        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)

    def refresh(self) -> None:
        """Read today's payments and totals again (after a payment, a cancellation, a new day)."""
        today = self._services.clock.today()
        self.title.setText(_("Today's payments — {day}").format(day=format_date(today, "full")))
        try:
            ids = self._services.cash.payment_ids(self._actor, day=today)
            summary = self._services.cash_closings.summary(self._actor, today)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.model.set_ids(ids)
        figures = summary.figures
        parts = [
            ngettext("{count} payment", "{count} payments", len(ids)).format(count=len(ids)),
            _("money in {amount}").format(amount=format_money(figures.total(Direction.IN))),
            _("money out {amount}").format(amount=format_money(figures.total(Direction.OUT))),
            _("net cash {amount}").format(amount=format_money(figures.cash_in_cents - figures.cash_out_cents)),
        ]
        text = _("Total: {parts}").format(parts=" · ".join(parts))
        if summary.cancelled_count:
            text += "\n" + ngettext(
                "{count} cancelled receipt ({amount}) is not counted.",
                "{count} cancelled receipts ({amount}) are not counted.",
                summary.cancelled_count,
            ).format(count=summary.cancelled_count, amount=format_money(summary.cancelled_cents))
        self.total.setText(text)

    def _failed(self, message: str) -> None:
        messages.show_error(self, message)
