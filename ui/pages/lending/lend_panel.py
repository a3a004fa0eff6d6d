"""The lending half of the desk: the tool chosen, then its borrower, the parts and the deposit.

The panel only shows and holds what was chosen; the desk tab decides what a scan means and calls
the service. The scan field keeps the focus the whole time, so this panel takes no keys of its
own: the desk forwards Up and Down to the pick list of names, and Space (or Ctrl+K) to the parts
checkbox.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, format_money, ngettext
from app.services.cash_rules import PaymentMethod
from app.services.people import PersonRow
from app.services.privacy import ConsentMark
from app.services.tool_reservations import ReservationRow
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolRow
from ui.widgets.consent_mark import WARNING_SIGN, mark_text, mark_tooltip

WARNING_COLOUR = "#b35c00"
REFUSAL_COLOUR = "#b00020"
LENDABLE = (ToolStatus.AVAILABLE, ToolStatus.RESERVED)


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _wrapping(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LendPanel(QWidget):
    """What is about to be lent: the tool, the borrower (or names to choose from), the checks."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        consent_mark: Callable[[int], ConsentMark | None] | None = None,
    ) -> None:
        """Args:
        consent_mark: reads a borrower's privacy state (``PrivacyService.consent_mark``); without
            it the panel marks only a missing consent, which the person's row already tells.
        """
        super().__init__(parent)
        self._consent_mark = consent_mark
        self.tool: ToolRow | None = None
        self.components: tuple[str, ...] = ()
        self.borrower: PersonRow | None = None

        self.tool_title = _bold(_wrapping(), 1.3)
        self.tool_title.setObjectName("lend_tool_title")
        self.tool_facts = _wrapping()
        self.tool_status = _wrapping()
        self.tool_status.setStyleSheet(f"color: {REFUSAL_COLOUR}; font-weight: bold;")
        self.reservations = _wrapping()
        tool_box = QGroupBox(_("Tool"))
        tool_layout = QVBoxLayout(tool_box)
        for label in (self.tool_title, self.tool_facts, self.tool_status, self.reservations):
            tool_layout.addWidget(label)

        self.borrower_name = _bold(_wrapping(), 1.3)
        self.borrower_name.setObjectName("lend_borrower")
        self.privacy = _wrapping()
        self.privacy.setObjectName("lend_privacy")
        self.privacy.setStyleSheet(f"color: {WARNING_COLOUR};")
        self.warnings = _wrapping()
        self.warnings.setObjectName("lend_warnings")
        self.warnings.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.choices = QListWidget()
        self.choices.setObjectName("lend_choices")
        self.choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keys
        self.choices.setMaximumHeight(160)
        borrower_box = QGroupBox(_("Borrower"))
        borrower_layout = QVBoxLayout(borrower_box)
        for widget in (self.borrower_name, self.privacy, self.choices, self.warnings):
            borrower_layout.addWidget(widget)

        self.components_check = QCheckBox()
        self.components_check.setObjectName("lend_components")
        self.components_check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.components_check.setToolTip(_("Space (in the empty scan field), Ctrl+K, or scan the tool again"))
        self.method = QComboBox()
        self.method.setObjectName("lend_method")
        for method in PaymentMethod:
            self.method.addItem(method.label, method)
        self.method.setToolTip(_("How the borrower pays the deposit (Alt+P)"))
        self.method.setMaximumWidth(320)
        self.method_label = QLabel(_("Deposit &paid by:"))
        self.method_label.setBuddy(self.method)
        checks = QFormLayout()
        checks.addRow(self.components_check)
        checks.addRow(self.method_label, self.method)
        self.enter_hint = _wrapping()
        self.enter_hint.setStyleSheet("color: palette(placeholder-text);")
        self.enter_hint.setVisible(False)  # the desk shows it under the scan field

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tool_box)
        layout.addWidget(borrower_box)
        layout.addLayout(checks)
        layout.addWidget(self.enter_hint)
        layout.addStretch(1)
        self.clear()

    # -- what the desk sets ----------------------------------------------------------------------------

    def clear(self) -> None:
        self.tool, self.components, self.borrower = None, (), None
        self.tool_title.setText(_("No tool yet: scan a tool's code."))
        for label in (self.tool_facts, self.tool_status, self.reservations, self.warnings, self.privacy):
            label.clear()
            label.setVisible(False)
        self.borrower_name.setText(_("No borrower yet: scan the card or type a surname."))
        self.choices.clear()
        self.choices.setVisible(False)
        self.components_check.setChecked(False)
        self.components_check.setVisible(False)
        self.method.setCurrentIndex(0)
        self._update_hint()

    def set_tool(self, tool: ToolRow, components: Sequence[str], reservations: Sequence[ReservationRow]) -> None:
        self.tool, self.components = tool, tuple(components)
        self.tool_title.setText(f"{tool.code}  {tool.name}")
        facts = [
            _("Deposit {amount}").format(amount=format_money(tool.deposit_cents))
            if tool.deposit_cents
            else _("No deposit"),
            ngettext("lent for {days} day", "lent for {days} days", tool.loan_days).format(days=tool.loan_days),
        ]
        if self.components:
            facts.append(_("parts: {parts}").format(parts=", ".join(self.components)))
        self.tool_facts.setText(" · ".join(facts))
        self.tool_facts.setVisible(True)
        if tool.status not in LENDABLE:
            self.tool_status.setText(_("Status: {status}").format(status=tool.status.label))
        self.tool_status.setVisible(tool.status not in LENDABLE)
        if reservations:
            lines = [
                _("Reserved for {name} from {first} to {last}").format(
                    name=row.person_name, first=format_date(row.from_day), last=format_date(row.to_day)
                )
                for row in reservations
            ]
            self.reservations.setText("\n".join(lines))
        self.reservations.setVisible(bool(reservations))
        self.components_check.setChecked(False)
        self.components_check.setText(
            _("Parts checked with the borrower: {parts}").format(parts=", ".join(self.components))
        )
        self.components_check.setVisible(bool(self.components))
        self.method_label.setVisible(tool.deposit_cents > 0)
        self.method.setVisible(tool.deposit_cents > 0)
        self._update_hint()

    def set_borrower(self, person: PersonRow, warnings: Sequence[str]) -> None:
        self.borrower = person
        phone = f"  ·  {person.phone}" if person.phone else ""
        self.borrower_name.setText(person.display_name + phone)
        self._show_privacy(person)
        self.choices.clear()
        self.choices.setVisible(False)
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self._update_hint()

    def _show_privacy(self, person: PersonRow) -> None:
        """The borrower's consent mark under their name ("⚠ no consent"), the whole state as tooltip."""
        if self._consent_mark is not None:
            mark = self._consent_mark(person.id)
            text, tip = mark_text(mark), mark_tooltip(mark)
        else:
            text = "" if person.has_consent else f"{WARNING_SIGN} " + _("no consent")
            tip = ""
        self.privacy.setText(text)
        self.privacy.setToolTip(tip)
        self.privacy.setVisible(bool(text))

    def offer_people(self, people: Sequence[PersonRow]) -> None:
        """Names that match what was typed: Up and Down choose, Enter takes the highlighted one."""
        self.choices.clear()
        for person in people:
            text = person.display_name + (f"  ·  {person.phone}" if person.phone else "")
            if person.birth_year:
                text += f"  ·  {person.birth_year}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.setVisible(True)
        self._update_hint()

    def offering(self) -> bool:
        return not self.choices.isHidden() and self.choices.count() > 0

    def move_choice(self, step: int) -> None:
        row = min(max(self.choices.currentRow() + step, 0), self.choices.count() - 1)
        self.choices.setCurrentRow(row)

    def chosen(self) -> PersonRow | None:
        item = self.choices.currentItem()
        person = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return person if isinstance(person, PersonRow) else None

    def toggle_components(self) -> None:
        if self.components_check.isVisible():
            self.components_check.toggle()
            self._update_hint()

    def confirm_components(self) -> None:
        self.components_check.setChecked(True)
        self._update_hint()

    # -- what the desk reads ---------------------------------------------------------------------------

    def components_confirmed(self) -> bool:
        return not self.components or self.components_check.isChecked()

    def deposit_method(self) -> PaymentMethod:
        method = self.method.currentData()
        return method if isinstance(method, PaymentMethod) else PaymentMethod.CASH

    def _update_hint(self) -> None:
        if self.offering():
            text = _("Up and Down choose the name, Enter takes it.")
        elif self.tool is None:
            text = _("Scan the tool first.")
        elif self.borrower is None:
            text = _("Now scan the borrower's card, or type a surname and Enter.")
        elif not self.components_confirmed():
            text = _("Check the parts with the borrower, then Space (or Ctrl+K, or scan the tool again).")
        else:
            text = _("Enter lends the tool and prints the deposit receipt. Esc starts again.")
        self.enter_hint.setText(text)
