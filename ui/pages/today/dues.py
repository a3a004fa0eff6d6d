"""Paid or owed, as the Today page shows it for each of today's bookings (no Qt).

A one-off booking (or a moved occurrence, which is a booking of its own) is its own account. An
occurrence of a series is not: the series is one account owing its price for each date started
so far (``app.services.booking_dues``), so the line shows where the whole series stands.
Tentative bookings owe nothing until they are confirmed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from app.services import Services
from app.services.booking_dues import PaidStatus
from app.services.bookings import BookingRow, BookingStatus
from app.services.roles import Actor


class Standing(enum.Enum):
    NOT_CONFIRMED = "not_confirmed"
    NOTHING_DUE = "nothing_due"
    PAID = "paid"
    OWED = "owed"


@dataclass(frozen=True)
class Dues:
    standing: Standing
    owed_cents: int = 0
    of_series: bool = False
    """True when the figure is the whole series' account, not this date's alone."""


def _standing(status: PaidStatus, *, of_series: bool) -> Dues:
    if status.due_cents == 0 and status.paid_cents == 0:
        return Dues(Standing.NOTHING_DUE, of_series=of_series)
    if status.paid:
        return Dues(Standing.PAID, of_series=of_series)
    return Dues(Standing.OWED, status.remaining_cents, of_series=of_series)


def dues_of(services: Services, actor: Actor, bookings: Iterable[BookingRow]) -> list[Dues]:
    """The money standing of each booking, in order, asked of the services in one call (the Today
    page is the desk's home: one question a booking would slow its start)."""
    rows = list(bookings)
    confirmed = [row for row in rows if row.status == BookingStatus.CONFIRMED]
    booking_ids = {row.id for row in confirmed if row.id is not None}
    series_ids = {row.series_id for row in confirmed if row.id is None and row.series_id is not None}
    by_booking, by_series = services.bookings.paid_statuses(actor, booking_ids, series_ids)
    result = []
    for row in rows:
        if row.status != BookingStatus.CONFIRMED:
            result.append(Dues(Standing.NOT_CONFIRMED))
        elif row.id is not None:
            result.append(_standing(by_booking[row.id], of_series=False))
        elif row.series_id is not None:
            result.append(_standing(by_series[row.series_id], of_series=True))
        else:  # every row is a booking or an occurrence; kept total for the type checker
            result.append(Dues(Standing.NOTHING_DUE))
    return result
