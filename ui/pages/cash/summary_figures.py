"""The figures of a day as the summary shows them: money by method, by category, the difference.

Plain labels in a grid, rebuilt at each refresh: a day has a handful of lines, so a table view
and its model would only add weight.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from app.i18n import _, format_money
from app.services.cash_closing import CashFigures
from app.services.cash_rules import Direction
from app.text import capitalised


def figures_grid(figures: CashFigures) -> QWidget:
    """The money by method, then by category: a small table of labels, rebuilt at each refresh."""
    widget = QWidget()
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(24)
    bold = QFont(widget.font())
    bold.setBold(True)

    def add(row: int, texts: list[str], *, heading: bool = False) -> None:
        for column, text in enumerate(texts):
            label = QLabel(text)
            if heading:
                label.setFont(bold)
            if column > 0:
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, column)

    add(0, [_("Method"), _("Money in"), _("Money out")], heading=True)
    row = 1
    for total in figures.by_method:
        add(row, [capitalised(total.method.label), format_money(total.in_cents), format_money(total.out_cents)])
        row += 1
    add(row, [_("Total"), format_money(figures.total(Direction.IN)), format_money(figures.total(Direction.OUT))])
    row += 1
    grid.addWidget(QLabel(" "), row, 0)
    row += 1
    add(row, [_("Category"), _("Payments"), _("Amount")], heading=True)
    row += 1
    for category in figures.by_category:
        name = capitalised(category.category)
        amount = category.amount_cents
        if category.direction is Direction.OUT:
            name = _("{category} (money out)").format(category=name)
            amount = -amount
        add(row, [name, str(category.count), format_money(amount)])
        row += 1
    if not figures.by_category:
        grid.addWidget(QLabel(_("No payment on this day.")), row, 0, 1, 3)
    grid.setColumnStretch(0, 1)
    return widget
