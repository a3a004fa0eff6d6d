"""One field for a birth: the year alone ("1980") or the whole date ("12/03/1980").

Many people at the desk know only their year of birth. One field with a live reading next to it
("12 mar 1980, 46 years" or "year only") is clearer than a mode switch plus a date editor and a
year spin box, and it is typed without the mouse. Dates are written day first, as in Italy,
whatever the language of the screen; the reading in the language's own format removes any doubt.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.i18n import _, format_date, ngettext

_FULL_DATE = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_birth(text: str) -> tuple[date | None, int | None]:
    """``(birth_date, birth_year)`` from "", "1980", "12/03/1980", "12.3.1980" or "1980-03-12".

    Raises:
        ValueError: the text is none of these; the message says how to write it.
    """
    text = text.strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d{4}", text):
        return None, int(text)
    parts: tuple[str, str, str] | None = None
    if found := _FULL_DATE.match(text):
        parts = (found.group(3), found.group(2), found.group(1))
    elif found := _ISO_DATE.match(text):
        parts = (found.group(1), found.group(2), found.group(3))
    if parts is None:
        raise ValueError(_("Write the year (1980) or the whole date (12/03/1980), or leave it empty."))
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])), None
    except ValueError:
        raise ValueError(_("This day does not exist: check the day and the month.")) from None


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class BirthField(QWidget):
    """The line edit and, beside it, how the program understood what was typed.

    Signals:
        changed(): the text changed (readable or not).
    """

    changed = Signal()

    def __init__(self, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setObjectName("birth_edit")
        self.edit.setPlaceholderText(_("year (1980) or date (12/03/1980)"))
        self.edit.setFixedWidth(self.edit.fontMetrics().averageCharWidth() * 30)
        self.reading = QLabel()
        self.reading.setObjectName("birth_reading")
        self.edit.textChanged.connect(self._text_changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.reading, 1)
        self.setFocusProxy(self.edit)
        self._text_changed(self.edit.text())

    def value(self) -> tuple[date | None, int | None]:
        """``(birth_date, birth_year)``; raises ``ValueError`` with a message if unreadable."""
        return parse_birth(self.edit.text())

    def readable_value(self) -> tuple[date | None, int | None]:
        """Like ``value`` but ``(None, None)`` while the text cannot be read yet."""
        try:
            return parse_birth(self.edit.text())
        except ValueError:
            return None, None

    def set_value(self, birth_date: date | None, birth_year: int | None) -> None:
        if birth_date is not None:
            self.edit.setText(birth_date.strftime("%d/%m/%Y"))
        else:
            self.edit.setText(str(birth_year) if birth_year is not None else "")

    def text(self) -> str:
        return self.edit.text()

    def _text_changed(self, text: str) -> None:
        try:
            birth_date, birth_year = parse_birth(text)
        except ValueError:
            self.reading.setText(_("not clear yet"))
        else:
            if birth_date is not None:
                years = age_on(birth_date, self._today)
                shown = format_date(birth_date)
                if years >= 0:
                    # Not inside the f-string: Babel would not find the message there.
                    age = ngettext("{count} year", "{count} years", years).format(count=years)
                    shown = f"{shown}, {age}"
                self.reading.setText(shown)
            elif birth_year is not None:
                self.reading.setText(_("year only"))
            else:
                self.reading.setText(_("unknown"))
        self.changed.emit()
