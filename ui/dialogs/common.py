"""What the desk's dialogs share: Save/Cancel buttons, room for messages, care with unsaved work."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget

from app.errors import ValidationError
from app.i18n import _
from ui import messages
from ui.widgets.form import FormErrors


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


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """Close alone (Esc), for a dialog that saves each change as it is made.

    Close is never the default button: Enter belongs to the dialog's own Add or Save button.
    """
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close = box.button(QDialogButtonBox.StandardButton.Close)
    close.setText(_("Close"))
    close.setAutoDefault(False)
    box.rejected.connect(dialog.reject)
    return box


def show_problems(dialog: QDialog, errors: FormErrors, error: ValidationError, fields: Mapping[str, QWidget]) -> None:
    """The service's problems under their fields, room made for them, the cursor in the first to fix.

    ``fields`` maps the service's field names to the widgets; a disabled one is passed over.
    """
    errors.show(error)
    grow_to_fit(dialog)
    for problem in error.problems:
        widget = fields.get(problem.field or "")
        if widget is not None and widget.isEnabled():
            widget.setFocus()
            return


def open_window_modal(dialog: QDialog, on_finished: Callable[[int], None]) -> None:
    """Open ``dialog`` over its window without blocking, deleted when closed.

    ``on_finished`` must be a bound method, not a lambda holding the dialog: a closure that keeps
    the dialog's wrapper alive crashes PySide when Qt deletes the dialog on close.
    """
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(on_finished)
    dialog.open()


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


class StaysOpenEditor(GuardedDialog):
    """An editor that stays open once its record is saved, on tabs that save as they go.

    A tool's reservations, a workshop's sessions and people are saved when made; only the details
    wait for Save. Once the record exists (``saved_id``), leaving is Accepted, so the list behind
    shows it. Subclasses set ``may_edit`` and implement ``save``.
    """

    saved_id: int | None = None
    may_edit: bool = False

    def save(self) -> None:
        raise NotImplementedError

    def add_save_close(
        self, buttons: QDialogButtonBox, *, save_text: str, save_tip: str, enter_saves: bool, close_tip: str
    ) -> QPushButton | None:
        """Save (Ctrl+S; for those who may edit) and Close (Esc) at the end of ``buttons``.

        Returns the Save button, or None when the actor only reads. With ``enter_saves`` False,
        Enter is left to the tabs (a session's register).
        """
        save: QPushButton | None = None
        if self.may_edit:
            save = buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
            save.setObjectName("save")
            save.setToolTip(save_tip)
            if enter_saves:
                save.setDefault(True)
            else:
                save.setAutoDefault(False)
            save.clicked.connect(self.save)
            QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        close.setToolTip(close_tip)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        return save

    def reject(self) -> None:
        """Esc or Close: a saved record closes as Accepted, so the list shows it."""
        if self.is_modified() and not messages.confirm(self, self.discard_question(), yes=_("Discard changes")):
            return
        if self.saved_id is not None:
            QDialog.done(self, QDialog.DialogCode.Accepted)
        else:
            QDialog.reject(self)
