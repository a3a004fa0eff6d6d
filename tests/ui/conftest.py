"""Fixtures of the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.pages.cash_page import CashPage


@pytest.fixture
def pages() -> Iterator[list[CashPage]]:
    """The pages a test built; their previews are closed at the end so none outlives its test."""
    built: list[CashPage] = []
    yield built
    for page in built:
        for preview in (page.preview, page.receipts.preview, page.summary.preview):
            if preview is not None:
                preview.done(0)
