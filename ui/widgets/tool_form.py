"""The details of one tool as a form: code, name, category, make, condition, deposit, loan days,
the parts to check at each return (one per line) and notes.

For a new tool the code follows the category as it is typed (``TR-0042`` for "Trapani"), until
someone types a code of their own: most tools take the proposed one, and an empty code gets it
anyway when saved. Amounts are typed as the desk writes them (``30``, ``30,50``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _, parse_money
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import DEFAULT_LOAN_DAYS, MAX_CODE_LENGTH, MAX_LOAN_DAYS, MIN_LOAN_DAYS
from app.services.tools import ToolDraft
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import amount_text, error_row, hinted, money_edit


class ToolForm(QWidget):
    """The fields of a tool, their inline errors (``errors``), and the draft they make.

    ``fields`` maps the service's field names to the widgets, to focus the first wrong one.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._new = True
        self._code_typed = False

        general = QLabel()
        general.setObjectName("tool_form_general")
        self.errors = FormErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout = form
        row = partial(error_row, self.errors, form)

        self.name = QLineEdit()
        self.name.setObjectName("tool_name")
        self.name.setPlaceholderText(_("for example Hammer drill"))
        row(_("&Name"), self.name, "name")

        self.category = QLineEdit()
        self.category.setObjectName("tool_category")
        self.category.setPlaceholderText(_("for example Drills"))
        self._categories = QStringListModel(self)
        completer = QCompleter(self._categories, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.category.setCompleter(completer)
        self.category.setToolTip(_("Choose a category in use or write a new one; it gives the code its letters"))
        row(_("Ca&tegory"), self.category, "category")

        self.code = QLineEdit()
        self.code.setObjectName("tool_code")
        self.code.setMaxLength(MAX_CODE_LENGTH)
        self.code.setPlaceholderText(_("given when saved"))
        self.code.setToolTip(_("The code on the barcode label; left empty, the next one of the category is given"))
        self.code.setFixedWidth(self.code.fontMetrics().horizontalAdvance("M" * 12) + 16)
        row(_("&Code"), hinted(self.code, _("letters A-Z, digits and dashes")), "code")

        self.brand = QLineEdit()
        self.brand.setObjectName("tool_brand")
        row(_("&Brand"), self.brand, "brand")
        self.model = QLineEdit()
        self.model.setObjectName("tool_model")
        row(_("&Model"), self.model, "model")
        self.serial = QLineEdit()
        self.serial.setObjectName("tool_serial")
        row(_("&Serial number"), self.serial, "serial")
        self.condition = QLineEdit()
        self.condition.setObjectName("tool_condition")
        self.condition.setPlaceholderText(_("for example good, scratched case"))
        row(_("Con&dition"), self.condition, "condition")

        self.deposit = money_edit("tool_deposit")
        row(_("De&posit"), hinted(self.deposit, _("€, taken when lent; empty for none")), "deposit_cents")

        self.loan_days = QSpinBox()
        self.loan_days.setObjectName("tool_loan_days")
        self.loan_days.setRange(MIN_LOAN_DAYS, MAX_LOAN_DAYS)
        self.loan_days.setValue(DEFAULT_LOAN_DAYS)
        row(_("&Loan period"), hinted(self.loan_days, _("days")), "loan_days")

        self.components = QPlainTextEdit()
        self.components.setObjectName("tool_components")
        self.components.setTabChangesFocus(True)
        self.components.setPlaceholderText(_("One part per line, checked at each return: case, 2 batteries, charger…"))
        self.components.setFixedHeight(self.components.fontMetrics().lineSpacing() * 4 + 14)
        row(_("Parts to c&heck"), self.components, "components")

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("tool_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        row(_("N&otes"), self.notes, "notes")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)

        self.fields: dict[str, QWidget] = {
            "name": self.name,
            "category": self.category,
            "code": self.code,
            "brand": self.brand,
            "model": self.model,
            "serial": self.serial,
            "condition": self.condition,
            "deposit_cents": self.deposit,
            "loan_days": self.loan_days,
            "components": self.components,
            "notes": self.notes,
        }
        self.code.textEdited.connect(self._code_edited)
        self.category.textChanged.connect(self._propose_code)
        self.reload_categories()

    def reload_categories(self) -> None:
        try:
            self._categories.setStringList(self._services.tools.categories(self._actor))
        except PortineriaError:
            self._categories.setStringList([])  # the completion is a help: the form works without it

    # -- the code proposed from the category -------------------------------------------------------

    def _code_edited(self) -> None:
        self._code_typed = bool(self.code.text().strip())

    def _propose_code(self) -> None:
        if not self._new or self._code_typed:
            return
        try:
            self.code.setText(self._services.tools.propose_code(self._actor, self.category.text()))
        except PortineriaError:
            self.code.clear()  # given when saved

    # -- filling and reading -----------------------------------------------------------------------

    def load(self, draft: ToolDraft | None) -> None:
        """Show an existing tool's details, or (None) start a new one with its code proposed."""
        self._new = draft is None
        if draft is None:
            self._propose_code()
            return
        self.code.setText(draft.code)
        self.name.setText(draft.name)
        self.category.setText(draft.category)
        self.brand.setText(draft.brand)
        self.model.setText(draft.model)
        self.serial.setText(draft.serial)
        self.condition.setText(draft.condition)
        self.deposit.setText(amount_text(draft.deposit_cents) if draft.deposit_cents else "")
        self.loan_days.setValue(draft.loan_days)
        self.components.setPlainText("\n".join(draft.components))
        self.notes.setPlainText(draft.notes)

    def saved(self) -> None:
        """The tool is stored: its code no longer follows the category."""
        self._new = False

    def draft(self) -> ToolDraft:
        """What the form says, as the service takes it.

        Raises:
            ValidationError: the deposit cannot be read; the message says how to write it.
        """
        text = self.deposit.text().strip()
        try:
            deposit = parse_money(text) if text else 0
        except ValueError as error:
            raise ValidationError(str(error), field="deposit_cents") from error
        return ToolDraft(
            code=self.code.text(),
            name=self.name.text(),
            category=self.category.text(),
            brand=self.brand.text(),
            model=self.model.text(),
            serial=self.serial.text(),
            condition=self.condition.text(),
            deposit_cents=deposit,
            loan_days=self.loan_days.value(),
            notes=self.notes.toPlainText(),
            components=tuple(self.components.toPlainText().splitlines()),
        )

    def snapshot(self) -> tuple[object, ...]:
        return (
            self.code.text(),
            self.name.text(),
            self.category.text(),
            self.brand.text(),
            self.model.text(),
            self.serial.text(),
            self.condition.text(),
            self.deposit.text(),
            self.loan_days.value(),
            self.components.toPlainText(),
            self.notes.toPlainText(),
        )

    def set_editable(self, editable: bool) -> None:
        """Volunteers read the details; only coordinators change them."""
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)
