"""Damaging a database file on purpose, as a failing disk or a power cut might."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

PAGE_SIZE = 4096


def settle(path: Path) -> None:
    """Fold the write-ahead log into the file, so that what is damaged is the data itself."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def overwrite_pages_with_garbage(path: Path, *, first_page: int = 2, seed: int = 8) -> None:
    """Random bytes over every page from ``first_page`` (1-based) on; page 1, the header and
    the list of tables, stays, so SQLite still opens the file and only reading it fails."""
    settle(path)
    size = path.stat().st_size
    noise = random.Random(seed)
    with path.open("r+b") as file:
        file.seek((first_page - 1) * PAGE_SIZE)
        file.write(noise.randbytes(size - (first_page - 1) * PAGE_SIZE))


def replace_with_text(path: Path) -> None:
    """A file that is not SQLite at all (a document saved over it by mistake)."""
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    path.write_text("Verbale della riunione del 3 marzo\n" * 200, encoding="utf-8")
