"""The calendar of bookings, painted by a single widget however many bookings it shows.

Two layouts (``ViewMode``): the *day view*, rooms side by side on one day, and the *week view*, the
seven days (Monday first) of one room, which also shows greyed the bookings of its linked rooms.
Hours are rows. A booking is a rounded box with its purpose, times and holder, coloured by room or
by type (``calendar_colours``); a tentative one is paler, hatched and has a dashed border. A closed
day is greyed with the closure's reason and cannot be booked.

Mouse: double-click a booking to open it; click and drag on free time to choose a span (snapped to
15 minutes). Keyboard (``calendar_cursor``): a cursor cell of a quarter hour, Up/Down to move it,
Shift+Up/Down to stretch a span, Left/Right to change column (past the first or last one, the day
or week before or after), Home/End to the opening and closing hours, Tab/Shift+Tab from booking to
booking, Enter to open the booking or choose the span (an hour from the cursor when none was
stretched), Page Up/Page Down for the previous or next day (week in the week view).

Placing the bookings is one pass over them (``calendar_layout``) and painting skips what is out of
sight: no widget per booking, so a busy day of a large house is ready well within 50 ms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from app.i18n import _, format_date, format_time
from app.services.bookings import BookingRow, BookingStatus
from app.services.closures import ClosureRow
from app.services.rooms import RoomRow
from app.weeks import DAYS_IN_WEEK
from ui.widgets.calendar_colours import ColourScheme
from ui.widgets.calendar_cursor import SLOT_MINUTES, SLOTS_PER_HOUR, Cursor, next_booking
from ui.widgets.calendar_layout import (
    CLOSING_HOUR,
    OPENING_HOUR,
    Column,
    Placed,
    ViewMode,
    day_columns,
    hour_range,
    linked_room_ids,
    place,
    week_columns,
)
from ui.widgets.calendar_painting import Fonts, Scene, clock, paint

MIN_COLUMN_WIDTH = 140
MIN_WEEK_COLUMN_WIDTH = 112
DRAG_THRESHOLD = 4
DEFAULT_SPAN_SLOTS = SLOTS_PER_HOUR  # Enter on free time without a stretched span: one hour
_NO_DAY = date(2000, 1, 3)  # until the page sets the day


def _key(row: BookingRow) -> tuple[int | None, int | None, datetime | None]:
    """What identifies a booking or an occurrence across reloads."""
    return row.id, row.series_id, row.occurrence_start if row.id is None else None


class DayView(QAbstractScrollArea):
    """The bookings of a day (rooms as columns) or of a room's week; see the module's docstring.

    Signals:
        booking_activated(int): a stored booking was double-clicked or entered: its id.
        occurrence_activated(int, object): a series occurrence (not yet a booking of its own) was
            double-clicked or entered: the series id and the occurrence's start (datetime).
        span_selected(int, object, object): free time was chosen by dragging or with the keyboard:
            room id, start and end (datetimes of the day chosen, in 15-minute steps).
        day_change_requested(int): the days to move: -1/+1 in the day view, -7/+7 in the week view.
    """

    booking_activated = Signal(int)
    occurrence_activated = Signal(int, object)
    span_selected = Signal(int, object, object)
    day_change_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mode = ViewMode.DAY
        self._day = _NO_DAY
        self._today: date | None = None
        self._week_room_id: int | None = None
        self._scheme = ColourScheme.BY_ROOM
        self._rooms: list[RoomRow] = []
        self._room_names: dict[int, str] = {}
        self._columns: list[Column] = []
        self._placed: list[Placed] = []
        self._first_hour = OPENING_HOUR
        self._last_hour = CLOSING_HOUR
        self._cursor = Cursor()
        self._press: QPointF | None = None
        self._press_column = -1
        self._drag: tuple[int, datetime, datetime] | None = None
        self._fonts = Fonts.of(self.font())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(480, 320)
        self.setAccessibleName(_("Bookings of the day"))
        self.setToolTip("")

    # -- what is shown -----------------------------------------------------------------------------

    def mode(self) -> ViewMode:
        return self._mode

    def set_mode(self, mode: ViewMode) -> None:
        """Day or week; the data follows with ``set_data``."""
        self._mode = mode
        self.setAccessibleName(_("Bookings of the day") if mode == ViewMode.DAY else _("Bookings of the week"))

    def week_room_id(self) -> int | None:
        return self._week_room_id

    def set_week_room(self, room_id: int | None) -> None:
        """The room whose week is shown (the first room when None or not among the rooms)."""
        self._week_room_id = room_id

    def day(self) -> date:
        return self._day

    def set_day(self, day: date) -> None:
        """The day shown, or in the week view any day of the week shown."""
        self._day = day
        self._drag = None
        self.viewport().update()

    def set_today(self, today: date) -> None:
        """Today, from the house's clock, to mark its column in the week view."""
        self._today = today

    def colour_scheme(self) -> ColourScheme:
        return self._scheme

    def set_colour_scheme(self, scheme: ColourScheme) -> None:
        self._scheme = scheme
        self.viewport().update()

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_data(
        self, rooms: Sequence[RoomRow], bookings: Sequence[BookingRow], closures: Iterable[ClosureRow] = ()
    ) -> None:
        """The rooms in use in order, the bookings of the day or week, and the closures touching it.

        In the week view ``bookings`` should hold the room's and its linked rooms' bookings
        (``linked_room_ids``); others are left out, as are cancelled ones.
        """
        top_minutes = self._top_minutes()
        cursor_room, cursor_day = self.cursor_room_id(), self.cursor_day()
        focused = self._placed[self._cursor.booking].row if self._cursor.booking is not None else None
        self._rooms = list(rooms)
        self._room_names = {room.id: room.name for room in self._rooms}
        linked: list[int] = []
        if self._mode == ViewMode.DAY:
            self._columns = day_columns(self._rooms, self._day, closures)
        elif self._rooms:
            room = next((r for r in self._rooms if r.id == self._week_room_id), self._rooms[0])
            self._week_room_id = room.id
            self._columns = week_columns(room, self._day, closures)
            linked = linked_room_ids(self._rooms, room.id)
        else:
            self._columns = []
        self._placed = place(self._columns, bookings, linked)
        self._first_hour, self._last_hour = hour_range(self._columns, self._placed)
        self._cursor.column = self._column_for(cursor_room, cursor_day)
        self._cursor.clamp(len(self._columns), *self._slot_bounds())
        self._cursor.booking = None
        if focused is not None:
            key = _key(focused)
            self._cursor.booking = next((i for i, p in enumerate(self._placed) if _key(p.row) == key), None)
        self._update_scrollbars()
        self.verticalScrollBar().setValue(round(self._scroll_for(top_minutes)))
        self.viewport().update()

    def _column_for(self, room_id: int | None, day: date | None) -> int:
        """The column the cursor goes to after a reload: the same room and day, else the same room
        (day view) or weekday (week view), else where it was."""
        for index, column in enumerate(self._columns):
            if column.room.id == room_id and column.day == day:
                return index
        for index, column in enumerate(self._columns):
            if self._mode == ViewMode.DAY and column.room.id == room_id:
                return index
            if self._mode == ViewMode.WEEK and day is not None and column.day.weekday() == day.weekday():
                return index
        return self._cursor.column

    # -- the keyboard cursor -----------------------------------------------------------------------

    def cursor_room_id(self) -> int | None:
        """The room of the cursor's column (in the week view, the room shown)."""
        return self._columns[self._cursor.column].room.id if self._columns else None

    def cursor_day(self) -> date | None:
        return self._columns[self._cursor.column].day if self._columns else None

    def cursor_span(self) -> tuple[datetime, datetime] | None:
        """The cell or the stretched span under the cursor, as datetimes."""
        if not self._columns:
            return None
        first, last = self._cursor.span()
        midnight = datetime.combine(self._columns[self._cursor.column].day, time())
        return midnight + timedelta(minutes=first * SLOT_MINUTES), midnight + timedelta(minutes=last * SLOT_MINUTES)

    def focused_booking(self) -> BookingRow | None:
        """The booking reached by Tab or a click, which Enter opens."""
        return self._placed[self._cursor.booking].row if self._cursor.booking is not None else None

    def place_cursor(self, moment: datetime) -> None:
        """Put the cursor at ``moment`` (in the week view, on its day if shown) and scroll to it."""
        column = self._cursor.column
        if self._mode == ViewMode.WEEK:
            column = next((i for i, c in enumerate(self._columns) if c.day == moment.date()), column)
        slot = (moment.hour * 60 + moment.minute) // SLOT_MINUTES
        first, last = self._slot_bounds()
        self._cursor.move_to(column, min(max(slot, first), last))
        shown_from = (self._cursor.slot // SLOTS_PER_HOUR - 1) * 60  # the whole hour before the cursor's
        self.verticalScrollBar().setValue(round(self._scroll_for(shown_from)) - self._padding())
        self._cursor_moved()

    def scroll_to_cursor(self) -> None:
        """Scroll, if needed, until the cursor is in sight."""
        self._cursor_moved()

    def _slot_bounds(self) -> tuple[int, int]:
        return self._first_hour * SLOTS_PER_HOUR, self._last_hour * SLOTS_PER_HOUR - 1

    def _cursor_moved(self) -> None:
        self._ensure_visible()
        self.viewport().update()

    def _ensure_visible(self) -> None:
        if not self._columns:
            return
        rect = self._cursor_rect()
        header, height = self._header_height(), self.viewport().height()
        vertical = self.verticalScrollBar()
        if rect.top() < header:
            vertical.setValue(vertical.value() - round(header - rect.top()) - 4)
        elif rect.bottom() > height:
            vertical.setValue(vertical.value() + round(rect.bottom() - height) + 4)
        left, width = self._column_x(self._cursor.column), self._column_width()
        horizontal = self.horizontalScrollBar()
        if left < self._time_width():
            horizontal.setValue(horizontal.value() - round(self._time_width() - left))
        elif left + width > self.viewport().width():
            horizontal.setValue(horizontal.value() + round(left + width - self.viewport().width()))

    def _cursor_rect(self) -> QRectF:
        if self._cursor.booking is not None:
            return self._rect_of(self._placed[self._cursor.booking])
        first, last = self._cursor.span()
        x = self._column_x(self._cursor.column)
        top = self._y_at(first * SLOT_MINUTES)
        return QRectF(x + 2, top, self._column_width() - 4, self._y_at(last * SLOT_MINUTES) - top)

    def _focus_booking(self, index: int) -> None:
        item = self._placed[index]
        start = max(item.row.start, datetime.combine(self._columns[item.column].day, time()))
        first, last = self._slot_bounds()
        slot = min(max((start.hour * 60 + start.minute) // SLOT_MINUTES, first), last)
        self._cursor.move_to(item.column, slot)
        self._cursor.booking = index
        self._cursor_moved()

    def _move_column(self, step: int) -> None:
        """Left/Right; past the first or last column, the day or week before or after."""
        if not self._columns:
            return
        target = self._cursor.column + step
        self._cursor.anchor, self._cursor.booking = None, None
        if 0 <= target < len(self._columns):
            self._cursor.column = target
            self._cursor_moved()
            return
        self._cursor.column = len(self._columns) - 1 if step < 0 else 0
        self.day_change_requested.emit(step * self._days_per_page())

    def _days_per_page(self) -> int:
        return DAYS_IN_WEEK if self._mode == ViewMode.WEEK else 1

    def _booking_in_cell(self, column: int, slot: int) -> int | None:
        midnight = datetime.combine(self._columns[column].day, time())
        start = midnight + timedelta(minutes=slot * SLOT_MINUTES)
        end = start + timedelta(minutes=SLOT_MINUTES)
        hits = [
            (item.lane, index)
            for index, item in enumerate(self._placed)
            if item.column == column and item.row.start < end and item.row.end > start
        ]
        return min(hits)[1] if hits else None

    def activate_cursor(self) -> None:
        """Enter: open the booking at the cursor, or choose the free span there."""
        if not self._columns:
            return
        cursor = self._cursor
        target = cursor.booking
        if target is None and not cursor.stretched():
            target = self._booking_in_cell(cursor.column, cursor.slot)
        if target is not None:
            self._activate(self._placed[target].row)
            return
        column = self._columns[cursor.column]
        if column.closed is not None:
            QApplication.beep()
            return
        first, last = cursor.span()
        if not cursor.stretched():
            last = min(first + DEFAULT_SPAN_SLOTS, 24 * SLOTS_PER_HOUR, self._next_start_slot(cursor.column, first))
        midnight = datetime.combine(column.day, time())
        cursor.move_to(cursor.column, first)
        self.viewport().update()
        self.span_selected.emit(
            column.room.id,
            midnight + timedelta(minutes=first * SLOT_MINUTES),
            midnight + timedelta(minutes=last * SLOT_MINUTES),
        )

    def _next_start_slot(self, column: int, slot: int) -> int:
        """The slot where the next booking of ``column`` after ``slot`` starts (a default span stops there)."""
        midnight = datetime.combine(self._columns[column].day, time())
        after = midnight + timedelta(minutes=slot * SLOT_MINUTES)
        starts = [p.row.start for p in self._placed if p.column == column and p.row.start > after]
        if not starts:
            return 24 * SLOTS_PER_HOUR
        return int((min(starts) - midnight).total_seconds() // 60 // SLOT_MINUTES)

    def _activate(self, row: BookingRow) -> None:
        if row.id is not None:
            self.booking_activated.emit(row.id)
        elif row.series_id is not None:
            self.occurrence_activated.emit(row.series_id, row.occurrence_start or row.start)

    # -- geometry (viewport coordinates) -----------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fonts = Fonts.of(self.font())
            self._update_scrollbars()

    def _header_height(self) -> int:
        return self._fonts.metrics.height() * 2 + 8

    def _padding(self) -> int:
        """Room above the first hour and below the last, so that their labels show whole."""
        return self._fonts.metrics.height() // 2 + 4

    def _time_width(self) -> int:
        return self._fonts.metrics.horizontalAdvance("00:00") + 16

    def _hour_height(self) -> int:
        return max(44, self._fonts.metrics.height() * 3)

    def _content_height(self) -> int:
        return (self._last_hour - self._first_hour) * self._hour_height() + 2 * self._padding()

    def _min_column_width(self) -> int:
        return MIN_WEEK_COLUMN_WIDTH if self._mode == ViewMode.WEEK else MIN_COLUMN_WIDTH

    def _column_width(self) -> float:
        count = max(1, len(self._columns))
        available = self.viewport().width() - self._time_width()
        return max(float(self._min_column_width()), available / count)

    def _column_x(self, column: int) -> float:
        return self._time_width() + column * self._column_width() - self.horizontalScrollBar().value()

    def _top(self) -> float:
        """Where the first hour's line is, scrolled."""
        return self._header_height() + self._padding() - self.verticalScrollBar().value()

    def _y_at(self, minutes: float) -> float:
        """The height of ``minutes`` after midnight."""
        return self._top() + (minutes / 60 - self._first_hour) * self._hour_height()

    def _y_of(self, moment: datetime, day: date) -> float:
        return self._y_at((moment - datetime.combine(day, time())).total_seconds() / 60)

    def _minutes_at(self, y: float) -> float:
        minutes = (y - self._top()) / self._hour_height() * 60 + self._first_hour * 60
        return min(max(minutes, self._first_hour * 60.0), self._last_hour * 60.0)

    def _top_minutes(self) -> float:
        """The time at the top of the hours as scrolled, in minutes after midnight (unbounded)."""
        return (self._header_height() - self._top()) / self._hour_height() * 60 + self._first_hour * 60

    def _scroll_for(self, minutes: float) -> float:
        """The scroll value that puts ``minutes`` after midnight at the top of the hours."""
        return self._padding() + (minutes / 60 - self._first_hour) * self._hour_height()

    def _column_at(self, x: float) -> int:
        if x < self._time_width() or not self._columns:
            return -1
        column = int((x - self._time_width() + self.horizontalScrollBar().value()) // self._column_width())
        return column if 0 <= column < len(self._columns) else -1

    def _rect_of(self, placed: Placed) -> QRectF:
        day = self._columns[placed.column].day
        day_start = datetime.combine(day, time())
        start = max(placed.row.start, day_start)
        end = min(placed.row.end, day_start + timedelta(days=1))
        width = (self._column_width() - 8) / placed.lanes
        left = self._column_x(placed.column) + 4 + placed.lane * width
        top = self._y_of(start, day) + 1
        return QRectF(left, top, width - 2, max(self._y_of(end, day) - top - 1, 12.0))

    def booking_rects(self) -> list[tuple[int | None, QRectF]]:
        """Each booking shown and its box in viewport coordinates (the id is None for occurrences)."""
        return [(placed.row.id, self._rect_of(placed)) for placed in self._placed]

    def row_rects(self) -> list[tuple[BookingRow, QRectF]]:
        return [(placed.row, self._rect_of(placed)) for placed in self._placed]

    def own_count(self) -> int:
        """The bookings of the rooms shown (not those of linked rooms in the week view)."""
        return sum(1 for placed in self._placed if not placed.linked)

    def point_at(self, room_id: int, moment: datetime) -> QPointF:
        """The middle of the column of ``room_id`` on ``moment``'s day at ``moment``, in viewport coordinates."""
        matches = [i for i, c in enumerate(self._columns) if c.room.id == room_id]
        column = next((i for i in matches if self._columns[i].day == moment.date()), matches[0])
        x = self._column_x(column) + self._column_width() / 2
        return QPointF(x, self._y_of(moment, self._columns[column].day))

    def _placed_at(self, point: QPointF) -> int | None:
        if point.y() < self._header_height():
            return None
        for index in reversed(range(len(self._placed))):
            if self._rect_of(self._placed[index]).contains(point):
                return index
        return None

    def _update_scrollbars(self) -> None:
        visible_height = self.viewport().height() - self._header_height()
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, self._content_height() - visible_height))
        vertical.setPageStep(max(1, visible_height))
        vertical.setSingleStep(self._hour_height() // 4)
        needed = self._time_width() + len(self._columns) * self._min_column_width()
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, needed - self.viewport().width()))
        horizontal.setPageStep(max(1, self.viewport().width()))
        horizontal.setSingleStep(self._min_column_width() // 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    # -- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        paint(painter, self._scene())
        painter.end()

    def _scene(self) -> Scene:
        """What this paint draws, measured once (``calendar_painting``)."""
        width, height = self.viewport().width(), self.viewport().height()
        header, time_width = self._header_height(), self._time_width()
        boxes = []
        for placed in self._placed:
            rect = self._rect_of(placed)
            if rect.bottom() >= header and rect.top() <= height and rect.right() >= time_width and rect.left() <= width:
                boxes.append((placed, rect))
        drag = None
        if self._drag is not None:
            column, start, end = self._drag
            day = self._columns[column].day
            top = self._y_of(start, day)
            selection = QRectF(self._column_x(column) + 4, top, self._column_width() - 8, self._y_of(end, day) - top)
            drag = (selection, f"{clock(start.time())}–{clock(end.time())}")
        span = self.cursor_span()
        label = f"{clock(span[0].time())}–{clock(span[1].time())}" if span and self._cursor.stretched() else None
        return Scene(
            width=width,
            height=height,
            header=header,
            time_width=time_width,
            hour_height=self._hour_height(),
            top=self._top(),
            first_hour=self._first_hour,
            last_hour=self._last_hour,
            column_width=self._column_width(),
            column_xs=[self._column_x(index) for index in range(len(self._columns))],
            columns=self._columns,
            mode=self._mode,
            today=self._today,
            scheme=self._scheme,
            boxes=boxes,
            room_names=self._room_names,
            fonts=self._fonts,
            palette=self.palette(),
            focused=self.hasFocus(),
            cursor=self._cursor_rect() if self._columns else None,
            cursor_on_booking=self._cursor.booking is not None,
            cursor_label=label,
            drag=drag,
        )

    def tooltip_of(self, row: BookingRow) -> str:
        room = self._room_names.get(row.room_id, "")
        if self._mode == ViewMode.DAY:
            where = f"{room}, {format_time(row.start)}–{format_time(row.end)}"
        else:
            where = f"{room}, {format_date(row.start)}, {format_time(row.start)}–{format_time(row.end)}"
        lines = [
            row.purpose or _("(no purpose given)"),
            where,
            _("Booked by: {holder}").format(holder=row.holder or "—"),
            _("People: {count}").format(count=row.people_count),
        ]
        if row.status == BookingStatus.TENTATIVE:
            lines.append(_("Tentative: not confirmed yet"))
        if row.series_id is not None:
            lines.append(_("Part of a repeating booking"))
        if self._mode == ViewMode.WEEK and row.room_id != self._week_room_id:
            lines.append(_("Booked in a linked room: this room is not free then"))
        if row.notes:
            lines.append(row.notes)
        lines.append(_("Double-click to open"))
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._placed_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_of(self._placed[index].row), self.viewport())
            return True
        return super().viewportEvent(event)

    # -- mouse and keyboard ------------------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self._placed_at(event.position())
        if index is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._press, self._drag = None, None
        self._activate(self._placed[index].row)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        point = event.position()
        column = self._column_at(point.x())
        self._press, self._drag = None, None
        if event.button() != Qt.MouseButton.LeftButton or column < 0 or point.y() <= self._header_height():
            event.accept()
            return
        index = self._placed_at(point)
        if index is not None:
            self._focus_booking(index)
        else:
            slot = int(self._minutes_at(point.y()) // SLOT_MINUTES)
            first, last = self._slot_bounds()
            self._cursor.move_to(column, min(max(slot, first), last))
            self.viewport().update()
            if self._columns[column].closed is None:
                self._press, self._press_column = point, column
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        point = event.position()
        if self._drag is None and abs(point.y() - self._press.y()) < DRAG_THRESHOLD:
            return
        self._drag = (self._press_column, *self._snapped(self._press.y(), point.y(), self._press_column))
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, column = self._press, self._press_column
        self._press, self._drag = None, None
        self.viewport().update()
        if press is not None and abs(event.position().y() - press.y()) >= DRAG_THRESHOLD:
            start, end = self._snapped(press.y(), event.position().y(), column)
            if end > start:
                day_start = datetime.combine(self._columns[column].day, time())
                self._cursor.move_to(column, int((start - day_start).total_seconds() // 60 // SLOT_MINUTES))
                self.span_selected.emit(self._columns[column].room.id, start, end)
        event.accept()

    def _snapped(self, y1: float, y2: float, column: int) -> tuple[datetime, datetime]:
        first, second = sorted((self._minutes_at(y1), self._minutes_at(y2)))
        origin = datetime.combine(self._columns[column].day, time())
        start = int(first // SLOT_MINUTES)
        end = -int(-second // SLOT_MINUTES)
        end = max(end, start + 1)
        return origin + timedelta(minutes=start * SLOT_MINUTES), origin + timedelta(minutes=end * SLOT_MINUTES)

    def event(self, event: QEvent) -> bool:
        """Tab and Shift+Tab go from booking to booking; past the last one, focus leaves the view."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and modifiers == Qt.KeyboardModifier.NoModifier:
                forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                target = next_booking(self._columns, self._placed, self._cursor, forward=forward)
                if target is not None:
                    self._focus_booking(target)
                    return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        others = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if others != Qt.KeyboardModifier.NoModifier or not self._columns:
            super().keyPressEvent(event)
            return
        first, last = self._slot_bounds()
        if key == Qt.Key.Key_PageUp:
            self.day_change_requested.emit(-self._days_per_page())
        elif key == Qt.Key.Key_PageDown:
            self.day_change_requested.emit(self._days_per_page())
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._cursor.step(-1 if key == Qt.Key.Key_Up else 1, first, last, stretch=shift)
            self._cursor_moved()
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            target = OPENING_HOUR * SLOTS_PER_HOUR if key == Qt.Key.Key_Home else CLOSING_HOUR * SLOTS_PER_HOUR - 1
            self._cursor.step(target - self._cursor.slot, first, last, stretch=shift)
            self._cursor_moved()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._move_column(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_cursor()
        elif key == Qt.Key.Key_Escape and (self._cursor.anchor is not None or self._cursor.booking is not None):
            self._cursor.anchor, self._cursor.booking = None, None
            self.viewport().update()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()
