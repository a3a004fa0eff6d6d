"""Choosing one person by typing part of their name, phone or email.

Used wherever a form points at a person: a guardian, an association's contact person and
members, and later a payer or a borrower. The matches come from ``PeopleService.search`` (the
same accent-insensitive SQL search as the people list), so "nicolo" finds "Nicolò" here too; the
completer therefore never filters on its own (``UnfilteredPopupCompletion``).

Keyboard: type part of a name, Down to go into the list, Enter to choose. Enter with a single
match chooses it at once. Typing again after a choice drops the choice, so the text shown is
never mistaken for a person who was not chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QListView, QToolButton, QWidget

from app.errors import PortineriaError
from app.i18n import _
from app.services import Services
from app.services.people import PersonRow
from app.services.roles import Actor
from ui import messages

Index = QModelIndex | QPersistentModelIndex

MAX_MATCHES = 15
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def isolate(text: str) -> str:
    """``text`` as a bidirectional isolate (FSI ... PDI).

    Without it an Arabic name at the start of a line turns the whole line right-to-left, and the
    phone number after it is shown with its groups of digits in reverse order.
    """
    return f"\u2068{text}\u2069" if text else text


def describe(row: PersonRow) -> str:
    """One line of the popup: the name, then what tells two namesakes apart."""
    parts = [isolate(row.display_name)]
    if row.birth_year is not None:
        parts.append(str(row.birth_year))
    if row.phone or row.email:
        parts.append(isolate(row.phone or row.email))
    return "  ·  ".join(parts)


class PersonMatches(QAbstractListModel):
    """The few people matching what was typed, as the service returned them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PersonRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe(row)
        if role == NAME_ROLE:
            return row.display_name
        if role == ID_ROLE:
            return row.id
        return None


class PersonPicker(QWidget):
    """A line edit that finds people as you type, plus a button to clear the choice.

    Args:
        services: the services; only ``services.people.search`` is used.
        actor: the user at the desk, passed on to the service.
        placeholder: the grey hint in the empty field; a generic one if None.

    Signals:
        changed(): a person was chosen, or the choice was cleared (by the user or by code).

    Usage in a form::

        self.payer = PersonPicker(services=services, actor=actor, placeholder=_("Type the payer's name"))
        self.payer.set_person(row.id, row.display_name)  # show an existing choice
        self.payer.person_id()  # the chosen id, or None
        self.payer.has_unpicked_text()  # typed but not chosen: tell the user before saving
        self.payer.set_excluded_ids([...])  # people never offered
    """

    changed = Signal()

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._person_id: int | None = None
        self._excluded: set[int] = set()

        self.edit = QLineEdit()
        self.edit.setObjectName("person_picker_edit")
        self.edit.setPlaceholderText(placeholder or _("Type part of a name, then choose from the list"))
        self.edit.textEdited.connect(self._typed)
        self.edit.returnPressed.connect(self._return_pressed)
        self.edit.installEventFilter(self)

        self.clear_button = QToolButton()
        self.clear_button.setObjectName("person_picker_clear")
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Remove the chosen person"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_button.clicked.connect(self._clear_clicked)

        self.matches = PersonMatches(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(NAME_ROLE)
        self.completer.setMaxVisibleItems(10)
        self.popup = QListView()
        self.popup.setObjectName("person_picker_popup")
        self.completer.setPopup(self.popup)
        # setWidget, not QLineEdit.setCompleter: the line edit must not overwrite the typed text
        # while the user moves through the list; the text changes only when someone is chosen.
        self.completer.setWidget(self.edit)
        # The QModelIndex overload (the stubs do not know signal overloads): it carries the id.
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._show_state()

    # -- what forms call -----------------------------------------------------------------------------

    def person_id(self) -> int | None:
        """The chosen person, or None (nothing chosen, or text typed but not chosen)."""
        return self._person_id

    def display_name(self) -> str:
        return self.edit.text() if self._person_id is not None else ""

    def set_person(self, person_id: int | None, display_name: str = "") -> None:
        """Show ``person_id`` as chosen (None clears); emits ``changed`` if the choice differs."""
        before = self._person_id
        self._person_id = person_id
        self.edit.setText(display_name if person_id is not None else "")
        self.popup.hide()
        self._show_state()
        if before != person_id:
            self.changed.emit()

    def clear(self) -> None:
        self.set_person(None)

    def has_unpicked_text(self) -> bool:
        """Text was typed but nobody was chosen: the form should say so rather than save nothing."""
        return self._person_id is None and bool(self.edit.text().strip())

    def set_excluded_ids(self, ids: Iterable[int]) -> None:
        """People never offered (the person being edited, members already in the list)."""
        self._excluded = set(ids)

    # -- reacting to the user ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            popup_open = self.popup.isVisible()
            if event.key() == Qt.Key.Key_Down and not popup_open:
                self._search(self.edit.text() if self._person_id is None else "")
                self._open_popup()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not popup_open and self.has_unpicked_text():
                # Enter on a half-typed name must not reach the dialog's default button and save
                # the form without the person.
                self.pick_from_text()
                return True
        return super().eventFilter(watched, event)

    def pick_from_text(self) -> bool:
        """Choose the only match of the typed text, or else open the list; True if someone was chosen."""
        if not self.has_unpicked_text():
            return self._person_id is not None
        self._search(self.edit.text())
        rows = self.matches.rows()
        if len(rows) == 1:
            self._choose(rows[0].id, rows[0].display_name)
            return True
        self._open_popup()
        self.edit.setFocus()
        return False

    def _return_pressed(self) -> None:
        """Enter while the list is open but nobody highlighted: the only match is meant."""
        rows = self.matches.rows()
        if self.has_unpicked_text() and len(rows) == 1:
            self._choose(rows[0].id, rows[0].display_name)

    def _typed(self, text: str) -> None:
        if self._person_id is not None:
            self._person_id = None
            self._show_state()
            self.changed.emit()
        if not text.strip():
            self.matches.set_rows([])
            self.popup.hide()
            self._show_state()
            return
        self._search(text)
        self._open_popup()
        self._show_state()

    def _search(self, text: str) -> None:
        try:
            rows = self._services.people.search(self._actor, text, limit=MAX_MATCHES + len(self._excluded))
        except PortineriaError as error:
            self.matches.set_rows([])
            messages.show_error(self, error.message)
            return
        self.matches.set_rows([row for row in rows if row.id not in self._excluded][:MAX_MATCHES])

    def _open_popup(self) -> None:
        if self.matches.rowCount() == 0:
            self.popup.hide()
            return
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        self.popup.setCurrentIndex(QModelIndex())

    def _picked(self, index: QModelIndex) -> None:
        person_id = index.data(ID_ROLE)
        if person_id is not None:
            self._choose(int(person_id), str(index.data(NAME_ROLE)))

    def _choose(self, person_id: int, name: str) -> None:
        self._person_id = None  # so that set_person always announces the choice
        self.set_person(person_id, name)

    def _clear_clicked(self) -> None:
        self.clear()
        self.matches.set_rows([])
        self._show_state()
        self.edit.setFocus()

    def _show_state(self) -> None:
        """A chosen person is shown in bold; the clear button only works when there is something."""
        font = QFont(self.edit.font())
        font.setBold(self._person_id is not None)
        self.edit.setFont(font)
        self.clear_button.setEnabled(self._person_id is not None or bool(self.edit.text()))
