"""Importing an ``.ics`` calendar (Google Calendar, Outlook, Thunderbird) into a room.

Two steps, so nothing is booked by surprise: "Check" runs the import as a dry run and shows what
it would do (created, skipped, in conflict, one line per event not booked as it is); "Import"
then books it and shows the final counts. Changing the file, the room or who books asks for a new
check. The service never aborts on a bad event: it books what it can and reports the rest.
With no association written, the events are booked for the association or group named after the
calendar, found or created by the service (``holder_from_calendar``); the dialog says which.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, ngettext
from app.services import Services
from app.services.calendars import ImportReport
from app.services.roles import Actor
from app.text import fold
from ui import messages
from ui.busy import busy_cursor
from ui.dialogs.common import close_buttons, show_problems
from ui.dialogs.ics_report_view import ImportReportView
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import error_row
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import PersonPicker
from ui.widgets.room_combo import RoomCombo

ICS_FILTER = "{calendars} (*.ics);;{all} (*)"


def ics_filter() -> str:
    return ICS_FILTER.format(calendars=_("Calendars"), all=_("All files"))


class IcsImportDialog(QDialog):
    """File, room and who books; then Check (dry run) and Import.

    After an import, ``report`` is the final report (``dry_run`` False); until then it is the
    last check, or None.
    """

    def __init__(
        self, *, services: Services, actor: Actor, room_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.report: ImportReport | None = None
        self.setWindowTitle(_("Import a calendar (.ics)"))

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.path = QLineEdit()
        self.path.setObjectName("ics_path")
        self.path.setPlaceholderText(_("the .ics file exported from Google Calendar, Outlook or Thunderbird"))
        self.choose_button = QPushButton(_("C&hoose file…"))
        self.choose_button.setObjectName("choose_ics")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.path, 1)
        file_layout.addWidget(self.choose_button)
        file_row.setFocusProxy(self.path)
        error_row(self.errors, form, _("&File"), file_row, "path")

        self.room = RoomCombo()
        self.room.setObjectName("ics_room")
        for room in sorted(services.rooms.rooms(actor), key=lambda row: fold(row.name)):
            self.room.addItem(room.name, room.id)
        if room_id is not None and (index := self.room.findData(room_id)) >= 0:
            self.room.setCurrentIndex(index)
        error_row(self.errors, form, _("&Room"), self.room, "room_id")

        self.as_organisation = QRadioButton(_("&Association"))
        self.as_person = QRadioButton(_("P&erson"))
        self.as_organisation.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.as_organisation)
        kinds.addButton(self.as_person)
        self.organisation = OrganisationPicker(
            services=services,
            actor=actor,
            placeholder=_("Empty: the group named after the calendar; or type part of a name and choose"),
        )
        self.person = PersonPicker(services=services, actor=actor)
        self.holder_stack = QStackedWidget()
        self.holder_stack.addWidget(self.organisation)
        self.holder_stack.addWidget(self.person)
        self.as_person.toggled.connect(self._holder_kind_changed)
        holder_row = QWidget()
        holder_layout = QHBoxLayout(holder_row)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.as_organisation)
        holder_layout.addWidget(self.as_person)
        holder_layout.addWidget(self.holder_stack, 1)
        holder_row.setFocusProxy(self.holder_stack)
        self.holder_stack.setFocusProxy(self.organisation)
        error_row(self.errors, form, _("&Who books"), holder_row, "holder")

        self.holder_note = QLabel()
        self.holder_note.setObjectName("ics_holder_note")
        self.holder_note.setWordWrap(True)
        self.holder_note.hide()
        self.report_view = ImportReportView()

        self.check_button = QPushButton(_("&Check"))
        self.check_button.setObjectName("check_ics")
        self.check_button.setToolTip(_("See what the import would do, without booking anything (Enter)"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(_("&Import"))
        self.import_button.setObjectName("run_ics_import")
        self.import_button.setToolTip(_("Book the events shown by the check"))
        self.import_button.clicked.connect(self.run_import)
        self.import_button.setEnabled(False)
        self.buttons = close_buttons(self)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self._default(self.check_button)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(self.holder_note)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)

        for signal in (self.path.textChanged, self.room.currentIndexChanged, self.as_person.toggled):
            signal.connect(self._inputs_changed)
        self.organisation.changed.connect(self._inputs_changed)
        self.organisation.edit.textChanged.connect(self._inputs_changed)  # empty or not: who books changes
        self.person.changed.connect(self._inputs_changed)
        self.resize(max(self.sizeHint().width(), 900), max(self.sizeHint().height(), 560))
        self.path.setFocus()

    def _default(self, button: QPushButton) -> None:
        for other in (self.check_button, self.import_button):
            other.setDefault(other is button)
            other.setAutoDefault(other is button)

    # -- inputs --------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        current = Path(self.path.text().strip()).expanduser() if self.path.text().strip() else None
        directory = current.parent if current is not None and current.parent.is_dir() else Path.home()
        chosen = messages.choose_file_to_open(
            self, title=_("Choose the calendar to import"), directory=directory, file_filter=ics_filter()
        )
        if chosen is not None:
            self.path.setText(str(chosen))
            self.room.setFocus()

    def _holder_kind_changed(self, person: bool) -> None:
        chosen: QWidget = self.person if person else self.organisation
        self.holder_stack.setCurrentWidget(chosen)
        self.holder_stack.setFocusProxy(chosen)

    def _inputs_changed(self) -> None:
        """What was checked no longer matches the form: check again before importing."""
        if self.report is not None and self.report.dry_run:
            self.report = None
            self.report_view.clear()
            self.holder_note.hide()
        self.import_button.setEnabled(False)
        self._default(self.check_button)

    def _arguments(self) -> tuple[Path, int, int | None, int | None, bool]:
        """File, room, person, association and whether to book for the calendar's group (no
        association written), as the service takes them.

        Raises:
            ValidationError: something is missing or typed but not chosen.
        """
        problems: list[Problem] = []
        text = self.path.text().strip()
        if not text:
            problems.append(Problem("path", _("Choose the calendar file (.ics) to import.")))
        room_id = self.room.currentData()
        if not isinstance(room_id, int):
            problems.append(Problem("room_id", _("Choose the room the events are booked in.")))
        person_id = organisation_id = None
        from_calendar = False
        if self.as_person.isChecked():
            person_id = self.person.person_id()
            if person_id is None:
                problems.append(Problem("holder", _("Choose the person who books, from the list (Down, then Enter).")))
        else:
            organisation_id = self.organisation.organisation_id()
            from_calendar = organisation_id is None and not self.organisation.edit.text().strip()
            if organisation_id is None and not from_calendar:
                problems.append(
                    Problem("holder", _("Choose the association that books, from the list (Down, then Enter)."))
                )
        if problems:
            raise ValidationError(problems)
        assert isinstance(room_id, int)
        return Path(text).expanduser(), room_id, person_id, organisation_id, from_calendar

    # -- checking and importing ----------------------------------------------------------------------

    def check(self) -> None:
        """The dry run: show what the import would do, and allow "Import" if anything would be booked."""
        report = self._run(dry_run=True)
        if report is None:
            return
        self.import_button.setEnabled(report.created > 0)
        if report.created > 0:
            self._default(self.import_button)
            self.import_button.setFocus()

    def run_import(self) -> None:
        """Book what the check showed, then show the final counts."""
        report = self._run(dry_run=False)
        if report is None:
            return
        self.import_button.setEnabled(False)
        self._default(self.check_button)
        text = ngettext(
            "The calendar was imported: {created} booking or series created, {skipped} skipped, "
            "{conflicts} in conflict.",
            "The calendar was imported: {created} bookings or series created, {skipped} skipped, "
            "{conflicts} in conflict.",
            report.created,
        ).format(created=report.created, skipped=report.skipped, conflicts=report.conflicts)
        if report.calendar_holder is not None:
            text = f"{text}\n{report.calendar_holder.sentence(dry_run=False)}"
        messages.show_info(self, text)

    def _run(self, *, dry_run: bool) -> ImportReport | None:
        self.errors.clear()
        try:
            path, room_id, person_id, organisation_id, from_calendar = self._arguments()
            with busy_cursor():
                report = self._services.calendars.import_ics(
                    self._actor,
                    path,
                    room_id=room_id,
                    person_id=person_id,
                    organisation_id=organisation_id,
                    dry_run=dry_run,
                    holder_from_calendar=from_calendar,
                )
        except ValidationError as error:
            fields = {"path": self.path, "room_id": self.room, "holder": self.holder_stack}
            show_problems(self, self.errors, error, fields)
            return None
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return None
        self.report = report
        self.report_view.show_report(report)
        holder = report.calendar_holder
        self.holder_note.setText("" if holder is None else holder.sentence(dry_run=report.dry_run))
        self.holder_note.setVisible(holder is not None)
        return report
