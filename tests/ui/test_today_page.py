"""The Today page: today's bookings, now and next first, with money owed; the desk's home."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from app.clock import FixedClock
from app.db.engine import Database
from app.i18n import set_language
from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from ui.areas import AREAS, area_of
from ui.main_window import MainWindow
from ui.pages.bookings_page import BookingsPage
from ui.pages.people_page import PeoplePage
from ui.pages.today.bookings_model import (
    COL_HOLDER,
    COL_PAYMENT,
    COL_PEOPLE,
    COL_PURPOSE,
    COL_ROOM,
    COL_STATUS,
    COL_TIME,
    COL_WHEN,
)
from ui.pages.today_page import TodayPage

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = date(2026, 11, 22)  # the fixed clock's Sunday


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@pytest.fixture
def rooms(services: Services, coordinator: Actor) -> dict[str, int]:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100, hourly_rate_cents=4000))
    made = {"Salone": hall.id}
    for name, capacity, rate, parent in (
        ("Salone A", 50, 2000, hall.id),
        ("Salone B", 50, 2000, hall.id),
        ("Cucina", 15, 1500, None),
        ("Sala riunioni", 10, 1000, None),
        ("Sartoria", 12, 1500, None),
        ("Cortile", 200, 0, None),
    ):
        draft = RoomDraft(name=name, capacity=capacity, hourly_rate_cents=rate, parent_id=parent, colour="#5cb85c")
        made[name] = services.rooms.create(coordinator, draft).id
    return made


@pytest.fixture
def person(services: Services, volunteer: Actor) -> int:
    return services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id


def book(
    services: Services,
    actor: Actor,
    room: int,
    start: datetime,
    end: datetime,
    person: int,
    purpose: str,
    **more: object,
) -> int:
    draft = BookingDraft(room_id=room, start=start, end=end, person_id=person, purpose=purpose, **more)  # type: ignore[arg-type]
    booking_id = services.bookings.create_booking(actor, draft).id
    assert booking_id is not None
    return booking_id


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> TodayPage:
    page = TodayPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1136, 700)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.shown()
    return page


def column(page: TodayPage, col: int) -> list[str]:
    model = page.bookings.model
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_now_and_next_come_first_and_what_ended_goes_last(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int, clock: FixedClock
) -> None:
    clock.current = at(12)
    book(services, volunteer, rooms["Cucina"], at(8), at(10), person, "Colazione")
    book(services, volunteer, rooms["Salone A"], at(11), at(13), person, "Ripetizioni")
    book(services, volunteer, rooms["Sartoria"], at(10), at(12), person, "Cucito")  # ends as the clock says 12:00
    book(
        services,
        volunteer,
        rooms["Sala riunioni"],
        at(12),
        at(12, 30),
        person,
        "Direttivo",
        status=BookingStatus.TENTATIVE,
    )
    book(services, volunteer, rooms["Cortile"], at(13, 30), at(14), person, "Merenda")
    cancelled = book(services, volunteer, rooms["Cucina"], at(14), at(15), person, "Annullata")
    services.bookings.cancel_booking(volunteer, cancelled)
    book(
        services,
        volunteer,
        rooms["Cucina"],
        at(9, day=TODAY + timedelta(days=1)),
        at(10, day=TODAY + timedelta(days=1)),
        person,
        "Domani",
    )
    book(
        services,
        volunteer,
        rooms["Cucina"],
        at(9, day=TODAY - timedelta(days=1)),
        at(10, day=TODAY - timedelta(days=1)),
        person,
        "Ieri",
    )
    # A weekly series on Sundays shows today's occurrence; another one's today is cancelled.
    services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=rooms["Salone B"],
            dtstart=at(15, day=date(2026, 11, 1)),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=SU",
            person_id=person,
            purpose="Coro",
        ),
    )
    skipped = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=rooms["Sartoria"],
            dtstart=at(16, day=date(2026, 11, 8)),
            duration_minutes=60,
            rrule="FREQ=WEEKLY;BYDAY=SU",
            person_id=person,
            purpose="Saltata oggi",
        ),
    )
    services.bookings.cancel_occurrence(volunteer, skipped, at(16))

    page = make_page(qtbot, services, volunteer)

    assert column(page, COL_PURPOSE) == ["Ripetizioni", "Direttivo", "Merenda", "Coro", "Colazione", "Cucito"]
    assert column(page, COL_WHEN) == ["Now", "Now", "In 1 h 30 min", "In 3 h", "Ended", "Ended"]
    assert column(page, COL_ROOM) == ["Salone A", "Sala riunioni", "Cortile", "Salone B", "Cucina", "Sartoria"]
    assert column(page, COL_STATUS)[1] == "Tentative"
    assert column(page, COL_HOLDER) == ["Rossi Nicolò"] * 6
    assert page.bookings.summary.text() == "6 bookings"
    model = page.bookings.model
    # What is on now is marked, ended lines are grey, the room's colour is at its name.
    assert model.index(0, COL_WHEN).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(2, COL_WHEN).data(Qt.ItemDataRole.BackgroundRole) is None
    grey = model.index(4, COL_PURPOSE).data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == "#8a8a8a"
    assert model.index(0, COL_PURPOSE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, COL_ROOM).data(Qt.ItemDataRole.DecorationRole).name() == "#5cb85c"
    # The title is the day in full.
    assert page.title.text() == "Sunday, November 22, 2026"


def test_each_booking_says_whether_it_is_paid_or_owed(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    admin: Actor,
    rooms: dict[str, int],
    person: int,
    clock: FixedClock,
) -> None:
    clock.current = at(12)
    category = next(row.id for row in services.cash_settings.categories(admin) if row.code == "room_hire")

    def pay(kind: str, link_id: int, cents: int) -> None:
        services.cash.record_payment(
            volunteer,
            PaymentDraft(
                amount_cents=cents, category_id=category, payer_person_id=person, link_kind=kind, link_id=link_id
            ),
        )

    paid = book(services, volunteer, rooms["Cucina"], at(9), at(11), person, "Pagata")  # 2 h at €15
    pay("booking", paid, 3000)
    part = book(services, volunteer, rooms["Sala riunioni"], at(13), at(15), person, "In parte")  # 2 h at €10
    pay("booking", part, 500)
    book(services, volunteer, rooms["Cortile"], at(14), at(16), person, "Gratis")
    book(services, volunteer, rooms["Sartoria"], at(15), at(16), person, "Forse", status=BookingStatus.TENTATIVE)
    organisation = services.organisations.create(volunteer, OrganisationDraft(name="Coro Barriera")).id
    series = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=rooms["Salone B"],
            dtstart=at(10, day=date(2026, 11, 8)),
            duration_minutes=60,
            rrule="FREQ=WEEKLY;BYDAY=SU",
            organisation_id=organisation,
            purpose="Coro",
        ),
    )  # three Sundays started at €20 each, one of them paid
    pay("booking_series", series, 2000)

    page = make_page(qtbot, services, volunteer)

    by_purpose = dict(zip(column(page, COL_PURPOSE), column(page, COL_PAYMENT), strict=True))
    assert by_purpose == {
        "Pagata": "Paid",
        "In parte": "Owes €15.00",
        "Gratis": "Nothing to pay",
        "Forse": "Not confirmed yet",
        "Coro": "Series: owes €40.00",
    }
    model = page.bookings.model
    rows = {purpose: row for row, purpose in enumerate(column(page, COL_PURPOSE))}
    owed = model.index(rows["In parte"], COL_PAYMENT).data(Qt.ItemDataRole.ForegroundRole)
    assert owed.color().name() == "#b00020"
    still_owed = model.index(rows["Coro"], COL_PAYMENT).data(Qt.ItemDataRole.ForegroundRole)
    assert still_owed.color().name() == "#b00020"  # red even though it has ended


def test_a_busy_day_is_read_in_as_many_sessions_as_a_quiet_one(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    rooms: dict[str, int],
    person: int,
    clock: FixedClock,
    database: Database,
) -> None:
    """The page is the desk's home: what each booking owes is asked in one call, not once a line."""
    clock.current = at(12)
    organisation = services.organisations.create(volunteer, OrganisationDraft(name="Coro Barriera")).id
    page = make_page(qtbot, services, volunteer)

    def sessions_of_a_refresh() -> int:
        begun: list[object] = []

        def count(*_args: object) -> None:
            begun.append(None)

        event.listen(database.sessions, "after_begin", count)
        page.refresh()
        event.remove(database.sessions, "after_begin", count)
        return len(begun)

    quiet = sessions_of_a_refresh()
    for hour in range(8, 20):
        book(services, volunteer, rooms["Cucina"], at(hour), at(hour, 30), person, f"Alle {hour}")
        services.bookings.create_series(
            volunteer,
            SeriesDraft(
                room_id=rooms["Sartoria"],
                dtstart=at(hour, day=date(2026, 11, 1)),
                duration_minutes=30,
                rrule="FREQ=WEEKLY",
                organisation_id=organisation,
                purpose=f"Corso delle {hour}",
            ),
        )
    assert sessions_of_a_refresh() == quiet
    assert page.bookings.model.rowCount() == 24
    # Three Sundays (1, 8, 15 November) have happened; today's too for those started before 12:00.
    assert set(column(page, COL_PAYMENT)) == {"Owes €7.50", "Series: owes €30.00", "Series: owes €22.50"}


