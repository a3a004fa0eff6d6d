"""A tool's photo in its editor: shown scaled, chosen from a file, removed.

The picture is only held here until the editor saves, so that Cancel leaves the tool as it was.
It is checked when chosen (JPEG or PNG, at most 2 MB, the service's own rules) so that saving a
new tool never stops half-way at its photo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import _
from app.services.tools import MAX_PHOTO_BYTES, photo_type
from ui import messages

PHOTO_SIZE = QSize(240, 200)


class ToolPhotoBox(QWidget):
    """The photo, with Choose photo… and Remove.

    Signals:
        changed(): a photo was chosen or removed (not saved yet).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._changed = False
        self.picture = QLabel()
        self.picture.setObjectName("tool_photo")
        self.picture.setFixedSize(PHOTO_SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("border: 1px solid #c8c8c8; color: #555555;")
        self.picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choose_button = QPushButton(_("C&hoose photo…"))
        self.choose_button.setObjectName("choose_photo")
        self.choose_button.setToolTip(_("A JPEG or PNG picture of at most 2 MB"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(_("Remove photo"))
        self.remove_button.setObjectName("remove_photo")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show()

    def load(self, data: bytes | None) -> None:
        """Show the stored photo (None: no photo); nothing to save."""
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
            title=_("Choose the photo of the tool"),
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
        if photo_type(data) is None:
            messages.show_error(self, _("The photo must be a JPEG or PNG picture."))
            return
        if len(data) > MAX_PHOTO_BYTES:
            messages.show_error(self, _("The photo is too large: choose one of at most 2 MB."))
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
            self.picture.setPixmap(
                pixmap.scaled(
                    PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("No photo") if self._data is None else _("The photo cannot be shown"))
        self.remove_button.setEnabled(self._data is not None)
