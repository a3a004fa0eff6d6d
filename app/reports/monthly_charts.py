"""The charts of the monthly summary: one month beside the same month a year before.

Every chart of the summary answers the same question, "how did this month go against last year's?",
so there is one kind of chart: horizontal bars in pairs, one pair per thing counted (a room, a
service, an age band), this month in the accent colour above last year's in grey, each bar with its
value written at its end. Names read left to right in full at any length on the left, which
vertical bars with turned labels never manage, and the eye compares two bars of one pair at a
glance. Drawn with reportlab's own graphics, so the PDF stays vector and small.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.reports import styles as st
from app.reports.fonts import BODY_FONT, register_fonts, script_runs, visual_order

ACCENT = colors.HexColor("#1f6f8b")
"""This month: one calm blue that prints well in grey too."""
PAST = colors.HexColor("#b8b8b8")
"""The same month last year."""
LABEL_SIZE = 8
VALUE_SIZE = 7
BAR_HEIGHT = 8.0
PAIR_GAP = 8.0
LEGEND_HEIGHT = 16.0
MAX_LABEL_SHARE = 0.34
"""At most this share of a wide chart's width goes to the names on the left."""
NARROW_LABEL_ROOM = 110.0
"""The room for names (some 25 letters) a narrow chart keeps, up to ``MAX_NARROW_SHARE`` of it:
two charts side by side would otherwise cut "Sala Grande – lato cortile" and "– lato strada" alike."""
MAX_NARROW_SHARE = 0.45


@dataclass(frozen=True)
class Pair:
    """One thing counted: its name, its value this month and in the same month last year."""

    label: str
    current: float
    previous: float


def _width(text: str) -> float:
    return sum(float(stringWidth(run, font, LABEL_SIZE)) for font, run in script_runs(text))


def _fitted(text: str, width: float) -> str:
    """``text`` (already in visual order) cut with an ellipsis so that it fits ``width`` points."""
    if _width(text) <= width:
        return text
    while text and _width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _label(drawing: Drawing, text: str, right: float, y: float) -> None:
    """A name ending at ``right``, each run of letters in the shipped font that has them.

    A chart's own labels are one string in one font: a room named in Chinese and Latin letters
    would print half as empty boxes.
    """
    text = _fitted(text, right)
    x = right - _width(text)
    for font, run in script_runs(text):
        drawing.add(String(x, y, run, fontName=font, fontSize=LABEL_SIZE, fillColor=st.INK))
        x += stringWidth(run, font, LABEL_SIZE)


def paired_bars(
    pairs: Sequence[Pair],
    *,
    width: float,
    current_label: str,
    previous_label: str,
    value_text: Callable[[float], str],
    maximum: float | None = None,
) -> Drawing:
    """A drawing ``width`` points wide with one pair of bars per item of ``pairs``, top to bottom.

    Args:
        current_label, previous_label: the legend's names of the two months ("ottobre 2026").
        value_text: how a value is written at the end of its bar (hours, a percentage, a count).
        maximum: the value of a full-length bar (100 for percentages); by default the largest value.
    """
    register_fonts()
    pairs = list(reversed(pairs))  # a bar chart's categories run upwards: the first item goes on top
    labels = [visual_order(pair.label) for pair in pairs]
    widest = max((_width(label) for label in labels), default=0)
    room = min(max(width * MAX_LABEL_SHARE, NARROW_LABEL_ROOM), width * MAX_NARROW_SHARE)
    label_width = min(widest, room) + 6
    values = [value for pair in pairs for value in (pair.current, pair.previous)]
    top = max([maximum or 0.0, *values, 0.0]) or 1.0
    texts = [value_text(value) for value in values]
    value_room = max((stringWidth(text, BODY_FONT, VALUE_SIZE) for text in texts), default=0) + 6
    # A long list (every room of the house) is drawn thinner, so that it stays on its page.
    bar, gap, value_size = (BAR_HEIGHT, PAIR_GAP, VALUE_SIZE) if len(pairs) <= 8 else (5.5, 4.0, 5.5)
    pair_height = 2 * bar + gap
    plot_height = max(len(pairs), 1) * pair_height
    height = plot_height + LEGEND_HEIGHT + 4

    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 2
    chart.width = width - label_width - value_room
    chart.height = plot_height
    # Within a pair the later series is drawn higher: last year first, this month above it.
    chart.data = [[pair.previous for pair in pairs] or [0], [pair.current for pair in pairs] or [0]]
    chart.bars[0].fillColor = PAST
    chart.bars[1].fillColor = ACCENT
    chart.bars.strokeColor = None
    chart.barWidth = bar
    chart.groupSpacing = gap
    chart.barSpacing = 0
    chart.categoryAxis.categoryNames = [""] * max(len(pairs), 1)
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.strokeColor = st.RULE
    chart.categoryAxis.strokeWidth = 0.6
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.visible = 0
    chart.valueAxis.forceZero = 1
    chart.barLabelFormat = lambda value: value_text(value)
    chart.barLabels.fontName = BODY_FONT
    chart.barLabels.fontSize = value_size
    chart.barLabels.fillColor = st.INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.nudge = 0
    chart.barLabels.boxTarget = "hi"
    drawing.add(chart)
    step = plot_height / max(len(pairs), 1)
    for index, label in enumerate(labels):
        _label(drawing, label, label_width - 6, chart.y + (index + 0.5) * step - LABEL_SIZE * 0.35)
    _legend(drawing, width, height, current_label, previous_label)
    return drawing


def _legend(drawing: Drawing, width: float, height: float, current_label: str, previous_label: str) -> None:
    """Two swatches at the top right: which colour is which month."""
    size = LABEL_SIZE
    y = height - size - 2
    x = width
    for colour, text in ((PAST, previous_label), (ACCENT, current_label)):
        text_width = stringWidth(text, BODY_FONT, size)
        x -= text_width
        drawing.add(String(x, y + 1, text, fontName=BODY_FONT, fontSize=size, fillColor=st.MUTED))
        x -= size + 4
        drawing.add(Rect(x, y, size, size, fillColor=colour, strokeColor=None))
        x -= 14
