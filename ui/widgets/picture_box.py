"""A picture in an editor (a tool's photo, the house's logo): shown scaled, chosen from a file,
removed.

The picture is only held here until the editor saves, so that Cancel leaves the record as it was.
It is checked when chosen (the service's own rules: JPEG or PNG, at most a size) so that saving
never stops half-way at the picture. Subclasses give the texts and the size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import _
from app.pictures import picture_type
from ui import messages


@dataclass(frozen=True)
class PictureTexts:
    """What the box says, already translated (built when the box is)."""

    choose: str
    choose_tip: str
    remove: str
    remove_tip: str
    dialog_title: str
    none: str
    unreadable: str
    wrong_type: str
    too_large: str


class PictureBox(QWidget):
    """The picture, with Choose… and Remove.

    Signals:
        changed(): a picture was chosen or removed (not saved yet).
    """

    changed = Signal()

    def __init__(
        self,
        *,
        texts: PictureTexts,
        size: QSize,
        name: str,
        max_bytes: int,
        buttons_beside: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._texts = texts
        self._size = size
        self._max_bytes = max_bytes
        self._data: bytes | None = None
        self._changed = False
        self.picture = QLabel()
        self.picture.setObjectName(name)
        self.picture.setFixedSize(size)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("border: 1px solid #c8c8c8; color: #555555; background: white;")
        self.picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choose_button = QPushButton(texts.choose)
        self.choose_button.setObjectName(f"choose_{name}")
        self.choose_button.setToolTip(texts.choose_tip)
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(texts.remove)
        self.remove_button.setObjectName(f"remove_{name}")
        if texts.remove_tip:
            self.remove_button.setToolTip(texts.remove_tip)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons: QBoxLayout = QVBoxLayout() if buttons_beside else QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout: QBoxLayout = QHBoxLayout(self) if buttons_beside else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose_button)
        self._show()

    def load(self, data: bytes | None) -> None:
        """Show the stored picture (None: none); nothing to save."""
        self._data = data
        self._changed = False
        self._show()

    def data(self) -> bytes | None:
        return self._data

    def is_changed(self) -> bool:
        return self._changed

    def saved(self) -> None:
        self._changed = False

    def set_editable(self, editable: bool) -> None:
        self.choose_button.setVisible(editable)
        self.remove_button.setVisible(editable)

    def choose(self) -> None:
        path = messages.choose_file_to_open(
            self,
            title=self._texts.dialog_title,
            directory=Path.home(),
            file_filter=_("Pictures (*.jpg *.jpeg *.png)"),
        )
        if path is None:
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            messages.show_error(
                self, _("The file {name} cannot be read: {reason}").format(name=path.name, reason=error.strerror)
            )
            return
        if picture_type(data) is None:
            messages.show_error(self, self._texts.wrong_type)
            return
        if len(data) > self._max_bytes:
            messages.show_error(self, self._texts.too_large)
            return
        self._data = data
        self._changed = True
        self._show()
        self.changed.emit()

    def remove(self) -> None:
        if self._data is None:
            return
        self._data = None
        self._changed = True
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        pixmap = QPixmap()
        if self._data is not None and pixmap.loadFromData(self._data):
            inner = self._size - QSize(8, 8)
            self.picture.setPixmap(
                pixmap.scaled(inner, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self._texts.none if self._data is None else self._texts.unreadable)
        self.remove_button.setEnabled(self._data is not None)
