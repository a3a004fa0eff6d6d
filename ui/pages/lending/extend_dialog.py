"""Extending a loan: how many more days, saved through ``LoanService.extend``.

Opened by Ctrl+E on the desk, for the loan being taken back or the one highlighted in the list.
The days start at the tool's loan period; Enter saves, Esc closes. A refusal (a reservation in
the way, more than 90 days) stays in the dialog in red, so the desk can choose fewer days.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_date
from app.services import Services
from app.services.loans import LoanDetails, LoanRow
from app.services.roles import Actor
from app.services.tool_rules import MAX_LOAN_DAYS
from ui.dialogs.common import grow_to_fit, save_cancel_buttons
from ui.pages.lending.lend_panel import REFUSAL_COLOUR


class ExtendDialog(QDialog):
    """Signals:
    extended(LoanDetails): the loan was saved with its new due day.
    """

    extended = Signal(object)

    def __init__(
        self, *, services: Services, actor: Actor, loan: LoanRow, days: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services, self._actor, self.loan = services, actor, loan
        self.setWindowTitle(_("Extend the loan"))
        about = QLabel(
            _("{code} {name}, lent to {person}, due {due}.").format(
                code=loan.tool_code, name=loan.tool_name, person=loan.person_name, due=format_date(loan.due_day)
            )
        )
        about.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setObjectName("extend_days")
        self.days.setRange(1, MAX_LOAN_DAYS)
        self.days.setValue(max(1, min(days, MAX_LOAN_DAYS)))
        self.days.setSuffix(_(" days"))
        self.days.selectAll()
        self.error = QLabel()
        self.error.setObjectName("extend_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {REFUSAL_COLOUR};")
        self.error.setVisible(False)
        form = QFormLayout()
        label = QLabel(_("&Add:"))
        label.setBuddy(self.days)
        form.addRow(label, self.days)
        buttons = save_cancel_buttons(self, save_text=_("Extend"), on_save=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())

    def save(self) -> None:
        try:
            details: LoanDetails = self._services.loans.extend(self._actor, self.loan.id, days=self.days.value())
        except PortineriaError as error:
            self.error.setText(error.message)
            self.error.setVisible(True)
            grow_to_fit(self)
            self.days.setFocus()
            return
        self.extended.emit(details)
        self.accept()
