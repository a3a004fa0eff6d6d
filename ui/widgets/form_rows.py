"""Rows the desk's forms build alike: a field with its error line, a grey note, an amount field.

The room editor, the tool form and the closures and drop-in dialogs lay out their fields the same
way; one home keeps their keyboard behaviour (Alt+letter reaches the field) and widths the same.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.i18n import format_money
from ui.widgets.form import FormErrors

HINT_STYLE = "color: #555555;"


def amount_text(cents: int) -> str:
    """An amount as the desk types it, without the euro sign: ``12,50`` in Italian."""
    return format_money(cents).replace("€", "").replace("\u00a0", " ").strip()


def error_row(errors: FormErrors, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
    """A row with its error line under ``widget``; the label's mnemonic (Alt+letter) reaches the field.

    The row holds a box (field and error line): Qt's label gives focus only to a buddy that takes
    it, which a box does not, so the buddy is the field that ``widget`` hands its focus to.
    """
    box = errors.add_row(form, label, widget, field).parentWidget()
    if box is None:
        return
    box.setFocusProxy(widget)
    target = widget
    while (proxy := target.focusProxy()) is not None:
        target = proxy
    if isinstance(buddy := form.labelForField(box), QLabel):
        buddy.setBuddy(target)


def hinted(widget: QWidget, hint: str) -> QWidget:
    """``widget`` with a grey note after it, in one row of the form."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    note = QLabel(hint)
    note.setStyleSheet(HINT_STYLE)
    layout.addWidget(note, 1)
    box.setFocusProxy(widget)
    return box


def money_edit(name: str) -> QLineEdit:
    """A field for an amount in euro, as wide as ``0.000,00``; empty shows ``0,00`` in grey."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(amount_text(0))
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0.000,00") + 40)
    return edit
