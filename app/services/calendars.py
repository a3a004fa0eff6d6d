"""Calendars in and out: the programme of the house as an ``.ics`` file, and ``.ics`` files from
Google Calendar, Outlook or Thunderbird imported into a room (RFC 5545, with ``icalendar``).

Export: one VEVENT per booking or series occurrence in the range, with times in Europe/Rome and
the VTIMEZONE that describes it. A booking or series imported from a calendar keeps its UID there
(an occurrence of such a series, moved or not, is that UID with its RECURRENCE-ID, as in the
calendar it came from); anything else gets a stable UID of ours (``booking-{id}@portineria``,
``series-{id}-{yyyymmddThhmm}@portineria``), so a calendar that subscribes sees updates, not copies.

Import: ``calendar_import`` books the events of a file from Google Calendar, Outlook or
Thunderbird in a room (``ics_events`` reads them), and recognises them by UID when the same file
comes again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.clock import HOUSE_TIMEZONE
from app.db.models import Booking, BookingSeries
from app.errors import ValidationError
from app.i18n import _
from app.services.bookings import BookingRow, BookingStatus
from app.services.calendar_import import (
    CalendarHolder,
    CalendarImport,
    ImportLine,
    ImportOutcome,
    ImportReport,
    default_holder_name,
)
from app.services.ics_events import to_house_time, uid_and_instance, uid_stamp
from app.services.roles import Actor

if TYPE_CHECKING:
    import icalendar

__all__ = [
    "CalendarHolder",
    "CalendarService",
    "ImportLine",
    "ImportOutcome",
    "ImportReport",
    "default_holder_name",
    "to_house_time",
]

PRODID = "-//Portineria//Casa del Quartiere//IT"
UID_DOMAIN = "portineria"


def _uid(row: BookingRow, booking_keys: dict[int, str], series_keys: dict[int, str]) -> tuple[str, datetime | None]:
    """The UID of a row in an export, and its RECURRENCE-ID when it is an instance of an imported
    series."""
    if row.id is not None and row.id in booking_keys:
        return uid_and_instance(booking_keys[row.id])
    if row.series_id is not None and row.series_id in series_keys and row.occurrence_start is not None:
        return series_keys[row.series_id], row.occurrence_start
    if row.id is not None:
        return f"booking-{row.id}@{UID_DOMAIN}", None
    assert row.series_id is not None and row.occurrence_start is not None
    return f"series-{row.series_id}-{uid_stamp(row.occurrence_start)}@{UID_DOMAIN}", None


class CalendarService(CalendarImport):
    """Calendars out (``calendar``, ``export_ics``) and in (``import_ics``, from ``CalendarImport``)."""

    # -- export ------------------------------------------------------------------------------------

    def calendar(
        self, actor: Actor, *, start: date, end: date, room_ids: Sequence[int] | None = None
    ) -> icalendar.Calendar:
        """The programme from ``start`` to ``end`` (both days included) as a calendar."""
        first = datetime.combine(start, time())
        last = datetime.combine(end + timedelta(days=1), time())
        rows = self._bookings.bookings_between(actor, first, last, room_ids)
        names = {room.id: room.name for room in self._rooms.rooms(actor, include_inactive=True)}
        booking_keys, series_keys = self._stored_keys(first, last)
        stamp = self._clock.now().replace(tzinfo=HOUSE_TIMEZONE).astimezone(UTC)
        import icalendar  # with the first calendar: it costs some 30 ms at every start

        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-timezone", HOUSE_TIMEZONE.key)
        for row in rows:
            event = icalendar.Event()
            uid, instance = _uid(row, booking_keys, series_keys)
            event.add("uid", uid)
            if instance is not None:
                event.add("recurrence-id", instance.replace(tzinfo=HOUSE_TIMEZONE))
            event.add("dtstamp", stamp)
            event.add("dtstart", row.start.replace(tzinfo=HOUSE_TIMEZONE))
            event.add("dtend", row.end.replace(tzinfo=HOUSE_TIMEZONE))
            event.add("summary", row.purpose or row.holder)
            event.add("location", names.get(row.room_id, ""))
            event.add("status", "TENTATIVE" if row.status is BookingStatus.TENTATIVE else "CONFIRMED")
            if row.holder:
                event.add("description", row.holder)
            calendar.add_component(event)
        calendar.add_missing_timezones()
        return calendar

    def _stored_keys(self, first: datetime, last: datetime) -> tuple[dict[int, str], dict[int, str]]:
        """The ``ics_uid`` of the bookings in ``[first, last)`` and of every series that has one."""
        with self._database.sessions.begin() as session:
            bookings = session.execute(
                select(Booking.id, Booking.ics_uid).where(
                    Booking.starts_at > first - timedelta(days=1),
                    Booking.starts_at < last,
                    Booking.ics_uid.is_not(None),
                )
            )
            booking_keys = {booking_id: key for booking_id, key in bookings if key}
            series = session.execute(
                select(BookingSeries.id, BookingSeries.ics_uid).where(BookingSeries.ics_uid.is_not(None))
            )
            series_keys = {series_id: key for series_id, key in series if key}
        return booking_keys, series_keys

    def export_ics(
        self, actor: Actor, path: Path | str, *, start: date, end: date, room_ids: Sequence[int] | None = None
    ) -> int:
        """Write the programme from ``start`` to ``end`` (both included) to ``path``; the number
        of events written. The file appears whole or not at all.

        Raises:
            ValidationError: the file cannot be written there.
        """
        calendar = self.calendar(actor, start=start, end=end, room_ids=room_ids)
        target = Path(path)
        data = calendar.to_ical()
        temporary: str | None = None
        try:
            with tempfile.NamedTemporaryFile(
                "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
            ) as handle:
                temporary = handle.name
                handle.write(data)
            os.replace(temporary, target)
        except OSError as error:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise ValidationError(
                _("The calendar cannot be written to {path}: choose another folder or file name.").format(path=target),
                field="path",
            ) from error
        return len(calendar.walk("VEVENT"))
