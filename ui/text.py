"""Small helpers for how text is shown in the widgets."""

from __future__ import annotations


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, as a cell or a button starts.

    The labels of categories and methods are lowercase msgids because sentences use them too
    ("paid by card"); ``str.capitalize`` would also lower the rest of a name an admin typed.
    """
    return text[:1].upper() + text[1:]
