"""Folding text for search: case-, accent- and script-friendly.

"nicolo" must find "Nicolò" and "dorđ" must find "Đorđević", while a name typed in Arabic or
Chinese must find itself. NFKD plus dropping combining marks handles most Latin letters (and the
short vowels of Arabic); a few letters have no decomposition (đ, ł, ø, ...) and get an explicit
fallback. Characters of other scripts are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

_NO_DECOMPOSITION = str.maketrans(
    {
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ł": "l",
        "ŀ": "l",
        "ø": "o",
        "œ": "oe",
        "æ": "ae",
        "ŧ": "t",
        "þ": "th",
        "ŋ": "n",
        "ſ": "s",
        "ß": "ss",
    }
)
_SPACES = re.compile(r"\s+")
_NOT_DIGITS = re.compile(r"\D")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text`` for comparisons."""
    # Compatibility forms (𝐀, ﬁ) first, then case, then decompose again what casefold composed.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate(_NO_DECOMPOSITION)
    # Arabic tatweel is decoration, not a letter.
    stripped = stripped.replace("\u0640", "")
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip()


def digits(text: str) -> str:
    """Only the digits of a phone number, so "+39 333 12 34" and "33312" can meet."""
    return _NOT_DIGITS.sub("", text)


def phone_key(text: str) -> str:
    """A phone number reduced to compare two of them: digits, without the Italian prefix."""
    only = digits(text)
    for prefix in ("0039", "39"):
        if only.startswith(prefix) and len(only) - len(prefix) >= 9:
            return only[len(prefix) :]
    return only


def like_pattern(term: str) -> str:
    """A ``LIKE`` pattern that finds ``term`` anywhere, with ``\\`` as the escape character."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_terms(query: str) -> list[str]:
    """The folded words of a query; each must match for a row to be found."""
    return [word for word in fold(query).split(" ") if word]


def capitalised(text: str) -> str:
    """``text`` with a capital first letter, as a cell, a button or a receipt line starts.

    The labels of categories and methods are lower-case msgids because sentences use them too
    ("paid by card"); ``str.capitalize`` would also lower the rest of a name an admin typed.
    """
    return text[:1].upper() + text[1:]
