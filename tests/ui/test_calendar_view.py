"""The calendar view: the week of one room, the keyboard cursor, colours by type, closed days.

Everything is driven through the bookings page on a week built with the services
(``calendar_house``): the hall and its halves, series, tentative bookings, a closed holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from app.weeks import format_week, week_days
from tests.ui.calendar_house import HOLIDAY, MONDAY, WEDNESDAY, House, at, build_house
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.pages.bookings_page import BookingsPage
from ui.widgets.calendar_colours import BookingKind, ColourScheme, contrast, text_colour
from ui.widgets.calendar_layout import ViewMode
from ui.widgets.day_view import DayView

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

THURSDAY = WEDNESDAY + timedelta(days=1)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


def make_page(qtbot: QtBot, services: Services, actor: Actor, day: date = WEDNESDAY) -> BookingsPage:
    """The page on ``day``, its calendar's signals only recorded: what opens a booking is tested
    with the booking editor."""
    page = BookingsPage(services=services, actor=actor)
    page.view.booking_activated.disconnect(page._booking_activated)
    page.view.occurrence_activated.disconnect(page._occurrence_activated)
    page.view.span_selected.disconnect(page._span_selected)
    qtbot.addWidget(page)
    page.resize(1118, 700)
    with qtbot.waitActive(page):
        page.show()
    page.set_day(day)
    page.shown()
    return page


def week_of(page: BookingsPage, room_id: int) -> DayView:
    page.set_mode(ViewMode.WEEK)
    page.room_combo.setCurrentIndex(page.room_combo.findData(room_id))
    page.room_combo.activated.emit(page.room_combo.currentIndex())
    return page.view


def key(
    qtbot: QtBot, view: DayView, name: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(view, name, modifier)


# -- the week of one room ---------------------------------------------------------------------------


def test_the_week_of_a_half_shows_its_days_its_bookings_and_the_halls(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = week_of(page, house.courtyard_side)
    assert [column.day for column in view.columns()] == week_days(WEDNESDAY)
    assert {column.room.id for column in view.columns()} == {house.courtyard_side}
    rows = sorted((row.start, row.purpose, row.room_id) for row, _rect in view.row_rects())
    assert rows == [
        (at(MONDAY, 10), "Corso di italiano", house.courtyard_side),
        (at(WEDNESDAY, 10), "Corso di italiano", house.courtyard_side),
        (at(WEDNESDAY, 20, 30), "Assemblea di quartiere", house.hall),  # the hall blocks its halves
        (at(date(2026, 12, 12), 15), "Festa di Natale", house.hall),
    ]  # not the street side's homework club: the two halves do not block each other
    rects = {(row.purpose, row.start.date()): rect for row, rect in view.row_rects()}
    monday = rects[("Corso di italiano", MONDAY)]
    wednesday = rects[("Corso di italiano", WEDNESDAY)]
    assert wednesday.left() > monday.right()
    assert wednesday.top() == pytest.approx(monday.top())
    assert rects[("Festa di Natale", date(2026, 12, 12))].left() > wednesday.right()
    assert page.count_label.text() == "2 bookings"  # the hall's are shown, not counted
    assert page.day_label.text() == format_week(WEDNESDAY) == "December 7\u2009–\u200913, 2026"
    assert page.room_combo.isVisible() and page.legend.kinds() == [BookingKind.LINKED]


def test_the_week_of_the_hall_shows_both_halves_as_linked(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = week_of(page, house.hall)
    by_room = sorted((row.room_id, row.start.date()) for row, _rect in view.row_rects())
    italian = [(house.courtyard_side, MONDAY), (house.courtyard_side, WEDNESDAY)]
    homework = [(house.street_side, day) for day in week_days(MONDAY)[:5] if day != HOLIDAY]
    own = [(house.hall, WEDNESDAY), (house.hall, date(2026, 12, 12))]
    assert by_room == sorted(own + italian + homework)
    assert page.count_label.text() == "2 bookings"


def test_a_room_without_bookings_this_week(qtbot: QtBot, services: Services, volunteer: Actor, house: House) -> None:
    page = make_page(qtbot, services, volunteer, day=WEDNESDAY + timedelta(days=14))
    week_of(page, house.meeting)
    assert page.count_label.text() == "No bookings this week"


def test_page_up_and_down_move_a_day_or_a_week(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    with qtbot.waitSignal(view.day_change_requested) as requested:
        key(qtbot, view, Qt.Key.Key_PageDown)
    assert requested.args == [1]
    assert page.day() == THURSDAY
    key(qtbot, view, Qt.Key.Key_PageUp)
    assert page.day() == WEDNESDAY

    week_of(page, house.kitchen)
    with qtbot.waitSignal(view.day_change_requested) as requested:
        key(qtbot, view, Qt.Key.Key_PageDown)
    assert requested.args == [7]
    assert page.day() == WEDNESDAY + timedelta(days=7)
    assert [column.day for column in view.columns()] == week_days(WEDNESDAY + timedelta(days=7))
    assert page.count_label.text() == "No bookings this week"
    key(qtbot, view, Qt.Key.Key_PageUp)
    assert page.day() == WEDNESDAY
    assert page.next_button.toolTip() == "Next week (Page Down)"
    page.next_button.click()
    page.previous_button.click()
    page.previous_button.click()
    assert page.day() == WEDNESDAY - timedelta(days=7)
    page.date_edit.setDate(page.date_edit.date().addDays(8))  # jumps to Thursday of the next week
    assert view.columns()[0].day == MONDAY and page.day() == THURSDAY
    qtbot.keyClick(page, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.day() == services.clock.today()
    assert view.columns()[0].day == date(2026, 11, 16) and page.mode() == ViewMode.WEEK


def test_the_mode_and_the_room_follow_the_last_booking_selected(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    assert page.mode() == ViewMode.DAY and not page.room_combo.isVisible()
    assert page.day_button.isChecked() and "Ctrl+W" in page.week_button.toolTip()
    lunch = next(rect for row, rect in view.row_rects() if row.id == house.lunch)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=lunch.center().toPoint())
    assert view.focused_booking() is not None and view.focused_booking().id == house.lunch  # type: ignore[union-attr]
    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert page.mode() == ViewMode.WEEK and page.week_button.isChecked()
    assert page.room_id() == house.kitchen and view.cursor_day() == WEDNESDAY
    assert view.focused_booking() is not None and view.focused_booking().id == house.lunch  # type: ignore[union-attr]
    key(qtbot, view, Qt.Key.Key_Right)  # Thursday
    qtbot.keyClick(page, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert page.mode() == ViewMode.DAY and page.day() == THURSDAY
    assert view.cursor_room_id() == house.kitchen
    page.week_button.click()
    page.shown()  # the page is shown again: it remembers its view and room
    assert page.mode() == ViewMode.WEEK and page.room_id() == house.kitchen


def test_the_first_room_when_nothing_was_selected(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    page.week_button.click()
    assert page.room_id() == page.view.columns()[0].room.id == services.rooms.rooms(volunteer)[0].id


def test_dragging_in_the_week_chooses_time_on_the_day_dragged(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = week_of(page, house.courtyard_side)
    view.verticalScrollBar().setValue(0)
    top = view.point_at(house.courtyard_side, at(THURSDAY, 14))
    bottom = view.point_at(house.courtyard_side, at(THURSDAY, 15))
    assert view.point_at(house.courtyard_side, at(WEDNESDAY, 14)).x() < top.x()
    viewport = view.viewport()
    with qtbot.waitSignal(view.span_selected) as selected:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=top.toPoint() + QPoint(0, 2))
        qtbot.mouseMove(viewport, bottom.toPoint())
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom.toPoint() - QPoint(0, 2))
    assert selected.args == [house.courtyard_side, at(THURSDAY, 14), at(THURSDAY, 15)]


# -- the keyboard cursor ----------------------------------------------------------------------------


def test_the_cursor_starts_now_today_or_at_nine(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, clock: FixedClock
) -> None:
    clock.current = at(WEDNESDAY, 10, 40)
    page = make_page(qtbot, services, volunteer)
    view = page.view
    assert view.cursor_span() == (at(WEDNESDAY, 10, 30), at(WEDNESDAY, 10, 45))
    cell = view.point_at(view.columns()[0].room.id, at(WEDNESDAY, 10, 30))
    assert view._header_height() < cell.y() < view.viewport().height()  # scrolled into sight
    page.move_day(1)
    page.shown()
    assert view.cursor_span() == (at(THURSDAY, 9), at(THURSDAY, 9, 15))


def test_arrows_home_and_end_move_the_cursor(qtbot: QtBot, services: Services, volunteer: Actor, house: House) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    assert view.cursor_span() == (at(WEDNESDAY, 9), at(WEDNESDAY, 9, 15))
    key(qtbot, view, Qt.Key.Key_Down)
    key(qtbot, view, Qt.Key.Key_Down)
    assert view.cursor_span() == (at(WEDNESDAY, 9, 30), at(WEDNESDAY, 9, 45))
    key(qtbot, view, Qt.Key.Key_Up)
    assert view.cursor_span() == (at(WEDNESDAY, 9, 15), at(WEDNESDAY, 9, 30))
    key(qtbot, view, Qt.Key.Key_End)
    assert view.cursor_span() == (at(WEDNESDAY, 22, 45), at(WEDNESDAY, 23))
    cell = view.point_at(view.columns()[0].room.id, at(WEDNESDAY, 22, 45))
    assert cell.y() < view.viewport().height()  # the view followed the cursor
    key(qtbot, view, Qt.Key.Key_Down)
    assert view.cursor_span() == (at(WEDNESDAY, 22, 45), at(WEDNESDAY, 23))  # the last quarter shown
    key(qtbot, view, Qt.Key.Key_Home)
    assert view.cursor_span() == (at(WEDNESDAY, 8), at(WEDNESDAY, 8, 15))
    assert view.point_at(view.columns()[0].room.id, at(WEDNESDAY, 8)).y() >= view._header_height()
    rooms = [column.room.id for column in view.columns()]
    assert view.cursor_room_id() == rooms[0]
    key(qtbot, view, Qt.Key.Key_Right)
    key(qtbot, view, Qt.Key.Key_Right)
    assert view.cursor_room_id() == rooms[2] and page.day() == WEDNESDAY


def test_left_and_right_past_the_edges_go_to_the_day_or_week_beside(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    rooms = [column.room.id for column in view.columns()]
    with qtbot.waitSignal(view.day_change_requested) as requested:
        key(qtbot, view, Qt.Key.Key_Left)
    assert requested.args == [-1]
    assert page.day() == WEDNESDAY - timedelta(days=1) and view.cursor_room_id() == rooms[-1]
    key(qtbot, view, Qt.Key.Key_Right)
    assert page.day() == WEDNESDAY and view.cursor_room_id() == rooms[0]

    week_of(page, house.kitchen)
    assert view.cursor_day() == WEDNESDAY
    for _times in range(5):
        key(qtbot, view, Qt.Key.Key_Right)
    assert view.cursor_day() == MONDAY + timedelta(days=7)  # Sunday, then the next week's Monday
    assert page.day_label.text() == format_week(MONDAY + timedelta(days=7))
    key(qtbot, view, Qt.Key.Key_Left)
    assert view.cursor_day() == MONDAY + timedelta(days=6)
    assert view.columns()[0].day == MONDAY


def test_enter_on_free_time_chooses_an_hour_from_the_cursor(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.place_cursor(at(WEDNESDAY, 15))
    while view.cursor_room_id() != house.meeting:
        key(qtbot, view, Qt.Key.Key_Right)
    with qtbot.waitSignal(view.span_selected) as selected:
        key(qtbot, view, Qt.Key.Key_Return)
    assert selected.args == [house.meeting, at(WEDNESDAY, 15), at(WEDNESDAY, 16)]  # the cancelled one is free

    while view.cursor_room_id() != house.kitchen:
        key(qtbot, view, Qt.Key.Key_Left)
    view.place_cursor(at(WEDNESDAY, 16, 30))
    with qtbot.waitSignal(view.span_selected) as selected:
        key(qtbot, view, Qt.Key.Key_Enter)
    assert selected.args == [house.kitchen, at(WEDNESDAY, 16, 30), at(WEDNESDAY, 17)]  # up to the next booking


def test_shift_stretches_a_span_and_enter_chooses_it(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.place_cursor(at(WEDNESDAY, 14, 30))
    key(qtbot, view, Qt.Key.Key_Right)  # the tailoring room
    for _times in range(5):
        key(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    key(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert view.cursor_span() == (at(WEDNESDAY, 14, 30), at(WEDNESDAY, 15, 45))
    with qtbot.waitSignal(view.span_selected) as selected:
        key(qtbot, view, Qt.Key.Key_Return)
    assert selected.args == [house.tailoring, at(WEDNESDAY, 14, 30), at(WEDNESDAY, 15, 45)]
    assert view.cursor_span() == (at(WEDNESDAY, 14, 30), at(WEDNESDAY, 14, 45))  # handed over: the stretch ends

    for _times in range(2):  # upwards from where the stretch began
        key(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert view.cursor_span() == (at(WEDNESDAY, 14), at(WEDNESDAY, 14, 45))
    key(qtbot, view, Qt.Key.Key_Escape)
    assert view.cursor_span() == (at(WEDNESDAY, 14), at(WEDNESDAY, 14, 15))


def test_enter_on_a_booking_opens_it(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.place_cursor(at(WEDNESDAY, 12, 45))  # inside the kitchen's lunch (first column)
    with qtbot.waitSignal(view.booking_activated) as activated:
        key(qtbot, view, Qt.Key.Key_Return)
    assert activated.args == [house.lunch]
    key(qtbot, view, Qt.Key.Key_Right)  # the tailoring room's sewing course, a series
    view.place_cursor(at(WEDNESDAY, 10))
    with qtbot.waitSignal(view.occurrence_activated) as occurrence:
        key(qtbot, view, Qt.Key.Key_Return)
    assert occurrence.args == [house.sewing, at(WEDNESDAY, 9, 30)]


def test_tab_goes_from_booking_to_booking_in_the_order_of_time(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.setFocus()
    view.place_cursor(at(WEDNESDAY, 10, 30))
    visited = []
    for _times in range(4):
        key(qtbot, view, Qt.Key.Key_Tab)
        focused = view.focused_booking()
        assert focused is not None
        visited.append(focused.purpose)
    assert visited == ["Pranzo solidale", "Doposcuola", "Prova menù", "Cena interculturale"]
    key(qtbot, view, Qt.Key.Key_Backtab)
    assert view.focused_booking() is not None and view.focused_booking().purpose == "Prova menù"  # type: ignore[union-attr]
    with qtbot.waitSignal(view.booking_activated) as activated:
        key(qtbot, view, Qt.Key.Key_Return)
    assert activated.args == [house.tasting]
    key(qtbot, view, Qt.Key.Key_Tab)
    key(qtbot, view, Qt.Key.Key_Tab)
    assert view.focused_booking() is not None and view.focused_booking().id == house.assembly  # type: ignore[union-attr]
    key(qtbot, view, Qt.Key.Key_Tab)  # past the last booking, Tab leaves the calendar
    assert not view.hasFocus() and QApplication.focusWidget() is not None


# -- colours and closed days -----------------------------------------------------------------------


def colour_inside(view: DayView, booking_id: int) -> QColor:
    rect = next(rect for row, rect in view.row_rects() if row.id == booking_id)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    point = (rect.bottomRight() - rect.topLeft()) * 0.9 + rect.topLeft()  # low right: no text there
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def test_colours_by_room_or_by_type(qtbot: QtBot, services: Services, volunteer: Actor, house: House) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.place_cursor(at(WEDNESDAY, 11))
    view.setFocus()
    assert page.colour_combo.currentData() == ColourScheme.BY_ROOM
    assert colour_inside(view, house.lunch) == QColor("#27ae60")  # the kitchen's colour
    assert not page.legend.isVisible()
    page.set_colour_scheme(ColourScheme.BY_TYPE)
    assert view.colour_scheme() == ColourScheme.BY_TYPE
    assert colour_inside(view, house.lunch) == BookingKind.ONE_OFF.colour()
    assert page.legend.isVisible()
    assert page.legend.kinds() == [BookingKind.ONE_OFF, BookingKind.SERIES, BookingKind.TENTATIVE]
    colours = {kind.colour().name() for kind in BookingKind}
    assert len(colours) == len(BookingKind)
    for kind in BookingKind:
        assert contrast(text_colour(kind.colour()), kind.colour()) >= 4.5


@pytest.mark.parametrize("colour", ["#ffffff", "#f1c40f", "#e67e22", "#777777", "#2980b9", "#000000", "#ff0000"])
def test_text_stays_readable_on_any_room_colour(colour: str) -> None:
    assert contrast(text_colour(QColor(colour)), QColor(colour)) >= 4


def test_a_closed_day_is_greyed_with_its_reason_and_cannot_be_booked(
    qtbot: QtBot, services: Services, volunteer: Actor, house: House, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = week_of(page, house.kitchen)
    assert [column.closed for column in view.columns()] == [None, "Immacolata Concezione", *[None] * 5]
    view.verticalScrollBar().setValue(0)
    spans: list[object] = []
    view.span_selected.connect(lambda *args: spans.append(args))
    top = view.point_at(house.kitchen, at(HOLIDAY, 14)).toPoint()
    bottom = view.point_at(house.kitchen, at(HOLIDAY, 16)).toPoint()
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=top)
    qtbot.mouseMove(viewport, bottom)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=bottom)
    assert view.cursor_day() == HOLIDAY  # the click put the cursor there...
    key(qtbot, view, Qt.Key.Key_Return)
    key(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    key(qtbot, view, Qt.Key.Key_Return)
    assert spans == []  # ...but nothing can be booked

    image = viewport.grab().toImage()
    ratio = image.devicePixelRatio()
    open_day = view.point_at(house.kitchen, at(MONDAY, 15, 40)).toPoint()
    closed = view.point_at(house.kitchen, at(HOLIDAY, 15, 40)).toPoint()
    base = image.pixelColor(round(open_day.x() * ratio), round(open_day.y() * ratio))
    greyed = image.pixelColor(round(closed.x() * ratio), round(closed.y() * ratio))
    assert greyed.lightness() < base.lightness()

    page.day_button.click()
    assert page.day() == HOLIDAY
    assert {column.closed for column in view.columns()} == {"Immacolata Concezione"}
    assert page.count_label.text() == "No bookings on this day"
