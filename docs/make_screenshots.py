"""Screenshots of every screen, in Italian and English, at 1366x768 and 1920x1080.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py OUTPUT_DIR

Used to look at the layouts after a change, and to refresh docs/people-page.png for the README.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    output.mkdir(parents=True, exist_ok=True)
    os.environ["PORTINERIA_HOME"] = tempfile.mkdtemp()

    from PySide6.QtWidgets import QApplication

    from app.clock import FixedClock, SystemClock
    from app.db.schema import open_database
    from app.demo import DEMO_TODAY, DEMO_USERS, write_demo
    from app.i18n import set_language
    from app.services import Services
    from ui.application import demo_credentials, install_qt_translations, make_application
    from ui.dialogs.first_run_dialog import FirstRunDialog
    from ui.main_window import MainWindow
    from ui.pages.audit_page import AuditPage
    from ui.pages.organisations_page import OrganisationsPage
    from ui.pages.people_page import PeoplePage
    from ui.pages.users_page import UsersPage

    app = make_application([])
    folder = Path(os.environ["PORTINERIA_HOME"])
    demo = folder / "demo.sqlite3"
    write_demo(demo, size="small", seed=1)
    empty = folder / "empty.sqlite3"
    seed_cash_day(demo, folder)

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(output / f"{name}.png"))

    for language in ("it", "en"):
        set_language(language)
        install_qt_translations(app, language)
        # The demo's last day, late in the afternoon: today's payments are on the Cash page.
        clock = FixedClock(datetime.combine(DEMO_TODAY, time(17, 30)))
        services = Services.build(database=open_database(demo, backups_dir=folder), clock=clock)
        first_run = FirstRunDialog(
            services=Services.build(database=open_database(empty, backups_dir=folder), clock=SystemClock())
        )
        first_run.show()
        first_run.save()  # empty: every message shows
        save(first_run, f"{language}-first-run")
        first_run.close()
        for width, height in ((1366, 768), (1920, 1080)):
            suffix = f"{language}-{width}"
            window = MainWindow(services=services, demo_users=demo_credentials())
            window.resize(width, height)
            window.show()
            save(window, f"{suffix}-login")
            admin = next(u for u in services.accounts.users_for_login() if u.name == DEMO_USERS[0].name)
            window.start_desk(services.accounts.login(admin.id, DEMO_USERS[0].pin))
            people = window.show_page(PeoplePage)
            assert isinstance(people, PeoplePage)
            save(window, f"{suffix}-people")
            people.search.setText("ni")
            people.apply_search_now()
            save(window, f"{suffix}-people-search")
            people.table.setCurrentIndex(people.model.index(0, 0))
            people.open_current()
            if people.dialog is not None:
                save(people.dialog, f"{suffix}-person-editor")
                people.dialog.done(0)
            people.add_new()
            if people.dialog is not None:
                save(people.dialog, f"{suffix}-person-new")
                people.dialog.done(0)
            organisations = window.show_page(OrganisationsPage)
            save(window, f"{suffix}-organisations")
            assert isinstance(organisations, OrganisationsPage)
            organisations.table.setCurrentIndex(organisations.model.index(0, 0))
            organisations.open_current()
            if organisations.dialog is not None:
                save(organisations.dialog, f"{suffix}-organisation-editor")
                organisations.dialog.done(0)
            cash_screens(window, save, suffix)
            calendar_screens(window, save, suffix)
            window.show_page(UsersPage)
            save(window, f"{suffix}-users")
            window.show_page(AuditPage)
            save(window, f"{suffix}-audit")
            window.close()
        services.database.close()
    QApplication.processEvents()
    print(f"screenshots written to {output}")
    return 0


def calendar_screens(window: MainWindow, save: Callable[[QWidget, str], None], suffix: str) -> None:
    """Today, a day of every room, a week of the hall, the booking editor and the Rooms page."""
    from datetime import timedelta

    from ui.pages.bookings_page import BookingsPage
    from ui.pages.rooms_page import RoomsPage
    from ui.pages.today_page import TodayPage
    from ui.widgets.calendar_layout import ViewMode

    window.show_page(TodayPage)
    save(window, f"{suffix}-today")
    bookings = window.show_page(BookingsPage)
    assert isinstance(bookings, BookingsPage)
    # The Thursday after the demo's day: a busy weekday, scrolled to the afternoon.
    thursday = bookings.day() + timedelta(days=(3 - bookings.day().weekday()) % 7)
    bookings.set_day(thursday)
    bookings.view.place_cursor(datetime.combine(thursday, time(15, 0)))
    bookings.view.scroll_to_cursor()
    save(window, f"{suffix}-bookings-day")
    rooms = bookings.room_combo
    hall = next(row for row in range(rooms.count()) if rooms.itemText(row).split(" · ")[0] == "Sala Grande")
    bookings.set_mode(ViewMode.WEEK)
    rooms.setCurrentIndex(hall)
    bookings.reload()  # a user's choice reloads by itself (activated); this one is the script's
    save(window, f"{suffix}-bookings-week")
    bookings.set_mode(ViewMode.DAY)
    bookings.add_new()
    if bookings.dialog is not None:
        save(bookings.dialog, f"{suffix}-booking-new")
        bookings.dialog.done(0)
    window.show_page(RoomsPage)
    save(window, f"{suffix}-rooms")


def seed_cash_day(demo: Path, folder: Path) -> None:
    """A few payments on the demo's last day (the demo house is closed on that Sunday)."""
    from app.clock import FixedClock
    from app.db.schema import open_database
    from app.demo import DEMO_TODAY, DEMO_USERS
    from app.services import Services
    from app.services.cash import PaymentDraft
    from app.services.cash_rules import PaymentMethod

    clock = FixedClock(datetime.combine(DEMO_TODAY, time(9, 40)))
    services = Services.build(database=open_database(demo, backups_dir=folder), clock=clock)
    users = {user.name: user.id for user in services.accounts.users_for_login()}
    actors = [services.accounts.login(users[user.name], user.pin) for user in DEMO_USERS[:3]]
    categories = {row.code: row.id for row in services.cash_settings.categories(actors[0])}
    people = services.people.search(actors[0], "", limit=6)
    payments = [
        PaymentDraft(2500, categories["membership"], payer_person_id=people[0].id, description="tessera 2026"),
        PaymentDraft(300, categories["service_ticket"], description="doccia"),
        PaymentDraft(8000, categories["room_hire"], PaymentMethod.TRANSFER, payer_person_id=people[1].id),
        PaymentDraft(4500, categories["workshop_fee"], PaymentMethod.CARD, payer_person_id=people[2].id),
        PaymentDraft(2000, categories["deposit"], payer_person_id=people[3].id, description="trapano"),
        PaymentDraft(2000, categories["deposit_returned"], payer_person_id=people[4].id, description="trapano"),
        PaymentDraft(1000, categories["donation"], PaymentMethod.CARD),
    ]
    for number, draft in enumerate(payments):
        clock.advance(minutes=37)
        details = services.cash.record_payment(actors[number % 3], draft)
    clock.advance(minutes=5)
    assert details.receipt is not None
    services.receipts.cancel(actors[0], details.receipt.id, "importo sbagliato")
    services.database.close()


