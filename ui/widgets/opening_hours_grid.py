"""A room's weekly opening hours as a grid: one row per weekday, up to two spans (a lunch break).

The grid only collects spans; the service (``app/services/opening_hours.py``) decides whether they
are valid, so its messages (which name the day) show under the grid. A day left unticked is closed.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QPushButton, QWidget

from app.i18n import _
from app.services.opening_hours import OpeningSpan
from ui.widgets.quarter_hour_edit import QuarterHourEdit
from ui.widgets.repeat_rule import weekday_name

DEFAULT_SPANS = ((time(9, 0), time(13, 0)), (time(14, 0), time(23, 0)))


class _DayRow:
    """The widgets of one weekday: open, first span, "and" a second span."""

    def __init__(self, weekday: int) -> None:
        self.weekday = weekday
        name = weekday_name(weekday)
        self.open = QCheckBox(name[:1].upper() + name[1:])
        self.open.setObjectName(f"opening_day_{weekday}")
        self.open.setToolTip(_("Ticked: the room is open on this day"))
        self.first = (self._time(f"opening_{weekday}_opens"), self._time(f"opening_{weekday}_closes"))
        self.second_open = QCheckBox(_("and"))
        self.second_open.setObjectName(f"opening_day_{weekday}_second")
        self.second_open.setToolTip(_("Open again after a break, for example after lunch"))
        self.second = (self._time(f"opening_{weekday}_opens2"), self._time(f"opening_{weekday}_closes2"))
        self.first[0].set_value(DEFAULT_SPANS[0][0])
        self.first[1].set_value(DEFAULT_SPANS[0][1])
        self.second[0].set_value(DEFAULT_SPANS[1][0])
        self.second[1].set_value(DEFAULT_SPANS[1][1])
        self.open.toggled.connect(self.update_enabled)
        self.second_open.toggled.connect(self.update_enabled)
        self.update_enabled()

    @staticmethod
    def _time(name: str) -> QuarterHourEdit:
        edit = QuarterHourEdit()
        edit.setObjectName(name)
        edit.setToolTip(_("Type the time, or change it by a quarter hour with the arrows"))
        return edit

    def update_enabled(self) -> None:
        is_open = self.open.isChecked()
        for edit in self.first:
            edit.setEnabled(is_open)
        self.second_open.setEnabled(is_open)
        for edit in self.second:
            edit.setEnabled(is_open and self.second_open.isChecked())

    def spans(self) -> list[OpeningSpan]:
        if not self.open.isChecked():
            return []
        found = [OpeningSpan(self.weekday, self.first[0].value(), self.first[1].value())]
        if self.second_open.isChecked():
            found.append(OpeningSpan(self.weekday, self.second[0].value(), self.second[1].value()))
        return found

    def load(self, spans: list[OpeningSpan]) -> None:
        self.open.setChecked(bool(spans))
        self.second_open.setChecked(len(spans) > 1)
        for span, edits in zip(spans, (self.first, self.second), strict=False):
            edits[0].set_value(span.opens)
            edits[1].set_value(span.closes)
        self.update_enabled()


class OpeningHoursGrid(QWidget):
    """Monday to Sunday, each closed or open for one or two spans.

    Signals:
        changed(): a day was opened or closed, or a time changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days = [_DayRow(weekday) for weekday in range(7)]
        self._extra: list[OpeningSpan] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        for row, day in enumerate(self._days):
            layout.addWidget(day.open, row, 0)
            layout.addWidget(day.first[0], row, 1)
            layout.addWidget(QLabel("–"), row, 2)
            layout.addWidget(day.first[1], row, 3)
            layout.addWidget(day.second_open, row, 4)
            layout.addWidget(day.second[0], row, 5)
            layout.addWidget(QLabel("–"), row, 6)
            layout.addWidget(day.second[1], row, 7)
            for signal in (day.open.toggled, day.second_open.toggled):
                signal.connect(self.changed)
            for edit in (*day.first, *day.second):
                edit.timeChanged.connect(self.changed)
        self.copy_button = QPushButton(_("Cop&y Monday to the weekdays"))
        self.copy_button.setObjectName("opening_copy_monday")
        self.copy_button.setToolTip(_("Give Tuesday to Friday the same hours as Monday (Alt+Y)"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_monday)
        layout.addWidget(self.copy_button, 7, 0, 1, 8)
        layout.setColumnStretch(8, 1)
        self.setFocusProxy(self._days[0].open)

    def day(self, weekday: int) -> _DayRow:
        return self._days[weekday]

    def load(self, spans: list[OpeningSpan]) -> None:
        """Show the room's spans. A day with more than two keeps the rest as they are."""
        self._extra = []
        for day in self._days:
            of_day = sorted(span for span in spans if span.weekday == day.weekday)
            day.load(of_day[:2])
            self._extra.extend(of_day[2:])

    def spans(self) -> list[OpeningSpan]:
        """The spans as ticked and typed, in day order (not checked here: the service checks)."""
        extra = [span for span in self._extra if self._days[span.weekday].open.isChecked()]
        return [span for day in self._days for span in day.spans()] + extra

    def copy_monday(self) -> None:
        monday = self._days[0].spans()
        for day in self._days[1:5]:
            day.load([OpeningSpan(day.weekday, span.opens, span.closes) for span in monday])
        self.changed.emit()
