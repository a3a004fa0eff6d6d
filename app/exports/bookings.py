"""Bookings of a period, one row per booking or series occurrence, cancelled ones included.

Read through ``services.bookings.bookings_between`` (``booking_rows.rows_between``): the same
calendar the desk sees, with series expanded, cancelled or moved occurrences and closed days left
out. A week at a time, so a year of a busy house is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell, Money
from app.exports.period import Period
from app.i18n import N_, _
from app.services import Services
from app.services.booking_types import BookingStatus
from app.services.roles import Actor

WINDOW_DAYS = 7
STATUS_LABELS = {
    BookingStatus.TENTATIVE: N_("tentative"),
    BookingStatus.CONFIRMED: N_("confirmed"),
    BookingStatus.CANCELLED: N_("cancelled"),
}


def header() -> list[str]:
    return [
        _("Date"),
        _("From"),
        _("To"),
        _("Room"),
        _("Booked by"),
        _("Purpose"),
        _("People"),
        _("Status"),
        _("Price"),
        _("Recurring"),
        _("Notes"),
    ]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    rooms = {room.id: room.name for room in services.rooms.rooms(actor, include_inactive=True)}
    for start, end in period.windows(WINDOW_DAYS):
        found = services.bookings.bookings_between(actor, start, end, include_cancelled=True)
        found.sort(key=lambda row: (row.start, rooms.get(row.room_id, "").casefold(), row.end))
        for row in found:
            if row.start < start:  # it began in the window before, which listed it
                continue
            yield (
                row.start.date(),
                row.start.time(),
                row.end.time(),
                rooms.get(row.room_id, ""),
                row.holder,
                row.purpose,
                row.people_count,
                _(STATUS_LABELS[row.status]),
                Money(row.price_cents),
                row.series_id is not None,
                row.notes,
            )
