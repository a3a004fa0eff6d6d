"""The house's logo in the settings (see ui/widgets/picture_box.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.house import MAX_LOGO_BYTES
from ui.widgets.picture_box import PictureBox, PictureTexts

LOGO_SIZE = QSize(220, 110)


class LogoBox(PictureBox):
    """The logo, with Choose logo… and Remove logo beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        texts = PictureTexts(
            choose=_("C&hoose logo…"),
            choose_tip=_("A JPEG or PNG picture of at most 2 MB, printed on the weekly programme (Alt+H)"),
            remove=_("Remove logo"),
            remove_tip=_("The programme is printed without a logo"),
            dialog_title=_("Choose the logo of the house"),
            none=_("No logo"),
            unreadable=_("The logo cannot be shown"),
            wrong_type=_("The logo must be a JPEG or PNG picture."),
            too_large=_("The logo is too large: choose a picture of at most 2 MB."),
        )
        super().__init__(
            texts=texts,
            size=LOGO_SIZE,
            name="logo",
            max_bytes=MAX_LOGO_BYTES,
            buttons_beside=True,
            parent=parent,
        )
