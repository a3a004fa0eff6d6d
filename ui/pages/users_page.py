"""The admin's list of desk users: add one, change one, set a forgotten PIN, lift a PIN lock."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _
from app.services import Services
from app.services.accounts import UserRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import open_window_modal
from ui.dialogs.pin_dialog import PinDialog
from ui.dialogs.user_editor import UserEditor
from ui.models.users_model import COL_ACTIVE, COL_LAST_LOGIN, COL_NAME, COL_ROLE, UsersModel
from ui.pages.base import Page
from ui.widgets.row_table import select_row_or_first, set_up_row_table


class UsersPage(Page):
    """Who may use the desk, with which role.

    Users are never deleted (the audit log names them); an admin switches them off instead.
    Dialogs open window-modal with ``open()`` rather than ``exec()``, so the page stays responsive
    and tests can fill the dialog the page opened (``page.dialog``).
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.dialog: UserEditor | PinDialog | None = None

        heading = QLabel(
            _("People who can sign in at the desk. To stop someone signing in, edit them and untick “Active”.")
        )
        heading.setWordWrap(True)

        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        set_up_row_table(self.table)
        header = self.table.horizontalHeader()
        # A handful of users: sizing to contents is cheap here; the spare width goes to the end.
        for column in (COL_NAME, COL_ROLE, COL_ACTIVE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(self.table.fontMetrics().averageCharWidth() * 12)
        header.setSectionResizeMode(COL_LAST_LOGIN, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(_("New user"))
        self.new_button.setObjectName("new_user")
        self.new_button.clicked.connect(self.add_new)
        self.edit_button = QPushButton(_("Edit"))
        self.edit_button.setObjectName("edit_user")
        self.edit_button.clicked.connect(self.edit_selected)
        self.pin_button = QPushButton(_("Set PIN…"))
        self.pin_button.setObjectName("set_pin")
        self.pin_button.clicked.connect(self.set_pin_of_selected)
        # Enabled only for a user locked by too many wrong PINs (the Active column says "locked").
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setObjectName("unlock_user")
        self.unlock_button.setToolTip(
            _("Let a user locked by too many wrong PINs sign in again with their PIN (Alt+U).")
        )
        self.unlock_button.clicked.connect(self.unlock_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.pin_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.reload()

    def shown(self) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.table.setFocus()

    def add_new(self) -> None:
        """Ctrl+N or the *New user* button."""
        self._open(UserEditor(services=self.services, actor=self.actor, parent=self))

    # -- the list ------------------------------------------------------------------------------------

    def reload(self, *, select: int | None = None) -> None:
        """Read the users again, keeping (or moving to) the selected one."""
        keep = select if select is not None else self._selected_id()
        try:
            rows = self.services.accounts.users(self.actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            rows = []
        self.model.set_rows(rows)
        select_row_or_first(self.table, self.model.row_of(keep) if keep is not None else -1)
        self._update_buttons()

    def selected_user(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        user = self.selected_user()
        return user.id if user else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        self.edit_button.setEnabled(user is not None)
        self.pin_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked)

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    # -- dialogs -------------------------------------------------------------------------------------

    def edit_selected(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._open(UserEditor(services=self.services, actor=self.actor, user=user, parent=self))

    def unlock_selected(self) -> None:
        """Lift the lock of the chosen user; they sign in with the PIN they have (or a new one)."""
        user = self.selected_user()
        if user is None or not user.locked:
            return
        try:
            self.services.accounts.unlock(self.actor, user.id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
        else:
            messages.show_info(
                self,
                _("{name} can sign in again. If they forgot their PIN, give them a new one with “Set PIN…”.").format(
                    name=user.name
                ),
            )
        self.reload(select=user.id)
        self.table.setFocus()

    def set_pin_of_selected(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._open(PinDialog(services=self.services, actor=self.actor, user_id=user.id, parent=self))

    def _open(self, dialog: UserEditor | PinDialog) -> None:
        self.dialog = dialog
        open_window_modal(dialog, self._closed)

    def _closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        saved = dialog.saved if isinstance(dialog, UserEditor) else None
        if result:
            self.reload(select=saved.id if saved else None)
        self.table.setFocus()
