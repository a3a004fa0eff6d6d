"""The closures dialog: the closures of a year, adding, removing, and the proposed holidays."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.services import Services
from app.services.bookings import BookingDraft
from app.services.closures import ClosureRow
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.closures_dialog import ClosuresDialog
from ui.dialogs.holidays_dialog import HolidaysDialog
from ui.pages.rooms_page import RoomsPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def room(services: Services, coordinator: Actor) -> int:
    return services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100)).id


def open_dialog(qtbot: QtBot, services: Services, actor: Actor) -> ClosuresDialog:
    """Through the "Closures…" button of the Rooms page, as the desk opens it."""
    page = RoomsPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.show()
    page.shown()
    qtbot.mouseClick(page.closures_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ClosuresDialog)
    return dialog


def set_day(field: object, day: date) -> None:
    field.setDate(QDate(day.year, day.month, day.day))  # type: ignore[attr-defined]


def error_text(dialog: ClosuresDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


def listed(dialog: ClosuresDialog) -> list[tuple[str, str]]:
    items = (dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount()))
    return [(item.text(0), item.text(1)) for item in items if item is not None]


def stored(services: Services, actor: Actor, year: int) -> list[tuple[date, date, str]]:
    rows = services.closures.closures(actor, date(year, 1, 1), date(year, 12, 31))
    return [(row.first_day, row.last_day, row.reason) for row in rows]


def test_a_closure_is_added_with_enter_and_listed_in_its_year(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    dialog = open_dialog(qtbot, services, coordinator)
    assert dialog.year.value() == 2026
    assert dialog.empty_hint.isVisible()
    set_day(dialog.first_day, date(2026, 12, 24))
    assert dialog.last_day.date() == QDate(2026, 12, 24)  # follows a one-day closure
    set_day(dialog.last_day, date(2027, 1, 6))
    type_text(dialog.reason, "Vacanze di Natale")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    assert stored(services, coordinator, 2026) == [(date(2026, 12, 24), date(2027, 1, 6), "Vacanze di Natale")]
    assert listed(dialog) == [("Dec 24, 2026 – Jan 6, 2027 (14 days)", "Vacanze di Natale")]
    assert dialog.selected_closure() is not None
    assert dialog.reason.text() == ""
    assert "Closure added" in dialog.status.text()

    set_day(dialog.first_day, date(2027, 4, 25))
    type_text(dialog.reason, "Festa della Liberazione")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    assert dialog.year.value() == 2027  # the list moved to the new closure's year
    assert listed(dialog) == [
        ("Dec 24, 2026 – Jan 6, 2027 (14 days)", "Vacanze di Natale"),
        ("Sunday, April 25, 2027", "Festa della Liberazione"),
    ]
    assert boxes.errors == []


def test_a_closure_without_reason_or_ending_before_it_starts_is_not_added(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    dialog = open_dialog(qtbot, services, coordinator)
    set_day(dialog.first_day, date(2026, 12, 10))
    set_day(dialog.last_day, date(2026, 12, 9))
    dialog.add_closure()

    assert error_text(dialog, "reason") == "Write why the house is closed, like Christmas."
    assert error_text(dialog, "last_day") == "The last day is before the first day: check both dates."
    assert stored(services, coordinator, 2026) == []


def test_a_closure_over_bookings_is_refused_with_the_whole_list(
    qtbot: QtBot, services: Services, coordinator: Actor, room: int
) -> None:
    club = services.organisations.create(coordinator, OrganisationDraft(name="Circolo Scacchi")).id
    services.bookings.create_booking(
        coordinator,
        BookingDraft(
            room_id=room, start=datetime(2026, 12, 7, 18), end=datetime(2026, 12, 7, 20), organisation_id=club
        ),
    )
    dialog = open_dialog(qtbot, services, coordinator)
    set_day(dialog.first_day, date(2026, 12, 7))
    set_day(dialog.last_day, date(2026, 12, 8))
    type_text(dialog.reason, "Ponte dell'Immacolata")
    dialog.add_closure()

    message = error_text(dialog, "first_day")
    assert message.startswith("Some bookings fall on these days: move or cancel them first")
    assert "Dec 7, 2026" in message and "Salone" in message and "Circolo Scacchi" in message
    assert stored(services, coordinator, 2026) == []
    assert dialog.reason.text() == "Ponte dell'Immacolata"  # kept, to try again after moving the booking


def test_removing_a_closure_asks_first(qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes) -> None:
    services.closures.add(coordinator, date(2026, 12, 8), date(2026, 12, 8), "Immacolata")
    services.closures.add(coordinator, date(2026, 12, 25), date(2026, 12, 26), "Natale")
    dialog = open_dialog(qtbot, services, coordinator)
    dialog.list.setFocus()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))

    boxes.answer = False
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert boxes.questions == [
        "Remove the closure “Natale”, Dec 25, 2026 – Dec 26, 2026 (2 days)? The house can then be booked on those days."
    ]
    assert len(stored(services, coordinator, 2026)) == 2

    boxes.answer = True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert stored(services, coordinator, 2026) == [(date(2026, 12, 8), date(2026, 12, 8), "Immacolata")]
    assert listed(dialog) == [("Tuesday, December 8, 2026", "Immacolata")]
    assert not dialog.remove_button.isEnabled()


def open_holidays(qtbot: QtBot, dialog: ClosuresDialog, year: int) -> HolidaysDialog:
    dialog.year.setValue(year)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    holidays = dialog.holidays
    assert isinstance(holidays, HolidaysDialog)
    return holidays


def test_the_2027_holidays_are_proposed_and_the_ticked_ones_added(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes
) -> None:
    services.closures.add(coordinator, date(2027, 1, 1), date(2027, 1, 1), "Capodanno")
    dialog = open_dialog(qtbot, services, coordinator)
    holidays = open_holidays(qtbot, dialog, 2027)

    proposals = {proposal.day: proposal for proposal in holidays.proposals()}
    assert proposals[date(2027, 8, 15)].name == "Assumption Of Mary Day"  # Ferragosto
    assert proposals[date(2027, 6, 24)].name == "Saint John's Day"  # San Giovanni, patron saint of Turin
    assert proposals[date(2027, 1, 1)].already_closed
    first = holidays.list.item(0)
    assert first is not None and "(already closed)" in first.text()
    assert not first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert len(holidays.ticked()) == len(proposals) - 1  # all the open days start ticked

    holidays.set_ticked({"Assumption Of Mary Day", "Saint John's Day", "Christmas Day"})
    assert holidays.add_button.text() == "Add the 3 ticked days"
    qtbot.mouseClick(holidays.add_button, Qt.MouseButton.LeftButton)

    assert dialog.holidays is None
    assert stored(services, coordinator, 2027) == [
        (date(2027, 1, 1), date(2027, 1, 1), "Capodanno"),
        (date(2027, 6, 24), date(2027, 6, 24), "Saint John's Day"),
        (date(2027, 8, 15), date(2027, 8, 15), "Assumption Of Mary Day"),
        (date(2027, 12, 25), date(2027, 12, 25), "Christmas Day"),
    ]
    assert len(listed(dialog)) == 4
    assert dialog.status.text() == "3 holidays added as closures."
    assert boxes.errors == []


def test_a_holiday_with_bookings_starts_unticked_and_adding_it_is_refused_in_full(
    qtbot: QtBot, services: Services, coordinator: Actor, room: int, boxes: Boxes
) -> None:
    club = services.organisations.create(coordinator, OrganisationDraft(name="Circolo Scacchi")).id
    services.bookings.create_booking(
        coordinator,
        BookingDraft(
            room_id=room, start=datetime(2027, 6, 24, 18), end=datetime(2027, 6, 24, 20), organisation_id=club
        ),
    )
    dialog = open_dialog(qtbot, services, coordinator)
    holidays = open_holidays(qtbot, dialog, 2027)
    texts = [item.text() for row in range(holidays.list.count()) if (item := holidays.list.item(row))]
    assert any(text.endswith("Saint John's Day (1 booking on this day)") for text in texts)
    assert "Saint John's Day" not in {proposal.name for proposal in holidays.ticked()}

    holidays.set_ticked({"Saint John's Day", "Christmas Day"})
    holidays.add_ticked()

    assert len(boxes.errors) == 1
    assert boxes.errors[0].startswith("Some bookings fall on these days")
    assert "Circolo Scacchi" in boxes.errors[0]
    assert holidays.isVisible()
    assert stored(services, coordinator, 2027) == []  # all or nothing


def test_changing_the_year_shows_its_closures_and_moves_the_new_days_into_it(
    qtbot: QtBot, services: Services, coordinator: Actor
) -> None:
    services.closures.add(coordinator, date(2027, 8, 15), date(2027, 8, 15), "Ferragosto")
    dialog = open_dialog(qtbot, services, coordinator)
    assert listed(dialog) == []
    assert dialog.count_label.text() == "0 closures"

    qtbot.keyClick(dialog.year, Qt.Key.Key_Up)

    assert listed(dialog) == [("Sunday, August 15, 2027", "Ferragosto")]
    assert dialog.first_day.date() == QDate(2027, 11, 22)
    assert dialog.last_day.date() == QDate(2027, 11, 22)
    rows: list[ClosureRow] = dialog.closures()
    assert [row.reason for row in rows] == ["Ferragosto"]
