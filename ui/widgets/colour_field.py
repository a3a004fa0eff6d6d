"""A colour typed as ``#rrggbb`` or chosen in Qt's colour dialog, with a swatch that shows it.

Both ways lead to the same text, which is what the service checks and stores; the swatch follows
the text as it is typed, so a mistyped code shows at once (the swatch stays empty).
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import QColorDialog, QFrame, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.i18n import _

_HEX = QRegularExpression(r"#?[0-9A-Fa-f]{0,6}")


def choose_colour(parent: QWidget | None, current: str) -> str | None:
    """Qt's colour dialog starting from ``current``; ``#rrggbb``, or None if the person cancels.

    A module-level function so that tests can answer it without opening the dialog.
    """
    colour = QColorDialog.getColor(QColor(current), parent, _("Colour of the room"))
    return colour.name() if colour.isValid() else None


class ColourField(QWidget):
    """Swatch, ``#rrggbb`` field and a "Choose…" button.

    Signals:
        changed(): the text changed, typed or chosen.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.swatch = QFrame()
        self.swatch.setObjectName("colour_swatch")
        self.swatch.setFrameShape(QFrame.Shape.Box)
        height = self.fontMetrics().height() + 10
        self.swatch.setFixedSize(height * 2, height)
        self.edit = QLineEdit()
        self.edit.setObjectName("colour_code")
        self.edit.setValidator(QRegularExpressionValidator(_HEX, self.edit))
        self.edit.setMaxLength(7)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("#DDDDDD") + 24)
        self.edit.setToolTip(_("The colour as # and six hexadecimal digits, like #4a90d9"))
        self.edit.textChanged.connect(self._text_changed)
        self.button = QPushButton(_("Choo&se…"))
        self.button.setObjectName("choose_colour")
        self.button.setAutoDefault(False)
        self.button.setToolTip(_("Choose the colour from a palette (Alt+S)"))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.swatch)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self._paint_swatch()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def choose(self) -> None:
        chosen = choose_colour(self, self.text() if QColor.isValidColorName(self.text()) else "#4a90d9")
        if chosen is not None:
            self.edit.setText(chosen)
        self.edit.setFocus()

    def _text_changed(self) -> None:
        self._paint_swatch()
        self.changed.emit()

    def _paint_swatch(self) -> None:
        text = self.text()
        valid = len(text) == 7 and QColor.isValidColorName(text)
        colour = text if valid else "transparent"
        self.swatch.setStyleSheet(f"QFrame#colour_swatch {{ background: {colour}; border: 1px solid #555555; }}")
        self.swatch.setToolTip(text if valid else _("Not a colour yet: write # and six digits or letters a-f"))
