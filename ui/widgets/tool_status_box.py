"""Changing a tool's status in its editor: to repair, lost, retired (with a reason), available again.

Each change is asked for confirmation first and saved at once (it is not part of the details'
Save): the status is the tool's life at the desk, not a detail being typed. "On loan" and
"reserved" are never set here: they come from the lending desk and the reservations.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import PortineriaError, ValidationError
from app.i18n import N_, _
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolDetails
from app.text import capitalised
from ui import messages
from ui.widgets.form import FormErrors

QUESTIONS = {
    ToolStatus.IN_REPAIR: N_("Send {code} to repair? It cannot be lent until it is available again."),
    ToolStatus.LOST: N_("Mark {code} as lost? It cannot be lent nor reserved."),
    ToolStatus.RETIRED: N_("Retire {code} for good? It stays in the history but cannot be lent."),
    ToolStatus.AVAILABLE: N_("Make {code} available again for loans?"),
}
ANSWERS = {
    ToolStatus.IN_REPAIR: N_("Send to repair"),
    ToolStatus.LOST: N_("Mark lost"),
    ToolStatus.RETIRED: N_("Retire"),
    ToolStatus.AVAILABLE: N_("Make available"),
}


class ToolStatusBox(QGroupBox):
    """The status shown, a reason, and the buttons of the changes possible from it.

    Signals:
        changed(object): the status was changed; the argument is the new ``ToolDetails``.
    """

    changed = Signal(object)

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(_("Status"), parent)
        self._services = services
        self._actor = actor
        self._details: ToolDetails | None = None
        self.current = QLabel()
        self.current.setObjectName("tool_status")
        self.current.setWordWrap(True)
        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("tool_status_reason")
        self.reason.setPlaceholderText(_("why: required to retire a tool"))
        self.errors.add_row(form, _("&Reason"), self.reason, "reason")
        self.buttons: dict[ToolStatus, QPushButton] = {
            ToolStatus.IN_REPAIR: QPushButton(_("Send to re&pair")),
            ToolStatus.LOST: QPushButton(_("Mark &lost")),
            ToolStatus.RETIRED: QPushButton(_("Re&tire…")),
            ToolStatus.AVAILABLE: QPushButton(_("A&vailable again")),
        }
        row = QHBoxLayout()
        for status, button in self.buttons.items():
            button.setObjectName(f"status_{status.value}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, chosen=status: self.change_to(chosen))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addLayout(row)

    def load(self, details: ToolDetails) -> None:
        self._details = details
        text = capitalised(details.status.label)
        if details.status_reason:
            text = _("{status}: {reason}").format(status=text, reason=details.status_reason)
        if details.status is ToolStatus.ON_LOAN:
            text = _("{status}: take it back at the desk before changing its status.").format(status=text)
        self.current.setText(text)
        stored = ToolStatus.AVAILABLE if details.status is ToolStatus.RESERVED else details.status
        allowed = {
            ToolStatus.AVAILABLE: (ToolStatus.IN_REPAIR, ToolStatus.LOST, ToolStatus.RETIRED),
            ToolStatus.IN_REPAIR: (ToolStatus.AVAILABLE, ToolStatus.LOST, ToolStatus.RETIRED),
            ToolStatus.LOST: (ToolStatus.AVAILABLE, ToolStatus.RETIRED),
            ToolStatus.RETIRED: (ToolStatus.AVAILABLE,),
        }.get(stored, ())
        for status, button in self.buttons.items():
            button.setVisible(status in allowed)
        self.reason.setEnabled(bool(allowed))

    def change_to(self, status: ToolStatus) -> None:
        """Ask, then change; a missing reason or a refusal shows under the reason."""
        if self._details is None:
            return
        self.errors.clear()
        reason = self.reason.text().strip()
        if status is ToolStatus.RETIRED and not reason:
            self.errors.show(ValidationError(_("Write why the tool is retired."), field="reason"))
            self.reason.setFocus()
            return
        code = self._details.draft.code
        if not messages.confirm(self, _(QUESTIONS[status]).format(code=code), yes=_(ANSWERS[status])):
            return
        try:
            details = self._services.tools.set_status(self._actor, self._details.id, status, reason)
        except ValidationError as error:
            self.errors.show(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.reason.clear()
        self.load(details)
        self.changed.emit(details)
