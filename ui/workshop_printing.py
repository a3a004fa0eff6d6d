"""A workshop's papers, from the GUI: the attendance sheet, the register, a certificate.

Each ``preview_*`` function asks ``app.reports`` for the data (the services authorise it), writes
the PDF in ``paths.cache_dir() / "workshops"`` under a name that says what it is
(``foglio-presenze-yoga-2026-11-22.pdf``), and opens it in the print preview of the cash desk
(``ui.printing.open_preview``: Print with Ctrl+P, Save as PDF with Ctrl+S). Like the receipts'
PDFs they are print jobs, removed a day later. A service error (no right to print, nothing to
certify, a record gone) or a file that cannot be written is said in a message box, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.errors import PortineriaError
from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from app.text import fold
from ui import messages
from ui.busy import busy_cursor
from ui.print_jobs import print_jobs_folder

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

FOLDER_NAME = "workshops"
_NOT_NAME = re.compile(r"[^a-z0-9]+")


def workshops_folder() -> Path:
    """Where the workshops' PDFs are written: a cache folder, since each can be made again."""
    return print_jobs_folder(FOLDER_NAME)


def name_part(text: str, *, limit: int = 40) -> str:
    """``"Sartoria: cucito base"`` -> ``"sartoria-cucito-base"``: safe in a file name on any system."""
    slug = _NOT_NAME.sub("-", fold(text)).strip("-")[:limit].strip("-")
    return slug or "x"


def _show(parent: QWidget | None, make: Callable[[Path], tuple[Path, str]]) -> PdfPreviewDialog | None:
    """Run ``make`` (it writes the PDF in the folder and returns its path and the preview's title).

    Errors are told to the person: a service's own message, or why the file could not be written.
    """
    try:
        with busy_cursor():
            folder = workshops_folder()
            path, title = make(folder)
    except PortineriaError as error:  # PermissionDenied, ValidationError, NotFound, ...
        messages.show_error(parent, error.message)
        return None
    except OSError as error:
        messages.show_error(
            parent, _("The PDF could not be written ({reason}).").format(reason=error.strerror or error)
        )
        return None
    # Qt's PDF modules are loaded with the first preview, not when the desk starts.
    from ui.printing import open_preview

    return open_preview(parent, path, title)


def show_attendance_sheet(
    parent: QWidget | None, services: Services, actor: Actor, session_id: int
) -> PdfPreviewDialog | None:
    """Like ``preview_attendance_sheet``, returning the preview (None if nothing was shown)."""

    def make(folder: Path) -> tuple[Path, str]:
        # reportlab is imported with the first paper printed, not when the desk starts.
        from app.reports import attendance_sheet as report

        sheet = report.attendance_sheet(services, actor, session_id)
        name = _("attendance-sheet-{workshop}-{day}.pdf").format(
            workshop=name_part(sheet.workshop_title), day=sheet.start.strftime("%Y-%m-%d")
        )
        return report.write_attendance_sheet(sheet, folder / name), report.title(sheet)

    return _show(parent, make)


def show_workshop_register(
    parent: QWidget | None, services: Services, actor: Actor, workshop_id: int
) -> PdfPreviewDialog | None:
    """Like ``preview_workshop_register``, returning the preview (None if nothing was shown)."""

    def make(folder: Path) -> tuple[Path, str]:
        from app.reports import workshop_register as report

        register = report.workshop_register(services, actor, workshop_id)
        name = _("register-{workshop}.pdf").format(workshop=name_part(register.workshop_title))
        return report.write_workshop_register(register, folder / name), report.title(register)

    return _show(parent, make)


def show_certificate(
    parent: QWidget | None, services: Services, actor: Actor, workshop_id: int, person_id: int
) -> PdfPreviewDialog | None:
    """Like ``preview_certificate``, returning the preview (None if nothing was shown)."""

    def make(folder: Path) -> tuple[Path, str]:
        from app.reports import participation_certificate as report

        certificate = report.participation_certificate(services, actor, workshop_id, person_id)
        name = _("certificate-{person}-{workshop}.pdf").format(
            person=name_part(certificate.person_name, limit=30), workshop=name_part(certificate.workshop_title)
        )
        return report.write_participation_certificate(certificate, folder / name), report.title(certificate)

    return _show(parent, make)


def preview_attendance_sheet(parent: QWidget | None, services: Services, actor: Actor, session_id: int) -> None:
    """The session's sheet for signatures (names, blank signature column), in the print preview."""
    show_attendance_sheet(parent, services, actor, session_id)


def preview_workshop_register(parent: QWidget | None, services: Services, actor: Actor, workshop_id: int) -> None:
    """The workshop's register over all its sessions held (people x dates), in the print preview."""
    show_workshop_register(parent, services, actor, workshop_id)


def preview_certificate(
    parent: QWidget | None, services: Services, actor: Actor, workshop_id: int, person_id: int
) -> None:
    """A certificate of participation with the hours attended, in the print preview.

    A person who attended nothing gets a message saying there is nothing to certify.
    """
    show_certificate(parent, services, actor, workshop_id, person_id)
