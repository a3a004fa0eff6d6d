"""The plain values of the calendar: what the desk sends to the booking services and gets back.

They live apart from the service so that the modules that read rows, check drafts and edit series
can share them without importing each other; ``app.services.bookings`` re-exports every name.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class BookingStatus(enum.StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


ACTIVE_STATUSES = (BookingStatus.TENTATIVE, BookingStatus.CONFIRMED)


@dataclass(frozen=True)
class BookingDraft:
    room_id: int
    start: datetime
    end: datetime
    person_id: int | None = None
    organisation_id: int | None = None
    purpose: str = ""
    people_count: int = 1
    status: BookingStatus = BookingStatus.CONFIRMED
    price_cents: int | None = None  # None: computed from the room's rate
    notes: str = ""
    public: bool = False  # on the weekly programme poster


@dataclass(frozen=True)
class SeriesDraft:
    """A recurring booking: ``rrule`` is the RRULE value, like ``FREQ=WEEKLY;BYDAY=TU``."""

    room_id: int
    dtstart: datetime
    duration_minutes: int
    rrule: str
    person_id: int | None = None
    organisation_id: int | None = None
    purpose: str = ""
    people_count: int = 1
    status: BookingStatus = BookingStatus.CONFIRMED
    price_cents: int | None = None  # per occurrence; None: computed from the room's rate
    notes: str = ""
    exdates: tuple[datetime, ...] = ()
    public: bool = False  # every occurrence on the weekly programme poster


@dataclass(frozen=True)
class BookingRow:
    """A booking, or an occurrence of a series (``id`` None), as the views show it."""

    id: int | None
    series_id: int | None
    occurrence_start: datetime | None
    room_id: int
    start: datetime
    end: datetime
    holder: str
    person_id: int | None
    organisation_id: int | None
    purpose: str
    people_count: int
    status: BookingStatus
    price_cents: int
    price_overridden: bool
    notes: str
    public: bool = False  # an event open to the public, on the weekly programme


@dataclass(frozen=True)
class SeriesRow:
    """A series as its editor shows it: the rule and what every occurrence shares.

    ``exdates`` are the cancelled occurrences (moved ones are bookings of their own);
    ``last_end`` is the end of the last occurrence of a bounded rule, None while ``open_ended``.
    """

    id: int
    room_id: int
    dtstart: datetime
    duration_minutes: int
    rrule: str
    exdates: tuple[datetime, ...]
    holder: str
    person_id: int | None
    organisation_id: int | None
    purpose: str
    people_count: int
    status: BookingStatus
    price_cents: int  # per occurrence
    price_overridden: bool
    notes: str
    open_ended: bool
    last_end: datetime | None
    public: bool = False


@dataclass(frozen=True)
class SeriesConflict:
    """An occurrence of a new series that cannot be booked: it is closed, or a confirmed booking
    of the room (or a linked one) is there."""

    occurrence_start: datetime
    reason: str


@dataclass(frozen=True)
class SeriesPreview:
    occurrences: tuple[datetime, ...]  # within the horizon, exdates excluded
    conflicts: tuple[SeriesConflict, ...]
    open_ended: bool
