"""Importing an ``.ics`` file into a room: each event is booked, or reported with a reason.

A single event becomes a booking, an event with RRULE a series (EXDATE kept, RECURRENCE-ID instances
moved or cancelled). Nothing aborts the import: each event is booked or reported, with a translated
reason, and a dry run says what would happen without saving anything.

Importing again: each booking or series keeps the event's key (``ics_events.event_key``) in
``ics_uid``. An event whose UID is already in the room is skipped as "already imported", and so are
the moved and cancelled instances of a series already imported (they belong to the series of their
UID): importing a file twice changes nothing, and the same file still imports into another room. A
change an updated file brings to an occurrence the desk has not touched is applied; one the desk
changed since is kept. Events without a UID are matched by start, end and purpose.

Who books: a person or an association chosen by the caller, or (``holder_from_calendar``) the
association or group named after the calendar (``default_holder_name``): found by that name, or
created as an informal group, so that a calendar from an outside group can be imported without
first typing the group in. A dry run creates nothing: it says the group would be created.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Booking, BookingSeries, Organisation, Person
from app.errors import NotFound, ValidationError
from app.i18n import _
from app.services.bookings import BookingDraft, BookingRow, BookingService, BookingStatus, SeriesDraft
from app.services.closure_days import closure_on, span_days
from app.services.ics_events import AllDay, IcsEvent, event_key, read_event, read_events
from app.services.organisations import OrganisationDraft, OrganisationKind, OrganisationService
from app.services.roles import Actor, authorise
from app.services.rooms import RoomService
from app.services.validation import check_values
from app.text import fold

NAME_LENGTH = 200  # as long as an organisation's name may be


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
class CalendarHolder:
    """The association or group named after the calendar, which its events were booked for."""

    name: str
    organisation_id: int | None  # None only in a dry run, when the import would create it
    created: bool  # created by this import (in a dry run: it would be)

    def sentence(self, *, dry_run: bool) -> str:
        """Who books, and whether the import created the group (or, in a dry run, would): the
        line the command line prints and the import dialog shows, in the desk's language."""
        if not self.created:
            message = _("Who books: “{name}”, the association or group named after the calendar.")
        elif dry_run:
            message = _(
                "Who books: “{name}”, a new informal group named after the calendar; the import will create it."
            )
        else:
            message = _("Who books: “{name}”, a new informal group named after the calendar, created now.")
        return message.format(name=self.name)


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or would do, with ``dry_run``): counts and the reasons, translated."""

    created: int  # bookings and series created (moved and cancelled instances not counted)
    skipped: int  # events not imported: all-day, cancelled, already imported, not supported
    conflicts: int  # events or series dates that could not be booked: busy room or closed house
    lines: tuple[ImportLine, ...]
    dry_run: bool
    calendar_holder: CalendarHolder | None = None  # set when booked for the calendar's group


def default_holder_name(data: bytes, path: Path | str) -> str:
    """The name of the group a calendar is booked for when nobody is chosen: the calendar's own
    name (``X-WR-CALNAME``, which Google Calendar, Outlook and Thunderbird write), else the file's
    name without its extension, since that is what the group called the calendar they sent."""
    try:
        import icalendar  # with the first file: it costs some 30 ms at every start

        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, KeyError):
        calendars = []
    for calendar in calendars:
        value = calendar.get("X-WR-CALNAME")
        if isinstance(value, list):
            value = value[0] if value else None
        name = " ".join(str(value or "").split())
        if name:
            return name[:NAME_LENGTH]
    return " ".join(Path(path).stem.split())[:NAME_LENGTH]


@dataclass
class _Report:
    dry_run: bool
    created: int = 0
    lines: list[ImportLine] = field(default_factory=list)
    calendar_holder: CalendarHolder | None = None

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
            calendar_holder=self.calendar_holder,
        )


@dataclass(frozen=True)
class _Holder:
    person_id: int | None
    organisation_id: int | None
    pending: bool = False  # a dry run for the calendar's group, which does not exist yet


class CalendarImport:
    """The import half of ``CalendarService``, which extends it: a module of its own keeps each
    half small, and the service's one ``import_ics`` is written once, here."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._bookings = BookingService(database=database, clock=clock)
        self._rooms = RoomService(database=database, clock=clock)
        self._organisations = OrganisationService(database=database, clock=clock)

    def import_ics(
        self,
        actor: Actor,
        path: Path | str,
        *,
        room_id: int,
        organisation_id: int | None = None,
        person_id: int | None = None,
        dry_run: bool = False,
        holder_from_calendar: bool = False,
    ) -> ImportReport:
        """Book the events of an ``.ics`` file in the room, for the person or the association,
        or with ``holder_from_calendar`` (and neither of them) for the association or group
        named after the calendar, found or created (``report.calendar_holder`` says which; see
        the module docstring).

        Raises:
            ValidationError: the file cannot be read or is not a calendar, the room or who books
                is wrong. Events that cannot be booked are reported, not raised.
        """
        check_values(
            {
                "room_id": (room_id, int),
                "organisation_id": (organisation_id, int | None),
                "person_id": (person_id, int | None),
            }
        )
        components = read_events(path)
        report = _Report(dry_run=dry_run)
        if holder_from_calendar:
            if person_id is not None or organisation_id is not None:
                raise ValueError("holder_from_calendar books for the calendar's group: choose nobody else")
            self._rooms.get(actor, room_id)  # a wrong room creates no group
            report.calendar_holder = self._calendar_holder(actor, path, dry_run=dry_run)
            organisation_id = report.calendar_holder.organisation_id
        holder = _Holder(
            person_id=person_id,
            organisation_id=organisation_id,
            pending=holder_from_calendar and organisation_id is None,
        )
        self._check_target(actor, room_id, holder)
        masters: list[tuple[IcsEvent, Any]] = []
        instances: dict[str, list[IcsEvent]] = {}
        singles: list[IcsEvent] = []
        for component in components:
            summary = str(component.get("SUMMARY", "")).strip()
            if "DTSTART" not in component:
                report.skip(summary, None, _("The event has no start time."))
                continue
            try:
                event = read_event(component)
            except AllDay:
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
            if uid in master_uids:
                continue
            series_id = self._series_with_key(room_id, event_key(uid))
            if series_id is not None:
                self._attach(actor, report, series_id, orphans, room_id)
                continue
            for orphan in orphans:
                if orphan.cancelled:
                    report.skip(orphan.summary, orphan.start, _("The event is cancelled in the calendar."))
                else:
                    singles.append(orphan)
        for event in sorted(singles, key=lambda item: item.start):
            self._import_single(actor, report, event, room_id, holder)
        for event, _component in masters:
            self._import_series(actor, report, event, instances.get(event.uid, []), room_id, holder)
        return report.freeze()

    def _calendar_holder(self, actor: Actor, path: Path | str, *, dry_run: bool) -> CalendarHolder:
        """The association or group named after the calendar: the first one of that name (in
        any case), else a new informal group, unless this is a dry run."""
        name = default_holder_name(Path(path).read_bytes(), path)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            same = session.execute(
                select(Organisation.id, Organisation.name)
                .where(Organisation.sort_key == fold(name))
                .order_by(Organisation.id)
            ).all()
        for organisation_id, found in same:
            if found.casefold() == name.casefold():
                return CalendarHolder(name=found, organisation_id=organisation_id, created=False)
        if dry_run:
            return CalendarHolder(name=name, organisation_id=None, created=True)
        draft = OrganisationDraft(
            name=name,
            kind=OrganisationKind.INFORMAL_GROUP,
            notes=_("Created by the import of the calendar {file}.").format(file=Path(path).name),
        )
        created = self._organisations.create(actor, draft)
        return CalendarHolder(name=created.draft.name, organisation_id=created.id, created=True)

    def _check_target(self, actor: Actor, room_id: int, holder: _Holder) -> None:
        self._rooms.get(actor, room_id)
        person_id, organisation_id = holder.person_id, holder.organisation_id
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if holder.pending:
                return
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

    def _already_there(self, actor: Actor, room_id: int, event: IcsEvent) -> bool:
        """Whether the event was imported into the room before: by its UID, or without one by its
        start, end and purpose."""
        key = event_key(event.uid, event.recurrence_id)
        if key is not None:
            with self._database.sessions.begin() as session:
                authorise(session, actor)
                found = session.scalar(
                    select(Booking.id).where(Booking.ics_uid == key, Booking.room_id == room_id).limit(1)
                )
            return found is not None
        rows = self._bookings.bookings_between(actor, event.start, event.end, [room_id])
        return any(
            row.id is not None and row.start == event.start and row.end == event.end and row.purpose == event.summary
            for row in rows
        )

    def _import_single(self, actor: Actor, report: _Report, event: IcsEvent, room_id: int, holder: _Holder) -> None:
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
            self._bookings.create_booking(actor, draft, ics_uid=event_key(event.uid, event.recurrence_id))
        except ValidationError as error:
            reason, conflict = self._reason(error, event.start, event.end)
            (report.conflict if conflict else report.skip)(event.summary, event.start, reason)
        else:
            report.created += 1

    def _series_with_key(self, room_id: int, key: str | None) -> int | None:
        """The series of the room imported from the event with this ``ics_uid``, whatever its status."""
        if key is None:
            return None
        with self._database.sessions.begin() as session:
            return session.scalar(
                select(BookingSeries.id)
                .where(BookingSeries.ics_uid == key, BookingSeries.room_id == room_id)
                .order_by(BookingSeries.id)
                .limit(1)
            )

    def _existing_series(self, actor: Actor, room_id: int, event: IcsEvent) -> int | None:
        """The series imported before from this event: by its UID, or without one by its start and
        purpose."""
        key = event_key(event.uid)
        if key is not None:
            return self._series_with_key(room_id, key)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return session.scalar(
                select(BookingSeries.id)
                .where(
                    BookingSeries.room_id == room_id,
                    BookingSeries.dtstart == event.start,
                    BookingSeries.purpose == event.summary,
                    BookingSeries.status != BookingStatus.CANCELLED.value,
                )
                .limit(1)
            )

    def _import_series(
        self,
        actor: Actor,
        report: _Report,
        event: IcsEvent,
        instances: Iterable[IcsEvent],
        room_id: int,
        holder: _Holder,
    ) -> None:
        assert event.rrule is not None
        if event.cancelled:
            report.skip(event.summary, event.start, _("The event is cancelled in the calendar."))
            return
        existing = self._existing_series(actor, room_id, event)
        if existing is not None:
            report.skip(event.summary, event.start, _("Already booked: imported before."))
            self._attach(actor, report, existing, instances, room_id)
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
            preview = self._bookings.preview_series(actor, draft, holder_pending=holder.pending)
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
            series_id = self._bookings.create_series(actor, draft, ics_uid=event_key(event.uid))
        except ValidationError as error:
            report.created -= 1
            report.skip(event.summary, event.start, str(error))
            return
        for item in instances:
            if not item.cancelled and item.recurrence_id is not None:
                self._move(actor, report, series_id, item)

    def _move(self, actor: Actor, report: _Report, series_id: int, item: IcsEvent) -> None:
        """Move the occurrence ``item`` stands for to where the calendar has it; if it cannot go
        there, it is reported and cancelled, since the calendar no longer has it at its old time."""
        assert item.recurrence_id is not None
        try:
            occurrence: BookingRow | None = self._bookings.occurrence(actor, series_id, item.recurrence_id)
        except NotFound:
            occurrence = None  # left out as a conflict: moving it books it, or reports why not
        if occurrence is not None and (item.start, item.end) == (occurrence.start, occurrence.end):
            return  # only the text changed: the occurrence stays where it is
        try:
            self._bookings.move_occurrence(actor, series_id, item.recurrence_id, item.start, item.end)
        except ValidationError as error:
            reason, _conflict = self._reason(error, item.start, item.end)
            report.conflict(item.summary, item.start, reason)
            with contextlib.suppress(ValidationError):
                self._bookings.cancel_occurrence(actor, series_id, item.recurrence_id)

    def _attach(
        self, actor: Actor, report: _Report, series_id: int, instances: Iterable[IcsEvent], room_id: int
    ) -> None:
        """The moved and cancelled instances of a series imported before: those whose occurrence
        the series already has moved, cancelled or left out were imported before (or changed by
        the desk since) and are skipped; a change to an untouched occurrence is applied."""
        for item in sorted(instances, key=lambda item: item.start):
            assert item.recurrence_id is not None
            try:
                occurrence = self._bookings.occurrence(actor, series_id, item.recurrence_id)
            except NotFound:
                occurrence = None
            untouched = occurrence is not None and occurrence.id is None
            if not untouched or (
                occurrence is not None
                and not item.cancelled
                and (item.start, item.end) == (occurrence.start, occurrence.end)
            ):
                report.skip(item.summary, item.start, _("Already booked: imported before."))
            elif report.dry_run:
                busy = None if item.cancelled else self._busy(actor, room_id, item.start, item.end, item.status)
                if busy is not None:
                    report.conflict(item.summary, item.start, busy)
            elif item.cancelled:
                self._bookings.cancel_occurrence(actor, series_id, item.recurrence_id)
            else:
                self._move(actor, report, series_id, item)
