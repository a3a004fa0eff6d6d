"""A workshop's sessions: date, time, room and state; the register of each; cancel one.

Enter (or a double click) on a session opens its register, the desk's everyday use of this
list. Coordinators also cancel a session here (after a confirmation); the service refuses when
people are already marked present.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, format_time, ngettext
from app.services import Services
from app.services.roles import Actor, Role
from app.services.workshop_sessions import SessionRow
from ui import messages

DATE_FORMAT = "EEE d MMM yyyy"
COL_DATE, COL_TIME, COL_ROOM, COL_STATE = range(4)


class WorkshopSessionsTab(QWidget):
    """The sessions of one workshop.

    Signals:
        changed(): a session was cancelled (the dialog's counts may change).
    """

    changed = Signal()

    def __init__(self, *, services: Services, actor: Actor, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._workshop_id = workshop_id
        self._rows: list[SessionRow] = []
        self.dialog: QDialog | None = None

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("workshop_sessions")
        self.table.setHorizontalHeaderLabels([_("Date"), _("Time"), _("Room"), _("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for column in (COL_DATE, COL_TIME, COL_STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ROOM, QHeaderView.ResizeMode.Stretch)
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
        self.cancel_button.setVisible(actor.role >= Role.COORDINATOR)
        self.count_label = QLabel()
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
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
            self.empty_hint.setText(_("No session planned yet."))
        else:
            self.empty_hint.setText(_("No session planned yet: a coordinator plans them."))
        self.empty_hint.setVisible(not self._rows)
        self._update_buttons()

    def selected_session(self) -> SessionRow | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected or not 0 <= selected[0].row() < len(self._rows):
            return None
        return self._rows[selected[0].row()]

    def select_session(self, session_id: int) -> None:
        for index, row in enumerate(self._rows):
            if row.id == session_id:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        row = self.selected_session()
        self.register_button.setEnabled(row is not None and not row.cancelled)
        self.cancel_button.setEnabled(row is not None and not row.cancelled)

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
