"""Find a free room: a day, a span and a number of people in, the rooms free then out, as you type.

The rooms come from ``BookingService.free_rooms``, which knows the closures, the linked rooms (a
hall and its halves) and the capacities; the smallest room that fits comes first, so the hall is
not given to three people. When nothing is free the dialog says why: the house is closed that
day, no room holds that many people, or every room that does is taken.

"Book it" (Enter, or a double-click on a room) opens the booking editor with the room and the
span filled in; when the booking is saved the dialog closes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, format_time, ngettext
from app.services import Services
from app.services.roles import Actor
from app.services.rooms import MAX_CAPACITY, RoomRow
from ui.dialogs.common import close_buttons
from ui.models.free_rooms_model import COL_CAPACITY, COL_EQUIPMENT, COL_RATE, COL_ROOM, FreeRoomsModel
from ui.widgets.form import ERROR_STYLE
from ui.widgets.quarter_hour_edit import STEP_MINUTES, QuarterHourEdit
from ui.widgets.row_table import set_up_row_table
from ui.widgets.table_columns import size_columns

DEFAULT_MINUTES = 60
DAY_MINUTES = 24 * 60


def next_quarter_hour(now: datetime) -> datetime:
    """``now`` if it is on a quarter hour to the second, else the quarter hour after it."""
    start = now.replace(second=0, microsecond=0)
    if start != now or start.minute % STEP_MINUTES:
        start += timedelta(minutes=STEP_MINUTES - start.minute % STEP_MINUTES)
    return start


def default_span(now: datetime) -> tuple[datetime, datetime]:
    """From the next quarter hour for an hour, but never past midnight (a booking ends on its day)."""
    start = next_quarter_hour(now)
    midnight = datetime.combine(start.date() + timedelta(days=1), time())
    return start, min(start + timedelta(minutes=DEFAULT_MINUTES), midnight)


def span_of(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The span the fields mean: an end at 00:00 is the midnight that closes the day."""
    first = datetime.combine(day, start)
    last = datetime.combine(day, end)
    if end == time(0):
        last += timedelta(days=1)
    return first, last


