"""A drop-down list of rooms in which the room is chosen by typing its name, spaces included.

Room names have spaces ("Sala Grande", "Sala Grande – lato strada"). A plain ``QComboBox``
opens its list at the first space, and the rest of the name then goes into the list instead of
the field; it also forgets what was typed after 0.4 s, which is too quick for a volunteer who
types with one finger. Here the typed text is kept while typing goes on (``PAUSE_MS`` between
two keys starts a new search), a space is part of it, and the room shown is the first one
whose name:

1. starts with what was typed ("sala gr" -> "Sala Grande"), else
2. has a word that starts with it ("grande b" -> "Sala Grande B"), else
3. contains it anywhere (2 and 3 from two letters on: one letter is a first letter).

The name searched is the item's ``NAME_ROLE`` when it has one, so that "a" does not find the
"up to 50 people" after a room's name.

The comparison ignores case, accents and punctuation, so "sala grande lato" finds
"Sala Grande – lato cortile". Typing the same letter again steps through the rooms that start
with it, as in any list. Backspace takes back the last letter typed. A key that finds nothing
once a room was found starts a new search if it finds a room by itself, else it is left out (a
typo), so a name typed straight after another still finds its room.

The list itself still opens with Alt+Down or F4 (and the mouse), and Up/Down still step through
the rooms without opening it. Anything that chooses a room by typing announces it with
``activated``, like Qt's own keyboard search, so pages that follow ``activated`` follow it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from app.text import fold

PAUSE_MS = 2000
"""After this long without typing, the next key starts a new search (Qt's own: 400 ms)."""
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
"""An item's name to search, when its text says more ("Sala Grande · up to 100 people")."""

_SEPARATORS = re.compile(r"[\W_]+")
_TYPING_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.GroupSwitchModifier
)


def search_key(text: str) -> str:
    """``text`` folded, with every run of spaces and punctuation made one space.

    A trailing separator stays (as one space), so that "sala " no longer finds "Salamandra".
    """
    key = _SEPARATORS.sub(" ", fold(text)).strip()
    if key and text and _SEPARATORS.fullmatch(text[-1]):
        key += " "
    return key


class RoomCombo(QComboBox):
    """A ``QComboBox`` whose keyboard search takes whole names; see the module's docstring.

    Used as a plain combo box: ``addItem(text, room_id)``, ``currentData()``, ``activated``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._found = False  # whether what is typed has found a room yet
        self._since_last_key = QElapsedTimer()

    def typed_text(self) -> str:
        """What the current search is made of (empty after a pause or another key)."""
        return self._typed

    def forget_typed(self) -> None:
        self._typed = ""
        self._found = False

    # -- Qt's side -----------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        typing = bool(text) and text.isprintable() and not (event.modifiers() & ~_TYPING_MODIFIERS)
        if self.isEditable() or not typing:
            if event.key() == Qt.Key.Key_Backspace and self._typed and not self.isEditable():
                self._typed = self._typed[:-1]
                self._since_last_key.start()
                if search_key(self._typed):
                    self._choose(self._typed)
                event.accept()
                return
            self.forget_typed()
            super().keyPressEvent(event)
            return
        event.accept()
        if not self._since_last_key.isValid() or self._since_last_key.elapsed() > PAUSE_MS:
            self.forget_typed()
        self._since_last_key.start()
        if not search_key(self._typed + text):
            return  # a space before any letter: nothing to look for yet, and the list stays shut
        if self._choose(self._typed + text):
            self._typed += text
            self._found = True
        elif self._choose(text):
            self._typed = text  # another name begins
            self._found = True
        elif not self._found:
            self._typed += text  # nothing found yet: the next letters may find a word ("ri" ...)
        # else a key that finds nothing after a room was found (a typo): it is left out

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.forget_typed()
        super().focusOutEvent(event)

    # -- searching -----------------------------------------------------------------------------------

    def _choose(self, typed: str) -> bool:
        """Show the room ``typed`` finds; False (and nothing changes) if it finds none."""
        row = self.find_row(typed)
        if row < 0:
            return False
        if row != self.currentIndex():
            self.setCurrentIndex(row)
            self.activated.emit(row)
            self.textActivated.emit(self.itemText(row))
        return True

    def search_text(self, row: int) -> str:
        """What typing is compared with: the item's ``NAME_ROLE`` if it has one, else its text."""
        name = self.itemData(row, NAME_ROLE)
        return name if isinstance(name, str) and name else self.itemText(row)

    def find_row(self, typed: str) -> int:
        """The row that ``typed`` finds (see the module's docstring), or -1."""
        wanted = search_key(typed)
        if not wanted:
            return -1
        keys = [search_key(self.search_text(row)).rstrip() + " " for row in range(self.count())]
        current = self.currentIndex()
        starting = [row for row, key in enumerate(keys) if key.startswith(wanted)]
        if not starting and len(set(wanted)) == 1 and len(wanted) > 1:
            # The same letter again and again: step through the rooms that start with it.
            starting = [row for row, key in enumerate(keys) if key.startswith(wanted[0])]
            if starting:
                following = [row for row in starting if row > current]
                return following[0] if following else starting[0]
        if current in starting:
            return current
        if starting:
            return starting[0]
        if len(wanted.strip()) < 2:
            return -1  # one letter finds a name by its first letter only, as in any list
        for row, key in enumerate(keys):
            if f" {wanted}" in f" {key}":
                return row
        for row, key in enumerate(keys):
            if wanted in key:
                return row
        return -1
