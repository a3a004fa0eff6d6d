"""Reading ``.ics`` files: events, their times in the house's zone, and the keys that recognise them.

Every time (with TZID, in UTC or floating) becomes the house's naive local time; Windows zone names
(Outlook) are mapped to IANA ones. An event's UID is kept as its key (``event_key``); an instance
(RECURRENCE-ID) imported without its series is keyed ``UID;RECURRENCE-ID=yyyymmddThhmm``, which the
export reads back into a UID and a RECURRENCE-ID (``uid_and_instance``).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.clock import HOUSE_TIMEZONE
from app.errors import ValidationError
from app.i18n import _
from app.services.booking_types import BookingStatus

if TYPE_CHECKING:
    import icalendar

_INSTANCE = ";RECURRENCE-ID="  # joins a UID and an instance's start in an ``ics_uid``
_KEY_LENGTH = 255  # the size of the ``ics_uid`` columns


@dataclass(frozen=True)
class IcsEvent:
    """One VEVENT, its times in the house's naive local time."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    status: BookingStatus
    cancelled: bool
    rrule: str | None
    exdates: tuple[datetime, ...]
    recurrence_id: datetime | None


class AllDay(Exception):
    """The event has a date, not a time: nothing to book."""


def _zone(tzid: str) -> tzinfo | None:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON  # loaded with the first file

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
    """The local time of a DTSTART-like property; raises ``AllDay`` for a DATE value."""
    value = prop.dt
    if not isinstance(value, datetime):
        raise AllDay
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
    import icalendar  # loaded with the first file: it costs some 30 ms at every start

    ical: bytes = icalendar.vRecur(values).to_ical()  # type: ignore[no-untyped-call]
    return ical.decode().upper()


def read_event(component: icalendar.cal.Component) -> IcsEvent:
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
    return IcsEvent(
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


def uid_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M")


def _key(text: str) -> str:
    """``text`` as an ``ics_uid``: as it is, or a digest of it when it is too long to store."""
    if len(text) <= _KEY_LENGTH:
        return text
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def event_key(uid: str, recurrence_id: datetime | None = None) -> str | None:
    """What ``ics_uid`` stores for an event (None without a UID): the UID, or for an instance
    imported without its series the UID and the instance's original start."""
    uid = uid.strip()
    if not uid:
        return None
    return _key(uid if recurrence_id is None else f"{uid}{_INSTANCE}{uid_stamp(recurrence_id)}")


def uid_and_instance(key: str) -> tuple[str, datetime | None]:
    uid, joined, stamp = key.rpartition(_INSTANCE)
    if joined:
        with contextlib.suppress(ValueError):
            return uid, datetime.strptime(stamp, "%Y%m%dT%H%M")
    return key, None


def read_events(path: Path | str) -> list[Any]:
    """The VEVENT components of every calendar in the file.

    Raises:
        ValidationError: the file cannot be read, or is not a calendar.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ValidationError(
            _("The calendar file {path} cannot be read: check its name and folder.").format(path=path),
            field="path",
        ) from error
    try:
        import icalendar  # loaded with the first file: it costs some 30 ms at every start

        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(
            _("The file {path} is not a calendar (.ics): export it again from the calendar program.").format(path=path),
            field="path",
        ) from error
    return [event for calendar in calendars for event in calendar.walk("VEVENT")]
