"""A tool's reservations in its editor: who keeps it on which days; reserve it for someone; cancel.

Every volunteer may reserve (the service allows it). The service decides what can be reserved
(not lost nor retired, not on loan until then, not reserved already on those days) and its
refusal is shown in red under the form, as written: it says what to choose instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _, format_date
from app.services import Services
from app.services.roles import Actor
from app.services.tool_reservations import ReservationRow
from ui import messages
from ui.widgets.date_field import date_field
from ui.widgets.fitted_table import chosen_row
from ui.widgets.form import FormErrors
from ui.widgets.person_picker import PersonPicker
from ui.widgets.row_table import set_up_row_table
from ui.widgets.table_columns import size_columns

COL_FROM, COL_TO, COL_PERSON, COL_PHONE, COL_NOTES = range(5)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ToolReservationsTab(QWidget):
    """The tool's active reservations, and a form to add one.

    Signals:
        changed(): a reservation was added or cancelled (the tool's status may show it).
    """

    changed = Signal()

    def __init__(self, *, services: Services, actor: Actor, tool_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._tool_id = tool_id
        self.reservations: list[ReservationRow] = []

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("tool_reservations")
        self.table.setHorizontalHeaderLabels([_("From"), _("To"), _("Person"), _("Phone"), _("Notes")])
        set_up_row_table(self.table)
        size_columns(self.table, {COL_FROM: 14, COL_TO: 14, COL_PERSON: 24, COL_PHONE: 14}, COL_NOTES)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_hint = QLabel(_("No reservation: the tool is free to lend."))
        self.empty_hint.setObjectName("reservations_empty")
        self.cancel_button = QPushButton(_("Ca&ncel reservation"))
        self.cancel_button.setObjectName("cancel_reservation")
        self.cancel_button.setToolTip(_("Cancel the chosen reservation: the tool becomes free on those days"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_selected)

        box = QGroupBox(_("Reserve for someone"))
        general = QLabel()
        general.setObjectName("reservation_error")
        self.errors = FormErrors(general)
        form = QFormLayout()
        self.person = PersonPicker(services=services, actor=actor, placeholder=_("Type the name of the person"))
        self.person.setObjectName("reservation_person")
        self.errors.add_row(form, _("&Person"), self.person, "person")
        today = services.clock.today()
        self.from_day = date_field("reservation_from")
        self.to_day = date_field("reservation_to")
        self.from_day.setDate(to_qdate(today))
        self.to_day.setDate(to_qdate(today + timedelta(days=6)))
        self.from_day.dateChanged.connect(self._keep_to_after_from)
        days = QWidget()
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        from_label = QLabel(_("&from"))
        from_label.setBuddy(self.from_day)
        to_label = QLabel(_("t&o"))
        to_label.setBuddy(self.to_day)
        row.addWidget(from_label)
        row.addWidget(self.from_day)
        row.addWidget(to_label)
        row.addWidget(self.to_day)
        row.addStretch(1)
        days.setFocusProxy(self.from_day)
        self.errors.add_row(form, _("Days"), days, "from_day")
        self.notes = QLineEdit()
        self.notes.setObjectName("reservation_notes")
        self.notes.setPlaceholderText(_("for example will call on Friday"))
        self.errors.add_row(form, _("No&tes"), self.notes, "notes")
        self.reserve_button = QPushButton(_("&Reserve"))
        self.reserve_button.setObjectName("reserve")
        self.reserve_button.setToolTip(_("Keep the tool for this person on these days (both included)"))
        self.reserve_button.setAutoDefault(False)
        self.reserve_button.clicked.connect(self.reserve)
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(general)
        box_layout.addLayout(form)
        reserve_row = QHBoxLayout()
        reserve_row.addStretch(1)
        reserve_row.addWidget(self.reserve_button)
        box_layout.addLayout(reserve_row)

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.empty_hint)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(box)
        self.reload()

    def _keep_to_after_from(self, day: QDate) -> None:
        if self.to_day.date() < day:
            self.to_day.setDate(day)

    def reload(self) -> None:
        try:
            self.reservations = self._services.tool_reservations.of_tool(self._actor, self._tool_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.reservations = []
        self.table.setRowCount(len(self.reservations))
        for row, reservation in enumerate(self.reservations):
            texts = {
                COL_FROM: format_date(reservation.from_day),
                COL_TO: format_date(reservation.to_day),
                COL_PERSON: reservation.person_name,
                COL_PHONE: reservation.phone,
                COL_NOTES: reservation.notes,
            }
            for column, text in texts.items():
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty_hint.setVisible(not self.reservations)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.cancel_button.setEnabled(self._selected() is not None)

    def _selected(self) -> ReservationRow | None:
        return chosen_row(self.table, self.reservations)

    def reserve(self) -> None:
        """Reserve with what the form says; the service's refusal stays under the form."""
        self.errors.clear()
        person_id = self.person.person_id()
        if person_id is None:
            message = (
                _("Choose the person from the list that opens as you type.")
                if self.person.has_unpicked_text()
                else _("Type the name of the person the tool is kept for.")
            )
            self.errors.show(ValidationError(message, field="person"))
            self.person.setFocus()
            return
        try:
            self._services.tool_reservations.reserve(
                self._actor,
                self._tool_id,
                person_id,
                from_qdate(self.from_day.date()),
                from_qdate(self.to_day.date()),
                notes=self.notes.text(),
            )
        except ValidationError as error:
            self.errors.show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.person.set_person(None)
        self.notes.clear()
        self.reload()
        self.changed.emit()

    def cancel_selected(self) -> None:
        reservation = self._selected()
        if reservation is None:
            return
        question = _("Cancel the reservation of {name} from {first} to {last}?").format(
            name=reservation.person_name,
            first=format_date(reservation.from_day),
            last=format_date(reservation.to_day),
        )
        if not messages.confirm(self, question, yes=_("Cancel reservation")):
            return
        try:
            self._services.tool_reservations.cancel(self._actor, reservation.id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
        self.reload()
        self.changed.emit()
