"""Fitting a week onto the programme poster: the days' widths and the size of the type.

Each day is a column; each activity a block (time, title, room and association) at a ``scale``
of the type (1: titles of ``TITLE_POINTS`` on A4; every size grows by ``sheet``, √2, on A3).
The layout looks for the largest scale at which the week fits the page:
- a day with nothing on it narrows to the width of its name, leaving the rest to the busy days;
- a block's words must fit its width whole (a title is never cut in the middle of a word) while
  the type is at least ``WORDS_WHOLE_DOWN_TO``; below that a word too long is split;
- every day's blocks, in time order, must stand within the height of the page; a day far busier
  than the others may get a second (or a further) lane, its blocks reading down the first lane
  and then the next, when that lets the whole week be printed larger.
Heights come from reportlab measuring each paragraph at its width, so what is drawn is what was
measured: nothing overflows, nothing is clipped. Quiet weeks print larger than 1, up to
``LARGEST_SCALE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations, pairwise

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.reports import styles as st
from app.reports.fonts import BODY_FONT, BOLD_FONT, markup, script_runs, visual_order

TITLE_POINTS = 18.0
"""An activity's title on A4 at scale 1; the poster keeps it at 14 pt or more when the week allows."""
LARGEST_SCALE = 1.5
SMALLEST_SCALE = 0.001
"""The search for a fitting scale gives up here: a day of tens of thousands of activities."""
WORDS_WHOLE_DOWN_TO = 0.5
MAX_EXTRA_LANES = 6

BAND = colors.HexColor("#16324f")  # the days' bands and the times: dark blue, white text on it
BLOCK = colors.HexColor("#eef1f5")  # an activity's block: a very light grey-blue behind black text
DETAIL = colors.HexColor("#333333")
_NO_SPLIT_BELOW = 0x0590  # letters from Hebrew on (Arabic, CJK, ...) are not measured as words


@cache
def style(name: str, points: float, bold: bool = False, colour: str = "", centre: bool = False) -> ParagraphStyle:
    """A style of the poster; ``points`` already multiplied by the sheet and the scale."""
    return ParagraphStyle(
        f"poster-{name}-{points:.3f}",
        fontName=BOLD_FONT if bold else BODY_FONT,
        fontSize=points,
        leading=points * 1.18,
        textColor=colors.HexColor(colour) if colour else st.INK,
        alignment=TA_CENTER if centre else 0,
    )


@dataclass(frozen=True)
class BlockText:
    """What one activity's block says: time, title, where and who (any may be empty)."""

    time: str
    title: str
    details: str


@dataclass(frozen=True)
class Part:
    """A line or paragraph of a block, measured: made into a reportlab paragraph only to draw."""

    text: str
    style: ParagraphStyle
    width: float
    height: float

    def paragraph(self) -> Paragraph:
        paragraph = Paragraph(_markup(self.text), self.style)
        paragraph.wrap(self.width, 1_000_000)
        return paragraph


@dataclass(frozen=True)
class Block:
    """One activity measured at a width and scale: its parts with their heights."""

    parts: tuple[Part, ...]
    padding: float
    spacing: float
    height: float
    words_fit: bool


@dataclass(frozen=True)
class DayLayout:
    width: float
    lanes: tuple[tuple[Block, ...], ...]
    """Empty for a day with nothing on it."""
    lane_width: float


@dataclass(frozen=True)
class Layout:
    scale: float
    days: tuple[DayLayout, ...]
    lane_gap: float
    block_gap: float
    lanes: tuple[int, ...]
    """The lanes each day was given (0: an empty day), to lay the page out again at another scale."""


@cache
def _markup(text: str) -> str:
    return markup(text)


@cache
def _line_width(text: str, font: str) -> float:
    """The width of ``text`` on one line at 1 pt, each script in the font ``markup`` gives it."""
    runs = script_runs(visual_order(text))
    return float(sum(stringWidth(run, font if run_font == BODY_FONT else run_font, 1) for run_font, run in runs))


