"""Erasing a person's data: the admin reads what goes and what stays, then types the name.

Typing the name (not just clicking Yes) is the confirmation: nobody erases a person by a slip of
the mouse. The Erase button stays off until the name matches; the service checks it again. What
must be closed first (a tool on loan, a running workshop...) is listed instead, with no way on.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.privacy import name_matches
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import save_button, save_cancel_buttons
from ui.widgets.form import FormErrors


def erase_explanation(name: str) -> str:
    return _(
        "The data of {name} will be erased for good: name, phone, email, address, birth date, notes, "
        "consent and links to associations. Search will no longer find them.\n\n"
        "Their memberships, attendance, visits, loans and bookings stay in the statistics, under "
        '"Erased person".\n\n'
        "Receipts already issued stay as they were printed, payer included: they are fiscal "
        "documents that the law requires the house to keep unchanged for 10 years."
    ).format(name=name)


class EraseDialog(QDialog):
    """Confirm and erase ``person_id``; ``Accepted`` once erased. ``blockers`` lists what must be
    closed first (when not empty, the dialog only says so)."""

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        person_id: int,
        name: str,
        given: str,
        family: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._person_id = person_id
        self._given, self._family = given, family
        self.setWindowTitle(_("Erase the data of {name}").format(name=name))
        self.blockers = services.privacy.erasure_blockers(actor, person_id)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("erase_name")
        self.name_edit.setPlaceholderText(name)
        prompt = QLabel(_("To confirm, type the name: {name}").format(name=name))
        prompt.setWordWrap(True)
        prompt.setBuddy(self.name_edit)
        general = QLabel()
        self.errors = FormErrors(general)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        if self.blockers:
            self.explanation.setText(
                _("{name} cannot be erased yet. Close these first:").format(name=name)
                + "\n\n"
                + "\n".join(f"• {item}" for item in self.blockers)
            )
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
            self.buttons.rejected.connect(self.reject)
            self.erase_button = None
            self.name_edit.hide()
            prompt.hide()
        else:
            self.explanation.setText(erase_explanation(name))
            self.buttons = save_cancel_buttons(self, save_text=_("Erase for good"), on_save=self.erase)
            self.erase_button = save_button(self.buttons)
            self.erase_button.setEnabled(False)
            self.erase_button.setToolTip(_("Type the name above to enable it"))
            self.name_edit.textChanged.connect(self._typed)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(general)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.name_edit.setFocus()

    def _typed(self, text: str) -> None:
        if self.erase_button is not None:
            self.erase_button.setEnabled(name_matches(text, self._given, self._family))

    def erase(self) -> None:
        if self.erase_button is None or not self.erase_button.isEnabled():
            return
        try:
            self._services.privacy.erase(self._actor, self._person_id, self.name_edit.text())
        except ValidationError as error:
            self.errors.show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()
