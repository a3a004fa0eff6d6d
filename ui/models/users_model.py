"""The table of the desk's users for the admin's Users page (a handful: see ``HeldRowsModel``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_datetime
from app.services.accounts import UserRow
from ui.models.held_rows import HeldRowsModel, Index

COL_NAME, COL_ROLE, COL_ACTIVE, COL_LAST_LOGIN = range(4)
HEADERS = (N_("Name"), N_("Role"), N_("Active"), N_("Last sign-in"))

# Deactivated users stay in the list (their name is in the audit log) but are greyed out.
_INACTIVE = QBrush(QColor("#777777"))
_LOCKED = QBrush(QColor("#b00020"))


class UsersModel(HeldRowsModel[UserRow]):
    """Name, role, whether the user may sign in, and when they last did."""

    HEADERS = HEADERS
    user_at = HeldRowsModel.row_at

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        user = self.row_at(index.row()) if index.isValid() else None
        if user is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and user.locked and index.column() == COL_ACTIVE:
            return _LOCKED
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return _INACTIVE
        return None

    @staticmethod
    def _text(user: UserRow, column: int) -> str | None:
        if column == COL_NAME:
            return user.name
        if column == COL_ROLE:
            return user.role.label
        if column == COL_ACTIVE:
            if user.locked:
                return _("locked: too many wrong PINs")
            return _("yes") if user.active else _("no")
        if column == COL_LAST_LOGIN:
            return format_datetime(user.last_login_at) if user.last_login_at else _("never")
        return None
