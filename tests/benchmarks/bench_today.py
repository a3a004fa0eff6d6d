"""How long the Today page (the desk's home, shown first after signing in) takes on a busy day.

    .venv/bin/python tests/benchmarks/bench_today.py            # a fresh house in a temporary directory
    .venv/bin/python tests/benchmarks/bench_today.py --profile  # and where the time goes

The house: 25 rooms, and on Sunday 22 November 2026 at 13:00 (the tests' day) 50 bookings: 30
one-off ones (confirmed, tentative; some paid, some partly) and 20 occurrences of weekly series
running since January 2025 (so each series counts some 100 dates started, closed days left out),
some of them paid towards. Timed, as the desk does it: building the page and showing it
(``TodayPage(...)`` then ``shown()``, which reads every section), and then a refresh alone (what
the page does each minute). The SQL statements and the database sessions of one refresh are
counted too. The first run of each is a warm-up, not counted; the median and the worst of 20
runs are printed, wall-clock and CPU time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 13, 0)
RUNS = 20
ROOMS = 25
ONE_OFF = 30
SERIES = 20


def milliseconds(work: Callable[[], object]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def report(name: str, timings: list[tuple[float, float]]) -> None:
    wall = [value for value, _cpu in timings]
    cpu = [value for _wall, value in timings]
    print(
        f"{name}: {len(timings)} runs, median {statistics.median(wall):.1f} ms, worst {max(wall):.1f} ms "
        f"(CPU: median {statistics.median(cpu):.1f} ms)"
    )


def fill_house(services: object) -> object:
    """The rooms, people, bookings, series, payments and closures of the busy day; the volunteer."""
    from app.services import Services
    from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
    from app.services.cash import PaymentDraft
    from app.services.house import HouseDetails
    from app.services.organisations import OrganisationDraft
    from app.services.people import PersonDraft
    from app.services.roles import Role
    from app.services.rooms import RoomDraft

    assert isinstance(services, Services)
    house = HouseDetails(name="Bagni Pubblici di Via Agliè", address="Via Agliè 9, Torino", fiscal_code="97735280014")
    admin = services.accounts.first_run(house=house, admin_name="Giulia", pin="246813", pin_again="246813")
    user = services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="135790")
    volunteer = services.accounts.login(user.id, "135790")
    rooms = [
        services.rooms.create(admin, RoomDraft(name=f"Sala {index:02d}", capacity=40, hourly_rate_cents=1500)).id
        for index in range(ROOMS)
    ]
    people = [
        services.people.create(volunteer, PersonDraft(given_name=f"Nome{index}", family_name=f"Cognome{index}")).id
        for index in range(ONE_OFF)
    ]
    groups = [
        services.organisations.create(admin, OrganisationDraft(name=f"Associazione {index}", member=index % 3 == 0)).id
        for index in range(SERIES)
    ]
    category = next(row.id for row in services.cash_settings.categories(admin) if row.code == "room_hire")

    def pay(kind: str, link_id: int, cents: int, *, person: int | None = None, group: int | None = None) -> None:
        draft = PaymentDraft(
            amount_cents=cents,
            category_id=category,
            payer_person_id=person,
            payer_organisation_id=group,
            link_kind=kind,
            link_id=link_id,
        )
        services.cash.record_payment(volunteer, draft)

    for index in range(ONE_OFF):
        start = datetime.combine(DAY, datetime.min.time()) + timedelta(hours=8 + (index // 15) * 7 + index % 3)
        status = BookingStatus.TENTATIVE if index % 5 == 4 else BookingStatus.CONFIRMED
        draft = BookingDraft(
            room_id=rooms[index % 15],  # the first 15 rooms twice: morning and afternoon
            start=start,
            end=start + timedelta(hours=2),
            person_id=people[index],
            purpose=f"Prenotazione {index}",
            status=status,
        )
        booking_id = services.bookings.create_booking(volunteer, draft).id
        assert booking_id is not None
        if index % 5 in (0, 1):
            pay("booking", booking_id, 3000 if index % 5 == 0 else 1000, person=people[index])
    for index in range(SERIES):
        dtstart = datetime(2025, 1, 5, 8 + (index // 10) * 6 + index % 4) + timedelta(weeks=index % 4)  # Sundays
        series_id = services.bookings.create_series(
            volunteer,
            SeriesDraft(
                room_id=rooms[15 + index % 10],  # the other 10 rooms twice
                dtstart=dtstart,
                duration_minutes=60,
                rrule="FREQ=WEEKLY;BYDAY=SU",
                organisation_id=groups[index],
                purpose=f"Corso {index}",
            ),
        )
        if index % 2 == 0:
            pay("booking_series", series_id, 50_000 + index * 1000, group=groups[index])
    for day in (date(2025, 4, 25), date(2025, 12, 7), date(2026, 4, 26), date(2026, 11, 1)):
        services.closures.add(admin, day, reason="Festa")  # Sundays some series meet on: those dates do not count
    return volunteer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", action="store_true", help="print where the time of a refresh goes")
    parser.add_argument("--screenshot", type=Path, help="save the page as shown (PNG) to look at it")
    options = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench_today_"))
    os.environ["PORTINERIA_HOME"] = str(home)

    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
    from sqlalchemy import event

    from app.clock import FixedClock
    from app.db.schema import open_database
    from app.i18n import set_language
    from app.services import Services
    from ui.application import make_application
    from ui.pages.today_page import TodayPage

    def quiet(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not message.startswith("This plugin does not support"):  # the offscreen platform
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    set_language("it")
    app = make_application([])
    database = open_database(home / "house.sqlite3", backups_dir=home / "backups")
    clock = FixedClock(datetime(2026, 1, 2, 9))  # the series are made before their first dates pass
    services = Services.build(database=database, clock=clock)
    actor = fill_house(services)
    clock.current = NOW
    shown_today = services.bookings.bookings_between(actor, NOW.replace(hour=0), NOW.replace(hour=23, minute=59))  # type: ignore[arg-type]
    print(f"{len(shown_today)} bookings today, {sum(row.series_id is not None for row in shown_today)} of series")

    def build() -> TodayPage:
        page = TodayPage(services=services, actor=actor)  # type: ignore[arg-type]
        page.resize(1366, 768)
        page.show()
        page.shown()
        app.processEvents()
        return page

    pages: list[TodayPage] = []
    build().close()  # warm-up
    builds = [milliseconds(lambda: pages.append(build())) for _run in range(RUNS)]
    page = pages[-1]
    for old in pages[:-1]:
        old.close()
        old.deleteLater()
    app.processEvents()
    page.refresh()  # warm-up
    refreshes = [milliseconds(page.refresh) for _run in range(RUNS)]
    report("Today page built and shown", builds)
    report("Today page refreshed", refreshes)

    counts = {"statements": 0, "sessions": 0}

    def statement(*_args: object) -> None:
        counts["statements"] += 1

    def session_begun(*_args: object) -> None:
        counts["sessions"] += 1

    event.listen(database.engine, "before_cursor_execute", statement)
    event.listen(database.sessions, "after_begin", session_begun)
    page.refresh()
    event.remove(database.engine, "before_cursor_execute", statement)
    event.remove(database.sessions, "after_begin", session_begun)
    print(f"one refresh: {counts['sessions']} database sessions, {counts['statements']} SQL statements")
    if options.screenshot is not None:
        page.grab().save(str(options.screenshot))
    if options.profile:
        profile = cProfile.Profile()
        profile.runcall(page.refresh)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
