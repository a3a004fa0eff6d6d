"""A page that is a search field over a lazy list, with New and Open: people, associations, ...

The shared part of every registry page, so that the keyboard works the same everywhere: type to
search; Down (or Enter) moves into the list; Enter or a double click opens the highlighted record;
Up from the first row, or typing a letter in the list, goes back to the search field; Esc in the
search field clears it. Subclasses say what to search, how to count, and which editor to open.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.services import Services
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import open_window_modal
from ui.models.lazy_rows import LazyRowsModel
from ui.pages.base import Page
from ui.widgets import table_columns
from ui.widgets.row_table import set_up_row_table

# Long enough to skip the searches for a fast typist's intermediate letters, short enough to feel
# instant. The search itself (one LIKE per word over a folded column) runs in SQL.
SEARCH_DELAY_MS = 60
_CHOOSE_ROW = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def lazy_table(model: LazyRowsModel[Any]) -> QTableView:
    """A read-only table over a model that fetches its rows as they scroll into view.

    One line a row at a fixed height: the view then skips measuring every row of a long list.
    The registry pages use it, and so does any other long list of records (today's payments).
    """
    table = QTableView()
    table.setModel(model)
    set_up_row_table(table)
    table.setWordWrap(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


class SearchListPage(Page):
    """Search field and count on top, the matching records below, New and Open at the bottom.

    Subclasses implement ``search_ids``, ``count_text``, ``empty_text`` and ``make_editor``, and
    set the texts of ``search`` (placeholder), ``new_button`` and ``open_button``. A subclass with
    filters besides the search puts them in ``search_row`` and extends ``is_filtered`` and
    ``clear_filters``; one that lets several records be chosen sets the table's selection mode.

    The list is filled when the page is shown (``shown``), not when it is built: the main window
    builds every page at sign-in and only one is on screen.

    Editors are opened window-modal with ``open()``, not ``exec()``: no nested event loop, the
    desk can lock itself meanwhile, and tests fill the dialog the page opened (``page.dialog``).
    """

    def __init__(
        self, *, services: Services, actor: Actor, model: LazyRowsModel[Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.dialog: QDialog | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        big = QFont(self.search.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.search.setFont(big)
        self.search.textChanged.connect(self._search_later)
        self.search.installEventFilter(self)

        self.count_label = QLabel()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.add_new)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_current)

        self.model = model
        model.setParent(self)
        model.fetch_failed.connect(self._fetch_failed, Qt.ConnectionType.QueuedConnection)
        self.table = lazy_table(model)
        self.table.activated.connect(self._open_index)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())

        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setFont(big)
        self.empty_hint.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search_now)

        # Kept so that a subclass can add its filters after the search field.
        self.search_row = top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        # Kept so that a subclass can add its own buttons after Open (before the stretch).
        self.button_row = buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)

    # -- what subclasses provide ---------------------------------------------------------------------

    def search_ids(self, text: str) -> list[int]:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def empty_text(self, searching: bool) -> str:
        raise NotImplementedError

    def make_editor(self, record_id: int | None) -> QDialog:
        """The editor for ``record_id`` (a new record if None); it sets ``saved_id`` when it saves.

        Raises:
            PortineriaError: the record cannot be opened (for example it was deleted meanwhile).
        """
        raise NotImplementedError

    def size_columns(self, widths: dict[int, int], stretch: int) -> None:
        """Starting widths in average characters (``ui.widgets.table_columns``)."""
        table_columns.size_columns(self.table, widths, stretch)

    # -- the Page interface --------------------------------------------------------------------------

    def shown(self) -> None:
        self.apply_search_now()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def add_new(self) -> None:
        self._open_editor(None)

    # -- searching -----------------------------------------------------------------------------------

    def apply_search_now(self) -> None:
        """Run the search for the current text at once (the timer calls it; so can tests)."""
        self._timer.stop()
        try:
            ids = self.search_ids(self.search.text())
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        keep = self.selected_ids()
        self.model.set_ids(ids)
        self.select_ids(keep)
        self.count_label.setText(self.count_text(len(ids)))
        self.empty_hint.setText(self.empty_text(self.is_filtered()))
        self.empty_hint.setVisible(not ids)
        self._update_buttons()

    def is_filtered(self) -> bool:
        """Whether the list may hide records: something is typed (a subclass adds its filters)."""
        return bool(self.search.text().strip())

    def clear_filters(self) -> None:
        """Empty the search (a subclass resets its filters too) without searching yet."""
        with QSignalBlocker(self.search):
            self.search.clear()

    def _fetch_failed(self, message: str) -> None:
        messages.show_error(self, message)

    def _search_later(self) -> None:
        self._timer.start()

    # -- the chosen records --------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The chosen records in the order of the list (several only where the table allows it)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.id_at(row) for row in rows if row < self.model.rowCount()]

    def selected_id(self) -> int | None:
        """The record Open works on: the one chosen, or None when none or several are."""
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None

    def select_ids(self, ids: Iterable[int], *, focus: bool = False) -> None:
        """Choose these records (those in the list); the first becomes current and is scrolled to."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        rows = [row for record_id in ids if (row := self.model.row_of(record_id)) >= 0]
        for row in rows:
            selection.select(self.model.index(row, 0), _CHOOSE_ROW)
        if rows:
            first = self.model.index(rows[0], 0)
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
            if focus:
                self.table.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    # -- opening -------------------------------------------------------------------------------------

    def open_current(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_record(record_id)

    def open_record(self, record_id: int) -> None:
        """Open the editor for ``record_id``; after Save the list shows the saved record."""
        self._open_editor(record_id)

    def show_record(self, record_id: int) -> None:
        """Refresh the list and select ``record_id``, clearing the search if it hides the record."""
        self.apply_search_now()
        if self.model.row_of(record_id) < 0 and self.is_filtered():
            self.clear_filters()
            self.apply_search_now()
        if self.model.row_of(record_id) >= 0:
            self.select_ids([record_id], focus=True)

    def _open_editor(self, record_id: int | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        try:
            dialog = self.make_editor(record_id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.apply_search_now()
            return
        self.show_dialog(dialog)

    def show_dialog(self, dialog: QDialog) -> None:
        """Open ``dialog`` window-modal as ``self.dialog``; when it closes, show what it saved."""
        self.dialog = dialog
        open_window_modal(dialog, self._editor_closed)

    def _editor_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        saved = getattr(dialog, "saved_id", None)
        if result == QDialog.DialogCode.Accepted and isinstance(saved, int):
            self.show_record(saved)
        elif self.model.rowCount() > 0:
            self.table.setFocus()
        else:
            self.focus_search()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(self.model.id_at(index.row()))

    # -- keyboard between the search field and the list ----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and self._search_key(event):
                return True
            if watched is self.table and self._table_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown):
            self.apply_search_now()
            if self.model.rowCount() > 0:
                current = self.table.currentIndex()
                self.select_ids([self.model.id_at(current.row() if current.isValid() else 0)], focus=True)
            return True
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return True
        return False

    def _table_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.focus_search()
            return True
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if plain and text and text.isprintable() and not text.isspace():
            # Typing in the list continues the search instead of jumping by first letter.
            self.search.setFocus()
            self.search.setText(self.search.text() + text)
            return True
        return False
