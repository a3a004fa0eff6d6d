"""The print jobs' folders: made when first needed, emptied of the PDFs a day old."""

from __future__ import annotations

import os
import time

from app import paths
from ui.print_jobs import KEEP_SECONDS, print_jobs_folder


def test_the_folder_is_made_in_the_cache() -> None:
    folder = print_jobs_folder("receipts")
    assert folder == paths.cache_dir() / "receipts"
    assert folder.is_dir()


def test_pdfs_older_than_a_day_go_the_rest_stays() -> None:
    folder = paths.cache_dir() / "summaries"
    folder.mkdir(parents=True)
    old, fresh, other = folder / "old.pdf", folder / "fresh.pdf", folder / "notes.txt"
    for path in (old, fresh, other):
        path.write_bytes(b"%PDF-1.4")
    a_day_ago = time.time() - KEEP_SECONDS - 60
    for path in (old, other):
        os.utime(path, (a_day_ago, a_day_ago))
    os.utime(fresh, (time.time() - KEEP_SECONDS + 600,) * 2)

    assert print_jobs_folder("summaries") == folder
    assert not old.exists()
    assert fresh.exists() and other.exists()


def test_each_kind_keeps_its_own_folder() -> None:
    receipts = print_jobs_folder("receipts")
    old = receipts / "old.pdf"
    old.write_bytes(b"%PDF-1.4")
    os.utime(old, (1_000_000, 1_000_000))
    print_jobs_folder("summaries")
    assert old.exists()
