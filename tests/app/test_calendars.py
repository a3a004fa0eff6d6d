"""Calendars in and out: .ics export, and import of Google, Outlook and Thunderbird files."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import icalendar
import pytest

from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.calendars import ImportOutcome, to_house_time
from app.services.ics_events import event_key, uid_and_instance
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

ROME = """BEGIN:VTIMEZONE
TZID:Europe/Rome
X-LIC-LOCATION:Europe/Rome
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""

GOOGLE = f"""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Casa del Quartiere
X-WR-TIMEZONE:Europe/Rome
{ROME}BEGIN:VEVENT
DTSTART;TZID=Europe/Rome:20261006T180000
DTEND;TZID=Europe/Rome:20261006T200000
RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20261110T225959Z;BYDAY=TU
EXDATE;TZID=Europe/Rome:20261020T180000
DTSTAMP:20261001T080000Z
UID:0abc123corso@google.com
CREATED:20260901T080000Z
SUMMARY:Corso di italiano
STATUS:CONFIRMED
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Rome:20261029T190000
DTEND;TZID=Europe/Rome:20261029T210000
DTSTAMP:20261001T080000Z
UID:0abc123corso@google.com
RECURRENCE-ID;TZID=Europe/Rome:20261027T180000
SUMMARY:Corso di italiano (spostato)
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=Europe/Rome:20261103T180000
DTEND;TZID=Europe/Rome:20261103T200000
DTSTAMP:20261001T080000Z
UID:0abc123corso@google.com
RECURRENCE-ID;TZID=Europe/Rome:20261103T180000
SUMMARY:Corso di italiano
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
DTSTART:20261012T160000Z
DTEND:20261012T180000Z
DTSTAMP:20261001T080000Z
UID:0abc123assemblea@google.com
SUMMARY:Assemblea dei soci
STATUS:TENTATIVE
END:VEVENT
END:VCALENDAR
"""

OUTLOOK = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
CLASS:PUBLIC
DTSTART;TZID="W. Europe Standard Time":20261110T170000
DTEND;TZID="W. Europe Standard Time":20261110T183000
DTSTAMP:20261001T080000Z
UID:040000008200E00074C5B7101A82E00800000000
SUMMARY;LANGUAGE=it:Riunione comitato
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT
END:VCALENDAR
"""

OUTLOOK_WITHOUT_VTIMEZONE = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
BEGIN:VEVENT
DTSTART;TZID=W. Europe Standard Time:20260708T170000
DTEND;TZID=W. Europe Standard Time:20260708T183000
DTSTAMP:20261001T080000Z
UID:040000008200E00074C5B7101A82E00800000001
SUMMARY:Riunione estiva
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=GMT Standard Time:20260709T170000
DTEND;TZID=GMT Standard Time:20260709T180000
DTSTAMP:20261001T080000Z
UID:040000008200E00074C5B7101A82E00800000002
SUMMARY:Chiamata da Londra
END:VEVENT
END:VCALENDAR
"""

THUNDERBIRD = f"""BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
{ROME}BEGIN:VEVENT
CREATED:20261001T080000Z
LAST-MODIFIED:20261001T080000Z
DTSTAMP:20261001T080000Z
UID:5e3b1f2a-thunderbird-sartoria
SUMMARY:Laboratorio di sartoria
DTSTART;TZID=Europe/Rome:20261014T153000
DTEND;TZID=Europe/Rome:20261014T173000
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261001T080000Z
UID:5e3b1f2a-thunderbird-festa
SUMMARY:Festa di via
DTSTART;VALUE=DATE:20261017
DTEND;VALUE=DATE:20261018
END:VEVENT
BEGIN:VEVENT
DTSTAMP:20261001T080000Z
UID:5e3b1f2a-thunderbird-floating
SUMMARY:Merenda
DTSTART:20261015T163000
DTEND:20261015T173000
END:VEVENT
END:VCALENDAR
"""


def calendar_of(*events: str) -> str:
    return "BEGIN:VCALENDAR\nPRODID:-//Test//EN\nVERSION:2.0\n" + "".join(events) + "END:VCALENDAR\n"


def utc_event(uid: str, summary: str, start: str, end: str) -> str:
    return (
        f"BEGIN:VEVENT\nUID:{uid}\nDTSTAMP:20260101T000000Z\nSUMMARY:{summary}\n"
        f"DTSTART:{start}\nDTEND:{end}\nEND:VEVENT\n"
    )


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    meeting = services.rooms.create(coordinator, RoomDraft(name="Sala Riunioni", capacity=20))
    association = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    return {"hall": hall.id, "meeting": meeting.id, "org": association.id}


