"""Receipts of a period for the accountant, cancelled ones included (their numbers must not look
missing) and marked in the last column. This is the cash desk's ``portineria receipts --csv``:
``ReceiptService.export_csv`` authorises, audits and writes these rows with ``write_csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy.orm import Session

from app.db.engine import fetch_ids
from app.db.models import Receipt
from app.exports.csv_dialects import Cell, Money
from app.i18n import _
from app.services.receipts import read_receipt_rows, receipt_ids_statement

CHUNK = 500


def header() -> list[str]:
    return [_("Number"), _("Date"), _("Payer"), _("Category"), _("Method"), _("Amount"), _("Cancelled")]


def receipt_rows(session: Session, date_from: date, date_to: date) -> Iterator[tuple[Cell, ...]]:
    """The receipts issued from ``date_from`` to ``date_to`` (both included), in number order,
    read in the caller's transaction."""
    ids = fetch_ids(session, receipt_ids_statement("", date_from, date_to, None).order_by(Receipt.year, Receipt.number))
    for start in range(0, len(ids), CHUNK):
        for row in read_receipt_rows(session, ids[start : start + CHUNK]):
            yield (
                row.code,
                row.issued_at.date(),
                row.payer_name or "—",
                row.category,
                row.method.label,
                Money(row.total_cents),
                row.cancelled,
            )
