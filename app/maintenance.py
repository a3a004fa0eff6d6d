"""Checks of a database file: ``portineria check``, and the checks the desk runs by itself
(``quick_check`` on every open, ``integrity_check`` once a week)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from app.audit_chain import check_audit_chain
from app.db.backup import BUSY_TIMEOUT_SECONDS
from app.db.engine import sqlite_connect_readonly
from app.db.schema import head_revision, inspect_file, known_revisions
from app.errors import DatabaseProblem
from app.i18n import _


@dataclass
class CheckReport:
    sound: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.sound = False
        self.lines.append(line)


def check_database(path: Path) -> CheckReport:
    """Integrity, foreign keys and schema version of ``path``, read without changing it."""
    report = CheckReport()
    if not path.exists():
        report.fail(_("{path} does not exist: check the name of the file.").format(path=path))
        return report
    try:
        state = inspect_file(path)
    except DatabaseProblem as error:
        report.fail(error.message)
        return report
    head = head_revision()
    if state.revision is None:
        report.fail(_("{path} is not a Portineria database.").format(path=path))
        return report
    if state.revision not in known_revisions():
        report.fail(
            _("Schema version {found} is newer than this program ({head}): install the newer Portineria.").format(
                found=state.revision, head=head
            )
        )
    elif state.revision != head:
        report.lines.append(
            _("Schema version {found}: it will be upgraded to {head} (after a backup) when opened.").format(
                found=state.revision, head=head
            )
        )
    else:
        report.lines.append(_("Schema version {head}: up to date.").format(head=head))
    try:
        connection = sqlite_connect_readonly(path)
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        report.fail(_("The file cannot be read: {error}. Restore a backup.").format(error=error))
        return report
    if integrity != ["ok"]:
        report.fail(_("The integrity check found damage: restore a backup.") + "\n" + "\n".join(integrity[:20]))
    else:
        report.lines.append(_("Integrity: ok."))
    if foreign:
        report.fail(_("{count} rows point at records that do not exist: restore a backup.").format(count=len(foreign)))
    check_audit_chain(path, report)
    if report.sound:
        report.lines.append(_("The database is sound."))
    return report


# -- the checks the desk runs by itself ------------------------------------------------------------

INTEGRITY_EVERY = timedelta(days=7)
INTEGRITY_SETTING = "maintenance.integrity_checked_at"


@dataclass(frozen=True)
class QuickCheck:
    """What ``PRAGMA quick_check`` (or ``integrity_check``) said about a file."""

    sound: bool
    problems: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return "\n".join(self.problems[:5])


def _pragma_check(path: Path, pragma: str) -> QuickCheck:
    if not path.is_file():
        return QuickCheck(False, (_("{path} does not exist: check the name of the file.").format(path=path),))
    try:
        connection = sqlite_connect_readonly(path)
        try:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return QuickCheck(False, (_("The file cannot be read: {error}.").format(error=error),))
    return QuickCheck(rows == ["ok"], () if rows == ["ok"] else tuple(rows))


def quick_check(path: Path) -> QuickCheck:
    """``PRAGMA quick_check`` through a read-only connection: seconds on a big file, so the
    desk runs it on every open off the UI thread, while the window is already usable."""
    return _pragma_check(path, "quick_check")


def integrity_check(path: Path) -> QuickCheck:
    """The full ``PRAGMA integrity_check`` (indexes too): slower, so it runs once a week."""
    return _pragma_check(path, "integrity_check")


def last_integrity_check(path: Path) -> datetime | None:
    """When the full check last passed on this file; kept in the file itself, so that a copy
    moved to another PC or restored from a backup carries its own history."""
    try:
        connection = sqlite_connect_readonly(path)
        try:
            row = connection.execute("SELECT value FROM settings WHERE key = ?", (INTEGRITY_SETTING,)).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    if row is None:
        return None
    try:
        return datetime.fromisoformat(json.loads(row[0]))
    except (TypeError, ValueError):
        return None


def integrity_check_due(path: Path, now: datetime) -> bool:
    last = last_integrity_check(path)
    return last is None or now - last >= INTEGRITY_EVERY or last > now


def remember_integrity_check(path: Path, now: datetime) -> None:
    """Write the time of a passed full check (a write of its own, waiting for the desk's)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (INTEGRITY_SETTING, json.dumps(now.isoformat(timespec="seconds"))),
        )
        connection.execute("COMMIT")
    finally:
        connection.close()
