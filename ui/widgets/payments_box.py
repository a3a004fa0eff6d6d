"""A person's or an association's money at the desk: what they still owe and what they paid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from app.i18n import _, format_date, format_money
from app.services import Services
from app.services.cash import PaymentRow
from app.services.cash_rules import Direction
from app.services.roles import Actor

SHOWN_PAYMENTS = 20


def describe_payment(row: PaymentRow) -> str:
    """One line: "22 nov 2026 · workshop fee · 25,00 € · receipt 12/2026 (cancelled)"."""
    amount = format_money(row.amount_cents if row.direction is Direction.IN else -row.amount_cents)
    parts = [format_date(row.at.date()), row.category, amount]
    if row.receipt_code:
        receipt = _("receipt {number}").format(number=row.receipt_code)
        parts.append(receipt + (" " + _("(cancelled)") if row.cancelled else ""))
    return "  ·  ".join(parts)


class PaymentsBox(QGroupBox):
    """Read-only: the owed amount on top, the latest payments below; filled by ``show_for``."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Payments"), parent)
        self._services = services
        self._actor = actor
        self.owed = QLabel()
        self.owed.setObjectName("owed")
        self.owed.setWordWrap(True)
        self.payments = QListWidget()
        self.payments.setObjectName("payments")
        self.payments.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.payments.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.payments.setMaximumHeight(self.fontMetrics().height() * 6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.owed)
        layout.addWidget(self.payments)

    def show_for(self, *, person_id: int | None = None, organisation_id: int | None = None) -> None:
        cash = self._services.cash
        owed = cash.balance(self._actor, person_id=person_id, organisation_id=organisation_id)
        remaining = sum(line.remaining_cents for line in owed)
        if remaining:
            lines = [f"{line.description}: {format_money(line.remaining_cents)}" for line in owed]
            self.owed.setText(
                _("Still to pay: {amount}").format(amount=format_money(remaining)) + "\n" + "\n".join(lines)
            )
            self.owed.setStyleSheet("color: #b00020; font-weight: bold;")
        else:
            self.owed.setText(_("Nothing left to pay."))
            self.owed.setStyleSheet("")
        ids = cash.payment_ids(self._actor, person_id=person_id, organisation_id=organisation_id)
        self.payments.clear()
        rows = cash.payment_rows(self._actor, ids[:SHOWN_PAYMENTS])
        self.payments.addItems([describe_payment(row) for row in rows] or [_("No payments yet.")])
