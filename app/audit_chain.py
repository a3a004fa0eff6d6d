"""The hash chain of the audit log: how an entry's hash is made, and the check of the whole chain.

Each entry stores ``chain_hash`` = SHA-256 of the previous entry's ``chain_hash`` followed by this
entry's canonical content (its id, time, user, action, record and fields). The database already
refuses UPDATE and DELETE of the log (triggers of migration 0001); the chain is for whoever drops
those triggers, or edits the file with another tool: changing, removing or reordering an entry
makes its hash, or the next one's, disagree with what is stored, and ``portineria check`` names the
first entry that disagrees.

The format below is frozen: migration 0009 used it to chain the entries of older files, so
changing it would make every existing log look tampered with. The chain cannot tell that the very
last entries were removed (nothing follows them); backups can.

No Qt and no SQLAlchemy here: the check reads the file through a plain read-only ``sqlite3``
connection, the same way the rest of ``portineria check`` does.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from app.db.engine import sqlite_connect_readonly
from app.i18n import _

GENESIS = ""
"""The "previous hash" of the first entry."""


def entry_hash(
    previous: str,
    *,
    entry_id: int,
    at: datetime,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    fields: str,
) -> str:
    """The ``chain_hash`` of one entry, given the ``chain_hash`` of the entry before it."""
    content = json.dumps(
        [entry_id, at.isoformat(sep=" ", timespec="microseconds"), user_id, action, entity, entity_id, fields],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256((previous + content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry whose stored hash is not the one its content and predecessor give."""

    entry_id: int
    at: str
    action: str
    entity: str
    entity_id: int | None


_ROWS = "SELECT id, at, user_id, action, entity, entity_id, fields, chain_hash FROM audit_entries ORDER BY id"


def first_break(connection: sqlite3.Connection) -> ChainBreak | None:
    """Walk the whole log in id order (streamed, so a long log costs no memory)."""
    previous = GENESIS
    for entry_id, at, user_id, action, entity, entity_id, fields, stored in connection.execute(_ROWS):
        try:
            when = datetime.fromisoformat(str(at))
        except ValueError:
            return ChainBreak(entry_id, str(at), str(action), str(entity), entity_id)
        expected = entry_hash(
            previous,
            entry_id=entry_id,
            at=when,
            user_id=user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=fields or "",
        )
        if stored != expected:
            return ChainBreak(entry_id, str(at), str(action), str(entity), entity_id)
        previous = expected
    return None


class Report(Protocol):
    """What ``check_audit_chain`` writes into (``app.maintenance.CheckReport``)."""

    lines: list[str]

    def fail(self, line: str) -> None: ...


def check_audit_chain(path: Path, report: Report) -> None:
    """Add the verdict on the audit log's chain of ``path`` to ``report``."""
    try:
        connection = sqlite_connect_readonly(path)
        try:
            columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_entries)")}
            if "chain_hash" not in columns:
                # A file of an older version: its log is chained when the upgrade runs.
                report.lines.append(_("Audit log: not chained yet; the upgrade will chain it."))
                return
            broken = first_break(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        report.fail(_("The audit log cannot be read: {error}. Restore a backup.").format(error=error))
        return
    if broken is None:
        report.lines.append(_("Audit log: the chain of entries is intact."))
        return
    record = broken.entity if broken.entity_id is None else f"{broken.entity} {broken.entity_id}"
    report.fail(
        _(
            "The audit log was tampered with: entry {id} ({at}, {action} {record}) was changed, or an entry "
            "before it was removed. Keep this file for the record and compare it with a backup."
        ).format(id=broken.entry_id, at=broken.at, action=broken.action, record=record)
    )
