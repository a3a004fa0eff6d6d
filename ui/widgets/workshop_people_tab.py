"""A workshop's people: enrolled, then the waiting list in order, with what each has paid.

Anyone at the desk enrols (type a name, Enter to choose, Enter again to enrol) and withdraws
(after a confirmation). When a withdrawal frees a place, the first person waiting gets it and
the desk is told whom to call, with their phone number. The Attended column says how many sessions
and hours each person came to (the attendance service's count); "Certificate" prints the
certificate of participation of the chosen person, once they attended something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_money, ngettext
from app.services import Services
from app.services.attendance import HoursRow
from app.services.enrolments import EnrolmentRow, EnrolmentStatus, Promotion
from app.services.roles import Actor
from ui import messages
from ui.one_preview import front_or_show
from ui.widgets.consent_mark import mark_tooltip, with_mark
from ui.widgets.fitted_table import chosen_row, fitted_table
from ui.widgets.person_picker import PersonPicker
from ui.workshop_printing import show_certificate

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

COL_NAME, COL_PHONE, COL_STATUS, COL_FEE, COL_PAID, COL_ATTENDED = range(6)
OWED_COLOUR = "#b02a1e"


def status_text(row: EnrolmentRow) -> str:
    if row.status is EnrolmentStatus.WAITING:
        return _("waiting, number {position}").format(position=row.position)
    return row.status.label


def paid_text(row: EnrolmentRow) -> str:
    if row.due_cents <= 0 and row.paid_cents <= 0:
        return _("nothing due yet") if row.status is EnrolmentStatus.ENROLLED and row.fee_cents else ""
    if row.paid:
        return _("paid {amount}").format(amount=format_money(row.paid_cents))
    return _("owes {amount}").format(amount=format_money(row.remaining_cents))


def hours_text(minutes: int) -> str:
    """120 -> "2 h", 90 -> "1 h 30 min", 45 -> "45 min": short, for a table cell."""
    hours, rest = divmod(minutes, 60)
    if not rest:
        return _("{hours} h").format(hours=hours)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def attended_text(row: HoursRow | None) -> str:
    """ "3 sessions · 6 h", or "not yet" for who has not come yet."""
    if row is None or not row.sessions:
        return _("not yet")
    sessions = ngettext("{count} session", "{count} sessions", row.sessions).format(count=row.sessions)
    return f"{sessions} · {hours_text(row.minutes)}"


def call_message(promoted: tuple[Promotion, ...]) -> str:
    """What the desk reads after a place was freed: whom to call, and their number."""
    lines = [
        _("{name} now has a place in {workshop}: call them on {phone}.").format(
            name=item.name, workshop=item.workshop_title, phone=item.phone
        )
        if item.phone
        else _("{name} now has a place in {workshop}: they have no phone in the registry, tell them in person.").format(
            name=item.name, workshop=item.workshop_title
        )
        for item in promoted
    ]
    return "\n".join(lines)


class WorkshopPeopleTab(QWidget):
    """Enrolments and the waiting list of one workshop.

    Signals:
        changed(): someone was enrolled or withdrawn (the counts changed).
    """

    changed = Signal()

    def __init__(self, *, services: Services, actor: Actor, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._workshop_id = workshop_id
        self._rows: list[EnrolmentRow] = []
        self._hours: dict[int, HoursRow] = {}
        self.preview: PdfPreviewDialog | None = None

        self.picker = PersonPicker(services=services, actor=actor, placeholder=_("Type the name of who wants to join"))
        self.picker.setObjectName("enrol_person")
        self.picker.changed.connect(self._chosen)
        picker_label = QLabel(_("&Enrol:"))
        picker_label.setBuddy(self.picker.edit)
        self.enrol_button = QPushButton(_("Enrol"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.setToolTip(_("Enrol the chosen person; when the workshop is full they wait for a place"))
        self.enrol_button.setAutoDefault(True)  # focused after a choice: Enter enrols
        self.enrol_button.clicked.connect(self.enrol_chosen)

        self.table = fitted_table(
            [_("Name"), _("Phone"), _("Place"), _("Fee"), _("Paid"), _("Attended")], "workshop_people", COL_NAME
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.withdraw_button = QPushButton(_("&Withdraw…"))
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.setToolTip(
            _("Take the chosen person off the workshop; the first person waiting gets the place")
        )
        self.withdraw_button.setAutoDefault(False)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.certificate_button = QPushButton(_("&Certificate…"))
        self.certificate_button.setObjectName("certificate")
        self.certificate_button.setAutoDefault(False)
        self.certificate_button.clicked.connect(self.print_certificate)
        self.count_label = QLabel()
        self.count_label.setObjectName("people_count")

        enrol_row = QHBoxLayout()
        enrol_row.addWidget(picker_label)
        enrol_row.addWidget(self.picker, 1)
        enrol_row.addWidget(self.enrol_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.withdraw_button)
        bottom.addWidget(self.certificate_button)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(enrol_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.picker.edit)
        self.reload()

    def rows(self) -> list[EnrolmentRow]:
        return list(self._rows)

    def reload(self, *, select_id: int | None = None) -> None:
        try:
            self._rows = self._services.enrolments.enrolments(self._actor, self._workshop_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self._rows = []
        try:
            self._hours = {
                row.person_id: row for row in self._services.attendance.hours(self._actor, self._workshop_id)
            }
        except PortineriaError:
            self._hours = {}  # the enrolments said why already, if the workshop is gone
        marks = self._services.privacy.consent_marks(self._actor, [row.person_id for row in self._rows])
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            mark = marks.get(row.person_id)
            fee = format_money(row.fee_cents) if row.status is EnrolmentStatus.ENROLLED else ""
            if fee and row.fee_kind.value == "session":
                fee = _("{amount} per session").format(amount=fee)
            texts = (
                with_mark(row.name, mark),
                row.phone,
                status_text(row),
                fee,
                paid_text(row),
                attended_text(self._hours.get(row.person_id)),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == COL_NAME:
                    item.setToolTip(mark_tooltip(mark))
                if column == COL_PAID and not row.paid:
                    item.setForeground(QColor(OWED_COLOUR))
                if row.status is EnrolmentStatus.WAITING:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(index, column, item)
            if row.id == select_id:
                self.table.selectRow(index)
        enrolled = sum(1 for row in self._rows if row.status is EnrolmentStatus.ENROLLED)
        waiting = len(self._rows) - enrolled
        self.count_label.setText(
            _("Enrolled: {enrolled} · waiting: {waiting}").format(enrolled=enrolled, waiting=waiting)
        )
        self.picker.set_excluded_ids(row.person_id for row in self._rows)
        self._update_buttons()

    def selected(self) -> EnrolmentRow | None:
        return chosen_row(self.table, self._rows)

    def _update_buttons(self) -> None:
        self.enrol_button.setEnabled(self.picker.person_id() is not None)
        row = self.selected()
        self.withdraw_button.setEnabled(row is not None)
        attended = row is not None and row.person_id in self._hours and self._hours[row.person_id].sessions > 0
        self.certificate_button.setEnabled(attended)
        if row is None:
            tip = _("Choose a person in the list to print their certificate of participation")
        elif not attended:
            tip = _("{name} has not attended any session yet: there is nothing to certify").format(name=row.name)
        else:
            tip = _("Print the certificate of participation of {name}, with the hours attended").format(name=row.name)
        self.certificate_button.setToolTip(tip)

    def print_certificate(self) -> None:
        """The chosen person's certificate in the print preview; one preview at a time."""
        row = self.selected()
        if row is None or not self.certificate_button.isEnabled():
            return
        self.preview = front_or_show(
            self.preview,
            lambda: show_certificate(self, self._services, self._actor, self._workshop_id, row.person_id),
            self._preview_closed,
        )

    def _preview_closed(self) -> None:
        self.preview = None

    def _chosen(self) -> None:
        # Enter chooses in the picker; the next Enter, on the Enrol button, enrols.
        self._update_buttons()
        if self.picker.person_id() is not None:
            self.enrol_button.setFocus()

    def enrol_chosen(self) -> None:
        person_id = self.picker.person_id()
        if person_id is None:
            return
        try:
            row = self._services.enrolments.enrol(self._actor, self._workshop_id, person_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.picker.clear()
        self.reload(select_id=row.id)
        self.changed.emit()
        if row.status is EnrolmentStatus.WAITING:
            messages.show_info(
                self,
                _("The workshop is full: {name} is number {position} on the waiting list.").format(
                    name=row.name, position=row.position
                ),
            )
        self.picker.edit.setFocus()

    def withdraw_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = _("Withdraw {name} from {workshop}?").format(name=row.name, workshop=row.workshop_title)
        if not messages.confirm(self, question, yes=_("Withdraw")):
            return
        try:
            withdrawal = self._services.enrolments.withdraw(self._actor, row.id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.reload()
            return
        self.reload()
        self.changed.emit()
        if withdrawal.promoted:
            messages.show_info(self, call_message(withdrawal.promoted), title=_("Call them"))
        self.table.setFocus()
