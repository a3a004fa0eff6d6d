"""The bookings page: the day view paints one box per booking, opens them, and chooses free time.

What the page does with an opened booking or a chosen span (the booking editor) is tested in
test_booking_editor.py; here the calendar's signals are only recorded.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.i18n import format_time
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from app.services.rooms import RoomDraft
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import area_of
from ui.pages.bookings_page import BookingsPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

DAY = date(2026, 12, 1)  # a Tuesday


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100, colour="#d9534f"))
    kitchen = services.rooms.create(coordinator, RoomDraft(name="Cucina", capacity=12, colour="#5cb85c"))
    services.rooms.create(coordinator, RoomDraft(name="Cantina", capacity=5, active=False))
    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    confirmed = services.bookings.create_booking(
        volunteer,
        BookingDraft(room_id=hall.id, start=at(10), end=at(12), person_id=person, purpose="Riunione condominio"),
    )
    tentative = services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=kitchen.id,
            start=at(9, 30),
            end=at(11),
            person_id=person,
            purpose="Corso di cucina",
            status=BookingStatus.TENTATIVE,
        ),
    )
    cancelled = services.bookings.create_booking(
        volunteer, BookingDraft(room_id=kitchen.id, start=at(14), end=at(15), person_id=person, purpose="Annullata")
    )
    services.bookings.cancel_booking(volunteer, cancelled.id)
    series = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=hall.id,
            dtstart=datetime(2026, 11, 3, 18),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=TU",
            person_id=person,
            purpose="Coro",
        ),
    )
    assert confirmed.id is not None and tentative.id is not None
    return {
        "hall": hall.id,
        "kitchen": kitchen.id,
        "confirmed": confirmed.id,
        "tentative": tentative.id,
        "cancelled": cancelled.id,
        "series": series,
    }


def make_page(qtbot: QtBot, services: Services, actor: Actor, size: tuple[int, int] = (1100, 700)) -> BookingsPage:
    page = BookingsPage(services=services, actor=actor)
    page.view.booking_activated.disconnect(page._booking_activated)
    page.view.occurrence_activated.disconnect(page._occurrence_activated)
    page.view.span_selected.disconnect(page._span_selected)
    qtbot.addWidget(page)
    page.resize(*size)
    with qtbot.waitActive(page):
        page.show()
    page.set_day(DAY)
    page.shown()
    return page


def test_the_area_is_for_volunteers() -> None:
    area = area_of(BookingsPage)
    assert area.title() == "Bookings"
    assert area.minimum_role == Role.VOLUNTEER


def test_the_day_shows_one_box_per_booking_in_its_room(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    rows = {row.purpose: (row, rect) for row, rect in view.row_rects()}
    assert sorted(rows) == ["Coro", "Corso di cucina", "Riunione condominio"]  # not the cancelled one
    assert {booking_id for booking_id, _rect in view.booking_rects()} == {house["confirmed"], house["tentative"], None}
    meeting_rect = rows["Riunione condominio"][1]
    course_rect = rows["Corso di cucina"][1]
    choir, choir_rect = rows["Coro"]
    assert (choir.series_id, choir.occurrence_start) == (house["series"], at(18))
    # Rooms in alphabetical order: the kitchen, then the hall (the inactive cellar is not shown).
    assert meeting_rect.left() == pytest.approx(choir_rect.left())
    assert meeting_rect.left() > course_rect.right()
    # Heights follow the durations: the meeting and the choir last two hours, the course one and a half.
    assert meeting_rect.height() == pytest.approx(choir_rect.height(), abs=1)
    assert meeting_rect.height() / course_rect.height() == pytest.approx(2 / 1.5, rel=0.05)
    assert course_rect.top() < meeting_rect.top() < choir_rect.top()
    assert page.count_label.text() == "3 bookings"


def test_double_click_opens_a_booking_or_an_occurrence(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    rect = dict((i, r) for i, r in view.booking_rects() if i is not None)[house["confirmed"]]
    with qtbot.waitSignal(view.booking_activated) as activated:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert activated.args == [house["confirmed"]]

    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    choir = next(r for row, r in view.row_rects() if row.series_id == house["series"])
    with qtbot.waitSignal(view.occurrence_activated) as occurrence:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=choir.center().toPoint())
    assert occurrence.args == [house["series"], at(18)]
    assert boxes.infos == []


def test_dragging_on_free_time_chooses_a_span_in_quarter_hours(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.verticalScrollBar().setValue(0)
    # From 12:05 to 13:20 in the kitchen, below the course (9:30-11:00).
    x = int(view.point_at(house["kitchen"], at(12, 5)).x())
    top = view.point_at(house["kitchen"], at(12, 5)).y()
    bottom = view.point_at(house["kitchen"], at(13, 20)).y()
    viewport = view.viewport()
    with qtbot.waitSignal(view.span_selected) as selected:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, int(top)))
        qtbot.mouseMove(viewport, QPoint(x, int((top + bottom) / 2)))
        qtbot.mouseMove(viewport, QPoint(x, int(bottom)))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(x, int(bottom)))
    assert selected.args == [house["kitchen"], at(12), at(13, 30)]


def test_a_click_on_a_booking_or_without_dragging_selects_nothing(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    spans: list[object] = []
    view.span_selected.connect(lambda *args: spans.append(args))
    rect = dict((i, r) for i, r in view.booking_rects() if i is not None)[house["confirmed"]]
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=rect.center().toPoint() + QPoint(0, 40))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center().toPoint() + QPoint(0, 200))
    assert spans == []


def test_the_keyboard_and_the_bar_change_day(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, volunteer)
    view = page.view
    view.setFocus()
    with qtbot.waitSignal(view.day_change_requested) as requested:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert requested.args == [1]
    assert page.day() == DAY + timedelta(days=1)
    assert page.count_label.text() == "No bookings on this day"
    assert view.booking_rects() == []
    qtbot.keyClick(view, Qt.Key.Key_Left)  # the cursor is in the first room: Left goes to the day before
    assert page.day() == DAY
    assert len(view.booking_rects()) == 3
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert page.day() == DAY - timedelta(days=1)
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the cursor went to the last room: Right goes to the next day
    assert page.day() == DAY
    page.next_button.click()
    page.next_button.click()
    assert page.date_edit.date().toPython() == DAY + timedelta(days=2)
    page.previous_button.click()
    assert page.day() == DAY + timedelta(days=1)
    page.date_edit.setDate(page.date_edit.date().addDays(6))  # the next Tuesday: the choir again
    assert page.day() == DAY + timedelta(days=7)
    assert [row.purpose for row, _rect in view.row_rects()] == ["Coro"]
    page.today_button.click()
    assert page.day() == services.clock.today()


def test_a_tooltip_tells_the_whole_booking(
    qtbot: QtBot, services: Services, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, volunteer)
    course = next(row for row, _rect in page.view.row_rects() if row.id == house["tentative"])
    tip = page.view.tooltip_of(course)
    assert tip.splitlines()[:3] == [
        "Corso di cucina",
        f"Cucina, {format_time(at(9, 30))}–{format_time(at(11))}",
        "Booked by: Rossi Nicolò",
    ]
    assert "Tentative: not confirmed yet" in tip
