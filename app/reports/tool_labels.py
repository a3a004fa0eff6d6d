"""Barcode labels for the tool library: a sheet of labels on A4, or one label for a label printer.

Data in, file out: each ``LabelItem`` (a tool's code and name) becomes one label with, from the
top, the house's name (optional, small), the tool's name (any alphabet, at most two lines, cut with
an ellipsis), the code as Code 128 bars drawn by reportlab's own barcode module, and the code in
clear text under the bars, for when the scanner fails.

The bars fill the width inside the label's padding, with quiet zones of at least ten modules on
either side. The module (the narrowest bar) is a whole number of dots of a 300 dpi printer, between
3 and 6 dots (0.25 to 0.51 mm): thinner bars smudge on a cheap laser, and bars wider than that make
a short code too long for a hand scanner's beam. The bars take the height the text leaves, at most
15 mm; every label of a sheet has the same height of bars whatever its name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.errors import Problem, ValidationError
from app.i18n import _, current_language
from app.reports import styles as st
from app.reports.fonts import BODY_FONT, BOLD_FONT, register_fonts, script_runs, visual_order
from app.reports.label_layouts import LabelLayout

DOT: float = inch / 300
"""One dot of a 300 dpi printer (label printers and most lasers), in points."""
MIN_MODULE_DOTS = 3
MAX_MODULE_DOTS = 6
QUIET_MODULES = 10
MAX_BAR_HEIGHT: float = 15 * mm
ELLIPSIS = "…"

HOUSE_SIZE = 6.0
NAME_SIZE = 8.5
NAME_LEADING = 10.0
CODE_SIZE = 9.0
_GAP_ABOVE_BARS = 2.0
_GAP_BELOW_BARS = 3.0
_ASCENT = 0.76
_DESCENT = 0.24
"""DejaVu Sans's ascent and descent, in ems: where a line's baseline sits in its box."""
_PRINTABLE_CODE = re.compile(r"[\x20-\x7e]+")
_GUIDE = colors.HexColor("#c8c8c8")


@dataclass(frozen=True)
class LabelItem:
    """What one label prints: the tool's code (the bars and the clear text) and its name."""

    code: str
    name: str


def write_label_sheet(
    items: Sequence[LabelItem],
    layout: LabelLayout,
    path: Path,
    *,
    start_at: int = 0,
    house_name: str = "",
    guides: bool = False,
) -> Path:
    """Write one label per item on as many pages of ``layout`` as needed, and return ``path``.

    Args:
        start_at: how many labels of the first page are already used (peeled off a partly used
            sheet): the first item goes on label ``start_at``, counted row by row from the top
            left. The next pages start from their first label.
        house_name: printed small at the top of every label; empty for none.
        guides: draw a thin grey outline of every label of the grid, for a test print on plain
            paper held against a sheet of labels.

    Raises:
        ValidationError: no item, a ``start_at`` off the page, or a code that cannot be printed
            as a barcode or is too long for the label; nothing is written.
    """
    if not items:
        raise ValidationError(_("Choose at least one tool to print its label."))
    if not 0 <= start_at < layout.per_page:
        raise ValidationError(
            _("The first free label must be between 1 and {count}: a page has {count} labels.").format(
                count=layout.per_page
            ),
            field="start_at",
        )
    labels = _prepared(items, layout)
    pages: list[list[tuple[int, _Label]]] = []
    for position, label in enumerate(labels, start=start_at):
        page, slot = divmod(position, layout.per_page)
        if page == len(pages):
            pages.append([])
        pages[page].append((slot, label))
    size = (layout.page_width * mm, layout.page_height * mm)
    return _write(
        path, size, house_name, _("Tool labels"), [_sheet_painter(page, layout, house_name, guides) for page in pages]
    )


