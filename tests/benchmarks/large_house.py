"""What the benchmarks share: the large demo house they all read, a stopwatch and signing in.

The large demo is written once into ``.benchmarks/large.sqlite3`` and reused, since writing it
takes some 35 s. A file written before an area joined the demo lacks that area's rows, so it is
written again (under a temporary name, then renamed over the old one, so that a run stopped
half-way never leaves a half-written file to be reused) when any area's table is empty.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo import DemoUser
    from app.services import Services
    from app.services.roles import Actor

ROOT = Path(__file__).resolve().parents[2]
LARGE_DEMO = ROOT / ".benchmarks" / "large.sqlite3"
AREA_TABLES = ("people", "receipts", "rooms", "workshops", "visits", "tools")
"""One table per area of the demo: each must have rows for the file to be reused."""


def _has_every_area(path: Path) -> bool:
    if not path.exists():
        return False
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return all(connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0] for table in AREA_TABLES)
    except sqlite3.OperationalError:  # a table the file predates
        return False
    finally:
        connection.close()


def large_demo(path: Path = LARGE_DEMO) -> Path:
    """The large demo at ``path``, written (again) when it is missing or lacks an area."""
    if _has_every_area(path):
        return path
    from app.demo import write_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp{path.suffix}")
    print(f"writing the large demo house to {path} ...", flush=True)
    print(write_demo(temporary, size="large", seed=1, replace=True), flush=True)
    os.replace(temporary, path)
    return path


def timed(work: Callable[[], object]) -> float:
    """Milliseconds ``work`` took, by the wall clock."""
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def signed_in(services: Services, user: DemoUser) -> Actor:
    """``user`` of the demo signed in with their PIN (not timed by any benchmark)."""
    row = next(row for row in services.accounts.users_for_login() if row.name == user.name)
    return services.accounts.login(row.id, user.pin)
