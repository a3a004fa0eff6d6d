"""Painting the calendar view: a grid of hours and columns, the booking boxes, the cursor.

The view measures everything once per paint into a ``Scene`` (positions already scrolled, only the
bookings in sight); the functions here only draw it. Painting costs one box per booking in sight
and a few lines per column, whatever the size of the house's history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen

from app.i18n import _, current_language, format_date, format_time
from app.services.bookings import BookingRow
from ui.widgets.calendar_colours import BookingKind, ColourScheme, booking_colour, kind_of, paint_box, text_colour
from ui.widgets.calendar_layout import Column, Placed, ViewMode


@dataclass(frozen=True)
class Fonts:
    """The view's fonts and their metrics, measured once per font change rather than per box."""

    regular: QFont
    bold: QFont
    metrics: QFontMetrics
    bold_metrics: QFontMetrics

    @classmethod
    def of(cls, font: QFont) -> Fonts:
        bold = QFont(font)
        bold.setBold(True)
        return cls(QFont(font), bold, QFontMetrics(font), QFontMetrics(bold))


@lru_cache(maxsize=512)
def _clock(moment: time, language: str) -> str:
    """A time of day as the language writes it; cached, because Babel takes longer than painting a box."""
    return format_time(moment)


def clock(moment: time) -> str:
    return _clock(moment, current_language())


def times_of(row: BookingRow) -> str:
    """``10:00–12:00``."""
    return f"{clock(row.start.time())}–{clock(row.end.time())}"


