"""Adding a room, or changing one: name, capacity, rates, colour, equipment, hours, larger room.

The weekly opening hours are a grid (``OpeningHoursGrid``, one line of spans per weekday) saved
with the room in one transaction; its problems show under their days, not under the whole grid.
The older free-text field stays as notes on opening ("closed in August").

The service decides what is valid (a room with parts cannot become part of another, a part of a
room cannot have parts): the editor offers the choices and shows the service's message under the
field it concerns. Amounts are typed as the desk writes them (``12``, ``12,50``, ``€ 12,50``); an empty one is 0,
a room lent for free.
For a new room the member rate follows the hourly rate as it is typed, until someone types a
member rate of their own: most houses start with one rate and lower it for members later.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, parse_money
from app.services import Services
from app.services.opening_hours import FIELD as OPENING_FIELD
from app.services.opening_hours import OpeningSpan
from app.services.roles import Actor
from app.services.rooms import MAX_CAPACITY, RoomDraft, RoomRow
from app.text import fold
from ui import messages
from ui.dialogs.common import GuardedDialog, save_button, save_cancel_buttons, show_problems
from ui.widgets.colour_field import ColourField
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import amount_text, error_row, hinted, money_edit
from ui.widgets.opening_hours_grid import OpeningHoursGrid
from ui.widgets.room_combo import RoomCombo

DEFAULT_COLOUR = RoomDraft().colour


class RoomEditor(GuardedDialog):
    """The form for one room, new (``room_id=None``) or existing.

    After ``Accepted``, ``saved_id`` is the id of the stored room.

    Raises:
        PortineriaError: from the constructor, when the room cannot be read (deleted meanwhile).
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        room_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._room_id = room_id
        self.saved_id: int | None = None
        room = services.rooms.get(actor, room_id) if room_id is not None else None
        rooms = services.rooms.rooms(actor, include_inactive=True)
        self.setWindowTitle(_("New room") if room is None else _("Room: {name}").format(name=room.name))
        self.setMinimumWidth(600)

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        row = partial(error_row, self.errors, form)

        self.name = QLineEdit()
        self.name.setObjectName("room_name")
        self.name.setPlaceholderText(_("for example Sala Grande"))
        row(_("&Name"), self.name, "name")

        self.capacity = QSpinBox()
        self.capacity.setObjectName("room_capacity")
        self.capacity.setRange(0, MAX_CAPACITY)
        self.capacity.setSpecialValueText(" ")  # 0 shows as empty: "not written yet"
        self.capacity.setFixedWidth(self.capacity.fontMetrics().horizontalAdvance("10.000") + 48)
        row(_("&Capacity"), hinted(self.capacity, _("people at most")), "capacity")

        self.hourly_rate = money_edit("room_hourly_rate")
        row(_("&Hourly rate"), hinted(self.hourly_rate, _("€ per hour")), "hourly_rate_cents")
        self.member_rate = money_edit("room_member_rate")
        row(
            _("&Member rate"),
            hinted(self.member_rate, _("€ per hour, for member associations")),
            "member_rate_cents",
        )

        self.colour = ColourField()
        row(_("C&olour"), self.colour, "colour")

        self.equipment = QLineEdit()
        self.equipment.setObjectName("room_equipment")
        self.equipment.setPlaceholderText(_("for example projector, 40 chairs, kitchen corner"))
        row(_("&Equipment"), self.equipment, "equipment")

        self.opening_grid = OpeningHoursGrid()
        self.opening_grid.setObjectName("room_opening_grid")
        self.opening_grid.setToolTip(
            _(
                "The monthly summary measures how full the room is against these hours; "
                "bookings outside them are not refused."
            )
        )
        row(_("O&pening hours"), self.opening_grid, OPENING_FIELD)

        self.opening_hours = QLineEdit()
        self.opening_hours.setObjectName("room_opening_hours")
        self.opening_hours.setPlaceholderText(_("for example closed in August; ask for the key at the bar"))
        self.opening_hours.setToolTip(_("Shown to the desk as written (Alt+T)"))
        row(_("No&tes on opening"), self.opening_hours, "opening_hours")

        self.part_of = RoomCombo()
        self.part_of.setObjectName("room_part_of")
        self.part_of.addItem(_("— none: a room of its own —"), None)
        for other in sorted(rooms, key=lambda other: fold(other.name)):
            if other.id != room_id and (other.parent_id is None or (room and room.parent_id == other.id)):
                label = other.name if other.active else _("{name} (not in use)").format(name=other.name)
                self.part_of.addItem(label, other.id)
        self.part_of.setToolTip(_("Booking a room also blocks the larger room it is part of, and the other way round."))
        row(_("Pa&rt of"), self.part_of, "parent_id")

        self.active = QCheckBox(_("In &use: it can be booked"))
        self.active.setObjectName("room_active")
        self.active.setChecked(True)
        row("", self.active, "active")

        buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(buttons)
        self.save_button.setToolTip(_("Save the room (Enter or Ctrl+S)"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._member_rate_typed = room is not None
        self.member_rate.textEdited.connect(self._member_rate_edited)
        self.hourly_rate.textChanged.connect(self._follow_hourly_rate)
        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "capacity": self.capacity,
            "hourly_rate_cents": self.hourly_rate,
            "member_rate_cents": self.member_rate,
            "colour": self.colour,
            OPENING_FIELD: self.opening_grid,
            "parent_id": self.part_of,
        }
        self._load(room)
        if room is not None:
            self.opening_grid.load(services.rooms.opening_hours(actor, room.id))
        self._initial = self._snapshot()
        self.adjustSize()
        self.name.setFocus()

    # -- filling and reading the form ----------------------------------------------------------------

    def _load(self, room: RoomRow | None) -> None:
        if room is None:
            self.colour.set_text(DEFAULT_COLOUR)
            return
        self.name.setText(room.name)
        self.capacity.setValue(room.capacity)
        self.hourly_rate.setText(amount_text(room.hourly_rate_cents))
        self.member_rate.setText(amount_text(room.member_rate_cents))
        self.colour.set_text(room.colour)
        self.equipment.setText(room.equipment)
        self.opening_hours.setText(room.opening_hours)
        index = self.part_of.findData(room.parent_id) if room.parent_id is not None else 0
        self.part_of.setCurrentIndex(max(index, 0))
        self.active.setChecked(room.active)

    def _follow_hourly_rate(self, text: str) -> None:
        if not self._member_rate_typed:
            self.member_rate.setText(text)

    def _member_rate_edited(self) -> None:
        self._member_rate_typed = True

    def draft(self) -> RoomDraft:
        """What the form says, as the service takes it.

        Raises:
            ValidationError: an amount cannot be read; the message says how to write it.
        """
        problems: list[Problem] = []
        rates: dict[str, int] = {}
        for field, edit in (("hourly_rate_cents", self.hourly_rate), ("member_rate_cents", self.member_rate)):
            try:
                rates[field] = parse_money(edit.text()) if edit.text().strip() else 0
            except ValueError as error:
                problems.append(Problem(field, str(error)))
        if problems:
            raise ValidationError(problems)
        parent_id = self.part_of.currentData()
        return RoomDraft(
            name=self.name.text(),
            capacity=self.capacity.value(),
            hourly_rate_cents=rates["hourly_rate_cents"],
            member_rate_cents=rates["member_rate_cents"],
            colour=self.colour.text(),
            equipment=self.equipment.text(),
            opening_hours=self.opening_hours.text(),
            active=self.active.isChecked(),
            parent_id=parent_id if isinstance(parent_id, int) else None,
        )

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.capacity.value(),
            self.hourly_rate.text(),
            self.member_rate.text(),
            self.colour.text(),
            self.equipment.text(),
            self.opening_hours.text(),
            self.opening_grid.snapshot(),
            self.part_of.currentIndex(),
            self.active.isChecked(),
        )

    def is_modified(self) -> bool:
        return self._snapshot() != self._initial

    # -- saving and leaving --------------------------------------------------------------------------

    def save(self) -> None:
        """Check and store; problems appear under their fields and the dialog stays open."""
        self.errors.clear()
        self.opening_grid.clear_problems()
        try:
            draft, spans = self._read()
            if self._room_id is None:
                row = self._services.rooms.create(self._actor, draft, opening_spans=spans)
            else:
                row = self._services.rooms.update(self._actor, self._room_id, draft, opening_spans=spans)
        except ValidationError as error:
            self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.saved_id = row.id
        self.accept()

    def _read(self) -> tuple[RoomDraft, list[OpeningSpan]]:
        """The draft and the opening spans, or every problem of both at once."""
        problems: list[Problem] = []
        try:
            draft: RoomDraft | None = self.draft()
        except ValidationError as error:
            draft = None
            problems.extend(error.problems)
        try:
            spans = self.opening_grid.spans()
        except ValidationError as error:
            problems.extend(error.problems)
        if problems or draft is None:
            raise ValidationError(problems)
        return draft, spans

    def _show_problems(self, error: ValidationError) -> None:
        """Opening-hours problems under their days, the others under their fields."""
        rest = self.opening_grid.place_problems(error)
        show_problems(self, self.errors, rest, self._fields)
        if error.problems and error.problems[0].field == OPENING_FIELD:
            self.opening_grid.focus_first_problem()

    def discard_question(self) -> str:
        return _("Discard the changes to this room?")
