"""One tool of the library: its details and photo, its status, its history, its reservations.

A new tool shows only its details; once saved, History and Reservations appear, as the
workshop dialog does with its sessions. Coordinators change details, photo and status; volunteers
read them and may reserve the tool for someone. "Print label…" (Ctrl+P) prints this tool's
barcode label on the label printer's roll or on one label of a sheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.reports.tool_labels import LabelItem
from app.services import Services
from app.services.roles import Actor, Role
from app.services.tools import ToolDetails
from app.text import capitalised
from ui import messages
from ui.dialogs.common import StaysOpenEditor, show_problems
from ui.dialogs.labels_dialog import LabelsDialog
from ui.widgets.tool_form import ToolForm
from ui.widgets.tool_history import ToolHistoryTab
from ui.widgets.tool_photo import ToolPhotoBox
from ui.widgets.tool_reservations import ToolReservationsTab
from ui.widgets.tool_status_box import ToolStatusBox


def shortcut_text(keys: QKeySequence.StandardKey) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class ToolEditor(StaysOpenEditor):
    """Details (with photo and status), History and Reservations of one tool.

    After it closes as Accepted, ``saved_id`` is the stored tool's id.

    Raises:
        PortineriaError: from the constructor, when the tool cannot be read (removed meanwhile).
    """

    def __init__(
        self, *, services: Services, actor: Actor, tool_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.saved_id: int | None = None
        self.may_edit = actor.role >= Role.COORDINATOR
        details = services.tools.get(actor, tool_id) if tool_id is not None else None
        photo = services.tools.photo(actor, details.id) if details is not None and details.has_photo else None
        self.details: ToolDetails | None = details
        self.labels_dialog: LabelsDialog | None = None

        self.summary = QLabel()
        self.summary.setObjectName("tool_summary")
        self.summary.setWordWrap(True)
        self.form = ToolForm(services=services, actor=actor)
        self.form.set_editable(self.may_edit)
        self.photo = ToolPhotoBox()
        self.photo.set_editable(self.may_edit)
        self.status_box = ToolStatusBox(services=services, actor=actor)
        self.status_box.changed.connect(self._status_changed)
        self.status_box.setVisible(False)
        side = QVBoxLayout()
        side.addWidget(self.photo)
        side.addWidget(self.status_box)
        side.addStretch(1)
        details_page = QWidget()
        details_row = QHBoxLayout(details_page)
        details_row.addWidget(self.form, 1)
        details_row.addSpacing(8)
        details_row.addLayout(side)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tool_tabs")
        self.tabs.addTab(details_page, _("&Details"))
        self.history: ToolHistoryTab | None = None
        self.reservations: ToolReservationsTab | None = None

        buttons = QDialogButtonBox()
        self.label_button = buttons.addButton(_("Print &label…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.label_button.setObjectName("print_label")
        self.label_button.setToolTip(
            _("Print this tool's barcode label ({shortcut})").format(
                shortcut=shortcut_text(QKeySequence.StandardKey.Print)
            )
        )
        self.label_button.setAutoDefault(False)
        self.label_button.clicked.connect(self.print_label)
        self.label_button.hide()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self).activated.connect(self.print_label)
        self.save_button = self.add_save_close(
            buttons,
            save_text=_("&Save"),
            save_tip=_("Save the details of the tool (Enter or Ctrl+S)"),
            enter_saves=True,
            close_tip=_("Close (Esc); status changes and reservations are already saved"),
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(900, 640)

        self.form.load(details.draft if details is not None else None)
        self.photo.load(photo.data if photo is not None else None)
        if details is None:
            self.setWindowTitle(_("New tool"))
            self.summary.setText(_("Write the details and save; the code is given from the category if left empty."))
        else:
            self._open_tabs(details)
        self._initial = self.form.snapshot()
        self.form.name.setFocus()

    def _open_tabs(self, details: ToolDetails) -> None:
        """History and Reservations, status and label, once the tool exists."""
        self.saved_id = details.id
        self.form.saved()
        self._show(details)
        self.history = ToolHistoryTab(services=self._services, actor=self._actor, tool_id=details.id)
        self.reservations = ToolReservationsTab(services=self._services, actor=self._actor, tool_id=details.id)
        self.reservations.changed.connect(self._reservations_changed)
        self.tabs.addTab(self.history, _("&History"))
        self.tabs.addTab(self.reservations, _("R&eservations"))
        self.label_button.show()
        self.status_box.setVisible(self.may_edit)

    def _show(self, details: ToolDetails) -> None:
        self.details = details
        self.setWindowTitle(_("Tool {code}: {name}").format(code=details.draft.code, name=details.draft.name))
        status = capitalised(details.status.label)
        if details.status_reason:
            status = _("{status}: {reason}").format(status=status, reason=details.status_reason)
        self.summary.setText(f"<b>{details.draft.code}</b> · {details.draft.name} · {status}")
        self.status_box.load(details)

    def _status_changed(self, details: ToolDetails) -> None:
        self._show(details)
        if self.history is not None:
            self.history.reload()

    def _reservations_changed(self) -> None:
        if self.saved_id is None:
            return
        try:
            self._show(self._services.tools.get(self._actor, self.saved_id))
        except PortineriaError as error:
            messages.show_error(self, error.message)
        if self.history is not None:
            self.history.reload()

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Store details and photo; problems appear under their fields and the dialog stays open."""
        if not self.may_edit:
            return
        self.form.errors.clear()
        try:
            draft = self.form.draft()
            if self.saved_id is None:
                details = self._services.tools.create(self._actor, draft)
            else:
                details = self._services.tools.update(self._actor, self.saved_id, draft)
        except ValidationError as error:
            self.tabs.setCurrentIndex(0)
            show_problems(self, self.form.errors, error, self.form.fields)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        if self.photo.is_changed():
            try:
                details = self._services.tools.set_photo(self._actor, details.id, self.photo.data())
                self.photo.saved()
            except PortineriaError as error:
                messages.show_error(
                    self, _("The details are saved, but not the photo: {reason}").format(reason=error.message)
                )
        self.form.load(details.draft)
        self._initial = self.form.snapshot()
        if self.history is None:
            self._open_tabs(details)
        else:
            self._show(details)
            self.history.reload()
        self.form.reload_categories()

    # -- the label ---------------------------------------------------------------------------------

    def print_label(self) -> None:
        """This tool's label: saved details only (the code printed is the one stored)."""
        if self.details is None:
            return
        if self.labels_dialog is not None:
            self.labels_dialog.raise_()
            return
        try:
            house = self._services.house.details().name
        except PortineriaError:
            house = ""
        item = LabelItem(code=self.details.draft.code, name=self.details.draft.name)
        dialog = LabelsDialog(items=[item], house_name=house, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._labels_closed)
        self.labels_dialog = dialog
        dialog.open()

    def _labels_closed(self) -> None:
        self.labels_dialog = None

    # -- leaving -----------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        return self.may_edit and (self.form.snapshot() != self._initial or self.photo.is_changed())

    def discard_question(self) -> str:
        return _("Discard the changes to this tool?")