def measure(text: str, paragraph_style: ParagraphStyle, width: float) -> Part:
    """``text`` measured at ``width``: a text that fits on one line is one leading high (as
    reportlab lays it out); only a longer one is wrapped by reportlab to be measured."""
    if _line_width(text, paragraph_style.fontName) * paragraph_style.fontSize <= width * 0.995:
        return Part(text, paragraph_style, width, paragraph_style.leading)
    paragraph = Paragraph(_markup(text), paragraph_style)
    return Part(text, paragraph_style, width, paragraph.wrap(width, 1_000_000)[1])


@cache
def _widest_word(text: str, font: str) -> float:
    """The width of the widest word of ``text`` at 1 pt (widths grow with the size)."""
    words = [word for word in text.split() if all(ord(char) < _NO_SPLIT_BELOW for char in word)]
    return max((stringWidth(word, font, 1) for word in words), default=0.0)


class PosterLayout:
    """Measures the blocks of ``texts`` (per day, per activity) in a body ``width`` x ``room``.

    Args:
        texts: each day's blocks, in time order.
        narrow_widths: the width of each day when it has nothing on it.
        sheet: 1 on A4, √2 on A3.
    """

    def __init__(
        self,
        texts: Sequence[Sequence[BlockText]],
        narrow_widths: Sequence[float],
        *,
        sheet: float,
        width: float,
        room: float,
        gap: float,
    ) -> None:
        self.texts = texts
        self.narrow_widths = narrow_widths
        self.sheet = sheet
        self.width = width
        self.room = room
        self.gap = gap
        self.lane_gap = 1.5 * mm * sheet
        one_lane_each = self.widths([1 if day else 0 for day in texts])
        self.least = [min(narrow, width) for narrow, (width, _l) in zip(narrow_widths, one_lane_each, strict=True)]
        """How narrow each day may get: the width of its name, or of one lane each if less."""

    # -- blocks ------------------------------------------------------------------------------------

    def block(self, text: BlockText, width: float, scale: float) -> Block:
        size = self.sheet * scale
        padding = 2 * mm * size
        inner = width - padding - 1.2 * mm * size - padding  # the bar on the left is inside the block
        styles = (
            (text.time, style("time", 12.5 * size, True, "#16324f")),
            (text.title, style("activity", TITLE_POINTS * size, True)),
            (text.details, style("detail", 11.5 * size, False, "#333333")),
        )
        parts = []
        words_fit = True
        for words, paragraph_style in styles:
            if words:
                parts.append(measure(words, paragraph_style, inner))
                widest = _widest_word(words, paragraph_style.fontName) * paragraph_style.fontSize
                words_fit = words_fit and widest <= inner
        spacing = 0.7 * mm * size
        height = 2 * padding + sum(part.height for part in parts) + spacing * (len(parts) - 1)
        return Block(tuple(parts), padding, spacing, height, words_fit)

    def block_gap(self, scale: float) -> float:
        return float(2 * mm * self.sheet * scale)

    # -- widths ------------------------------------------------------------------------------------

    def widths(self, lanes: Sequence[int]) -> list[tuple[float, float]]:
        """Each day's width and lane width, for ``lanes`` per day (0: an empty day, narrow)."""
        usable = self.width - self.gap * (len(lanes) - 1)
        if not any(lanes):
            return [(usable / len(lanes), usable / len(lanes))] * len(lanes)
        narrow = sum(width for width, count in zip(self.narrow_widths, lanes, strict=True) if not count)
        lane_gaps = self.lane_gap * sum(max(count - 1, 0) for count in lanes)
        lane = (usable - narrow - lane_gaps) / sum(lanes)
        return [
            (lane * count + self.lane_gap * (count - 1), lane) if count else (width, width)
            for width, count in zip(self.narrow_widths, lanes, strict=True)
        ]

    # -- fitting -----------------------------------------------------------------------------------

    def pack(self, texts: Sequence[BlockText], lanes: int, lane_width: float, scale: float) -> list[list[Block]] | None:
        """The day's blocks poured into at most ``lanes`` lanes of the page's height, or None."""
        poured: list[list[Block]] = [[]]
        height = 0.0
        gap = self.block_gap(scale)
        for text in texts:
            block = self.block(text, lane_width, scale)
            if not block.words_fit and scale > WORDS_WHOLE_DOWN_TO:
                return None
            needed = block.height + (gap if poured[-1] else 0.0)
            if height + needed > self.room and poured[-1]:
                if len(poured) == lanes:
                    return None
                poured.append([])
                height, needed = 0.0, block.height
            if needed > self.room:
                return None
            poured[-1].append(block)
            height += needed
        return poured

    def fit(self, lanes: Sequence[int], scale: float) -> Layout | None:
        """The layout with ``lanes`` at ``scale``, or None if a day does not fit."""
        widths = self.widths(lanes)
        if any(count and width < least for count, (width, _l), least in zip(lanes, widths, self.least, strict=True)):
            return None  # a day narrower than its name, or than with a lane each: others took too many lanes
        poured: dict[int, list[list[Block]]] = {}
        for index in sorted(range(len(lanes)), key=lambda day: -len(self.texts[day])):  # the fullest fail first
            if lanes[index]:
                found = self.pack(self.texts[index], lanes[index], widths[index][1], scale)
                if found is None:
                    return None
                poured[index] = found
        days = tuple(
            DayLayout(width, tuple(tuple(lane) for lane in poured.get(index, [])), lane_width)
            for index, (width, lane_width) in enumerate(widths)
        )
        return Layout(scale, days, self.lane_gap, self.block_gap(scale), tuple(lanes))

    def largest(self, lanes: Sequence[int], above: Layout | None = None) -> Layout | None:
        """The layout at the largest scale that fits with ``lanes`` (to within 2 %); with
        ``above``, only one larger than it, else None."""
        found = self.fit(lanes, LARGEST_SCALE)
        if found is not None:
            return found
        if above is not None:
            low = above.scale
            found = self.fit(lanes, low * 1.03)
            if found is None:
                return None
            low *= 1.03
        else:
            low = LARGEST_SCALE / 2
            found = self.fit(lanes, low)
            while found is None and low > SMALLEST_SCALE:
                low /= 2
                found = self.fit(lanes, low)
            if found is None:
                raise ValueError(f"the week does not fit the poster even at scale {low:g}")
        high = min(low * 2, LARGEST_SCALE)
        while high > low * 1.02:
            middle = (low + high) / 2
            trial = self.fit(lanes, middle)
            if trial is not None:
                low, found = middle, trial
            else:
                high = middle
        return found

    def layout(self) -> Layout:
        """The best layout: one lane per busy day, more for the days that hold the week back."""
        lanes = [1 if texts else 0 for texts in self.texts]
        best = self.largest(lanes)
        assert best is not None  # without ``above`` there is always one
        for _round in range(MAX_EXTRA_LANES):
            bigger = best.scale * 1.1
            widths = self.widths(lanes)
            crowded = [
                index
                for index, texts in enumerate(self.texts)
                if 0 < lanes[index] < len(texts) and self.pack(texts, lanes[index], widths[index][1], bigger) is None
            ]
            if not crowded:
                break
            trial_lanes = [count + (index in crowded) for index, count in enumerate(lanes)]
            trial = self.largest(trial_lanes, above=best)
            if trial is None:
                break
            lanes, best = trial_lanes, trial
        return best


def split_days(weights: Sequence[float], pages: int) -> list[range] | None:
    """The days cut into ``pages`` runs of whole days, or None when there are too few busy days.

    ``weights`` is how much each day has to print (0: nothing, the day stays narrow beside the
    others): the run with the most is as light as it can be, then the runs of days as even as they
    can be. A run of empty days only would be a page saying "nothing": an empty day goes with its
    neighbours instead.
    """
    best: tuple[tuple[float, int], list[range]] | None = None
    for cuts in combinations(range(1, len(weights)), pages - 1):
        runs = [range(start, end) for start, end in pairwise((0, *cuts, len(weights)))]
        loads = [sum(weights[day] for day in run) for run in runs]
        if not all(loads):
            continue
        key = (max(loads), max(len(run) for run in runs))
        if best is None or key < best[0]:
            best = key, runs
    return None if best is None else best[1]


def weight(texts: Sequence[BlockText]) -> float:
    """How much a day has to print, for ``split_days``: the page a block takes grows with its words,
    plus a little for its frame."""
    return float(sum(len(text.title) + len(text.details) / 2 + len(text.time) / 2 + 10 for text in texts))
