"""The bookings of the house: one day of every room, or one week of one room.

The bar above the calendar: ◀ and ▶ (or Page Up/Page Down in the calendar) go back and forward a
day, or a week in the week view; "Today" (Ctrl+T) comes back to today; the date field with its
calendar jumps to any day. Day and Week (Ctrl+D, Ctrl+W) switch the view; the week view has a room
chooser, which starts at the room under the calendar's cursor (the room of the last booking
selected, or the first room). Below it, the colours (by room or by type) with their legend. The
page remembers its view, room and colours while it lives. Double-clicking a booking, or Enter on
it, opens it; dragging on free time, or Shift+arrows and Enter, chooses a span to book.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.bookings import BookingRow
from app.services.roles import Actor
from app.services.rooms import RoomRow
from app.weeks import DAYS_IN_WEEK, format_week, monday_of
from ui import messages
from ui.dialogs.booking_editor import BookingEditor, default_span
from ui.pages.base import Page
from ui.widgets.calendar_colours import BookingKind, ColourScheme
from ui.widgets.calendar_cursor import DEFAULT_HOUR
from ui.widgets.calendar_layout import ViewMode, linked_room_ids
from ui.widgets.calendar_legend import CalendarLegend
from ui.widgets.day_view import DayView
from ui.widgets.room_combo import RoomCombo

TYPE_LEGEND = [BookingKind.ONE_OFF, BookingKind.SERIES, BookingKind.TENTATIVE]


class BookingsPage(Page):
    """The calendar of bookings; see the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self._day = services.clock.today()
        self._mode = ViewMode.DAY
        self._rows: list[BookingRow] = []
        self._rooms: list[RoomRow] = []
        self.dialog: BookingEditor | None = None

        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("bookings_previous")
        self.today_button = QPushButton(_("Today"))
        self.today_button.setObjectName("bookings_today")
        self.today_button.setToolTip(_("Back to today (Ctrl+T)"))
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("bookings_next")
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("▶") * 4 + 16)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("bookings_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setToolTip(_("Choose a day: type it, or open the calendar with the arrow"))
        self.date_edit.setAccessibleName(_("Day shown"))

        self.day_button = QPushButton(_("Da&y"))
        self.day_button.setObjectName("bookings_day_mode")
        self.day_button.setToolTip(_("One day, every room side by side (Ctrl+D)"))
        self.week_button = QPushButton(_("&Week"))
        self.week_button.setObjectName("bookings_week_mode")
        self.week_button.setToolTip(_("The week of one room, Monday to Sunday (Ctrl+W)"))
        self.mode_group = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.mode_group.addButton(button)
        self.day_button.setChecked(True)

        self.room_label = QLabel(_("&Room:"))
        self.room_combo = RoomCombo()
        self.room_combo.setObjectName("bookings_room")
        self.room_combo.setToolTip(_("The room whose week is shown"))
        self.room_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.room_combo.setMaximumWidth(self.room_combo.fontMetrics().averageCharWidth() * 32 + 40)
        self.room_label.setBuddy(self.room_combo)

        self.day_label = QLabel()
        self.day_label.setObjectName("bookings_day_label")
        font = self.day_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.day_label.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("bookings_count")

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.date_edit)
        bar.addSpacing(12)
        bar.addWidget(self.day_button)
        bar.addWidget(self.week_button)
        bar.addSpacing(12)
        bar.addWidget(self.room_label)
        bar.addWidget(self.room_combo)
        bar.addStretch(1)
        self.new_button = QPushButton(_("&New booking"))
        self.new_button.setObjectName("bookings_new")
        self.new_button.setToolTip(_("Book a room (Ctrl+N)"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.add_new)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)

        self.view = DayView()
        self.view.setObjectName("bookings_day_view")
        self.hint = QLabel()
        self.hint.setObjectName("bookings_hint")
        self.hint.setWordWrap(True)
        self.legend = CalendarLegend()
        self.legend.setObjectName("bookings_legend")
        self.colour_label = QLabel(_("C&olours:"))
        self.colour_combo = QComboBox()
        self.colour_combo.setObjectName("bookings_colours")
        self.colour_combo.setToolTip(_("Colour the bookings by their room, or by their type"))
        for scheme in ColourScheme:
            self.colour_combo.addItem(scheme.label(), scheme)
        self.colour_label.setBuddy(self.colour_combo)

        title = QHBoxLayout()  # the bar is full at 1366 px: what is shown goes on a line of its own
        title.addWidget(self.day_label)
        title.addSpacing(18)
        title.addWidget(self.count_label)
        title.addStretch(1)
        title.addWidget(self.colour_label)
        title.addWidget(self.colour_combo)
        footer = QHBoxLayout()
        footer.addWidget(self.hint, 1)
        footer.addSpacing(12)
        footer.addWidget(self.legend)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(title)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)
        order = [self.previous_button, self.today_button, self.next_button, self.date_edit, self.day_button]
        order += [self.week_button, self.room_combo, self.new_button, self.colour_combo, self.view]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

        self.previous_button.clicked.connect(lambda: self.move_day(-self._step()))
        self.next_button.clicked.connect(lambda: self.move_day(self._step()))
        self.today_button.clicked.connect(self.go_today)
        self.date_edit.dateChanged.connect(self._date_edited)
        self.day_button.clicked.connect(lambda: self.set_mode(ViewMode.DAY))
        self.week_button.clicked.connect(lambda: self.set_mode(ViewMode.WEEK))
        self.room_combo.activated.connect(lambda _index: self.reload())
        self.colour_combo.currentIndexChanged.connect(self._colours_chosen)
        self.view.day_change_requested.connect(self.move_day)
        self.view.booking_activated.connect(self._booking_activated)
        self.view.occurrence_activated.connect(self._occurrence_activated)
        self.view.span_selected.connect(self._span_selected)
        QShortcut(QKeySequence("Ctrl+T"), self, self.go_today)
        QShortcut(QKeySequence("Ctrl+D"), self, lambda: self.set_mode(ViewMode.DAY))
        QShortcut(QKeySequence("Ctrl+W"), self, lambda: self.set_mode(ViewMode.WEEK))
        self._show_mode()
        self._show_date()

    def day(self) -> date:
        return self._day

    def mode(self) -> ViewMode:
        return self._mode

    def room_id(self) -> int | None:
        """The room whose week is shown (or would be, in the day view)."""
        value = self.room_combo.currentData()
        return value if isinstance(value, int) else None

    def shown(self) -> None:
        self.reload()
        self._cursor_to_now()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _step(self) -> int:
        return DAYS_IN_WEEK if self._mode == ViewMode.WEEK else 1

    def _days_shown(self) -> tuple[date, date]:
        if self._mode == ViewMode.DAY:
            return self._day, self._day
        first = monday_of(self._day)
        return first, first + timedelta(days=DAYS_IN_WEEK - 1)

    def move_day(self, days: int) -> None:
        self.set_day(self._day + timedelta(days=days))

    def go_today(self) -> None:
        """Today's day or week, the cursor at the current time."""
        self.set_day(self.services.clock.today())
        self._cursor_to_now()

    def _cursor_to_now(self) -> None:
        now = self.services.clock.now()
        first, last = self._days_shown()
        if first <= now.date() <= last:
            self.view.place_cursor(now)
        else:
            self.view.place_cursor(datetime.combine(self._day, time(DEFAULT_HOUR)))

    def set_day(self, day: date) -> None:
        if day == self._day:
            return
        self._day = day
        self._show_date()
        self.reload()

    def set_mode(self, mode: ViewMode) -> None:
        """Day or week. The week shown is the cursor's, of the room under the cursor; back in the
        day view, the day is the cursor's."""
        if mode == self._mode:
            self._show_mode()
            return
        cursor_day = self.view.cursor_day()
        if mode == ViewMode.WEEK:
            self._choose_room(self.view.cursor_room_id())
        if cursor_day is not None:
            self._day = cursor_day
        self._mode = mode
        self._show_mode()
        self._show_date()
        self.reload()
        self.view.scroll_to_cursor()

    def set_colour_scheme(self, scheme: ColourScheme) -> None:
        self.colour_combo.setCurrentIndex(self.colour_combo.findData(scheme))

    def _colours_chosen(self, _index: int) -> None:
        scheme = self.colour_combo.currentData()
        if isinstance(scheme, ColourScheme):
            self.view.set_colour_scheme(scheme)
        self._show_legend()

    def reload(self) -> None:
        self._rooms = self.services.rooms.rooms(self.actor)
        self._fill_rooms()
        first, last = self._days_shown()
        room_ids: list[int] | None = None
        room_id = self.room_id()
        if self._mode == ViewMode.WEEK and room_id is not None:
            room_ids = [room_id, *linked_room_ids(self._rooms, room_id)]
        start, end = datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time())
        self._rows = self.services.bookings.bookings_between(self.actor, start, end, room_ids)
        closures = self.services.closures.closures(self.actor, first, last)
        self.view.set_today(self.services.clock.today())
        self.view.set_mode(self._mode)
        self.view.set_week_room(room_id)
        self.view.set_day(self._day)
        self.view.set_data(self._rooms, self._rows, closures)
        count = self.view.own_count()
        if count:
            self.count_label.setText(ngettext("{count} booking", "{count} bookings", count).format(count=count))
        elif self._mode == ViewMode.DAY:
            self.count_label.setText(_("No bookings on this day"))
        else:
            self.count_label.setText(_("No bookings this week"))

    def _fill_rooms(self) -> None:
        """The room chooser lists the rooms in use; the choice stays when it still exists."""
        chosen = self.room_id()
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        for room in self._rooms:
            self.room_combo.addItem(room.name, room.id)
        self.room_combo.blockSignals(False)
        self._choose_room(chosen)

    def _choose_room(self, room_id: int | None) -> None:
        index = self.room_combo.findData(room_id) if room_id is not None else -1
        self.room_combo.setCurrentIndex(max(index, 0) if self.room_combo.count() else -1)

    def _show_mode(self) -> None:
        week = self._mode == ViewMode.WEEK
        (self.week_button if week else self.day_button).setChecked(True)
        self.room_label.setVisible(week)
        self.room_combo.setVisible(week)
        if week:
            self.previous_button.setToolTip(_("Previous week (Page Up)"))
            self.previous_button.setAccessibleName(_("Previous week"))
            self.next_button.setToolTip(_("Next week (Page Down)"))
            self.next_button.setAccessibleName(_("Next week"))
            self.hint.setText(
                _(
                    "Enter or double-click: open a booking. Drag on free time, or Shift+↑/↓ then Enter: book it. "
                    "Grey boxes: a linked room is booked."
                )
            )
        else:
            self.previous_button.setToolTip(_("Previous day (Page Up)"))
            self.previous_button.setAccessibleName(_("Previous day"))
            self.next_button.setToolTip(_("Next day (Page Down)"))
            self.next_button.setAccessibleName(_("Next day"))
            self.hint.setText(
                _(
                    "Enter or double-click: open a booking. Drag on free time, or Shift+↑/↓ then Enter: book it. "
                    "Tab: next booking."
                )
            )
        self._show_legend()

    def _show_legend(self) -> None:
        kinds = list(TYPE_LEGEND) if self.colour_combo.currentData() == ColourScheme.BY_TYPE else []
        if self._mode == ViewMode.WEEK:
            kinds.append(BookingKind.LINKED)
        self.legend.set_kinds(kinds)

    def _show_date(self) -> None:
        if self._mode == ViewMode.DAY:
            self.day_label.setText(format_date(self._day, "full"))
        else:
            self.day_label.setText(format_week(self._day))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self._day.year, self._day.month, self._day.day))
        self.date_edit.blockSignals(False)

    def _date_edited(self, value: QDate) -> None:
        if value.isValid():
            self.set_day(date(value.year(), value.month(), value.day()))

    def add_new(self) -> None:
        """Ctrl+N or "New booking": a booking on the day shown (in the week view, of its room)."""
        start, _end = default_span(self.services.clock.today(), self.services.clock.now(), self._day)
        room_id = self.room_id() if self._mode == ViewMode.WEEK else None
        self._open_editor(room_id=room_id, start=start)

    def _booking_activated(self, booking_id: int) -> None:
        self._open_editor(booking_id=booking_id)

    def _occurrence_activated(self, series_id: int, occurrence_start: object) -> None:
        assert isinstance(occurrence_start, datetime)
        self._open_editor(series_id=series_id, occurrence_start=occurrence_start)

    def _span_selected(self, room_id: int, start: object, end: object) -> None:
        assert isinstance(start, datetime) and isinstance(end, datetime)
        self._open_editor(room_id=room_id, start=start, end=end)

    def _open_editor(
        self,
        *,
        booking_id: int | None = None,
        series_id: int | None = None,
        occurrence_start: datetime | None = None,
        room_id: int | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> None:
        """The booking editor, window-modal (``open()``, no nested event loop, as the other pages):
        tests fill the dialog the page opened (``page.dialog``)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        try:
            dialog = BookingEditor(
                services=self.services,
                actor=self.actor,
                booking_id=booking_id,
                series_id=series_id,
                occurrence_start=occurrence_start,
                room_id=room_id,
                start=start,
                end=end,
                parent=self,
            )
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.reload()
            return
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._editor_closed)  # a bound method: see SearchListPage
        dialog.open()

    def _editor_closed(self, result: int) -> None:
        """After a save or a cancel the calendar shows the day of the booking as it now is."""
        dialog, self.dialog = self.dialog, None
        if result == QDialog.DialogCode.Accepted:
            day = dialog.saved_day if dialog is not None else None
            if day is not None and day != self._day:
                self.set_day(day)
            else:
                self.reload()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
