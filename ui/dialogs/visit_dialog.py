"""A drop-in visit with its details: for a person, or with the statistics its service records.

The counters of the Today page record anonymous visits in one click; this small dialog is for the
calmer moments: which service (the last one used is proposed), who came (optional: empty is an
anonymous visit) and only the statistics that service records (``DropInRow.records_*``), so the
desk is never asked what the house decided not to keep.

For a chosen person, what the desk leaves on the first choice is worked out by the service when
the visit is saved (``VisitService.record``): the age band from the birth date or year, shown here
in advance ("30-49 (from the date of birth)"), and whether it is their first visit, from their
earlier visits. Choosing another value overrides it. Enter records the visit, Esc closes: nothing
is saved before Enter, so closing loses nothing that was recorded.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.dropin import DropInRow
from app.services.people import PersonDetails
from app.services.roles import Actor
from app.services.visits import AgeBand, Gender, RecordedVisit, VisitDraft, age_band_of
from app.text import capitalised
from ui import messages
from ui.dialogs.common import grow_to_fit, save_button, save_cancel_buttons
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE
from ui.widgets.person_picker import PersonPicker


def derived_age_band(person: PersonDetails, today: date) -> tuple[AgeBand, bool] | None:
    """The age band the service will store for ``person``, and whether it comes from a full date.

    The band is the service's own (``visits.age_band_of``).
    """
    draft = person.draft
    band = age_band_of(draft.birth_date, draft.birth_year, today)
    return None if band is None else (band, draft.birth_date is not None)


class ChoiceRow(QWidget):
    """Radio buttons side by side for a few values (one click each); ``value()`` is the checked one.

    The row is the buddy of its form label: the label's Alt+letter puts the keyboard on the
    checked button (it would click it if the button itself were the buddy), then the arrows move.
    """

    def __init__(self, name: str, choices: list[tuple[str, object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self._values: list[object] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        for index, (text, value) in enumerate(choices):
            button = QRadioButton(text)
            button.setObjectName(f"{name}_{index}")
            self.group.addButton(button, index)
            self.buttons.append(button)
            self._values.append(value)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idToggled.connect(self._toggled)
        self.buttons[0].setChecked(True)

    def value(self) -> object:
        return self._values[max(0, self.group.checkedId())]

    def set_value(self, value: object) -> None:
        self.buttons[self._values.index(value)].setChecked(True)

    def set_text(self, index: int, text: str) -> None:
        self.buttons[index].setText(text)

    def _toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.setFocusProxy(self.buttons[index])


class VisitDialog(QDialog):
    """Record one visit with its details; after ``Accepted``, ``recorded`` is the saved visit.

    Args:
        services: the services (``dropin``, ``people``, ``visits``).
        actor: the user at the desk.
        service_id: the service proposed first (the last used); the first service if None.
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        service_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.recorded: RecordedVisit | None = None
        self._person: PersonDetails | None = None
        self.setWindowTitle(_("Visit with details"))
        self.setMinimumWidth(560)

        self.rows: list[DropInRow] = services.dropin.services(actor)
        self.service = QComboBox()
        self.service.setObjectName("visit_service")
        for row in self.rows:
            self.service.addItem(row.label, row.id)
        if service_id is not None and (index := self.service.findData(service_id)) >= 0:
            self.service.setCurrentIndex(index)

        self.person = PersonPicker(
            services=services, actor=actor, placeholder=_("Type part of a name; leave empty for an anonymous visit")
        )
        self.person.changed.connect(self._person_changed)

        self.age_band = QComboBox()
        self.age_band.setObjectName("visit_age_band")
        self.age_band.addItem(_("Not said"), None)
        for band in AgeBand:
            self.age_band.addItem(band.label, band)
        self.gender = ChoiceRow(
            "visit_gender", [(_("Not said"), None), *((capitalised(gender.label), gender) for gender in Gender)]
        )
        self.first_visit = ChoiceRow("visit_first", [(_("Not said"), None), (_("Yes"), True), (_("No"), False)])
        self.no_statistics = QLabel()
        self.no_statistics.setObjectName("visit_no_statistics")
        self.no_statistics.setWordWrap(True)
        self.no_statistics.setStyleSheet(HINT_STYLE)

        general = QLabel()
        self.errors = FormErrors(general)
        self._boxes: dict[str, QWidget] = {}
        """Each field's row (the field and its error line), by field name."""
        self.form = QFormLayout()
        self._row(_("&Service"), self.service, "service_id")
        self._row(_("&Person"), self.person, "person_id")
        self._row(_("&Age band"), self.age_band, "age_band")
        self._row(_("&Gender"), self.gender, "gender")
        self._row(_("&First visit"), self.first_visit, "first_visit")
        self.form.addRow("", self.no_statistics)

        buttons = save_cancel_buttons(self, save_text=_("&Record visit"), on_save=self.record)
        self.record_button = save_button(buttons)
        self.record_button.setToolTip(_("Record the visit (Enter)"))

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.service.currentIndexChanged.connect(self._show_statistics)
        self._show_statistics()
        self._show_derived()
        self.person.setFocus()

    def _row(self, text: str, widget: QWidget, field: str) -> None:
        error = self.errors.add_row(self.form, text, widget, field)
        box = error.parentWidget()
        if box is None:
            return
        box.setFocusProxy(widget)
        self._boxes[field] = box
        label = self.form.labelForField(box)
        if isinstance(label, QLabel):
            label.setBuddy(widget)

    # -- what is shown -------------------------------------------------------------------------------

    def chosen_service(self) -> DropInRow | None:
        service_id = self.service.currentData()
        return next((row for row in self.rows if row.id == service_id), None)

    def _show_statistics(self) -> None:
        """Only the statistics the chosen service records, or a line saying it records none."""
        row = self.chosen_service()
        shown = {
            "age_band": row is not None and row.records_age_band,
            "gender": row is not None and row.records_gender,
            "first_visit": row is not None and row.records_first_visit,
        }
        for field, visible in shown.items():
            self.form.setRowVisible(self._boxes[field], visible)
        none = row is not None and not any(shown.values())
        self.no_statistics.setText(
            _("{service} records no statistics: only the visit is counted.").format(service=row.label) if row else ""
        )
        self.form.setRowVisible(self.no_statistics, none)
        if self.isVisible():
            grow_to_fit(self)

    def _person_changed(self) -> None:
        person_id = self.person.person_id()
        self._person = None
        if person_id is not None:
            try:
                self._person = self._services.people.get(self._actor, person_id)
            except PortineriaError as error:
                messages.show_error(self, error.message)
        self._show_derived()

    def _show_derived(self) -> None:
        """The first choices say what the service will fill in: for a person, what it works out."""
        if self._person is None:
            self.age_band.setItemText(0, _("Not said"))
            self.first_visit.set_text(0, _("Not said"))
            return
        derived = derived_age_band(self._person, self._services.clock.today())
        if derived is None:
            text = _("Not known (no birth date or year in their record)")
        elif derived[1]:
            text = _("{band} (from the date of birth)").format(band=derived[0].label)
        else:
            text = _("{band} (from the year of birth)").format(band=derived[0].label)
        self.age_band.setItemText(0, text)
        self.first_visit.set_text(0, _("From their earlier visits"))

    # -- recording -----------------------------------------------------------------------------------

    def draft(self) -> VisitDraft:
        """The visit as chosen; statistics the service does not record are not sent."""
        row = self.chosen_service()
        gender = self.gender.value()
        first = self.first_visit.value()
        return VisitDraft(
            service_id=row.id if row is not None else 0,
            person_id=self.person.person_id(),
            age_band=self.chosen_age_band() if row is not None and row.records_age_band else None,
            gender=gender if isinstance(gender, Gender) and row is not None and row.records_gender else None,
            first_visit=first if isinstance(first, bool) and row is not None and row.records_first_visit else None,
        )

    def chosen_age_band(self) -> AgeBand | None:
        """The band chosen, or None for the first choice (not said, or worked out for a person)."""
        data = self.age_band.currentData()  # Qt hands the enum back as its plain value
        return AgeBand(data) if data else None

    def record(self) -> None:
        """Enter: save the visit; problems appear under their fields and nothing is saved."""
        self.errors.clear()
        problem: ValidationError | None = None
        if self.chosen_service() is None:
            problem = ValidationError(_("No drop-in service is offered: an admin can add them."), field="service_id")
        elif self.person.has_unpicked_text():
            problem = ValidationError(
                _("Choose the person from the list, or clear the name for an anonymous visit."), field="person_id"
            )
        if problem is not None:
            self.errors.show(problem)
            grow_to_fit(self)
            return
        try:
            self.recorded = self._services.visits.record(self._actor, self.draft())
        except ValidationError as error:
            self.errors.show(error)
            grow_to_fit(self)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()
