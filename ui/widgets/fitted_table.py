"""The workshop lists' tables: a few rows, each column as wide as its text but one that takes the rest.

A workshop's sessions and people and a person's workshops and attendance are short lists, so
their columns fit their contents (``ResizeToContents`` reads every row, which is cheap here) and
one column (a name, a room, a title) stretches. The keyboard behaviour is the desk's usual one
for lists of rows (``set_up_row_table``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QHeaderView, QTableWidget

from ui.widgets.row_table import set_up_row_table

Row = TypeVar("Row")


def fitted_table(headers: list[str], name: str, stretch: int) -> QTableWidget:
    """An empty read-only table called ``name``, one row chosen at a time; column ``stretch`` stretches."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    set_up_row_table(table)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return table


def chosen_row(table: QTableWidget, rows: Sequence[Row]) -> Row | None:
    """The item of ``rows`` shown on the table's selected row; None when nothing (or a stale row) is chosen."""
    selected = table.selectionModel().selectedRows()
    if not selected or not 0 <= selected[0].row() < len(rows):
        return None
    return rows[selected[0].row()]