def write(tmp_path: Path, text: str, name: str = "calendar.ics") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8", newline="")
    return path


def rows(services: Services, actor: Actor, room_id: int) -> list[tuple[datetime, datetime, str]]:
    found = services.bookings.bookings_between(actor, datetime(2026, 1, 1), datetime(2028, 1, 1), [room_id])
    return [(row.start, row.end, row.purpose) for row in found]


def test_google_calendar_series_with_exdate_moved_and_cancelled_instances(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    report = services.calendars.import_ics(
        volunteer, write(tmp_path, GOOGLE), room_id=house["hall"], organisation_id=house["org"]
    )
    assert (report.created, report.skipped, report.conflicts) == (2, 0, 0)
    found = services.bookings.bookings_between(volunteer, datetime(2026, 10, 1), datetime(2026, 12, 1))
    assert [(row.start, row.end) for row in found] == [
        (datetime(2026, 10, 6, 18), datetime(2026, 10, 6, 20)),
        (datetime(2026, 10, 12, 18), datetime(2026, 10, 12, 20)),  # 16:00Z in summer time
        (datetime(2026, 10, 13, 18), datetime(2026, 10, 13, 20)),
        (datetime(2026, 10, 29, 19), datetime(2026, 10, 29, 21)),  # moved from 27 October
        (datetime(2026, 11, 10, 18), datetime(2026, 11, 10, 20)),  # after the DST change, still 18:00
    ]
    assert found[1].status is BookingStatus.TENTATIVE
    assert found[3].series_id == found[0].series_id


def test_outlook_windows_time_zone_names(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    services.calendars.import_ics(
        volunteer, write(tmp_path, OUTLOOK), room_id=house["meeting"], organisation_id=house["org"]
    )
    services.calendars.import_ics(
        volunteer,
        write(tmp_path, OUTLOOK_WITHOUT_VTIMEZONE, "bare.ics"),
        room_id=house["meeting"],
        organisation_id=house["org"],
    )
    assert rows(services, volunteer, house["meeting"]) == [
        (datetime(2026, 7, 8, 17), datetime(2026, 7, 8, 18, 30), "Riunione estiva"),
        (datetime(2026, 7, 9, 18), datetime(2026, 7, 9, 19), "Chiamata da Londra"),  # London is an hour behind
        (datetime(2026, 11, 10, 17), datetime(2026, 11, 10, 18, 30), "Riunione comitato"),
    ]


def test_thunderbird_floating_times_and_an_all_day_event_skipped(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    report = services.calendars.import_ics(
        volunteer, write(tmp_path, THUNDERBIRD), room_id=house["hall"], organisation_id=house["org"]
    )
    assert (report.created, report.skipped, report.conflicts) == (2, 1, 0)
    (line,) = report.lines
    assert line.summary == "Festa di via"
    assert line.start == date(2026, 10, 17)
    assert line.outcome is ImportOutcome.SKIPPED
    assert "All-day" in line.reason
    assert rows(services, volunteer, house["hall"]) == [
        (datetime(2026, 10, 14, 15, 30), datetime(2026, 10, 14, 17, 30), "Laboratorio di sartoria"),
        (datetime(2026, 10, 15, 16, 30), datetime(2026, 10, 15, 17, 30), "Merenda"),
    ]


def test_utc_times_in_summer_and_in_winter(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    text = calendar_of(
        utc_event("summer", "Estate", "20260715T160000Z", "20260715T180000Z"),
        utc_event("winter", "Inverno", "20260115T170000Z", "20260115T190000Z"),
    )
    services.calendars.import_ics(
        volunteer, write(tmp_path, text), room_id=house["hall"], person_id=None, organisation_id=house["org"]
    )
    assert [(start, end) for start, end, _purpose in rows(services, volunteer, house["hall"])] == [
        (datetime(2026, 1, 15, 18), datetime(2026, 1, 15, 20)),
        (datetime(2026, 7, 15, 18), datetime(2026, 7, 15, 20)),
    ]
    assert to_house_time(datetime(2026, 3, 29, 1, 30), "UTC") == datetime(2026, 3, 29, 3, 30)


def test_a_conflict_and_a_closure_are_reported_and_the_rest_imported(
    services: Services, volunteer: Actor, admin: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["hall"],
            start=datetime(2026, 7, 15, 17),
            end=datetime(2026, 7, 15, 19),
            organisation_id=house["org"],
            purpose="Prove del coro",
        ),
    )
    services.closures.add(admin, date(2026, 8, 15), reason="Ferragosto")
    text = calendar_of(
        utc_event("busy", "Sovrapposto", "20260715T160000Z", "20260715T180000Z"),
        utc_event("closed", "Ferragosto", "20260815T160000Z", "20260815T180000Z"),
        utc_event("free", "Libero", "20260716T160000Z", "20260716T180000Z"),
    )
    path = write(tmp_path, text)
    dry = services.calendars.import_ics(
        volunteer, path, room_id=house["hall"], organisation_id=house["org"], dry_run=True
    )
    assert (dry.created, dry.skipped, dry.conflicts) == (1, 0, 2)
    assert len(rows(services, volunteer, house["hall"])) == 1  # nothing saved

    report = services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    assert (report.created, report.skipped, report.conflicts) == (1, 0, 2)
    reasons = {line.summary: line.reason for line in report.lines}
    assert "already booked" in reasons["Sovrapposto"]
    assert "Ferragosto" in reasons["Ferragosto"]
    assert [purpose for _start, _end, purpose in rows(services, volunteer, house["hall"])] == [
        "Prove del coro",
        "Libero",
    ]


def test_a_series_books_the_dates_that_do_not_conflict(
    services: Services, volunteer: Actor, admin: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    services.closures.add(admin, date(2026, 12, 8), reason="Immacolata")
    report = services.calendars.import_ics(
        volunteer,
        write(tmp_path, GOOGLE.replace("20261110T225959Z", "20261215T225959Z")),
        room_id=house["hall"],
        organisation_id=house["org"],
    )
    assert report.conflicts == 1
    assert report.lines[0].start == datetime(2026, 12, 8, 18)
    starts = [start for start, _end, _purpose in rows(services, volunteer, house["hall"])]
    assert datetime(2026, 12, 1, 18) in starts and datetime(2026, 12, 15, 18) in starts
    assert datetime(2026, 12, 8, 18) not in starts


def test_a_second_import_of_the_same_file_changes_nothing(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    path = write(tmp_path, GOOGLE)
    services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    before = rows(services, volunteer, house["hall"])
    again = services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    # The series, its moved and its cancelled instance, and the single event: all known by their UID.
    assert (again.created, again.skipped, again.conflicts) == (0, 4, 0)
    assert {line.reason for line in again.lines} == {"Already booked: imported before."}
    assert sorted(line.summary for line in again.lines) == [
        "Assemblea dei soci",
        "Corso di italiano",
        "Corso di italiano",
        "Corso di italiano (spostato)",
    ]
    assert rows(services, volunteer, house["hall"]) == before


def test_the_same_file_imports_into_another_room_and_only_once_there(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    path = write(tmp_path, GOOGLE)
    services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    # Renamed or retimed events are still the same events: the UID decides, not the text.
    renamed = write(tmp_path, GOOGLE.replace("SUMMARY:Assemblea dei soci", "SUMMARY:Assemblea"), "renamed.ics")
    again = services.calendars.import_ics(volunteer, renamed, room_id=house["hall"], organisation_id=house["org"])
    assert (again.created, again.conflicts) == (0, 0)
    elsewhere = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (elsewhere.created, elsewhere.skipped, elsewhere.conflicts) == (2, 0, 0)
    times = [(start, end) for start, end, _purpose in rows(services, volunteer, house["hall"])]
    assert [(start, end) for start, end, _purpose in rows(services, volunteer, house["meeting"])] == times
    twice = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (twice.created, twice.skipped) == (0, 4)


def test_export_writes_the_uids_of_imported_events_and_ours_for_the_rest(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    services.calendars.import_ics(
        volunteer, write(tmp_path, GOOGLE), room_id=house["hall"], organisation_id=house["org"]
    )
    own = services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["hall"],
            start=datetime(2026, 10, 7, 9),
            end=datetime(2026, 10, 7, 10),
            organisation_id=house["org"],
        ),
    )
    calendar = services.calendars.calendar(volunteer, start=date(2026, 10, 1), end=date(2026, 11, 30))
    events = [
        (
            str(event["UID"]),
            event["RECURRENCE-ID"].dt.replace(tzinfo=None) if "RECURRENCE-ID" in event else None,
            event["DTSTART"].dt.replace(tzinfo=None),
        )
        for event in calendar.walk("VEVENT")
    ]
    corso = "0abc123corso@google.com"
    assert events == [
        (corso, datetime(2026, 10, 6, 18), datetime(2026, 10, 6, 18)),
        (f"booking-{own.id}@portineria", None, datetime(2026, 10, 7, 9)),
        ("0abc123assemblea@google.com", None, datetime(2026, 10, 12, 18)),
        (corso, datetime(2026, 10, 13, 18), datetime(2026, 10, 13, 18)),
        (corso, datetime(2026, 10, 27, 18), datetime(2026, 10, 29, 19)),  # moved: known by where it was
        (corso, datetime(2026, 11, 10, 18), datetime(2026, 11, 10, 18)),
    ]
    assert {event["RECURRENCE-ID"].params["TZID"] for event in calendar.walk("VEVENT") if "RECURRENCE-ID" in event} == {
        "Europe/Rome"
    }

    # Imported elsewhere, the instances (without their series) keep UID and RECURRENCE-ID, once.
    path = tmp_path / "hall.ics"
    services.calendars.export_ics(volunteer, path, start=date(2026, 10, 1), end=date(2026, 11, 30))
    report = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (report.created, report.conflicts) == (6, 0)
    again = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (again.created, again.skipped) == (0, 6)
    exported = services.calendars.calendar(
        volunteer, start=date(2026, 10, 1), end=date(2026, 11, 30), room_ids=[house["meeting"]]
    )
    assert [
        (str(event["UID"]), event["RECURRENCE-ID"].dt.replace(tzinfo=None) if "RECURRENCE-ID" in event else None)
        for event in exported.walk("VEVENT")
    ] == [(uid, instance) for uid, instance, _start in events[:1]] + [(f"booking-{own.id}@portineria", None)] + [
        (uid, instance) for uid, instance, _start in events[2:]
    ]


MASTER_ONLY = GOOGLE[: GOOGLE.index("BEGIN:VEVENT\nDTSTART;TZID=Europe/Rome:20261029T190000")] + "END:VCALENDAR\n"
INSTANCES_ONLY = calendar_of(
    GOOGLE[
        GOOGLE.index("BEGIN:VEVENT\nDTSTART;TZID=Europe/Rome:20261029T190000") : GOOGLE.index(
            "BEGIN:VEVENT\nDTSTART:20261012"
        )
    ]
)


def test_instances_without_their_series_attach_to_the_series_of_their_uid(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    first = services.calendars.import_ics(
        volunteer, write(tmp_path, MASTER_ONLY), room_id=house["hall"], organisation_id=house["org"]
    )
    assert first.created == 1
    starts = [start for start, _end, _purpose in rows(services, volunteer, house["hall"])]
    assert datetime(2026, 10, 27, 18) in starts and datetime(2026, 11, 3, 18) in starts
    # A later file brings the moved and the cancelled instance: they change the series.
    path = write(tmp_path, INSTANCES_ONLY, "changes.ics")
    changes = services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    assert (changes.created, changes.skipped, changes.conflicts) == (0, 0, 0)
    starts = [start for start, _end, _purpose in rows(services, volunteer, house["hall"])]
    assert datetime(2026, 10, 27, 18) not in starts and datetime(2026, 11, 3, 18) not in starts
    assert datetime(2026, 10, 29, 19) in starts
    again = services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    assert (again.created, again.skipped, again.conflicts) == (0, 2, 0)
    # What the desk changed since is kept: the file does not move the occurrence back.
    (series_id,) = {
        row.series_id
        for row in services.bookings.bookings_between(
            volunteer, datetime(2026, 10, 1), datetime(2026, 11, 1), [house["hall"]]
        )
    }
    assert series_id is not None
    services.bookings.move_occurrence(
        volunteer, series_id, datetime(2026, 10, 27, 18), datetime(2026, 10, 30, 9), datetime(2026, 10, 30, 11)
    )
    kept = services.calendars.import_ics(volunteer, path, room_id=house["hall"], organisation_id=house["org"])
    assert kept.skipped == 2
    assert services.bookings.occurrence(volunteer, series_id, datetime(2026, 10, 27, 18)).start == datetime(
        2026, 10, 30, 9
    )
    # In another room the instances have no series: the moved one is booked on its own.
    other = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (other.created, other.skipped) == (1, 1)
    assert rows(services, volunteer, house["meeting"]) == [
        (datetime(2026, 10, 29, 19), datetime(2026, 10, 29, 21), "Corso di italiano (spostato)")
    ]


def test_export_then_import_into_another_room_keeps_the_times(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=house["hall"],
            dtstart=datetime(2026, 10, 20, 18),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;COUNT=3",
            organisation_id=house["org"],
            purpose="Corso di italiano",
        ),
    )
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house["hall"],
            start=datetime(2026, 10, 21, 9, 30),
            end=datetime(2026, 10, 21, 12),
            organisation_id=house["org"],
            purpose="Sportello",
            status=BookingStatus.TENTATIVE,
        ),
    )
    path = tmp_path / "out" / "programme.ics"
    path.parent.mkdir()
    count = services.calendars.export_ics(
        volunteer, path, start=date(2026, 10, 1), end=date(2026, 11, 30), room_ids=[house["hall"]]
    )
    assert count == 4
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Rome"
    assert str(first["LOCATION"]) == "Sala Grande"
    assert str(first["UID"]).startswith("series-") and str(first["UID"]).endswith("-20261020T1800@portineria")
    assert {str(event["STATUS"]) for event in events} == {"CONFIRMED", "TENTATIVE"}
    assert [p.name for p in path.parent.iterdir()] == ["programme.ics"]  # no temporary file left

    report = services.calendars.import_ics(volunteer, path, room_id=house["meeting"], organisation_id=house["org"])
    assert (report.created, report.conflicts) == (4, 0)
    hall = [(start, end) for start, end, _purpose in rows(services, volunteer, house["hall"])]
    meeting = [(start, end) for start, end, _purpose in rows(services, volunteer, house["meeting"])]
    assert meeting == hall
    assert hall[-1] == (datetime(2026, 11, 3, 18), datetime(2026, 11, 3, 20))  # after the DST change


def test_exporting_the_whole_house_and_an_empty_range(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "empty.ics"
    assert services.calendars.export_ics(volunteer, path, start=date(2026, 1, 1), end=date(2026, 1, 31)) == 0
    assert icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT") == []


def test_a_path_that_cannot_be_written_or_read(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="cannot be written"):
        services.calendars.export_ics(
            volunteer, tmp_path / "missing" / "x.ics", start=date(2026, 1, 1), end=date(2026, 1, 2)
        )
    with pytest.raises(ValidationError, match="cannot be read"):
        services.calendars.import_ics(
            volunteer, tmp_path / "missing.ics", room_id=house["hall"], organisation_id=house["org"]
        )
    with pytest.raises(ValidationError, match="not a calendar"):
        services.calendars.import_ics(
            volunteer, write(tmp_path, "hello"), room_id=house["hall"], organisation_id=house["org"]
        )
    with pytest.raises(ValidationError, match="Choose who books"):
        services.calendars.import_ics(volunteer, write(tmp_path, GOOGLE), room_id=house["hall"])


def test_times_are_midnight_safe() -> None:
    assert to_house_time(datetime(2026, 12, 31, 23, 30), "UTC") == datetime.combine(date(2027, 1, 1), time(0, 30))


def test_the_reasons_are_in_the_desk_language(
    services: Services, volunteer: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    from app import i18n

    i18n.set_language("it")
    report = services.calendars.import_ics(
        volunteer, write(tmp_path, THUNDERBIRD), room_id=house["hall"], organisation_id=house["org"], dry_run=True
    )
    assert report.lines[0].reason == "Gli eventi di un giorno intero non vengono prenotati: prenota gli orari."
    assert report.created == 2
    assert rows(services, volunteer, house["hall"]) == []


def test_event_keys_fit_the_column_and_read_back() -> None:
    assert event_key("  ") is None
    assert event_key("abc@google.com") == "abc@google.com"
    instance = event_key("abc;x@google.com", datetime(2026, 10, 27, 18))
    assert instance == "abc;x@google.com;RECURRENCE-ID=20261027T1800"
    assert uid_and_instance(instance) == ("abc;x@google.com", datetime(2026, 10, 27, 18))
    assert uid_and_instance("abc@google.com") == ("abc@google.com", None)
    long = event_key("x" * 300)
    assert long is not None and len(long) <= 255 and long == event_key("x" * 300) != event_key("y" * 300)
