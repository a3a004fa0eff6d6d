"""The return half of the desk: a tool on loan was scanned, so it is coming back.

Shows who had it and how late it is, the parts to check (one checkbox each), a note on its
condition, "needs repair", and what happens to the deposit (given back, the default, or kept
with a reason). The desk confirms with Enter or a second scan of the same code; the note and the
reason are reached with Alt+N and Alt+R, and Enter there confirms too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, format_money, ngettext
from app.services.loans import MAX_NOTE_LENGTH, LoanDetails
from app.services.tool_rules import DepositOutcome
from ui.pages.lending.lend_panel import REFUSAL_COLOUR


class ReturnPanel(QWidget):
    """A loan being closed; ``loan`` is None while the panel is not in use.

    Signals:
        confirm_requested: Enter was pressed in the note or the reason.
    """

    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loan: LoanDetails | None = None
        self.loan_days = 0
        """The tool's loan period, offered when the loan is extended."""

        self.title = QLabel()
        self.title.setObjectName("return_title")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.borrower = QLabel()
        self.borrower.setWordWrap(True)
        self.dates = QLabel()
        self.dates.setWordWrap(True)
        self.late = QLabel()
        self.late.setObjectName("return_late")
        self.late.setStyleSheet(f"color: {REFUSAL_COLOUR}; font-weight: bold;")

        self.parts_box = QGroupBox(_("Parts back (Ctrl+K or Space ticks them all)"))
        self.parts_layout = QHBoxLayout(self.parts_box)
        self.parts: list[QCheckBox] = []

        self.note = QLineEdit()
        self.note.setObjectName("return_note")
        self.note.setMaxLength(MAX_NOTE_LENGTH)
        self.note.setPlaceholderText(_("What is missing or damaged, what to repair"))
        self.note.returnPressed.connect(self.confirm_requested)
        note_label = QLabel(_("Condition &note:"))
        note_label.setBuddy(self.note)
        self.repair = QCheckBox(_("Needs repair (Ctrl+R)"))
        self.repair.setObjectName("return_repair")
        self.repair.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.deposit = QComboBox()
        self.deposit.setObjectName("return_deposit")
        self.deposit.currentIndexChanged.connect(self._deposit_changed)
        self.deposit.setMaximumWidth(320)
        self.deposit_label = QLabel(_("&Deposit:"))
        self.deposit_label.setBuddy(self.deposit)
        self.reason = QLineEdit()
        self.reason.setObjectName("return_keep_reason")
        self.reason.setMaxLength(MAX_NOTE_LENGTH)
        self.reason.setPlaceholderText(_("Why the deposit is kept"))
        self.reason.returnPressed.connect(self.confirm_requested)
        self.reason_label = QLabel(_("&Reason:"))
        self.reason_label.setBuddy(self.reason)
        form = QFormLayout()
        form.addRow(note_label, self.note)
        form.addRow(self.repair)
        form.addRow(self.deposit_label, self.deposit)
        form.addRow(self.reason_label, self.reason)
        self.hint = QLabel(
            _("Enter (or a second scan of the tool) takes it back. Ctrl+E extends the loan instead. Esc cancels.")
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setVisible(False)  # the desk shows it under the scan field

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.borrower, self.dates, self.late, self.parts_box):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def set_loan(self, loan: LoanDetails, loan_days: int) -> None:
        self.loan, self.loan_days = loan, loan_days
        row = loan.row
        self.title.setText(_("Taking back {code}  {name}").format(code=row.tool_code, name=row.tool_name))
        phone = f"  ·  {row.phone}" if row.phone else ""
        self.borrower.setText(_("Lent to {name}").format(name=row.person_name) + phone)
        self.dates.setText(
            _("Out since {out}, due {due}").format(out=format_date(row.out_at.date()), due=format_date(row.due_day))
        )
        self.late.setText(ngettext("{count} day late", "{count} days late", row.days_late).format(count=row.days_late))
        self.late.setVisible(row.days_late > 0)
        for check in self.parts:
            self.parts_layout.removeWidget(check)
            check.deleteLater()
        self.parts = []
        for part in loan.components:
            check = QCheckBox(part)
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.parts_layout.addWidget(check)
            self.parts.append(check)
        self.parts_layout.addStretch(1)
        self.parts_box.setVisible(bool(self.parts))
        self.note.clear()
        self.repair.setChecked(False)
        self.deposit.blockSignals(True)
        self.deposit.clear()
        held = loan.deposit_held_cents
        if held > 0:
            self.deposit.addItem(_("give back {amount}").format(amount=format_money(held)), DepositOutcome.REFUND)
            self.deposit.addItem(_("keep {amount}").format(amount=format_money(held)), DepositOutcome.KEEP)
        else:
            self.deposit.addItem(_("no deposit held"), DepositOutcome.REFUND)
        self.deposit.setCurrentIndex(0)
        self.deposit.blockSignals(False)
        self.deposit.setEnabled(held > 0)
        self.reason.clear()
        self._deposit_changed()

    def clear(self) -> None:
        self.loan = None

    def toggle_parts(self) -> None:
        """Tick every part, or untick them all when they all were."""
        ticked = not all(check.isChecked() for check in self.parts)
        for check in self.parts:
            check.setChecked(ticked)

    def toggle_repair(self) -> None:
        self.repair.toggle()

    # -- what the desk reads ---------------------------------------------------------------------------

    def components_ok(self) -> bool:
        return all(check.isChecked() for check in self.parts)

    def outcome(self) -> DepositOutcome:
        outcome = self.deposit.currentData()
        return outcome if isinstance(outcome, DepositOutcome) else DepositOutcome.REFUND

    def _deposit_changed(self) -> None:
        keep = self.outcome() is DepositOutcome.KEEP
        self.reason.setVisible(keep)
        self.reason_label.setVisible(keep)
