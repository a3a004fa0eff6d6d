"""The crash harness: start a writer on a real file, SIGKILL it at a random moment, check the file.

All the runs of one harness write to the same file, one after the other: every run starts on
what the previous crashes left, and every check covers every write acknowledged since the first
run, so a write that survives one crash but is lost at a later recovery is counted too.

Only for POSIX systems (SIGKILL); the desk's Windows PC is covered by the same SQLite code.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.crash.house import House, make_house
from tests.crash.verify import Findings, check_file

ROOT = Path(__file__).resolve().parents[2]
FIRST_DAY = datetime(2026, 11, 22, 9, 0)
START_TIMEOUT = 60.0


def writer_command(
    house: House, *, seed: int, base: datetime, epoch: float, seconds: float | None = None, contended: bool = False
) -> list[str]:
    command = [sys.executable, "-m", "tests.crash.writer", house.to_json(), "--seed", str(seed)]
    command += ["--base", base.isoformat(), "--epoch", repr(epoch)]
    command += [] if seconds is None else ["--seconds", str(seconds)]
    return command + (["--contended"] if contended else [])


def start_writer(command: list[str], stderr_path: Path) -> subprocess.Popen[str]:
    """The writer as a separate program in the repository, as the desk would start it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    with stderr_path.open("a", encoding="utf-8") as stderr:
        return subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=stderr, text=True, bufsize=1
        )


class Listener:
    """Reads a writer's stdout on a thread: its acknowledgements, and when it is ready."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.acks: list[dict[str, Any]] = []
        self.refused = 0
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(process,), daemon=True)
        self._thread.start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if not line.endswith("\n"):
                break  # cut by the kill: the desk was never told
            if line.startswith("ACK "):
                self.acks.append(json.loads(line[4:]))
            elif line.startswith("REFUSED"):
                self.refused += 1
            elif line.startswith("READY"):
                self.ready.set()
        self.ready.set()

    def join(self) -> None:
        self._thread.join(timeout=30)


@dataclass
class Totals:
    """The figures of a harness: what was acknowledged, and what was found wrong."""

    runs: int = 0
    acknowledged: Counter[str] = field(default_factory=Counter)
    lost: int = 0
    half_done: int = 0
    integrity_failures: int = 0
    unacknowledged_saved: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return self.lost == 0 and self.half_done == 0 and self.integrity_failures == 0

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.acknowledged.items()))
        return "\n".join(
            [
                f"runs (writer killed with SIGKILL): {self.runs}",
                f"writes acknowledged: {sum(self.acknowledged.values())} ({kinds})",
                f"lost: {self.lost}",
                f"half-done: {self.half_done}",
                f"integrity_check failures: {self.integrity_failures}",
                f"saved but killed before the acknowledgement: {self.unacknowledged_saved}",
            ]
        )


def _count_rows(path: Path) -> Counter[str]:
    """How many operations of each kind the file holds (lends = loans, returns = returned loans)."""
    connection = sqlite3.connect(path)

    def one(sql: str) -> int:
        return int(connection.execute(sql).fetchone()[0])

    try:
        return Counter(
            payment=one("SELECT count(*) FROM payments WHERE link_kind IS NULL"),
            booking=one("SELECT count(*) FROM bookings"),
            lend=one("SELECT count(*) FROM loans"),
            **{"return": one("SELECT count(*) FROM loans WHERE returned_at IS NOT NULL")},
        )
    finally:
        connection.close()


class CrashHarness:
    """Runs writers on one file in ``directory`` and kills each after ``0..max_delay`` seconds."""

    def __init__(self, directory: Path, *, seed: int, max_delay: float) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "crash.sqlite3"
        self.stderr_path = directory / "writers.log"
        self.house = make_house(self.path)
        self.rng = random.Random(seed)
        self.max_delay = max_delay
        self.acks: list[dict[str, Any]] = []
        self.totals = Totals()

    def run_once(self) -> Findings:
        """One writer's life: start, write, SIGKILL at a random moment, then check the whole file."""
        before = _count_rows(self.path)
        # Each run is a later day of the house, so the runs cross a new year and its receipt numbers.
        base = FIRST_DAY + timedelta(days=self.totals.runs)
        command = writer_command(self.house, seed=self.rng.randrange(2**31), base=base, epoch=time.time())
        process = start_writer(command, self.stderr_path)
        listener = Listener(process)
        try:
            if not listener.ready.wait(START_TIMEOUT) or process.poll() is not None:
                raise RuntimeError(f"the writer did not start; see {self.stderr_path}")
            time.sleep(self.rng.uniform(0, self.max_delay))
            if process.poll() is not None:
                raise RuntimeError(f"the writer stopped by itself (exit {process.returncode}); see {self.stderr_path}")
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=30)
            listener.join()
        self.acks.extend(listener.acks)
        findings = check_file(self.path, self.acks)
        self._add(findings, listener.acks, _count_rows(self.path) - before)
        return findings

    def _add(self, findings: Findings, acks: list[dict[str, Any]], saved: Counter[str]) -> None:
        totals = self.totals
        totals.runs += 1
        acknowledged = Counter(ack["op"] for ack in acks)
        totals.acknowledged.update(acknowledged)
        totals.lost += len(findings.lost)
        totals.half_done += len(findings.half_done)
        totals.integrity_failures += findings.integrity != "ok"
        totals.unacknowledged_saved += max(sum((saved - acknowledged).values()), 0)
        run = f"run {totals.runs}"
        totals.problems += [f"{run}: {problem}" for problem in findings.lost + findings.half_done]
        if findings.integrity != "ok":
            totals.problems.append(f"{run}: integrity_check: {findings.integrity}")