def cash_screens(window: MainWindow, save: Callable[[QWidget, str], None], suffix: str) -> None:
    """Each tab of the Cash page, a refused payment, a receipt's preview and the cancel dialog."""
    import time as time_module

    from PySide6.QtWidgets import QApplication

    from ui.pages.cash_page import CashPage

    page = window.show_page(CashPage)
    assert isinstance(page, CashPage)
    save(window, f"{suffix}-cash")
    form = page.form
    form.amount.setText("abc")
    form.save()
    save(window, f"{suffix}-cash-errors")
    form.clear()
    form.amount.setText("120")
    form.category.setCurrentIndex(1)
    assert window.actor is not None
    person = window.services.people.search(window.actor, "ross", limit=1)[0]
    form.payer.set_person(person.id, person.display_name)
    save(window, f"{suffix}-cash-filled")
    form.save()
    if page.preview is not None:
        deadline = time_module.monotonic() + 1.0  # QPdfView renders the page in the background
        while time_module.monotonic() < deadline:
            QApplication.processEvents()
        save(page.preview, f"{suffix}-cash-receipt-preview")
        page.preview.done(0)
    save(window, f"{suffix}-cash-saved")
    page.tabs.setCurrentWidget(page.receipts)
    save(window, f"{suffix}-cash-receipts")
    page.receipts.search.setText("22/11/2026")
    page.receipts.apply_search_now()
    page.receipts.table.selectRow(0)
    save(window, f"{suffix}-cash-receipts-search")
    page.receipts.cancel_current()
    if page.receipts.dialog is not None:
        save(page.receipts.dialog, f"{suffix}-cash-cancel")
        page.receipts.dialog.done(0)
    page.tabs.setCurrentWidget(page.summary)
    page.summary.opening.setText("100")
    page.summary.counted.setText("250")
    save(window, f"{suffix}-cash-summary")
    page.summary.day.setDate(page.summary.day.date().addDays(-1))
    save(window, f"{suffix}-cash-summary-closed")


if __name__ == "__main__":
    raise SystemExit(main())
