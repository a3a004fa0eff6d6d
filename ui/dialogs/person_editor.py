"""Adding a person, or changing what the desk knows about them.

An admin also finds "Export data…" (the person's data as a PDF for them and a JSON file) and
"Erase…" (anonymisation, confirmed by typing the name) on an existing person; an erased person's
form is read only. The privacy box says at a glance what consent the desk holds.

An existing person's editor has two tabs: Details (the form) and Workshops (their enrolments,
attendance history and hours, with their certificates), read only when that tab is first shown.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, format_date
from app.privacy_export import write_json
from app.reports.person_data import write_person_data
from app.services import Services
from app.services.people import CONSENT_AGE, PersonDetails, PersonDraft, may_be_under
from app.services.roles import Actor, Role
from ui import messages
from ui.dialogs.common import GuardedDialog, save_button, save_cancel_buttons, show_problems
from ui.dialogs.erase_dialog import EraseDialog
from ui.dialogs.ics_export_dialog import default_directory, slug
from ui.widgets.birth_field import BirthField
from ui.widgets.consent_mark import mark_text, mark_tooltip
from ui.widgets.form import FormErrors
from ui.widgets.payments_box import PaymentsBox
from ui.widgets.person_picker import PersonPicker
from ui.widgets.person_workshops_box import PersonWorkshopsBox

DEFAULT_NOTICE_VERSION = "2025-1"


class PersonEditor(GuardedDialog):
    """The form for one person, new (``person_id=None``) or existing.

    After ``Accepted``, ``saved_id`` is the id of the stored person. Raises ``NotFound`` at
    construction if ``person_id`` no longer exists.
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        person_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._person_id = person_id
        self._today = services.clock.today()
        self.saved_id: int | None = None
        details = services.people.get(actor, person_id) if person_id is not None else None

        general = QLabel()
        self.errors = FormErrors(general)
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("e.g. 333 123 4567"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("name@example.org"))
        self.address = self._text_box(lines=3)
        self.birth = BirthField(today=self._today)
        self.birth.changed.connect(self._birth_changed)
        self.notes = self._text_box(lines=5)

        person_box = QGroupBox(_("Person"))
        person_form = self._form(person_box, stretch=False)
        self.errors.add_row(person_form, _("Given name"), self.given_name, "given_name")
        self.errors.add_row(person_form, _("Family name"), self.family_name, "family_name")
        self.errors.add_row(person_form, _("Phone"), self.phone, "phone")
        self.errors.add_row(person_form, _("Email"), self.email, "email")
        self.errors.add_row(person_form, _("Address"), self.address, "address")
        self.errors.add_row(person_form, _("Born"), self.birth, "birth_date")
        self.errors.add_row(person_form, _("Notes"), self.notes, "notes")
        # Spare height, when the dialog is made taller, goes to the notes.
        self.notes.setMaximumHeight(16777215)
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if (notes_row := self.notes.parentWidget()) is not None:
            notes_row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.consent = QCheckBox(_("Consent given"))
        self.consent.toggled.connect(self._consent_toggled)
        self.consent_date = QDateEdit()
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd/MM/yyyy")
        self.consent_date.setMaximumDate(QDate(self._today.year, self._today.month, self._today.day))
        self.consent_date.setDate(self.consent_date.maximumDate())
        self.notice_version = QLineEdit(DEFAULT_NOTICE_VERSION)
        self.photo_release = QCheckBox(_("May appear in photos and videos of the house"))
        self.privacy_state = QLabel()
        self.privacy_state.setObjectName("privacy_state")
        self.privacy_state.setWordWrap(True)
        self.privacy_state.setStyleSheet("font-weight: bold;")
        self.privacy_state.hide()
        privacy_box = QGroupBox(_("Privacy"))
        privacy_form = self._form(privacy_box)
        privacy_form.addRow(self.privacy_state)
        privacy_form.addRow(self.consent)
        self.errors.add_row(privacy_form, _("Signed on"), self.consent_date, "consent_date")
        self.errors.add_row(privacy_form, _("Notice version"), self.notice_version, "consent_notice_version")
        self.errors.add_row(privacy_form, _("Photo release"), self.photo_release, "photo_release")

        self.guardian = PersonPicker(
            services=services, actor=actor, placeholder=_("Type the name of the parent or guardian")
        )
        if person_id is not None:
            self.guardian.set_excluded_ids([person_id])
        self.guardian_hint = QLabel(
            _("Under {age}, the privacy consent is given by a parent or guardian: choose them here.").format(
                age=CONSENT_AGE
            )
        )
        self.guardian_hint.setWordWrap(True)
        guardian_box = QGroupBox(_("Parent or guardian"))
        guardian_form = self._form(guardian_box)
        guardian_form.addRow(self.guardian_hint)
        self.errors.add_row(guardian_form, _("Guardian"), self.guardian, "guardian_id")

        self.organisations = QListWidget()
        self.organisations.setObjectName("person_organisations")
        self.organisations.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.organisations.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.organisations.setMaximumHeight(self.fontMetrics().height() * 5)
        self.organisations_box = QGroupBox(_("Associations and groups"))
        QVBoxLayout(self.organisations_box).addWidget(self.organisations)
        self.payments_box = PaymentsBox(services=services, actor=actor)
        self.record_info = QLabel()
        self.record_info.setObjectName("record_info")
        self.record_info.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(privacy_box)
        right.addWidget(guardian_box)
        right.addWidget(self.organisations_box)
        right.addWidget(self.payments_box)
        right.addStretch(1)
        right.addWidget(self.record_info)
        details_page = QWidget()
        columns = QHBoxLayout(details_page)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(person_box, 3)
        columns.addLayout(right, 2)
        self.tabs: QTabWidget | None = None
        self.workshops_box: PersonWorkshopsBox | None = None
        if person_id is not None:
            # Only a registered person has workshops; the box reads them when its tab is shown.
            self.workshops_box = PersonWorkshopsBox(services=services, actor=actor, person_id=person_id)
            self.tabs = QTabWidget()
            self.tabs.setObjectName("person_tabs")
            columns.setContentsMargins(6, 6, 6, 6)
            self.tabs.addTab(details_page, _("&Details"))
            self.tabs.addTab(self.workshops_box, _("&Workshops"))

        self.buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(self.buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        self.export_button: QPushButton | None = None
        self.erase_button: QPushButton | None = None
        self.exported: tuple[Path, Path] | None = None
        self.erase_dialog: EraseDialog | None = None
        self.erased = person_id is not None and services.privacy.is_erased(actor, person_id)
        if person_id is not None and actor.role >= Role.ADMIN:
            self.export_button = QPushButton(_("E&xport data…"))
            self.export_button.setObjectName("export_person_data")
            self.export_button.setToolTip(
                _("Everything held about this person, as a PDF for them and a JSON file (Alt+X)")
            )
            self.export_button.clicked.connect(self.export_data)
            self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
            if not self.erased:
                self.erase_button = QPushButton(_("E&rase…"))
                self.erase_button.setObjectName("erase_person")
                self.erase_button.setToolTip(
                    _("Erase this person's data for good, keeping statistics and receipts (Alt+R)")
                )
                self.erase_button.clicked.connect(self.erase)
                self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.erased_banner = QLabel(
            _("This person's data was erased: the record only keeps the statistics and cannot be edited.")
        )
        self.erased_banner.setObjectName("erased_banner")
        self.erased_banner.setWordWrap(True)
        self.erased_banner.setStyleSheet("font-weight: bold;")
        self.erased_banner.setVisible(self.erased)

        layout = QVBoxLayout(self)
        layout.addWidget(self.erased_banner)
        layout.addWidget(general)
        layout.addWidget(self.tabs if self.tabs is not None else details_page, 1)
        layout.addWidget(self.buttons)
        self._fields: dict[str, QWidget] = {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "phone": self.phone,
            "email": self.email,
            "birth_date": self.birth.edit,
            "consent_date": self.consent_date,
            "consent_notice_version": self.notice_version,
            "photo_release": self.photo_release,
            "guardian_id": self.guardian,
        }
        self._load(details)
        if self.erased:
            self._make_read_only(person_box, privacy_box, guardian_box)
        self._initial = self._snapshot()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 920), hint.height())
        self.given_name.setFocus()

    @staticmethod
    def _form(box: QGroupBox, *, stretch: bool = True) -> QFormLayout:
        """A form that widens its fields; spare height goes below the last row (or to an expanding field)."""
        outer = QVBoxLayout(box)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form, 0 if stretch else 1)
        if stretch:
            outer.addStretch(1)
        return form

    @staticmethod
    def _text_box(*, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return box

    # -- filling and reading the form ----------------------------------------------------------------

    def _load(self, details: PersonDetails | None) -> None:
        if details is None:
            self.setWindowTitle(_("New person"))
            self.organisations_box.hide()  # nobody belongs to a group before being registered
            self.payments_box.hide()
            self.record_info.hide()
            self._consent_toggled(False)
            self._birth_changed()
            return
        self.setWindowTitle(_("Person: {name}").format(name=details.display_name))
        draft = details.draft
        self.given_name.setText(draft.given_name)
        self.family_name.setText(draft.family_name)
        self.phone.setText(draft.phone)
        self.email.setText(draft.email)
        self.address.setPlainText(draft.address)
        self.birth.set_value(draft.birth_date, draft.birth_year)
        self.notes.setPlainText(draft.notes)
        if draft.consent_date is not None:
            day = draft.consent_date
            self.consent_date.setDate(QDate(day.year, day.month, day.day))
            self.notice_version.setText(draft.consent_notice_version)
        self.consent.setChecked(draft.consent_date is not None)
        self._consent_toggled(self.consent.isChecked())
        self.photo_release.setChecked(draft.photo_release)
        self.guardian.set_person(draft.guardian_id, details.guardian_name)
        mark = self._services.privacy.consent_mark(self._actor, details.id)
        text = mark_text(mark)
        self.privacy_state.setText(text or _("Consent and photo release recorded."))
        self.privacy_state.setToolTip(mark_tooltip(mark))
        self.privacy_state.setVisible(True)
        self.organisations.addItems(list(details.organisations) or [_("None")])
        self.payments_box.show_for(person_id=details.id)
        self.record_info.setText(
            _("Registered on {created}; last changed on {updated}.").format(
                created=format_date(details.created_at), updated=format_date(details.updated_at)
            )
        )

    def _draft(self) -> PersonDraft:
        """The form as a draft; problems the service cannot see (unreadable birth, unchosen guardian)
        are raised here as a ``ValidationError`` so they show like the service's own."""
        problems = []
        birth_date, birth_year = None, None
        try:
            birth_date, birth_year = self.birth.value()
        except ValueError as error:
            problems.append(Problem("birth_date", str(error)))
        if self.guardian.has_unpicked_text():
            problems.append(Problem("guardian_id", _("Choose the guardian from the list, or clear the field.")))
        if problems:
            raise ValidationError(problems)
        consent = self.consent.isChecked()
        return PersonDraft(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            birth_date=birth_date,
            birth_year=birth_year,
            notes=self.notes.toPlainText(),
            consent_date=self._consent_day() if consent else None,
            consent_notice_version=self.notice_version.text() if consent else "",
            photo_release=consent and self.photo_release.isChecked(),
            guardian_id=self.guardian.person_id(),
        )

    def _consent_day(self) -> date:
        day = self.consent_date.date()
        return date(day.year(), day.month(), day.day())

    def _snapshot(self) -> tuple[object, ...]:
        return (
            *(edit.text() for edit in (self.given_name, self.family_name, self.phone, self.email, self.birth.edit)),
            self.address.toPlainText(),
            self.notes.toPlainText(),
            self.consent.isChecked(),
            self.consent_date.date(),
            self.notice_version.text(),
            self.photo_release.isChecked(),
            self.guardian.person_id(),
            self.guardian.edit.text(),
        )

    def is_modified(self) -> bool:
        return self._snapshot() != self._initial

    # -- live hints ----------------------------------------------------------------------------------

    def _birth_changed(self) -> None:
        """Under 14 the guardian's hint turns bold: that is where the consent must come from."""
        birth_date, birth_year = self.birth.readable_value()
        minor = may_be_under(CONSENT_AGE, birth_date=birth_date, birth_year=birth_year, today=self._today)
        font = QFont(self.guardian_hint.font())
        font.setBold(minor)
        self.guardian_hint.setFont(font)

    def _consent_toggled(self, given: bool) -> None:
        for widget in (self.consent_date, self.notice_version, self.photo_release):
            widget.setEnabled(given)
        if given and not self.notice_version.text().strip():
            self.notice_version.setText(DEFAULT_NOTICE_VERSION)

    # -- privacy: export and erasure ------------------------------------------------------------------

    def _make_read_only(self, *boxes: QGroupBox) -> None:
        """An erased person is never edited back: the form only shows what is left."""
        for box in boxes:
            box.setEnabled(False)
        self.save_button.hide()
        self.privacy_state.hide()

    def export_data(self) -> None:
        """Ask where to save the PDF; the JSON file goes beside it with the same name."""
        if self._person_id is None:
            return
        name = self.windowTitle()
        details = self._services.people.get(self._actor, self._person_id)
        suggested = default_directory() / f"{slug(details.display_name) or 'person'}-{_('data')}.pdf"
        path = messages.choose_file_to_save(
            self, title=_("Save the person's data as"), suggested=suggested, file_filter=_("PDF files (*.pdf)")
        )
        if path is None:
            return
        json_path = path.with_suffix(".json")
        try:
            export = self._services.privacy.export(self._actor, self._person_id)
            write_person_data(export.data, path)
            write_json(export.data, json_path)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        except OSError as error:
            messages.show_error(
                self, _("The files could not be written ({reason}): choose another folder.").format(reason=error)
            )
            return
        self.exported = (path, json_path)
        messages.show_info(
            self,
            _(
                "Saved the data of {name}:\n{pdf}\n{json}\n\n"
                "Give the PDF to the person; the JSON file holds the same data for a computer."
            ).format(name=details.display_name or name, pdf=path, json=json_path),
            title=_("Data exported"),
        )

    def erase(self) -> None:
        """Erase after the typed confirmation; unsaved changes are dropped (they would be erased)."""
        if self._person_id is None:
            return
        details = self._services.people.get(self._actor, self._person_id)
        dialog = EraseDialog(
            services=self._services,
            actor=self._actor,
            person_id=self._person_id,
            name=details.display_name,
            given=details.draft.given_name,
            family=details.draft.family_name,
            parent=self,
        )
        self.erase_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        messages.show_info(self, _("The data of {name} was erased.").format(name=details.display_name))
        self.saved_id = self._person_id
        self.accept()

    # -- saving and leaving --------------------------------------------------------------------------

    def save(self) -> None:
        if self.erased:
            return
        self.errors.clear()
        try:
            draft = self._draft()
            if self._person_id is None:
                if not self._confirm_lookalikes(draft):
                    return
                details = self._services.people.create(self._actor, draft)
            else:
                details = self._services.people.update(self._actor, self._person_id, draft)
        except ValidationError as error:
            self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.saved_id = details.id
        self.accept()

    def _confirm_lookalikes(self, draft: PersonDraft) -> bool:
        found = self._services.people.lookalikes(self._actor, draft)
        if not found:
            return True
        lines = []
        for lookalike in found:
            name = lookalike.row.display_name
            if lookalike.row.birth_year is not None:
                name = f"{name} ({lookalike.row.birth_year})"
            lines.append(f"• {name}: {', '.join(lookalike.reasons)}")
        text = _("This person may already be registered:\n\n{people}\n\nSave anyway?").format(people="\n".join(lines))
        return messages.confirm(self, text, title=_("Already registered?"), yes=_("Save anyway"))

    def _show_problems(self, error: ValidationError) -> None:
        # The birth is one field on screen: a problem with the year shows under it too.
        problems = [Problem("birth_date" if p.field == "birth_year" else p.field, p.message) for p in error.problems]
        if self.tabs is not None:
            self.tabs.setCurrentIndex(0)  # the problems are on the form
        show_problems(self, self.errors, ValidationError(problems), self._fields)

    def discard_question(self) -> str:
        return _("Discard the changes to this person?")
