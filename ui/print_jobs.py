"""Where the desk's PDFs wait to be printed: a cache folder a kind, emptied of what is a day old.

Every printed paper (a receipt, a cash summary, ...) can be made again from the database, so its
PDF is only a print job: kept a day, long enough to print it again, then removed when the next
one of its kind is written. Keeping them would pile up files with names and addresses outside
the backups and the audit log; "Save as PDF" in the preview keeps a copy elsewhere.
"""

from __future__ import annotations

import time
from pathlib import Path

from app import paths

KEEP_SECONDS = 24 * 3600


def print_jobs_folder(name: str) -> Path:
    """``paths.cache_dir() / name``, made if missing, without its PDFs older than a day.

    Raises:
        OSError: the folder cannot be made.
    """
    folder = paths.cache_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.pdf"):
        try:
            if now - old.stat().st_mtime > KEEP_SECONDS:
                old.unlink()
        except OSError:
            pass  # open in a viewer (Windows), or already gone: it goes next time
    return folder
