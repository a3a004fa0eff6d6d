"""A small legend for the calendar: a sample box of each kind of booking and what it means.

The samples are painted by the same function as the calendar's boxes (``paint_box``), so the
legend cannot drift from what the calendar shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.widgets.calendar_colours import BookingKind, paint_box


class CalendarLegend(QWidget):
    """A row of samples with their names; hidden when it has none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kinds: list[BookingKind] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.hide()

    def kinds(self) -> list[BookingKind]:
        return list(self._kinds)

    def set_kinds(self, kinds: Sequence[BookingKind]) -> None:
        if list(kinds) == self._kinds:
            return
        self._kinds = list(kinds)
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater waits for the event loop
                widget.deleteLater()
        for kind in self._kinds:
            sample = QLabel()
            sample.setPixmap(self._sample(kind))
            name = QLabel(kind.label())
            self._layout.addWidget(sample)
            self._layout.addWidget(name)
            self._layout.addSpacing(8)
        self.setVisible(bool(self._kinds))
        self.setAccessibleName(", ".join(kind.label() for kind in self._kinds))

    def _sample(self, kind: BookingKind) -> QPixmap:
        height = self.fontMetrics().height()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(height * 1.8 * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_box(painter, QRectF(1, 1, height * 1.8 - 2, height - 2), kind.colour(), kind, self.palette())
        painter.end()
        return pixmap
