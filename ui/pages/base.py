"""What every area of the desk offers the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.services import Services
from app.services.roles import Actor


class Page(QWidget):
    """One area in the navigation list.

    Its title and the role that may see it are in ``ui/areas.py``. Subclasses may implement
    ``focus_search`` (Ctrl+F) and ``add_new`` (Ctrl+N).
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor

    def shown(self) -> None:
        """Called each time the page is brought to the front."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the page's search field."""

    def add_new(self) -> None:
        """Ctrl+N: start adding a new record."""
