"""The admin's list of the drop-in services: add one, rename it, choose what its visits record.

The list shows every service, offered or retired, in the order of the Today page's counters;
choosing one puts it in the form under the list, "New service" (Ctrl+N) empties the form. The form
saves one service at a time (Enter), through ``DropInServices`` which checks the role and the
name; its problems show under the fields and nothing is saved. Services are never deleted (their
visits are the statistics of past years): one that is no longer offered is retired by unticking
"Offered at the desk". A built-in service shows its translated label; leaving that label as it
is keeps it translated in every language.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.dropin import MAX_NAME_LENGTH, DropInDraft, DropInRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import GuardedDialog, close_buttons, show_problems
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE, error_row

ROW_ROLE = Qt.ItemDataRole.UserRole
COL_NAME, COL_RECORDS, COL_STATUS = range(3)
NEW_KEYS = "Ctrl+N"
RETIRED_COLOUR = "#777777"


def records_text(row: DropInRow) -> str:
    """What the visits of ``row`` record, as a list cell: "age band, gender" or "only the count"."""
    parts = [
        text
        for recorded, text in (
            (row.records_age_band, _("age band")),
            (row.records_gender, _("gender")),
            (row.records_first_visit, _("first visit")),
        )
        if recorded
    ]
    return ", ".join(parts) if parts else _("only the count")


class DropInServicesDialog(GuardedDialog):
    """The drop-in services with their editor; ``changed`` is True once anything was saved."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.changed = False
        self._editing: DropInRow | None = None
        self.setWindowTitle(_("Drop-in services"))

        self.list = QTreeWidget()
        self.list.setObjectName("dropin_services_list")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([_("Service"), _("Visits record"), _("Status")])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RECORDS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.list.currentItemChanged.connect(self._current_changed)

        self.new_button = QPushButton(_("&New service"))
        self.new_button.setObjectName("dropin_new_service")
        self.new_button.setAutoDefault(False)
        self.new_button.setToolTip(_("Empty the form to add a service ({keys})").format(keys=NEW_KEYS))
        self.new_button.clicked.connect(self.new_service)
        QShortcut(QKeySequence(NEW_KEYS), self, self.new_service)

        general = QLabel()
        self.errors = FormErrors(general)
        self.name = QLineEdit()
        self.name.setObjectName("dropin_service_name")
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.name.setPlaceholderText(_("for example Sportello casa"))
        self.age_band = QCheckBox(_("Age &band"))
        self.age_band.setObjectName("dropin_records_age_band")
        self.gender = QCheckBox(_("&Gender"))
        self.gender.setObjectName("dropin_records_gender")
        self.first_visit = QCheckBox(_("&First visit or not"))
        self.first_visit.setObjectName("dropin_records_first_visit")
        records = QWidget()
        records_layout = QHBoxLayout(records)
        records_layout.setContentsMargins(0, 0, 0, 0)
        records_layout.setSpacing(16)
        for box in (self.age_band, self.gender, self.first_visit):
            records_layout.addWidget(box)
        records_layout.addStretch(1)
        records.setFocusProxy(self.age_band)
        self.active = QCheckBox(_("&Offered at the desk (a counter on the Today page)"))
        self.active.setObjectName("dropin_service_active")
        form = QFormLayout()
        error_row(self.errors, form, _("Na&me"), self.name, "name")
        error_row(self.errors, form, _("Visits record"), records, "records")
        error_row(self.errors, form, "", self.active, "active")
        hint = QLabel(
            _(
                "Services are never deleted: their visits are the statistics of past years. "
                "Untick “Offered at the desk” when a service ends."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.save_button = QPushButton(_("&Save service"))
        self.save_button.setObjectName("dropin_save_service")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save the service (Enter)"))
        self.save_button.clicked.connect(self.save)
        self.form_box = QGroupBox()
        form_layout = QVBoxLayout(self.form_box)
        form_layout.addWidget(general)
        form_layout.addLayout(form)
        form_layout.addWidget(hint)
        form_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)

        self.status = QLabel()
        self.status.setObjectName("dropin_services_status")
        self.status.setWordWrap(True)
        close = close_buttons(self)

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(self.form_box)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self.reload()
        self.new_service()
        self.resize(max(self.sizeHint().width(), 640), max(self.sizeHint().height(), 520))

    # -- the list ------------------------------------------------------------------------------------

    def reload(self, *, select: int | None = None) -> None:
        try:
            rows = self._services.dropin.services(self._actor, include_inactive=True)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            rows = []
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            status = _("offered") if row.active else _("retired")
            item = QTreeWidgetItem([row.label, records_text(row), status])
            item.setData(COL_NAME, ROW_ROLE, row)
            if not row.active:
                for column in range(3):
                    item.setForeground(column, QBrush(QColor(RETIRED_COLOUR)))
            self.list.addTopLevelItem(item)
            if row.id == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def rows(self) -> list[DropInRow]:
        """The services listed, in order."""
        items = (self.list.topLevelItem(index) for index in range(self.list.topLevelItemCount()))
        return [item.data(COL_NAME, ROW_ROLE) for item in items if item is not None]

    def select_service(self, service_id: int) -> None:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item is not None and item.data(COL_NAME, ROW_ROLE).id == service_id:
                self.list.setCurrentItem(item)
                return
        raise LookupError(service_id)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.edit(current.data(COL_NAME, ROW_ROLE))

    # -- the form ------------------------------------------------------------------------------------

    def new_service(self) -> None:
        """An empty form for a new service, offered at the desk, recording nothing yet."""
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.list.blockSignals(False)
        self._fill(None)
        self.name.setFocus()

    def edit(self, row: DropInRow) -> None:
        self._fill(row)

    def _fill(self, row: DropInRow | None) -> None:
        self._editing = row
        self.errors.clear()
        self.form_box.setTitle(_("New service") if row is None else _("Service: {name}").format(name=row.label))
        self.name.setText(row.label if row is not None else "")
        self.age_band.setChecked(row.records_age_band if row is not None else False)
        self.gender.setChecked(row.records_gender if row is not None else False)
        self.first_visit.setChecked(row.records_first_visit if row is not None else False)
        self.active.setChecked(row.active if row is not None else True)

    def draft(self) -> DropInDraft:
        return DropInDraft(
            name=self.name.text(),
            active=self.active.isChecked(),
            records_age_band=self.age_band.isChecked(),
            records_gender=self.gender.isChecked(),
            records_first_visit=self.first_visit.isChecked(),
        )

    def _saved_draft(self) -> DropInDraft:
        row = self._editing
        if row is None:
            return DropInDraft()
        return DropInDraft(
            name=row.label,
            active=row.active,
            records_age_band=row.records_age_band,
            records_gender=row.records_gender,
            records_first_visit=row.records_first_visit,
        )

    def is_modified(self) -> bool:
        """Something typed or ticked in the form and not saved."""
        return self.draft() != self._saved_draft()

    def discard_question(self) -> str:
        return _("The service in the form is not saved. Close and lose the changes?")

    def save(self) -> None:
        """Enter: add or change the service in the form; problems show under its fields."""
        self.errors.clear()
        row = self._editing
        try:
            if row is None:
                saved = self._services.dropin.create(self._actor, self.draft())
            else:
                saved = self._services.dropin.update(self._actor, row.id, self.draft())
        except ValidationError as error:
            show_problems(self, self.errors, error, {"name": self.name})
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.changed = True
        self.reload(select=saved.id)
        self._fill(saved)
        text = _("Service added: {name}.") if row is None else _("Service saved: {name}.")
        self.status.setText(text.format(name=saved.label))
        self.list.setFocus()
