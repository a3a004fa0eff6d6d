"""The details of a workshop as a form: title, facilitator, room, places, fees, ages, switches.

Used by the workshop dialog's first tab. Coordinators edit it; for volunteers every field is
read-only (``set_editable(False)``): they see what the desk needs to tell people, nothing more.
The service checks everything; problems come back under their fields (``errors``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import Problem, ValidationError
from app.i18n import _, parse_money
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_rules import MAX_AGE, FeeKind
from app.services.workshops import WorkshopDetails, WorkshopDraft
from app.text import fold
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE, amount_text, money_edit
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import PersonPicker
from ui.widgets.room_combo import RoomCombo


def _row_of(*widgets: QWidget, hint: str = "") -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if hint:
        note = QLabel(hint)
        note.setStyleSheet(HINT_STYLE)
        layout.addWidget(note)
    layout.addStretch(1)
    box.setFocusProxy(widgets[0])
    return box


class WorkshopForm(QWidget):
    """The fields of ``WorkshopDraft``; ``draft()`` reads them, ``load()`` fills them."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.general = QLabel()
        self.errors = FormErrors(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.title = QLineEdit()
        self.title.setObjectName("workshop_title")
        self.title.setPlaceholderText(_("for example Italian for beginners"))
        self.errors.add_row(form, _("&Title"), self.title, "title")
        self.facilitator = PersonPicker(services=services, actor=actor, placeholder=_("Who leads it: type their name"))
        self.facilitator.setObjectName("workshop_facilitator")
        self.errors.add_row(form, _("&Facilitator"), self.facilitator, "facilitator_id")
        self.organisation = OrganisationPicker(
            services=services, actor=actor, placeholder=_("The association running it, if any")
        )
        self.organisation.setObjectName("workshop_organisation")
        self.errors.add_row(form, _("Associa&tion"), self.organisation, "organisation_id")
        self.room = RoomCombo()
        self.room.setObjectName("workshop_room")
        self.room.addItem(_("— choose the room —"), None)
        for room in sorted(services.rooms.rooms(actor, include_inactive=True), key=lambda row: fold(row.name)):
            label = room.name if room.active else _("{name} (not in use)").format(name=room.name)
            self.room.addItem(_("{name} · up to {count} people").format(name=label, count=room.capacity), room.id)
        self.errors.add_row(form, _("&Room"), self.room, "room_id")
        self.capacity = QSpinBox()
        self.capacity.setObjectName("workshop_capacity")
        self.capacity.setRange(1, 10_000)
        self.capacity.setValue(WorkshopDraft().capacity)
        self.errors.add_row(form, _("&Places"), _row_of(self.capacity, hint=_("people at most")), "capacity")
        self.fee = money_edit("workshop_fee")
        self.fee_kind = QComboBox()
        self.fee_kind.setObjectName("workshop_fee_kind")
        for kind in FeeKind:
            self.fee_kind.addItem(kind.label, kind)
        self.errors.add_row(form, _("F&ee"), _row_of(self.fee, self.fee_kind, hint=_("€; empty: free")), "fee_cents")
        self.member_fee = money_edit("workshop_member_fee")
        self.member_fee.setPlaceholderText("")  # empty means "the same fee", not 0
        self.errors.add_row(
            form,
            _("&Members' fee"),
            _row_of(self.member_fee, hint=_("€, for card holders; empty: the same fee")),
            "member_fee_cents",
        )
        self.min_age = self._age_spin("workshop_min_age")
        self.max_age = self._age_spin("workshop_max_age")
        ages = _row_of(self.min_age, QLabel(_("to")), self.max_age, hint=_("years; empty: any age"))
        self.errors.add_row(form, _("&Ages"), ages, "min_age")
        self.registration_open = QCheckBox(_("Re&gistration open: the desk can enrol people"))
        self.registration_open.setObjectName("workshop_registration_open")
        self.registration_open.setChecked(True)
        self.errors.add_row(form, "", self.registration_open, "registration_open")
        self.active = QCheckBox(_("Runnin&g: listed at the desk"))
        self.active.setObjectName("workshop_active")
        self.active.setChecked(True)
        self.errors.add_row(form, "", self.active, "active")
        self.description = QPlainTextEdit()
        self.description.setObjectName("workshop_description")
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 12)
        self.errors.add_row(form, _("&Description"), self.description, "description")

        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addStretch(1)
        self.fields: dict[str, QWidget] = {
            "title": self.title,
            "facilitator_id": self.facilitator,
            "organisation_id": self.organisation,
            "room_id": self.room,
            "capacity": self.capacity,
            "fee_cents": self.fee,
            "member_fee_cents": self.member_fee,
            "min_age": self.min_age,
            "max_age": self.max_age,
        }

    @staticmethod
    def _age_spin(name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(-1, MAX_AGE)
        spin.setValue(-1)
        spin.setSpecialValueText(" ")  # -1 shows empty: no limit
        spin.setFixedWidth(spin.fontMetrics().horizontalAdvance("120") + 48)
        return spin

    def set_editable(self, editable: bool) -> None:
        for widget in (self.title, self.description):
            widget.setReadOnly(not editable)
        for other in (
            self.facilitator,
            self.organisation,
            self.room,
            self.capacity,
            self.fee,
            self.fee_kind,
            self.member_fee,
            self.min_age,
            self.max_age,
            self.registration_open,
            self.active,
        ):
            other.setEnabled(editable)

    def load(self, details: WorkshopDetails) -> None:
        draft = details.draft
        self.title.setText(draft.title)
        self.description.setPlainText(draft.description)
        self.facilitator.set_person(draft.facilitator_id, details.facilitator_name)
        self.organisation.set_organisation(draft.organisation_id, details.organisation_name)
        self.room.setCurrentIndex(max(self.room.findData(draft.room_id), 0))
        self.capacity.setValue(draft.capacity)
        self.fee.setText(amount_text(draft.fee_cents) if draft.fee_cents else "")
        self.fee_kind.setCurrentIndex(max(self.fee_kind.findData(draft.fee_kind), 0))
        self.member_fee.setText("" if draft.member_fee_cents is None else amount_text(draft.member_fee_cents))
        self.min_age.setValue(-1 if draft.min_age is None else draft.min_age)
        self.max_age.setValue(-1 if draft.max_age is None else draft.max_age)
        self.registration_open.setChecked(draft.registration_open)
        self.active.setChecked(draft.active)

    def draft(self) -> WorkshopDraft:
        """What the form says.

        Raises:
            ValidationError: an amount cannot be read, or a name was typed but not chosen.
        """
        problems: list[Problem] = []
        fees: dict[str, int | None] = {}
        for field, edit in (("fee_cents", self.fee), ("member_fee_cents", self.member_fee)):
            try:
                fees[field] = parse_money(edit.text()) if edit.text().strip() else None
            except ValueError as error:
                problems.append(Problem(field, str(error)))
        if self.facilitator.has_unpicked_text():
            problems.append(
                Problem("facilitator_id", _("Choose the facilitator from the list that opens as you type."))
            )
        if self.organisation.has_unpicked_text():
            problems.append(Problem("organisation_id", _("Choose the association from the list, or clear the field.")))
        if problems:
            raise ValidationError(problems)
        room = self.room.currentData()
        kind = self.fee_kind.currentData()
        return WorkshopDraft(
            title=self.title.text(),
            description=self.description.toPlainText(),
            facilitator_id=self.facilitator.person_id(),
            organisation_id=self.organisation.organisation_id(),
            room_id=room if isinstance(room, int) else None,
            capacity=self.capacity.value(),
            fee_cents=fees["fee_cents"] or 0,
            fee_kind=kind if isinstance(kind, FeeKind) else FeeKind.COURSE,
            member_fee_cents=fees["member_fee_cents"],
            min_age=None if self.min_age.value() < 0 else self.min_age.value(),
            max_age=None if self.max_age.value() < 0 else self.max_age.value(),
            registration_open=self.registration_open.isChecked(),
            active=self.active.isChecked(),
        )

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.title.text(),
            self.description.toPlainText(),
            self.facilitator.person_id(),
            self.facilitator.has_unpicked_text(),
            self.organisation.organisation_id(),
            self.room.currentIndex(),
            self.capacity.value(),
            self.fee.text(),
            self.fee_kind.currentIndex(),
            self.member_fee.text(),
            self.min_age.value(),
            self.max_age.value(),
            self.registration_open.isChecked(),
            self.active.isChecked(),
        )
