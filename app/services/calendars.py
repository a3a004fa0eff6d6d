"""Calendars in and out: the programme of the house as an ``.ics`` file, and ``.ics`` files from
Google Calendar, Outlook or Thunderbird imported into a room (RFC 5545, with ``icalendar``).

Export: one VEVENT per booking or series occurrence in the range, with times in Europe/Rome and
the VTIMEZONE that describes it; UIDs are stable (``booking-{id}@portineria``,
``series-{id}-{yyyymmddThhmm}@portineria``), so a calendar that subscribes sees updates, not copies.

Import: every time (with TZID, in UTC or floating) becomes the house's naive local time; Windows
zone names (Outlook) are mapped to IANA ones. A single event becomes a booking, an event with
RRULE a series (EXDATE kept, RECURRENCE-ID instances moved or cancelled). Nothing aborts the
import: each event is booked or reported, with a translated reason. An event already imported
(same room, start, end and purpose) is skipped, so importing a file twice changes nothing.
"""

from __future__ import annotations

import contextlib
import enum
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
from sqlalchemy import select

from app.clock import HOUSE_TIMEZONE, Clock
from app.db.engine import Database
from app.db.models import BookingSeries, Organisation, Person
from app.errors import ValidationError
from app.i18n import _
from app.services.bookings import BookingDraft, BookingRow, BookingService, BookingStatus, SeriesDraft
from app.services.closures import closure_on, span_days
from app.services.roles import Actor, authorise
from app.services.rooms import RoomService

PRODID = "-//Portineria//Casa del Quartiere//IT"
UID_DOMAIN = "portineria"


class ImportOutcome(enum.StrEnum):
    CREATED = "created"
    SKIPPED = "skipped"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class ImportLine:
    """One event of the file, or one date of a series, that was not booked as it is."""

    summary: str
    start: datetime | date | None
    reason: str
    outcome: ImportOutcome


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or would do, with ``dry_run``): counts and the reasons, translated."""

    created: int  # bookings and series created (moved and cancelled instances not counted)
    skipped: int  # events not imported: all-day, cancelled, already imported, not supported
    conflicts: int  # events or series dates that could not be booked: busy room or closed house
    lines: tuple[ImportLine, ...]
    dry_run: bool


@dataclass
class _Report:
    dry_run: bool
    created: int = 0
    lines: list[ImportLine] = field(default_factory=list)

    def skip(self, summary: str, start: datetime | date | None, reason: str) -> None:
        self.lines.append(ImportLine(summary, start, reason, ImportOutcome.SKIPPED))

    def conflict(self, summary: str, start: datetime | date | None, reason: str) -> None:
        self.lines.append(ImportLine(summary, start, reason, ImportOutcome.CONFLICT))

    def freeze(self) -> ImportReport:
        return ImportReport(
            created=self.created,
            skipped=sum(1 for line in self.lines if line.outcome is ImportOutcome.SKIPPED),
            conflicts=sum(1 for line in self.lines if line.outcome is ImportOutcome.CONFLICT),
            lines=tuple(self.lines),
            dry_run=self.dry_run,
        )


@dataclass(frozen=True)
class _Event:
    uid: str
    summary: str
    start: datetime
    end: datetime
    status: BookingStatus
    cancelled: bool
    rrule: str | None
    exdates: tuple[datetime, ...]
    recurrence_id: datetime | None


@dataclass(frozen=True)
class _Holder:
    person_id: int | None
    organisation_id: int | None


class _AllDay(Exception):
    pass


# -- times -----------------------------------------------------------------------------------------


def _zone(tzid: str) -> tzinfo | None:
    name = WINDOWS_TO_OLSON.get(tzid.strip().strip('"'), tzid.strip().strip('"'))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_house_time(value: datetime, tzid: str | None = None) -> datetime:
    """``value`` as the house's naive local time.

    Aware values are converted; a naive value with a TZID icalendar did not know is read in that
    zone when the name is an IANA or Windows one; a floating (naive) value is already local.
    """
    if value.tzinfo is None and tzid:
        zone = _zone(tzid)
        if zone is not None:
            value = value.replace(tzinfo=zone)
    if value.tzinfo is not None:
        value = value.astimezone(HOUSE_TIMEZONE).replace(tzinfo=None)
    return value.replace(microsecond=0)


def _decoded(prop: Any) -> datetime:
    """The local time of a DTSTART-like property; raises ``_AllDay`` for a DATE value."""
    value = prop.dt
    if not isinstance(value, datetime):
        raise _AllDay
    return to_house_time(value, prop.params.get("TZID"))


def _exdates(component: icalendar.cal.Component) -> tuple[datetime, ...]:
    found = component.get("EXDATE")
    if found is None:
        return ()
    lists = found if isinstance(found, list) else [found]
    values: list[datetime] = []
    for item in lists:
        tzid = item.params.get("TZID")
        for dt in item.dts:
            value = dt.dt
            if isinstance(value, datetime):
                values.append(to_house_time(value, dt.params.get("TZID") or tzid))
    return tuple(values)


def _rule_text(recur: Any) -> str:
    """The RRULE with its UNTIL in the house's naive local time, as ``rrulestr`` wants it."""
    values = dict(recur)
    until = values.get("UNTIL")
    if until:
        moment = until[0]
        local = to_house_time(moment) if isinstance(moment, datetime) else datetime.combine(moment, time(23, 59, 59))
        values["UNTIL"] = [local]
    ical: bytes = icalendar.vRecur(values).to_ical()  # type: ignore[no-untyped-call]
    return ical.decode().upper()


