"""Building the Cash page in tests, and reading back the PDFs it shows (``pages`` is in conftest)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.roles import Actor
from ui.pages.cash_page import CashPage
from ui.printing import PdfPreviewDialog


def make_page(qtbot: QtBot, services: Services, actor: Actor, pages: list[CashPage]) -> CashPage:
    page = CashPage(services=services, actor=actor)
    qtbot.addWidget(page)
    pages.append(page)
    page.resize(1280, 720)
    with qtbot.waitActive(page):
        page.show()
    page.shown()
    return page


def open_previews() -> list[PdfPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
