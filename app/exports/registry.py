"""The lists that can be exported, and the one entry point that writes one.

Exporting is a coordinator's task (it hands out the house's records): ``export`` checks the
role, writes the file and logs the export in the audit log, with no user for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.exports import attendance, bookings, enrolments, loans, organisations, people, visits, workshops
from app.exports import receipts as receipt_export
from app.exports.csv_dialects import DIALECTS, Cell, write_csv
from app.exports.period import Period
from app.i18n import N_, _
from app.services import Services, audit
from app.services.roles import Actor, Role, authorise, is_command_line

Rows = Callable[[Services, Actor, Period], Iterator[tuple[Cell, ...]]]


@dataclass(frozen=True)
class ExportList:
    """A list that can be exported.

    ``period`` says whether a period applies ("optional": it may be all), and ``rows`` is None
    for the receipts, which their own service writes.
    """

    code: str
    label_msgid: str
    period: str  # "none", "optional" or "required"
    header: Callable[[], list[str]]
    rows: Rows | None

    @property
    def label(self) -> str:
        return _(self.label_msgid)

    @property
    def file_stem(self) -> str:
        """The suggested file name, in the current language ("prenotazioni")."""
        return self.label.casefold().replace(" ", "-")


EXPORTS: dict[str, ExportList] = {
    item.code: item
    for item in (
        ExportList("people", N_("People"), "none", people.header, people.rows),
        ExportList("organisations", N_("Organisations"), "none", organisations.header, organisations.rows),
        ExportList("bookings", N_("Bookings"), "required", bookings.header, bookings.rows),
        ExportList("workshops", N_("Workshops"), "none", workshops.header, workshops.rows),
        ExportList("enrolments", N_("Enrolments"), "optional", enrolments.header, enrolments.rows),
        ExportList("attendance", N_("Attendance"), "optional", attendance.header, attendance.rows),
        ExportList("visits", N_("Visits"), "required", visits.header, visits.rows),
        ExportList("loans", N_("Loans"), "optional", loans.header, loans.rows),
        ExportList("receipts", N_("Receipts"), "optional", receipt_export.header, None),
    )
}


def export(services: Services, actor: Actor, code: str, path: Path, period: Period, dialect: str) -> int:
    """Write the list ``code`` of ``period`` to ``path`` in ``dialect``; returns how many rows.

    Raises:
        PermissionDenied: the user is a volunteer.
        ValidationError: the period is incomplete or swapped, or the file cannot be written.
    """
    chosen = EXPORTS[code]
    if dialect not in DIALECTS:
        raise ValueError(dialect)
    if chosen.period == "none":
        period = Period()
    period.check(required=chosen.period == "required")
    if chosen.rows is None:  # the receipts: their service authorises, writes and audits
        first, last = period.days()
        if is_command_line(actor):
            return services.receipts.export_csv_for_command_line(first, last, path, dialect)
        return services.receipts.export_csv(actor, first, last, path, dialect)
    with services.database.sessions.begin() as session:
        authorise(session, actor, Role.COORDINATOR)
    count = write_csv(path, chosen.header(), chosen.rows(services, actor, period), dialect)
    with services.database.sessions.begin() as session:
        audit.record(session, services.clock, actor, "export", code, None, ("first", "last", "dialect"))
    return count
