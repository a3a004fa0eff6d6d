"""Modal messages in one place, so tests can answer them without clicking.

Tests patch these functions (``monkeypatch.setattr(messages, "confirm", ...)``); widgets call
them through the module (``messages.confirm(...)``), never ``QMessageBox`` directly.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

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