def two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` on one line if it fits, else broken between words on two, the second elided."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return first + "\n" + metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True)
class Scene:
    """What one paint of the view draws, in viewport coordinates, already scrolled.

    ``top`` is the height of the first hour's line; ``boxes`` are the bookings in sight with their
    rectangles; ``cursor`` is the keyboard cursor's rectangle (a cell, a stretched span with its
    ``cursor_label``, or around the focused booking when ``cursor_on_booking``); ``drag`` is the
    span being dragged and its label.
    """

    width: float
    height: float
    header: float
    time_width: float
    hour_height: float
    top: float
    first_hour: int
    last_hour: int
    column_width: float
    column_xs: Sequence[float]
    columns: Sequence[Column]
    mode: ViewMode
    today: date | None
    scheme: ColourScheme
    boxes: Sequence[tuple[Placed, QRectF]]
    room_names: Mapping[int, str]
    fonts: Fonts
    palette: QPalette
    focused: bool
    cursor: QRectF | None
    cursor_on_booking: bool
    cursor_label: str | None
    drag: tuple[QRectF, str] | None


def paint(painter: QPainter, scene: Scene) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    palette = scene.palette
    painter.fillRect(QRectF(0, 0, scene.width, scene.height), palette.base())
    painter.save()
    painter.setClipRect(QRectF(scene.time_width, scene.header, scene.width - scene.time_width, scene.height))
    _paint_grid(painter, scene)
    for placed, rect in scene.boxes:
        _paint_booking(painter, scene, placed, rect)
    _paint_closed_labels(painter, scene)
    _paint_cursor(painter, scene)
    _paint_drag(painter, scene)
    painter.restore()
    _paint_hours(painter, scene)
    _paint_header(painter, scene)
    painter.setPen(QPen(palette.mid().color(), 1))
    painter.drawLine(QPointF(0, scene.header), QPointF(scene.width, scene.header))
    painter.drawLine(QPointF(scene.time_width, 0), QPointF(scene.time_width, scene.height))
    if not scene.columns:
        painter.setPen(palette.text().color())
        painter.drawText(
            QRectF(scene.time_width, scene.header, scene.width - scene.time_width, scene.height - scene.header),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            _("No rooms are in use. A coordinator can add them in the rooms settings."),
        )


def _in_sight(scene: Scene, x: float) -> bool:
    return x + scene.column_width >= scene.time_width and x <= scene.width


def _paint_grid(painter: QPainter, scene: Scene) -> None:
    """Alternate columns shaded, closed days greyed and hatched, hour lines and half-hour dots."""
    palette = scene.palette
    mid = palette.mid().color()
    light, closed_fill, closed_hatch = QColor(mid), QColor(mid), QColor(mid)
    light.setAlpha(90)
    closed_fill.setAlpha(70)
    closed_hatch.setAlpha(110)
    for index, column in enumerate(scene.columns):
        x = scene.column_xs[index]
        if not _in_sight(scene, x):
            continue
        body = QRectF(x, scene.header, scene.column_width, scene.height - scene.header)
        if column.closed is not None:
            painter.fillRect(body, closed_fill)
            painter.fillRect(body, QBrush(closed_hatch, Qt.BrushStyle.BDiagPattern))
        elif index % 2:
            painter.fillRect(body, palette.alternateBase())
        painter.setPen(QPen(mid, 1))
        right = x + scene.column_width
        painter.drawLine(QPointF(right, scene.header), QPointF(right, scene.height))
    hours = scene.last_hour - scene.first_hour
    for index in range(hours + 1):
        y = scene.top + index * scene.hour_height
        painter.setPen(QPen(mid, 1))
        painter.drawLine(QPointF(scene.time_width, y), QPointF(scene.width, y))
        if index < hours:
            half = y + scene.hour_height / 2
            painter.setPen(QPen(light, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(scene.time_width, half), QPointF(scene.width, half))


def _paint_closed_labels(painter: QPainter, scene: Scene) -> None:
    """One label over each run of closed columns with the same reason: "Closed" and why."""
    runs: list[tuple[int, int, str]] = []
    for index, column in enumerate(scene.columns):
        if column.closed is None:
            continue
        if runs and runs[-1][1] == index - 1 and runs[-1][2] == column.closed:
            runs[-1] = (runs[-1][0], index, column.closed)
        else:
            runs.append((index, index, column.closed))
    palette, fonts = scene.palette, scene.fonts
    for first, last, reason in runs:
        left = scene.column_xs[first] + 6
        right = scene.column_xs[last] + scene.column_width - 6
        text = _("Closed") + (f"\n{reason}" if reason else "")
        box = QRectF(left, scene.header + 8, right - left, fonts.metrics.height() * 4 + 10)
        inner = box.adjusted(8, 4, -8, -4)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        bounds = fonts.bold_metrics.boundingRect(inner.toRect(), int(flags), text)
        box.setHeight(min(box.height(), bounds.height() + 10))
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(palette.text().color())
        painter.setFont(fonts.bold)
        painter.drawText(box.adjusted(8, 4, -8, -4), flags, text)
        painter.setFont(fonts.regular)


def _paint_cursor(painter: QPainter, scene: Scene) -> None:
    """A clear focus rectangle: around the focused booking, or on the cell or span chosen.

    Solid in the highlight colour while the view has the keyboard; dashed and grey otherwise.
    """
    if scene.cursor is None:
        return
    palette = scene.palette
    highlight = palette.highlight().color()
    colour = highlight if scene.focused else palette.mid().color()
    if scene.cursor_on_booking:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 3 if scene.focused else 2))
        painter.drawRoundedRect(scene.cursor.adjusted(-2, -2, 2, 2), 6, 6)
        return
    fill = QColor(highlight)
    fill.setAlpha(70 if scene.cursor_label else 35 if scene.focused else 0)
    painter.setBrush(fill)
    pen = QPen(colour, 2)
    if not scene.focused:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawRoundedRect(scene.cursor, 3, 3)
    if scene.cursor_label:
        painter.setPen(palette.text().color())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(scene.cursor.adjusted(6, 2, -6, -2), align, scene.cursor_label)


def _paint_drag(painter: QPainter, scene: Scene) -> None:
    if scene.drag is None:
        return
    selection, label = scene.drag
    highlight = scene.palette.highlight().color()
    fill = QColor(highlight)
    fill.setAlpha(70)
    painter.setPen(QPen(highlight, 2))
    painter.setBrush(fill)
    painter.drawRoundedRect(selection, 4, 4)
    painter.setPen(scene.palette.text().color())
    painter.drawText(selection.adjusted(6, 2, -6, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)


def _paint_hours(painter: QPainter, scene: Scene) -> None:
    """The hours on the left, fixed while the columns scroll sideways."""
    painter.save()
    area = QRectF(0, scene.header, scene.time_width, scene.height - scene.header)
    painter.setClipRect(area)
    painter.fillRect(area, scene.palette.window())
    painter.setPen(scene.palette.text().color())
    line = scene.fonts.metrics.height()
    for hour in range(scene.first_hour, scene.last_hour + 1):
        y = scene.top + (hour - scene.first_hour) * scene.hour_height
        label_rect = QRectF(0, y - line / 2, scene.time_width - 8, line)
        painter.drawText(
            label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, clock(time(hour % 24))
        )
    painter.restore()


def _day_pattern(scene: Scene, width: int) -> str:
    """The longest way of writing the days that fits every column: "lunedì 16 novembre",
    "lunedì 16", "lun 16" (the same for all seven, so the header reads evenly)."""
    metrics = scene.fonts.bold_metrics
    for pattern in ("EEEE d MMMM", "EEEE d", "EEE d"):
        if all(metrics.horizontalAdvance(format_date(c.day, pattern)) <= width for c in scene.columns):
            return pattern
    return "d"


def _paint_header(painter: QPainter, scene: Scene) -> None:
    """The rooms (day view, in their colours) or the days (week view, today highlighted) on top,
    fixed while the hours scroll."""
    palette = scene.palette
    painter.save()
    painter.fillRect(QRectF(0, 0, scene.width, scene.header), palette.window())
    painter.setClipRect(QRectF(scene.time_width, 0, scene.width - scene.time_width, scene.header))
    bold, metrics = scene.fonts.bold, scene.fonts.bold_metrics
    pattern = _day_pattern(scene, int(scene.column_width - 16)) if scene.mode == ViewMode.WEEK else ""
    painter.setFont(bold)
    for index, column in enumerate(scene.columns):
        x = scene.column_xs[index]
        if not _in_sight(scene, x):
            continue
        band = QRectF(x + 2, 4, scene.column_width - 4, scene.header - 8)
        if scene.mode == ViewMode.DAY:
            colour = QColor(column.room.colour)
            label = column.room.name
        else:
            colour = palette.highlight().color() if column.day == scene.today else palette.button().color()
            if column.closed is not None:
                colour = palette.mid().color()
            label = format_date(column.day, pattern)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(band, 5, 5)
        painter.setPen(text_colour(colour))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, two_lines(label, metrics, int(band.width() - 12)))
    painter.setFont(scene.fonts.regular)
    painter.restore()


def _paint_booking(painter: QPainter, scene: Scene, placed: Placed, rect: QRectF) -> None:
    """A box with the purpose (bold), the times (↻ for a series, "tentative" when so) and the
    holder; a linked room's booking names that room first."""
    row = placed.row
    kind = kind_of(row, linked=placed.linked)
    room = scene.columns[placed.column].room
    colour = booking_colour(row, room.colour, scene.scheme, linked=placed.linked)
    text = paint_box(painter, rect, colour, kind, scene.palette)
    times = times_of(row)
    if row.series_id is not None:
        times = "↻ " + times
    if kind == BookingKind.TENTATIVE:
        times += " · " + _("tentative")
    if placed.linked:
        lines = [scene.room_names.get(row.room_id, ""), times, row.purpose or row.holder]
    else:
        lines = [row.purpose or row.holder, times]
        if row.purpose and row.holder:
            lines.append(row.holder)
    painter.save()
    inner = rect.adjusted(6, 3, -4, -2)
    painter.setClipRect(inner, Qt.ClipOperation.IntersectClip)
    painter.setPen(text)
    fonts = scene.fonts
    height = fonts.metrics.height()
    y = inner.top()
    for index, line in enumerate(lines):
        if index > 0 and y + height > inner.bottom() + 2:
            break
        painter.setFont(fonts.bold if index == 0 else fonts.regular)
        metrics = fonts.bold_metrics if index == 0 else fonts.metrics
        elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
        painter.drawText(QRectF(inner.left(), y, inner.width(), height), Qt.AlignmentFlag.AlignLeft, elided)
        y += height
    painter.restore()
