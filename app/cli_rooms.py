"""The command line's rooms and calendars: ``rooms list``, ``rooms add``, ``import-ics``, ``export-ics``.

portineria rooms list [--db FILE]
portineria rooms add NAME --capacity N [--rate EUR] [--member-rate EUR] [--part-of ROOM] [--db FILE]
portineria import-ics FILE --room ROOM [--organisation NAME | --person NAME] [--dry-run] [--db FILE]
portineria export-ics FILE [--room ROOM] --from DATE --to DATE [--db FILE]

The command line has no signed-in user: it acts as ``roles.COMMAND_LINE`` (an admin's rights,
logged in the audit with no user; see there why), so it works on a file with no users yet.
``rooms add`` creates the database file when it does not exist; the other commands need one.
Mistakes (an unknown room, a bad amount, a missing file) are printed, translated, with exit code 1.
``import-ics`` with neither ``--organisation`` nor ``--person`` books for the association or group
named after the calendar, found or created (``calendar_import.default_holder_name``), and says so.

This module is imported when the command line is parsed, so it imports nothing heavy at its top:
the database and the services are imported inside the functions that run a command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.errors import ValidationError
from app.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from app.db.engine import Database
    from app.services import Services
    from app.services.calendars import ImportLine, ImportReport
    from app.services.rooms import RoomRow

COMMANDS = ("rooms", "import-ics", "export-ics")
MONEY_HELP = N_(
    "Amounts are in euros, with a comma or a point before the cents: 12,50 and 12.50 are both twelve euros "
    "and fifty cents; 1.234,50 (with the thousands) is read in Italian, 1,234.50 in English."
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser], *, day: Callable[[str], date]) -> None:
    """Add the rooms and calendar commands to the parser's sub-commands (``day`` parses a date)."""
    rooms = commands.add_parser("rooms", help=_("list or add the rooms of the house"))
    actions = rooms.add_subparsers(dest="rooms_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("print the rooms: capacity, rates, the larger room, in use"))
    _add_db(listing)
    add = actions.add_parser(
        "add", help=_("add a room; the database file is created if it does not exist"), description=_(MONEY_HELP)
    )
    add.add_argument("name", metavar="NAME", help=_("the name of the room, in quotes if it has spaces"))
    add.add_argument("--capacity", type=int, required=True, metavar="N", help=_("how many people the room holds"))
    add.add_argument("--rate", default="0", metavar="EUR", help=_("the hourly rate in euros, like 12,50 (default 0)"))
    add.add_argument(
        "--member-rate",
        metavar="EUR",
        help=_("the reduced hourly rate for member associations, in euros (default: the hourly rate)"),
    )
    add.add_argument(
        "--part-of", metavar="ROOM", help=_("the larger room this one is part of, like a half of the hall")
    )
    _add_db(add)

    imports = commands.add_parser(
        "import-ics",
        help=_("book the events of an .ics calendar file in a room"),
        description=_(
            "Each event becomes a booking, each repeating event a recurring booking. Events already imported, "
            "all-day and cancelled ones are skipped; dates on which the room is taken or the house is closed are "
            "reported as conflicts and not booked."
        )
        + " "
        + _(
            "Without --organisation or --person the events are booked for the association or group named after "
            "the calendar (the name the calendar program gave it, or else the file name without .ics); if there "
            "is none, it is created as an informal group."
        ),
    )
    imports.add_argument("file", type=Path, metavar="FILE", help=_("the .ics file"))
    imports.add_argument("--room", required=True, metavar="ROOM", help=_("the room to book, by its name"))
    holder = imports.add_mutually_exclusive_group()
    holder.add_argument(
        "--organisation",
        metavar="NAME",
        help=_("the association that books, by its name (default: the group named after the calendar)"),
    )
    holder.add_argument("--person", metavar="NAME", help=_("the person who books, as surname and name"))
    imports.add_argument("--dry-run", action="store_true", help=_("only say what would be booked; save nothing"))
    _add_db(imports)

    exports = commands.add_parser("export-ics", help=_("write the programme of a period to an .ics calendar file"))
    exports.add_argument("file", type=Path, metavar="FILE", help=_("the .ics file to write"))
    exports.add_argument("--room", metavar="ROOM", help=_("only this room (default: every room)"))
    exports.add_argument(
        "--from", dest="date_from", type=day, required=True, metavar="DATE", help=_("the first day, as YYYY-MM-DD")
    )
    exports.add_argument(
        "--to", dest="date_to", type=day, required=True, metavar="DATE", help=_("the last day, as YYYY-MM-DD")
    )
    _add_db(exports)


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, dest="command_db", metavar="FILE", help=_("the database file"))


