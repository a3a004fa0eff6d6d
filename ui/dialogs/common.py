"""What the desk's dialogs share: Save/Cancel buttons, room for messages, care with unsaved work."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from app.i18n import _
from ui import messages


def save_cancel_buttons(dialog: QDialog, *, save_text: str, on_save: Callable[[], None]) -> QDialogButtonBox:
    """Save (the default button, so Enter saves) and Cancel (Esc), with the desk's own words.

    The Save button is reachable as ``box.button(QDialogButtonBox.StandardButton.Save)``.
    """
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    save = box.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text)
    save.setObjectName("save")
    save.setDefault(True)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    box.accepted.connect(on_save)
    box.rejected.connect(dialog.reject)
    return box


def save_button(box: QDialogButtonBox) -> QPushButton:
    return box.button(QDialogButtonBox.StandardButton.Save)


def grow_to_fit(dialog: QDialog) -> None:
    """Messages under the fields add lines: make room for them rather than clip them."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class GuardedDialog(QDialog):
    """An editor that asks before throwing away what was typed.

    Subclasses implement ``is_modified`` and ``discard_question``. When the program itself closes
    the dialog (the desk locks), nobody is there to ask and the changes go.
    """

    def is_modified(self) -> bool:
        raise NotImplementedError

    def discard_question(self) -> str:
        raise NotImplementedError

    def reject(self) -> None:
        """Esc, Cancel or the window's close button."""
        if self.is_modified() and not messages.confirm(self, self.discard_question(), yes=_("Discard changes")):
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not event.spontaneous():
            self.done(QDialog.DialogCode.Rejected)
            event.accept()
            return
        super().closeEvent(event)
