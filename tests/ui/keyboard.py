"""Typing any text into a widget, as a keyboard layout or an input method would deliver it.

``QTest.keyClicks`` aborts the test run on any character outside ASCII ("ò", "đ", Arabic, Chinese);
here each character is a key press carrying its text, which is what a widget receives from a
Serbian, Arabic or Chinese keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            )