def run(options: argparse.Namespace) -> int:
    """Run the command chosen in ``options``; the exit code."""
    database_path: Path = options.command_db or options.db or paths.default_database()
    if options.command == "rooms" and options.rooms_command == "add":
        return _rooms_add(database_path, options)
    if not database_path.exists():
        return _fail(_("{path} does not exist: check the name of the file.").format(path=database_path))
    database = _open(database_path)
    try:
        services = _services(database)
        if options.command == "rooms":
            return _rooms_list(services)
        if options.command == "import-ics":
            return _import_ics(services, options)
        return _export_ics(services, options)
    finally:
        database.close()


def _open(path: Path) -> Database:
    from app.db.schema import open_database

    return open_database(path, backups_dir=paths.backups_dir())


def _services(database: Database) -> Services:
    from app.clock import SystemClock
    from app.services import Services

    return Services.build(database=database, clock=SystemClock())


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


# -- rooms -----------------------------------------------------------------------------------------


def _rooms_list(services: Services) -> int:
    from app.i18n import format_money, format_number
    from app.services.roles import COMMAND_LINE

    rooms = services.rooms.rooms(COMMAND_LINE, include_inactive=True)
    if not rooms:
        print(_("The house has no rooms yet: add one with “portineria rooms add”."))
        return 0
    names = {room.id: room.name for room in rooms}
    header = (_("Room"), _("Capacity"), _("Rate/hour"), _("Member rate/hour"), _("Part of"), _("In use"))
    lines = [
        (
            room.name,
            format_number(room.capacity),
            format_money(room.hourly_rate_cents),
            format_money(room.member_rate_cents),
            names.get(room.parent_id, "") if room.parent_id is not None else "",
            _("yes") if room.active else _("no"),
        )
        for room in rooms
    ]
    for line in _table(header, lines, right_aligned={1, 2, 3}):
        print(line)
    return 0


def _table(header: Sequence[str], lines: Sequence[Sequence[str]], *, right_aligned: set[int]) -> list[str]:
    """Columns padded to their widest cell, two spaces apart, with a rule under the header."""
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(width) if column in right_aligned else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return [render(header), "  ".join("-" * width for width in widths), *(render(line) for line in lines)]


def _rooms_add(database_path: Path, options: argparse.Namespace) -> int:
    from app.i18n import format_money, parse_money
    from app.services.roles import COMMAND_LINE
    from app.services.rooms import RoomDraft

    try:
        rate = parse_money(options.rate)
        member_rate = None if options.member_rate is None else parse_money(options.member_rate)
    except ValueError as error:
        return _fail(f"{error} {_(MONEY_HELP)}")
    created = not database_path.exists()
    database = _open(database_path)
    try:
        services = _services(database)
        parent_id = None
        if options.part_of is not None:
            parent_id = _room_named(services, options.part_of).id
        draft = RoomDraft(name=options.name, capacity=options.capacity, hourly_rate_cents=rate, parent_id=parent_id)
        if member_rate is not None:
            draft = replace(draft, member_rate_cents=member_rate)
        room = services.rooms.create(COMMAND_LINE, draft)
    except BaseException:
        database.close()
        if created:  # a mistake leaves no new, empty file behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{database_path}{suffix}").unlink(missing_ok=True)
        raise
    database.close()
    if created:
        print(_("New database file created: {path}.").format(path=database_path))
    print(
        ngettext(
            "Room “{name}” added: {capacity} person, {rate} an hour.",
            "Room “{name}” added: {capacity} people, {rate} an hour.",
            room.capacity,
        ).format(name=room.name, capacity=room.capacity, rate=format_money(room.hourly_rate_cents))
    )
    return 0


def _room_named(services: Services, name: str) -> RoomRow:
    """The room called ``name`` (in any case).

    Raises:
        ValidationError: there is none; the message lists the rooms there are.
    """
    from app.services.roles import COMMAND_LINE

    room = services.rooms.find(COMMAND_LINE, name)
    if room is not None:
        return room
    names = [row.name for row in services.rooms.rooms(COMMAND_LINE, include_inactive=True)]
    if not names:
        raise ValidationError(
            _(
                "There is no room called “{name}”: the house has no rooms yet; add them with “portineria rooms add”."
            ).format(name=name)
        )
    raise ValidationError(
        _("There is no room called “{name}”. The rooms are: {rooms}.").format(name=name, rooms=", ".join(names))
    )


