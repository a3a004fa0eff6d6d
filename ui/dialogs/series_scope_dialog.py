"""Which dates of a repeating booking a change or a cancellation is for.

Asked when an occurrence of a series is saved or cancelled, as the calendars people know do:
only this date, this date and the following ones, or every date of the series. The safest
choice allowed is the default. Some choices make no sense for some changes and are shown
greyed, with a tooltip saying why: a changed repetition is not for one date alone, and moving
this date to another day (with the repetition unchanged) is for this date only. Esc goes back
to the editor with nothing done.
"""

from __future__ import annotations

import enum
from datetime import date

from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from app.i18n import _, format_date


class Scope(enum.Enum):
    ONE = "one"
    FOLLOWING = "following"
    ALL = "all"


class Purpose(enum.Enum):
    SAVE = "save"
    CANCEL = "cancel"


class SeriesScopeDialog(QDialog):
    """Three radio buttons and OK/Back; ``scope()`` is the chosen one."""

    def __init__(
        self,
        *,
        purpose: Purpose,
        day: date,
        allowed: frozenset[Scope] = frozenset(Scope),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Repeating booking"))
        question = QLabel(
            _("Save the changes for which dates?")
            if purpose is Purpose.SAVE
            else _("Cancel the booking on which dates?")
        )
        question.setObjectName("scope_question")
        question.setWordWrap(True)
        self.buttons_by_scope = {
            Scope.ONE: QRadioButton(_("&Only this date ({date})").format(date=format_date(day, "EEEE d MMMM"))),
            Scope.FOLLOWING: QRadioButton(_("This date and the &following ones")),
            Scope.ALL: QRadioButton(_("&All the dates of the series")),
        }
        group = QButtonGroup(self)
        for scope, button in self.buttons_by_scope.items():
            button.setObjectName(f"scope_{scope.value}")
            group.addButton(button)
        reasons = {
            Scope.ONE: _("The repetition was changed: that is for this date and the following ones, or for all."),
            Scope.FOLLOWING: _("Another day is for this date only: to move every date, change the repetition's days."),
            Scope.ALL: _("Another day is for this date only: to move every date, change the repetition's days."),
        }
        for scope, button in self.buttons_by_scope.items():
            if scope not in allowed:
                button.setEnabled(False)
                button.setToolTip(reasons[scope])
        first = next(scope for scope in Scope if scope in allowed)
        self.buttons_by_scope[first].setChecked(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("scope_ok")
        ok.setText(_("Save") if purpose is Purpose.SAVE else _("Cancel the booking"))
        ok.setDefault(True)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Back"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        for button in self.buttons_by_scope.values():
            layout.addWidget(button)
        layout.addSpacing(8)
        layout.addWidget(box)
        checked = next(button for button in self.buttons_by_scope.values() if button.isChecked())
        checked.setFocus()

    def scope(self) -> Scope:
        return next(scope for scope, button in self.buttons_by_scope.items() if button.isChecked())


def ask_scope(
    parent: QWidget | None, *, purpose: Purpose, day: date, allowed: frozenset[Scope] = frozenset(Scope)
) -> Scope | None:
    """Ask which dates (``allowed`` must not be empty); None if the person goes back (Esc)."""
    dialog = SeriesScopeDialog(purpose=purpose, day=day, allowed=allowed, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.scope()
