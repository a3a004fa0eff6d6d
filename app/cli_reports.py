"""The command line's reports: ``portineria report monthly`` and ``portineria report programme``.

portineria report monthly --month YYYY-MM --out FILE [--lang it|en] [--db FILE]
portineria report programme --week YYYY-Www --out FILE [--size A4|A3] [--lang it|en] [--db FILE]

The same PDFs as the Reports page, for a coordinator's script (the summary on the first of the
month, the poster every Friday). ``--lang`` is the language of the print and of the messages;
without it, the program's language (Italian unless ``portineria --lang en``). A month or a week
that is not one is refused by the parser with exit code 2 and says how to write it; a missing
database file or a file that cannot be written gives exit code 1. The command line acts as
``roles.COMMAND_LINE`` (see there why), like ``rooms add``.

Imported when the command line is parsed, so it imports nothing heavy at its top.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from app import paths
from app.i18n import LANGUAGES, _

COMMAND = "report"
SIZES = ("A4", "A3")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_WEEK = re.compile(r"(\d{4})-[Ww](\d{1,2})")


def month_argument(text: str) -> tuple[int, int]:
    """``"2026-10"`` -> ``(2026, 10)``; anything else is refused with a message that shows how."""
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found[2]) <= 12:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a month: write it as YYYY-MM, for example 2026-10 for October 2026.").format(text=text)
        )
    return int(found[1]), int(found[2])


def week_argument(text: str) -> date:
    """``"2026-W49"`` -> the Monday of ISO week 49 of 2026; anything else is refused with a message."""
    found = _WEEK.fullmatch(text.strip())
    try:
        if found is None:
            raise ValueError(text)
        return date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _(
                "“{text}” is not a week: write it as YYYY-Www, for example 2026-W49 for the week "
                "from Monday 30 November 2026 (weeks go from 01 to 52, or 53 in some years)."
            ).format(text=text)
        ) from None


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report monthly`` and ``report programme`` to the parser's sub-commands."""
    report = commands.add_parser(COMMAND, help=_("write the monthly summary or the weekly programme as a PDF"))
    kinds = report.add_subparsers(dest="report_kind", metavar="REPORT", required=True)
    monthly = kinds.add_parser(
        "monthly",
        help=_("the monthly summary for the funders, beside the same month of the year before"),
    )
    monthly.add_argument(
        "--month", type=month_argument, required=True, metavar="YYYY-MM", help=_("the month, like 2026-10")
    )
    _add_common(monthly)
    programme = kinds.add_parser("programme", help=_("the week's programme poster for the notice board"))
    programme.add_argument(
        "--week",
        type=week_argument,
        required=True,
        metavar="YYYY-Www",
        help=_("the week, Monday to Sunday, as its ISO number: 2026-W49"),
    )
    programme.add_argument(
        "--size", choices=SIZES, default="A4", type=str.upper, help=_("the paper, landscape (default A4)")
    )
    _add_common(programme)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the PDF file to write"))
    parser.add_argument(
        "--lang",
        dest="report_language",
        choices=sorted(LANGUAGES),
        help=_("the language of the report (default: the program's)"),
    )
    parser.add_argument("--db", type=Path, dest="report_db", metavar="FILE", help=_("the database file"))


def run(options: argparse.Namespace) -> int:
    """Write the report chosen in ``options``; the exit code."""
    from app.clock import SystemClock
    from app.db.schema import open_database
    from app.services import Services
    from app.services.roles import COMMAND_LINE

    database_path: Path = options.report_db or options.db or paths.default_database()
    if not database_path.exists():
        print(_("{path} does not exist: check the name of the file.").format(path=database_path), file=sys.stderr)
        return 1
    language: str = options.report_language or options.lang or "it"
    out: Path = options.out
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    database = open_database(database_path, backups_dir=paths.backups_dir())
    try:
        services = Services.build(database=database, clock=SystemClock())
        if options.report_kind == "monthly":
            from app.reports.monthly_summary import write_monthly_summary

            year, month = options.month
            write_monthly_summary(services, COMMAND_LINE, year, month, out, language=language)
        else:
            from app.reports.programme_poster import write_programme

            write_programme(services, COMMAND_LINE, options.week, out, size=options.size, language=language)
    except OSError as error:
        print(
            _("{path} could not be written: {reason}").format(path=out, reason=error.strerror or error),
            file=sys.stderr,
        )
        return 1
    finally:
        database.close()
    print(_("Written to {path}.").format(path=out))
    return 0
