"""The booking editor, driven as at the desk: from the day view, from the keyboard, in Italian too.

The flow of issue 4: drag on free time -> the editor opens filled in -> the holder is chosen -> a
span in conflict is refused under the time fields and nothing is saved -> the time corrected ->
saved -> shown in the day view. Then the "every Tuesday" series with its conflicts, the changes
and cancellations of a booking, the three choices of dates for an occurrence of a series, the
capacity, the price, and screenshots in Italian at 1366x768.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.errors import ValidationError
from app.i18n import format_money, format_time, set_language
from app.services import Services
from app.services.bookings import BookingDraft, BookingRow, BookingStatus, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.booking_editor import BookingEditor, Mode, open_new_booking
from ui.dialogs.series_scope_dialog import Scope, SeriesScopeDialog
from ui.pages.bookings_page import BookingsPage
from ui.widgets.record_picker import RecordPicker
from ui.widgets.repeat_rule import Frequency

# The offscreen platform cannot resize, raise or grab for the pickers' popups and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

DAY = date(2026, 12, 1)  # a Tuesday; the tests' clock says Sunday 22 November 2026
HOLIDAY = date(2026, 12, 8)  # a Tuesday: the Immaculate Conception, the house is closed


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@dataclass(frozen=True)
class House:
    hall: int
    half_a: int
    half_b: int
    kitchen: int
    person: int
    choir: int  # a member association: the reduced rate
    neighbours: int
    assembly: int  # confirmed, the hall, DAY 18:00-20:00


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    rooms = services.rooms
    hall = rooms.create(
        coordinator, RoomDraft(name="Sala Grande", capacity=100, hourly_rate_cents=2000, member_rate_cents=1000)
    ).id
    half_a = rooms.create(
        coordinator, RoomDraft(name="Sala Grande A", capacity=50, hourly_rate_cents=1200, parent_id=hall)
    ).id
    half_b = rooms.create(
        coordinator, RoomDraft(name="Sala Grande B", capacity=50, hourly_rate_cents=1200, parent_id=hall)
    ).id
    kitchen = rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1000)).id
    services.closures.add(coordinator, HOLIDAY, HOLIDAY, "Immacolata Concezione")
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    choir = services.organisations.create(coordinator, OrganisationDraft(name="Coro Barriera", member=True)).id
    neighbours = services.organisations.create(coordinator, OrganisationDraft(name="Comitato di quartiere")).id
    assembly = services.bookings.create_booking(
        volunteer,
        BookingDraft(room_id=hall, start=at(18), end=at(20), organisation_id=neighbours, purpose="Assemblea"),
    ).id
    assert assembly is not None
    return House(hall, half_a, half_b, kitchen, person, choir, neighbours, assembly)


# -- helpers -------------------------------------------------------------------------------------------


def make_page(qtbot: QtBot, services: Services, actor: Actor, day: date = DAY) -> BookingsPage:
    page = BookingsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitActive(page):
        page.show()
    page.set_day(day)
    page.shown()
    return page


def opened_editor(qtbot: QtBot, page: BookingsPage) -> BookingEditor:
    editor = page.dialog
    assert isinstance(editor, BookingEditor)
    assert editor.isVisible()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def make_editor(qtbot: QtBot, services: Services, actor: Actor, **target: Any) -> BookingEditor:
    editor = BookingEditor(services=services, actor=actor, **target)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def drag(qtbot: QtBot, page: BookingsPage, room_id: int, start: datetime, end: datetime) -> None:
    """Press on free time at ``start`` in the room's column and release at ``end``."""
    view = page.view
    view.place_cursor(start)  # scrolls the hours into sight
    top = view.point_at(room_id, start + timedelta(minutes=2))
    bottom = view.point_at(room_id, end - timedelta(minutes=2))
    viewport = view.viewport()
    x = int(top.x())
    with qtbot.waitSignal(view.span_selected):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, int(top.y())))
        qtbot.mouseMove(viewport, QPoint(x, int((top.y() + bottom.y()) / 2)))
        qtbot.mouseMove(viewport, QPoint(x, int(bottom.y())))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, int(bottom.y())))


def choose(qtbot: QtBot, picker: RecordPicker, text: str) -> None:
    """Type part of a name, go down into the list and press Enter, like a volunteer would."""
    picker.edit.setFocus()
    type_text(picker.edit, text)
    assert picker.popup.isVisible()
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert picker.chosen_id() is not None


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Put the cursor in a date or time field as Tab would, and type over it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(widget, text)


def error_text(editor: QDialog, field: str) -> str:
    label = editor.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(editor) else ""


def answer_scope(scope: Scope | None, asked: list[SeriesScopeDialog]) -> None:
    """Answer the next "which dates?" question with ``scope`` (None: Back), as a person would:
    the radio button, then Enter or Esc. The question opens its own event loop (``exec``)."""
    tries = [0]

    def answer() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SeriesScopeDialog) and w.isVisible()]
        if not dialogs:
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(10, answer)
            return
        dialog = dialogs[0]
        asked.append(dialog)
        if scope is None:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return
        button = dialog.buttons_by_scope[scope]
        if button.isEnabled():
            button.click()
            QTest.keyClick(button, Qt.Key.Key_Return)  # Enter: the default button
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the test then fails on what it expected

    QTimer.singleShot(0, answer)


