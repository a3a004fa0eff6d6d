"""The admin's dialog for the house's details (printed on receipts), its logo and the desk's settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import LANGUAGES, _
from app.services import Services
from app.services.house import DeskSettings, HouseDetails
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import grow_to_fit, save_button, save_cancel_buttons
from ui.widgets.form import FormErrors
from ui.widgets.logo_box import LogoBox


class HouseDialog(QDialog):
    """Edits the house's name, address, fiscal code and logo, then the idle lock and the language.

    The logo is checked when chosen, so it cannot be refused at saving. The parts are saved in that
    order, and each only if it changed, so that the audit log does not fill with changes nobody made.
    If the details are refused, nothing is saved and the problems show under their fields.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._details = services.house.details()
        self._settings = services.house.desk_settings()
        self.setWindowTitle(_("House details and settings"))
        self.setMinimumWidth(560)

        general = QLabel()
        self.errors = FormErrors(general)

        self.house_name = QLineEdit(self._details.name)
        self.house_name.setPlaceholderText(_("e.g. Casa del Quartiere di Barriera"))
        self.house_address = QLineEdit(self._details.address)
        self.house_address.setPlaceholderText(_("street, number, postcode, town"))
        self.fiscal_code = QLineEdit(self._details.fiscal_code)
        self.fiscal_code.setPlaceholderText(_("11 digits"))
        house_box = QGroupBox(_("The house (printed on receipts)"))
        house_form = QFormLayout(house_box)
        self.errors.add_row(house_form, _("Name"), self.house_name, "name")
        self.errors.add_row(house_form, _("Address"), self.house_address, "address")
        self.errors.add_row(house_form, _("Fiscal code"), self.fiscal_code, "fiscal_code")
        self.logo = LogoBox()
        self.logo.load(self._stored_logo())
        self.errors.add_row(house_form, _("Logo"), self.logo, "logo")

        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setValue(self._settings.idle_lock_minutes)
        self.idle_minutes.setSuffix(" " + _("min"))
        self.idle_minutes.setAccelerated(True)
        idle_hint = QLabel(_("With nobody touching the keyboard or the mouse, the desk goes back to the sign-in."))
        idle_hint.setWordWrap(True)
        idle_hint.setStyleSheet("color: #555555;")

        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self._settings.language)))
        language_hint = QLabel(_("A new language is used from the next start of Portineria."))
        language_hint.setWordWrap(True)
        language_hint.setStyleSheet("color: #555555;")

        desk_box = QGroupBox(_("The desk"))
        desk_form = QFormLayout(desk_box)
        self.errors.add_row(desk_form, _("Lock after"), self.idle_minutes, "idle_lock_minutes")
        desk_form.addRow("", idle_hint)
        self.errors.add_row(desk_form, _("Language"), self.language, "language")
        desk_form.addRow("", language_hint)

        buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(house_box)
        layout.addWidget(desk_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.house_name.setFocus()

    def _stored_logo(self) -> bytes | None:
        logo = self._services.house.logo(self._actor)
        return None if logo is None else logo.data

    def details(self) -> HouseDetails:
        return HouseDetails(
            name=self.house_name.text(), address=self.house_address.text(), fiscal_code=self.fiscal_code.text()
        )

    def desk_settings(self) -> DeskSettings:
        return DeskSettings(idle_lock_minutes=self.idle_minutes.value(), language=str(self.language.currentData()))

    def _show_problems(self, error: ValidationError) -> None:
        """Show the problems inline and grow the dialog so wrapped messages are not cut off."""
        self.errors.show(error)
        grow_to_fit(self)

    def save(self) -> None:
        """Details first, then settings; stop at the first refusal with the problems inline."""
        self.errors.clear()
        details, settings = self.details(), self.desk_settings()
        try:
            if details != self._details:
                self._details = self._services.house.update_details(self._actor, details)
            if self.logo.is_changed():
                self._services.house.set_logo(self._actor, self.logo.data())
                self.logo.saved()
            if settings != self._settings:
                self._settings = self._services.house.update_desk_settings(self._actor, settings)
        except ValidationError as error:
            self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()
