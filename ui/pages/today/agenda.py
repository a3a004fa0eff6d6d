"""The order of today's bookings on the Today page, without Qt.

What the desk needs first is what is going on now and what starts next: those come at the top,
the one that started first (or starts soonest) first; what has already ended goes below, in the
order of the day. Ties go by room name, so two bookings at the same time keep their place from
one refresh to the next.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.i18n import _
from app.services.bookings import BookingRow, BookingStatus


class Phase(enum.IntEnum):
    """Where a booking stands against the clock; the value is its place in the list."""

    NOW = 0
    NEXT = 1
    ENDED = 2


@dataclass(frozen=True)
class AgendaLine:
    booking: BookingRow
    phase: Phase


def when_words(phase: Phase, start: datetime, now: datetime) -> str:
    """ "Now", "In 45 min", "In 2 h 15 min" or "Ended": what the desk asks first, in the same
    words for a booking and a workshop session."""
    if phase == Phase.NOW:
        return _("Now")
    if phase == Phase.ENDED:
        return _("Ended")
    minutes = max(1, int((start - now).total_seconds() + 59) // 60)
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return _("In {minutes} min").format(minutes=minutes)
    if minutes == 0:
        return _("In {hours} h").format(hours=hours)
    return _("In {hours} h {minutes} min").format(hours=hours, minutes=minutes)


def phase_of(booking: BookingRow, now: datetime) -> Phase:
    """Half-open like every booking: one ending at 12:00 has ended at 12:00."""
    if booking.end <= now:
        return Phase.ENDED
    if booking.start <= now:
        return Phase.NOW
    return Phase.NEXT


def agenda(bookings: Iterable[BookingRow], now: datetime, room_names: Mapping[int, str]) -> list[AgendaLine]:
    """Today's bookings, cancelled ones left out, now and next first, ended last."""
    lines = [
        AgendaLine(booking, phase_of(booking, now)) for booking in bookings if booking.status != BookingStatus.CANCELLED
    ]
    lines.sort(
        key=lambda line: (
            line.phase,
            line.booking.start,
            line.booking.end,
            room_names.get(line.booking.room_id, "").casefold(),
            line.booking.room_id,
        )
    )
    return lines
