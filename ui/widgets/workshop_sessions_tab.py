"""A workshop's sessions: date, time, room and state; the register of each; plan, move, cancel.

Enter (or a double click) on a session opens its register, the desk's everyday use of this
list; Ctrl+P prints its attendance sheet for signatures. Coordinators also plan new sessions
(Ctrl+Shift+N or Insert: ``SessionPlanDialog``), move one to another day, time or room (F2 or
Ctrl+M: ``SessionMoveDialog``) and cancel one (after a confirmation; the service refuses when
people are already marked present). Volunteers do not see what they may not do.

One dialog at a time is open from here (``dialog``), window-modal and without a nested event
loop, so that the desk can lock while it is open; the list is read again when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from babel.lists import format_list
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, current_language, format_date, format_time, ngettext
from app.services import Services
from app.services.roles import Actor, Role
from app.services.workshop_sessions import SessionRow
from ui import messages
from ui.one_preview import front_or_show
from ui.widgets.fitted_table import chosen_row, fitted_table
from ui.workshop_printing import show_attendance_sheet

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

DATE_FORMAT = "EEE d MMM yyyy"
COL_DATE, COL_TIME, COL_ROOM, COL_STATE = range(4)
PLAN_KEYS = ("Ctrl+Shift+N", "Ins")
MOVE_KEYS = ("F2", "Ctrl+M")
PRINT_KEYS = ("Ctrl+P",)


def keys_text(keys: tuple[str, ...]) -> str:
    """ "Ctrl+Shift+N or Ins", in the words of the desk's language, for a tooltip."""
    names = [QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys]
    return format_list(names, style="or", locale=current_language())


def add_shortcuts(widget: QWidget, keys: tuple[str, ...], slot: Callable[[], None]) -> None:
    """``keys`` call ``slot`` while ``widget`` is shown (the Sessions tab is the current one)."""
    for key in keys:
        QShortcut(QKeySequence(key), widget).activated.connect(slot)


