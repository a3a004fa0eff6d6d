"""The desk's short lists as tables: whole rows chosen one at a time, never edited in place.

The rooms and users pages show a handful of rows this way; one home keeps their keyboard
behaviour alike (Tab leaves the table for the buttons, arrows move between rows).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def set_up_row_table(table: QTableView) -> None:
    """One row chosen at a time, read only; Tab leaves the table rather than walking its cells."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)


def select_row_or_first(table: QTableView, row: int) -> None:
    """Select ``row`` after a reload; when it is gone (-1), the first row, so Enter has a target."""
    if row < 0 and table.model().rowCount() > 0:
        row = 0
    if row >= 0:
        table.selectRow(row)
