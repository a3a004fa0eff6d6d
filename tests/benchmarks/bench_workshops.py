"""Benchmarks of the workshops and drop-in visits on the large demo house (not part of the test run).

    /work/venv/bin/python tests/benchmarks/bench_workshops.py   # writes .benchmarks/large.sqlite3 if needed

1. "Register of a session opens": for 50 past sessions spread over the years, the attendance
   service's register of the session plus what the GUI reads with it (the session's workshop and
   its enrolments). Target: at most 100 ms.
2. "Visit recorded, today's counts read": ``VisitService.record`` (by a person, then anonymous)
   and ``VisitService.counts``, 100 times. Target: at most 20 ms per visit. The visits are recorded
   in a copy of the file, which is deleted afterwards.

Median and worst wall-clock times are printed; the target is held against the worst. The large
demo file is shared with the other benchmarks: when it has no workshops it is written again under
a temporary name and renamed over it atomically.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import statistics
import sys
import tempfile
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.large_house import large_demo, signed_in, timed  # noqa: E402  (after the path is set)

REGISTER_TARGET_MS = 100.0
VISIT_TARGET_MS = 20.0
SESSIONS = 50
VISITS = 100


def report(name: str, timings: list[float], target: float) -> bool:
    ok = max(timings) <= target
    print(
        f"{name}: {len(timings)} runs, median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms; "
        f"target {target:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    path = large_demo()
    from app.clock import FixedClock
    from app.db.schema import open_database
    from app.demo import DEMO_TODAY, DEMO_USERS
    from app.services import Services
    from app.services.visits import VisitDraft

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "large.sqlite3"
        shutil.copyfile(path, copy)
        database = open_database(copy, backups_dir=Path(folder))
        services = Services.build(database=database, clock=FixedClock(datetime.combine(DEMO_TODAY, clock_time(10))))
        actor = signed_in(services, DEMO_USERS[2])

        with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as connection:
            past = [
                session_id
                for (session_id,) in connection.execute(
                    "SELECT s.id FROM workshop_sessions s JOIN bookings b ON b.id = s.booking_id "
                    "WHERE b.status = 'confirmed' AND b.starts_at < ? ORDER BY b.starts_at",
                    (DEMO_TODAY.isoformat(),),
                )
            ]
            people = [row[0] for row in connection.execute("SELECT id FROM people ORDER BY id LIMIT 200")]
        connection.close()
        chosen = [past[int(index * len(past) / SESSIONS)] for index in range(SESSIONS)]
        lines: list[int] = []

        def open_register(session_id: int) -> None:
            register = services.attendance.register(actor, session_id)
            services.workshops.get(actor, register.session.workshop_id)
            services.enrolments.enrolments(actor, register.session.workshop_id)
            lines.append(len(register.lines))

        open_register(chosen[0])  # warm-up
        lines.clear()
        register_times = [timed(functools.partial(open_register, session_id)) for session_id in chosen]
        print(f"{len(past)} past sessions; registers of {min(lines)} to {max(lines)} lines")
        register_ok = report("register of a session opens", register_times, REGISTER_TARGET_MS)

        showers = services.dropin.services(actor)[0].id

        def visit(index: int) -> None:
            person = people[index] if index % 2 == 0 else None
            services.visits.record(actor, VisitDraft(service_id=showers, person_id=person))
            services.visits.counts(actor)

        visit(0)  # warm-up
        visit_times = [timed(functools.partial(visit, index)) for index in range(1, VISITS + 1)]
        counts = services.visits.counts(actor)
        print("today's counts after the runs: " + ", ".join(f"{row.label} {row.count}" for row in counts))
        visit_ok = report("visit recorded and today's counts read", visit_times, VISIT_TARGET_MS)
        database.close()
    print("targets met" if register_ok and visit_ok else "TARGETS MISSED")
    return 0 if register_ok and visit_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
