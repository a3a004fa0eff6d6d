"""The admin's cash settings: the stamp duty on receipts and the list of payment categories.

Every change here is saved at once (the stamp duty when its button is chosen, a category when its
small form is saved), so the dialog only has Close. Receipts already issued keep the stamp duty
and the category name they were issued with.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.cash_rules import Direction, StampDutyMode, category_label
from app.services.cash_settings import CategoryDraft, CategoryRow
from app.services.roles import Actor
from app.text import capitalised
from ui import messages
from ui.dialogs.common import close_buttons, save_button, save_cancel_buttons, show_problems
from ui.widgets.fitted_table import chosen_row, fitted_table
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE

COL_NAME, COL_DIRECTION, COL_EXEMPT, COL_ACTIVE = range(4)
CATEGORY_ID_ROLE = Qt.ItemDataRole.UserRole


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


class CategoryDialog(QDialog):
    """Adds a category (``row`` None) or edits one; saved with the cash settings service.

    A built-in category keeps its code: its name may be left empty to keep the usual label.
    """

    def __init__(
        self, *, services: Services, actor: Actor, row: CategoryRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._row = row
        self.saved_row: CategoryRow | None = None
        self.setWindowTitle(_("New payment category") if row is None else _("Payment category"))
        self.setMinimumWidth(460)

        general = QLabel()
        general.setObjectName("category_general_error")
        self.errors = FormErrors(general)
        self.name = QLineEdit(row.name if row is not None else "")
        self.name.setObjectName("category_name")
        self.name.setMaxLength(100)
        built_in = row is not None and row.code is not None
        if built_in and row is not None:
            self.name.setPlaceholderText(capitalised(category_label(row.code, "")))
        else:
            self.name.setPlaceholderText(_("e.g. Sewing course"))
        self.direction = QComboBox()
        self.direction.setObjectName("category_direction")
        for direction in Direction:
            self.direction.addItem(capitalised(direction.label), direction)
        self.direction.setCurrentIndex(self.direction.findData(row.direction if row else Direction.IN))
        self.exempt = QCheckBox(_("Never pays stamp duty (e.g. membership fees)"))
        self.exempt.setObjectName("category_exempt")
        self.exempt.setChecked(row.stamp_exempt if row else False)
        self.active = QCheckBox(_("Offered at the desk"))
        self.active.setObjectName("category_active")
        self.active.setChecked(row.active if row else True)

        form = QFormLayout()
        self.errors.add_row(form, _("Name"), self.name, "name")
        if built_in:
            hint = QLabel(_("A built-in category: leave the name empty to keep the usual one."))
            hint.setWordWrap(True)
            hint.setStyleSheet(HINT_STYLE)
            form.addRow("", hint)
        self.errors.add_row(form, _("Usually"), self.direction, "direction")
        self.errors.add_row(form, _("Stamp duty"), self.exempt, "stamp_exempt")
        self.errors.add_row(form, _("Active"), self.active, "active")

        buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.name.setFocus()

    def draft(self) -> CategoryDraft:
        direction = self.direction.currentData()
        return CategoryDraft(
            name=self.name.text(),
            direction=direction if isinstance(direction, Direction) else Direction.IN,
            stamp_exempt=self.exempt.isChecked(),
            active=self.active.isChecked(),
        )

    def save(self) -> None:
        self.errors.clear()
        try:
            if self._row is None:
                self.saved_row = self._services.cash_settings.add_category(self._actor, self.draft())
            else:
                self.saved_row = self._services.cash_settings.update_category(self._actor, self._row.id, self.draft())
        except ValidationError as error:
            show_problems(self, self.errors, error, {"name": self.name})
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()


class CashSettingsDialog(QDialog):
    """The stamp duty on receipts and the payment categories, for an admin."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._rows: list[CategoryRow] = []
        self.setWindowTitle(_("Cash settings"))
        self.setMinimumSize(720, 520)

        stamp_box = QGroupBox(_("Stamp duty on receipts"))
        stamp_layout = QVBoxLayout(stamp_box)
        self.stamp_group = QButtonGroup(self)
        self.stamp_buttons: dict[StampDutyMode, QRadioButton] = {}
        current = services.cash_settings.stamp_duty_mode()
        for mode in StampDutyMode:
            button = QRadioButton(capitalised(mode.label))
            button.setObjectName(f"stamp_duty_{mode.value}")
            button.setChecked(mode is current)
            self.stamp_group.addButton(button)
            self.stamp_buttons[mode] = button
            stamp_layout.addWidget(button)
        stamp_hint = QLabel(
            _("The choice is saved at once and used from the next receipt; receipts already issued keep theirs.")
        )
        stamp_hint.setWordWrap(True)
        stamp_hint.setStyleSheet(HINT_STYLE)
        stamp_layout.addWidget(stamp_hint)
        self.stamp_group.buttonToggled.connect(self._stamp_toggled)

        categories_box = QGroupBox(_("Payment categories"))
        categories_layout = QVBoxLayout(categories_box)
        headers = [_("Name"), _("Usually"), _("Stamp duty exempt"), _("Active")]
        self.table = fitted_table(headers, "categories_table", COL_NAME)
        self.table.doubleClicked.connect(self.edit_category)
        self.table.activated.connect(self.edit_category)
        self.add_button = QPushButton(_("Add…"))
        self.add_button.setObjectName("category_add")
        self.add_button.clicked.connect(self.add_category)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("category_edit")
        self.edit_button.clicked.connect(self.edit_category)
        category_buttons = QHBoxLayout()
        category_buttons.addWidget(self.add_button)
        category_buttons.addWidget(self.edit_button)
        category_buttons.addStretch(1)
        categories_hint = QLabel(_("A category no longer used can be made inactive: past payments keep it."))
        categories_hint.setWordWrap(True)
        categories_hint.setStyleSheet(HINT_STYLE)
        categories_layout.addWidget(self.table, 1)
        categories_layout.addLayout(category_buttons)
        categories_layout.addWidget(categories_hint)

        buttons = close_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(stamp_box)
        layout.addWidget(categories_box, 1)
        layout.addWidget(buttons)
        self.reload()
        self.stamp_buttons[current].setFocus()

    def stamp_duty_mode(self) -> StampDutyMode:
        return next(mode for mode, button in self.stamp_buttons.items() if button.isChecked())

    def category_rows(self) -> list[CategoryRow]:
        return list(self._rows)

    def reload(self, select_id: int | None = None) -> None:
        try:
            self._rows = self._services.cash_settings.categories(self._actor, include_inactive=True)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.table.setRowCount(len(self._rows))
        for number, row in enumerate(self._rows):
            cells = (
                capitalised(row.label),
                capitalised(row.direction.label),
                yes_no(row.stamp_exempt),
                yes_no(row.active),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(CATEGORY_ID_ROLE, row.id)
                if not row.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(number, column, item)
            if row.id == select_id:
                self.table.selectRow(number)
        if self.table.currentRow() < 0 and self._rows:
            self.table.selectRow(0)

    def selected_row(self) -> CategoryRow | None:
        return chosen_row(self.table, self._rows)

    def add_category(self) -> None:
        dialog = CategoryDialog(services=self._services, actor=self._actor, parent=self)
        if dialog.exec() and dialog.saved_row is not None:
            self.reload(dialog.saved_row.id)
        self.table.setFocus()

    def edit_category(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = CategoryDialog(services=self._services, actor=self._actor, row=row, parent=self)
        if dialog.exec() and dialog.saved_row is not None:
            self.reload(dialog.saved_row.id)
        self.table.setFocus()

    def _stamp_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        mode = next(mode for mode, each in self.stamp_buttons.items() if each is button)
        try:
            self._services.cash_settings.set_stamp_duty_mode(self._actor, mode)
        except PortineriaError as error:
            messages.show_error(self, error.message)
