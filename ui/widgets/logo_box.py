"""The house's logo in the settings: shown scaled, chosen from a file, removed.

The picture is only held here until the dialog saves, so that Cancel leaves the logo as it was. It
is checked when chosen (JPEG or PNG, at most 2 MB, the service's own rules), so that saving never
stops half-way at the logo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import _
from app.services.house import MAX_LOGO_BYTES, picture_type
from ui import messages

LOGO_SIZE = QSize(220, 110)


class LogoBox(QWidget):
    """The logo, with Choose logo… and Remove logo.

    Signals:
        changed(): a logo was chosen or removed (not saved yet).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._changed = False
        self.picture = QLabel()
        self.picture.setObjectName("house_logo")
        self.picture.setFixedSize(LOGO_SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("border: 1px solid #c8c8c8; color: #555555; background: white;")
        self.picture.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choose_button = QPushButton(_("C&hoose logo…"))
        self.choose_button.setObjectName("choose_logo")
        self.choose_button.setToolTip(
            _("A JPEG or PNG picture of at most 2 MB, printed on the weekly programme (Alt+H)")
        )
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(_("Remove logo"))
        self.remove_button.setObjectName("remove_logo")
        self.remove_button.setToolTip(_("The programme is printed without a logo"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose_button)
        self._show()

    def load(self, data: bytes | None) -> None:
        """Show the stored logo (None: no logo); nothing to save."""
        self._data = data
        self._changed = False
        self._show()

    def data(self) -> bytes | None:
        return self._data

    def is_changed(self) -> bool:
        return self._changed

    def saved(self) -> None:
        self._changed = False

    def choose(self) -> None:
        path = messages.choose_file_to_open(
            self,
            title=_("Choose the logo of the house"),
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
            messages.show_error(self, _("The logo must be a JPEG or PNG picture."))
            return
        if len(data) > MAX_LOGO_BYTES:
            messages.show_error(self, _("The logo is too large: choose a picture of at most 2 MB."))
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
            inner = LOGO_SIZE - QSize(8, 8)
            self.picture.setPixmap(
                pixmap.scaled(inner, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("No logo") if self._data is None else _("The logo cannot be shown"))
        self.remove_button.setEnabled(self._data is not None)
