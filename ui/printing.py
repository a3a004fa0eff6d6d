"""The one print path: every printed thing is a PDF, previewed here, then printed or saved.

``app.reports`` writes the PDF; ``preview_pdf`` (or ``open_preview``, which does not block) shows
it (QtPdf), prints it through Qt (each page rendered by QtPdf into the printer at the printer's
resolution) or copies it where the desk chooses. The two questions to the person (which printer,
where to save) are module-level functions so that tests can answer them.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from ui import messages

MAX_RENDER_DPI = 600
"""Pages are rendered at the printer's resolution up to this; a finer printer gets them enlarged."""
BAND_PIXELS = 8_000_000
"""A page is rendered in horizontal bands of at most this many pixels (32 MB), whatever its size."""


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    """Let the person choose the printer and its options; False if they cancel."""
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save a PDF; None if the person cancels. The name always ends in ``.pdf``."""
    name, _filter = QFileDialog.getSaveFileName(parent, _("Save as PDF"), str(suggested), _("PDF files (*.pdf)"))
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Print every page of ``document`` on ``printer``, one printed page for each.

    Each page is scaled to the printer's whole paper keeping its proportions (so a PDF page of
    the paper's size prints at its true size) and centred across, at the top. It is rendered at
    the printer's resolution (at most ``MAX_RENDER_DPI``) in bands, so a large page at a fine
    resolution does not need a huge image.

    Raises:
        OSError: the document has no page or the printer cannot start.
    """
    pages = document.pageCount()
    if pages <= 0:
        raise OSError(_("There is nothing to print."))
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not start printing. Check that it is on and try again."))
    try:
        for index in range(pages):
            if index and not printer.newPage():
                raise OSError(_("The printer stopped before the last page."))
            _paint_page(document, index, painter, printer.resolution())
    finally:
        painter.end()


def _paint_page(document: QPdfDocument, index: int, painter: QPainter, resolution: int) -> None:
    area = painter.viewport()
    points = document.pagePointSize(index)
    if points.width() <= 0 or points.height() <= 0:
        return
    scale = min(area.width() / points.width(), area.height() / points.height())  # device pixels per point
    width = max(1, math.floor(points.width() * scale))
    height = max(1, math.floor(points.height() * scale))
    left = area.x() + (area.width() - width) // 2
    top = area.y()
    step = max(1, math.ceil(resolution / MAX_RENDER_DPI))  # device pixels per rendered pixel
    image_size = QSize(max(1, width // step), max(1, height // step))
    band = max(1, BAND_PIXELS // image_size.width())
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(image_size)
    for start in range(0, image_size.height(), band):
        rows = min(band, image_size.height() - start)
        options.setScaledClipRect(QRect(0, start, image_size.width(), rows))
        target = QRectF(left, top + start * step, image_size.width() * step, rows * step)
        painter.drawImage(target, _on_white(document.render(index, QSize(image_size.width(), rows), options)))


def _on_white(image: QImage) -> QImage:
    """QtPdf renders pages on a transparent background: printers get them on white paper, no alpha."""
    opaque = QImage(image.size(), QImage.Format.Format_RGB32)
    opaque.fill(Qt.GlobalColor.white)
    painter = QPainter(opaque)
    painter.drawImage(0, 0, image)
    painter.end()
    return opaque


def page_layout_for(document: QPdfDocument) -> QPageLayout | None:
    """The paper of the document's first page, portrait or landscape, with no margins."""
    if document.pageCount() <= 0:
        return None
    size = document.pagePointSize(0)
    landscape = size.width() > size.height()
    portrait = QSizeF(size.height(), size.width()) if landscape else size
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(portrait, QPageSize.Unit.Point), orientation, QMarginsF())


class PdfPreviewDialog(QDialog):
    """A PDF as it will print, with Print (Ctrl+P), Save as PDF (Ctrl+S) and Close (Esc).

    Raises:
        OSError: the file cannot be read as a PDF (the message says which file).
    """

    def __init__(self, *, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.document = QPdfDocument(self)
        if self.document.load(str(path)) != QPdfDocument.Error.None_ or self.document.pageCount() <= 0:
            self.deleteLater()
            raise OSError(_("The file {name} cannot be shown: it is missing or it is not a PDF.").format(name=path))
        self.setWindowTitle(title)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Fitting the width, a page that nearly fits the height would show and hide the scroll bar
        # for ever, each change of width starting the rendering again: the page would stay blank.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        count = self.document.pageCount()
        self.pages_label = QLabel(ngettext("{count} page", "{count} pages", count).format(count=count))
        print_keys = QKeySequence(QKeySequence.StandardKey.Print)
        save_keys = QKeySequence(QKeySequence.StandardKey.Save)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setToolTip(
            _("Print ({shortcut})").format(shortcut=print_keys.toString(QKeySequence.SequenceFormat.NativeText))
        )
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = buttons.addButton(_("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip(
            _("Save a copy of this PDF ({shortcut})").format(
                shortcut=save_keys.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.save_button.clicked.connect(self.save_copy)
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        QShortcut(print_keys, self).activated.connect(self.print_document)
        QShortcut(save_keys, self).activated.connect(self.save_copy)

        bottom = QHBoxLayout()
        bottom.addWidget(self.pages_label)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._size_to_page(layout.spacing())

    def _size_to_page(self, spacing: int) -> None:
        """Wide enough to read an A4 page, narrow for a roll receipt; as high as the page, within the screen."""
        page = self.document.pagePointSize(0)
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        width = min(max(420, round(page.width() * 1.4) + 60), available.width() - 80, 1000)
        shown_page = page.height() * (width - 60) / max(page.width(), 1)
        height = round(shown_page) + 80 + spacing * 2
        self.resize(width, max(360, min(height, available.height() - 80, 1000)))

    def page_count(self) -> int:
        return self.document.pageCount()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        layout = page_layout_for(self.document)
        if layout is not None:
            printer.setPageLayout(layout)
        if not ask_printer(self, printer):
            return
        try:
            print_pdf(self.document, printer)
        except OSError as error:
            messages.show_error(self, str(error))

    def save_copy(self) -> None:
        target = ask_save_path(self, Path.home() / self.path.name)
        if target is None:
            return
        try:
            if target.resolve() != self.path.resolve():
                shutil.copyfile(self.path, target)
        except OSError as error:
            messages.show_error(
                self, _("The PDF could not be saved to {path}: {reason}").format(path=target, reason=error.strerror)
            )
            return
        messages.show_info(self, _("Saved to {path}.").format(path=target))


def preview_pdf(parent: QWidget | None, path: Path, title: str) -> None:
    """Show the PDF at ``path`` in a modal preview; a file that cannot be shown is said so."""
    try:
        dialog = PdfPreviewDialog(path=path, title=title, parent=parent)
    except OSError as error:
        messages.show_error(parent, str(error))
        return
    dialog.exec()
    dialog.deleteLater()


def open_preview(parent: QWidget | None, path: Path, title: str) -> PdfPreviewDialog | None:
    """Show the PDF at ``path`` window-modal, without a nested event loop, and return the dialog.

    For the desk's own flows (a receipt just issued): the desk can lock itself while the preview
    is open, the caller learns when it closes from ``finished``, and tests find the dialog open.
    The dialog deletes itself when closed. A file that cannot be shown is said so (None returned).
    """
    try:
        dialog = PdfPreviewDialog(path=path, title=title, parent=parent)
    except OSError as error:
        messages.show_error(parent, str(error))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
