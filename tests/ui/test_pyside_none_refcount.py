"""Regression guard for PySide6 6.12.0, which loses a reference to None on every role answered None.

With that version a table scrolled for half a minute aborts with "Fatal Python error:
none_dealloc". Pinned below 6.12 in pyproject.toml; this test proves whichever version is installed
sound before the pin may be lifted.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication


class NoneModel(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 10

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return None


def test_reading_roles_answered_with_none_keeps_none_s_refcount(qapp: QApplication) -> None:
    model = NoneModel()
    index = model.index(3, 0)
    before = sys.getrefcount(None)
    for _ in range(100_000):
        index.data(Qt.ItemDataRole.ToolTipRole)
    after = sys.getrefcount(None)
    assert after >= before - 100, f"None lost {before - after} references"