def write_single_label(item: LabelItem, layout: LabelLayout, path: Path, *, house_name: str = "") -> Path:
    """Write one label on a page exactly its size (what a label printer takes), and return ``path``.

    The label is as big as one label of ``layout``; the rest of the layout (its page, its grid)
    does not matter here.

    Raises:
        ValidationError: the code cannot be printed as a barcode or is too long for the label.
    """
    (label,) = _prepared([item], layout)
    size = (layout.label_width * mm, layout.label_height * mm)

    def paint(canvas: Any) -> None:
        _draw_label(canvas, label, 0.0, 0.0, layout, house_name)

    title = _("Label of {code}").format(code=item.code)
    return _write(path, size, house_name, title, [paint])


@dataclass(frozen=True)
class _Label:
    code: str
    name: str
    modules: int
    """How many modules wide the bars are, without the quiet zones."""


def _prepared(items: Sequence[LabelItem], layout: LabelLayout) -> list[_Label]:
    """The items checked and measured, so that every problem is told before anything is written."""
    problems: list[Problem] = []
    labels: list[_Label] = []
    inner_width = _inner_width(layout)
    for item in items:
        code = item.code.strip()
        if not code:
            problems.append(Problem("code", _("A tool without a code cannot have a label: give it a code first.")))
            continue
        if not _PRINTABLE_CODE.fullmatch(code):
            problems.append(
                Problem(
                    "code",
                    _(
                        "The code {code} cannot be printed as a barcode: use only letters without accents, "
                        "digits and signs such as - and /."
                    ).format(code=code),
                )
            )
            continue
        modules = _modules(code)
        if _module_width(modules, inner_width) < MIN_MODULE_DOTS * DOT:
            problems.append(
                Problem(
                    "code",
                    _("The code {code} is too long for these labels: shorten the code or choose wider labels.").format(
                        code=code
                    ),
                )
            )
            continue
        labels.append(_Label(code=code, name=" ".join(item.name.split()), modules=modules))
    if problems:
        raise ValidationError(problems)
    return labels


def _modules(code: str) -> int:
    """The width of the code's bars in modules: each symbol is 11, the stop 13."""
    return round(float(Code128(code, barWidth=1, quiet=0, humanReadable=0).width))


def _module_width(modules: int, width: float) -> float:
    """The widest whole number of printer dots (at most the maximum) that fits bars and quiet zones in ``width``."""
    dots = math.floor(width / (modules + 2 * QUIET_MODULES) / DOT + 1e-9)
    return min(dots, MAX_MODULE_DOTS) * DOT


def _inner_width(layout: LabelLayout) -> float:
    return float((layout.label_width - 2 * layout.padding) * mm)


def _write(
    path: Path, size: tuple[float, float], house_name: str, title: str, pages: list[Callable[[Any], None]]
) -> Path:
    """Paint the pages into a PDF that appears whole at ``path`` or not at all."""
    register_fonts()
    partial = path.with_name(path.name + ".partial")
    canvas = Canvas(str(partial), pagesize=size, lang=current_language(), initialFontName=BODY_FONT)
    canvas.setTitle(title)
    canvas.setAuthor(house_name)
    canvas.setCreator("Portineria")
    try:
        for paint in pages:
            paint(canvas)
            canvas.showPage()
        canvas.save()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _sheet_painter(
    page: list[tuple[int, _Label]], layout: LabelLayout, house_name: str, guides: bool
) -> Callable[[Any], None]:
    def paint(canvas: Any) -> None:
        if guides:
            _draw_guides(canvas, layout)
        for slot, label in page:
            left, top = layout.slot(slot)
            bottom = layout.page_height - top - layout.label_height
            _draw_label(canvas, label, left * mm, bottom * mm, layout, house_name)

    return paint


def _draw_guides(canvas: Any, layout: LabelLayout) -> None:
    canvas.saveState()
    canvas.setStrokeColor(_GUIDE)
    canvas.setLineWidth(0.3)
    for slot in range(layout.per_page):
        left, top = layout.slot(slot)
        bottom = layout.page_height - top - layout.label_height
        canvas.roundRect(left * mm, bottom * mm, layout.label_width * mm, layout.label_height * mm, 2 * mm)
    canvas.restoreState()


