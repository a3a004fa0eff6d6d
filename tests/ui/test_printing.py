"""The print path: a receipt PDF previewed, printed into a PDF printer, saved elsewhere."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.reports.receipt import ReceiptDocument, ReceiptLine, StampDuty, write_receipt
from tests.ui.message_boxes import Boxes, patch_boxes
from ui import printing
from ui.printing import PdfPreviewDialog, page_layout_for, preview_pdf, print_pdf

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RECEIPT = ReceiptDocument(
    number="12/2026",
    issued_at=datetime(2026, 11, 22, 10, 35),
    house_name="Bagni Pubblici di Via Agliè",
    house_address="Via Agliè 9, 10154 Torino",
    house_fiscal_code="97735280014",
    payer_name="Milica Đorđević",
    payer_detail="",
    lines=(ReceiptLine("Tessera 2026", 2500),),
    total_cents=2500,
    method="contanti",
    user_name="Giulia",
    stamp_duty=StampDuty.NOT_DUE,
)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def receipt_pdf(tmp_path: Path) -> Path:
    return write_receipt(RECEIPT, tmp_path / "ricevuta-12-2026.pdf")


@pytest.fixture
def two_pages(tmp_path: Path) -> Path:
    """A receipt with so many lines that the A4 layout runs onto a second page."""
    lines = tuple(ReceiptLine(f"Prestito attrezzo n. {n}", 100) for n in range(40))
    document = dataclasses.replace(RECEIPT, lines=lines, total_cents=4000)
    path = write_receipt(document, tmp_path / "long.pdf")
    assert len(PdfReader(path).pages) == 2
    return path


def open_preview(qtbot: QtBot, path: Path) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(path=path, title="Ricevuta n. 12/2026")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_the_preview_shows_every_page_of_the_pdf(qtbot: QtBot, receipt_pdf: Path, two_pages: Path) -> None:
    one = open_preview(qtbot, receipt_pdf)
    two = open_preview(qtbot, two_pages)

    assert one.windowTitle() == "Ricevuta n. 12/2026"
    assert (one.page_count(), two.page_count()) == (1, 2)
    assert one.document.status() is QPdfDocument.Status.Ready
    assert one.pages_label.text() == "1 page" and two.pages_label.text() == "2 pages"
    assert one.view.zoomMode() is one.view.ZoomMode.FitToWidth
    assert not one.grab().isNull()


def dark_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    return sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if image.pixelColor(x, y).lightness() < 100
    )


def test_the_preview_draws_the_page_at_any_height(qtbot: QtBot, tmp_path: Path) -> None:
    """Fitting the width, a page that nearly fits the height must not leave the view blank."""
    roll = write_receipt(RECEIPT, tmp_path / "roll.pdf", layout="roll")
    for height in range(380, 640, 20):
        dialog = PdfPreviewDialog(path=roll, title="Ricevuta")
        qtbot.addWidget(dialog)
        dialog.resize(420, height)
        dialog.show()
        qtbot.waitUntil(lambda dialog=dialog: dark_pixels(dialog.view.viewport()) > 200, timeout=3000)
        dialog.close()


def test_escape_closes_the_preview(qtbot: QtBot, receipt_pdf: Path) -> None:
    dialog = open_preview(qtbot, receipt_pdf)

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_save_as_pdf_writes_an_identical_file(
    qtbot: QtBot, receipt_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    asked: list[Path] = []

    def answer(parent: QWidget | None, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "copia.pdf"

    monkeypatch.setattr(printing, "ask_save_path", answer)
    dialog = open_preview(qtbot, receipt_pdf)

    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert asked[0].name == "ricevuta-12-2026.pdf"
    assert (tmp_path / "copia.pdf").read_bytes() == receipt_pdf.read_bytes()
    assert boxes.infos == [f"Saved to {tmp_path / 'copia.pdf'}."]
    assert boxes.errors == []


def test_cancelling_save_writes_nothing_and_a_failed_copy_is_said(
    qtbot: QtBot, receipt_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    dialog = open_preview(qtbot, receipt_pdf)
    monkeypatch.setattr(printing, "ask_save_path", lambda parent, suggested: None)
    dialog.save_copy()
    monkeypatch.setattr(printing, "ask_save_path", lambda parent, suggested: tmp_path / "no-such-dir" / "x.pdf")
    dialog.save_copy()

    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["ricevuta-12-2026.pdf"]
    assert len(boxes.errors) == 1 and "could not be saved" in boxes.errors[0]
    assert boxes.infos == []


def test_print_pdf_prints_every_page_into_a_pdf_printer(qtbot: QtBot, two_pages: Path, tmp_path: Path) -> None:
    document = QPdfDocument()
    document.load(str(two_pages))
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    print_pdf(document, printer)

    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 2
    assert float(printed.pages[0].mediabox.width) == pytest.approx(595.3, abs=1)


def test_the_print_button_offers_the_pdf_paper_and_prints(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    roll = write_receipt(RECEIPT, tmp_path / "roll.pdf", layout="roll")
    offered: list[QPageLayout] = []

    def answer(parent: QWidget | None, printer: QPrinter) -> bool:
        offered.append(printer.pageLayout())
        printer.setResolution(150)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    monkeypatch.setattr(printing, "ask_printer", answer)
    dialog = open_preview(qtbot, roll)

    qtbot.keyClick(dialog.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    assert boxes.errors == []
    size = offered[0].fullRectPoints()
    assert (size.width(), size.height()) == pytest.approx(
        (float(PdfReader(roll).pages[0].mediabox.width), float(PdfReader(roll).pages[0].mediabox.height)), abs=1
    )
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == 1
    assert float(printed.pages[0].mediabox.width) == pytest.approx(226.8, abs=1)


def test_a_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot, receipt_pdf: Path, monkeypatch: pytest.MonkeyPatch, boxes: Boxes
) -> None:
    monkeypatch.setattr(printing, "ask_printer", lambda parent, printer: False)
    dialog = open_preview(qtbot, receipt_pdf)

    dialog.print_document()

    assert boxes.errors == []


def test_a_landscape_pdf_is_offered_landscape_paper(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "poster.pdf"), pagesize=landscape(A3))
    canvas.drawString(100, 100, "Programma della settimana")
    canvas.save()
    document = QPdfDocument()
    document.load(str(tmp_path / "poster.pdf"))

    layout = page_layout_for(document)

    assert layout is not None
    assert layout.orientation() is QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() is layout.pageSize().PageSizeId.A3


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(tmp_path: Path, boxes: Boxes) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_text("not a pdf")

    preview_pdf(None, broken, "Ricevuta")

    assert len(boxes.errors) == 1 and "broken.pdf" in boxes.errors[0]
