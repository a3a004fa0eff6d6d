"""Today's bookings of every room, what is on now and next first (``agenda``), on the Today page."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget

from app.i18n import _, ngettext
from app.services import Services
from app.services.bookings import BookingRow
from app.services.roles import Actor
from ui.pages.today.agenda import agenda
from ui.pages.today.bookings_model import (
    COL_HOLDER,
    COL_PAYMENT,
    COL_PEOPLE,
    COL_PURPOSE,
    COL_ROOM,
    COL_STATUS,
    COL_TIME,
    COL_WHEN,
    TodayBookingsModel,
)
from ui.pages.today.dues import dues_of
from ui.pages.today.section import TodaySection
from ui.pages.today.section_table import SectionTable

CLOSED_STYLE = "color: #b00020; font-weight: bold;"
GAP = 10
"""Pixels between the end of a column's longest text and the next column."""
SHARED_MIN_CHARS = 12
"""The purpose and the holder are never narrower than this, while the window allows it."""
WHOLE_COLUMNS = (COL_WHEN, COL_TIME, COL_ROOM, COL_PEOPLE, COL_STATUS, COL_PAYMENT)
"""Short texts that are read whole; the purpose and the holder take the rest of the width."""


class BookingsSection(TodaySection):
    """The day's bookings as a table sized to its rows (the page scrolls, not the table).

    Signals:
        booking_opened(BookingRow): Enter or a double-click on a booking.
    """

    booking_opened = Signal(object)

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, title=_("Today's bookings"), parent=parent)
        self.setObjectName("today_bookings")
        self.summary.setObjectName("today_bookings_count")
        self.closed_label = QLabel()
        self.closed_label.setObjectName("today_closed")
        self.closed_label.setStyleSheet(CLOSED_STYLE)
        self.closed_label.setWordWrap(True)
        self.closed_label.hide()

        self.model = TodayBookingsModel(self)
        self._needed: dict[int, int] = {}
        """Each column's ``_needed_width`` for the lines shown; empty until measured."""
        self.table = SectionTable(
            self.model,
            name="today_bookings_table",
            accessible=_("Today's bookings"),
            tooltip=_("Enter or double-click opens the Bookings area at today."),
        )
        self.table.row_moved.connect(self.cursor_moved)
        self._size_columns()
        self.table.activated.connect(self._activated)

        self.empty_hint = QLabel(
            _(
                "Nothing is booked today. To book a room, press “Find a free room” (Ctrl+R) "
                "or open Bookings in the list on the left."
            )
        )
        self.empty_hint.setObjectName("today_bookings_empty")
        self.empty_hint.setWordWrap(True)
        bigger = QFont(self.empty_hint.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.15)
        self.empty_hint.setFont(bigger)
        self.empty_hint.hide()

        self.content.addWidget(self.closed_label)
        self.content.addWidget(self.table)
        self.content.addWidget(self.empty_hint)

    def _size_columns(self) -> None:
        """Every column's width is set by ``_fit_columns``, at each refresh and resize."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(self.table.fontMetrics().averageCharWidth() * 4)
        self.table.viewport().installEventFilter(self)  # its width is what the columns share

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._needed = {}  # the texts are measured again in the new font
        super().changeEvent(event)

    def _fit_columns(self) -> None:
        """The short columns (time, room, status, payment...) as wide as their texts, whole; the
        purpose and the holder share what is left, and cut their texts if it is not enough.

        The holder gets its need when that is at most half of what is left; the purpose gets the
        rest, so that the table is filled to the last pixel and never scrolls sideways. In a
        window too narrow for that, the short columns give up width too, in proportion.
        """
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()
        shared_min = self.table.fontMetrics().averageCharWidth() * SHARED_MIN_CHARS
        if not self._needed:
            # Measured once a refresh, not at every resize: measuring asks the model for every cell.
            self._needed = {column: self._needed_width(column) for column in range(self.model.columnCount())}
        widths = {column: self._needed[column] for column in WHOLE_COLUMNS}
        whole = sum(widths.values())
        if whole > available - 2 * shared_min > 0:
            widths = {column: width * (available - 2 * shared_min) // whole for column, width in widths.items()}
        left = available - sum(widths.values())
        holder = self._needed[COL_HOLDER]
        widths[COL_HOLDER] = max(
            header.minimumSectionSize(), min(holder, max(left // 2, left - self._needed[COL_PURPOSE]))
        )
        widths[COL_PURPOSE] = max(header.minimumSectionSize(), left - widths[COL_HOLDER])
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _needed_width(self, column: int) -> int:
        """The widest of the column's texts (its heading included), as the table draws them, with
        a little air before the next column.

        The same as ``max(heading, table.sizeHintForColumn(column) + GAP)``, which asks the
        delegate to lay out every cell (a dozen calls into the model each); here only the cell
        whose text is widest in its own font is laid out that way (a test checks they agree).
        """
        header = self.table.horizontalHeader()
        heading = header.sectionSizeFromContents(column).width()
        widest = self._widest_cell(column)
        if widest is None:
            return max(heading, GAP)
        return max(heading, self.table.sizeHintForIndex(widest).width() + GAP)

    def _widest_cell(self, column: int) -> QModelIndex | None:
        """The cell of ``column`` whose text (and colour swatch, if any) is the widest."""
        base = QFontMetrics(self.table.font())
        metrics: dict[int, QFontMetrics] = {}  # by the model's font objects, which it shares
        widest_row, widest_width = -1, -1
        for row in range(self.model.rowCount()):
            font = self.model.value(row, column, Qt.ItemDataRole.FontRole)
            fitting = base
            if isinstance(font, QFont):
                if id(font) not in metrics:
                    metrics[id(font)] = QFontMetrics(QFont(font).resolve(self.table.font()))
                fitting = metrics[id(font)]
            text = self.model.value(row, column, Qt.ItemDataRole.DisplayRole)
            width = fitting.horizontalAdvance(text) if isinstance(text, str) else 0
            if self.model.value(row, column, Qt.ItemDataRole.DecorationRole) is not None:
                width += fitting.height()  # the swatch is about a line high and wide
            if width > widest_width:
                widest_row, widest_width = row, width
        return self.model.index(widest_row, column) if widest_row >= 0 else None

    # -- data --------------------------------------------------------------------------------------

    def refresh(self, now: datetime) -> None:
        today = now.date()
        start = datetime.combine(today, time())
        rooms = {room.id: room for room in self.services.rooms.rooms(self.actor, include_inactive=True)}
        rows = self.services.bookings.bookings_between(self.actor, start, start + timedelta(days=1))
        lines = agenda(rows, now, {room_id: room.name for room_id, room in rooms.items()})
        dues = dues_of(self.services, self.actor, (line.booking for line in lines))
        current = self.current_booking()
        self.model.set_lines(lines, dues, rooms, now)
        self._needed = {}
        self._select(current)
        closures = self.services.closures.closures(self.actor, today, today)
        self.closed_label.setText(
            _("The house is closed today: {reason}.").format(reason=closures[0].reason) if closures else ""
        )
        self.closed_label.setVisible(bool(closures))
        count = len(lines)
        self.summary.setText(
            ngettext("{count} booking", "{count} bookings", count).format(count=count) if count else ""
        )
        self.table.setVisible(count > 0)
        self.empty_hint.setVisible(count == 0)
        self.table.fit_height()
        self._fit_columns()

    def current_booking(self) -> BookingRow | None:
        """The booking the keyboard is on, if any."""
        line = self.model.line_at(self.table.currentIndex().row())
        return line.booking if line is not None else None

    def _select(self, booking: BookingRow | None) -> None:
        """Keep the keyboard on the same booking across a refresh (it may have moved down)."""
        if booking is None:
            return
        for row in range(self.model.rowCount()):
            line = self.model.line_at(row)
            if line is not None and (line.booking.id, line.booking.series_id, line.booking.occurrence_start) == (
                booking.id,
                booking.series_id,
                booking.occurrence_start,
            ):
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.selectRow(row)
                return

    # -- keyboard ----------------------------------------------------------------------------------

    def take_focus(self) -> bool:
        return self.table.take_focus()

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.line_at(index.row())
        if line is not None:
            self.booking_opened.emit(line.booking)
