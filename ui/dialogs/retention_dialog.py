"""People not seen for years, for an admin to review: keep them, or erase their data one by one.

The period is a house setting (``PrivacyService.retention_years``, default 5 years), changed
here. Nothing is erased by itself: each person is a decision, taken in the erase dialog with its
typed confirmation. "Open…" shows the person's form first, to check before deciding.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.privacy import RETENTION_RANGE, InactivePerson
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import close_buttons
from ui.dialogs.erase_dialog import EraseDialog
from ui.widgets.fitted_table import chosen_row
from ui.widgets.row_table import set_up_row_table

COL_NAME, COL_PHONE, COL_LAST, COL_WHAT = range(4)


class RetentionDialog(QDialog):
    """The review list; ``rows`` are the people shown, longest gone first."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.rows: list[InactivePerson] = []
        self.setWindowTitle(_("People to review (data retention)"))

        self.years = QSpinBox()
        self.years.setObjectName("retention_years")
        self.years.setRange(*RETENTION_RANGE)
        self.years.setSuffix(" " + _("years"))
        self.years.setValue(services.privacy.retention_years(actor))
        self.years.setToolTip(_("A house setting: people with no activity for this long are listed (Alt+Y)"))
        years_label = QLabel(_("Not seen for more than (&years):"))
        years_label.setBuddy(self.years)
        self.years.editingFinished.connect(self._years_changed)
        top = QHBoxLayout()
        top.addWidget(years_label)
        top.addWidget(self.years)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("retention_people")
        self.table.setHorizontalHeaderLabels([_("Name"), _("Phone"), _("Last activity"), _("What")])
        set_up_row_table(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_PHONE, 150), (COL_LAST, 140), (COL_WHAT, 180)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.open_selected)

        self.open_button = QPushButton(_("&Open…"))
        self.open_button.setToolTip(_("Show the person's form, to check before deciding (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.erase_button = QPushButton(_("&Erase…"))
        self.erase_button.setObjectName("retention_erase")
        self.erase_button.setToolTip(_("Erase the chosen person's data, after a confirmation (Alt+E, Del)"))
        self.erase_button.clicked.connect(self.erase_selected)
        buttons = close_buttons(self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table).activated.connect(self.erase_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table).activated.connect(self.open_selected)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        try:
            self.rows = self._services.privacy.inactive_people(self._actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.rows = []
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            texts = (row.name, row.phone, format_date(row.last_activity_at, "short"), row.last_activity_label)
            for column, text in enumerate(texts):
                self.table.setItem(index, column, QTableWidgetItem(text))
        count = len(self.rows)
        if count:
            self.summary.setText(
                ngettext(
                    "{count} person has not been seen for more than {years} years: "
                    "review and erase who no longer needs to be kept.",
                    "{count} people have not been seen for more than {years} years: "
                    "review and erase who no longer needs to be kept.",
                    count,
                ).format(count=count, years=self.years.value())
            )
            self.table.selectRow(0)
        else:
            self.summary.setText(
                _("Nobody has been away for more than {years} years: there is nobody to review.").format(
                    years=self.years.value()
                )
            )
        self._update_buttons()

    def selected(self) -> InactivePerson | None:
        return chosen_row(self.table, self.rows)

    def _update_buttons(self) -> None:
        for button in (self.open_button, self.erase_button):
            button.setEnabled(self.selected() is not None)

    def _years_changed(self) -> None:
        try:
            self._services.privacy.set_retention_years(self._actor, self.years.value())
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.reload()

    def open_selected(self) -> None:
        from ui.dialogs.person_editor import PersonEditor  # the editor opens this dialog's erase too

        row = self.selected()
        if row is None:
            return
        editor = PersonEditor(services=self._services, actor=self._actor, person_id=row.id, parent=self)
        editor.exec()
        self.reload()

    def erase_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        details = self._services.people.get(self._actor, row.id)
        dialog = EraseDialog(
            services=self._services,
            actor=self._actor,
            person_id=row.id,
            name=details.display_name,
            given=details.draft.given_name,
            family=details.draft.family_name,
            parent=self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            messages.show_info(self, _("The data of {name} was erased.").format(name=row.name))
            self.reload()
