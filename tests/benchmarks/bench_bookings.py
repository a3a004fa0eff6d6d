"""Benchmarks of the calendar on the large demo house (not part of the test run).

    .venv/bin/python tests/benchmarks/bench_bookings.py         # writes .benchmarks/large.sqlite3 if needed
    .venv/bin/python tests/benchmarks/bench_bookings.py --profile   # and where the time goes

1. "Day view of all rooms ready": for 50 different busy days (the busiest of 150 weekdays of the
   seasons spread over the ten years), the time from asking the services for the day (rooms,
   bookings and occurrences, closures), as the Bookings page does, until the ``DayView`` has its
   data and has painted once (``grab()``) at 1366x768. Target: at most 50 ms.
2. "Conflict check of a 40-week series": ``BookingService.preview_series`` for a weekly series of
   40 occurrences, Tuesdays 18:00-20:00, in a half of the hall (so the hall and the other half
   count too), from 30 different Tuesdays spread over the busy years. Target: at most 20 ms.

The median and the worst run are printed, wall-clock and CPU time; the target is held against the
worst wall-clock time. The first call of each kind is a warm-up, not counted. Each timed run starts
with no rule parsed (``booking_rules.forget_parsed``): the first look at a day of another season,
not a day already seen. As in the program (``ui.application.freeze_startup_objects``), what
start-up built is frozen out of the garbage collector's full passes. With ``--profile``, or when
a target is missed, cProfile says where the time of each benchmark goes.
The large demo file is shared with ``bench_desk.py``; it is written again when it has no rooms.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.large_house import large_demo, signed_in  # noqa: E402  (after the path is set)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DAY_TARGET_MS = 50.0
SERIES_TARGET_MS = 20.0
BUSY_DAYS = 50
SERIES_STARTS = 30
SERIES_ROOM = "Sala Grande – lato cortile"


def season_days(path: Path, count: int) -> list[date]:
    """``count`` weekdays of the seasons (October to June, Christmas aside), evenly spread over the
    years of the file, on which the house is open."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        first, last = connection.execute("SELECT min(starts_at), max(starts_at) FROM bookings").fetchone()
        closed = {
            date.fromisoformat(day)
            for (day,) in connection.execute(
                "WITH RECURSIVE d(day, last) AS (SELECT first_day, last_day FROM closures "
                "UNION ALL SELECT date(day, '+1 day'), last FROM d WHERE day < last) SELECT day FROM d"
            )
        }
    connection.close()
    candidates = []
    day, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    while day < end:
        christmas = (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 7)
        if day.month not in (7, 8, 9) and not christmas and day.weekday() < 5 and day not in closed:
            candidates.append(day)
        day += timedelta(days=1)
    step = len(candidates) / count
    return [candidates[int(index * step)] for index in range(count)]


