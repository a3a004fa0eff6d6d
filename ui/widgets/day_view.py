"""One day of bookings, rooms side by side: painted by a single widget, however many bookings.

Rooms are columns (their name on a band of their colour), hours are rows. A booking is a rounded
box in its room's colour with its purpose, times and holder; a tentative one is paler, hatched and
has a dashed border. Double-click a booking to open it; click and drag on free time to choose a
span (snapped to 15 minutes); Left/Right or Page Up/Page Down ask for the previous or next day.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from app.i18n import _, format_time
from app.services.bookings import BookingRow, BookingStatus
from app.services.rooms import RoomRow

FIRST_HOUR = 8
LAST_HOUR = 23
SNAP_MINUTES = 15
MIN_COLUMN_WIDTH = 140
DRAG_THRESHOLD = 4


@dataclass(frozen=True)
class _Placed:
    row: BookingRow
    column: int
    lane: int
    lanes: int


def _text_colour(background: QColor) -> QColor:
    luminance = 0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF()
    return QColor("#1a1a1a") if luminance > 0.6 else QColor("#ffffff")


def _lanes(rows: list[BookingRow]) -> list[tuple[BookingRow, int, int]]:
    """Side-by-side lanes for bookings of one room that overlap (tentative ones may)."""
    placed: list[tuple[BookingRow, int, int]] = []
    group: list[tuple[BookingRow, int]] = []
    group_end: datetime | None = None
    lane_ends: list[datetime] = []

    def close_group() -> None:
        lanes = max((lane for _row, lane in group), default=0) + 1
        placed.extend((row, lane, lanes) for row, lane in group)

    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        if group_end is not None and row.start >= group_end:
            close_group()
            group, lane_ends, group_end = [], [], None
        lane = next((i for i, end in enumerate(lane_ends) if end <= row.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(row.end)
        else:
            lane_ends[lane] = row.end
        group.append((row, lane))
        group_end = row.end if group_end is None else max(group_end, row.end)
    close_group()
    return placed


class DayView(QAbstractScrollArea):
    """The bookings of one day; see the module's docstring."""

    booking_activated = Signal(int)
    """A stored booking was double-clicked: its id."""
    occurrence_activated = Signal(int, object)
    """A series occurrence (not yet a booking of its own) was double-clicked: series id and start."""
    span_selected = Signal(int, object, object)
    """Free time was chosen by dragging: room id, start and end (datetimes, 15-minute steps)."""
    day_change_requested = Signal(int)
    """-1 for the previous day, +1 for the next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._day = date.today()
        self._rooms: list[RoomRow] = []
        self._bookings: list[BookingRow] = []
        self._placed: list[_Placed] = []
        self._first_hour = FIRST_HOUR
        self._last_hour = LAST_HOUR
        self._press: QPointF | None = None
        self._press_column = -1
        self._drag: tuple[int, datetime, datetime] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setMinimumSize(480, 320)
        self.setAccessibleName(_("Bookings of the day"))
        self.setToolTip("")

    # -- data --------------------------------------------------------------------------------------

    def day(self) -> date:
        return self._day

    def set_day(self, day: date) -> None:
        self._day = day
        self._drag = None
        self.viewport().update()

    def set_data(self, rooms: Sequence[RoomRow], bookings: Sequence[BookingRow]) -> None:
        """The rooms to show, in order, and the day's bookings (cancelled ones are left out)."""
        self._rooms = list(rooms)
        columns = {room.id: index for index, room in enumerate(self._rooms)}
        self._bookings = [row for row in bookings if row.status != BookingStatus.CANCELLED and row.room_id in columns]
        day_start = datetime.combine(self._day, time())
        first, last = FIRST_HOUR, LAST_HOUR
        for row in self._bookings:
            start = max(row.start, day_start)
            end = min(row.end, day_start + timedelta(days=1))
            first = min(first, start.hour)
            last = max(last, math.ceil((end - day_start).total_seconds() / 3600))
        self._first_hour, self._last_hour = first, min(last, 24)
        self._placed = []
        for room in self._rooms:
            own = [row for row in self._bookings if row.room_id == room.id]
            self._placed.extend(_Placed(row, columns[room.id], lane, lanes) for row, lane, lanes in _lanes(own))
        self._update_scrollbars()
        if self._bookings:
            earliest = min(max(row.start, day_start) for row in self._bookings)
            self.verticalScrollBar().setValue(
                int(self._y_of(earliest) - self._header_height() - self._hour_height() / 2)
            )
        self.viewport().update()

    # -- geometry (viewport coordinates) -----------------------------------------------------------

    def _header_height(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 8

    def _padding(self) -> int:
        """Room above the first hour and below the last, so that their labels show whole."""
        return QFontMetrics(self.font()).height() // 2 + 4

    def _time_width(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance("00:00") + 16

    def _hour_height(self) -> int:
        return max(44, QFontMetrics(self.font()).height() * 3)

    def _content_height(self) -> int:
        return (self._last_hour - self._first_hour) * self._hour_height() + 2 * self._padding()

    def _column_width(self) -> float:
        count = max(1, len(self._rooms))
        available = self.viewport().width() - self._time_width()
        return max(float(MIN_COLUMN_WIDTH), available / count)

    def _column_x(self, column: int) -> float:
        return self._time_width() + column * self._column_width() - self.horizontalScrollBar().value()

    def _y_of(self, moment: datetime) -> float:
        day_start = datetime.combine(self._day, time(self._first_hour))
        hours = (moment - day_start).total_seconds() / 3600
        top = self._header_height() + self._padding() - self.verticalScrollBar().value()
        return top + hours * self._hour_height()

    def _time_at(self, y: float) -> datetime:
        top = self._header_height() + self._padding() - self.verticalScrollBar().value()
        hours = (y - top) / self._hour_height()
        minutes = min(max(hours * 60, 0.0), (self._last_hour - self._first_hour) * 60.0)
        return datetime.combine(self._day, time(self._first_hour)) + timedelta(minutes=minutes)

    def _column_at(self, x: float) -> int:
        if x < self._time_width() or not self._rooms:
            return -1
        column = int((x - self._time_width() + self.horizontalScrollBar().value()) // self._column_width())
        return column if 0 <= column < len(self._rooms) else -1

    def _rect_of(self, placed: _Placed) -> QRectF:
        day_start = datetime.combine(self._day, time())
        start = max(placed.row.start, day_start)
        end = min(placed.row.end, day_start + timedelta(days=1))
        width = (self._column_width() - 8) / placed.lanes
        left = self._column_x(placed.column) + 4 + placed.lane * width
        top = self._y_of(start) + 1
        return QRectF(left, top, width - 2, max(self._y_of(end) - top - 1, 12.0))

    def booking_rects(self) -> list[tuple[int | None, QRectF]]:
        """Each booking shown and its box in viewport coordinates (the id is None for occurrences)."""
        return [(placed.row.id, self._rect_of(placed)) for placed in self._placed]

    def point_at(self, room_id: int, moment: datetime) -> QPointF:
        """The middle of ``room_id``'s column at ``moment``, in viewport coordinates."""
        column = next(index for index, room in enumerate(self._rooms) if room.id == room_id)
        return QPointF(self._column_x(column) + self._column_width() / 2, self._y_of(moment))

    def row_rects(self) -> list[tuple[BookingRow, QRectF]]:
        return [(placed.row, self._rect_of(placed)) for placed in self._placed]

    def _booking_at(self, point: QPointF) -> BookingRow | None:
        if point.y() < self._header_height():
            return None
        for row, rect in reversed(self.row_rects()):
            if rect.contains(point):
                return row
        return None

    def _update_scrollbars(self) -> None:
        visible_height = self.viewport().height() - self._header_height()
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, self._content_height() - visible_height))
        vertical.setPageStep(max(1, visible_height))
        vertical.setSingleStep(self._hour_height() // 4)
        needed = self._time_width() + len(self._rooms) * MIN_COLUMN_WIDTH
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, needed - self.viewport().width()))
        horizontal.setPageStep(max(1, self.viewport().width()))
        horizontal.setSingleStep(MIN_COLUMN_WIDTH // 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        width, height = self.viewport().width(), self.viewport().height()
        header, time_width, hour = self._header_height(), self._time_width(), self._hour_height()
        painter.fillRect(0, 0, width, height, palette.base())
        mid = palette.mid().color()
        light = QColor(mid)
        light.setAlpha(90)
        text = palette.text().color()

        painter.save()
        painter.setClipRect(QRectF(time_width, header, width - time_width, height - header))
        column_width = self._column_width()
        for column in range(len(self._rooms)):
            x = self._column_x(column)
            if column % 2:
                painter.fillRect(QRectF(x, header, column_width, height), palette.alternateBase())
            painter.setPen(QPen(mid, 1))
            painter.drawLine(QPointF(x + column_width, header), QPointF(x + column_width, height))
        for index in range(self._last_hour - self._first_hour + 1):
            y = header + self._padding() + index * hour - self.verticalScrollBar().value()
            painter.setPen(QPen(mid, 1))
            painter.drawLine(QPointF(time_width, y), QPointF(width, y))
            painter.setPen(QPen(light, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(time_width, y + hour / 2), QPointF(width, y + hour / 2))
        for placed in self._placed:
            self._paint_booking(painter, placed)
        if self._drag is not None:
            column, start, end = self._drag
            x = self._column_x(column)
            selection = QRectF(x + 4, self._y_of(start), column_width - 8, self._y_of(end) - self._y_of(start))
            highlight = palette.highlight().color()
            fill = QColor(highlight)
            fill.setAlpha(70)
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(fill)
            painter.drawRoundedRect(selection, 4, 4)
            painter.setPen(text)
            painter.drawText(
                selection.adjusted(6, 2, -6, -2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                f"{format_time(start)}–{format_time(end)}",
            )
        painter.restore()

        # The hours on the left, fixed while the columns scroll sideways.
        painter.save()
        painter.setClipRect(QRectF(0, header, time_width, height - header))
        painter.fillRect(QRectF(0, header, time_width, height - header), palette.window())
        painter.setPen(text)
        metrics = QFontMetrics(self.font())
        for hour_number in range(self._first_hour, self._last_hour + 1):
            y = header + self._padding() + (hour_number - self._first_hour) * hour - self.verticalScrollBar().value()
            label = format_time(time(hour_number % 24))
            label_rect = QRectF(0, y - metrics.height() / 2, time_width - 8, metrics.height())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.restore()

        # The rooms on top, fixed while the hours scroll.
        painter.save()
        painter.fillRect(QRectF(0, 0, width, header), palette.window())
        painter.setClipRect(QRectF(time_width, 0, width - time_width, header))
        for column, room in enumerate(self._rooms):
            x = self._column_x(column)
            band = QRectF(x + 2, 4, column_width - 4, header - 8)
            colour = QColor(room.colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(band, 5, 5)
            painter.setPen(_text_colour(colour))
            bold = painter.font()
            bold.setBold(True)
            painter.setFont(bold)
            name = QFontMetrics(bold).elidedText(room.name, Qt.TextElideMode.ElideRight, int(band.width() - 12))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, name)
            painter.setFont(self.font())
        painter.restore()
        painter.setPen(QPen(mid, 1))
        painter.drawLine(QPointF(0, header), QPointF(width, header))
        painter.drawLine(QPointF(time_width, 0), QPointF(time_width, height))
        if not self._rooms:
            painter.setPen(text)
            painter.drawText(
                QRectF(time_width, header, width - time_width, height - header),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                _("No rooms are in use. A coordinator can add them in the rooms settings."),
            )
        painter.end()

    def _paint_booking(self, painter: QPainter, placed: _Placed) -> None:
        row = placed.row
        rect = self._rect_of(placed)
        room = self._rooms[placed.column]
        colour = QColor(room.colour)
        tentative = row.status == BookingStatus.TENTATIVE
        if tentative:
            fill = QColor(colour)
            fill.setAlpha(80)
            painter.setBrush(self.palette().base())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, 5, 5)
            painter.setBrush(fill)
            painter.setPen(QPen(colour.darker(140), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(rect, 5, 5)
            hatch = QColor(colour)
            hatch.setAlpha(110)
            painter.setBrush(QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, 5, 5)
            text_colour = self.palette().text().color()
        else:
            painter.setBrush(colour)
            painter.setPen(QPen(colour.darker(130), 1))
            painter.drawRoundedRect(rect, 5, 5)
            text_colour = _text_colour(colour)
        lines = [row.purpose or row.holder, f"{format_time(row.start)}–{format_time(row.end)}"]
        if row.purpose and row.holder:
            lines.append(row.holder)
        if tentative:
            lines[1] += " · " + _("tentative")
        painter.save()
        inner = rect.adjusted(6, 3, -4, -2)
        painter.setClipRect(inner)
        painter.setPen(text_colour)
        metrics = QFontMetrics(self.font())
        y = inner.top()
        for index, line in enumerate(lines):
            if y + metrics.height() > inner.bottom() + 2 and index > 0:
                break
            font = self.font()
            font.setBold(index == 0)
            painter.setFont(font)
            elided = QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(
                QRectF(inner.left(), y, inner.width(), metrics.height()), Qt.AlignmentFlag.AlignLeft, elided
            )
            y += metrics.height()
        painter.restore()

    def tooltip_of(self, row: BookingRow) -> str:
        room = next((room.name for room in self._rooms if room.id == row.room_id), "")
        lines = [
            row.purpose or _("(no purpose given)"),
            f"{room}, {format_time(row.start)}–{format_time(row.end)}",
            _("Booked by: {holder}").format(holder=row.holder or "—"),
            _("People: {count}").format(count=row.people_count),
        ]
        if row.status == BookingStatus.TENTATIVE:
            lines.append(_("Tentative: not confirmed yet"))
        if row.series_id is not None:
            lines.append(_("Part of a repeating booking"))
        if row.notes:
            lines.append(row.notes)
        lines.append(_("Double-click to open"))
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self._booking_at(QPointF(event.pos()))
            if row is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_of(row), self.viewport())
            return True
        return super().viewportEvent(event)

    # -- mouse and keyboard ------------------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        row = self._booking_at(event.position())
        if row is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._press, self._drag = None, None
        if row.id is not None:
            self.booking_activated.emit(row.id)
        elif row.series_id is not None:
            self.occurrence_activated.emit(row.series_id, row.occurrence_start or row.start)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position()
        column = self._column_at(point.x())
        if (
            event.button() == Qt.MouseButton.LeftButton
            and column >= 0
            and point.y() > self._header_height()
            and self._booking_at(point) is None
        ):
            self._press, self._press_column = point, column
        else:
            self._press = None
        self._drag = None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        point = event.position()
        if self._drag is None and abs(point.y() - self._press.y()) < DRAG_THRESHOLD:
            return
        self._drag = (self._press_column, *self._snapped(self._press.y(), point.y()))
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and abs(event.position().y() - self._press.y()) >= DRAG_THRESHOLD:
            start, end = self._snapped(self._press.y(), event.position().y())
            column = self._press_column
            self._press, self._drag = None, None
            self.viewport().update()
            if end > start:
                self.span_selected.emit(self._rooms[column].id, start, end)
        else:
            self._press, self._drag = None, None
            self.viewport().update()
        event.accept()

    def _snapped(self, y1: float, y2: float) -> tuple[datetime, datetime]:
        first, second = sorted((self._time_at(y1), self._time_at(y2)))
        origin = datetime.combine(self._day, time())

        def steps(moment: datetime) -> float:
            return (moment - origin).total_seconds() / 60 / SNAP_MINUTES

        start = origin + timedelta(minutes=math.floor(steps(first)) * SNAP_MINUTES)
        end = origin + timedelta(minutes=math.ceil(steps(second)) * SNAP_MINUTES)
        if end <= start:
            end = start + timedelta(minutes=SNAP_MINUTES)
        return start, end

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.day_change_requested.emit(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.day_change_requested.emit(1)
        else:
            super().keyPressEvent(event)
