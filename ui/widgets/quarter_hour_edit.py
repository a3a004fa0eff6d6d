"""A time field whose arrows move by a quarter of an hour, the step bookings are made in."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QAbstractSpinBox, QTimeEdit, QWidget

STEP_MINUTES = 15
LAST_MINUTE = 23 * 60 + 45


def minutes_of(value: time) -> int:
    return value.hour * 60 + value.minute


class QuarterHourEdit(QTimeEdit):
    """``HH:mm``; Up/Down (and the mouse wheel) go to the next or previous quarter hour.

    Typing any minute is still allowed: "18:10" stays 18:10, and Up then goes to 18:15.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setKeyboardTracking(False)  # one change per finished time, not one per digit typed

    def value(self) -> time:
        current = self.time()
        return time(current.hour(), current.minute())

    def set_value(self, value: time) -> None:
        self.setTime(QTime(value.hour, value.minute))

    def stepBy(self, steps: int) -> None:
        minutes = minutes_of(self.value())
        grid = minutes // STEP_MINUTES if steps > 0 else -(-minutes // STEP_MINUTES)
        target = min(max((grid + steps) * STEP_MINUTES, 0), LAST_MINUTE)
        self.setTime(QTime(target // 60, target % 60))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        minutes = minutes_of(self.value())
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if minutes > 0:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if minutes < LAST_MINUTE:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags
