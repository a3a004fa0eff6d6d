"""The first run: the house's details and its first admin."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PermissionDenied, ValidationError
from app.i18n import _
from app.services import Services
from app.services.accounts import MIN_PIN_LENGTH
from app.services.house import HouseDetails
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import save_cancel_buttons
from ui.widgets.form import FormErrors


def pin_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), field))
    return field


class FirstRunDialog(QDialog):
    """Asks what the receipts will print about the house, and creates the admin.

    After ``exec()`` returns Accepted, ``actor`` is the new admin, already signed in.
    """

    def __init__(self, *, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.actor: Actor | None = None
        self.setWindowTitle(_("Welcome to Portineria"))
        self.setMinimumWidth(560)

        intro = QLabel(
            _(
                "This is the first start on this computer. Write the details of the house (they are printed "
                "on receipts) and create the first admin, who can then add the other users."
            )
        )
        intro.setWordWrap(True)
        general = QLabel()
        self.errors = FormErrors(general)

        self.house_name = QLineEdit()
        self.house_name.setPlaceholderText(_("e.g. Casa del Quartiere di Barriera"))
        self.house_address = QLineEdit()
        self.house_address.setPlaceholderText(_("street, number, postcode, town"))
        self.fiscal_code = QLineEdit()
        self.fiscal_code.setPlaceholderText(_("11 digits"))
        house_box = QGroupBox(_("The house"))
        house_form = QFormLayout(house_box)
        self.errors.add_row(house_form, _("Name"), self.house_name, "name")
        self.errors.add_row(house_form, _("Address"), self.house_address, "address")
        self.errors.add_row(house_form, _("Fiscal code"), self.fiscal_code, "fiscal_code")

        self.admin_name = QLineEdit()
        self.admin_name.setPlaceholderText(_("the name shown on the login screen"))
        self.pin = pin_field()
        self.pin.setPlaceholderText(_("at least {count} digits").format(count=MIN_PIN_LENGTH))
        self.pin_again = pin_field()
        admin_box = QGroupBox(_("The first admin"))
        admin_form = QFormLayout(admin_box)
        self.errors.add_row(admin_form, _("Name"), self.admin_name, "admin_name")
        self.errors.add_row(admin_form, _("PIN"), self.pin, "pin")
        self.errors.add_row(admin_form, _("PIN again"), self.pin_again, "pin_again")

        buttons = save_cancel_buttons(self, save_text=_("Create and start"), on_save=self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(general)
        layout.addWidget(house_box)
        layout.addWidget(admin_box)
        layout.addWidget(buttons)
        self.house_name.setFocus()

    def save(self) -> None:
        self.errors.clear()
        try:
            self.actor = self._services.accounts.first_run(
                house=HouseDetails(
                    name=self.house_name.text(),
                    address=self.house_address.text(),
                    fiscal_code=self.fiscal_code.text(),
                ),
                admin_name=self.admin_name.text(),
                pin=self.pin.text(),
                pin_again=self.pin_again.text(),
            )
        except ValidationError as error:
            self.errors.show(error)
            return
        except PermissionDenied as error:
            messages.show_error(self, error.message)
            self.reject()
            return
        self.accept()
