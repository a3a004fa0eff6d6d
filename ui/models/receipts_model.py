"""The receipts list as a lazy table (same pattern as the people list): ids in, rows on demand."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.i18n import _, format_datetime, format_money
from app.services import Services
from app.services.receipts import ReceiptRow
from app.services.roles import Actor
from app.text import capitalised
from ui.models.lazy_rows import Column, LazyRowsModel

COL_NUMBER, COL_ISSUED, COL_PAYER, COL_CATEGORY, COL_METHOD, COL_AMOUNT, COL_STATE = range(7)

NO_PAYER = "—"

COLUMNS: tuple[Column[ReceiptRow], ...] = (
    Column(lambda: _("Number"), lambda row: row.code, align_right=True),
    Column(lambda: _("Issued"), lambda row: format_datetime(row.issued_at)),
    Column(lambda: _("Payer"), lambda row: row.payer_name or NO_PAYER),
    Column(lambda: _("Category"), lambda row: capitalised(row.category)),
    Column(lambda: _("Method"), lambda row: capitalised(row.method.label)),
    Column(lambda: _("Amount"), lambda row: format_money(row.total_cents), align_right=True),
    # Upper case, as printed across the receipt: a cancelled line must not be read as money taken.
    Column(lambda: _("Status"), lambda row: _("CANCELLED") if row.cancelled else ""),
)


def make_receipts_model(
    *, services: Services, actor: Actor, parent: QObject | None = None
) -> LazyRowsModel[ReceiptRow]:
    """A lazy model over receipt rows; fill it with ``set_ids(services.receipts.search_ids(...))``."""

    def fetch(ids: Sequence[int]) -> Sequence[ReceiptRow]:
        return services.receipts.rows(actor, ids)

    return LazyRowsModel(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)
