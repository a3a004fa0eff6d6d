"""A damaged database file: say so plainly and offer the newest sound backup.

Two moments find the damage: opening the file fails (it is not SQLite any more, or its tables
cannot be read), or the ``quick_check`` run off the UI thread after the window shows fails. In
both the desk offers to restore the newest backup that passes its own check. The damaged file is
renamed beside the original (``<name>.damaged-<time>``), never deleted, and the desk then goes
on with the restored file. A file that is sound but refused (saved by a newer Portineria, or
not a Portineria database) is not "repaired" by a restore: its message is shown and the desk
stops, as before.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import DBAPIError

from app.backups import Backups
from app.clock import SystemClock
from app.db.engine import Database
from app.db.schema import open_database
from app.errors import PortineriaError
from app.i18n import _, format_date, format_time
from app.maintenance import quick_check
from app.services.house import HouseService
from ui import messages
from ui.backup_jobs import second_folder
from ui.busy import busy_cursor


def offer_restore(parent: QWidget | None, backups: Backups, problem: str, *, database: Database | None = None) -> bool:
    """Ask to restore the newest sound backup over the damaged file; True once it is in place.

    ``database``, when the desk already has the file open, has its connections closed before
    the file is set aside (they reopen on the restored file at their next use).
    """
    with busy_cursor():
        newest = backups.newest_sound(second_folder=second_folder())
    if newest is None:
        messages.show_error(
            parent,
            _(
                "The database file {path} is damaged or cannot be read, and no sound backup was found.\n\n"
                "Do not use the desk: call whoever looks after the computer. The file has not been changed.\n\n"
                "Details: {problem}"
            ).format(path=backups.database_path, problem=problem),
            title=_("The database is damaged"),
        )
        return False
    question = _(
        "The database file is damaged or cannot be read.\n\n"
        "Restore the newest sound backup, made on {date} at {time}?\n\n"
        "The damaged file is not deleted: it is kept aside under a new name, next to it. "
        "What was entered after {time} of {date} is not in the backup.\n\n"
        "Details: {problem}"
    ).format(date=format_date(newest.made_at.date()), time=format_time(newest.made_at.time()), problem=problem)
    if not messages.confirm(parent, question, title=_("The database is damaged"), yes=_("Restore the backup")):
        return False
    on_live = database.engine.dispose if database is not None else None
    try:
        with busy_cursor():
            aside = backups.restore(newest.path, damaged=True, on_live=on_live)
    except (PortineriaError, OSError, sqlite3.Error) as error:
        text = error.message if isinstance(error, PortineriaError) else str(error)
        messages.show_error(parent, _("The backup could not be restored: {error}").format(error=text))
        return False
    if database is not None:
        database.engine.dispose()
    messages.show_info(
        parent,
        _("The backup of {date} at {time} is back in place. The damaged file is kept as {path}.").format(
            date=format_date(newest.made_at.date()), time=format_time(newest.made_at.time()), path=aside
        ),
        title=_("Backup restored"),
    )
    return True


def _probe(database: Database) -> None:
    """Read what the window reads first, so that a file whose tables are unreadable fails here."""
    house = HouseService(database=database, clock=SystemClock())
    house.desk_settings()
    house.details()


def open_or_restore(path: Path, *, backups: Backups) -> Database | None:
    """Open ``path``; if it is damaged, offer the newest sound backup; None if the desk must stop."""
    for attempt in range(2):
        try:
            database = open_database(path, backups_dir=backups.folder)
        except PortineriaError as error:
            problem = error.message
        except (DBAPIError, sqlite3.DatabaseError) as error:
            problem = str(error)
        else:
            try:
                _probe(database)
                return database
            except (DBAPIError, sqlite3.DatabaseError) as error:
                database.close()
                problem = str(getattr(error, "orig", None) or error)
        damaged = not quick_check(path).sound
        if attempt == 1 or not damaged:
            messages.show_error(None, problem, title=_("Cannot open the database"))
            return None
        if not offer_restore(None, backups, problem):
            return None
    return None