def _event(component: icalendar.cal.Component) -> _Event:
    start = _decoded(component["DTSTART"])
    if "DTEND" in component:
        end = _decoded(component["DTEND"])
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start
    status_text = str(component.get("STATUS", "")).upper()
    recur = component.get("RRULE")
    if isinstance(recur, list):
        recur = recur[0] if recur else None
    recurrence_id = component.get("RECURRENCE-ID")
    return _Event(
        uid=str(component.get("UID", "")),
        summary=str(component.get("SUMMARY", "")).strip(),
        start=start,
        end=end,
        status=BookingStatus.TENTATIVE if status_text == "TENTATIVE" else BookingStatus.CONFIRMED,
        cancelled=status_text == "CANCELLED",
        rrule=_rule_text(recur) if recur is not None else None,
        exdates=_exdates(component),
        recurrence_id=_decoded(recurrence_id) if recurrence_id is not None else None,
    )


def _uid_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M")


def _uid(row: BookingRow) -> str:
    if row.id is not None:
        return f"booking-{row.id}@{UID_DOMAIN}"
    assert row.series_id is not None and row.occurrence_start is not None
    return f"series-{row.series_id}-{_uid_stamp(row.occurrence_start)}@{UID_DOMAIN}"


# -- the service -----------------------------------------------------------------------------------