# -- calendars -------------------------------------------------------------------------------------


def _holder(services: Services, options: argparse.Namespace) -> tuple[int | None, int | None]:
    """The person's or the association's id, found by name.

    Raises:
        ValidationError: nobody, or more than one, has that name; the message says how to choose.
    """
    from app.services.roles import COMMAND_LINE

    if options.organisation is not None:
        wanted = options.organisation.strip()
        organisations = services.organisations.rows(
            COMMAND_LINE, services.organisations.search_ids(COMMAND_LINE, wanted)
        )
        found = [(row.id, row.name) for row in organisations]
        person = False
    else:
        wanted = options.person.strip()
        people = services.people.rows(COMMAND_LINE, services.people.search_ids(COMMAND_LINE, wanted))
        found = [(row.id, row.display_name) for row in people]
        person = True
    exact = [(item_id, name) for item_id, name in found if name.casefold() == wanted.casefold()]
    if len(exact) == 1 or (not exact and len(found) == 1):
        chosen = (exact or found)[0][0]
        return (chosen, None) if person else (None, chosen)
    if not found:
        if person:
            raise ValidationError(_("Nobody called “{name}” is known: write surname and name.").format(name=wanted))
        raise ValidationError(_("No association is called “{name}”: check the name.").format(name=wanted))
    candidates = ", ".join(name for _item_id, name in (exact or found)[:5])
    raise ValidationError(
        _("More than one name matches “{name}” ({candidates}): write the whole name.").format(
            name=wanted, candidates=candidates
        )
    )


def _when(start: datetime | date | None) -> str:
    from app.i18n import format_date, format_time

    if isinstance(start, datetime):
        return f"{format_date(start)} {format_time(start)}"
    if isinstance(start, date):
        return format_date(start)
    return ""


def _import_line(line: ImportLine) -> str:
    from app.services.calendars import ImportOutcome

    outcome = _("in conflict") if line.outcome is ImportOutcome.CONFLICT else _("skipped")
    what = " ".join(part for part in (_when(line.start), line.summary or _("(no title)")) if part)
    return _("{outcome}: {event}: {reason}").format(outcome=outcome, event=what, reason=line.reason)


def _import_summary(report: ImportReport) -> str:
    created = (
        ngettext("{count} booking would be created", "{count} bookings would be created", report.created)
        if report.dry_run
        else ngettext("{count} booking created", "{count} bookings created", report.created)
    )
    skipped = ngettext("{count} event skipped", "{count} events skipped", report.skipped)
    conflicts = ngettext("{count} date in conflict", "{count} dates in conflict", report.conflicts)
    return _("{created}, {skipped}, {conflicts}.").format(
        created=created.format(count=report.created),
        skipped=skipped.format(count=report.skipped),
        conflicts=conflicts.format(count=report.conflicts),
    )


def _import_ics(services: Services, options: argparse.Namespace) -> int:
    from app.services.roles import COMMAND_LINE

    room = _room_named(services, options.room)
    named = options.organisation is not None or options.person is not None
    person_id, organisation_id = _holder(services, options) if named else (None, None)
    report = services.calendars.import_ics(
        COMMAND_LINE,
        options.file,
        room_id=room.id,
        person_id=person_id,
        organisation_id=organisation_id,
        dry_run=options.dry_run,
        holder_from_calendar=not named,
    )
    if report.calendar_holder is not None:
        print(report.calendar_holder.sentence(dry_run=report.dry_run))
    for line in report.lines:
        print(_import_line(line))
    print(_import_summary(report))
    if report.dry_run:
        print(_("Dry run: nothing was saved."))
    return 0


def _export_ics(services: Services, options: argparse.Namespace) -> int:
    from app.services.roles import COMMAND_LINE

    if options.date_from > options.date_to:
        return _fail(_("The first day comes after the last one: check --from and --to."))
    room_ids = None if options.room is None else [_room_named(services, options.room).id]
    count = services.calendars.export_ics(
        COMMAND_LINE, options.file, start=options.date_from, end=options.date_to, room_ids=room_ids
    )
    print(
        ngettext("{count} event written to {path}.", "{count} events written to {path}.", count).format(
            count=count, path=options.file
        )
    )
    return 0