def test_it_refreshes_each_minute_and_whenever_it_is_shown(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int, clock: FixedClock
) -> None:
    clock.current = at(9, 58) + timedelta(seconds=45)
    book(services, volunteer, rooms["Cucina"], at(10), at(11), person, "Laboratorio")
    page = make_page(qtbot, services, volunteer)
    assert column(page, COL_WHEN) == ["In 2 min"]
    # The next refresh is due when the minute on the house clock turns.
    assert page.timer.isActive() and page.timer.isSingleShot()
    assert page.timer.interval() == 15_000

    clock.current = at(10, 0)
    book(services, volunteer, rooms["Cortile"], at(18), at(19), person, "Festa")  # made at another desk
    with qtbot.waitSignal(page.timer.timeout, timeout=2_000):
        page.timer.start(10)  # rather than wait for the quarter of a minute that was left
    assert column(page, COL_WHEN) == ["Now", "In 8 h"]
    assert page.timer.interval() == 60_000

    # Hidden, it waits; shown again, it reads everything again.
    page.hide()
    clock.current = at(11, 5)
    page.tick()
    assert column(page, COL_WHEN) == ["Now", "In 8 h"]
    page.show()
    page.shown()
    assert column(page, COL_WHEN) == ["In 6 h 55 min", "Ended"]

    # Past midnight the title and the list are the new day's.
    clock.current = at(0, 1, day=TODAY + timedelta(days=1))
    page.tick()
    assert page.title.text() == "Monday, November 23, 2026"
    assert page.bookings.model.rowCount() == 0


