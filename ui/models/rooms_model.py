"""The table of the house's rooms for the Rooms page.

A house has a handful of rooms (see ``HeldRowsModel``). Rooms are listed as the desk thinks of
them: each room of its own followed by its parts (the hall, then its two halves), so the "Part of"
column reads top-down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_money, format_number
from app.services.rooms import RoomRow
from app.text import fold
from ui.models.held_rows import HeldRowsModel, Index

COL_COLOUR, COL_NAME, COL_PART_OF, COL_CAPACITY, COL_RATE, COL_MEMBER_RATE, COL_ACTIVE, COL_EQUIPMENT = range(8)
HEADERS = (
    N_("Colour"),
    N_("Name"),
    N_("Part of"),
    N_("Capacity"),
    N_("Hourly rate"),
    N_("Member rate"),
    N_("In use"),
    N_("Equipment"),
)
_RIGHT = {COL_CAPACITY, COL_RATE, COL_MEMBER_RATE}

# Rooms no longer in use stay listed (old bookings name them) but are greyed out.
INACTIVE_TEXT = QColor("#777777")


def in_desk_order(rows: Sequence[RoomRow]) -> list[RoomRow]:
    """Rooms of their own by name, each followed by its parts by name."""
    by_name = sorted(rows, key=lambda room: fold(room.name))
    known = {room.id for room in rows}
    ordered: list[RoomRow] = []
    for room in by_name:
        if room.parent_id is None or room.parent_id not in known:
            ordered.append(room)
            ordered.extend(part for part in by_name if part.parent_id == room.id)
    return ordered


class RoomsModel(HeldRowsModel[RoomRow]):
    """Colour chip, name, the larger room it is part of, capacity, rates, in use, equipment."""

    HEADERS = HEADERS
    room_at = HeldRowsModel.row_at

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[int, str] = {}

    def set_rows(self, rows: Sequence[RoomRow], *, names: dict[int, str] | None = None) -> None:
        """Show these rooms, parts under their room; ``names`` also names larger rooms not shown."""
        self._names = dict(names or {}) | {room.id: room.name for room in rows}
        super().set_rows(in_desk_order(rows))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        room = self.row_at(index.row()) if index.isValid() else None
        if room is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(room, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_COLOUR:
            colour = QColor(room.colour)
            if not room.active:
                colour.setAlpha(90)
            return colour
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole) and column == COL_COLOUR:
            return room.colour
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_EQUIPMENT and room.equipment:
            return room.equipment
        if role == Qt.ItemDataRole.ForegroundRole and not room.active:
            return QBrush(INACTIVE_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, room: RoomRow, column: int) -> str | None:
        if column == COL_COLOUR:
            return ""
        if column == COL_NAME:
            return room.name
        if column == COL_PART_OF:
            return self._names.get(room.parent_id, "") if room.parent_id is not None else ""
        if column == COL_CAPACITY:
            return format_number(room.capacity)
        if column == COL_RATE:
            return format_money(room.hourly_rate_cents)
        if column == COL_MEMBER_RATE:
            return format_money(room.member_rate_cents)
        if column == COL_ACTIVE:
            return _("yes") if room.active else _("no")
        if column == COL_EQUIPMENT:
            return " ".join(room.equipment.split())  # one line, whatever was typed
        return None
