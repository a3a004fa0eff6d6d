"""The whole desk as a volunteer meets it: first run, sign-in on the Today page, a person added, found, edited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.db.engine import Database
from app.services import Services
from app.services.roles import Actor, Role
from tests.conftest import ADMIN_PIN
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import area_of
from ui.dialogs.first_run_dialog import FirstRunDialog
from ui.dialogs.person_editor import PersonEditor
from ui.main_window import MainWindow
from ui.pages.audit_page import AuditPage
from ui.pages.bookings_page import BookingsPage
from ui.pages.cash_page import CashPage
from ui.pages.lending_page import LendingPage
from ui.pages.organisations_page import OrganisationsPage
from ui.pages.people_page import PeoplePage
from ui.pages.reports_page import ReportsPage
from ui.pages.rooms_page import RoomsPage
from ui.pages.today_page import TodayPage
from ui.pages.users_page import UsersPage
from ui.pages.workshops_page import WorkshopsPage


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def sign_in(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    login = window.login_page
    for row in range(login.users.count()):
        if login.users.item(row).text().startswith(name):
            login.users.setCurrentRow(row)
    type_text(login.pin, pin)
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)


def test_first_run_sign_in_add_find_edit_and_audit(
    qtbot: QtBot, services: Services, boxes: Boxes, clock: FixedClock
) -> None:
    # First run: the house and its admin.
    first_run = FirstRunDialog(services=services)
    qtbot.addWidget(first_run)
    type_text(first_run.house_name, "Bagni Pubblici di Via Agliè")
    type_text(first_run.house_address, "Via Agliè 9, 10154 Torino")
    type_text(first_run.fiscal_code, "97735280014")
    type_text(first_run.admin_name, "Giulia")
    type_text(first_run.pin, "1234")
    type_text(first_run.pin_again, "1234")
    first_run.save()
    assert first_run.result() != QDialog.DialogCode.Accepted
    assert first_run.errors.message_for("pin")  # too short: said under the field
    first_run.pin.clear()
    first_run.pin_again.clear()
    type_text(first_run.pin, ADMIN_PIN)
    type_text(first_run.pin_again, ADMIN_PIN)
    first_run.save()
    assert first_run.result() == QDialog.DialogCode.Accepted and first_run.actor is not None

    # The admin is at the desk; switching user goes back to the login screen.
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(first_run.actor)
    assert [window.navigation.item(row).text() for row in range(window.navigation.count())] == [
        area_of(TodayPage).title(),
        area_of(PeoplePage).title(),
        area_of(OrganisationsPage).title(),
        area_of(CashPage).title(),
        area_of(BookingsPage).title(),
        area_of(WorkshopsPage).title(),
        area_of(LendingPage).title(),
        area_of(ReportsPage).title(),
        area_of(RoomsPage).title(),
        area_of(UsersPage).title(),
        area_of(AuditPage).title(),
    ]
    window.switch_user()
    assert window.stack.currentWidget() is window.login_page
    sign_in(qtbot, window, "Giulia", "999999")
    assert window.stack.currentWidget() is window.login_page
    assert window.login_page.message.text()  # wrong PIN said, and a wait
    assert not window.login_page.pin.isEnabled()
    clock.advance(seconds=2)
    window.login_page._stop_wait()
    sign_in(qtbot, window, "Giulia", ADMIN_PIN)
    assert window.actor is not None and window.actor.name == "Giulia"
    assert "Giulia" in window.user_label.text()

    # Today is the home; Ctrl+2 opens the People page, its search field has the cursor.
    assert isinstance(window.current_page(), TodayPage)
    qtbot.keyClick(window.navigation, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, PeoplePage)
    assert page.search.hasFocus()

    # Ctrl+N adds a person.
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.dialog
    assert isinstance(editor, PersonEditor)
    type_text(editor.given_name, "Nicolò")
    type_text(editor.family_name, "Đorđević")
    type_text(editor.phone, "+39 333 123 4567")
    editor.save()
    assert not editor.isVisible()

    # Found by typing part of the name without accents, after Ctrl+F.
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    type_text(page.search, "nicolo dord")
    page.apply_search_now()
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 0)) == "Đorđević"

    # Opened and edited.
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.open_current()
    editor = page.dialog
    assert isinstance(editor, PersonEditor)
    assert editor.given_name.text() == "Nicolò"
    editor.email.clear()
    type_text(editor.email, "nicolo@example.org")
    editor.save()
    assert not editor.isVisible()
    person_id = page.model.id_at(0)
    assert services.people.get(window.actor, person_id).draft.email == "nicolo@example.org"

    # The audit log has both changes, with who made them.
    audit = window.show_page(AuditPage)
    assert isinstance(audit, AuditPage)
    rows = services.audit.rows(window.actor, services.audit.entry_ids(window.actor, entity="person"))
    assert [(row.action, row.user_name, row.fields) for row in rows] == [
        ("update", "Giulia", ("email",)),
        ("create", "Giulia", ("family_name", "given_name", "phone")),
    ]
    assert audit.model.rowCount() == services.audit.count(window.actor)


def test_shortcuts_are_the_usual_ones(qtbot: QtBot, services: Services, admin: Actor) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.lock_action.shortcut() == QKeySequence("Ctrl+L")


def test_a_volunteer_sees_only_the_areas_of_their_role(
    qtbot: QtBot, services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.start_desk(volunteer)
    assert window.navigation.count() == 7  # today, people, associations, cash desk, bookings, workshops, tools
    assert not window.house_menu.menuAction().isVisible()
    window.start_desk(coordinator)
    assert window.navigation.count() == 10  # and reports, rooms, audit log


def test_the_idle_lock_returns_to_the_login_with_the_same_user(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    window.start_desk(volunteer)
    assert window.idle.is_armed()
    window.idle.set_minutes(0.002)  # about a tenth of a second
    window.idle.arm()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.login_page, timeout=3000)
    assert window.actor is None
    current = window.login_page.users.currentItem()
    assert current is not None and current.text().startswith("Samir")
    assert not window.idle.is_armed()


def active_desk(qtbot: QtBot, services: Services, actor: Actor) -> MainWindow:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(actor)
    return window


def test_the_idle_lock_waits_while_someone_is_working(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    """Keys typed as a keyboard types them: through the window (where the lock watches) to the
    widget with the focus."""
    window = active_desk(qtbot, services, volunteer)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.arm()
    page = window.show_page(PeoplePage)
    assert isinstance(page, PeoplePage)
    page.search.setFocus()
    handle = window.windowHandle()
    assert handle is not None
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(handle, Qt.Key.Key_A)
    assert page.search.text() == "aaaaaa"
    assert window.actor is not None
    qtbot.waitUntil(lambda: window.actor is None, timeout=3000)


def test_the_idle_lock_waits_while_someone_types_in_a_dialog(
    qtbot: QtBot, services: Services, volunteer: Actor
) -> None:
    """A dialog is a window of its own: the lock watches it from when it takes the keyboard."""
    from ui.dialogs.pin_dialog import PinDialog

    window = active_desk(qtbot, services, volunteer)
    dialog = PinDialog(services=services, actor=volunteer, user_id=volunteer.user_id, parent=window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.arm()
    handle = dialog.windowHandle()
    assert handle is not None
    typed = dialog.focusWidget()
    assert isinstance(typed, QLineEdit)
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(handle, Qt.Key.Key_1)
    assert typed.text() == "111111"
    assert window.actor is not None
    qtbot.waitUntil(lambda: window.actor is None, timeout=3000)  # and locks once nobody types
    assert not dialog.isVisible()  # the lock closes what was open


def test_the_default_idle_lock_is_five_minutes(services: Services, admin: Actor) -> None:
    assert services.house.desk_settings().idle_lock_minutes == 5
    assert Role.ADMIN.label


def test_the_desk_speaks_italian_first(qtbot: QtBot, services: Services, admin: Actor) -> None:
    from app.i18n import set_language

    set_language("it")
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    assert window.login_page.enter.text() == "Entra"
    window.start_desk(admin)
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert labels == [
        "Oggi",
        "Persone",
        "Associazioni e gruppi",
        "Cassa",
        "Prenotazioni",
        "Laboratori",
        "Prestito attrezzi",
        "Resoconti",
        "Sale",
        "Operatori",
        "Registro",
    ]
    assert window.user_label.text() == "Al banco: Giulia (amministratore)"
    assert isinstance(window.current_page(), TodayPage)
    page = window.show_page(PeoplePage)
    assert isinstance(page, PeoplePage)
    assert page.search.placeholderText() == "Cerca per nome, telefono o email…"


def test_up_and_down_in_the_pin_field_choose_the_user(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    login = window.login_page
    assert login.users.currentItem().text().startswith("Giulia")
    qtbot.keyClick(login.pin, Qt.Key.Key_Down)
    assert login.users.currentItem().text().startswith("Samir")
    type_text(login.pin, "135790")
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    assert window.actor is not None and window.actor.name == "Samir"


def test_ctrl_and_a_number_opens_that_area(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_desk(volunteer)
    assert isinstance(window.current_page(), TodayPage)
    qtbot.keyClick(window.navigation, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), OrganisationsPage)
    qtbot.keyClick(window.navigation, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # no ninth area
    assert isinstance(window.current_page(), OrganisationsPage)
    qtbot.keyClick(window.navigation, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_page(), TodayPage)


def test_every_area_names_a_page_that_exists() -> None:
    from ui.areas import AREAS
    from ui.pages.base import Page

    for area in AREAS:
        page_type = area.load()
        assert issubclass(page_type, Page)
        assert area_of(page_type) is area
        assert area.title()


def test_the_first_screen_is_painted_before_the_start_up_objects_are_frozen(
    qtbot: QtBot, database: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``gc.collect`` over everything start-up built takes some 25 ms: it waits for the login
    screen to be on screen, and is done well before a PIN can be typed. The collector, which
    ``app.cli.main`` turns off before the desk's imports, is on again from then on."""
    import gc

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui import application

    seen: dict[str, int] = {}

    def event_loop() -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        window.grab()
        seen["at the first paint"] = gc.get_freeze_count()
        seen["collecting at the first paint"] = gc.isenabled()
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=3 * application.FREEZE_AFTER_MS)
        seen["soon after"] = gc.get_freeze_count()
        seen["collecting soon after"] = gc.isenabled()
        return 0

    assert gc.get_freeze_count() == 0
    locale = QLocale()
    monkeypatch.setattr(QApplication, "exec", staticmethod(event_loop))
    gc.disable()  # as app.cli.main does before it imports the desk
    try:
        assert application.run(database=database.path, language="en") == 0
    finally:
        gc.enable()
        gc.unfreeze()
        QLocale.setDefault(locale)
    assert seen["at the first paint"] == 0 and seen["soon after"] > 0
    assert not seen["collecting at the first paint"] and seen["collecting soon after"]


