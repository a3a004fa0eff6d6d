"""What every area of the desk offers the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.services import Services
from app.services.roles import Actor

PageAction = Callable[["Page"], None]
"""Something to do on a page once it is in front, such as going to a day."""


class Page(QWidget):
    """One area in the navigation list.

    Its title and the role that may see it are in ``ui/areas.py``. Subclasses may implement
    ``focus_search`` (Ctrl+F) and ``add_new`` (Ctrl+N).

    Signals:
        area_requested(page_type, action): this page asks the main window to bring another area to
            the front (``type[Page]``) and then run ``action`` on that area's page (a
            ``PageAction`` or None). A page only names the other page: the main window decides
            whether this user may see it. Use ``request_area`` to emit it.
    """

    area_requested = Signal(object, object)

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

    def request_area(self, page_type: type[Page], action: PageAction | None = None) -> None:
        """Ask for ``page_type``'s area to be shown, then ``action`` run on its page."""
        self.area_requested.emit(page_type, action)
