"""The tabs of an area of the desk (cash desk, tool library): one page, several jobs side by side.

One home keeps such areas alike: the tabs fill the page to its edges, and each tells how the
keyboard moves between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.i18n import _


def area_tabs(page: QWidget, name: str, tabs: Sequence[tuple[QWidget, str]]) -> QTabWidget:
    """A tab widget called ``name`` filling ``page``, with ``tabs`` (widget and title) in order."""
    widget = QTabWidget()
    widget.setObjectName(name)
    for tab, title in tabs:
        widget.setTabToolTip(widget.addTab(tab, title), _("Ctrl+Tab goes to the next tab"))
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    return widget
