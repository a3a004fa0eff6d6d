"""What every section of the Today page offers the page that stacks them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services import Services
from app.services.roles import Actor


class TodaySection(QWidget):
    """One block of the Today page: a heading with a short summary at its right, and its content.

    Subclasses put their widgets in ``content`` and implement ``refresh``; the page calls it when
    it is shown and each minute, always with the same ``now`` for every section. A section that
    opens a dialog keeps it in ``dialog`` while it is open (tests fill it): one at a time.

    Signals:
        cursor_moved(widget, rect): the keyboard moved to ``rect`` of ``widget`` (in its own
            coordinates); the page scrolls so that it stays in view.
    """

    cursor_moved = Signal(QWidget, QRect)

    def __init__(self, *, services: Services, actor: Actor, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.dialog: QDialog | None = None
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.summary)
        self.content = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(self.content)

    def refresh(self, now: datetime) -> None:
        """Read today's data again and show it as of ``now``."""
        raise NotImplementedError

    def raise_dialog(self) -> bool:
        """Bring the section's open dialog to the front; False when none is open.

        A second click while a dialog hides behind the window wants that dialog, not another.
        """
        if self.dialog is None:
            return False
        self.dialog.raise_()
        self.dialog.activateWindow()
        return True

    def take_focus(self) -> bool:
        """Put the keyboard on the section's first useful item; False if it has none."""
        return False
