"""Opening a database file: create, upgrade after a backup, or refuse.

- a new (or empty) file gets the schema from the migrations;
- a file made by an older Portineria is first copied with SQLite's backup API, then upgraded;
- a file made by a newer Portineria, or one that is not a Portineria database, is refused with a
  clear message and left untouched (it is inspected through a read-only connection first).

The schema version lives in one place: the Alembic revisions under ``app/db/migrations``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.backup import backup_file
from app.db.engine import Database, make_engine, sqlite_connect_readonly
from app.errors import DatabaseProblem
from app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision) = (?:\"([^\"]*)\"|None)$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _revision_graph() -> dict[str, str | None]:
    """Each revision of ``migrations/versions`` and the one it follows.

    Read from the scripts' ``revision = "..."`` lines rather than through Alembic, because
    importing Alembic costs a tenth of a second at every start and is needed only to upgrade.
    A test checks that this agrees with Alembic's own reading.
    """
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")):
        values = {key: value or None for key, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8"))}
        revision = values.get("revision")
        if revision:
            graph[revision] = values.get("down_revision")
    return graph


def head_revision() -> str:
    """The schema version this program writes: the one revision no other revision follows."""
    graph = _revision_graph()
    heads = set(graph) - {parent for parent in graph.values() if parent}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


@dataclass(frozen=True)
class FileState:
    """What a file holds, read without changing it."""

    exists: bool
    revision: str | None
    has_tables: bool


def inspect_file(path: Path) -> FileState:
    """Look at ``path`` through a read-only connection.

    Raises:
        DatabaseProblem: the file is not an SQLite database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileState(exists=path.exists(), revision=None, has_tables=False)
    try:
        connection = sqlite_connect_readonly(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise DatabaseProblem(
            _(
                "{path} is not a Portineria database (or it is damaged). Choose another file or restore a backup."
            ).format(path=path)
        ) from None
    return FileState(exists=True, revision=revision, has_tables=bool(tables - {"alembic_version"}))


def schema_revision(path: Path) -> str | None:
    return inspect_file(path).revision


def upgrade(database: Database, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` on an open database."""
    from alembic import command

    with database.engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        connection.commit()


def open_database(path: Path, *, backups_dir: Path, now: datetime | None = None) -> Database:
    """Open ``path``, creating or upgrading its schema so that it matches this program.

    Raises:
        DatabaseProblem: the file is from a newer Portineria, is not a Portineria database, or
            cannot be opened; it was left untouched.
    """
    state = inspect_file(path)
    head = head_revision()
    if state.revision is not None and state.revision not in known_revisions():
        raise DatabaseProblem(
            _(
                "{path} was saved by a newer version of Portineria. Install the newer version to open it; "
                "the file was left untouched."
            ).format(path=path)
        )
    if state.revision is None and state.has_tables:
        raise DatabaseProblem(
            _("{path} is not a Portineria database. Choose another file; it was left untouched.").format(path=path)
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    if state.revision is not None and state.revision != head:
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup_file(path, backups_dir / f"{path.stem}-before-upgrade-{state.revision}-to-{head}-{stamp}.sqlite3")
    database = Database.on_engine(path, make_engine(path))
    if state.revision != head:
        try:
            upgrade(database)
        except Exception:
            database.close()
            raise
    return database
