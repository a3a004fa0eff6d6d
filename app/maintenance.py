"""Checks of a database file that a coordinator can run from the command line."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

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
    if report.sound:
        report.lines.append(_("The database is sound."))
    return report
