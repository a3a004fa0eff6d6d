"""What the pickers of people and of associations share: a line edit with a list of matches.

The matches come from a service's search (accent-insensitive SQL), so the completer never filters
on its own (``UnfilteredPopupCompletion``). The popup is as wide as its longest line needs (not
just as the field, which may be narrow), within the screen and over the window if it can be, so
that a line is read whole with no sideways scrolling. Keyboard: type part of a name, Down to go
into the list, Enter to choose. Enter with a single match chooses it at once. Typing again after a choice
drops the choice, so the text shown is never mistaken for a record that was not chosen.

The Enter that chooses (or that opens the list on a half-typed name) is used up by the picker and
never reaches the dialog's default button: the desk sees what was chosen, and only the next Enter,
with the list closed and a record chosen, saves the form.

A subclass says how to search (``_find``), names a ``RecordMatches`` that knows how to show its
rows, and gives its texts as class constants; ``ui.widgets.person_picker`` and
``ui.widgets.organisation_picker`` are the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QListView, QStyle, QToolButton, QWidget

from app.errors import PortineriaError
from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from ui import messages

Index = QModelIndex | QPersistentModelIndex

MAX_MATCHES = 15
POPUP_PADDING = 8
"""Pixels beyond the longest line, so that it does not touch the popup's edge."""
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def isolate(text: str) -> str:
    """``text`` as a bidirectional isolate (FSI ... PDI).

    Without it an Arabic name at the start of a line turns the whole line right-to-left, and the
    phone number after it is shown with its groups of digits in reverse order.
    """
    return f"\u2068{text}\u2069" if text else text