def test_an_empty_day_says_what_to_do_and_a_closed_day_says_why(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, rooms: dict[str, int]
) -> None:
    page = make_page(qtbot, services, volunteer)
    assert not page.bookings.table.isVisible()
    assert page.bookings.empty_hint.isVisible()
    assert "Find a free room" in page.bookings.empty_hint.text()
    assert not page.bookings.closed_label.isVisible()
    assert page.free_room_button.hasFocus()

    services.closures.add(coordinator, TODAY, TODAY, "Festa del quartiere")
    page.shown()
    assert page.bookings.closed_label.isVisible()
    assert page.bookings.closed_label.text() == "The house is closed today: Festa del quartiere."


def test_the_bookings_model_passes_the_model_tester(
    qtmodeltester: ModelTester,
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    rooms: dict[str, int],
    person: int,
) -> None:
    book(services, volunteer, rooms["Cucina"], at(8), at(9), person, "")
    book(services, volunteer, rooms["Cucina"], at(10), at(11), person, "Dopo", status=BookingStatus.TENTATIVE)
    page = make_page(qtbot, services, volunteer)
    assert page.bookings.model.rowCount() == 2
    assert column(page, COL_PURPOSE) == ["Dopo", "(no purpose given)"]
    qtmodeltester.check(page.bookings.model)


# -- in the main window ------------------------------------------------------------------------------


def active_window(qtbot: QtBot, services: Services, actor: Actor) -> MainWindow:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(actor)
    return window


def test_today_is_the_first_area_after_signing_in_and_ctrl_1(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    assert AREAS[0] is area_of(TodayPage)
    window = active_window(qtbot, services, volunteer)
    assert isinstance(window.current_page(), TodayPage)
    assert window.navigation.item(0).text() == "Today"
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), PeoplePage)
    qtbot.keyClick(window.navigation, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), TodayPage)