class CalendarService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._bookings = BookingService(database=database, clock=clock)
        self._rooms = RoomService(database=database, clock=clock)

    # -- export ------------------------------------------------------------------------------------

    def calendar(
        self, actor: Actor, *, start: date, end: date, room_ids: Sequence[int] | None = None
    ) -> icalendar.Calendar:
        """The programme from ``start`` to ``end`` (both days included) as a calendar."""
        first = datetime.combine(start, time())
        last = datetime.combine(end + timedelta(days=1), time())
        rows = self._bookings.bookings_between(actor, first, last, room_ids)
        names = {room.id: room.name for room in self._rooms.rooms(actor, include_inactive=True)}
        stamp = self._clock.now().replace(tzinfo=HOUSE_TIMEZONE).astimezone(UTC)
        calendar = icalendar.Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-timezone", HOUSE_TIMEZONE.key)
        for row in rows:
            event = icalendar.Event()
            event.add("uid", _uid(row))
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

    # -- import ------------------------------------------------------------------------------------

    def import_ics(
        self,
        actor: Actor,
        path: Path | str,
        *,
        room_id: int,
        organisation_id: int | None = None,
        person_id: int | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Book the events of an ``.ics`` file in the room, for the person or the association.

        Raises:
            ValidationError: the file cannot be read or is not a calendar, the room or who books
                is wrong. Events that cannot be booked are reported, not raised.
        """
        components = self._read(path)
        self._check_target(actor, room_id, person_id, organisation_id)
        report = _Report(dry_run=dry_run)
        masters: list[tuple[_Event, Any]] = []
        instances: dict[str, list[_Event]] = {}
        singles: list[_Event] = []
        for component in components:
            summary = str(component.get("SUMMARY", "")).strip()
            if "DTSTART" not in component:
                report.skip(summary, None, _("The event has no start time."))
                continue
            try:
                event = _event(component)
            except _AllDay:
                report.skip(summary, component.decoded("DTSTART"), _("All-day events are not booked: book the hours."))
                continue
            except (ValueError, TypeError, KeyError):
                report.skip(summary, None, _("The event cannot be read: book it by hand."))
                continue
            if event.recurrence_id is not None:
                instances.setdefault(event.uid, []).append(event)
            elif event.rrule is not None:
                masters.append((event, component))
            else:
                singles.append(event)
        master_uids = {event.uid for event, _component in masters}
        for uid, orphans in instances.items():
            if uid not in master_uids:
                for orphan in orphans:
                    if orphan.cancelled:
                        report.skip(orphan.summary, orphan.start, _("The event is cancelled in the calendar."))
                    else:
                        singles.append(orphan)
        holder = _Holder(person_id=person_id, organisation_id=organisation_id)
        for event in sorted(singles, key=lambda item: item.start):
            self._import_single(actor, report, event, room_id, holder)
        for event, _component in masters:
            self._import_series(actor, report, event, instances.get(event.uid, []), room_id, holder)
        return report.freeze()

    def _read(self, path: Path | str) -> list[Any]:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise ValidationError(
                _("The calendar file {path} cannot be read: check its name and folder.").format(path=path),
                field="path",
            ) from error
        try:
            calendars = icalendar.Calendar.from_ical(data, multiple=True)
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(
                _("The file {path} is not a calendar (.ics): export it again from the calendar program.").format(
                    path=path
                ),
                field="path",
            ) from error
        return [event for calendar in calendars for event in calendar.walk("VEVENT")]

    def _check_target(self, actor: Actor, room_id: int, person_id: int | None, organisation_id: int | None) -> None:
        self._rooms.get(actor, room_id)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if (person_id is None) == (organisation_id is None):
                raise ValidationError(_("Choose who books: either a person or an association."), field="holder")
            if person_id is not None and session.get(Person, person_id) is None:
                raise ValidationError(_("The chosen person no longer exists: choose them again."), field="holder")
            if organisation_id is not None and session.get(Organisation, organisation_id) is None:
                raise ValidationError(_("The chosen association no longer exists: choose it again."), field="holder")

    def _closed(self, start: datetime, end: datetime) -> str | None:
        with self._database.sessions.begin() as session:
            closure = closure_on(session, *span_days(start, end))
        return None if closure is None else closure.reason

    def _reason(self, error: ValidationError, start: datetime, end: datetime) -> tuple[str, bool]:
        """The message of a refused booking, and whether it is a conflict (busy or closed)."""
        closed = self._closed(start, end) if end > start else None
        if closed is not None:
            return _("The house is closed on that day ({reason}).").format(reason=closed), True
        return str(error), bool(error.for_field("start"))

    def _busy(self, actor: Actor, room_id: int, start: datetime, end: datetime, status: BookingStatus) -> str | None:
        """Why ``[start, end)`` cannot be booked (dry run), or None."""
        closed = self._closed(start, end)
        if closed is not None:
            return _("The house is closed on that day ({reason}).").format(reason=closed)
        if status is BookingStatus.CONFIRMED:
            taken = [
                row
                for row in self._bookings.conflicts(actor, room_id, start, end)
                if row.status is BookingStatus.CONFIRMED
            ]
            if taken:
                return _("The room, or a room linked to it, is already booked then.")
        return None

    def _already_there(self, actor: Actor, room_id: int, event: _Event) -> bool:
        rows = self._bookings.bookings_between(actor, event.start, event.end, [room_id])
        return any(
            row.id is not None and row.start == event.start and row.end == event.end and row.purpose == event.summary
            for row in rows
        )

    def _import_single(self, actor: Actor, report: _Report, event: _Event, room_id: int, holder: _Holder) -> None:
        if event.cancelled:
            report.skip(event.summary, event.start, _("The event is cancelled in the calendar."))
            return
        if self._already_there(actor, room_id, event):
            report.skip(event.summary, event.start, _("Already booked: imported before."))
            return
        draft = BookingDraft(
            room_id=room_id,
            start=event.start,
            end=event.end,
            purpose=event.summary,
            status=event.status,
            person_id=holder.person_id,
            organisation_id=holder.organisation_id,
        )
        if report.dry_run:
            if event.end <= event.start or event.end > datetime.combine(event.start.date() + timedelta(1), time()):
                report.skip(event.summary, event.start, _("The event does not start and end on the same day."))
                return
            busy = self._busy(actor, room_id, event.start, event.end, event.status)
            if busy is not None:
                report.conflict(event.summary, event.start, busy)
            else:
                report.created += 1
            return
        try:
            self._bookings.create_booking(actor, draft)
        except ValidationError as error:
            reason, conflict = self._reason(error, event.start, event.end)
            (report.conflict if conflict else report.skip)(event.summary, event.start, reason)
        else:
            report.created += 1

    def _series_exists(self, actor: Actor, room_id: int, event: _Event) -> bool:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            found = session.scalar(
                select(BookingSeries.id).where(
                    BookingSeries.room_id == room_id,
                    BookingSeries.dtstart == event.start,
                    BookingSeries.purpose == event.summary,
                    BookingSeries.status != BookingStatus.CANCELLED.value,
                )
            )
        return found is not None

    def _import_series(
        self,
        actor: Actor,
        report: _Report,
        event: _Event,
        instances: Iterable[_Event],
        room_id: int,
        holder: _Holder,
    ) -> None:
        assert event.rrule is not None
        if event.cancelled:
            report.skip(event.summary, event.start, _("The event is cancelled in the calendar."))
            return
        if self._series_exists(actor, room_id, event):
            report.skip(event.summary, event.start, _("Already booked: imported before."))
            return
        minutes = int((event.end - event.start).total_seconds() // 60)
        draft = SeriesDraft(
            room_id=room_id,
            dtstart=event.start,
            duration_minutes=minutes,
            rrule=event.rrule,
            purpose=event.summary,
            status=event.status,
            exdates=event.exdates,
            person_id=holder.person_id,
            organisation_id=holder.organisation_id,
        )
        instances = sorted(instances, key=lambda item: item.start)
        cancelled = {item.recurrence_id for item in instances if item.cancelled}
        moved = {item.recurrence_id for item in instances if not item.cancelled}
        draft = replace(draft, exdates=tuple(sorted(set(draft.exdates) | {d for d in cancelled if d is not None})))
        try:
            preview = self._bookings.preview_series(actor, draft)
        except ValidationError as error:
            report.skip(event.summary, event.start, str(error))
            return
        conflicting = {conflict.occurrence_start for conflict in preview.conflicts}
        for conflict in preview.conflicts:
            if conflict.occurrence_start not in moved:
                report.conflict(event.summary, conflict.occurrence_start, conflict.reason)
        if preview.occurrences and conflicting >= set(preview.occurrences):
            return  # nothing left to book
        report.created += 1
        if report.dry_run:
            for item in instances:
                if not item.cancelled:
                    busy = self._busy(actor, room_id, item.start, item.end, event.status)
                    if busy is not None:
                        report.conflict(item.summary, item.start, busy)
            return
        # Moved occurrences whose original date conflicts leave it too: move_occurrence books them.
        draft = replace(draft, exdates=tuple(sorted(set(draft.exdates) | conflicting)))
        try:
            series_id = self._bookings.create_series(actor, draft)
        except ValidationError as error:
            report.created -= 1
            report.skip(event.summary, event.start, str(error))
            return
        for item in instances:
            if item.cancelled or item.recurrence_id is None:
                continue
            if item.start == item.recurrence_id and item.end - item.start == event.end - event.start:
                continue  # only the text changed: the occurrence stays where it is
            try:
                self._bookings.move_occurrence(actor, series_id, item.recurrence_id, item.start, item.end)
            except ValidationError as error:
                reason, _conflict = self._reason(error, item.start, item.end)
                report.conflict(item.summary, item.start, reason)
                with contextlib.suppress(ValidationError):
                    self._bookings.cancel_occurrence(actor, series_id, item.recurrence_id)
