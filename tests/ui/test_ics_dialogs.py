"""Calendars in and out from the Rooms page: the import (check, then import) and the export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.clock import HOUSE_TIMEZONE
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.ics_export_dialog import IcsExportDialog, season_end
from ui.dialogs.ics_import_dialog import IcsImportDialog
from ui.pages.rooms_page import RoomsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# What Google Calendar exports for a weekly course with one week off, plus a one-off evening and
# an all-day party (not booked: a room is booked by the hour).
COURSE_ICS = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Il Ponte
X-WR-TIMEZONE:Europe/Rome
BEGIN:VTIMEZONE
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
BEGIN:VEVENT
DTSTART;TZID=Europe/Rome:20261201T180000
DTEND;TZID=Europe/Rome:20261201T200000
RRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20270126T225959Z;BYDAY=TU
EXDATE;TZID=Europe/Rome:20261215T180000
DTSTAMP:20261120T080000Z
UID:7kq2corsoitaliano@google.com
CREATED:20261101T080000Z
SUMMARY:Corso di italiano per donne
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART:20261210T160000Z
DTEND:20261210T180000Z
DTSTAMP:20261120T080000Z
UID:9xx1assemblea@google.com
SUMMARY:Assemblea dei soci
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261219
DTEND;VALUE=DATE:20261220
DTSTAMP:20261120T080000Z
UID:3ab4festa@google.com
SUMMARY:Festa di Natale
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor) -> dict[str, int]:
    salone = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100)).id
    cucina = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=15)).id
    ponte = services.organisations.create(coordinator, OrganisationDraft(name="Il Ponte")).id
    chess = services.organisations.create(coordinator, OrganisationDraft(name="Circolo Scacchi")).id
    return {"salone": salone, "cucina": cucina, "ponte": ponte, "chess": chess}


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> RoomsPage:
    page = RoomsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.show()
    page.shown()
    return page


def open_import(qtbot: QtBot, page: RoomsPage) -> IcsImportDialog:
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IcsImportDialog)
    return dialog


def open_export(qtbot: QtBot, page: RoomsPage) -> IcsExportDialog:
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IcsExportDialog)
    return dialog


def book(services: Services, actor: Actor, room: int, holder: int, start: datetime, end: datetime, what: str) -> None:
    services.bookings.create_booking(
        actor, BookingDraft(room_id=room, start=start, end=end, organisation_id=holder, purpose=what)
    )


def error_text(dialog: IcsImportDialog | IcsExportDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


# -- import ----------------------------------------------------------------------------------------


def test_a_calendar_is_checked_then_imported_and_the_report_shows_the_numbers(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    path = tmp_path / "il-ponte.ics"
    path.write_text(COURSE_ICS, encoding="utf-8")
    # The chess club already has the hall on one of the course's Tuesdays.
    book(
        services,
        coordinator,
        house["salone"],
        house["chess"],
        datetime(2026, 12, 22, 18),
        datetime(2026, 12, 22, 21),
        "Torneo di Natale",
    )
    page = make_page(qtbot, services, coordinator)
    dialog = open_import(qtbot, page)
    assert not dialog.import_button.isEnabled()

    boxes.file_to_open = path
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(path)
    dialog.room.setCurrentIndex(dialog.room.findText("Salone"))
    dialog.organisation.set_organisation(house["ponte"], "Il Ponte")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)

    assert dialog.report is not None and dialog.report.dry_run
    assert dialog.report_view.title.text() == "Check: what the import would do"
    assert dialog.report_view.summary.text() == (
        "2 bookings or series to create · 1 event skipped (already there or not bookable) · 1 date in conflict"
    )
    lines = dialog.report_view.line_texts()
    assert ("Festa di Natale", "Dec 19, 2026", "Skipped", "All-day events are not booked: book the hours.") in lines
    conflict = next(line for line in lines if line[2] == "In conflict")
    assert conflict[0] == "Corso di italiano per donne" and conflict[1].startswith("12/22/26")
    # A check books nothing: only the chess club's tournament is there.
    assert len(services.bookings.bookings_between(coordinator, datetime(2026, 12, 1), datetime(2027, 2, 1))) == 1
    assert dialog.import_button.isEnabled() and dialog.import_button.isDefault()

    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)

    assert dialog.report is not None and not dialog.report.dry_run
    assert dialog.report_view.title.text() == "Imported"
    assert boxes.infos == ["The calendar was imported: 2 bookings or series created, 1 skipped, 1 in conflict."]
    assert not dialog.import_button.isEnabled()
    rows = services.bookings.bookings_between(coordinator, datetime(2026, 12, 1), datetime(2027, 2, 1))
    course = sorted(row.start for row in rows if row.purpose == "Corso di italiano per donne")
    assert course == [
        datetime(2026, 12, 1, 18),
        datetime(2026, 12, 8, 18),
        datetime(2026, 12, 29, 18),
        datetime(2027, 1, 5, 18),
        datetime(2027, 1, 12, 18),
        datetime(2027, 1, 19, 18),
        datetime(2027, 1, 26, 18),
    ]  # no 15 December (EXDATE), no 22 December (the chess tournament)
    assembly = [row for row in rows if row.purpose == "Assemblea dei soci"]
    assert [(row.start, row.end, row.holder) for row in assembly] == [
        (datetime(2026, 12, 10, 17), datetime(2026, 12, 10, 19), "Il Ponte")
    ]  # 16:00 UTC is 17:00 in Turin


def test_a_second_check_of_the_same_file_finds_nothing_to_create(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    path = tmp_path / "il-ponte.ics"
    path.write_text(COURSE_ICS, encoding="utf-8")
    services.calendars.import_ics(coordinator, path, room_id=house["salone"], organisation_id=house["ponte"])
    dialog = open_import(qtbot, make_page(qtbot, services, coordinator))
    type_text(dialog.path, str(path))
    dialog.room.setCurrentIndex(dialog.room.findText("Salone"))
    dialog.organisation.set_organisation(house["ponte"], "Il Ponte")
    dialog.check()

    assert dialog.report is not None and dialog.report.created == 0
    assert dialog.report_view.summary.text().startswith("0 bookings or series to create · 3 events skipped")
    assert not dialog.import_button.isEnabled()


def test_changing_the_room_after_a_check_asks_for_a_new_check(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "il-ponte.ics"
    path.write_text(COURSE_ICS, encoding="utf-8")
    dialog = open_import(qtbot, make_page(qtbot, services, coordinator))
    dialog.path.setText(str(path))
    dialog.organisation.set_organisation(house["ponte"], "Il Ponte")
    dialog.check()
    assert dialog.import_button.isEnabled()

    dialog.room.setCurrentIndex(dialog.room.findText("Salone"))

    assert not dialog.import_button.isEnabled()
    assert dialog.report is None
    assert dialog.report_view.title.text() == "Nothing checked yet."


def test_the_import_says_what_is_missing_or_wrong(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    dialog = open_import(qtbot, make_page(qtbot, services, coordinator))
    dialog.check()
    assert error_text(dialog, "path") == "Choose the calendar file (.ics) to import."
    assert error_text(dialog, "holder") == ""  # no association: the group named after the calendar

    not_a_calendar = tmp_path / "lettera.ics"
    not_a_calendar.write_text("Cara Giulia,\nci vediamo martedì.\n", encoding="utf-8")
    dialog.path.setText(str(not_a_calendar))
    dialog.as_person.setChecked(True)
    assert dialog.holder_stack.currentWidget() is dialog.person
    dialog.as_organisation.setChecked(True)
    dialog.organisation.set_organisation(house["ponte"], "Il Ponte")
    dialog.check()

    assert "is not a calendar (.ics)" in error_text(dialog, "path")
    assert error_text(dialog, "holder") == ""
    assert dialog.report is None
    assert boxes.errors == []


# -- export ----------------------------------------------------------------------------------------


def test_season_end_is_the_next_30_june() -> None:
    assert season_end(date(2026, 11, 22)) == date(2027, 6, 30)
    assert season_end(date(2027, 3, 1)) == date(2027, 6, 30)
    assert season_end(date(2027, 6, 30)) == date(2027, 6, 30)
    assert season_end(date(2027, 7, 1)) == date(2028, 6, 30)


def test_the_programme_of_a_room_is_exported_to_a_file_icalendar_reads_back(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    book(
        services,
        coordinator,
        house["salone"],
        house["ponte"],
        datetime(2026, 12, 10, 17),
        datetime(2026, 12, 10, 19),
        "Assemblea dei soci",
    )
    book(
        services,
        coordinator,
        house["salone"],
        house["chess"],
        datetime(2027, 7, 3, 15),
        datetime(2027, 7, 3, 18),
        "Torneo d'estate",
    )  # after the season: not exported
    book(
        services,
        coordinator,
        house["cucina"],
        house["ponte"],
        datetime(2026, 12, 12, 10),
        datetime(2026, 12, 12, 13),
        "Pranzo sociale",
    )
    dialog = open_export(qtbot, make_page(qtbot, services, coordinator))
    assert dialog.first_day.date() == QDate(2026, 11, 22)
    assert dialog.last_day.date() == QDate(2027, 6, 30)
    dialog.room.setCurrentIndex(dialog.room.findText("Salone"))
    target = tmp_path / "salone.ics"
    boxes.file_to_save = target

    qtbot.keyClick(dialog.room, Qt.Key.Key_Return)  # Enter exports

    assert boxes.suggested_paths[0].name == "programme-salone-2026-11-22-2027-06-30.ics"
    assert boxes.infos == [f"1 event written to {target}."]
    assert dialog.written == target and dialog.count == 1
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Assemblea dei soci"]
    start = events[0].decoded("DTSTART")
    assert start == datetime(2026, 12, 10, 17, tzinfo=HOUSE_TIMEZONE)
    assert events[0].decoded("DTEND") == datetime(2026, 12, 10, 19, tzinfo=HOUSE_TIMEZONE)
    assert str(events[0]["LOCATION"]) == "Salone"


def test_the_whole_house_is_exported_with_every_room(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    book(
        services,
        coordinator,
        house["salone"],
        house["ponte"],
        datetime(2026, 12, 10, 17),
        datetime(2026, 12, 10, 19),
        "Assemblea dei soci",
    )
    services.bookings.create_booking(
        coordinator,
        BookingDraft(
            room_id=house["cucina"],
            start=datetime(2026, 12, 12, 10),
            end=datetime(2026, 12, 12, 13),
            organisation_id=house["ponte"],
            purpose="Pranzo sociale",
            status=BookingStatus.TENTATIVE,
        ),
    )
    dialog = open_export(qtbot, make_page(qtbot, services, coordinator))
    assert dialog.room.currentText() == "The whole house"
    boxes.file_to_save = tmp_path / "casa.ics"
    dialog.export()

    events = icalendar.Calendar.from_ical((tmp_path / "casa.ics").read_bytes()).walk("VEVENT")
    assert sorted((str(e["SUMMARY"]), str(e["LOCATION"]), str(e["STATUS"])) for e in events) == [
        ("Assemblea dei soci", "Salone", "CONFIRMED"),
        ("Pranzo sociale", "Cucina", "TENTATIVE"),
    ]
    assert boxes.suggested_paths[0].name == "programme-house-2026-11-22-2027-06-30.ics"
    assert boxes.infos == [f"2 events written to {tmp_path / 'casa.ics'}."]


def test_an_export_cancelled_or_with_the_days_reversed_writes_nothing(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes, tmp_path: Path
) -> None:
    dialog = open_export(qtbot, make_page(qtbot, services, coordinator))
    dialog.last_day.setDate(QDate(2026, 11, 1))
    dialog.export()
    assert error_text(dialog, "last_day") == "The last day is before the first day: check both dates."
    assert boxes.suggested_paths == []

    dialog.last_day.setDate(QDate(2026, 12, 31))
    boxes.file_to_save = None  # the person cancels the save dialog
    dialog.export()
    assert error_text(dialog, "last_day") == ""
    assert len(boxes.suggested_paths) == 1
    assert dialog.isVisible() and dialog.written is None
    assert list(tmp_path.glob("*.ics")) == []


# -- keyboard --------------------------------------------------------------------------------------


def active(qtbot: QtBot, dialog: IcsImportDialog | IcsExportDialog) -> None:
    """Mnemonics work in the active window only."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def press_alt(qtbot: QtBot, dialog: IcsImportDialog | IcsExportDialog, letter: Qt.Key) -> object:
    focus = dialog.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, letter, Qt.KeyboardModifier.AltModifier)
    return dialog.focusWidget()


def test_the_labels_of_both_calendar_dialogs_reach_their_fields(
    qtbot: QtBot, services: Services, coordinator: Actor, house: dict[str, int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, coordinator)
    dialog = open_export(qtbot, page)
    active(qtbot, dialog)
    assert press_alt(qtbot, dialog, Qt.Key.Key_T) is dialog.last_day  # "&To"
    assert press_alt(qtbot, dialog, Qt.Key.Key_F) is dialog.first_day  # "&From"
    assert press_alt(qtbot, dialog, Qt.Key.Key_P) is dialog.room  # "&Programme of"
    dialog.reject()

    dialog_in = open_import(qtbot, page)
    active(qtbot, dialog_in)
    assert press_alt(qtbot, dialog_in, Qt.Key.Key_R) is dialog_in.room  # "&Room"
    assert press_alt(qtbot, dialog_in, Qt.Key.Key_F) is dialog_in.path  # "&File"
