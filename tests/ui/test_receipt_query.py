"""What the receipts search field understands: numbers, names and dates (no Qt needed)."""

from __future__ import annotations

from datetime import date

import pytest

from ui.pages.cash.receipt_query import ReceiptQuery, parse_date, parse_receipt_query


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("22/11/2026", date(2026, 11, 22)),
        ("22.11.2026", date(2026, 11, 22)),
        ("22-11-26", date(2026, 11, 22)),
        ("2026-11-22", date(2026, 11, 22)),
        ("1/2/2026", date(2026, 2, 1)),  # day first, as in Italy
        ("11/22/2026", date(2026, 11, 22)),  # only the American order makes sense
        ("12/2026", None),  # a receipt number, never a date
        ("31/02/2026", None),
        ("rossi", None),
    ],
)
def test_dates_are_read_day_first(token: str, expected: date | None) -> None:
    assert parse_date(token) == expected


def test_the_query_keeps_words_and_numbers_and_takes_out_dates() -> None:
    assert parse_receipt_query("12/2026") == ReceiptQuery(text="12/2026")
    assert parse_receipt_query("  rossi  nicolò ") == ReceiptQuery(text="rossi nicolò")
    assert parse_receipt_query("rossi 21/11/2026") == ReceiptQuery(
        text="rossi", date_from=date(2026, 11, 21), date_to=date(2026, 11, 21)
    )
    assert parse_receipt_query("30/11/2026 1/11/2026") == ReceiptQuery(
        date_from=date(2026, 11, 1), date_to=date(2026, 11, 30)
    )