def milliseconds(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of ``work``, from no parsed rule: on a busy machine the two
    differ, and the CPU time says what the program itself costs."""
    from app.services.booking_rules import forget_parsed

    forget_parsed()
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def report(name: str, timings: list[tuple[float, float]], target: float) -> bool:
    wall = [value for value, _cpu in timings]
    cpu = [value for _wall, value in timings]
    ok = max(wall) <= target
    print(
        f"{name}: {len(timings)} runs, median {statistics.median(wall):.1f} ms, worst {max(wall):.1f} ms "
        f"(CPU: median {statistics.median(cpu):.1f} ms, worst {max(cpu):.1f} ms); "
        f"target {target:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=ROOT / ".benchmarks" / "large.sqlite3")
    parser.add_argument("--profile", action="store_true", help="print where the time of each benchmark goes")
    options = parser.parse_args()
    options.db.parent.mkdir(parents=True, exist_ok=True)
    database_path = large_demo(options.db)

    from app import paths
    from app.clock import FixedClock
    from app.db.schema import open_database
    from app.demo import DEMO_TODAY, DEMO_USERS
    from app.i18n import set_language
    from app.services import Services
    from app.services.bookings import SeriesDraft
    from ui.application import freeze_startup_objects, make_application
    from ui.widgets.day_view import DayView

    set_language("it")
    app = make_application([])
    database = open_database(database_path, backups_dir=paths.backups_dir())
    services = Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, clock_time(9, 0))))
    actor = signed_in(services, DEMO_USERS[2])  # the desk as a volunteer sees it
    view = DayView()
    view.resize(1366, 768)
    view.show()
    app.processEvents()
    freeze_startup_objects()  # as the program does once its window is up

    sizes: list[int] = []

    def show_day(day: date) -> None:
        """What the Bookings page does for a day, then one painting."""
        rooms = services.rooms.rooms(actor)
        start = datetime.combine(day, clock_time())
        rows = services.bookings.bookings_between(actor, start, start + timedelta(days=1))
        closures = services.closures.closures(actor, day, day)
        view.set_day(day)
        view.set_data(rooms, rows, closures)
        view.grab()
        sizes.append(len(rows))

    # The busiest of three times as many days of the seasons (the first years of the house are quiet).
    counted = []
    for day in season_days(database_path, 3 * BUSY_DAYS):
        start = datetime.combine(day, clock_time())
        counted.append((len(services.bookings.bookings_between(actor, start, start + timedelta(days=1))), day))
    days = sorted(day for _count, day in sorted(counted, reverse=True)[:BUSY_DAYS])
    show_day(days[-1])  # warm-up
    sizes.clear()
    day_timings = [milliseconds(functools.partial(show_day, day)) for day in days]
    rooms = services.rooms.rooms(actor)
    print(
        f"{len(rooms)} rooms; the {len(days)} busiest of {len(counted)} days of the seasons, {days[0]} to {days[-1]}: "
        f"{min(sizes)} to {max(sizes)} bookings a day (median {statistics.median(sizes):.0f})"
    )
    day_ok = report("day view of all rooms ready", day_timings, DAY_TARGET_MS)

    room = next(room for room in rooms if room.name == SERIES_ROOM)
    organisation_id = services.organisations.search_ids(actor)[0]
    # Tuesdays spread over the busy years, each with 40 weeks of the file after it.
    first_tuesday = days[0] - timedelta(days=(days[0].weekday() - 1) % 7)
    span_weeks = max(1, ((days[-1] - first_tuesday).days // 7 - 40) // (SERIES_STARTS - 1))
    starts = [first_tuesday + timedelta(weeks=index * span_weeks) for index in range(SERIES_STARTS)]

    conflicts: list[int] = []

    def preview(day: date) -> None:
        draft = SeriesDraft(
            room_id=room.id,
            dtstart=datetime.combine(day, clock_time(18, 0)),
            duration_minutes=120,
            rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=40",
            organisation_id=organisation_id,
            purpose="Prova di carico",
        )
        result = services.bookings.preview_series(actor, draft)
        assert len(result.occurrences) == 40, len(result.occurrences)
        conflicts.append(len(result.conflicts))

    preview(starts[0])  # warm-up
    conflicts.clear()
    series_timings = [milliseconds(functools.partial(preview, day)) for day in starts]
    print(
        f"40-week series in {room.name} from {starts[0]} to {starts[-1]}: "
        f"{min(conflicts)} to {max(conflicts)} conflicting dates each"
    )
    series_ok = report("conflict check of a 40-week series", series_timings, SERIES_TARGET_MS)

    if options.profile or not (day_ok and series_ok):
        runs: tuple[tuple[str, Callable[[date], None], list[date]], ...] = (
            ("day view", show_day, days),
            ("series", preview, starts),
        )
        for name, work, arguments in runs:
            profiler = cProfile.Profile()
            profiler.enable()
            for argument in arguments:
                work(argument)
            profiler.disable()
            print(f"\n-- where the time of the {name} goes ({len(arguments)} runs) --")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    database.close()
    print("targets met" if day_ok and series_ok else "TARGETS MISSED")
    return 0 if day_ok and series_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
