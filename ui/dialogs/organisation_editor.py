"""Adding an association or group, or changing it and who belongs to it.

Members are few (a handful to a few dozen), so a plain list widget holds them. Adding and
removing only change the list on screen: nothing is written until Save, so Remove needs no
confirmation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _
from app.services import Services
from app.services.organisations import OrganisationDetails, OrganisationDraft, OrganisationKind
from app.services.people import PersonRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import GuardedDialog, save_button, save_cancel_buttons, show_problems
from ui.widgets.form import FormErrors
from ui.widgets.payments_box import PaymentsBox
from ui.widgets.person_picker import PersonPicker, describe

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole


class OrganisationEditor(GuardedDialog):
    """The form for one association or group, new (``organisation_id=None``) or existing.

    After ``Accepted``, ``saved_id`` is the id of the stored organisation.
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        organisation_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._organisation_id = organisation_id
        self.saved_id: int | None = None
        details = services.organisations.get(actor, organisation_id) if organisation_id is not None else None

        general = QLabel()
        self.errors = FormErrors(general)
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in OrganisationKind:
            self.kind.addItem(kind.label, kind)
        self.member = QCheckBox(_("Member association (reduced room rate)"))
        self.member.setToolTip(_("Its new room bookings are priced at each room's reduced rate for members."))
        self.fiscal_code = QLineEdit()
        self.fiscal_code.setPlaceholderText(_("11 digits, or 16 characters"))
        self.contact = PersonPicker(
            services=services, actor=actor, placeholder=_("Type the name of the contact person")
        )
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("name@example.org"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 14)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        details_box = QGroupBox(_("Association or group"))
        details_layout = QVBoxLayout(details_box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details_layout.addLayout(form)
        details_layout.addStretch(1)
        self.errors.add_row(form, _("Name"), self.name, "name")
        self.errors.add_row(form, _("Kind"), self.kind, "kind")
        self.errors.add_row(form, "", self.member, "member")
        self.errors.add_row(form, _("Fiscal code"), self.fiscal_code, "fiscal_code")
        self.errors.add_row(form, _("Contact person"), self.contact, "contact_person_id")
        self.errors.add_row(form, _("Phone"), self.phone, "phone")
        self.errors.add_row(form, _("Email"), self.email, "email")
        self.errors.add_row(form, _("Notes"), self.notes, "notes")

        self.members = QListWidget()
        self.members.setObjectName("organisation_members")
        self.members.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.members.itemSelectionChanged.connect(self._update_buttons)
        self.members.installEventFilter(self)
        self.new_member = PersonPicker(services=services, actor=actor, placeholder=_("Type a name to add a member"))
        self.new_member.setObjectName("new_member_picker")
        self.new_member.changed.connect(self._member_chosen)
        self.add_button = QPushButton(_("Add member"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(_("Remove the selected members from the list (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        adding.addWidget(self.new_member, 1)
        adding.addWidget(self.add_button)
        members_panel = QWidget()
        members_layout = QVBoxLayout(members_panel)
        members_layout.setContentsMargins(0, 0, 0, 0)
        members_layout.addWidget(self.members, 1)
        members_layout.addLayout(adding)
        members_layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.members_box = QGroupBox()
        members_form = QFormLayout(self.members_box)
        self.errors.add_row(members_form, "", members_panel, "member_ids")
        # The members list takes the spare height when the dialog is made taller.
        members_panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        if (members_row := members_panel.parentWidget()) is not None:
            members_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.payments_box = PaymentsBox(services=services, actor=actor)
        left = QVBoxLayout()
        left.addWidget(details_box, 1)
        left.addWidget(self.payments_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.members_box, 1)
        buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "fiscal_code": self.fiscal_code,
            "contact_person_id": self.contact,
            "phone": self.phone,
            "email": self.email,
            "member_ids": self.new_member,
        }
        self._load(details)
        self._initial = self._snapshot()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 920), hint.height())
        self.name.setFocus()

    # -- filling and reading the form ----------------------------------------------------------------

    def _load(self, details: OrganisationDetails | None) -> None:
        if details is None:
            self.setWindowTitle(_("New association or group"))
            self.payments_box.hide()
        else:
            self.payments_box.show_for(organisation_id=details.id)
            self.setWindowTitle(_("Association or group: {name}").format(name=details.draft.name))
            draft = details.draft
            self.name.setText(draft.name)
            self.kind.setCurrentIndex(self.kind.findData(draft.kind))
            self.member.setChecked(draft.member)
            self.fiscal_code.setText(draft.fiscal_code)
            if details.contact is not None:
                self.contact.set_person(details.contact.id, details.contact.display_name)
            self.phone.setText(draft.phone)
            self.email.setText(draft.email)
            self.notes.setPlainText(draft.notes)
            for row in details.members:
                self.add_member(row)
        self._members_changed()

    def member_ids(self) -> tuple[int, ...]:
        return tuple(int(self.members.item(i).data(PERSON_ID_ROLE)) for i in range(self.members.count()))

    def _draft(self) -> OrganisationDraft:
        problems = []
        if self.contact.has_unpicked_text():
            problems.append(
                Problem("contact_person_id", _("Choose the contact person from the list, or clear the field."))
            )
        if self.new_member.has_unpicked_text():
            problems.append(Problem("member_ids", _("Choose the new member from the list, or clear the field.")))
        if problems:
            raise ValidationError(problems)
        kind = self.kind.currentData()
        return OrganisationDraft(
            name=self.name.text(),
            kind=kind if isinstance(kind, OrganisationKind) else OrganisationKind.OTHER,
            fiscal_code=self.fiscal_code.text(),
            contact_person_id=self.contact.person_id(),
            phone=self.phone.text(),
            email=self.email.text(),
            notes=self.notes.toPlainText(),
            member_ids=self.member_ids(),
            member=self.member.isChecked(),
        )

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.kind.currentIndex(),
            self.member.isChecked(),
            self.fiscal_code.text(),
            self.contact.person_id(),
            self.contact.edit.text(),
            self.phone.text(),
            self.email.text(),
            self.notes.toPlainText(),
            self.member_ids(),
            self.new_member.edit.text(),
        )

    def is_modified(self) -> bool:
        return self._snapshot() != self._initial

    # -- members -------------------------------------------------------------------------------------

    def add_member(self, row: PersonRow) -> None:
        if row.id in self.member_ids():
            return
        item = QListWidgetItem(describe(row))
        item.setData(PERSON_ID_ROLE, row.id)
        self.members.addItem(item)
        self._members_changed()

    def remove_selected(self) -> None:
        for item in self.members.selectedItems():
            self.members.takeItem(self.members.row(item))
        self._members_changed()

    def _member_chosen(self) -> None:
        """A person chosen in the "add" picker joins the list at once; the picker empties for the next."""
        person_id = self.new_member.person_id()
        if person_id is None:
            return
        row = next((row for row in self.new_member.matches.rows() if row.id == person_id), None)
        if row is not None:
            self.add_member(row)
        self.new_member.clear()
        self.new_member.edit.setFocus()

    def _add_clicked(self) -> None:
        if not self.new_member.has_unpicked_text():
            self.new_member.edit.setFocus()
            return
        self.new_member.pick_from_text()

    def _members_changed(self) -> None:
        ids = self.member_ids()
        self.new_member.set_excluded_ids(ids)
        self.members_box.setTitle(_("Members ({count})").format(count=len(ids)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.members.selectedItems()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.members
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # -- saving and leaving --------------------------------------------------------------------------

    def save(self) -> None:
        self.errors.clear()
        try:
            draft = self._draft()
            if self._organisation_id is None:
                details = self._services.organisations.create(self._actor, draft)
            else:
                details = self._services.organisations.update(self._actor, self._organisation_id, draft)
        except ValidationError as error:
            show_problems(self, self.errors, error, self._fields)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.saved_id = details.id
        self.accept()

    def discard_question(self) -> str:
        return _("Discard the changes to this association or group?")
