"""The daily summary printed: Print (or Ctrl+P on the tab) opens the preview of a one-page PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import paths
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.roles import Actor
from tests.ui.cash_pages import make_page, open_previews, pdf_text
from tests.ui.keyboard import type_text
from ui.pages.cash_page import CashPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def paid(services: Services, admin: Actor, volunteer: Actor) -> None:
    codes = {row.code: row.id for row in services.cash_settings.categories(admin)}
    for cents, code, method in ((2500, "membership", PaymentMethod.CASH), (1000, "donation", PaymentMethod.CARD)):
        services.cash.record_payment(
            volunteer, PaymentDraft(amount_cents=cents, category_id=codes[code], method=method)
        )


@pytest.mark.usefixtures("paid")
def test_print_opens_the_preview_of_the_summary_on_one_page(
    qtbot: QtBot, services: Services, volunteer: Actor, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    summary = page.summary
    page.tabs.setCurrentWidget(summary)
    type_text(summary.opening, "50")
    type_text(summary.counted, "75")

    qtbot.mouseClick(summary.print_button, Qt.MouseButton.LeftButton)

    preview = summary.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.document.pageCount() == 1
    assert preview.path.parent == paths.cache_dir() / "summaries"
    text = pdf_text(preview.path)
    assert "NOT CLOSED YET" in text
    assert "= expected in the drawer €75.00" in text and "Counted in the drawer €75.00" in text
    assert "€0.00: the drawer matches" in text
    preview.done(0)
    qtbot.waitUntil(lambda: summary.preview is None and not open_previews())


@pytest.mark.usefixtures("paid")
def test_ctrl_p_prints_the_summary_only_when_its_tab_is_shown(
    qtbot: QtBot, services: Services, volunteer: Actor, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)  # a button's shortcut clicks it after a short animation
    assert page.summary.preview is None and not open_previews()

    page.tabs.setCurrentWidget(page.summary)
    qtbot.keyClick(page.summary.day, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: page.summary.preview is not None)
    assert open_previews() == [page.summary.preview]
