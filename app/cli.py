"""The command line: ``portineria`` starts the desk; sub-commands are for coordinators' scripts.

portineria [--db FILE] [--lang it|en]        the desk on FILE (default: the user data directory)
portineria --demo [--lang it|en]             the desk on a fresh copy of a demo house
portineria check [--db FILE]                 integrity and schema version; exit 0 when sound
portineria demo FILE [--size small|large] [--seed N]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__, paths
from app.errors import PortineriaError
from app.i18n import LANGUAGES, _, set_language

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
    return parser


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
        gui = importlib.import_module(GUI_ENTRY)
        result: int = gui.run(database=options.db, language=options.lang, demo=options.demo)
        return result
    except PortineriaError as error:
        print(error.message, file=sys.stderr)
        return 1
