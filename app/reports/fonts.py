"""The shipped fonts, and text that mixes scripts made printable.

reportlab prints a text in one font at a time and has no fallback: a glyph the font lacks prints as
an empty box. Portineria ships DejaVu Sans (Latin with every European accent, Cyrillic, Greek,
Arabic, the euro sign) and Droid Sans Fallback (Chinese, Japanese, Korean), and ``markup`` turns
any text into paragraph markup whose runs each name the font that has their glyphs.

reportlab does not shape Arabic nor reorder right-to-left text without ``rlbidi``, which is not on
PyPI, so ``visual_order`` does both with arabic-reshaper (the joined letter forms) and python-bidi
(the Unicode bidirectional algorithm). A right-to-left run is reordered as one line: a name or a
short description that wraps over two lines would read its lines in the wrong order, which the
receipts, with their short names, never meet.

Fonts are registered with reportlab once, on first use, and the large CJK font only when a text
needs it.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any, Literal
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import resources_dir

BODY_FONT = "PortineriaSans"
BOLD_FONT = "PortineriaSans-Bold"
CJK_FONT = "PortineriaCJK"

_FILES = {
    BODY_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    CJK_FONT: "DroidSansFallbackFull.ttf",
}
_RTL_CLASSES = frozenset({"R", "AL"})

_lock = threading.RLock()
_registered: dict[str, TTFont] = {}
_families: set[str] = set()


def _register(name: str) -> TTFont:
    with _lock:
        font = _registered.get(name)
        if font is None:
            font = TTFont(name, str(resources_dir() / "fonts" / _FILES[name]))
            pdfmetrics.registerFont(font)
            _registered[name] = font
        return font


def register_fonts() -> None:
    """Make the body and bold fonts known to reportlab (once; cheap afterwards).

    ``<b>`` in a paragraph of the body font switches to the bold font.
    """
    if BODY_FONT in _families:
        return
    with _lock:
        _register(BODY_FONT)
        _register(BOLD_FONT)
        for family in (BODY_FONT, BOLD_FONT):
            for italic in (0, 1):
                addMapping(family, 0, italic, BODY_FONT)
                addMapping(family, 1, italic, BOLD_FONT)
        _families.update((BODY_FONT, BOLD_FONT))


def _register_cjk() -> TTFont:
    """The CJK font (4 MB, so only when a text needs it); it has no bold, so its bold is itself."""
    if CJK_FONT not in _families:
        with _lock:
            _register(CJK_FONT)
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(CJK_FONT, bold, italic, CJK_FONT)
            _families.add(CJK_FONT)
    return _registered[CJK_FONT]


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def visual_order(text: str) -> str:
    """``text`` as it must be laid out left to right: Arabic letters joined, right-to-left runs reversed.

    A text with no right-to-left letter comes back unchanged.
    """
    if not has_right_to_left(text):
        return text
    return str(get_display(arabic_reshaper.reshape(text), base_dir="L"))


def script_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(font name, run)`` pairs, each run printable in its font.

    Characters DejaVu has go to the body font, the others to the CJK font when it has them (or to
    the body font, which prints its empty box). Spaces stay in the run they fall in.
    """
    register_fonts()
    body = _registered[BODY_FONT].face.charToGlyph
    runs: list[tuple[str, str]] = []
    current = BODY_FONT
    start = 0
    for index, char in enumerate(text):
        code = ord(char)
        if char.isspace():
            font = current
        elif code in body:
            font = BODY_FONT
        else:
            font = CJK_FONT if code in _register_cjk().face.charToGlyph else BODY_FONT
        if font != current:
            if index > start:
                runs.append((current, text[start:index]))
            current, start = font, index
    if len(text) > start:
        runs.append((current, text[start:]))
    return runs


def markup(text: str) -> str:
    """Paragraph markup that prints ``text`` (any script, any characters) with the right fonts.

    The result is escaped: ``<``, ``>`` and ``&`` in ``text`` print as themselves. The body runs
    take the paragraph's own font (body or bold); the others are wrapped in ``<font name=...>``.
    """
    parts = []
    for font, run in script_runs(visual_order(text)):
        escaped = escape(run)
        parts.append(escaped if font == BODY_FONT else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def line_width(line: str, font: str, size: float) -> float:
    """How wide ``line`` prints in ``font`` (body or bold), its other alphabets in their own font."""
    return sum(
        float(stringWidth(run, run_font if run_font != BODY_FONT else font, size))
        for run_font, run in script_runs(visual_order(line))
    )


def draw_line(
    canvas: Any,
    line: str,
    font: str,
    size: float,
    x: float,
    baseline: float,
    *,
    align: Literal["left", "right", "centre"] = "left",
) -> None:
    """Draw one line on ``canvas`` from, up to or centred on ``x``, each alphabet in a font that has it.

    A canvas's own ``drawString`` prints one font: a house named in Chinese would print as boxes,
    and Arabic unjoined and backwards.
    """
    if align != "left":
        x -= line_width(line, font, size) / (2 if align == "centre" else 1)
    for run_font, run in script_runs(visual_order(line)):
        face = run_font if run_font != BODY_FONT else font
        canvas.setFont(face, size)
        canvas.drawString(x, baseline, run)
        x += stringWidth(run, face, size)
