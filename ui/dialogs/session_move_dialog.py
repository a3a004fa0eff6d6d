"""Move one session of a workshop: another day, other times, another room.

The session's booking moves with it (``WorkshopSessionService.move``), checked like any booking:
a closed day or a room taken then is refused, the service's message appears under the field it
concerns and the dialog stays open to choose again. The other sessions stay where they are.

Keyboard: the day is first (type it, or Alt+Down for the calendar), the times step by a quarter
hour with the arrows, the room is chosen by typing its name; Enter moves, Esc closes (asking first
if something was changed).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, format_date, format_time
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionRow
from ui import messages
from ui.dialogs.common import GuardedDialog, grow_to_fit, save_button, save_cancel_buttons
from ui.widgets.booking_form import room_line
from ui.widgets.form import FormErrors
from ui.widgets.room_combo import NAME_ROLE, RoomCombo
from ui.widgets.session_when import DayField, TimeSpan

WHEN_FORMAT = "EEEE d MMMM yyyy"
_FIELD_OF = {"start": "when", "end": "when", "room_id": "room", "people_count": "room"}
"""The booking's fields the service names, as this dialog's rows show them; others go on top."""


class SessionMoveDialog(GuardedDialog):
    """Day, times and room of one session; ``moved`` holds the session once it moved.

    Raises:
        PortineriaError: from the constructor, when the session or the rooms cannot be read.
    """

    def __init__(self, *, services: Services, actor: Actor, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._session_id = session_id
        self.moved: SessionRow | None = None
        row = services.workshop_sessions.session(actor, session_id)
        self._row = row
        self.setWindowTitle(_("Move a session: {title}").format(title=row.workshop_title))

        self.now = QLabel(
            _("Now: {day}, {start}–{end}, {room}.").format(
                day=format_date(row.start, WHEN_FORMAT),
                start=format_time(row.start),
                end=format_time(row.end),
                room=row.room_name,
            )
        )
        self.now.setObjectName("move_now")
        self.now.setWordWrap(True)
        general = QLabel()
        general.setObjectName("move_general_error")
        self.errors = FormErrors(general)
        self.day = DayField(name="move_day")
        self.times = TimeSpan(name="move")
        self.room = RoomCombo()
        self.room.setObjectName("move_room")
        self.room.setToolTip(_("Type the room's name to choose it; Alt+Down opens the list"))
        rooms = services.rooms.rooms(actor)
        if all(room.id != row.room_id for room in rooms):
            rooms.append(services.rooms.get(actor, row.room_id))  # a room no longer in use stays possible
        for room in rooms:
            self.room.addItem(room_line(room), room.id)
            self.room.setItemData(self.room.count() - 1, room.name, NAME_ROLE)
        self.room.setCurrentIndex(max(0, self.room.findData(row.room_id)))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row(form, _("&Day:"), self.day, "day", self.day.edit)
        self._add_row(form, _("&Time:"), self.times, "when", self.times.start)
        self._add_row(form, _("R&oom:"), self.room, "room", self.room)

        self.buttons = save_cancel_buttons(self, save_text=_("Move"), on_save=self.save)
        self.save_button = save_button(self.buttons)
        self.save_button.setToolTip(_("Move the session there (Enter or Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(_("Close without moving (Esc)"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.now)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)

        self.day.set_value(row.start.date())
        self.times.set_values(row.start.time(), row.end.time())
        self._initial = self._snapshot()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
        self.day.setFocus()

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str, target: QWidget) -> None:
        """A row with its error line; Alt+letter of the label goes into ``target``."""
        error = self.errors.add_row(form, label, widget, field)
        box = error.parentWidget()
        assert box is not None  # the error line sits in the row's box, under the field
        buddy = form.labelForField(box)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(target)

    def _snapshot(self) -> tuple[object, ...]:
        return (self.day.value(), self.times.start.value(), self.times.end.value(), self.room.currentData())

    def is_modified(self) -> bool:
        return self.moved is None and self._snapshot() != self._initial

    def discard_question(self) -> str:
        return _("Close without moving the session?")

    def save(self) -> None:
        """Enter, Ctrl+S or Move: move the session, or say under the fields what to change."""
        self.errors.clear()
        start, end = self.times.span_on(self.day.value())
        room_id = self.room.currentData()
        try:
            self.moved = self._services.workshop_sessions.move(
                self._actor, self._session_id, start, end, room_id=room_id if isinstance(room_id, int) else None
            )
        except ValidationError as error:
            problems = [Problem(_FIELD_OF.get(p.field or "", p.field), p.message) for p in error.problems]
            self.errors.show(ValidationError(problems))
            grow_to_fit(self)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()
