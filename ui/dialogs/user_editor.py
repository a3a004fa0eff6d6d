"""Creating a desk user, or changing one's name, role and whether they may still sign in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _
from app.services import Services
from app.services.accounts import MIN_PIN_LENGTH, UserRow
from app.services.roles import Actor, Role
from ui import messages
from ui.dialogs.common import save_button, save_cancel_buttons, show_problems
from ui.dialogs.first_run_dialog import pin_field
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE


class UserEditor(QDialog):
    """The admin's form for one user.

    With ``user=None`` it creates a user and asks the PIN twice; otherwise it edits ``user`` and
    offers the *active* switch instead (PINs are changed with the separate PIN dialog, so that
    editing a name never touches a secret). After ``Accepted``, ``saved`` is the stored row.
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        user: UserRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._user = user
        self.saved: UserRow | None = None
        self.setWindowTitle(_("New user") if user is None else _("Change user: {name}").format(name=user.name))
        self.setMinimumWidth(480)

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()

        self.name = QLineEdit()
        self.name.setPlaceholderText(_("the name shown on the login screen"))
        self.errors.add_row(form, _("Name"), self.name, "name")

        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, int(role))
        self.errors.add_row(form, _("Role"), self.role, "role")

        self.active: QCheckBox | None = None
        self.pin: QLineEdit | None = None
        self.pin_again: QLineEdit | None = None
        self._fields: dict[str, QWidget] = {"name": self.name, "role": self.role}
        if user is None:
            self.role.setCurrentIndex(self.role.findData(int(Role.VOLUNTEER)))
            self.pin = self._fields["pin"] = pin_field()
            self.pin.setPlaceholderText(_("at least {count} digits").format(count=MIN_PIN_LENGTH))
            self.pin_again = self._fields["pin_again"] = pin_field()
            self.errors.add_row(form, _("PIN"), self.pin, "pin")
            self.errors.add_row(form, _("PIN again"), self.pin_again, "pin_again")
        else:
            self.name.setText(user.name)
            self.role.setCurrentIndex(self.role.findData(int(user.role)))
            self.active = self._fields["active"] = QCheckBox(_("Can sign in at the desk"))
            self.active.setChecked(user.active)
            self.errors.add_row(form, _("Active"), self.active, "active")

        hint = QLabel(_roles_hint())
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)

        buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.name.setFocus()

    def chosen_role(self) -> Role:
        return Role(int(self.role.currentData()))

    def save(self) -> None:
        """Validate and store; problems appear under their fields and the dialog stays open."""
        self.errors.clear()
        try:
            if self._user is None:
                self.saved = self._create()
            else:
                if not self._confirm_change(self._user):
                    return
                self.saved = self._services.accounts.update_user(
                    self._actor,
                    self._user.id,
                    name=self.name.text(),
                    role=self.chosen_role(),
                    active=self.active.isChecked() if self.active is not None else True,
                )
        except ValidationError as error:
            show_problems(self, self.errors, error, self._fields)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()

    def _create(self) -> UserRow:
        assert self.pin is not None and self.pin_again is not None
        return self._services.accounts.create_user(
            self._actor,
            name=self.name.text(),
            role=self.chosen_role(),
            pin=self.pin.text(),
            pin_again=self.pin_again.text(),
        )

    def _confirm_change(self, user: UserRow) -> bool:
        """Ask before a change that locks someone out, since they cannot undo it themselves."""
        deactivating = user.active and self.active is not None and not self.active.isChecked()
        own_demotion = user.id == self._actor.user_id and self.chosen_role() < user.role
        if deactivating and user.id == self._actor.user_id:
            text = _("You are turning off your own account: you will not be able to sign in again. Continue?")
        elif deactivating:
            text = _("{name} will no longer be able to sign in at the desk. Continue?").format(name=user.name)
        elif own_demotion:
            text = _(
                "You are giving yourself a lower role: some areas will stop working for you "
                "until you sign in again. Continue?"
            )
        else:
            return True
        return messages.confirm(self, text, yes=_("Yes, continue"))


def _roles_hint() -> str:
    return _(
        "Volunteers do the desk work. Coordinators also manage workshops, rooms, tools and reports. "
        "Admins also manage users, the house settings and backups."
    )