class RecordMatches(QAbstractListModel):
    """The few records matching what was typed, as the service returned them.

    Subclasses say what a row's id, name (shown in the field once chosen) and popup line are.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def row_id(self, row: Any) -> int:
        raise NotImplementedError

    def row_name(self, row: Any) -> str:
        raise NotImplementedError

    def row_line(self, row: Any) -> str:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.row_line(row)
        if role == NAME_ROLE:
            return self.row_name(row)
        if role == ID_ROLE:
            return self.row_id(row)
        return None


class RecordPicker(QWidget):
    """A line edit that finds records as you type, plus a button to clear the choice.

    A subclass sets the class constants: ``MATCHES`` (the popup's model class, whose rows are
    what ``_find`` returns), ``OBJECT_NAME`` (the prefix of the child widgets' object names),
    ``PLACEHOLDER`` (the default grey hint) and ``CLEAR_TIP`` (the clear button's tooltip), the
    last two marked with ``N_`` and translated here.

    Args:
        services: the services the subclass's ``_find`` searches with.
        actor: the user at the desk, passed on to the service.
        placeholder: the grey hint in the empty field; ``PLACEHOLDER`` if None.

    Signals:
        changed(): a record was chosen, or the choice was cleared (by the user or by code).
    """

    MATCHES: ClassVar[type[RecordMatches]]
    OBJECT_NAME: ClassVar[str]
    PLACEHOLDER: ClassVar[str]
    CLEAR_TIP: ClassVar[str]

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
        self._chosen_id: int | None = None
        self._excluded: set[int] = set()

        self.edit = QLineEdit()
        self.edit.setObjectName(f"{self.OBJECT_NAME}_edit")
        self.edit.setPlaceholderText(placeholder or _(self.PLACEHOLDER))
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)

        self.clear_button = QToolButton()
        self.clear_button.setObjectName(f"{self.OBJECT_NAME}_clear")
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_(self.CLEAR_TIP))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.clear_button.clicked.connect(self._clear_clicked)

        self.matches = self.MATCHES(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(NAME_ROLE)
        self.completer.setMaxVisibleItems(10)
        self.popup = QListView()
        self.popup.setObjectName(f"{self.OBJECT_NAME}_popup")
        # Lines are not cut or scrolled sideways: the popup is made as wide as they need.
        self.popup.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.popup.setTextElideMode(Qt.TextElideMode.ElideRight)  # only wider than the screen
        self.popup.setUniformItemSizes(True)
        self.completer.setPopup(self.popup)
        # Installed after the completer's own filter, so it sees the popup's keys first (Enter).
        self.popup.installEventFilter(self)
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

    # -- what subclasses give ------------------------------------------------------------------------

    def _find(self, text: str, limit: int) -> Sequence[Any]:
        """At most ``limit`` rows matching ``text``, best first. May raise ``PortineriaError``."""
        raise NotImplementedError

    # -- what forms call -----------------------------------------------------------------------------

    def chosen_id(self) -> int | None:
        """The chosen record, or None (nothing chosen, or text typed but not chosen)."""
        return self._chosen_id

    def display_name(self) -> str:
        return self.edit.text() if self._chosen_id is not None else ""

    def set_choice(self, record_id: int | None, display_name: str = "") -> None:
        """Show ``record_id`` as chosen (None clears); emits ``changed`` if the choice differs."""
        before = self._chosen_id
        self._chosen_id = record_id
        self.edit.setText(display_name if record_id is not None else "")
        self.edit.setCursorPosition(0)  # a name longer than the field shows its start
        self.popup.hide()
        self._show_state()
        if before != record_id:
            self.changed.emit()

    def clear(self) -> None:
        self.set_choice(None)

    def has_unpicked_text(self) -> bool:
        """Text was typed but nothing was chosen: the form should say so rather than save nothing."""
        return self._chosen_id is None and bool(self.edit.text().strip())

    def set_excluded_ids(self, ids: Iterable[int]) -> None:
        """Records never offered (the one being edited, those already in a list)."""
        self._excluded = set(ids)

    def pick_from_text(self) -> bool:
        """Choose the only match of the typed text, or else open the list; True if one was chosen."""
        if not self.has_unpicked_text():
            return self._chosen_id is not None
        self._search(self.edit.text())
        rows = self.matches.rows()
        if len(rows) == 1:
            self._choose_row(rows[0])
            return True
        self._open_popup()
        self.edit.setFocus()
        return False

    # -- reacting to the user ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        popup_open = self.popup.isVisible()
        if enter and popup_open and watched in (self.popup, self.edit):
            # Enter in the open list chooses, and is used up here: left to QCompleter, the line edit
            # ignores it and it can go on to the dialog, whose default button would save the form
            # before the desk has seen the choice.
            self._enter_in_list()
            event.accept()
            return True
        if watched is self.edit:
            if event.key() == Qt.Key.Key_Down and not popup_open:
                self._search(self.edit.text() if self._chosen_id is None else "")
                self._open_popup()
                return True
            if enter and self.has_unpicked_text():
                # Enter on a half-typed name must not reach the dialog's default button and save
                # the form without the record.
                self.pick_from_text()
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def _enter_in_list(self) -> None:
        """Enter in the open list: the highlighted line is chosen, or else the only match.

        The list closes either way, as QCompleter's own Enter did; with several matches and none
        highlighted nothing is chosen and the typed text stays, for another Enter or Down.
        """
        index = self.popup.currentIndex()
        self.popup.hide()
        if index.isValid() and index.data(ID_ROLE) is not None:
            self._picked(index)  # the completer's model passes the roles of ``matches`` through
            return
        rows = self.matches.rows()
        if self.has_unpicked_text() and len(rows) == 1:
            self._choose_row(rows[0])

    def _typed(self, text: str) -> None:
        if self._chosen_id is not None:
            self._chosen_id = None
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
            rows = self._find(text, MAX_MATCHES + len(self._excluded))
        except PortineriaError as error:
            self.matches.set_rows([])
            messages.show_error(self, error.message)
            return
        self.matches.set_rows([row for row in rows if self.matches.row_id(row) not in self._excluded][:MAX_MATCHES])

    def _open_popup(self) -> None:
        if self.matches.rowCount() == 0:
            self.popup.hide()
            return
        self.completer.setCompletionPrefix("")
        self.completer.complete(self._popup_rect())
        self.popup.setCurrentIndex(QModelIndex())

    def popup_width(self) -> int:
        """What the longest line needs (the scroll bar included when there are more lines than
        rows), at least the field's width, at most the screen's."""
        popup = self.popup
        needed = popup.sizeHintForColumn(0) + 2 * popup.frameWidth() + POPUP_PADDING
        if self.matches.rowCount() > self.completer.maxVisibleItems():
            needed += popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, popup)
        screen = self.edit.screen().availableGeometry().width()
        return max(self.edit.width(), min(needed, screen))

    def _popup_rect(self) -> QRect:
        """Where the popup goes, in the field's coordinates: under it, as wide as ``popup_width``.

        A popup wider than the field starts further left if it would otherwise come out of the
        window on the right (never left of the window), so that it stays over the form.
        """
        width = self.popup_width()
        left = 0
        window = self.window()
        window_left = window.mapToGlobal(QPoint(0, 0)).x()
        field_left = self.edit.mapToGlobal(QPoint(0, 0)).x()
        overflow = field_left + width - (window_left + window.width())
        if overflow > 0:
            left = -min(overflow, max(0, field_left - window_left))
        return QRect(left, 0, width, self.edit.height())

    def _picked(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self._choose(int(record_id), str(index.data(NAME_ROLE)))

    def _choose_row(self, row: Any) -> None:
        self._choose(self.matches.row_id(row), self.matches.row_name(row))

    def _choose(self, record_id: int, name: str) -> None:
        self._chosen_id = None  # so that set_choice always announces the choice
        self.set_choice(record_id, name)

    def _clear_clicked(self) -> None:
        self.clear()
        self.matches.set_rows([])
        self._show_state()
        self.edit.setFocus()

    def _show_state(self) -> None:
        """A chosen record is shown in bold; the clear button only works when there is something."""
        font = QFont(self.edit.font())
        font.setBold(self._chosen_id is not None)
        self.edit.setFont(font)
        self.clear_button.setEnabled(self._chosen_id is not None or bool(self.edit.text()))
