"""One print preview at a time per widget: asking again brings the open one to the front.

A volunteer who presses Ctrl+P twice, or clicks Print again while the preview hides behind the
window, wants the paper they already have, not a second copy of the same window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog


def front_or_show(
    current: PdfPreviewDialog | None, show: Callable[[], PdfPreviewDialog | None], closed: Callable[[], None]
) -> PdfPreviewDialog | None:
    """Raise ``current`` if there is one; else ``show()`` a new preview and call ``closed`` when it goes.

    Returns the preview now open (None when ``show`` could not make one: it said why already).
    """
    if current is not None:
        current.raise_()
        current.activateWindow()
        return current
    preview = show()
    if preview is not None:
        preview.finished.connect(closed)
    return preview
