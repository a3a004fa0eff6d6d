"""The rooms free for a span, as "Find a free room" lists them: smallest that fits first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from app.i18n import N_, _, format_money, format_number, ngettext
from app.services.rooms import RoomRow
from ui.models.held_rows import HeldRowsModel, Index

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


class FreeRoomsModel(HeldRowsModel[RoomRow]):
    """The free rooms in the order given, with their names, capacity, rates and equipment."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[int, str] = {}

    def set_rooms(self, rooms: Sequence[RoomRow], names: Mapping[int, str]) -> None:
        """Show ``rooms``; ``names`` gives every room's name, to say what a part belongs to."""
        self._names = dict(names)
        self.set_rows(rooms)

    room_at = HeldRowsModel.row_at

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        room = self.row_at(index.row()) if index.isValid() else None
        if room is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(room, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_ROOM:
            return QColor(room.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CAPACITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
