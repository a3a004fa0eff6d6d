"""The fields of one booking: room, day and time, who books, what for, how many, status, price.

Shared by the booking editor for a new booking, a stored one and an occurrence of a series. The
form only collects values: the services check them and the editor shows their messages under
the fields (``FormErrors``). Two things are shown while typing, because the desk needs them
before saving: whether the people fit in the room, and the price the room's rate gives (the
reduced rate of a member association included), which can be overridden by typing another one.

Keyboard: every row's label has a mnemonic (Alt+letter); the room is chosen by typing its name,
spaces and all (``RoomCombo``: Alt+Down opens the list); the time fields step by a quarter hour
with the arrows; the kind of holder (person or association) is a pair of radio buttons before
the name field, switched with the arrows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, format_date, format_money, ngettext, parse_money
from app.services import Services
from app.services.bookings import BookingStatus
from app.services.roles import Actor
from app.services.rooms import MAX_CAPACITY, RoomRow
from ui.widgets.form import ERROR_STYLE, FormErrors
from ui.widgets.form_rows import HINT_STYLE
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import PersonPicker
from ui.widgets.quarter_hour_edit import QuarterHourEdit
from ui.widgets.room_combo import NAME_ROLE, RoomCombo
from ui.widgets.row_box import row_box


@dataclass(frozen=True)
class BookingValues:
    """What the form says, ready for a ``BookingDraft`` or a ``SeriesDraft``."""

    room_id: int
    start: datetime
    end: datetime
    person_id: int | None
    organisation_id: int | None
    purpose: str
    people_count: int
    status: BookingStatus
    price_cents: int | None  # None: the computed price
    notes: str
    public: bool = False  # on the weekly programme poster

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def room_line(room: RoomRow) -> str:
    """ "Sala Grande · up to 100 people": the capacity is what the desk chooses a room by."""
    return _("{room} · {capacity}").format(
        room=room.name,
        capacity=ngettext("up to {count} person", "up to {count} people", room.capacity).format(count=room.capacity),
    )


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BookingForm(QWidget):
    """The fields; ``values()`` reads them, ``load()`` and ``set_span()`` fill them.

    Args:
        services: for the pickers and the computed price.
        actor: the user at the desk.
        rooms: the rooms offered, in order (a stored booking's inactive room is added by ``load``).
        errors: the editor's messages; the form adds its rows to it.

    Signals:
        changed(): any value changed.
        day_changed(date): the booking's day changed (the repetition follows it).
    """

    changed = Signal()
    day_changed = Signal(object)

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        rooms: Sequence[RoomRow],
        errors: FormErrors,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._rooms = {room.id: room for room in rooms}
        self._price_overridden = False
        self._computed_cents: int | None = None
        self._setting_price = False
        self._stored_price: tuple[tuple[object, ...], int] | None = None

        self.room = RoomCombo()
        self.room.setObjectName("booking_room")
        self.room.setToolTip(_("Type the room's name to choose it; Alt+Down opens the list"))
        for room in rooms:
            self._add_room(room)

        self.day = QDateEdit()
        self.day.setObjectName("booking_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setToolTip(_("Type the day, or open the calendar with the arrow"))
        self.day.setMinimumWidth(self.day.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.day.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.weekday = QLabel()
        self.weekday.setObjectName("booking_weekday")
        self.weekday.setStyleSheet(HINT_STYLE)
        day_row = row_box(self.day, self.weekday, grow=self.weekday)
        self.start = QuarterHourEdit()
        self.start.setObjectName("booking_start")
        self.start.setAccessibleName(_("Start time"))
        self.start.setToolTip(_("Start time: type it, or change it by a quarter hour with the arrows"))
        self.end = QuarterHourEdit()
        self.end.setObjectName("booking_end")
        self.end.setAccessibleName(_("End time"))
        self.end.setToolTip(_("End time: type it (00:00 is midnight), or change it by a quarter hour with the arrows"))
        self.duration = QLabel()
        self.duration.setObjectName("booking_duration")
        self.duration.setStyleSheet(HINT_STYLE)
        times = row_box(self.start, QLabel("–"), self.end, self.duration, grow=self.duration)

        self.person_button = QRadioButton(_("Person"))
        self.person_button.setObjectName("booking_holder_is_person")
        self.organisation_button = QRadioButton(_("Association"))
        self.organisation_button.setObjectName("booking_holder_is_organisation")
        self.holder_kind = QButtonGroup(self)
        for button in (self.person_button, self.organisation_button):
            button.setToolTip(_("A person or an association books: switch with the arrow keys"))
            self.holder_kind.addButton(button)
        self.person_button.setChecked(True)
        kinds = row_box(self.person_button, self.organisation_button)
        self.person = PersonPicker(services=services, actor=actor, placeholder=_("Type part of the person's name"))
        self.person.setObjectName("booking_person")
        self.organisation = OrganisationPicker(
            services=services, actor=actor, placeholder=_("Type part of the association's name")
        )
        self.organisation.setObjectName("booking_organisation")
        for picker in (self.person, self.organisation):
            picker.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.holder_stack = QStackedWidget()
        self.holder_stack.addWidget(self.person)
        self.holder_stack.addWidget(self.organisation)
        self.holder_stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.purpose = QLineEdit()
        self.purpose.setObjectName("booking_purpose")
        self.purpose.setPlaceholderText(_("e.g. choir rehearsal, assembly, birthday party"))
        self.purpose.setMaxLength(200)

        self.public = QCheckBox(_("Pub&lic event — on the weekly programme"))
        self.public.setObjectName("booking_public")
        self.public.setToolTip(
            _("Open to everyone: it is printed on the week's programme for the notice board (Alt+L).")
        )

        self.people = QSpinBox()
        self.people.setObjectName("booking_people")
        self.people.setRange(1, MAX_CAPACITY)
        self.capacity_hint = QLabel()
        self.capacity_hint.setObjectName("booking_capacity_hint")
        self.capacity_hint.setWordWrap(True)
        people_row = row_box(self.people, self.capacity_hint, grow=self.capacity_hint)

        self.status = QComboBox()
        self.status.setObjectName("booking_status")
        self.status.addItem(_("Confirmed"), BookingStatus.CONFIRMED)
        self.status.addItem(_("Tentative (not confirmed yet)"), BookingStatus.TENTATIVE)
        self.status.setToolTip(_("A tentative booking does not keep others out of the room"))

        self.price = QLineEdit()
        self.price.setObjectName("booking_price")
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.price.setMaximumWidth(self.price.fontMetrics().horizontalAdvance("0.000,00 €") + 24)
        self.price.setToolTip(_("The price is computed from the room's rate: type another amount to change it"))
        self.price_hint = QLabel()
        self.price_hint.setObjectName("booking_price_hint")
        self.price_hint.setStyleSheet(HINT_STYLE)
        self.price_hint.setWordWrap(True)
        self.price_reset = QToolButton()
        self.price_reset.setObjectName("booking_price_reset")
        self.price_reset.setText(_("Use the computed price"))
        self.price_reset.clicked.connect(self.use_computed_price)
        price_row = row_box(self.price, self.price_hint, self.price_reset, grow=self.price_hint)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("booking_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, str, QWidget]] = [
            (_("&Room"), self.room, "room_id", self.room),
            (_("&Day"), day_row, "day", self.day),
            (_("&Time"), times, "start", self.start),
            (_("Who &books"), kinds, "holder_kind", self.person_button),
            ("", self.holder_stack, "holder", self.holder_stack),
            (_("P&urpose"), self.purpose, "purpose", self.purpose),
            ("", self.public, "public", self.public),
            (_("&People"), people_row, "people_count", self.people),
            (_("St&atus"), self.status, "status", self.status),
            (_("Pr&ice"), price_row, "price_cents", self.price),
            (_("&Notes"), self.notes, "notes", self.notes),
        ]
        self._labels: dict[str, QLabel] = {}
        for label, widget, field, focus in rows:
            box = errors.add_row(form, label, widget, field).parentWidget()
            row_label = form.labelForField(box) if box is not None else None
            if isinstance(row_label, QLabel):
                # The mnemonic (Alt+letter) goes to the field itself, not to the box around it.
                row_label.setBuddy(focus)
                self._labels[field] = row_label
        self._labels["holder_kind"].setBuddy(self.person.edit)
        self.holder_stack.setFocusProxy(self.person)

        self.room.currentIndexChanged.connect(self._changed)
        self.day.dateChanged.connect(self._day_edited)
        self.start.timeChanged.connect(self._changed)
        self.end.timeChanged.connect(self._changed)
        self.organisation_button.toggled.connect(self._holder_kind_chosen)
        self.person.changed.connect(self._changed)
        self.organisation.changed.connect(self._changed)
        self.purpose.textChanged.connect(self._changed)
        self.people.valueChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.price.textEdited.connect(self._price_edited)
        self.notes.textChanged.connect(self._changed)
        self.public.toggled.connect(self._changed)

    # -- filling -----------------------------------------------------------------------------------

    def set_span(self, room_id: int | None, start: datetime, end: datetime) -> None:
        """Room (None: leave it), day and times; ``end`` at midnight shows as 00:00."""
        if room_id is not None:
            self._choose_room(room_id)
        self.day.setDate(_qdate(start.date()))
        self.start.set_value(start.time())
        self.end.set_value(end.time())
        self._changed()

    def load(
        self,
        *,
        room_id: int,
        start: datetime,
        end: datetime,
        person_id: int | None,
        organisation_id: int | None,
        holder: str,
        purpose: str,
        people_count: int,
        status: BookingStatus,
        price_cents: int,
        price_overridden: bool,
        notes: str,
        public: bool = False,
    ) -> None:
        """Show a stored booking, or the occurrence of a series."""
        self.set_span(room_id, start, end)
        if organisation_id is not None:
            self.organisation_button.setChecked(True)
            self.organisation.set_organisation(organisation_id, holder)
        else:
            self.person_button.setChecked(True)
            self.person.set_person(person_id, holder)
        self.purpose.setText(purpose)
        self.people.setValue(people_count)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.notes.setPlainText(notes)
        self.public.setChecked(public)
        self._price_overridden = price_overridden
        self._stored_price = (self._pricing_inputs(), price_cents)
        self._show_price(price_cents)
        self._changed()

    def _add_room(self, room: RoomRow) -> None:
        self.room.addItem(room_line(room), room.id)
        self.room.setItemData(self.room.count() - 1, room.name, NAME_ROLE)  # what typing looks for

    def _choose_room(self, room_id: int) -> None:
        if room_id not in self._rooms:
            room = self._services.rooms.get(self._actor, room_id)  # no longer active, but booked
            self._rooms[room.id] = room
            self._add_room(room)
        self.room.setCurrentIndex(self.room.findData(room_id))

    # -- reading -----------------------------------------------------------------------------------

    def room_id(self) -> int | None:
        data = self.room.currentData()
        return data if isinstance(data, int) else None

    def room_row(self) -> RoomRow | None:
        room_id = self.room_id()
        return self._rooms.get(room_id) if room_id is not None else None

    def booking_day(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def span(self) -> tuple[datetime, datetime]:
        """Start and end; an end at 00:00 after the start is midnight, the end of the day."""
        day = self.booking_day()
        start = datetime.combine(day, self.start.value())
        end = datetime.combine(day, self.end.value())
        if self.end.value() == time() and start > end:
            end += timedelta(days=1)
        return start, end

    def holder_ids(self) -> tuple[int | None, int | None]:
        if self.organisation_button.isChecked():
            return None, self.organisation.organisation_id()
        return self.person.person_id(), None

    def values(self) -> BookingValues:
        """The fields' values.

        Raises:
            ValidationError: what the form itself can tell (no room, a name typed but not
                chosen, a price that is not an amount), on the fields' names.
        """
        problems: list[Problem] = []
        room_id = self.room_id()
        if room_id is None:
            problems.append(Problem("room_id", _("Choose a room.")))
        picker = self.organisation if self.organisation_button.isChecked() else self.person
        if picker.has_unpicked_text():
            problems.append(Problem("holder", _("Choose the name from the list, or clear the field.")))
        price: int | None = None
        if self._price_overridden and self.price.text().strip():
            try:
                price = parse_money(self.price.text())
            except ValueError as error:
                problems.append(Problem("price_cents", str(error)))
        if problems:
            raise ValidationError(problems)
        assert room_id is not None
        start, end = self.span()
        person_id, organisation_id = self.holder_ids()
        status = self.status.currentData()
        return BookingValues(
            room_id=room_id,
            start=start,
            end=end,
            person_id=person_id,
            organisation_id=organisation_id,
            purpose=self.purpose.text(),
            people_count=self.people.value(),
            status=status if isinstance(status, BookingStatus) else BookingStatus.CONFIRMED,
            price_cents=price,
            notes=self.notes.toPlainText(),
            public=self.public.isChecked(),
        )

    def snapshot(self) -> tuple[object, ...]:
        """Everything typed, to tell whether the form was changed."""
        return (
            self.room_id(),
            self.span(),
            self.organisation_button.isChecked(),
            self.holder_ids(),
            self.person.edit.text(),
            self.organisation.edit.text(),
            self.purpose.text(),
            self.people.value(),
            self.status.currentIndex(),
            self._price_overridden,
            self.price.text() if self._price_overridden else "",
            self.notes.toPlainText(),
            self.public.isChecked(),
        )

    def first_focus(self, *, span_given: bool) -> QWidget:
        """Where the cursor starts: the name when room and time came from the day view."""
        if span_given:
            return self.organisation.edit if self.organisation_button.isChecked() else self.person.edit
        return self.room

    def field_widget(self, field: str) -> QWidget | None:
        """The widget to put the cursor in for a problem on ``field``."""
        holder = self.organisation.edit if self.organisation_button.isChecked() else self.person.edit
        return {
            "room_id": self.room,
            "day": self.day,
            "start": self.start,
            "end": self.end,
            "holder": holder,
            "purpose": self.purpose,
            "people_count": self.people,
            "status": self.status,
            "price_cents": self.price,
            "notes": self.notes,
            "public": self.public,
        }.get(field)

    # -- price and capacity ------------------------------------------------------------------------

    def use_computed_price(self) -> None:
        self._price_overridden = False
        self._changed()
        self.price.setFocus()

    def price_overridden(self) -> bool:
        return self._price_overridden

    def _price_edited(self) -> None:
        # Even when emptied: the person is typing another amount (an empty one means computed).
        self._price_overridden = True
        self._changed()

    def _show_price(self, cents: int) -> None:
        self._setting_price = True
        self.price.setText(format_money(cents))
        self._setting_price = False

    def _pricing_inputs(self) -> tuple[object, ...]:
        return (self.room_id(), self.span(), self.holder_ids())

    def _update_price(self) -> None:
        room = self.room_row()
        start, end = self.span()
        minutes = int((end - start).total_seconds() // 60)
        self._computed_cents = None
        if room is not None and minutes > 0:
            person_id, organisation_id = self.holder_ids()
            try:
                self._computed_cents = self._services.bookings.price_quote(
                    self._actor, room.id, minutes, person_id=person_id, organisation_id=organisation_id
                )
            except PortineriaError:
                self._computed_cents = None
        if not self._price_overridden:
            if self._stored_price is not None and self._stored_price[0] == self._pricing_inputs():
                # A stored price stays as it was saved while room, time and holder stay.
                self._show_price(self._stored_price[1])
            else:
                self._show_price(self._computed_cents or 0)
            self.price_hint.setText(_("computed from the room's rate") if self._computed_cents is not None else "")
            self.price_reset.hide()
        else:
            computed = format_money(self._computed_cents) if self._computed_cents is not None else "—"
            self.price_hint.setText(_("changed by hand; computed: {price}").format(price=computed))
            self.price_reset.show()

    def _update_capacity(self) -> None:
        room = self.room_row()
        if room is None:
            self.capacity_hint.clear()
            return
        if self.people.value() > room.capacity:
            self.capacity_hint.setText(
                ngettext(
                    "Too many: {room} holds {count} person at most.",
                    "Too many: {room} holds {count} people at most.",
                    room.capacity,
                ).format(room=room.name, count=room.capacity)
            )
            self.capacity_hint.setStyleSheet(ERROR_STYLE)
        else:
            self.capacity_hint.setText(
                ngettext("{room} holds {count} person.", "{room} holds {count} people.", room.capacity).format(
                    room=room.name, count=room.capacity
                )
            )
            self.capacity_hint.setStyleSheet(HINT_STYLE)

    def _update_weekday(self) -> None:
        """The day's name next to the date: "Tuesday" is what the desk checks a date by."""
        self.weekday.setText(format_date(self.booking_day(), "EEEE"))

    def _update_duration(self) -> None:
        start, end = self.span()
        minutes = int((end - start).total_seconds() // 60)
        if minutes <= 0:
            self.duration.setText(_("ends before it starts"))
            self.duration.setStyleSheet(ERROR_STYLE)
            return
        hours, rest = divmod(minutes, 60)
        if hours and rest:
            text = _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
        elif hours:
            text = _("{hours} h").format(hours=hours)
        else:
            text = _("{minutes} min").format(minutes=rest)
        self.duration.setText(text)
        self.duration.setStyleSheet(HINT_STYLE)

    # -- reacting ----------------------------------------------------------------------------------

    def _holder_kind_chosen(self, organisation: bool) -> None:
        picker: PersonPicker | OrganisationPicker = self.organisation if organisation else self.person
        self.holder_stack.setCurrentWidget(picker)
        self.holder_stack.setFocusProxy(picker)
        self._labels["holder_kind"].setBuddy(picker.edit)
        self._changed()

    def _day_edited(self) -> None:
        self.day_changed.emit(self.booking_day())
        self._changed()

    def _changed(self) -> None:
        if self._setting_price:
            return
        self._update_weekday()
        self._update_duration()
        self._update_capacity()
        self._update_price()
        self.changed.emit()
