"""The new payment form: who pays, how much, for what, how; Enter saves and prints the receipt.

Built for a queue at the desk: the cursor starts in the payer field; type part of a name, Down and
Enter to choose (or leave it empty for an anonymous ticket), Tab to the amount, type it, Enter.
When an association pays, Shift+Tab from the payer reaches the "Person / Association" switch: the
Right arrow chooses Association and the cursor goes into the association's field.
Category, method and description come after the amount in the Tab order because their defaults
(the first category, cash, no description) fit most payments. After a save the form empties and
the cursor goes back to the payer for the next person.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
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

from app.errors import PortineriaError, ValidationError
from app.i18n import _, format_money, parse_money
from app.services import Services
from app.services.cash_rules import (
    STAMP_DUTY_CENTS,
    STAMP_DUTY_THRESHOLD_CENTS,
    Direction,
    PaymentMethod,
    StampDuty,
    StampDutyMode,
    stamp_duty,
)
from app.services.cash_settings import CategoryRow
from app.services.roles import Actor
from app.text import capitalised
from ui import messages
from ui.pages.cash.payment_recording import PaymentEntry, record_entry, saved_text
from ui.pages.cash.receipt_output import LAYOUT_LABELS, layout_label, receipt_layout, remember_receipt_layout
from ui.widgets.form import FormErrors
from ui.widgets.organisation_picker import OrganisationPicker
from ui.widgets.person_picker import PersonPicker
from ui.widgets.row_box import row_box

HINT_STYLE = "color: #8a5a00;"


class PaymentForm(QWidget):
    """Records one payment with ``CashService.record_payment``; problems are shown under the fields.

    Args:
        services: the services of the open database.
        actor: the user at the desk; the payment is theirs.

    Signals:
        saved(object): a payment was recorded; carries its ``PaymentDetails`` (with the receipt,
            for money in). The page prints it and refreshes its lists.
    """

    saved = Signal(object)

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._categories: list[CategoryRow] = []
        self._stamp_mode = StampDutyMode.APPLY
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)

        self.payer = PersonPicker(
            services=services,
            actor=actor,
            placeholder=_("Part of the payer's name (empty: anonymous)"),
        )
        self.payer.setObjectName("cash_payer")

        # An association pays now and then: a switch before the payer field (Shift+Tab from it,
        # then the arrows) swaps the person picker for the association picker.
        self.payer_organisation = OrganisationPicker(
            services=services,
            actor=actor,
            placeholder=_("Type part of the association's name, then choose from the list"),
        )
        self.payer_organisation.setObjectName("cash_payer_organisation")
        for picker in (self.payer, self.payer_organisation):
            picker.edit.setFont(big)
            # At the desk Tab goes from the payer straight to the amount; the button stays
            # clickable and typing a new name replaces the choice anyway.
            picker.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.payer_stack = QStackedWidget()
        self.payer_stack.addWidget(self.payer)
        self.payer_stack.addWidget(self.payer_organisation)
        self.payer_person_button = QRadioButton(_("Person"))
        self.payer_person_button.setObjectName("cash_payer_is_person")
        self.payer_organisation_button = QRadioButton(_("Association"))
        self.payer_organisation_button.setObjectName("cash_payer_is_organisation")
        for button in (self.payer_person_button, self.payer_organisation_button):
            button.setToolTip(_("From the payer field: Shift+Tab, then the arrows"))
        self.payer_kind = QButtonGroup(self)
        self.payer_kind.addButton(self.payer_person_button)
        self.payer_kind.addButton(self.payer_organisation_button)
        self.payer_person_button.setChecked(True)
        self.payer_organisation_button.toggled.connect(self._payer_kind_chosen)
        self.payer_kind.buttonClicked.connect(self._payer_kind_clicked)
        payer_row = row_box(
            self.payer_person_button, self.payer_organisation_button, self.payer_stack, grow=self.payer_stack
        )

        self.amount = QLineEdit()
        self.amount.setObjectName("cash_amount")
        self.amount.setFont(big)
        self.amount.setPlaceholderText(_("e.g. 25 or 12.50"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMinimumWidth(self.amount.fontMetrics().horizontalAdvance(self.amount.placeholderText()) + 24)
        self.amount.setMaximumWidth(self.amount.minimumWidth())
        self.amount.textChanged.connect(self._update_hint)
        self.stamp_hint = QLabel()
        self.stamp_hint.setObjectName("cash_stamp_hint")
        self.stamp_hint.setStyleSheet(HINT_STYLE)
        self.stamp_hint.setWordWrap(True)
        amount_row = row_box(self.amount, self.stamp_hint, grow=self.stamp_hint)

        self.category = QComboBox()
        self.category.setObjectName("cash_category")
        self.category.currentIndexChanged.connect(self._update_hint)

        self.method_group = QButtonGroup(self)
        self.method_buttons: dict[PaymentMethod, QRadioButton] = {}
        for method in PaymentMethod:
            button = QRadioButton(capitalised(method.label))
            button.setObjectName(f"cash_method_{method.value}")
            self.method_group.addButton(button)
            self.method_buttons[method] = button
        method_row = row_box(*self.method_buttons.values())
        self.method_buttons[PaymentMethod.CASH].setChecked(True)

        self.description = QLineEdit()
        self.description.setObjectName("cash_description")
        self.description.setMaxLength(500)
        self.description.setPlaceholderText(_("Optional; needed for “other”. Printed on the receipt."))

        self.save_button = QPushButton(_("Save and print the receipt (Enter)"))
        self.save_button.setObjectName("cash_save")
        self.save_button.clicked.connect(self.save)
        self.paper = QComboBox()
        self.paper.setObjectName("cash_paper")
        for paper in LAYOUT_LABELS:
            self.paper.addItem(layout_label(paper), paper)
        self.paper.setCurrentIndex(max(0, self.paper.findData(receipt_layout())))
        self.paper.setToolTip(_("The paper receipts are printed on at this computer"))
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        self.status = QLabel()
        self.status.setObjectName("cash_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        general = QLabel()
        general.setObjectName("cash_general_error")
        self.errors = FormErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, _("Payer"), payer_row, "payer")
        self.errors.add_row(form, _("Amount"), amount_row, "amount_cents")
        self.errors.add_row(form, _("Category"), self.category, "category_id")
        self.errors.add_row(form, _("Method"), method_row, "method")
        self.errors.add_row(form, _("Description"), self.description, "description")
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_button)
        bottom.addSpacing(16)
        bottom.addWidget(QLabel(_("Print on:")))
        bottom.addWidget(self.paper)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addLayout(bottom)
        layout.addWidget(self.status)

        chain: list[QWidget] = [self.payer_organisation_button, self.payer_person_button, self.payer.edit]
        chain += [self.payer_organisation.edit, self.amount, self.category, *self.method_buttons.values()]
        chain += [self.description, self.save_button, self.paper]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.payer)
        self.reload()

    # -- what the page calls -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the categories and the stamp-duty setting again (an admin may have changed them)."""
        try:
            categories = self._services.cash_settings.categories(self._actor)
            self._stamp_mode = self._services.cash_settings.stamp_duty_mode()
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        chosen = self.category.currentData()
        self._categories = categories
        self.category.blockSignals(True)
        self.category.clear()
        for row in categories:
            label = capitalised(row.label)
            if row.direction is Direction.OUT:
                label = _("{category} (money out)").format(category=label)
            self.category.addItem(label, row.id)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)
        self._update_hint()

    def method(self) -> PaymentMethod:
        return next(method for method, button in self.method_buttons.items() if button.isChecked())

    def payer_is_organisation(self) -> bool:
        return self.payer_organisation_button.isChecked()

    def payer_picker(self) -> PersonPicker | OrganisationPicker:
        """The payer field in use: the person's (the default) or the association's."""
        return self.payer_organisation if self.payer_is_organisation() else self.payer

    def layout_choice(self) -> str:
        return str(self.paper.currentData())

    def clear(self) -> None:
        """Ready for the next person: everything back to its default, the cursor on the payer."""
        self.errors.clear()
        self.payer.clear()
        self.payer_organisation.clear()
        self.payer_person_button.setChecked(True)
        self.amount.clear()
        self.description.clear()
        self.category.setCurrentIndex(0)
        self.method_buttons[PaymentMethod.CASH].setChecked(True)
        self.payer.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        """Check what was typed, record the payment, then announce it (``saved``) and clear."""
        self.errors.clear()
        if self.payer_is_organisation() and self.payer_organisation.has_unpicked_text():
            message = _(
                "Choose the association from the list (Down, then Enter), or empty the field for an anonymous payment."
            )
            self._show(ValidationError(message, field="payer"))
            return
        if not self.payer_is_organisation() and self.payer.has_unpicked_text():
            message = _(
                "Choose the payer from the list (Down, then Enter), or empty the field for an anonymous payment."
            )
            self._show(ValidationError(message, field="payer"))
            return
        try:
            cents = parse_money(self.amount.text())
        except ValueError as error:
            self._show(ValidationError(str(error), field="amount_cents"))
            return
        index = self.category.currentIndex()
        if not 0 <= index < len(self._categories):
            self._show(ValidationError(_("There is no category to choose: ask an admin."), field="category_id"))
            return
        entry = PaymentEntry(
            amount_cents=cents,
            category=self._categories[index],
            method=self.method(),
            payer_person_id=None if self.payer_is_organisation() else self.payer.person_id(),
            payer_organisation_id=self.payer_organisation.organisation_id() if self.payer_is_organisation() else None,
            description=self.description.text(),
        )
        try:
            details = record_entry(self._services, self._actor, entry)
        except ValidationError as error:
            self._show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.status.setText(saved_text(details))
        self.clear()
        self.saved.emit(details)

    def _show(self, error: ValidationError) -> None:
        """The problems under their fields; the cursor goes to the first field to fix."""
        self.errors.show(error)
        widgets: dict[str | None, QWidget] = {
            "payer": self.payer_picker(),
            "amount_cents": self.amount,
            "category_id": self.category,
            "method": self.method_buttons[self.method()],
            "description": self.description,
        }
        for problem in error.problems:
            widget = widgets.get(problem.field)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if widget is self.amount:
                    self.amount.selectAll()
                return

    # -- keyboard and hints --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves from any field but the payer's, where it moves on to the amount.

        The fields do not use Enter themselves (line edits announce it and pass it on), so it
        arrives here; in the payer field with the list open, the list takes it to choose.
        """
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self.payer_picker().edit.hasFocus():
                self.amount.setFocus(Qt.FocusReason.TabFocusReason)
            else:
                self.save()
            return
        super().keyPressEvent(event)

    def _update_hint(self) -> None:
        """Remind the desk to stick the revenue stamp when the receipt will say it was paid."""
        index = self.category.currentIndex()
        category = self._categories[index] if 0 <= index < len(self._categories) else None
        try:
            cents = parse_money(self.amount.text())
        except ValueError:
            cents = 0
        applied = (
            category is not None
            and category.direction is Direction.IN
            and stamp_duty(cents, category_exempt=category.stamp_exempt, mode=self._stamp_mode) is StampDuty.APPLIED
        )
        self.stamp_hint.setText(
            _("Above {threshold}: stick a {stamp} revenue stamp on the receipt.").format(
                threshold=format_money(STAMP_DUTY_THRESHOLD_CENTS), stamp=format_money(STAMP_DUTY_CENTS)
            )
            if applied
            else ""
        )

    def _payer_kind_chosen(self) -> None:
        """Show the field of the kind of payer chosen."""
        self.payer_stack.setCurrentWidget(self.payer_picker())

    def _payer_kind_clicked(self) -> None:
        """Chosen by the user (click or arrow): the cursor goes into the field, once the switch is done with it."""
        QTimer.singleShot(0, lambda: self.payer_picker().setFocus(Qt.FocusReason.OtherFocusReason))

    def _paper_chosen(self) -> None:
        remember_receipt_layout(self.layout_choice())
