"""Cancelling a receipt: the reason (printed on it), one confirmation, then it is done for ever."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import PortineriaError, ValidationError
from app.i18n import _, format_money
from app.services import Services
from app.services.receipts import MAX_REASON_LENGTH, ReceiptDetails, ReceiptRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import grow_to_fit, save_button, save_cancel_buttons
from ui.widgets.form import FormErrors


class CancelReceiptDialog(QDialog):
    """Asks why ``receipt`` is cancelled and cancels it with ``ReceiptService.cancel``.

    The number stays and the receipt prints "ANNULLATA" with the reason and who cancelled it; a
    new payment is recorded for the right amount. Nothing can undo a cancellation, so the desk
    is asked once more before it happens. After Accept, ``cancelled`` holds the receipt as it now is.
    """

    def __init__(self, *, services: Services, actor: Actor, receipt: ReceiptRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._receipt = receipt
        self.cancelled: ReceiptDetails | None = None
        self.setWindowTitle(_("Cancel receipt {code}").format(code=receipt.code))
        self.setMinimumWidth(520)

        intro = QLabel(
            _(
                "Receipt {code}: {amount}, {payer}.\n"
                "Its number stays and it will print as cancelled, with the reason and your name. "
                "If money is still due, record a new payment afterwards."
            ).format(code=receipt.code, amount=format_money(receipt.total_cents), payer=receipt.payer_name or "—")
        )
        intro.setWordWrap(True)
        general = QLabel()
        self.errors = FormErrors(general)
        self.reason = QLineEdit()
        self.reason.setObjectName("cancel_reason")
        self.reason.setMaxLength(MAX_REASON_LENGTH)
        self.reason.setPlaceholderText(_("e.g. wrong amount, paid twice"))
        form = QFormLayout()
        self.errors.add_row(form, _("Reason"), self.reason, "reason")

        buttons = save_cancel_buttons(self, save_text=_("Cancel the receipt…"), on_save=self.save)
        # "Cancel" next to "Cancel the receipt" would read as the same thing.
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Keep the receipt"))
        self.save_button = save_button(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def save(self) -> None:
        self.errors.clear()
        if not self.reason.text().strip():
            self._show(ValidationError(_("Write why the receipt is cancelled: it is printed on it."), field="reason"))
            return
        question = _(
            "Cancel receipt {code} of {amount}? This cannot be undone: the number stays, marked as cancelled."
        ).format(code=self._receipt.code, amount=format_money(self._receipt.total_cents))
        if not messages.confirm(self, question, yes=_("Cancel the receipt")):
            return
        try:
            self.cancelled = self._services.receipts.cancel(self._actor, self._receipt.id, self.reason.text())
        except ValidationError as error:
            self._show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()

    def _show(self, error: ValidationError) -> None:
        self.errors.show(error)
        grow_to_fit(self)
        self.reason.setFocus()
