"""The colours of bookings in the calendar: by room, or by type, and text readable on each.

By room, a booking wears its room's colour (the one set in the rooms' settings), which tells the
rooms apart in the day view. By type, it wears the colour of what it is: a confirmed one-off
booking, a repeating series, a tentative booking; the colours are from the Okabe-Ito palette,
told apart by people with the common colour blindnesses, and a tentative booking is also hatched
with a dashed border, so the difference never rests on colour alone. In the week view, the
bookings of a linked room (the hall for its halves) are grey and hatched: they block the room.

Text on a box is dark or white, whichever contrasts more with the box (WCAG's relative luminance),
so any colour a coordinator picks for a room stays readable.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen

from app.i18n import N_, _
from app.services.bookings import BookingRow, BookingStatus

DARK_TEXT = QColor("#1a1a1a")
LIGHT_TEXT = QColor("#ffffff")
RADIUS = 5.0


class ColourScheme(enum.Enum):
    BY_ROOM = "room"
    BY_TYPE = "type"

    def label(self) -> str:
        return _(_SCHEME_LABELS[self])


_SCHEME_LABELS = {ColourScheme.BY_ROOM: N_("By room"), ColourScheme.BY_TYPE: N_("By type")}


class BookingKind(enum.Enum):
    ONE_OFF = "one-off"
    SERIES = "series"
    TENTATIVE = "tentative"
    LINKED = "linked"

    def label(self) -> str:
        return _(_KIND_LABELS[self])

    def colour(self) -> QColor:
        return QColor(_KIND_COLOURS[self])


_KIND_LABELS = {
    BookingKind.ONE_OFF: N_("One-off"),
    BookingKind.SERIES: N_("Repeating"),
    BookingKind.TENTATIVE: N_("Tentative"),
    BookingKind.LINKED: N_("Linked room busy"),
}
_KIND_COLOURS = {
    BookingKind.ONE_OFF: "#0b6fb0",  # Okabe-Ito blue, a shade darker for white text
    BookingKind.SERIES: "#00805c",  # Okabe-Ito bluish green, darker for white text
    BookingKind.TENTATIVE: "#e69f00",  # Okabe-Ito orange
    BookingKind.LINKED: "#8c8c8c",
}


def kind_of(row: BookingRow, *, linked: bool = False) -> BookingKind:
    """What a booking is, for its colour: tentative first, then repeating or one-off."""
    if linked:
        return BookingKind.LINKED
    if row.status == BookingStatus.TENTATIVE:
        return BookingKind.TENTATIVE
    return BookingKind.SERIES if row.series_id is not None else BookingKind.ONE_OFF


def booking_colour(row: BookingRow, room_colour: str, scheme: ColourScheme, *, linked: bool = False) -> QColor:
    kind = kind_of(row, linked=linked)
    if kind == BookingKind.LINKED or scheme == ColourScheme.BY_TYPE:
        return kind.colour()
    return QColor(room_colour)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(background: QColor) -> QColor:
    """Dark or white text, whichever reads better on ``background``."""
    return DARK_TEXT if contrast(DARK_TEXT, background) >= contrast(LIGHT_TEXT, background) else LIGHT_TEXT


def _blend(colour: QColor, background: QColor, amount: float) -> QColor:
    """``colour`` laid over ``background`` at ``amount`` opacity, as one opaque colour (one fill, not two)."""
    return QColor.fromRgbF(
        colour.redF() * amount + background.redF() * (1 - amount),
        colour.greenF() * amount + background.greenF() * (1 - amount),
        colour.blueF() * amount + background.blueF() * (1 - amount),
    )


def paint_box(painter: QPainter, rect: QRectF, colour: QColor, kind: BookingKind, palette: QPalette) -> QColor:
    """A booking's box; returns the colour its text must have.

    Confirmed bookings are solid; tentative ones pale, hatched, with a dashed border; bookings of a
    linked room pale grey and hatched, with a dotted border.
    """
    if kind in (BookingKind.TENTATIVE, BookingKind.LINKED):
        tentative = kind == BookingKind.TENTATIVE
        painter.setBrush(_blend(colour, palette.base().color(), 0.31 if tentative else 0.23))
        style = Qt.PenStyle.DashLine if tentative else Qt.PenStyle.DotLine
        painter.setPen(QPen(colour.darker(140), 1.5, style))
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        hatch = QColor(colour)
        hatch.setAlpha(110 if tentative else 70)
        pattern = Qt.BrushStyle.BDiagPattern if tentative else Qt.BrushStyle.FDiagPattern
        painter.setBrush(QBrush(hatch, pattern))
        painter.setPen(Qt.PenStyle.NoPen)
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # a hatch needs no smoothing, and costs less
        painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), RADIUS, RADIUS)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
        return palette.text().color()
    painter.setBrush(colour)
    painter.setPen(QPen(colour.darker(130), 1))
    painter.drawRoundedRect(rect, RADIUS, RADIUS)
    return text_colour(colour)
