"""The command line: ``portineria`` starts the desk; sub-commands are for coordinators' scripts.

portineria [--db FILE] [--lang it|en]        the desk on FILE (default: the user data directory)
portineria --demo [--lang it|en]             the desk on a fresh copy of a demo house
portineria check [--db FILE]                 integrity and schema version; exit 0 when sound
portineria backup [--to DIR] [--db FILE]     a checked backup (see app/cli_backup.py)
portineria restore FILE [--db FILE]          a backup put in place; the current file is backed up first
portineria demo FILE [--size small|large] [--seed N]
portineria receipts --from DATE --to DATE --csv FILE [--db FILE]
                                             the receipts of a period, for the accountant
portineria rooms list|add ...                the rooms (see app/cli_rooms.py)
portineria import-ics FILE --room ROOM ...   an .ics calendar booked in a room
portineria export-ics FILE --from DATE --to DATE [--room ROOM]
portineria export LIST --out FILE [--from DATE --to DATE] [--format excel-it|plain]
                                             a list as CSV (see app/cli_exports.py)
portineria report monthly --month YYYY-MM --out FILE [--lang it|en]
portineria report programme --week YYYY-Www --out FILE [--size A4|A3] [--lang it|en]
                                             the monthly summary or the week's poster as a PDF
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app import __version__, paths
from app.errors import PortineriaError
from app.i18n import LANGUAGES, _, ngettext, set_language

# The GUI lives in the ``ui`` package, which imports Qt; ``app`` must not. The one place where the
# core hands over to it is this name, imported only when the desk is started.
GUI_ENTRY = "ui.application"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portineria",
        description=_("Portineria: the front desk of a Casa del Quartiere."),
    )
    parser.add_argument("--version", action="version", version=f"Portineria {__version__}")
    parser.add_argument("--db", type=Path, help=_("the database file (default: in the user data directory)"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("the language of the program"))
    parser.add_argument(
        "--demo", action="store_true", help=_("open a fresh copy of a demo house; its users and PINs are shown")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help=_("check the database's integrity and schema version"))
    check.add_argument("--db", type=Path, dest="check_db", help=_("the database file to check"))

    demo = commands.add_parser("demo", help=_("write a demo database"))
    demo.add_argument("file", type=Path, help=_("the new database file"))
    demo.add_argument("--size", choices=("small", "large"), default="small", help=_("small, or ten busy years"))
    demo.add_argument("--seed", type=int, default=1, help=_("the same seed gives the same content"))
    demo.add_argument("--force", action="store_true", help=_("replace the file if it exists"))

    receipts = commands.add_parser("receipts", help=_("export the receipts of a period for the accountant (CSV)"))
    receipts.add_argument(
        "--from", dest="date_from", type=_day, required=True, metavar="DATE", help=_("the first day, as YYYY-MM-DD")
    )
    receipts.add_argument(
        "--to", dest="date_to", type=_day, required=True, metavar="DATE", help=_("the last day, as YYYY-MM-DD")
    )
    receipts.add_argument("--csv", type=Path, required=True, metavar="FILE", help=_("the CSV file to write"))
    receipts.add_argument("--db", type=Path, dest="receipts_db", metavar="FILE", help=_("the database file"))

    from app import cli_rooms  # light at its top: it imports the services only to run a command

    cli_rooms.add_commands(commands, day=_day)
    from app import cli_backup  # light at its top, as cli_rooms

    cli_backup.add_commands(commands)
    from app import cli_exports  # light at its top, as cli_rooms

    cli_exports.add_command(commands, day=_day)
    from app import cli_reports  # light at its top, as cli_rooms

    cli_reports.add_commands(commands)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a date: write it as YYYY-MM-DD, for example 2026-01-31.").format(text=text)
        ) from None


def _run_check(database: Path) -> int:
    from app.maintenance import check_database

    report = check_database(database)
    for line in report.lines:
        print(line)
    return 0 if report.sound else 1


def _run_demo(file: Path, size: str, seed: int, force: bool) -> int:
    from app.demo import write_demo

    if file.exists() and not force:
        print(_("{path} already exists: choose another name, or add --force to replace it.").format(path=file))
        return 2
    summary = write_demo(file, size=size, seed=seed, replace=force, progress=lambda text: print(text, flush=True))
    print(summary)
    return 0


def _run_receipts(database: Path, date_from: date, date_to: date, csv_file: Path) -> int:
    """Export as the command line, with no user signed in (see ``export_csv_for_command_line``)."""
    from app.clock import SystemClock
    from app.db.schema import open_database
    from app.services.receipts import ReceiptService

    if not database.exists():
        print(_("{path} does not exist: check the name of the file.").format(path=database), file=sys.stderr)
        return 1
    opened = open_database(database, backups_dir=paths.backups_dir())
    try:
        receipts = ReceiptService(database=opened, clock=SystemClock())
        count = receipts.export_csv_for_command_line(date_from, date_to, csv_file)
    finally:
        opened.close()
    print(
        ngettext("{count} receipt written to {path}.", "{count} receipts written to {path}.", count).format(
            count=count, path=csv_file
        )
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Parse once to learn the language, so that the help and the messages come out in it.
    language_probe = argparse.ArgumentParser(add_help=False)
    language_probe.add_argument("--lang", choices=sorted(LANGUAGES))
    known, _rest = language_probe.parse_known_args(arguments)
    set_language(known.lang or "it")

    options = _parser().parse_args(arguments)
    try:
        if options.command == "check":
            return _run_check(options.check_db or options.db or paths.default_database())
        if options.command == "demo":
            return _run_demo(options.file, options.size, options.seed, options.force)
        if options.command == "receipts":
            database = options.receipts_db or options.db or paths.default_database()
            return _run_receipts(database, options.date_from, options.date_to, options.csv)
        if options.command == "export":
            from app import cli_exports

            return cli_exports.run(options)
        if options.command == "report":
            from app import cli_reports

            return cli_reports.run(options)
        if options.command in ("backup", "restore"):
            from app import cli_backup

            return cli_backup.run(options)
        if options.command in ("rooms", "import-ics", "export-ics"):
            from app import cli_rooms

            return cli_rooms.run(options)
        # Until the first screen is painted, the garbage collector would walk the objects the
        # imports build over and over: ui.application.freeze_startup_objects turns it back on.
        gc.disable()
        gui = importlib.import_module(GUI_ENTRY)
        result: int = gui.run(database=options.db, language=options.lang, demo=options.demo)
        return result
    except PortineriaError as error:
        print(error.message, file=sys.stderr)
        return 1
