"""Starting column widths of a table, in average characters of its font."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView


def size_columns(table: QTableView, widths: dict[int, int], stretch: int, *, padding: int = 16) -> None:
    """Give ``widths`` (in average characters) to their columns and stretch ``stretch``; never
    resizeColumnsToContents, which reads every row of a long list."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    char = table.fontMetrics().averageCharWidth()
    for column, chars in widths.items():
        header.resizeSection(column, chars * char + padding)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