class FreeRoomDialog(QDialog):
    """See the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.booked = False
        self.setWindowTitle(_("Find a free room"))
        self.setObjectName("free_room_dialog")
        self._rooms: dict[int, RoomRow] = {room.id: room for room in services.rooms.rooms(actor)}
        start, end = default_span(services.clock.now())
        self._start_minutes = start.hour * 60 + start.minute

        self.day = QDateEdit()
        self.day.setObjectName("free_room_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.day.setToolTip(_("Type the day, or open the calendar with the arrow"))
        self.start = QuarterHourEdit()
        self.start.setObjectName("free_room_start")
        self.start.set_value(start.time())
        self.start.setToolTip(_("Up and Down move by a quarter of an hour; the end follows"))
        self.end = QuarterHourEdit()
        self.end.setObjectName("free_room_end")
        self.end.set_value(end.time())
        self.end.setToolTip(_("Up and Down move by a quarter of an hour; 00:00 is midnight"))
        self.people = QSpinBox()
        self.people.setObjectName("free_room_people")
        self.people.setRange(1, MAX_CAPACITY)
        self.people.setValue(1)
        self.people.setToolTip(_("How many people will be in the room"))

        fields = QHBoxLayout()
        for text, field in (
            (_("&Day"), self.day),
            (_("Fro&m"), self.start),
            (_("T&o"), self.end),
            (_("&People"), self.people),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            fields.addWidget(label)
            fields.addWidget(field)
            fields.addSpacing(12)
        fields.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("free_room_message")
        self.message.setWordWrap(True)

        self.model = FreeRoomsModel(self)
        self.table = QTableView()
        self.table.setObjectName("free_room_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Free rooms"))
        set_up_row_table(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        size_columns(self.table, {COL_ROOM: 30, COL_CAPACITY: 12, COL_RATE: 30}, COL_EQUIPMENT, padding=24)
        # Enter reaches "Book it" as the default button; only the double-click is handled here.
        self.table.doubleClicked.connect(lambda _index: self.book_chosen())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_button())

        buttons = close_buttons(self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(_("Close (Esc)"))
        self.book_button = QPushButton(_("&Book it…"))
        self.book_button.setObjectName("free_room_book")
        self.book_button.setToolTip(_("Make a booking of the chosen room at this time (Enter)"))
        self.book_button.setDefault(True)
        self.book_button.setAutoDefault(True)
        buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.book_button.clicked.connect(self.book_chosen)

        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

        self.day.dateChanged.connect(lambda _value: self.refresh())
        self.start.timeChanged.connect(lambda _value: self._start_changed())
        self.end.timeChanged.connect(lambda _value: self.refresh())
        self.people.valueChanged.connect(lambda _value: self.refresh())
        self.setTabOrder(self.day, self.start)
        self.setTabOrder(self.start, self.end)
        self.setTabOrder(self.end, self.people)
        self.setTabOrder(self.people, self.table)
        self.setTabOrder(self.table, self.book_button)
        self.resize(900, 520)
        self.refresh()
        self.people.setFocus(Qt.FocusReason.OtherFocusReason)
        self.people.selectAll()

    # -- the question ------------------------------------------------------------------------------

    def span(self) -> tuple[datetime, datetime]:
        value = self.day.date()
        return span_of(date(value.year(), value.month(), value.day()), self.start.value(), self.end.value())

    def _start_changed(self) -> None:
        """Moving the start moves the end with it, keeping the length, up to midnight at most."""
        start = self.start.value()
        minutes = start.hour * 60 + start.minute
        end = self.end.value()
        end_minutes = end.hour * 60 + end.minute or DAY_MINUTES
        moved = min(end_minutes + minutes - self._start_minutes, DAY_MINUTES)
        self._start_minutes = minutes
        if moved > minutes and moved != end_minutes:
            self.end.blockSignals(True)
            self.end.set_value(time((moved // 60) % 24, moved % 60))
            self.end.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        """Ask again which rooms are free, keeping the chosen room if it still is."""
        kept = self.chosen()
        start, end = self.span()
        people = self.people.value()
        free: list[RoomRow] = []
        if end <= start:
            self._say(_("The end must come after the start: check the times."), True)
        else:
            free = [
                self._rooms[room_id]
                for room_id in self._services.bookings.free_rooms(self._actor, start, end, people)
                if room_id in self._rooms
            ]
            self._say(*self._answer(start, end, people, len(free)))
        self.model.set_rooms(free, {room.id: room.name for room in self._rooms.values()})
        row = self.model.row_of(kept[0]) if kept is not None else -1
        if free:
            self.table.selectRow(max(row, 0))
        self._update_button()

    def _answer(self, start: datetime, end: datetime, people: int, count: int) -> tuple[str, bool]:
        """What to tell the desk about this search, and whether it is a problem."""
        when = _("{day}, {start}–{end}").format(
            day=format_date(start.date(), "full"), start=format_time(start), end=format_time(end)
        )
        for_people = ngettext("{count} person", "{count} people", people).format(count=people)
        if count:
            return (
                ngettext(
                    "{count} room free on {when} for {people}.", "{count} rooms free on {when} for {people}.", count
                ).format(count=count, when=when, people=for_people),
                False,
            )
        closures = self._services.closures.closures(self._actor, start.date(), start.date())
        if closures:
            return (
                _("The house is closed on {day} ({reason}): choose another day.").format(
                    day=format_date(start.date(), "full"), reason=closures[0].reason
                ),
                True,
            )
        if not self._rooms:
            return _("The house has no rooms yet: a coordinator adds them in the Rooms area."), True
        largest = max(room.capacity for room in self._rooms.values())
        if people > largest:
            return (
                _("No room holds {people} people: the largest holds {largest}. Make the group smaller.").format(
                    people=people, largest=largest
                ),
                True,
            )
        return (
            _("No room for {people} is free on {when}: try another time or another day.").format(
                people=for_people, when=when
            ),
            True,
        )

    def _say(self, text: str, problem: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if problem else "")

    # -- the answer --------------------------------------------------------------------------------

    def chosen(self) -> tuple[int, datetime, datetime] | None:
        """The room chosen in the list and the span asked for, or None when no room is chosen."""
        selected = self.table.selectionModel().selectedRows()
        room = self.model.room_at(selected[0].row()) if selected else None
        if room is None:
            return None
        start, end = self.span()
        return room.id, start, end

    def _update_button(self) -> None:
        self.book_button.setEnabled(self.chosen() is not None)

    def book_chosen(self) -> None:
        """Open the booking editor on the chosen room and span; close once the booking is saved."""
        choice = self.chosen()
        if choice is None:
            return
        from ui.dialogs.booking_editor import open_new_booking  # the editor loads when first needed

        room_id, start, end = choice
        if open_new_booking(self, self._services, self._actor, room_id=room_id, start=start, end=end):
            self.booked = True
            self.accept()
        else:
            self.refresh()
