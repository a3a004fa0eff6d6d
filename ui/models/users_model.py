"""The table of the desk's users for the admin's Users page.

A house has a handful of users, so the model simply holds the rows the service returned and is
reset as a whole by ``set_rows`` (no lazy fetching needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_datetime
from app.services.accounts import UserRow

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_ROLE, COL_ACTIVE, COL_LAST_LOGIN = range(4)
HEADERS = (N_("Name"), N_("Role"), N_("Active"), N_("Last sign-in"))

# Deactivated users stay in the list (their name is in the audit log) but are greyed out.
_INACTIVE = QBrush(QColor("#777777"))
_LOCKED = QBrush(QColor("#b00020"))


class UsersModel(QAbstractTableModel):
    """Name, role, whether the user may sign in, and when they last did."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[UserRow] = []

    def set_rows(self, rows: Sequence[UserRow]) -> None:
        """Show these users, in this order, replacing what was shown."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def user_at(self, row: int) -> UserRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, user_id: int) -> int:
        """The row showing ``user_id``, or -1."""
        for row, user in enumerate(self._rows):
            if user.id == user_id:
                return row
        return -1

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        user = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and user.locked and index.column() == COL_ACTIVE:
            return _LOCKED
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return _INACTIVE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(HEADERS):
            return _(HEADERS[section])
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
