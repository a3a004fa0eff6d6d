"""A day's payments as a lazy table: the payments of today under the new payment form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.i18n import _, format_money, format_time
from app.services import Services
from app.services.cash import PaymentRow
from app.services.cash_rules import Direction
from app.services.roles import Actor
from app.text import capitalised
from ui.models.lazy_rows import Column, LazyRowsModel

COL_TIME, COL_PAYER, COL_CATEGORY, COL_METHOD, COL_AMOUNT, COL_RECEIPT, COL_USER = range(7)

NO_PAYER = "—"


def amount_text(row: PaymentRow) -> str:
    """Money out is shown with a minus sign: it left the drawer."""
    cents = row.amount_cents if row.direction is Direction.IN else -row.amount_cents
    return format_money(cents)


def receipt_text(row: PaymentRow) -> str:
    if not row.receipt_code:
        return _("none (money out)") if row.direction is Direction.OUT else ""
    if row.cancelled:
        return _("{code} CANCELLED").format(code=row.receipt_code)
    return row.receipt_code


COLUMNS: tuple[Column[PaymentRow], ...] = (
    Column(lambda: _("Time"), lambda row: format_time(row.at)),
    Column(lambda: _("Payer"), lambda row: row.payer_name or NO_PAYER),
    Column(lambda: _("Category"), lambda row: capitalised(row.category)),
    Column(lambda: _("Method"), lambda row: capitalised(row.method.label)),
    Column(lambda: _("Amount"), amount_text, align_right=True),
    Column(lambda: _("Receipt"), receipt_text),
    Column(lambda: _("At the desk"), lambda row: row.user_name),
)


def make_payments_model(
    *, services: Services, actor: Actor, parent: QObject | None = None
) -> LazyRowsModel[PaymentRow]:
    """A lazy model over payment rows; fill it with ``set_ids(services.cash.payment_ids(...))``."""

    def fetch(ids: Sequence[int]) -> Sequence[PaymentRow]:
        return services.cash.payment_rows(actor, ids)

    return LazyRowsModel(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)
