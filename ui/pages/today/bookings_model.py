"""The table of today's bookings on the Today page.

A day holds a few dozen bookings at most, so the model holds the lines it was given and is reset
as a whole by ``set_lines`` each refresh. What is on now is bold on a pale band, a tentative
booking says so in its own colour, what has ended is grey, and what is owed stays red.

Every cell's roles are worked out once, in ``set_lines``: Qt asks ``data`` a dozen roles per cell
each time it paints or measures a column (the page sizes its columns to their texts), and the
texts pass through Babel; answering from a table keeps the desk's first screen quick.
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
from ui.pages.today.agenda import AgendaLine, Phase, when_words
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
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)


def when_text(line: AgendaLine, now: datetime) -> str:
    """ "Now", "In 45 min", "In 2 h 15 min" or "Ended": what the desk asks first."""
    return when_words(line.phase, line.booking.start, now)


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
        self._cells: list[list[dict[int, object]]] = []
        """For each row and column, the value of each role that has one (``_cell``)."""

    def set_lines(
        self, lines: Sequence[AgendaLine], dues: Sequence[Dues], rooms: Mapping[int, RoomRow], now: datetime
    ) -> None:
        """Show these lines with their money standing (same order), replacing what was shown."""
        self.beginResetModel()
        self._lines = list(lines)
        self._dues = list(dues)
        self._rooms = dict(rooms)
        self._now = now
        fonts = _Fonts()
        self._cells = [[self._cell(row, column, fonts) for column in range(len(HEADERS))] for row in range(len(lines))]
        self.endResetModel()

    def line_at(self, row: int) -> AgendaLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def dues_at(self, row: int) -> Dues | None:
        return self._dues[row] if 0 <= row < len(self._dues) else None

    def value(self, row: int, column: int, role: int) -> object:
        """What ``data`` answers for the cell, without the round trip through Qt."""
        if 0 <= row < len(self._cells) and 0 <= column < len(HEADERS):
            return self._cells[row][column].get(role)
        return None

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def _cell(self, row: int, column: int, fonts: _Fonts) -> dict[int, object]:
        """Every role of one cell that has a value, keyed by the role's number as Qt passes it."""
        line = self._lines[row]
        text, tooltip = self._texts(row, column)
        values: dict[int, object | None] = {
            _DISPLAY: text,
            _TOOLTIP: tooltip,
            _FOREGROUND: self._foreground(row, column),
            _FONT: fonts.of(line, column),
        }
        if column == COL_ROOM:
            room = self._rooms.get(line.booking.room_id)
            values[_DECORATION] = QColor(room.colour) if room is not None else None
        if line.phase == Phase.NOW:
            values[_BACKGROUND] = _NOW_BAND
        if column == COL_PEOPLE:
            values[_ALIGNMENT] = _RIGHT
        return {role: value for role, value in values.items() if value is not None}

    def _texts(self, row: int, column: int) -> tuple[str, str]:
        """The cell's text and its tooltip (the same text, or one that says more)."""
        line = self._lines[row]
        booking = line.booking
        if column == COL_WHEN:
            text = when_text(line, self._now)
        elif column == COL_TIME:
            text = f"{format_time(booking.start)}–{format_time(booking.end)}"
        elif column == COL_ROOM:
            room = self._rooms.get(booking.room_id)
            text = room.name if room is not None else "—"
        elif column == COL_PURPOSE:
            text = booking.purpose or _("(no purpose given)")
            if booking.series_id is not None:
                return text, _("{purpose} (repeats)").format(purpose=text)
        elif column == COL_HOLDER:
            text = booking.holder or "—"
        elif column == COL_PEOPLE:
            text = format_number(booking.people_count)
        elif column == COL_STATUS:
            if booking.status == BookingStatus.TENTATIVE:
                return _("Tentative"), _("Tentative: not confirmed yet")
            text = _("Confirmed")
        else:  # COL_PAYMENT
            text = dues_text(self._dues[row])
            if self._dues[row].of_series:
                return text, "\n".join(
                    (text, _("What the repeating booking owes for its dates so far, today's once it has started."))
                )
        return text, text

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


class _Fonts:
    """The bold "Now" and the italic "Tentative", made once a refresh rather than once a cell."""

    def __init__(self) -> None:
        self._made: dict[tuple[bool, bool], QFont] = {}

    def of(self, line: AgendaLine, column: int) -> QFont | None:
        now = line.phase == Phase.NOW and column == COL_WHEN
        tentative = line.booking.status == BookingStatus.TENTATIVE and column == COL_STATUS
        if not (now or tentative):
            return None
        font = self._made.get((now, tentative))
        if font is None:
            font = self._made[(now, tentative)] = QFont()
            font.setBold(now)
            font.setItalic(tentative)
        return font