class WorkshopSessionsTab(QWidget):
    """The sessions of one workshop.

    Signals:
        changed(): sessions were planned, moved or cancelled (the dialog's counts may change).
    """

    changed = Signal()

    def __init__(self, *, services: Services, actor: Actor, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._workshop_id = workshop_id
        self._rows: list[SessionRow] = []
        self.dialog: QDialog | None = None
        self.preview: PdfPreviewDialog | None = None
        may_plan = actor.role >= Role.COORDINATOR

        self.table = fitted_table([_("Date"), _("Time"), _("Room"), _("State")], "workshop_sessions", COL_ROOM)
        self.table.activated.connect(lambda _index: self.open_register())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.register_button = QPushButton(_("&Register…"))
        self.register_button.setObjectName("open_register")
        self.register_button.setToolTip(_("Tick who came to the chosen session (Enter)"))
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.open_register)
        self.cancel_button = QPushButton(_("Ca&ncel session…"))
        self.cancel_button.setObjectName("cancel_session")
        self.cancel_button.setToolTip(_("Cancel the chosen session and free its room"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_button.setVisible(may_plan)
        self.plan_button = QPushButton(_("P&lan sessions…"))
        self.plan_button.setObjectName("plan_sessions")
        self.plan_button.setToolTip(
            _("Plan new sessions: first day, times and how they repeat ({keys})").format(keys=keys_text(PLAN_KEYS))
        )
        self.plan_button.setAutoDefault(False)
        self.plan_button.clicked.connect(self.plan_sessions)
        self.plan_button.setVisible(may_plan)
        self.move_button = QPushButton(_("&Move…"))
        self.move_button.setObjectName("move_session")
        self.move_button.setToolTip(
            _("Move the chosen session to another day, time or room ({keys})").format(keys=keys_text(MOVE_KEYS))
        )
        self.move_button.setAutoDefault(False)
        self.move_button.clicked.connect(self.move_selected)
        self.move_button.setVisible(may_plan)
        self.print_button = QPushButton(_("Print &attendance sheet…"))
        self.print_button.setObjectName("print_attendance_sheet")
        self.print_button.setToolTip(
            _("Print the chosen session's sheet for signatures ({keys})").format(keys=keys_text(PRINT_KEYS))
        )
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_sheet)
        if may_plan:
            add_shortcuts(self, PLAN_KEYS, self.plan_sessions)
            add_shortcuts(self, MOVE_KEYS, self.move_selected)
        add_shortcuts(self, PRINT_KEYS, self.print_sheet)
        self.count_label = QLabel()
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        self.setFocusProxy(self.table)
        self.reload()

    def rows(self) -> list[SessionRow]:
        return list(self._rows)

    def state_text(self, row: SessionRow) -> str:
        if row.cancelled:
            return _("cancelled")
        today = self._services.clock.today()
        if row.start.date() == today:
            return _("today")
        return _("held") if row.start.date() < today else _("to come")

    def reload(self) -> None:
        keep = self.selected_session()
        try:
            self._rows = self._services.workshop_sessions.sessions(self._actor, self._workshop_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self._rows = []
        self.table.setRowCount(len(self._rows))
        current = -1
        today = self._services.clock.today()
        for index, row in enumerate(self._rows):
            texts = (
                format_date(row.start, DATE_FORMAT),
                _("{start}–{end}").format(start=format_time(row.start), end=format_time(row.end)),
                row.room_name,
                self.state_text(row),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if row.cancelled:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(index, column, item)
            if keep is not None and row.id == keep.id:
                current = index
            elif current < 0 and keep is None and not row.cancelled and row.start.date() >= today:
                current = index  # the next session (today's first) is where the desk starts
        if current < 0 and self._rows:
            current = len(self._rows) - 1
        if current >= 0:
            self.table.selectRow(current)
        held = sum(1 for row in self._rows if not row.cancelled)
        self.count_label.setText(ngettext("{count} session", "{count} sessions", held).format(count=held))
        if self._actor.role >= Role.COORDINATOR:
            self.empty_hint.setText(
                _("No session planned yet: “Plan sessions…” ({keys}) plans them.").format(keys=keys_text(PLAN_KEYS))
            )
        else:
            self.empty_hint.setText(_("No session planned yet: a coordinator plans them."))
        self.empty_hint.setVisible(not self._rows)
        self._update_buttons()

    def selected_session(self) -> SessionRow | None:
        return chosen_row(self.table, self._rows)

    def select_session(self, session_id: int) -> None:
        for index, row in enumerate(self._rows):
            if row.id == session_id:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        row = self.selected_session()
        held = row is not None and not row.cancelled
        for button in (self.register_button, self.print_button, self.move_button, self.cancel_button):
            button.setEnabled(held)

    def open_register(self) -> None:
        from ui.dialogs.register_dialog import RegisterDialog  # imported when first needed

        row = self.selected_session()
        if row is None or row.cancelled or self.dialog is not None:
            return
        try:
            dialog = RegisterDialog(services=self._services, actor=self._actor, session_id=row.id, parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._register_closed)
        dialog.open()

    def _register_closed(self, _result: int) -> None:
        self.dialog = None
        self._back_to_list()

    def _back_to_list(self) -> None:
        """After a register, plan, move or preview closes: the keys go to the list again.

        The window is activated as well as the list focused: without a window manager (a kiosk
        X session, Xvfb) nothing hands the activation back to this window when the one in front
        closes, and the next Enter would reach no window at all.
        """
        if self.isVisible():
            self.window().activateWindow()
        self.table.setFocus()

    def cancel_selected(self) -> None:
        row = self.selected_session()
        if row is None or row.cancelled:
            return
        question = _("Cancel the session of {date} at {time}? Its room becomes free for others.").format(
            date=format_date(row.start, DATE_FORMAT), time=format_time(row.start)
        )
        if not messages.confirm(self, question, yes=_("Cancel session")):
            return
        try:
            self._services.workshop_sessions.cancel(self._actor, row.id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
        self.reload()
        self.changed.emit()

    # -- planning and moving -----------------------------------------------------------------------

    def plan_sessions(self) -> None:
        """Ctrl+Shift+N, Insert or "Plan sessions…": the plan dialog; the new sessions are listed after."""
        from ui.dialogs.session_plan_dialog import SessionPlanDialog  # imported when first needed

        if self._actor.role < Role.COORDINATOR or self.dialog is not None:
            return
        try:
            dialog = SessionPlanDialog(
                services=self._services, actor=self._actor, workshop_id=self._workshop_id, parent=self
            )
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._open(dialog, lambda: dialog.created[0].id if dialog.created else None)

    def move_selected(self) -> None:
        """F2, Ctrl+M or "Move…": the chosen session to another day, time or room."""
        from ui.dialogs.session_move_dialog import SessionMoveDialog

        row = self.selected_session()
        if self._actor.role < Role.COORDINATOR or row is None or row.cancelled or self.dialog is not None:
            return
        try:
            dialog = SessionMoveDialog(services=self._services, actor=self._actor, session_id=row.id, parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._open(dialog, lambda: dialog.moved.id if dialog.moved is not None else None)

    def _open(self, dialog: QDialog, chosen: Callable[[], int | None]) -> None:
        """Show ``dialog``; once it is accepted, read the list again and select ``chosen()``."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def closed(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                session_id = chosen()
                self.reload()
                if session_id is not None:
                    self.select_session(session_id)
                self.changed.emit()
            self._back_to_list()

        dialog.finished.connect(closed)
        dialog.open()

    # -- printing ----------------------------------------------------------------------------------

    def print_sheet(self) -> None:
        """Ctrl+P or "Print attendance sheet…": the chosen session's sheet in the print preview."""
        row = self.selected_session()
        if row is None or row.cancelled or self.dialog is not None:
            return
        self.preview = front_or_show(
            self.preview, lambda: show_attendance_sheet(self, self._services, self._actor, row.id), self._preview_closed
        )

    def _preview_closed(self) -> None:
        self.preview = None
        self._back_to_list()
