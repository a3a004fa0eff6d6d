"""Copies of the database made with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the file stays in use, which a
plain file copy of a WAL database cannot promise.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup_file(source: Path, destination: Path) -> Path:
    """Copy the database at ``source`` into the new file ``destination`` and return it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    # Only a complete copy gets the real name.
    partial.replace(destination)
    return destination
