"""Find a free room: the rooms free for a span and a number of people, listed as the fields change."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from ui.dialogs.free_room_dialog import FreeRoomDialog, default_span, span_of
from ui.models.free_rooms_model import COL_CAPACITY, COL_EQUIPMENT, COL_RATE, COL_ROOM

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = date(2026, 11, 22)  # the fixed clock's Sunday, 9:00


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.fixture
def rooms(services: Services, coordinator: Actor) -> dict[str, int]:
    """A hall with two halves, a kitchen, a meeting room, a courtyard and a cellar no longer used."""
    hall = services.rooms.create(
        coordinator,
        RoomDraft(
            name="Salone",
            capacity=100,
            hourly_rate_cents=4000,
            member_rate_cents=3000,
            equipment="Proiettore,\nimpianto audio",
        ),
    ).id
    made = {"Salone": hall}
    for name, capacity, rate, parent, active in (
        ("Salone A", 50, 2000, hall, True),
        ("Salone B", 50, 2000, hall, True),
        ("Cucina", 15, 1500, None, True),
        ("Sala riunioni", 10, 1000, None, True),
        ("Cortile", 200, 0, None, True),
        ("Cantina", 30, 0, None, False),
    ):
        draft = RoomDraft(
            name=name,
            capacity=capacity,
            hourly_rate_cents=rate,
            member_rate_cents=rate,
            parent_id=parent,
            active=active,
        )
        made[name] = services.rooms.create(coordinator, draft).id
    return made


@pytest.fixture
def person(services: Services, volunteer: Actor) -> int:
    return services.people.create(volunteer, PersonDraft(given_name="Ngozi", family_name="Okafor")).id


def make_dialog(qtbot: QtBot, services: Services, actor: Actor) -> FreeRoomDialog:
    dialog = FreeRoomDialog(services=services, actor=actor)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def listed(dialog: FreeRoomDialog, col: int = COL_ROOM) -> list[str]:
    return [dialog.model.index(row, col).data() for row in range(dialog.model.rowCount())]


def set_people(qtbot: QtBot, dialog: FreeRoomDialog, count: int) -> None:
    dialog.people.selectAll()
    type_text(dialog.people, str(count))
    qtbot.keyClick(dialog.people, Qt.Key.Key_Tab)


def test_the_span_starts_at_the_next_quarter_hour_for_an_hour() -> None:
    assert default_span(at(9)) == (at(9), at(10))
    assert default_span(datetime(2026, 11, 22, 9, 0, 20)) == (at(9, 15), at(10, 15))
    assert default_span(at(9, 44)) == (at(9, 45), at(10, 45))
    assert default_span(at(23, 20)) == (at(23, 30), at(0, day=date(2026, 11, 23)))  # never past midnight
    tomorrow = date(2026, 11, 23)
    assert default_span(at(23, 50)) == (at(0, day=tomorrow), at(1, day=tomorrow))
    assert span_of(TODAY, time(22), time(0)) == (at(22), at(0, day=tomorrow))


def test_it_opens_on_today_from_the_next_quarter_hour_with_the_smallest_rooms_first(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], clock: FixedClock
) -> None:
    clock.current = at(9, 5)
    dialog = make_dialog(qtbot, services, volunteer)
    assert dialog.day.date() == QDate(2026, 11, 22)
    assert (dialog.start.value(), dialog.end.value(), dialog.people.value()) == (time(9, 15), time(10, 15), 1)
    assert dialog.people.hasFocus()
    assert listed(dialog) == [
        "Sala riunioni",
        "Cucina",
        "Salone A (part of Salone)",
        "Salone B (part of Salone)",
        "Salone",
        "Cortile",
    ]
    assert listed(dialog, COL_CAPACITY)[:2] == ["10 people", "15 people"]
    hall = listed(dialog).index("Salone")
    assert listed(dialog, COL_RATE)[hall] == "€40.00 (members €30.00)"
    assert listed(dialog, COL_RATE)[-1] == "Free of charge"
    assert listed(dialog, COL_EQUIPMENT)[hall] == "Proiettore, impianto audio"
    assert (
        dialog.message.text() == "6 rooms free on Sunday, November 22, 2026, 9:15\u202fAM–10:15\u202fAM for 1 person."
    )
    assert dialog.chosen() == (rooms["Sala riunioni"], at(9, 15), at(10, 15))
    assert dialog.book_button.isEnabled() and dialog.book_button.isDefault()


def test_rooms_too_small_are_left_out_and_too_many_people_is_explained(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int]
) -> None:
    dialog = make_dialog(qtbot, services, volunteer)
    set_people(qtbot, dialog, 15)
    assert listed(dialog) == ["Cucina", "Salone A (part of Salone)", "Salone B (part of Salone)", "Salone", "Cortile"]
    set_people(qtbot, dialog, 60)
    assert listed(dialog) == ["Salone", "Cortile"]
    set_people(qtbot, dialog, 250)
    assert listed(dialog) == []
    assert dialog.message.text() == "No room holds 250 people: the largest holds 200. Make the group smaller."
    assert dialog.chosen() is None and not dialog.book_button.isEnabled()


def test_a_booked_hall_takes_its_halves_and_a_booked_half_takes_the_hall(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int
) -> None:
    services.bookings.create_booking(
        volunteer,
        BookingDraft(room_id=rooms["Salone"], start=at(9), end=at(10), person_id=person, purpose="Assemblea"),
    )
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=rooms["Salone A"],
            start=at(11),
            end=at(12),
            person_id=person,
            purpose="Prova",
            status=BookingStatus.TENTATIVE,  # tentative bookings hold the room too
        ),
    )
    dialog = make_dialog(qtbot, services, volunteer)
    set_people(qtbot, dialog, 20)
    assert listed(dialog) == ["Cortile"]  # 9:00-10:00: the hall is booked, so are its halves

    dialog.start.set_value(time(11))  # the end follows: 11:00-12:00
    assert dialog.end.value() == time(12)
    assert listed(dialog) == ["Salone B (part of Salone)", "Cortile"]  # half A is booked: the hall is not free

    dialog.start.set_value(time(10))
    assert dialog.end.value() == time(11)
    assert listed(dialog) == ["Salone A (part of Salone)", "Salone B (part of Salone)", "Salone", "Cortile"]


def test_a_closed_day_says_why(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, rooms: dict[str, int]
) -> None:
    services.closures.add(coordinator, date(2026, 12, 8), date(2026, 12, 8), "Immacolata")
    dialog = make_dialog(qtbot, services, volunteer)
    assert dialog.model.rowCount() == 6
    dialog.day.setDate(QDate(2026, 12, 8))
    assert listed(dialog) == []
    assert dialog.message.text() == (
        "The house is closed on Tuesday, December 8, 2026 (Immacolata): choose another day."
    )
    assert dialog.chosen() is None
    dialog.day.setDate(QDate(2026, 12, 9))
    assert dialog.model.rowCount() == 6


def test_the_list_follows_the_keyboard_and_keeps_the_chosen_room(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int
) -> None:
    services.bookings.create_booking(
        volunteer,
        BookingDraft(room_id=rooms["Cucina"], start=at(10), end=at(11), person_id=person, purpose="Pranzo"),
    )
    dialog = make_dialog(qtbot, services, volunteer)
    set_people(qtbot, dialog, 12)
    assert listed(dialog)[0] == "Cucina"
    dialog.table.selectRow(listed(dialog).index("Cortile"))

    # Up on the start moves the span by a quarter hour; the end keeps the length.
    dialog.start.setFocus()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.start, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.start, Qt.Key.Key_Up)
    assert (dialog.start.value(), dialog.end.value()) == (time(9, 45), time(10, 45))
    assert "Cucina" not in listed(dialog)  # booked from 10:00
    assert dialog.chosen() == (rooms["Cortile"], at(9, 45), at(10, 45))  # still the room chosen

    # An end before the start is said, and nothing is offered.
    dialog.end.set_value(time(9))
    assert listed(dialog) == []
    assert dialog.message.text() == "The end must come after the start: check the times."
    assert not dialog.book_button.isEnabled()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Down)  # Down goes to the previous quarter hour
    assert dialog.end.value() == time(8, 45)
    dialog.end.set_value(time(0))  # 00:00 is midnight, the end of the day
    assert dialog.span() == (at(9, 45), at(0, day=date(2026, 11, 23)))
    assert "Cucina" not in listed(dialog) and "Cortile" in listed(dialog)


def test_the_free_rooms_model_passes_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int]
) -> None:
    dialog = make_dialog(qtbot, services, volunteer)
    assert dialog.model.rowCount() == 6
    qtmodeltester.check(dialog.model)


def test_without_rooms_it_says_who_adds_them(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer)
    assert listed(dialog) == []
    assert dialog.message.text() == "The house has no rooms yet: a coordinator adds them in the Rooms area."


def test_book_it_opens_the_booking_editor_on_the_chosen_room_and_span(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int
) -> None:
    from ui.dialogs.booking_editor import BookingEditor

    dialog = make_dialog(qtbot, services, volunteer)
    set_people(qtbot, dialog, 12)
    dialog.table.selectRow(listed(dialog).index("Cucina"))
    seen: list[tuple[int | None, tuple[datetime, datetime]]] = []

    def in_the_editor(save: bool) -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, BookingEditor)
        seen.append((editor.form.room_id(), editor.form.span()))
        if save:
            editor.form.person.set_choice(person, "Okafor Ngozi")
            editor.form.purpose.setText("Corso di cucina")
            editor.save()
        else:
            editor.reject()

    # Closed without saving: the search stays open, as it was.
    QTimer.singleShot(0, lambda: in_the_editor(save=False))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter reaches "Book it"
    assert seen == [(rooms["Cucina"], (at(9), at(10)))]
    assert dialog.isVisible() and not dialog.booked
    assert dialog.chosen() == (rooms["Cucina"], at(9), at(10))

    # Saved: the booking is made and the search closes.
    QTimer.singleShot(0, lambda: in_the_editor(save=True))
    dialog.book_button.click()
    assert dialog.booked and dialog.result() == QDialog.DialogCode.Accepted
    made = services.bookings.bookings_between(volunteer, at(0), at(23, 59))
    assert [(row.room_id, row.start, row.end, row.purpose) for row in made] == [
        (rooms["Cucina"], at(9), at(10), "Corso di cucina")
    ]
