"""``portineria backup [--to DIR]`` and ``portineria restore FILE``: the backups from a script.

backup   writes a checked backup (SQLite's online backup API, then ``quick_check``) into the
         backup folder, rotated as the desk's own, or into DIR (not rotated: that folder is the
         caller's); it works while the desk is open on the same file.
restore  checks FILE (sound, a Portineria database, not from a newer Portineria), backs up the
         current file first (or sets it aside renamed if it is damaged), then copies FILE in.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app import paths
from app.i18n import _


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser("backup", help=_("back up the database now (checked, kept with the others)"))
    backup.add_argument("--to", type=Path, metavar="DIR", help=_("write the backup into this folder instead"))
    backup.add_argument("--db", type=Path, dest="backup_db", metavar="FILE", help=_("the database file"))

    restore = commands.add_parser(
        "restore", help=_("put a backup in place of the database (the current file is backed up first)")
    )
    restore.add_argument("file", type=Path, metavar="FILE", help=_("the backup to restore"))
    restore.add_argument("--db", type=Path, dest="restore_db", metavar="FILE", help=_("the database file"))


def run(options: argparse.Namespace) -> int:
    from app.backups import BackupFailed, Backups
    from app.clock import SystemClock
    from app.db.schema import open_database

    if options.command == "backup":
        database: Path = options.backup_db or options.db or paths.default_database()
        if not database.is_file():
            print(_("{path} does not exist: check the name of the file.").format(path=database))
            return 1
        backups = Backups(database_path=database, folder=paths.backups_dir(), clock=SystemClock())
        try:
            outcome = backups.make("manual", to=options.to)
        except BackupFailed as error:
            print(error.message)
            return 1
        print(_("Backup written and checked: {path}").format(path=outcome.backup.path))
        return 0

    database = options.restore_db or options.db or paths.default_database()
    backups = Backups(database_path=database, folder=paths.backups_dir(), clock=SystemClock())
    safety = backups.restore(options.file)  # DatabaseProblem: printed by main(), nothing changed
    # An older backup gets this program's schema now rather than at the desk's next start.
    open_database(database, backups_dir=paths.backups_dir()).close()
    if safety is not None:
        print(_("The file as it was is kept as {path}.").format(path=safety))
    print(_("{source} restored into {path}.").format(source=options.file, path=database))
    return 0
