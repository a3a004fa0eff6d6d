"""The rooms free for a span, as "Find a free room" lists them: smallest that fits first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.i18n import N_, _, format_money, format_number, ngettext
from app.services.rooms import RoomRow

Index = QModelIndex | QPersistentModelIndex

COL_ROOM, COL_CAPACITY, COL_RATE, COL_EQUIPMENT = range(4)
HEADERS = (N_("Room"), N_("Holds"), N_("Rate per hour"), N_("Equipment"))


def rate_text(room: RoomRow) -> str:
    """ "€20.00 (members €15.00)": the hourly rate, and the member associations' when it differs."""
    if room.hourly_rate_cents == 0 and room.member_rate_cents == 0:
        return _("Free of charge")
    rate = format_money(room.hourly_rate_cents)
    if room.member_rate_cents != room.hourly_rate_cents:
        return _("{rate} (members {member_rate})").format(rate=rate, member_rate=format_money(room.member_rate_cents))
    return rate


class FreeRoomsModel(QAbstractTableModel):
    """The free rooms in the order given, with their names, capacity, rates and equipment."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rooms: list[RoomRow] = []
        self._names: dict[int, str] = {}

    def set_rooms(self, rooms: Sequence[RoomRow], names: Mapping[int, str]) -> None:
        """Show ``rooms``; ``names`` gives every room's name, to say what a part belongs to."""
        self.beginResetModel()
        self._rooms = list(rooms)
        self._names = dict(names)
        self.endResetModel()

    def room_at(self, row: int) -> RoomRow | None:
        return self._rooms[row] if 0 <= row < len(self._rooms) else None

    def row_of(self, room_id: int) -> int:
        return next((row for row, room in enumerate(self._rooms) if room.id == room_id), -1)

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rooms)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rooms):
            return None
        room = self._rooms[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(room, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_ROOM:
            return QColor(room.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CAPACITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def _text(self, room: RoomRow, column: int) -> str | None:
        if column == COL_ROOM:
            parent = self._names.get(room.parent_id) if room.parent_id is not None else None
            return _("{room} (part of {whole})").format(room=room.name, whole=parent) if parent else room.name
        if column == COL_CAPACITY:
            return ngettext("{count} person", "{count} people", room.capacity).format(
                count=format_number(room.capacity)
            )
        if column == COL_RATE:
            return rate_text(room)
        if column == COL_EQUIPMENT:
            return " ".join(room.equipment.split()) or "—"
        return None