def test_enter_or_a_double_click_opens_the_bookings_at_today(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int, clock: FixedClock
) -> None:
    book(services, volunteer, rooms["Cucina"], at(10), at(11), person, "Laboratorio")
    book(services, volunteer, rooms["Cortile"], at(15), at(16), person, "Merenda")
    window = active_window(qtbot, services, volunteer)
    bookings = window.show_page(BookingsPage)
    assert isinstance(bookings, BookingsPage)
    bookings.set_day(TODAY + timedelta(days=9))  # the Bookings area was left on another day
    qtbot.keyClick(window.navigation, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = window.current_page()
    assert isinstance(today, TodayPage)
    table = today.bookings.table
    assert table.hasFocus() and table.currentIndex().row() == 0

    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_page() is bookings
    assert bookings.day() == TODAY

    bookings.set_day(TODAY - timedelta(days=3))
    window.show_page(TodayPage)
    rect = table.visualRect(today.bookings.model.index(1, COL_PURPOSE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's first
    assert window.current_page() is today
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page() is bookings
    assert bookings.day() == TODAY


def test_ctrl_r_finds_a_free_room_and_is_taken_by_nothing_else(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int]
) -> None:
    from ui.dialogs.free_room_dialog import FreeRoomDialog

    window = active_window(qtbot, services, volunteer)
    page = window.current_page()
    assert isinstance(page, TodayPage)
    assert "Ctrl+R" in page.free_room_button.toolTip()
    keys = QKeySequence("Ctrl+R")
    actions = [action for action in window.findChildren(QAction) if keys in action.shortcuts()]
    shortcuts = [shortcut for shortcut in window.findChildren(QShortcut) if shortcut.key() == keys]
    assert actions == [] and [shortcut.parent() for shortcut in shortcuts] == [page]

    qtbot.keyClick(window.navigation, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, FreeRoomDialog)
    assert dialog.isVisible()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    page.free_room_button.click()
    assert isinstance(page.dialog, FreeRoomDialog)
    page.dialog.reject()


def test_a_room_booked_from_find_a_free_room_shows_at_once(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int
) -> None:
    from ui.dialogs.booking_editor import BookingEditor
    from ui.dialogs.free_room_dialog import FreeRoomDialog

    page = make_page(qtbot, services, volunteer)
    assert page.bookings.model.rowCount() == 0
    page.find_free_room()
    dialog = page.dialog
    assert isinstance(dialog, FreeRoomDialog)
    dialog.table.selectRow(0)  # the smallest room, 9:00-10:00

    def in_the_editor() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, BookingEditor)
        editor.form.person.set_choice(person, "Rossi Nicolò")
        editor.form.purpose.setText("Colloquio")
        editor.save()

    QTimer.singleShot(0, in_the_editor)
    dialog.book_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert column(page, COL_PURPOSE) == ["Colloquio"]
    assert column(page, COL_ROOM) == ["Sala riunioni"]
    assert column(page, COL_WHEN) == ["Now"]


def test_ctrl_n_makes_a_new_booking_and_the_page_shows_it(
    qtbot: QtBot, services: Services, volunteer: Actor, rooms: dict[str, int], person: int
) -> None:
    from ui.dialogs.booking_editor import BookingEditor

    window = active_window(qtbot, services, volunteer)
    page = window.current_page()
    assert isinstance(page, TodayPage)

    def in_the_editor() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, BookingEditor)
        editor.form.person.set_choice(person, "Rossi Nicolò")
        editor.form.purpose.setText("Assemblea")
        editor.save()

    QTimer.singleShot(0, in_the_editor)
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert column(page, COL_PURPOSE) == ["Assemblea"]


# -- the columns at the desk's 1280 px ---------------------------------------------------------------


def shown_whole(page: TodayPage, col: int) -> list[str]:
    """The texts of a column that are cut (elided) at its present width; empty if none is."""
    table = page.bookings.table
    metrics = table.fontMetrics()
    margins = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)  # the delegate's
    icon = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + margins if col == COL_ROOM else 0
    cut = []
    for row in range(table.model().rowCount()):
        text = table.model().index(row, col).data()
        if metrics.horizontalAdvance(text) + icon + margins > table.columnWidth(col):
            cut.append(text)
    return cut