def rows_on(services: Services, actor: Actor, day: date) -> list[BookingRow]:
    start = datetime.combine(day, time())
    return services.bookings.bookings_between(actor, start, start + timedelta(days=1))


def series_between(services: Services, actor: Actor) -> list[BookingRow]:
    """The occurrences of series from DAY to the end of June 2027."""
    rows = services.bookings.bookings_between(actor, at(0), at(0, day=date(2027, 7, 1)))
    return [row for row in rows if row.series_id is not None]


def shown_purposes(page: BookingsPage) -> list[str]:
    return sorted(row.purpose for row, _rect in page.view.row_rects())


# -- the flow of the issue: drag, conflict, fix, saved, shown -------------------------------------------


def test_dragging_free_time_opens_the_editor_and_a_conflict_saves_nothing_until_the_time_is_fixed(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    assert shown_purposes(page) == ["Assemblea"]
    # Half A of the hall from 18:00 to 19:30, while the whole hall is booked for the assembly.
    drag(qtbot, page, house.half_a, at(18), at(19, 30))
    editor = opened_editor(qtbot, page)
    assert editor.mode is Mode.NEW
    assert editor.windowTitle() == "New booking"
    assert editor.form.room_id() == house.half_a
    assert editor.form.span() == (at(18), at(19, 30))
    assert editor.form.person.edit.hasFocus()  # room and time came from the drag: the name is next
    choose(qtbot, editor.form.person, "rossi")
    qtbot.keyClicks(editor.form.purpose, "Prove di teatro")
    assert editor.form.price.text() == format_money(1800)  # 1.5 h at 12 euro

    with pytest.raises(ValidationError) as refused:
        services.bookings.create_booking(
            volunteer, BookingDraft(room_id=house.half_a, start=at(18), end=at(19, 30), person_id=house.person)
        )
    expected = refused.value.for_field("start")[0]
    qtbot.keyClick(editor.form.purpose, Qt.Key.Key_Return)  # Enter saves

    assert editor.isVisible()
    assert error_text(editor, "start") == expected
    assert "Comitato di quartiere" in expected  # it names the booking in the way
    assert editor.form.start.hasFocus()
    assert [row.purpose for row in rows_on(services, volunteer, DAY)] == ["Assemblea"]
    assert boxes.errors == []

    # The assembly ends at 20:00: from 20:00 to 21:30 the half is free.
    qtbot.keyClicks(editor.form.start, "2000")
    type_into(qtbot, editor.form.end, "2130")
    qtbot.keyClick(editor.form.end, Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert page.dialog is None
    saved = [row for row in rows_on(services, volunteer, DAY) if row.purpose == "Prove di teatro"]
    assert [(row.room_id, row.start, row.end, row.person_id) for row in saved] == [
        (house.half_a, at(20), at(21, 30), house.person)
    ]
    assert shown_purposes(page) == ["Assemblea", "Prove di teatro"]
    assert page.focusWidget() is page.view  # back in the calendar, ready for the next one


def test_new_booking_button_and_ctrl_n_open_an_empty_editor_on_the_day_shown(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    assert "Ctrl+N" in page.new_button.toolTip()
    page.add_new()  # what the main window's Ctrl+N calls
    editor = opened_editor(qtbot, page)
    assert editor.form.booking_day() == DAY
    assert editor.form.room.hasFocus()  # nothing chosen yet: the room first
    assert editor.form.span() == (at(9), at(10))
    assert "Sala Grande · up to 100 people" in [editor.form.room.itemText(i) for i in range(editor.form.room.count())]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not editor.isVisible() and boxes.questions == []
    assert page.dialog is None

    page.new_button.click()
    assert isinstance(page.dialog, BookingEditor)
    page.dialog.reject()


def test_a_room_name_with_spaces_is_typed_whole_and_the_list_stays_shut(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    page.add_new()
    editor = opened_editor(qtbot, page)
    room = editor.form.room
    assert room.hasFocus() and "Alt+Down" in room.toolTip()
    qtbot.keyClicks(room, "Sala Grande B")  # the spaces are real Space keys
    assert not room.view().isVisible()  # Space did not open the list
    assert editor.form.room_id() == house.half_b
    assert editor.form.capacity_hint.text() == "Sala Grande B holds 50 people."
    qtbot.keyClick(room, Qt.Key.Key_Tab)  # and the cursor goes on to the day, as from any field
    assert editor.form.day.hasFocus()

    # Alt+Down (or F4) still opens the list, and Esc shuts it without closing the editor.
    room.setFocus()
    qtbot.keyClick(room, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(room.view().isVisible)
    qtbot.keyClick(room.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not room.view().isVisible())
    assert editor.isVisible()
    assert editor.form.room_id() == house.half_b
    qtbot.keyClicks(room, "cucina")  # a new search after another key; any case will do
    assert editor.form.room_id() == house.kitchen
    editor.reject()


# -- a series: every Tuesday, with the dates that cannot be booked -------------------------------------


def test_every_tuesday_from_the_keyboard_lists_the_conflicts_and_books_the_other_dates(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    # Another association has the hall on one Tuesday evening in March.
    march = date(2027, 3, 16)
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=house.hall,
            start=at(18, 30, march),
            end=at(19, 30, march),
            organisation_id=house.neighbours,
            purpose="Assemblea di marzo",
        ),
    )
    page = make_page(qtbot, services, volunteer)
    page.add_new()
    editor = opened_editor(qtbot, page)
    form = editor.form
    # Everything from the keyboard: room, day, times, association, purpose, people, repetition.
    qtbot.keyClicks(form.room, "Sala Grande")  # the whole name, its space too
    assert form.room_id() == house.hall
    qtbot.keyClick(form.room, Qt.Key.Key_Tab)
    assert form.day.hasFocus()
    qtbot.keyClicks(form.day, "01122026")
    qtbot.keyClick(form.day, Qt.Key.Key_Tab)
    assert form.start.hasFocus()
    qtbot.keyClicks(form.start, "1800")
    qtbot.keyClick(form.start, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.end, "2000")
    qtbot.keyClick(form.end, Qt.Key.Key_Tab)
    assert form.person_button.hasFocus()
    qtbot.keyClick(form.person_button, Qt.Key.Key_Right)  # the association, not a person
    assert form.organisation_button.isChecked()
    qtbot.keyClick(form.organisation_button, Qt.Key.Key_Tab)
    assert form.organisation.edit.hasFocus()
    type_text(form.organisation.edit, "coro")
    qtbot.keyClick(form.organisation.popup, Qt.Key.Key_Down)
    qtbot.keyClick(form.organisation.popup, Qt.Key.Key_Return)
    assert form.organisation.organisation_id() == house.choir
    qtbot.keyClick(form.organisation.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.purpose, "Prove del coro")
    qtbot.keyClick(form.purpose, Qt.Key.Key_Tab)
    assert form.public.hasFocus()  # "Public event", right under the purpose
    qtbot.keyClick(form.public, Qt.Key.Key_Space)
    qtbot.keyClick(form.public, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.people, "30")
    assert form.price.text() == format_money(2000)  # two hours at the member rate of 10 euro
    qtbot.keyClick(form.people, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # "R&epeat"
    assert editor.repeat.frequency.hasFocus()
    qtbot.keyClick(editor.repeat.frequency, Qt.Key.Key_Down)  # "Every week", Tuesday already ticked
    assert editor.repeat.rule() == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959"  # the season ends in June
    assert editor.repeat.summary.text() == "Every week on Tuesday, until Jun 30, 2027"
    qtbot.keyClick(editor.repeat.frequency, Qt.Key.Key_Return)  # Enter: check the dates

    assert editor.isVisible()
    assert editor.conflicts.isVisible()
    # The assembly on the first Tuesday, the holiday, the other association in March.
    assert editor.conflicts.lines() == [
        f"Tue 1 Dec 2026 — {format_time(at(18))}-{format_time(at(20))}: Comitato di quartiere",
        "Tue 8 Dec 2026 — the house is closed",
        f"Tue 16 Mar 2027 — {format_time(at(18, 30))}-{format_time(at(19, 30))}: Comitato di quartiere",
    ]
    assert editor.conflicts.summary.text() == "3 of the 31 dates cannot be booked, for the reasons below."
    assert editor.conflicts.advice.text() == (
        "“Book the other 28 dates” saves the series without these dates. Or change the time, the room or the days."
    )
    assert editor.conflicts.book_button.text() == "Book the other 28 dates"
    assert editor.conflicts.book_button.hasFocus()
    assert series_between(services, volunteer) == []  # nothing saved yet
    qtbot.keyClick(editor.conflicts.book_button, Qt.Key.Key_Return)  # Enter books the others

    assert editor.result() == QDialog.DialogCode.Accepted
    occurrences = series_between(services, volunteer)
    assert len(occurrences) == 28
    assert {row.start.weekday() for row in occurrences} == {1}
    assert {(row.start.time(), row.end.time()) for row in occurrences} == {(time(18), time(20))}
    series_id = occurrences[0].series_id
    assert series_id is not None
    series = services.bookings.series(volunteer, series_id)
    assert set(series.exdates) == {at(18), at(18, day=HOLIDAY), at(18, day=march)}
    assert (series.room_id, series.organisation_id, series.purpose, series.people_count) == (
        house.hall,
        house.choir,
        "Prove del coro",
        30,
    )
    assert series.public  # ticked from the keyboard: on the weekly programme
    assert all(row.public for row in occurrences)
    assert series.price_cents == 2000
    # The page shows the first Tuesday, where the series starts: the assembly kept its evening.
    assert page.day() == DAY
    assert shown_purposes(page) == ["Assemblea"]
    page.move_day(7)
    assert shown_purposes(page) == []  # the holiday
    page.move_day(7)
    assert shown_purposes(page) == ["Prove del coro"]


def test_a_series_without_conflicts_is_saved_at_once_and_changes_clear_a_stale_list(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(
        qtbot,
        services,
        volunteer,
        room_id=house.kitchen,
        start=at(10, day=date(2027, 1, 7)),
        end=at(12, day=date(2027, 1, 7)),
    )
    choose(qtbot, editor.form.person, "rossi")
    editor.repeat.frequency.setCurrentIndex(editor.repeat.frequency.findText("Every month"))
    assert editor.repeat.ordinal.currentText() == "the first Thursday of the month"
    editor.repeat.ends_count.setChecked(True)
    editor.repeat.count.setValue(3)
    assert editor.repeat.summary.text() == "The first Thursday of the month, 3 times"
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    starts = [
        row.start
        for row in services.bookings.bookings_between(
            volunteer, at(0, day=date(2027, 1, 1)), at(0, day=date(2027, 6, 1))
        )
        if row.room_id == house.kitchen
    ]
    assert starts == [at(10, day=date(2027, 1, 7)), at(10, day=date(2027, 2, 4)), at(10, day=date(2027, 3, 4))]

    # A weekly series that meets the holiday: the list appears; changing a field hides it again.
    other = make_editor(qtbot, services, volunteer, room_id=house.kitchen, start=at(15), end=at(16))
    choose(qtbot, other.form.person, "rossi")
    other.repeat.frequency.setCurrentIndex(other.repeat.frequency.findText("Every week"))
    other.repeat.ends_count.setChecked(True)
    other.repeat.count.setValue(4)
    other.save()
    assert other.conflicts.isVisible() and other.conflicts.book_button.isDefault()
    other.form.purpose.setText("Merenda")
    assert not other.conflicts.isVisible()
    assert other.save_button.isDefault()
    assert other.isVisible()


SINGERS = "Coro Multietnico Voci di Barriera di Milano"


def singers_on_tuesdays(services: Services, coordinator: Actor, volunteer: Actor, house: House, until: str) -> None:
    """A long-named choir in the hall every Tuesday 21:00-22:30 until ``until`` (not on the holiday)."""
    singers = services.organisations.create(coordinator, OrganisationDraft(name=SINGERS)).id
    draft = SeriesDraft(
        room_id=house.hall,
        dtstart=at(21),
        duration_minutes=90,
        rrule=f"FREQ=WEEKLY;BYDAY=TU;UNTIL={until}T235959",
        organisation_id=singers,
        purpose="Prove del coro",
    )
    closed = tuple(c.occurrence_start for c in services.bookings.preview_series(volunteer, draft).conflicts)
    services.bookings.create_series(volunteer, replace(draft, exdates=closed))


def weekly_in_the_hall(qtbot: QtBot, services: Services, volunteer: Actor, house: House) -> BookingEditor:
    """A new booking of the hall every Tuesday 20:00-22:00 until June, checked with Save."""
    editor = make_editor(qtbot, services, volunteer, room_id=house.hall, start=at(20), end=at(22))
    choose(qtbot, editor.form.person, "rossi")
    editor.repeat.frequency.setCurrentIndex(editor.repeat.frequency.findData(Frequency.WEEKLY))
    editor.save()
    assert editor.conflicts.isVisible() and editor.isVisible()
    return editor


def lines_read_whole(editor: BookingEditor) -> None:
    """Each date's line is inside its row, wrapped if need be: nothing is cut, nothing scrolls sideways."""
    dates = editor.conflicts.dates
    assert dates.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert dates.horizontalScrollBar().maximum() == 0
    metrics = dates.fontMetrics()
    for row in range(dates.count()):
        item = dates.item(row)
        rect = dates.visualItemRect(item)
        assert rect.right() <= dates.viewport().width()
        needed = metrics.boundingRect(
            0, 0, rect.width() - 8, 10_000, int(Qt.TextFlag.TextWordWrap), item.text()
        ).height()
        assert needed <= rect.height(), item.text()


def fits_screen_height(window: QWidget) -> bool:
    screen, frame = window.screen().availableGeometry(), window.frameGeometry()
    return screen.top() <= frame.top() and frame.bottom() <= screen.bottom()


def test_many_dates_that_cannot_be_booked_are_each_read_whole_and_the_editor_fits_1280x768(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, boxes: Boxes, tmp_path: Path
) -> None:
    set_language("it")
    singers_on_tuesdays(services, coordinator, volunteer, house, until="20270316")
    editor = weekly_in_the_hall(qtbot, services, volunteer, house)
    conflicts = editor.conflicts
    lines = conflicts.lines()
    assert len(lines) == 16  # the choir's 15 Tuesdays (its 21:00 overlaps) and the holiday
    assert lines[0] == f"mar 1 dic 2026 — {format_time(at(21))}-{format_time(at(22, 30))}: {SINGERS}"
    editor.grab().save(str(tmp_path / "booking_editor_many_conflicts_it.png"))
    assert conflicts.summary.text() == "16 delle 31 date non si possono prenotare, per i motivi qui sotto."
    assert conflicts.advice.text() == (
        "«Prenota le altre 15 date» salva la serie senza queste date. Oppure cambia l'orario, la sala o i giorni."
    )
    assert conflicts.book_button.text() == "Prenota le altre 15 date" and conflicts.book_button.hasFocus()
    lines_read_whole(editor)
    # Taller with many dates: at least ten of them are seen at once, the rest scroll.
    viewport = conflicts.dates.viewport().rect()
    seen = [
        row for row in range(len(lines)) if viewport.contains(conflicts.dates.visualItemRect(conflicts.dates.item(row)))
    ]
    assert len(seen) >= 10
    assert editor.width() <= 1280  # the desk's screen; the tests' screen is 800x800 (too narrow)
    assert fits_screen_height(editor)
    for label in (conflicts.summary, conflicts.advice):
        assert label.wordWrap() and label.heightForWidth(label.width()) <= label.height()
    qtbot.keyClick(conflicts.book_button, Qt.Key.Key_Return)  # and Enter still books the other dates
    assert editor.result() == QDialog.DialogCode.Accepted


def test_when_no_date_is_free_the_box_says_what_to_change(
    qtbot: QtBot, services: Services, coordinator: Actor, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    singers_on_tuesdays(services, coordinator, volunteer, house, until="20270630")
    editor = weekly_in_the_hall(qtbot, services, volunteer, house)
    conflicts = editor.conflicts
    assert len(conflicts.lines()) == 31
    assert conflicts.summary.text() == "None of the dates can be booked: change the time, the room or the days."
    assert not conflicts.advice.isVisible()
    assert not conflicts.book_button.isEnabled() and conflicts.book_button.text() == "No date is free"
    lines_read_whole(editor)
    assert fits_screen_height(editor)


def test_a_repetition_with_no_day_is_explained_under_it(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, room_id=house.kitchen, start=at(15), end=at(16))
    choose(qtbot, editor.form.person, "rossi")
    editor.repeat.frequency.setCurrentIndex(editor.repeat.frequency.findText("Every week"))
    editor.repeat.day_boxes[1].setChecked(False)
    editor.save()
    assert editor.isVisible()
    assert error_text(editor, "repeat") == "Choose at least one day of the week."
    assert rows_on(services, volunteer, DAY)[0].id == house.assembly
    assert len(rows_on(services, volunteer, DAY)) == 1


# -- a stored booking: shown, changed, moved, cancelled ------------------------------------------------


def test_opening_a_booking_shows_it_with_what_it_owes_and_saving_changes_and_moves_it(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    rect = dict((i, r) for i, r in page.view.booking_rects() if i is not None)[house.assembly]
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    editor = opened_editor(qtbot, page)
    assert editor.mode is Mode.BOOKING
    assert editor.windowTitle() == "Booking: Assemblea"
    assert editor.form.room_id() == house.hall
    assert editor.form.span() == (at(18), at(20))
    assert editor.form.organisation.organisation_id() == house.neighbours
    assert editor.form.organisation.edit.text() == "Comitato di quartiere"
    assert (
        editor.payment.text() == f"Still to pay: {format_money(4000)} (paid {format_money(0)} of {format_money(4000)})."
    )
    assert not editor.repeat_box.isVisibleTo(editor)
    assert editor.cancel_booking_button.isVisible()

    # Moved to the next day, an hour later, with another purpose.
    editor.form.day.setDate(editor.form.day.date().addDays(1))
    editor.form.start.set_value(time(19))
    editor.form.end.set_value(time(21))
    editor.form.purpose.setText("Assemblea dei soci")
    qtbot.keyClick(editor.form.purpose, Qt.Key.Key_Return)

    assert editor.result() == QDialog.DialogCode.Accepted
    moved = services.bookings.get(volunteer, house.assembly)
    assert (moved.start, moved.end, moved.purpose) == (
        at(19, day=DAY + timedelta(days=1)),
        at(21, day=DAY + timedelta(days=1)),
        "Assemblea dei soci",
    )
    assert page.day() == DAY + timedelta(days=1)  # the page follows the booking to its new day
    assert shown_purposes(page) == ["Assemblea dei soci"]


def test_cancelling_a_booking_asks_first(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    page.view.booking_activated.emit(house.assembly)
    editor = opened_editor(qtbot, page)
    boxes.answer = False
    editor.cancel_booking_button.click()
    assert len(boxes.questions) == 1 and "Cancel the booking of Tuesday" in boxes.questions[0]
    assert editor.isVisible()
    assert services.bookings.get(volunteer, house.assembly).status is BookingStatus.CONFIRMED

    boxes.answer = True
    editor.cancel_booking_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.bookings.get(volunteer, house.assembly).status is BookingStatus.CANCELLED
    assert shown_purposes(page) == []
    assert page.count_label.text() == "No bookings on this day"


def test_closing_a_changed_booking_asks_before_discarding(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, booking_id=house.assembly)
    editor.form.purpose.setText("Altro")
    boxes.answer = False
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert boxes.questions == ["Discard the changes to this booking?"]
    assert editor.isVisible()
    boxes.answer = True
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert services.bookings.get(volunteer, house.assembly).purpose == "Assemblea"


# -- capacity and price ---------------------------------------------------------------------------------


def test_too_many_people_for_the_room_is_said_while_typing_and_refused_on_saving(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.bookings.create_booking(
            volunteer,
            BookingDraft(room_id=house.kitchen, start=at(10), end=at(11), person_id=house.person, people_count=20),
        )
    expected = refused.value.for_field("people_count")[0]
    editor = make_editor(qtbot, services, volunteer, room_id=house.kitchen, start=at(10), end=at(11))
    choose(qtbot, editor.form.person, "rossi")
    assert editor.form.capacity_hint.text() == "Cucina holds 12 people."
    type_into(qtbot, editor.form.people, "20")
    assert editor.form.capacity_hint.text() == "Too many: Cucina holds 12 people at most."
    qtbot.keyClick(editor.form.people, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert error_text(editor, "people_count") == expected
    assert editor.focusWidget() is editor.form.people  # the cursor goes to what to fix
    assert len(rows_on(services, volunteer, DAY)) == 1  # only the assembly


def test_the_price_follows_room_time_and_holder_until_it_is_typed(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, room_id=house.hall, start=at(9), end=at(11))
    assert editor.form.price.text() == format_money(4000)  # 2 h at 20 euro
    editor.form.organisation_button.setChecked(True)
    choose(qtbot, editor.form.organisation, "coro")
    assert editor.form.price.text() == format_money(2000)  # a member association: 10 euro an hour
    editor.form.end.set_value(time(12))
    assert editor.form.price.text() == format_money(3000)
    assert not editor.form.price_reset.isVisibleTo(editor)
    editor.form.price.selectAll()
    qtbot.keyClicks(editor.form.price, "15")
    assert editor.form.price_reset.isVisibleTo(editor)
    assert editor.form.price_hint.text() == f"changed by hand; computed: {format_money(3000)}"
    editor.form.end.set_value(time(13))
    assert editor.form.price.text() == "15"  # a typed price stays
    qtbot.keyClick(editor.form.price, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = [row for row in rows_on(services, volunteer, DAY) if row.id != house.assembly]
    assert [(row.price_cents, row.price_overridden) for row in saved] == [(1500, True)]


def test_a_price_that_is_not_an_amount_is_explained(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, room_id=house.kitchen, start=at(9), end=at(10))
    choose(qtbot, editor.form.person, "rossi")
    editor.form.price.selectAll()
    qtbot.keyClicks(editor.form.price, "dieci")
    editor.save()
    assert editor.isVisible()
    assert error_text(editor, "price_cents") != ""
    assert editor.form.price.hasFocus()
    editor.form.use_computed_price()
    assert editor.form.price.text() == format_money(1000)
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted


def test_a_name_typed_but_not_chosen_is_not_saved_as_nobody(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, room_id=house.kitchen, start=at(9), end=at(10))
    type_text(editor.form.person.edit, "Sconosciuto")
    editor.save()
    assert error_text(editor, "holder") == "Choose the name from the list, or clear the field."
    assert editor.isVisible()


# -- an occurrence of a series: which dates ---------------------------------------------------------------


@pytest.fixture
def choir_series(services: Services, volunteer: Actor, house: House) -> int:
    """Every Tuesday 18-20 in the kitchen, from 1 December to 29 December 2026 (the 8th is closed)."""
    draft = SeriesDraft(
        room_id=house.kitchen,
        dtstart=at(18),
        duration_minutes=120,
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261229T235959",
        organisation_id=house.choir,
        purpose="Coro",
        people_count=10,
        exdates=(at(18, day=HOLIDAY),),
    )
    return services.bookings.create_series(volunteer, draft)


def series_rows(services: Services, actor: Actor) -> list[BookingRow]:
    rows = services.bookings.bookings_between(actor, at(0), at(0, day=date(2027, 1, 31)))
    return [row for row in rows if row.purpose.startswith("Coro") or row.series_id is not None]


def open_occurrence(qtbot: QtBot, page: BookingsPage, series_id: int, start: datetime) -> BookingEditor:
    page.view.occurrence_activated.emit(series_id, start)
    editor = opened_editor(qtbot, page)
    assert editor.mode is Mode.OCCURRENCE
    return editor


TUESDAYS = [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 22), date(2026, 12, 29)]


def test_an_occurrence_shows_its_series_and_moves_only_this_date(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer, TUESDAYS[1])
    editor = open_occurrence(qtbot, page, choir_series, at(18, day=TUESDAYS[1]))
    assert editor.windowTitle() == "Repeating booking: Coro"
    assert editor.repeat.summary.text() == "Every week on Tuesday, until Dec 29, 2026"
    assert editor.repeat.frequency.findText("Does not repeat") == -1
    assert editor.payment.text() == "Nothing owed yet: each date is owed once it has taken place."
    editor.form.start.set_value(time(17))
    editor.form.end.set_value(time(19))
    asked: list[SeriesScopeDialog] = []
    answer_scope(Scope.ONE, asked)
    editor.save()

    assert len(asked) == 1 and all(button.isEnabled() for button in asked[0].buttons_by_scope.values())
    assert editor.result() == QDialog.DialogCode.Accepted
    starts = sorted((row.start, row.id is not None) for row in series_rows(services, volunteer))
    assert starts == [
        (at(18, day=TUESDAYS[0]), False),
        (at(17, day=TUESDAYS[1]), True),  # a booking of its own now
        (at(18, day=TUESDAYS[2]), False),
        (at(18, day=TUESDAYS[3]), False),
    ]
    assert services.bookings.series(volunteer, choir_series).rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261229T235959"


def test_only_this_date_with_other_changes_too(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer, TUESDAYS[2])
    editor = open_occurrence(qtbot, page, choir_series, at(18, day=TUESDAYS[2]))
    editor.form.day.setDate(editor.form.day.date().addDays(1))  # to Wednesday: this date only
    editor.form.purpose.setText("Coro (concerto di Natale)")
    editor.form.people.setValue(12)
    asked: list[SeriesScopeDialog] = []
    answer_scope(Scope.ONE, asked)
    editor.save()
    assert not asked[0].buttons_by_scope[Scope.FOLLOWING].isEnabled()
    assert not asked[0].buttons_by_scope[Scope.ALL].isEnabled()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert page.day() == TUESDAYS[2] + timedelta(days=1)
    moved = [row for row in series_rows(services, volunteer) if row.id is not None]
    assert [(row.start, row.purpose, row.people_count) for row in moved] == [
        (at(18, day=TUESDAYS[2] + timedelta(days=1)), "Coro (concerto di Natale)", 12)
    ]
    assert shown_purposes(page) == ["Coro (concerto di Natale)"]


def test_a_refused_change_of_one_date_saves_nothing_not_even_the_time(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, series_id=choir_series, occurrence_start=at(18, day=TUESDAYS[1]))
    before = series_rows(services, volunteer)
    editor.form.start.set_value(time(17))
    editor.form.end.set_value(time(19))
    editor.form.people.setValue(40)  # the kitchen holds 12
    answer_scope(Scope.ONE, [])
    editor.save()
    assert editor.isVisible()
    assert error_text(editor, "people_count") == "The room holds at most 12 people: choose a larger room."
    assert editor.errors.general_message() == ""  # nothing to say was saved: nothing was
    assert editor.focusWidget() is editor.form.people  # the cursor goes to what to fix
    assert series_rows(services, volunteer) == before  # the date is still 18-20, a plain occurrence
    assert not boxes.errors
    # Fixed and saved again: the time and the people together, in the one booking the date became.
    editor.form.people.setValue(12)
    asked: list[SeriesScopeDialog] = []
    answer_scope(Scope.ONE, asked)
    editor.save()
    assert len(asked) == 1
    assert editor.result() == QDialog.DialogCode.Accepted
    moved = [row for row in series_rows(services, volunteer) if row.id is not None]
    assert [(row.start, row.end, row.people_count, row.occurrence_start) for row in moved] == [
        (at(17, day=TUESDAYS[1]), at(19, day=TUESDAYS[1]), 12, at(18, day=TUESDAYS[1]))
    ]


def test_this_and_the_following_dates_split_the_series(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer, TUESDAYS[2])
    editor = open_occurrence(qtbot, page, choir_series, at(18, day=TUESDAYS[2]))
    editor.form.purpose.setText("Coro misto")
    editor.form.start.set_value(time(19))
    editor.form.end.set_value(time(21))
    asked: list[SeriesScopeDialog] = []
    answer_scope(Scope.FOLLOWING, asked)
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    rows = sorted((row.start, row.purpose) for row in series_rows(services, volunteer))
    assert rows == [
        (at(18, day=TUESDAYS[0]), "Coro"),
        (at(18, day=TUESDAYS[1]), "Coro"),
        (at(19, day=TUESDAYS[2]), "Coro misto"),
        (at(19, day=TUESDAYS[3]), "Coro misto"),
    ]


def test_the_whole_series_with_a_changed_repetition(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer, TUESDAYS[1])
    editor = open_occurrence(qtbot, page, choir_series, at(18, day=TUESDAYS[1]))
    editor.repeat.day_boxes[3].setChecked(True)  # Tuesday and Thursday
    editor.form.start.set_value(time(17, 30))
    editor.form.end.set_value(time(19, 30))
    asked: list[SeriesScopeDialog] = []
    answer_scope(Scope.ALL, asked)
    editor.save()
    assert not asked[0].buttons_by_scope[Scope.ONE].isEnabled()  # a changed repetition is not for one date
    assert editor.result() == QDialog.DialogCode.Accepted
    series = services.bookings.series(volunteer, choir_series)
    assert series.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261229T235959"
    assert series.dtstart == at(17, 30)
    starts = sorted(row.start for row in series_rows(services, volunteer))
    assert starts[:3] == [at(17, 30), at(17, 30, date(2026, 12, 3)), at(17, 30, date(2026, 12, 10))]
    assert {start.weekday() for start in starts} == {1, 3}
    assert at(17, 30, HOLIDAY) not in starts  # the holiday stays an exception


def test_going_back_from_the_question_saves_nothing(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    editor = make_editor(qtbot, services, volunteer, series_id=choir_series, occurrence_start=at(18, day=TUESDAYS[1]))
    editor.form.purpose.setText("Coro nuovo")
    asked: list[SeriesScopeDialog] = []
    answer_scope(None, asked)
    editor.save()
    assert len(asked) == 1
    assert editor.isVisible()
    assert {row.purpose for row in series_rows(services, volunteer)} == {"Coro"}


@pytest.mark.parametrize(
    ("scope", "left"),
    [
        (Scope.ONE, [TUESDAYS[0], TUESDAYS[2], TUESDAYS[3]]),
        (Scope.FOLLOWING, [TUESDAYS[0]]),
        (Scope.ALL, []),
    ],
)
def test_cancelling_an_occurrence_asks_which_dates_then_confirms(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    house: House,
    choir_series: int,
    boxes: Boxes,
    scope: Scope,
    left: list[date],
) -> None:
    page = make_page(qtbot, services, volunteer, TUESDAYS[1])
    editor = open_occurrence(qtbot, page, choir_series, at(18, day=TUESDAYS[1]))
    asked: list[SeriesScopeDialog] = []
    answer_scope(scope, asked)
    editor.cancel_booking_button.click()
    assert len(asked) == 1 and len(boxes.questions) == 1
    assert editor.result() == QDialog.DialogCode.Accepted
    assert sorted(row.start.date() for row in series_rows(services, volunteer)) == left
    assert shown_purposes(page) == []


def test_a_moved_occurrence_opens_as_an_occurrence_and_says_it_is_paid_as_a_booking(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, choir_series: int, boxes: Boxes
) -> None:
    moved = services.bookings.move_occurrence(
        volunteer, choir_series, at(18, day=TUESDAYS[3]), at(16, day=TUESDAYS[3]), at(18, day=TUESDAYS[3])
    )
    assert moved.id is not None
    editor = make_editor(qtbot, services, volunteer, booking_id=moved.id)
    assert editor.mode is Mode.OCCURRENCE
    assert editor.payment.text().endswith("This date was moved: it is paid as a booking.")
    editor.form.notes.setPlainText("Porta il leggio")
    answer_scope(Scope.ONE, [])
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert services.bookings.get(volunteer, moved.id).notes == "Porta il leggio"


# -- the rest ---------------------------------------------------------------------------------------------


def test_open_new_booking_waits_for_the_editor_and_says_whether_it_saved(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    results: list[bool] = []

    def fill_and_save() -> None:
        editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BookingEditor) and w.isVisible())
        editor.form.person.set_person(house.person, "Rossi Nicolò")
        editor.save()

    QTimer.singleShot(0, fill_and_save)
    results.append(open_new_booking(None, services, volunteer, room_id=house.kitchen, start=at(9), end=at(10)))

    def close() -> None:
        editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, BookingEditor) and w.isVisible())
        editor.reject()

    QTimer.singleShot(0, close)
    results.append(open_new_booking(None, services, volunteer))
    assert results == [True, False]
    assert [row.room_id for row in rows_on(services, volunteer, DAY)] == [house.kitchen, house.hall]


def test_in_italian_the_editor_reads_whole_and_fits_a_1366x768_screen(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes, tmp_path: Path
) -> None:
    set_language("it")
    editor = make_editor(qtbot, services, volunteer, room_id=house.half_a, start=at(20), end=at(22))
    assert editor.windowTitle() == "Nuova prenotazione"
    editor.grab().save(str(tmp_path / "booking_editor_new_it.png"))
    editor.form.organisation_button.setChecked(True)
    choose(qtbot, editor.form.organisation, "coro")
    editor.form.purpose.setText("Prove del coro")
    editor.repeat.frequency.setCurrentIndex(editor.repeat.frequency.findData(Frequency.WEEKLY))
    assert editor.repeat.summary.text() == "Ogni settimana: martedì, fino al 30 giu 2027"
    editor.save()
    assert editor.conflicts.isVisible()
    assert editor.conflicts.lines() == ["mar 8 dic 2026 — la casa è chiusa"]
    assert editor.conflicts.book_button.text() == "Prenota le altre 30 date"
    editor.grab().save(str(tmp_path / "booking_editor_series_it.png"))
    assert editor.width() <= 1366 and editor.height() <= 700
    for label in editor.findChildren(QLabel):
        if label.isVisibleTo(editor) and label.text() and not label.wordWrap():
            assert label.sizeHint().width() <= label.width() + 1, label.text()
