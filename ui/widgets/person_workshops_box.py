"""A person's workshops, for the Workshops tab of the person editor.

Above, each workshop the person is or was in (enrolled, waiting, withdrawn, or only came as a
walk-in) with their place, what they paid or owe, and the sessions and hours they attended there
(the attendance service's totals). Below, every session they attended, newest first, with its
length, and the grand total. "Certificate" prints the certificate of participation for the
workshop chosen above. Nothing is read until the tab is first shown, so the editor opens fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_date, format_time, ngettext
from app.services import Services
from app.services.attendance import AttendanceRow, HoursRow
from app.services.enrolments import EnrolmentRow, EnrolmentStatus
from app.services.roles import Actor
from ui import messages
from ui.one_preview import front_or_show
from ui.widgets.fitted_table import chosen_row, fitted_table
from ui.widgets.workshop_people_tab import OWED_COLOUR, attended_text, hours_text, paid_text, status_text
from ui.workshop_printing import show_certificate

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

W_TITLE, W_PLACE, W_PAID, W_ATTENDED = range(4)
H_DATE, H_TIME, H_WORKSHOP, H_ROOM, H_HOURS = range(5)


class WorkshopLine:
    """One row of the upper table: a workshop, with the enrolment and the hours if there are any."""

    def __init__(self, workshop_id: int, title: str, enrolment: EnrolmentRow | None, hours: HoursRow | None) -> None:
        self.workshop_id = workshop_id
        self.title = title
        self.enrolment = enrolment
        self.hours = hours

    @property
    def attended(self) -> bool:
        return self.hours is not None and self.hours.sessions > 0

    def place(self) -> str:
        if self.enrolment is None:
            return _("came without enrolling")
        return status_text(self.enrolment)


def workshop_lines(enrolments: list[EnrolmentRow], hours: list[HoursRow]) -> list[WorkshopLine]:
    """Enrolments newest first (as the service gives them), then workshops attended without one."""
    by_workshop = {row.workshop_id: row for row in hours}
    lines: dict[int, WorkshopLine] = {}
    for enrolment in enrolments:
        if enrolment.workshop_id not in lines:
            lines[enrolment.workshop_id] = WorkshopLine(
                enrolment.workshop_id, enrolment.workshop_title, enrolment, by_workshop.get(enrolment.workshop_id)
            )
    for row in hours:
        if row.workshop_id not in lines:
            lines[row.workshop_id] = WorkshopLine(row.workshop_id, row.workshop_title, None, row)
    return list(lines.values())


class PersonWorkshopsBox(QWidget):
    """The workshops and attendance of ``person_id``, read the first time the box is shown."""

    def __init__(self, *, services: Services, actor: Actor, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._person_id = person_id
        self.loaded = False
        self._lines: list[WorkshopLine] = []
        self._history: list[AttendanceRow] = []
        self.preview: PdfPreviewDialog | None = None

        workshops_label = QLabel(_("W&orkshops and courses"))
        self.workshops = fitted_table(
            [_("Workshop"), _("Place"), _("Paid"), _("Attended")], "person_workshops", W_TITLE
        )
        workshops_label.setBuddy(self.workshops)
        self.workshops.itemSelectionChanged.connect(self._update_button)
        self.certificate_button = QPushButton(_("&Certificate…"))
        self.certificate_button.setObjectName("person_certificate")
        self.certificate_button.setAutoDefault(False)
        self.certificate_button.clicked.connect(self.print_certificate)

        history_label = QLabel(_("Attendance &history"))
        self.history = fitted_table(
            [_("Date"), _("Time"), _("Workshop"), _("Room"), _("Hours")], "person_attendance", H_WORKSHOP
        )
        history_label.setBuddy(self.history)
        self.total_label = QLabel()
        self.total_label.setObjectName("person_attendance_total")
        self.empty_label = QLabel(_("Not enrolled in any workshop, and no attendance recorded."))
        self.empty_label.setObjectName("person_workshops_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        top = QHBoxLayout()
        top.addWidget(workshops_label)
        top.addStretch(1)
        top.addWidget(self.certificate_button)
        bottom = QHBoxLayout()
        bottom.addWidget(history_label)
        bottom.addStretch(1)
        bottom.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(top)
        layout.addWidget(self.workshops, 2)
        layout.addLayout(bottom)
        layout.addWidget(self.history, 3)
        self.setTabOrder(self.workshops, self.certificate_button)
        self.setTabOrder(self.certificate_button, self.history)
        self.setFocusProxy(self.workshops)
        self._update_button()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.load()

    # -- reading -----------------------------------------------------------------------------------

    def lines(self) -> list[WorkshopLine]:
        return list(self._lines)

    def attendance(self) -> list[AttendanceRow]:
        return list(self._history)

    def load(self) -> None:
        """Ask the services for the enrolments, the hours and the history (three reads)."""
        self.loaded = True
        try:
            enrolments = self._services.enrolments.of_person(self._actor, self._person_id)
            hours = self._services.attendance.person_hours(self._actor, self._person_id)
            history = self._services.attendance.history(self._actor, self._person_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._lines = workshop_lines(enrolments, hours)
        self._history = history
        self._fill_workshops()
        self._fill_history()
        self.empty_label.setVisible(not self._lines)
        if self._lines:
            self.workshops.selectRow(0)
        self._update_button()

    def _fill_workshops(self) -> None:
        self.workshops.setRowCount(len(self._lines))
        for index, line in enumerate(self._lines):
            enrolment = line.enrolment
            texts = (line.title, line.place(), paid_text(enrolment) if enrolment else "", attended_text(line.hours))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == W_PAID and enrolment is not None and not enrolment.paid:
                    item.setForeground(QColor(OWED_COLOUR))
                if enrolment is not None and enrolment.status is EnrolmentStatus.WITHDRAWN:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.workshops.setItem(index, column, item)

    def _fill_history(self) -> None:
        self.history.setRowCount(len(self._history))
        for index, row in enumerate(self._history):
            texts = (
                format_date(row.start),
                _("{start}–{end}").format(start=format_time(row.start), end=format_time(row.end)),
                row.workshop_title,
                row.room_name,
                hours_text(row.minutes),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == H_HOURS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.history.setItem(index, column, item)
        sessions = len(self._history)
        minutes = sum(row.minutes for row in self._history)
        self.total_label.setText(
            ngettext("Total: {count} session, {hours}", "Total: {count} sessions, {hours}", sessions).format(
                count=sessions, hours=hours_text(minutes)
            )
        )

    # -- the certificate ---------------------------------------------------------------------------

    def selected(self) -> WorkshopLine | None:
        return chosen_row(self.workshops, self._lines)

    def _update_button(self) -> None:
        line = self.selected()
        self.certificate_button.setEnabled(line is not None and line.attended)
        if line is None:
            tip = _("Choose a workshop above to print the certificate of participation")
        elif not line.attended:
            tip = _("No session of {workshop} attended yet: there is nothing to certify").format(workshop=line.title)
        else:
            tip = _("Print the certificate of participation in {workshop}, with the hours attended").format(
                workshop=line.title
            )
        self.certificate_button.setToolTip(tip)

    def print_certificate(self) -> None:
        """The certificate for the workshop chosen above, in the print preview; one at a time."""
        line = self.selected()
        if line is None or not line.attended:
            return
        self.preview = front_or_show(
            self.preview,
            lambda: show_certificate(self, self._services, self._actor, line.workshop_id, self._person_id),
            self._preview_closed,
        )

    def _preview_closed(self) -> None:
        self.preview = None
