"""The command line's exports: ``portineria export LIST --out FILE``.

portineria export LIST --out FILE [--from DATE --to DATE] [--format excel-it|plain] [--db FILE]

LIST is one of people, organisations, bookings, workshops, enrolments, attendance, visits, loans,
receipts (``app/exports/registry.py``). Bookings and visits need a period; for enrolments,
attendance, loans and receipts it is optional (without it, all). The command line acts as
``roles.COMMAND_LINE`` (see there why), logged in the audit with no user.

Imported when the command line is parsed, so it imports nothing heavy at its top.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app import paths
from app.i18n import _, ngettext

COMMAND = "export"
LISTS = ("people", "organisations", "bookings", "workshops", "enrolments", "attendance", "visits", "loans", "receipts")
FORMATS = {"excel-it": "excel_it", "plain": "plain"}


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser], *, day: Callable[[str], date]) -> None:
    """Add ``export`` to the parser's sub-commands (``day`` parses a date)."""
    export = commands.add_parser(
        COMMAND,
        help=_("export a list to a CSV file (people, bookings, visits, ...)"),
        description=_(
            "Bookings and visits need --from and --to; enrolments, attendance, loans and receipts may have "
            "them (without, all of them); people, organisations and workshops are exported whole."
        ),
    )
    export.add_argument(
        "list", choices=LISTS, metavar="LIST", help=_("the list: {lists}").format(lists=", ".join(LISTS))
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the CSV file to write"))
    export.add_argument("--from", dest="export_from", type=day, metavar="DATE", help=_("the first day, as YYYY-MM-DD"))
    export.add_argument("--to", dest="export_to", type=day, metavar="DATE", help=_("the last day, as YYYY-MM-DD"))
    export.add_argument(
        "--format",
        dest="export_format",
        choices=sorted(FORMATS),
        default="excel-it",
        help=_("excel-it: for LibreOffice and Excel in Italian (default); plain: plain CSV"),
    )
    export.add_argument("--db", type=Path, dest="export_db", metavar="FILE", help=_("the database file"))


def run(options: argparse.Namespace) -> int:
    """Write the export chosen in ``options``; the exit code."""
    from app.clock import SystemClock
    from app.db.schema import open_database
    from app.exports.period import Period
    from app.exports.registry import export
    from app.services import Services
    from app.services.roles import COMMAND_LINE

    database_path: Path = options.export_db or options.db or paths.default_database()
    if not database_path.exists():
        print(_("{path} does not exist: check the name of the file.").format(path=database_path), file=sys.stderr)
        return 1
    database = open_database(database_path, backups_dir=paths.backups_dir())
    try:
        services = Services.build(database=database, clock=SystemClock())
        period = Period(options.export_from, options.export_to)
        count = export(services, COMMAND_LINE, options.list, options.out, period, FORMATS[options.export_format])
    finally:
        database.close()
    print(
        ngettext("{count} row written to {path}.", "{count} rows written to {path}.", count).format(
            count=count, path=options.out
        )
    )
    return 0
