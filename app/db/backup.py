"""Copies of the database made with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the file stays in use, which a
plain file copy of a WAL database cannot promise. It is used in both directions: from the live
file into a new backup, and from a checked backup into the live file (a restore), so that other
connections to the live file see the restored content instead of a file swapped under them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 15.0


def backup_file(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` into the new file ``destination`` and return it.

    Raises:
        FileNotFoundError: ``source`` does not exist (connecting would create an empty file).
        sqlite3.DatabaseError: ``source`` cannot be read.
    """
    if not source.is_file():
        raise FileNotFoundError(source)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    # Only a complete copy gets the real name.
    partial.replace(destination)
    return destination


def copy_into(source: Path, destination: Path) -> None:
    """Replace the content of the database ``destination`` (perhaps open elsewhere) by ``source``.

    The copy happens in one write transaction of ``destination``: a reader sees the old content
    or the new one, never a mixture, and a failure leaves the old content in place.
    """
    if not source.is_file():
        raise FileNotFoundError(source)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(destination, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
