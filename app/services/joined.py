"""Calling another area's service inside the caller's transaction.

A workshop's session books its room through ``BookingService`` so that exactly the same rules
apply (linked rooms, closures, capacity, conflicts), yet the session and its booking must land
together or not at all. A service opens its own transaction (``database.sessions.begin()``);
given a ``Database`` whose sessions *join* the caller's connection, that transaction becomes a
SAVEPOINT inside the caller's one (SQLAlchemy's "joining a session into an external
transaction"): a refused booking rolls back to its savepoint, and nothing is committed until
the caller commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import Database


def joined_database(database: Database, session: Session) -> Database:
    """``database`` whose sessions run as savepoints in ``session``'s transaction."""
    sessions = sessionmaker(bind=session.connection(), join_transaction_mode="create_savepoint", expire_on_commit=False)
    return Database(path=database.path, engine=database.engine, sessions=sessions)
