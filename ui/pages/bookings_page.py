"""The bookings of one day, rooms side by side, with a bar to move between days.

◀ and ▶ (or Page Up/Page Down, Left/Right in the day) go back and forward a day, "Today" comes
back to today, and the date field with its calendar jumps to any day. Double-clicking a booking
shows its details; dragging on free time shows the span chosen.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, format_date, format_money, format_time, ngettext
from app.services import Services
from app.services.bookings import BookingRow, BookingStatus
from app.services.roles import Actor
from ui import messages
from ui.pages.base import Page
from ui.widgets.day_view import DayView


class BookingsPage(Page):
    """One day of bookings; see the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self._day = services.clock.today()
        self._rows: list[BookingRow] = []

        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("bookings_previous")
        self.previous_button.setToolTip(_("Previous day (Page Up)"))
        self.previous_button.setAccessibleName(_("Previous day"))
        self.today_button = QPushButton(_("Today"))
        self.today_button.setObjectName("bookings_today")
        self.today_button.setToolTip(_("Back to today (Ctrl+T)"))
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("bookings_next")
        self.next_button.setToolTip(_("Next day (Page Down)"))
        self.next_button.setAccessibleName(_("Next day"))
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("▶") * 4 + 16)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("bookings_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setToolTip(_("Choose a day: type it, or open the calendar with the arrow"))
        self.date_edit.setAccessibleName(_("Day shown"))
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
        bar.addWidget(self.day_label)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.view = DayView()
        self.view.setObjectName("bookings_day_view")
        self.hint = QLabel(
            _("Double-click a booking to see it. Drag on free time to choose a span. Page Up/Page Down change day.")
        )
        self.hint.setObjectName("bookings_hint")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)

        self.previous_button.clicked.connect(lambda: self.move_day(-1))
        self.next_button.clicked.connect(lambda: self.move_day(1))
        self.today_button.clicked.connect(lambda: self.set_day(self.services.clock.today()))
        self.date_edit.dateChanged.connect(self._date_edited)
        self.view.day_change_requested.connect(self.move_day)
        self.view.booking_activated.connect(self._booking_activated)
        self.view.occurrence_activated.connect(self._occurrence_activated)
        self.view.span_selected.connect(self._span_selected)
        QShortcut(QKeySequence("Ctrl+T"), self, lambda: self.set_day(self.services.clock.today()))
        self._show_date()

    def day(self) -> date:
        return self._day

    def shown(self) -> None:
        self.reload()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def move_day(self, days: int) -> None:
        self.set_day(self._day + timedelta(days=days))

    def set_day(self, day: date) -> None:
        if day == self._day:
            return
        self._day = day
        self._show_date()
        self.reload()

    def reload(self) -> None:
        start = datetime.combine(self._day, time())
        rooms = self.services.rooms.rooms(self.actor)
        self._rows = self.services.bookings.bookings_between(self.actor, start, start + timedelta(days=1))
        self.view.set_day(self._day)
        self.view.set_data(rooms, self._rows)
        count = len(self.view.booking_rects())
        if count == 0:
            self.count_label.setText(_("No bookings on this day"))
        else:
            self.count_label.setText(ngettext("{count} booking", "{count} bookings", count).format(count=count))

    def _show_date(self) -> None:
        self.day_label.setText(format_date(self._day, "full"))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self._day.year, self._day.month, self._day.day))
        self.date_edit.blockSignals(False)

    def _date_edited(self, value: QDate) -> None:
        if value.isValid():
            self.set_day(date(value.year(), value.month(), value.day()))

    def _room_name(self, room_id: int) -> str:
        return next((room.name for room in self.services.rooms.rooms(self.actor) if room.id == room_id), "")

    def describe(self, row: BookingRow) -> str:
        lines = [
            row.purpose or _("(no purpose given)"),
            _("{room}, {date}, {start}–{end}").format(
                room=self._room_name(row.room_id),
                date=format_date(row.start),
                start=format_time(row.start),
                end=format_time(row.end),
            ),
            _("Booked by: {holder}").format(holder=row.holder or "—"),
            _("People: {count}").format(count=row.people_count),
            _("Price: {price}").format(price=format_money(row.price_cents)),
        ]
        if row.status == BookingStatus.TENTATIVE:
            lines.append(_("Tentative: not confirmed yet"))
        if row.series_id is not None:
            lines.append(_("Part of a repeating booking"))
        if row.notes:
            lines.append(row.notes)
        return "\n".join(lines)

    def _booking_activated(self, booking_id: int) -> None:
        row = next((row for row in self._rows if row.id == booking_id), None)
        if row is not None:
            messages.show_info(self, self.describe(row), title=_("Booking"))

    def _occurrence_activated(self, series_id: int, occurrence_start: object) -> None:
        row = next(
            (row for row in self._rows if row.series_id == series_id and row.occurrence_start == occurrence_start),
            None,
        )
        if row is not None:
            messages.show_info(self, self.describe(row), title=_("Booking"))

    def _span_selected(self, room_id: int, start: object, end: object) -> None:
        assert isinstance(start, datetime) and isinstance(end, datetime)
        messages.show_info(
            self,
            _("Free: {room}, {start}–{end}").format(
                room=self._room_name(room_id), start=format_time(start), end=format_time(end)
            ),
            title=_("Free time"),
        )
