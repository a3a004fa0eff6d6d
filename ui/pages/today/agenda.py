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
