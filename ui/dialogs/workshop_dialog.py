"""One workshop: its details, its sessions (with the register of each) and its people.

Opened from the Workshops page. A new workshop (``workshop_id=None``, coordinators only) shows
the details alone; once saved, the dialog stays open on its sessions and people. Enrolments,
withdrawals and register ticks are saved as they are made; only the details have a Save button
(Ctrl+S), and closing with unsaved details asks first. Volunteers see the details read-only.
Once the workshop exists, "Print register" (Ctrl+Shift+P, at the right of the tabs) prints its
register over all the sessions held, people by dates; the People tab prints certificates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.enrolments import Promotion
from app.services.roles import Actor, Role
from app.services.workshops import WorkshopDetails
from ui import messages
from ui.dialogs.common import StaysOpenEditor, show_problems
from ui.one_preview import front_or_show
from ui.widgets.workshop_form import WorkshopForm
from ui.widgets.workshop_people_tab import WorkshopPeopleTab, call_message
from ui.widgets.workshop_sessions_tab import WorkshopSessionsTab
from ui.workshop_printing import show_workshop_register

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

PRINT_REGISTER_KEYS = "Ctrl+Shift+P"
"""Ctrl+P prints the selected session's sheet on the Sessions tab; the whole register is one key more."""


class WorkshopDialog(StaysOpenEditor):
    """Details, Sessions and People of one workshop; ``saved_id`` is set once it is stored.

    Raises:
        PortineriaError: from the constructor, when the workshop cannot be read.
    """

    def __init__(
        self, *, services: Services, actor: Actor, workshop_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.saved_id: int | None = None
        self.may_edit = actor.role >= Role.COORDINATOR
        details = services.workshops.get(actor, workshop_id) if workshop_id is not None else None

        self.summary = QLabel()
        self.summary.setObjectName("workshop_summary")
        self.summary.setWordWrap(True)
        self.form = WorkshopForm(services=services, actor=actor)
        self.form.set_editable(self.may_edit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workshop_tabs")
        self.tabs.addTab(self.form, _("&Details"))
        self.sessions: WorkshopSessionsTab | None = None
        self.people: WorkshopPeopleTab | None = None
        self.preview: PdfPreviewDialog | None = None
        self.print_register_button = QPushButton(_("Print &register…"))
        self.print_register_button.setObjectName("print_register")
        register_keys = QKeySequence(PRINT_REGISTER_KEYS)
        self.print_register_button.setToolTip(
            _("Print the register of every session held: people by dates, with their hours ({shortcut})").format(
                shortcut=register_keys.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.print_register_button.setAutoDefault(False)
        self.print_register_button.clicked.connect(self.print_register)
        self.print_register_button.hide()  # a workshop not saved yet has no register
        self.tabs.setCornerWidget(self.print_register_button, Qt.Corner.TopRightCorner)
        QShortcut(register_keys, self).activated.connect(self.print_register)

        buttons = QDialogButtonBox()
        self.save_button = self.add_save_close(
            buttons,
            save_text=_("Save details"),
            save_tip=_("Save the details of the workshop (Ctrl+S)"),
            enter_saves=False,
            close_tip=_("Close (Esc); enrolments and ticks are already saved"),
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)

        if details is None:
            self.setWindowTitle(_("New workshop"))
            self.summary.setText(_("Write the details and save; then plan the sessions and enrol people."))
            self.form.title.setFocus()
        else:
            self.form.load(details)
            self._open_tabs(details)
        self._initial = self.form.snapshot()

    def _open_tabs(self, details: WorkshopDetails) -> None:
        """The Sessions and People tabs, once the workshop exists; the desk starts on Sessions."""
        self.saved_id = details.id
        self._show_summary(details)
        self.sessions = WorkshopSessionsTab(services=self._services, actor=self._actor, workshop_id=details.id)
        self.people = WorkshopPeopleTab(services=self._services, actor=self._actor, workshop_id=details.id)
        self.people.changed.connect(self._refresh_summary)
        self.tabs.addTab(self.sessions, _("&Sessions"))
        self.tabs.addTab(self.people, _("&People and waiting list"))
        self.tabs.setCurrentWidget(self.sessions)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.print_register_button.show()
        self.sessions.setFocus()

    def _tab_changed(self) -> None:
        """Back on People after marking registers on Sessions: the hours attended are read again."""
        if self.people is not None and self.tabs.currentWidget() is self.people:
            self.people.reload()

    def _show_summary(self, details: WorkshopDetails) -> None:
        self.setWindowTitle(_("Workshop: {title}").format(title=details.draft.title))
        parts = [
            _("with {facilitator}").format(facilitator=details.facilitator_name),
            details.room_name,
            _("{enrolled} of {capacity} places taken").format(
                enrolled=details.enrolled, capacity=details.draft.capacity
            ),
        ]
        if details.waiting:
            parts.append(_("{count} waiting").format(count=details.waiting))
        if not details.draft.registration_open:
            parts.append(_("registration closed"))
        self.summary.setText(f"<b>{details.draft.title}</b> · " + " · ".join(parts))

    def _refresh_summary(self) -> None:
        if self.saved_id is None:
            return
        try:
            self._show_summary(self._services.workshops.get(self._actor, self.saved_id))
        except PortineriaError as error:
            messages.show_error(self, error.message)

    # -- printing ----------------------------------------------------------------------------------

    def print_register(self) -> None:
        """The register of the saved workshop in the print preview; one preview at a time."""
        workshop_id = self.saved_id
        if workshop_id is None:
            return
        self.preview = front_or_show(
            self.preview,
            lambda: show_workshop_register(self, self._services, self._actor, workshop_id),
            self._preview_closed,
        )

    def _preview_closed(self) -> None:
        self.preview = None

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Store the details; problems appear under their fields and the dialog stays open."""
        if not self.may_edit:
            return
        self.form.errors.clear()
        try:
            draft = self.form.draft()
            if self.saved_id is None:
                details = self._services.workshops.create(self._actor, draft)
                promoted: tuple[Promotion, ...] = ()
            else:
                update = self._services.workshops.update(self._actor, self.saved_id, draft)
                details, promoted = update.workshop, update.promoted
        except ValidationError as error:
            self.tabs.setCurrentWidget(self.form)
            show_problems(self, self.form.errors, error, self.form.fields)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._initial = self.form.snapshot()
        if self.sessions is None:
            self._open_tabs(details)
        else:
            self._show_summary(details)
            assert self.people is not None
            self.people.reload()
            if promoted:
                messages.show_info(self, call_message(promoted), title=_("Call them"))

    # -- leaving -----------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        return self.may_edit and self.form.snapshot() != self._initial

    def discard_question(self) -> str:
        return _("Discard the changes to the details of this workshop?")
