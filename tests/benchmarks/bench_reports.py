"""Benchmarks of the printed reports on the large demo house (not part of the test run).

    /work/venv/bin/python tests/benchmarks/bench_reports.py   # writes .benchmarks/large.sqlite3 if needed

1. "Monthly summary": ``write_monthly_summary`` for October 2026 (ten busy years of rooms,
   workshops, visits, loans and cash behind it), in Italian, as a coordinator. Target: at most 2 s.
2. "Weekly programme": ``write_programme`` for the week after the demo's today, A4, in Italian.
   Target: at most 1 s.

Each is made five times after one warm-up run (fonts registered, modules imported, SQLite's
cache filled, as on a desk that has been open a while); the median and the worst wall-clock
times are printed and the target is held against the worst. The large demo is copied to a
temporary folder first, since opening it may migrate it and the runs write an audit.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.large_house import large_demo, signed_in, timed  # noqa: E402  (after the path is set)

MONTHLY_TARGET_MS = 2000.0
PROGRAMME_TARGET_MS = 1000.0
RUNS = 5


def report(name: str, timings: list[float], target: float) -> bool:
    ok = max(timings) <= target
    print(
        f"{name}: {len(timings)} runs, median {statistics.median(timings):.0f} ms, worst {max(timings):.0f} ms; "
        f"target {target:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    path = large_demo()
    from app.clock import FixedClock
    from app.db.schema import open_database
    from app.demo import DEMO_TODAY, DEMO_USERS
    from app.reports.monthly_summary import write_monthly_summary
    from app.reports.programme_poster import write_programme
    from app.services import Services
    from app.weeks import monday_of

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "large.sqlite3"
        shutil.copyfile(path, copy)
        database = open_database(copy, backups_dir=Path(folder))
        services = Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, clock_time(10))))
        coordinator = next(user for user in DEMO_USERS if user.role.name == "COORDINATOR")
        actor = signed_in(services, coordinator)
        next_week = monday_of(DEMO_TODAY) + timedelta(days=7)
        summary, poster = Path(folder) / "summary.pdf", Path(folder) / "poster.pdf"

        def monthly() -> None:
            write_monthly_summary(services, actor, 2026, 10, summary, language="it")

        def programme() -> None:
            write_programme(services, actor, next_week, poster, size="A4", language="it")

        monthly()  # warm-up
        monthly_ok = report("monthly summary, October 2026", [timed(monthly) for _ in range(RUNS)], MONTHLY_TARGET_MS)
        print(f"  {summary.stat().st_size // 1024} KB")
        programme()  # warm-up
        programme_times = [timed(programme) for _ in range(RUNS)]
        programme_ok = report(f"weekly programme, week of {next_week}", programme_times, PROGRAMME_TARGET_MS)
        print(f"  {poster.stat().st_size // 1024} KB")
        database.close()
    print("targets met" if monthly_ok and programme_ok else "TARGETS MISSED")
    return 0 if monthly_ok and programme_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