# -- what the start of the desk loads ----------------------------------------------------------------

DESK_START = """
import sys
from pathlib import Path
from app.clock import FixedClock
from app.db.schema import open_database
from app.i18n import set_language
from app.services import Services
from ui.application import make_application
from ui.main_window import MainWindow

set_language("it")
app = make_application([])
services = Services.build(database=open_database(Path(sys.argv[1]), backups_dir=Path(sys.argv[2])), clock=FixedClock())
window = MainWindow(services=services)
window.show()
user = next(u for u in services.accounts.users_for_login() if u.name == "Giulia")
window.start_desk(services.accounts.login(user.id, sys.argv[3]))
today = window.current_page()
app.processEvents()
print(type(today).__name__, today.bookings.model.rowCount())
window.navigation.setCurrentRow(1)  # People, as Ctrl+2
app.processEvents()
window.grab()
print(type(window.current_page()).__name__)
print(" ".join(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def modules_at_start(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules loaded by signing in to a desk whose Today page shows a booking and a weekly
    series (whose dates are worked out), and then opening People."""
    import os
    import subprocess
    import sys
    from datetime import datetime
    from pathlib import Path

    from app.db.schema import open_database
    from app.services.bookings import BookingDraft, SeriesDraft
    from app.services.people import PersonDraft
    from app.services.rooms import RoomDraft
    from tests.conftest import HOUSE

    folder = tmp_path_factory.mktemp("desk_start")
    database = open_database(folder / "house.sqlite3", backups_dir=folder / "backups")
    services = Services.build(database=database, clock=FixedClock())
    admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
    room = services.rooms.create(admin, RoomDraft(name="Sala riunioni", capacity=10)).id
    person = services.people.create(admin, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    start = datetime(2026, 11, 22, 10)
    services.bookings.create_booking(
        admin, BookingDraft(room_id=room, start=start, end=start.replace(hour=11), person_id=person)
    )
    weekly = SeriesDraft(
        room_id=room, dtstart=datetime(2026, 11, 1, 18), duration_minutes=60, rrule="FREQ=WEEKLY", person_id=person
    )
    services.bookings.create_series(admin, weekly)
    database.close()
    result = subprocess.run(
        [sys.executable, "-c", DESK_START, str(folder / "house.sqlite3"), str(folder / "backups"), ADMIN_PIN],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PORTINERIA_HOME": str(folder / "home"), "QT_QPA_PLATFORM": "offscreen"},
    )
    today, people, modules = result.stdout.strip().splitlines()
    assert today == "TodayPage 2"  # the booking and tonight's meeting of the series
    assert people == "PeoplePage"
    return set(modules.split())


@pytest.mark.parametrize(
    "package",
    [
        "reportlab",  # the PDFs: with the first receipt or report
        "PySide6.QtPdf",  # their preview
        "app.reports",
        "holidays",  # the closures' holidays: when asked for
        "ui.dialogs.booking_editor",  # Ctrl+N on Today
        "ui.dialogs.free_room_dialog",  # Ctrl+R on Today
        "ui.pages.bookings_page",  # Enter on a booking of Today
        "icalendar",  # the .ics import and export
    ],
)
def test_the_start_of_the_desk_leaves_what_comes_later_unloaded(modules_at_start: set[str], package: str) -> None:
    """Loading costs time at every start: what only a later click needs loads with that click."""
    assert sorted(m for m in modules_at_start if m == package or m.startswith(package + ".")) == []
