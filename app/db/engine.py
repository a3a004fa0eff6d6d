"""The SQLite engine and the per-action session factory.

Every connection gets the pragmas the data-safety rules need: foreign keys enforced, WAL so a
reader never blocks the desk, ``synchronous=FULL`` so a power cut loses nothing the desk was told
was saved, and a busy timeout so two copies of the program wait for each other instead of failing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 15_000


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # Take the write lock when the transaction starts, not at its first write: two desks saving
    # at once then queue on the busy timeout instead of one failing half-way through.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` with the house's pragmas."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None},
    )
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


@dataclass(frozen=True)
class Database:
    """An open, migrated database: the engine and its session factory.

    A session lives for one user action: ``with database.sessions.begin() as session: ...``.
    """

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def on_engine(cls, path: Path, engine: Engine) -> Database:
        return cls(path=path, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))

    def close(self) -> None:
        self.engine.dispose()


def sqlite_connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection that cannot change the file (not even its journal mode)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def fetch_ids(session: Session, statement: Select[int]) -> list[int]:
    """The integers of a one-column query, read straight from the SQLite cursor.

    Lists of tens of thousands of ids are read on every keystroke of a search; SQLAlchemy's
    result machinery costs more per row than the query itself, so this bypasses it.
    """
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect)
    parameters = compiled.construct_params()
    positional = [parameters[name] for name in compiled.positiontup or ()]
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return [row[0] for row in cursor.execute(str(compiled), positional)]
    finally:
        cursor.close()
