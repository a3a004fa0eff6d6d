"""The table of today's bookings on the Today page.

A day holds a few dozen bookings at most, so the model holds the lines it was given and is reset
as a whole by ``set_lines`` each refresh. What is on now is bold on a pale band, a tentative
booking says so in its own colour, what has ended is grey, and what is owed stays red.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import N_, _, format_money, format_number, format_time
from app.services.bookings import BookingStatus
from app.services.rooms import RoomRow
from ui.pages.today.agenda import AgendaLine, Phase
from ui.pages.today.dues import Dues, Standing

Index = QModelIndex | QPersistentModelIndex

COL_WHEN, COL_TIME, COL_ROOM, COL_PURPOSE, COL_HOLDER, COL_PEOPLE, COL_STATUS, COL_PAYMENT = range(8)
HEADERS = (
    N_("When"),
    N_("Time"),
    N_("Room"),
    N_("Purpose"),
    N_("Booked by"),
    N_("People"),
    N_("Status"),
    N_("Payment"),
)

_ENDED = QBrush(QColor("#8a8a8a"))
_NOW_BAND = QBrush(QColor("#fff4c9"))
_TENTATIVE = QBrush(QColor("#9a5b00"))
_OWED = QBrush(QColor("#b00020"))
_PAID = QBrush(QColor("#2e7d32"))


def when_text(line: AgendaLine, now: datetime) -> str:
    """ "Now", "In 45 min", "In 2 h 15 min" or "Ended": what the desk asks first."""
    if line.phase == Phase.NOW:
        return _("Now")
    if line.phase == Phase.ENDED:
        return _("Ended")
    minutes = max(1, int((line.booking.start - now).total_seconds() + 59) // 60)
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return _("In {minutes} min").format(minutes=minutes)
    if minutes == 0:
        return _("In {hours} h").format(hours=hours)
    return _("In {hours} h {minutes} min").format(hours=hours, minutes=minutes)


def dues_text(dues: Dues) -> str:
    if dues.standing == Standing.NOT_CONFIRMED:
        return _("Not confirmed yet")
    if dues.of_series:
        if dues.standing == Standing.OWED:
            return _("Series: owes {amount}").format(amount=format_money(dues.owed_cents))
        if dues.standing == Standing.PAID:
            return _("Series: paid so far")
        return _("Series: nothing owed yet")
    if dues.standing == Standing.OWED:
        return _("Owes {amount}").format(amount=format_money(dues.owed_cents))
    if dues.standing == Standing.PAID:
        return _("Paid")
    return _("Nothing to pay")


class TodayBookingsModel(QAbstractTableModel):
    """One line per booking of today, in the order of ``agenda``; see the module's docstring."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[AgendaLine] = []
        self._dues: list[Dues] = []
        self._rooms: dict[int, RoomRow] = {}
        self._now = datetime.min

    def set_lines(
        self, lines: Sequence[AgendaLine], dues: Sequence[Dues], rooms: Mapping[int, RoomRow], now: datetime
    ) -> None:
        """Show these lines with their money standing (same order), replacing what was shown."""
        self.beginResetModel()
        self._lines = list(lines)
        self._dues = list(dues)
        self._rooms = dict(rooms)
        self._now = now
        self.endResetModel()

    def line_at(self, row: int) -> AgendaLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def dues_at(self, row: int) -> Dues | None:
        return self._dues[row] if 0 <= row < len(self._dues) else None

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(index.row(), column, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_ROOM:
            room = self._rooms.get(line.booking.room_id)
            return QColor(room.colour) if room is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole and line.phase == Phase.NOW:
            return _NOW_BAND
        if role == Qt.ItemDataRole.FontRole:
            return self._font(line, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def _text(self, row: int, column: int, *, tooltip: bool) -> str | None:
        line = self._lines[row]
        booking = line.booking
        if column == COL_WHEN:
            return when_text(line, self._now)
        if column == COL_TIME:
            return f"{format_time(booking.start)}–{format_time(booking.end)}"
        if column == COL_ROOM:
            room = self._rooms.get(booking.room_id)
            return room.name if room is not None else "—"
        if column == COL_PURPOSE:
            purpose = booking.purpose or _("(no purpose given)")
            if tooltip and booking.series_id is not None:
                return _("{purpose} (repeats)").format(purpose=purpose)
            return purpose
        if column == COL_HOLDER:
            return booking.holder or "—"
        if column == COL_PEOPLE:
            return format_number(booking.people_count)
        if column == COL_STATUS:
            if booking.status == BookingStatus.TENTATIVE:
                return _("Tentative: not confirmed yet") if tooltip else _("Tentative")
            return _("Confirmed")
        if column == COL_PAYMENT:
            text = dues_text(self._dues[row])
            if tooltip and self._dues[row].of_series:
                return "\n".join(
                    (text, _("What the repeating booking owes for its dates so far, today's once it has started."))
                )
            return text
        return None

    def _foreground(self, row: int, column: int) -> QBrush | None:
        line = self._lines[row]
        standing = self._dues[row].standing
        if column == COL_PAYMENT and standing == Standing.OWED:
            return _OWED  # even once ended: money still to collect is what the desk must not miss
        if line.phase == Phase.ENDED:
            return _ENDED
        if column == COL_STATUS and line.booking.status == BookingStatus.TENTATIVE:
            return _TENTATIVE
        if column == COL_PAYMENT and standing == Standing.PAID:
            return _PAID
        return None

    @staticmethod
    def _font(line: AgendaLine, column: int) -> QFont | None:
        now = line.phase == Phase.NOW and column == COL_WHEN
        tentative = line.booking.status == BookingStatus.TENTATIVE and column == COL_STATUS
        if not (now or tentative):
            return None
        font = QFont()
        font.setBold(now)
        font.setItalic(tentative)
        return font