def test_at_1280_px_rooms_and_payments_are_whole_and_purpose_and_holder_share_the_rest(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor, person: int, tmp_path: Path
) -> None:
    set_language("it")
    rooms = services.rooms
    hall = rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=100, hourly_rate_cents=4000)).id
    side = rooms.create(
        coordinator, RoomDraft(name="Sala Grande – lato cortile", capacity=50, hourly_rate_cents=2000, parent_id=hall)
    ).id
    tailoring = rooms.create(coordinator, RoomDraft(name="Laboratorio di sartoria", capacity=12)).id
    chinese = services.organisations.create(
        coordinator, OrganisationDraft(name="Associazione Cinese Zhejiang di Torino")
    ).id
    services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=side,
            dtstart=at(18),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=SU",
            organisation_id=chinese,
            purpose="Scuola di cinese per bambini e ragazzi delle medie",
        ),
    )  # starts this evening: "Serie: niente da pagare finora"
    book(services, volunteer, tailoring, at(15), at(17), person, "Laboratorio di cucito per principianti assoluti")
    book(services, volunteer, hall, at(10), at(12), person, "Festa", status=BookingStatus.TENTATIVE)
    window = active_window(qtbot, services, volunteer)
    window.resize(1280, 768)
    page = window.show_page(TodayPage)
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: page.bookings.table.width() > 900)
    page.shown()
    table = page.bookings.table
    assert column(page, COL_PAYMENT)[-1] == "Serie: niente da pagare finora"
    page.grab().save(str(tmp_path / "today_1280_it.png"))
    for col in (COL_WHEN, COL_TIME, COL_ROOM, COL_PEOPLE, COL_STATUS, COL_PAYMENT):
        assert shown_whole(page, col) == [], col
    # Purpose and holder take what is left, to the last pixel, and cut their texts if need be.
    widths = [table.columnWidth(col) for col in range(table.model().columnCount())]
    assert sum(widths) == table.viewport().width()
    assert table.columnWidth(COL_PURPOSE) >= table.columnWidth(COL_HOLDER) * 0.8
    assert table.columnWidth(COL_HOLDER) >= 120
    # The columns follow a narrower window too, and nothing needs a sideways scroll bar.
    window.resize(1100, 768)
    qtbot.waitUntil(lambda: sum(table.columnWidth(col) for col in range(len(widths))) == table.viewport().width())
    assert shown_whole(page, COL_ROOM) == [] and shown_whole(page, COL_PAYMENT) == []
    # Too narrow for every short text: they give up some width too, the table still fits.
    window.resize(900, 768)
    qtbot.waitUntil(lambda: sum(table.columnWidth(col) for col in range(len(widths))) == table.viewport().width())
    least = table.fontMetrics().averageCharWidth() * 12
    assert table.columnWidth(COL_PURPOSE) >= least and table.columnWidth(COL_HOLDER) >= least


# -- what a refresh costs ----------------------------------------------------------------------------


def test_cells_are_worked_out_and_columns_measured_once_a_refresh(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    rooms: dict[str, int],
    person: int,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Qt asks a dozen roles of every cell at each paint and the page measures its columns at each
    resize; the texts (Babel's formats) and the measures are made once a refresh, and the
    shortcut measure agrees with the table's own."""
    from ui.pages.today import bookings_model
    from ui.pages.today.bookings_section import GAP

    clock.current = at(12)
    book(services, volunteer, rooms["Salone A"], at(11), at(13), person, "Ripetizioni pomeridiane")  # now: bold
    book(services, volunteer, rooms["Sala riunioni"], at(16), at(17), person, "Di", status=BookingStatus.TENTATIVE)
    book(services, volunteer, rooms["Cortile"], at(8), at(10), person, "Colazione", people_count=120)
    services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=rooms["Salone B"],
            dtstart=at(15, day=date(2026, 11, 1)),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=SU",
            person_id=person,
            purpose="Coro",
        ),
    )
    window = active_window(qtbot, services, volunteer)
    page = window.current_page()
    assert isinstance(page, TodayPage) and page.bookings.model.rowCount() == 4
    section, table = page.bookings, page.bookings.table
    header = table.horizontalHeader()
    for col in range(8):
        assert section._needed_width(col) == max(  # the shortcut against the table's own measure
            header.sectionSizeFromContents(col).width(), table.sizeHintForColumn(col) + GAP
        ), col

    formatted: list[object] = []
    measured: list[int] = []
    real_format_time, real_needed_width = bookings_model.format_time, section._needed_width
    monkeypatch.setattr(bookings_model, "format_time", lambda value: formatted.append(value) or real_format_time(value))
    monkeypatch.setattr(section, "_needed_width", lambda col: measured.append(col) or real_needed_width(col))
    for width in (1100, 1366, 1000):
        window.resize(width, 768)
        qtbot.waitUntil(lambda: sum(table.columnWidth(col) for col in range(8)) == table.viewport().width())
        window.grab()
    assert (formatted, measured) == ([], [])  # the columns followed the window, from what was measured
    page.refresh()
    assert len(formatted) == 2 * 4 and sorted(measured) == list(range(8))
