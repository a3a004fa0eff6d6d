"""Modal messages in one place, so tests can answer them without clicking.

Tests patch these functions (``monkeypatch.setattr(messages, "confirm", ...)``); widgets call
them through the module (``messages.confirm(...)``), never ``QMessageBox`` or ``QFileDialog``
directly. The file choosers are here for the same reason: a test answers them with a path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.i18n import _


def show_error(parent: QWidget | None, text: str, *, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _("Cannot do this"), text)


def show_info(parent: QWidget | None, text: str, *, title: str | None = None) -> None:
    QMessageBox.information(parent, title or _("Portineria"), text)


def confirm(parent: QWidget | None, text: str, *, title: str | None = None, yes: str | None = None) -> bool:
    """Ask before doing something; the safe answer (No) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title or _("Please confirm"), text, parent=parent)
    yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(_("No"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def choose_file_to_open(parent: QWidget | None, *, title: str, directory: Path, file_filter: str) -> Path | None:
    """Ask which existing file to read; None if the person cancels.

    ``file_filter`` is in Qt's form, like ``"Calendars (*.ics)"``.
    """
    name, _filter = QFileDialog.getOpenFileName(parent, title, str(directory), file_filter)
    return Path(name) if name else None


def choose_file_to_save(parent: QWidget | None, *, title: str, suggested: Path, file_filter: str) -> Path | None:
    """Ask where to write a file, offering ``suggested``; None if the person cancels.

    The answer always ends with the suffix of ``suggested`` (``.ics``, ``.pdf``): a name typed
    without it would give a file that no program recognises.
    """
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    suffix = suggested.suffix
    return path if not suffix or path.suffix.lower() == suffix.lower() else path.with_name(path.name + suffix)
