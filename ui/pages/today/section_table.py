"""The table of a Today section (bookings, tools): as tall as its lines, the page scrolls instead.

The sections are stacked on one scrolling page, so a table of theirs never scrolls itself: it
takes the height of its rows (``fit_height``) and reports where the keyboard is (``row_moved``)
for the page to keep that line in view. One home keeps the two sections' tables alike.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from ui.widgets.row_table import set_up_row_table


class SectionTable(QTableView):
    """A read-only table of whole rows, without scroll bars, grid or alternating colours.

    Args:
        model: the section's model.
        name: the object name (tests find the table by it).
        accessible: what a screen reader calls the table.
        tooltip: what Enter or a click does there.

    Signals:
        row_moved(widget, rect): the keyboard moved to the line at ``rect`` of ``widget``; a
            section hands it on as its ``cursor_moved``.
    """

    row_moved = Signal(QWidget, QRect)

    def __init__(self, model: QAbstractItemModel, *, name: str, accessible: str, tooltip: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setModel(model)
        self.setAccessibleName(accessible)
        self.setToolTip(tooltip)
        set_up_row_table(self)
        self.setAlternatingRowColors(False)  # the lines carry their own colours (now, late)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.selectionModel().currentRowChanged.connect(self._current_moved)

    def fit_height(self) -> None:
        """Tall enough for every row: the page scrolls as a whole when the day is full."""
        rows = self.model().rowCount()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())

    def take_focus(self) -> bool:
        """The keyboard on the table, on its first line if it was on none; False if it is empty."""
        model = self.model()
        if model.rowCount() == 0:
            return False
        if not self.currentIndex().isValid():
            # Current but not selected: Enter opens it, and a line's own colour stays visible.
            self.selectionModel().setCurrentIndex(model.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            rect = self.visualRect(current)
            self.row_moved.emit(self.viewport(), QRect(0, rect.top(), self.viewport().width(), rect.height()))
