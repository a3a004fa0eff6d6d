"""A receipt from the services to the preview: its paper, its PDF file, its window.

Where the PDFs go: ``paths.cache_dir() / "receipts"``. The database is the record of every
receipt (it can be printed again, as a duplicate, at any time), so the PDF is only a print job
(``ui.print_jobs``): keeping one per receipt in the data folder would pile up gigabytes of files
with names and addresses over the years. Files older than a day are removed when the next
receipt is written; "Save as PDF" in the preview keeps a copy elsewhere.

The paper (A4 or the 80 mm roll of a receipt printer) belongs to the computer, not to the house:
it is remembered in this computer's settings file, so the desk PC keeps its choice across
restarts while another PC of the same house may print on A4.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from app import paths
from app.i18n import N_, _
from app.services.receipts import ReceiptDetails
from ui import messages
from ui.print_jobs import print_jobs_folder

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

DEFAULT_LAYOUT = "a4"
LAYOUT_KEY = "receipts/paper"
LAYOUT_LABELS = {"a4": N_("A4 sheet"), "roll": N_("80 mm roll")}
LAYOUTS = tuple(LAYOUT_LABELS)  # the layouts of app.reports.receipt (a test keeps them equal)


def layout_label(layout: str) -> str:
    return _(LAYOUT_LABELS[layout])


def _settings() -> QSettings:
    """This computer's settings, in the configuration folder (each test has its own)."""
    return QSettings(str(paths.config_dir() / "desk.ini"), QSettings.Format.IniFormat)


def receipt_layout() -> str:
    """The paper receipts print on at this computer: ``"a4"`` unless ``"roll"`` was chosen."""
    value = _settings().value(LAYOUT_KEY, DEFAULT_LAYOUT)
    return value if isinstance(value, str) and value in LAYOUTS else DEFAULT_LAYOUT


def remember_receipt_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown receipt layout {layout!r}; choose one of {LAYOUTS}")
    settings = _settings()
    settings.setValue(LAYOUT_KEY, layout)
    settings.sync()


def receipts_folder() -> Path:
    """Where the receipts' PDFs are written, those older than a day removed."""
    return print_jobs_folder("receipts")


def file_name(details: ReceiptDetails) -> str:
    """``ricevuta-12-2026.pdf``, with the copy's state so that a saved copy says what it is."""
    if details.cancelled:
        template = _("receipt-{number}-{year}-cancelled.pdf")
    elif details.duplicate:
        template = _("receipt-{number}-{year}-duplicate.pdf")
    else:
        template = _("receipt-{number}-{year}.pdf")
    return template.format(number=details.number, year=details.year)


def write_receipt_pdf(details: ReceiptDetails, *, layout: str) -> Path:
    """Write the receipt's PDF in the current language and return its path.

    Raises:
        OSError: the folder cannot be written.
    """
    target = receipts_folder()
    # reportlab is imported with the first receipt, not when the desk starts.
    from app.reports.receipt import receipt_document, write_receipt

    return write_receipt(receipt_document(details), target / file_name(details), layout=layout)


def preview_title(details: ReceiptDetails) -> str:
    title = _("Receipt no. {number}").format(number=details.code)
    if details.cancelled:
        return _("{title} (cancelled)").format(title=title)
    if details.duplicate:
        return _("{title} (duplicate)").format(title=title)
    return title


def show_receipt(parent: QWidget, details: ReceiptDetails, *, layout: str) -> PdfPreviewDialog | None:
    """Write the receipt's PDF and open its preview (Print is Ctrl+P there); None if it failed.

    The receipt is already saved whatever happens here, so a failure says how to print it later.
    """
    try:
        path = write_receipt_pdf(details, layout=layout)
    except OSError as error:
        messages.show_error(
            parent,
            _(
                "Receipt {code} is saved, but its PDF could not be written ({reason}). "
                "Print it again from the Receipts tab."
            ).format(code=details.code, reason=error.strerror or error),
        )
        return None
    from ui.printing import open_preview

    return open_preview(parent, path, preview_title(details))
