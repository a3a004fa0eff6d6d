"""The day and the times of a workshop session, as the plan and the move dialogs ask for them.

A day field with its calendar (the weekday written next to it, so that "the first Tuesday" is
checked at a glance) and a "start – end" pair of quarter-hour fields with the length after them.
Both dialogs read the same way and step by a quarter hour with the arrows, like the booking editor.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QSizePolicy, QWidget

from app.i18n import _, format_date
from ui.widgets.form import ERROR_STYLE
from ui.widgets.form_rows import HINT_STYLE
from ui.widgets.quarter_hour_edit import QuarterHourEdit, minutes_of


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def length_text(minutes: int) -> str:
    """ "2 h", "1 h 30 min", "45 min": how long a session lasts, shown next to its times."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=rest)


class DayField(QWidget):
    """A date with its calendar popup, and the weekday after it.

    Signals:
        changed(): the day changed.
    """

    changed = Signal()

    def __init__(self, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setToolTip(_("Type the day, or open the calendar with Alt+Down"))
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.weekday = QLabel()
        self.weekday.setObjectName(f"{name}_weekday")
        self.weekday.setStyleSheet(HINT_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.weekday, 1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._changed)

    def value(self) -> date:
        return day_of(self.edit.date())

    def set_value(self, day: date) -> None:
        self.edit.setDate(qdate(day))
        self._show_weekday()

    def _changed(self) -> None:
        self._show_weekday()
        self.changed.emit()

    def _show_weekday(self) -> None:
        self.weekday.setText(format_date(self.value(), "EEEE"))


class TimeSpan(QWidget):
    """ "18:00 – 20:00 · 2 h": the start and end of a session on its day.

    Signals:
        changed(): either time changed.
    """

    changed = Signal()

    def __init__(self, *, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = QuarterHourEdit()
        self.start.setObjectName(f"{name}_start")
        self.start.setAccessibleName(_("Start time"))
        self.start.setToolTip(_("Start time: type it, or change it by a quarter hour with the arrows"))
        self.end = QuarterHourEdit()
        self.end.setObjectName(f"{name}_end")
        self.end.setAccessibleName(_("End time"))
        self.end.setToolTip(_("End time: type it, or change it by a quarter hour with the arrows"))
        self.length = QLabel()
        self.length.setObjectName(f"{name}_length")
        self.length.setStyleSheet(HINT_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end)
        layout.addWidget(self.length, 1)
        self.setFocusProxy(self.start)
        self.start.timeChanged.connect(self._changed)
        self.end.timeChanged.connect(self._changed)

    def set_values(self, start: time, end: time) -> None:
        self.start.set_value(start)
        self.end.set_value(end)
        self._show_length()

    def minutes(self) -> int:
        """How long the session lasts; zero or less when the end is not after the start."""
        return minutes_of(self.end.value()) - minutes_of(self.start.value())

    def span_on(self, day: date) -> tuple[datetime, datetime]:
        return datetime.combine(day, self.start.value()), datetime.combine(day, self.end.value())

    def _changed(self) -> None:
        self._show_length()
        self.changed.emit()

    def _show_length(self) -> None:
        minutes = self.minutes()
        if minutes <= 0:
            self.length.setText(_("ends before it starts"))
            self.length.setStyleSheet(ERROR_STYLE)
        else:
            self.length.setText(length_text(minutes))
            self.length.setStyleSheet(HINT_STYLE)
