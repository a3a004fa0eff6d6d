"""A tool's photo in its editor (see ui/widgets/picture_box.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.services.tools import MAX_PHOTO_BYTES
from ui.widgets.picture_box import PictureBox, PictureTexts

PHOTO_SIZE = QSize(240, 200)


class ToolPhotoBox(PictureBox):
    """The photo above Choose photo… and Remove photo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        texts = PictureTexts(
            choose=_("C&hoose photo…"),
            choose_tip=_("A JPEG or PNG picture of at most 2 MB"),
            remove=_("Remove photo"),
            remove_tip="",
            dialog_title=_("Choose the photo of the tool"),
            none=_("No photo"),
            unreadable=_("The photo cannot be shown"),
            wrong_type=_("The photo must be a JPEG or PNG picture."),
            too_large=_("The photo is too large: choose one of at most 2 MB."),
        )
        super().__init__(
            texts=texts,
            size=PHOTO_SIZE,
            name="photo",
            max_bytes=MAX_PHOTO_BYTES,
            buttons_beside=False,
            parent=parent,
        )