def _draw_label(canvas: Any, label: _Label, x: float, y: float, layout: LabelLayout, house_name: str) -> None:
    """Draw ``label`` in the label whose bottom left corner is at (``x``, ``y``) points.

    The block (house, name, bars, code) is centred in the space inside the padding; its parts
    are centred across.
    """
    padding = layout.padding * mm
    width = _inner_width(layout)
    height = (layout.label_height - 2 * layout.padding) * mm
    house = " ".join(house_name.split())
    house_height = HOUSE_SIZE * 1.25 if house else 0.0
    text_height = house_height + 2 * NAME_LEADING + _GAP_ABOVE_BARS + _GAP_BELOW_BARS + CODE_SIZE
    bar_height = min(MAX_BAR_HEIGHT, height - text_height)
    top = y + padding + (height + text_height + bar_height) / 2
    centre = x + padding + width / 2
    canvas.saveState()
    canvas.setFillColor(st.INK)
    if house:
        (line,) = fit_lines(house, BODY_FONT, HOUSE_SIZE, width, max_lines=1)
        canvas.setFillColor(st.MUTED)
        _draw_centred(canvas, line, BODY_FONT, HOUSE_SIZE, centre, top - _ASCENT * HOUSE_SIZE)
        canvas.setFillColor(st.INK)
        top -= house_height
    lines = fit_lines(label.name, BOLD_FONT, NAME_SIZE, width, max_lines=2)
    first = top - (2 - len(lines)) * NAME_LEADING / 2 - (NAME_LEADING - NAME_SIZE) / 2 - _ASCENT * NAME_SIZE
    for index, line in enumerate(lines):
        _draw_centred(canvas, line, BOLD_FONT, NAME_SIZE, centre, first - index * NAME_LEADING)
    top -= 2 * NAME_LEADING + _GAP_ABOVE_BARS
    module = _module_width(label.modules, width)
    quiet = (width - label.modules * module) / 2
    bars = Code128(
        label.code, barWidth=module, barHeight=bar_height, quiet=1, lquiet=quiet, rquiet=quiet, humanReadable=0
    )
    bars.drawOn(canvas, x + padding, top - bar_height)
    top -= bar_height + _GAP_BELOW_BARS
    code_size = min(CODE_SIZE, CODE_SIZE * width / max(stringWidth(label.code, BODY_FONT, CODE_SIZE), 1.0))
    _draw_centred(canvas, label.code, BODY_FONT, code_size, centre, top - _ASCENT * code_size)
    canvas.restoreState()


def _draw_centred(canvas: Any, line: str, font: str, size: float, centre: float, baseline: float) -> None:
    """Draw one logical line centred on ``centre``, each alphabet in a font that has it."""
    x = centre - line_width(line, font, size) / 2
    for run_font, run in script_runs(visual_order(line)):
        face = run_font if run_font != BODY_FONT else font
        canvas.setFont(face, size)
        canvas.drawString(x, baseline, run)
        x += stringWidth(run, face, size)


def line_width(line: str, font: str, size: float) -> float:
    """How wide ``line`` prints in ``font`` (body or bold), its other alphabets in their own font."""
    return sum(
        float(stringWidth(run, run_font if run_font != BODY_FONT else font, size))
        for run_font, run in script_runs(visual_order(line))
    )


def fit_lines(text: str, font: str, size: float, width: float, *, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines no wider than ``width``; the last cut with "…" if needed.

    Lines break between words; a word wider than a line (a long word, or Chinese, which has no
    spaces) breaks between its letters. An empty text gives no line.
    """

    def fits(line: str) -> bool:
        return line_width(line, font, size) <= width

    lines: list[str] = []
    for word in _pieces(text.split(), fits):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fits(candidate):
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines
    kept = lines[: max_lines - 1]
    rest = " ".join(lines[max_lines - 1 :])
    while rest and not fits(rest + ELLIPSIS):
        rest = rest[:-1].rstrip()
    return [*kept, rest + ELLIPSIS]


def _pieces(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """The words, each too wide for a line split into the longest runs of letters that fit."""
    pieces: list[str] = []
    for word in words:
        while word and not fits(word):
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            pieces.append(word[:cut])
            word = word[cut:]
        if word:
            pieces.append(word)
    return pieces
