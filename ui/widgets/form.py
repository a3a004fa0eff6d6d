"""Forms with inline validation messages under each field."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import ValidationError

ERROR_STYLE = "color: #b00020;"


class FormErrors:
    """Red messages under the fields of a form, filled from a ``ValidationError``.

    Problems whose field has no label here (or none at all) go to the general label at the
    top of the form, so that no message is ever lost.
    """

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._labels: dict[str, QLabel] = {}
        general.setStyleSheet(ERROR_STYLE)
        general.setWordWrap(True)
        general.hide()

    def add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> QLabel:
        """Add ``widget`` with its label and an (empty, hidden) error line under it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        layout.addWidget(error)
        form.addRow(label, box)
        self._labels[field] = error
        return error

    def clear(self) -> None:
        for label in (*self._labels.values(), self._general):
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> QWidget | None:
        """Show every problem; return the first field's error label (to scroll or focus near it)."""
        self.clear()
        general: list[str] = []
        first: QWidget | None = None
        for problem in error.problems:
            label = self._labels.get(problem.field or "")
            if label is None:
                general.append(problem.message)
                continue
            label.setText("\n".join(filter(None, [label.text(), problem.message])))
            label.show()
            first = first or label
        if general:
            self._general.setText("\n".join(general))
            self._general.show()
        return first

    def message_for(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None else ""

    def general_message(self) -> str:
        return self._general.text()
