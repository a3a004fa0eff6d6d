"""A table model that holds only ids and fetches rows in blocks when the view asks for them.

The service decides which ids to show and in what order (filtering and sorting happen in SQL);
this model only adapts rows to Qt. Twenty thousand ids cost nothing; rows are read 200 at a time
as the user scrolls, and kept in a small cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.errors import PortineriaError

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its header (called when shown, so it follows the language) and its text."""

    header: Callable[[], str]
    text: Callable[[Row], str]
    align_right: bool = False


class LazyRowsModel(QAbstractTableModel, Generic[Row]):
    """Signals:
    fetch_failed(str): a block of rows could not be read (the message says why); the rows show
        empty. Emitted while Qt paints, so listeners should use a queued connection.
    """

    fetch_failed = Signal(str)
    BLOCK = 200
    MAX_CACHED_BLOCKS = 50

    def __init__(
        self,
        *,
        columns: Sequence[Column[Row]],
        fetch_rows: Callable[[Sequence[int]], Sequence[Row]],
        row_id: Callable[[Row], int],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._fetch_rows = fetch_rows
        self._row_id = row_id
        self._ids: list[int] = []
        self._blocks: dict[int, dict[int, Row]] = {}

    # -- what the page calls -------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these ids, in this order; rows are fetched only when needed."""
        self.beginResetModel()
        self._ids = list(ids)
        self._blocks.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id``, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < len(self._ids):
            return None
        block = row // self.BLOCK
        if block not in self._blocks:
            self._load_block(block)
        return self._blocks[block].get(self._ids[row])

    def refresh(self) -> None:
        """Forget cached rows (after an edit) and repaint what is visible."""
        self._blocks.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    # -- Qt's side -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row_at(index.row())
            return self._columns[index.column()].text(row) if row is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header()
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    # -- internals -----------------------------------------------------------------------------------

    def _load_block(self, block: int) -> None:
        if len(self._blocks) >= self.MAX_CACHED_BLOCKS:
            self._blocks.pop(next(iter(self._blocks)))
        ids = self._ids[block * self.BLOCK : (block + 1) * self.BLOCK]
        try:
            rows = self._fetch_rows(ids)
        except PortineriaError as error:
            # For example the user was deactivated meanwhile: show empty rows, never crash in paint.
            self._blocks[block] = {}
            self.fetch_failed.emit(error.message)
            return
        self._blocks[block] = {self._row_id(row): row for row in rows}
