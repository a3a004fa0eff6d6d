"""Changing a PIN: one's own (after proving the current one) or, for an admin, anyone's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import LoginRefused, PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.accounts import MIN_PIN_LENGTH
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import save_button, save_cancel_buttons, show_problems
from ui.dialogs.first_run_dialog import pin_field
from ui.widgets.form import FormErrors


class PinDialog(QDialog):
    """Asks the new PIN twice and stores it with ``AccountService.set_pin``.

    For one's own PIN the current one is asked first, so that someone passing by an unlocked desk
    cannot take over the account. An admin resetting a forgotten PIN of another user is not asked
    for that user's PIN (they do not know it).
    """

    def __init__(self, *, services: Services, actor: Actor, user_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._user_id = user_id
        self.own = user_id == actor.user_id
        self.setMinimumWidth(440)

        if self.own:
            self.setWindowTitle(_("Change my PIN"))
            intro_text = _("Type your current PIN, then the new one twice.")
        else:
            name = self._user_name()
            self.setWindowTitle(_("Set the PIN of {name}").format(name=name))
            intro_text = _(
                "Choose a new PIN for {name} and tell it to them privately. Their old PIN stops working."
            ).format(name=name)
        intro = QLabel(intro_text)
        intro.setWordWrap(True)

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        self.current_pin: QLineEdit | None = None
        if self.own:
            self.current_pin = pin_field()
            self.errors.add_row(form, _("Current PIN"), self.current_pin, "current_pin")
        self.pin = pin_field()
        self.pin.setPlaceholderText(_("at least {count} digits").format(count=MIN_PIN_LENGTH))
        self.pin_again = pin_field()
        self.errors.add_row(form, _("New PIN"), self.pin, "pin")
        self.errors.add_row(form, _("New PIN again"), self.pin_again, "pin_again")

        buttons = save_cancel_buttons(self, save_text=_("Save the PIN"), on_save=self.save)
        self.save_button = save_button(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        (self.current_pin or self.pin).setFocus()

    def _show_problems(self, error: ValidationError) -> None:
        fields: dict[str, QWidget] = {"pin": self.pin, "pin_again": self.pin_again}
        if self.current_pin is not None:
            fields["current_pin"] = self.current_pin
        show_problems(self, self.errors, error, fields)

    def save(self) -> None:
        """Check the current PIN (own only), then store the new one; problems show inline."""
        self.errors.clear()
        try:
            if self.current_pin is not None and not self._current_pin_is_right(self.current_pin):
                return
            self._services.accounts.set_pin(
                self._actor, self._user_id, pin=self.pin.text(), pin_again=self.pin_again.text()
            )
        except ValidationError as error:
            self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()
        messages.show_info(
            self.parentWidget(),
            _("The new PIN is saved: use it from the next sign-in.")
            if self.own
            else _("The new PIN is saved. Tell it to the user privately."),
            title=_("PIN changed"),
        )

    def _current_pin_is_right(self, field: QLineEdit) -> bool:
        if not field.text():
            self._show_problems(ValidationError(_("Type your current PIN first."), field="current_pin"))
        else:
            try:
                self._services.accounts.check_pin(self._actor, field.text())
            except LoginRefused as error:
                self._show_problems(ValidationError(error.message, field="current_pin"))
            else:
                return True
        field.clear()
        field.setFocus()
        return False

    def _user_name(self) -> str:
        """The name of the user whose PIN is set, for the title; only admins get this far."""
        try:
            users = self._services.accounts.users(self._actor)
        except PortineriaError:
            return ""
        return next((user.name for user in users if user.id == self._user_id), "")
