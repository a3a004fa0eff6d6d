"""What the desk's dialogs share: Save/Cancel buttons, room for messages, care with unsaved work."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget

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
    """Messages under the fields add lines: make room for them rather than clip them.

    The dialog grows no taller than its screen, and moves up if it would leave it.
    """
    layout = dialog.layout()
    if layout is None:
        return
    # What was just shown or changed inside (a group box, a list) has only asked to be laid out.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    frame = dialog.frameGeometry().height() - dialog.height()
    needed = min(needed, dialog.screen().availableGeometry().height() - frame)
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)
    keep_on_screen(dialog)  # grown now, or already by its layout


def fit_on_screen_width(window: QWidget) -> int:
    """The widest a window may become: its screen's width, less the window's frame."""
    frame = window.frameGeometry().width() - window.width()
    return max(window.minimumWidth(), window.screen().availableGeometry().width() - frame)


def keep_on_screen(window: QWidget) -> None:
    """Move a window that grew back inside its screen (its frame included).

    A hidden window is left alone: Qt places it when it is shown (a dialog over its parent).
    """
    if not window.isVisible():
        return
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    x = max(screen.left(), min(frame.x(), screen.x() + screen.width() - frame.width()))
    y = max(screen.top(), min(frame.y(), screen.y() + screen.height() - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


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
