"""A session's attendance sheet: the paper passed round the room for signatures (foglio firme).

Data in, file out: ``attendance_sheet`` reads what the sheet prints from the services (the
session's register, the people's family and given names, the house), ``write_attendance_sheet``
prints it on A4 portrait in the current language: the house, the workshop, date, time, room and
facilitator, then one row per person with a wide blank column to sign in, rows a pen fits in, and
a few blank rows for walk-ins. Funders ask for these sheets, so the layout is a plain, sober grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from app.i18n import _, format_date, format_time
from app.reports import styles as st
from app.reports.workshop_pages import build_pdf
from app.services import Services
from app.services.roles import Actor
from app.text import capitalised

WALK_IN_ROWS = 4
"""Blank rows at the end of the sheet, for people who come without being enrolled."""
ROW_PADDING = 4.5 * mm
"""Above and below a name: with the text, a row about 13 mm high, enough to sign in."""


@dataclass(frozen=True)
class SheetLine:
    family_name: str
    given_name: str
    enrolled: bool
    """False: a walk-in already marked present, or someone who came and then withdrew."""


@dataclass(frozen=True)
class AttendanceSheet:
    """Everything the sheet prints, already read from the services."""

    house_name: str
    workshop_title: str
    start: datetime
    end: datetime
    room_name: str
    facilitator_name: str
    cancelled: bool
    lines: tuple[SheetLine, ...]


def attendance_sheet(services: Services, actor: Actor, session_id: int) -> AttendanceSheet:
    """The sheet of a session: its register's people (enrolled by name, then the others present).

    Raises:
        NotFound: the session is gone.
    """
    register = services.attendance.register(actor, session_id)
    ids = [line.person_id for line in register.lines]
    people = {row.id: row for row in services.people.rows(actor, ids)}
    lines = tuple(
        SheetLine(people[line.person_id].family_name, people[line.person_id].given_name, line.enrolled)
        for line in register.lines
        if line.person_id in people
    )
    row = register.session
    return AttendanceSheet(
        house_name=services.house.details().name,
        workshop_title=row.workshop_title,
        start=row.start,
        end=row.end,
        room_name=row.room_name,
        facilitator_name=register.facilitator_name,
        cancelled=row.cancelled,
        lines=lines,
    )


def title(sheet: AttendanceSheet) -> str:
    return _("Attendance sheet — {workshop}, {day}").format(
        workshop=sheet.workshop_title, day=format_date(sheet.start.date())
    )


def write_attendance_sheet(sheet: AttendanceSheet, path: Path, *, walk_in_rows: int = WALK_IN_ROWS) -> Path:
    """Write the sheet as an A4 portrait PDF at ``path`` (as many pages as it needs); return ``path``."""
    width = st.A4[0] - 2 * st.A4_MARGIN
    story = _story(sheet, width, walk_in_rows)
    return build_pdf(path, story, page=st.A4, title=title(sheet), author=sheet.house_name)


def _when(sheet: AttendanceSheet) -> str:
    return _("{start}–{end}").format(start=format_time(sheet.start), end=format_time(sheet.end))


def _details(sheet: AttendanceSheet, s: st.Styles, width: float) -> Table:
    label = 32 * mm
    rows = [
        [st.para(_("Workshop"), s.muted), st.para(sheet.workshop_title, s.strong)],
        [st.para(_("Date"), s.muted), st.para(capitalised(format_date(sheet.start.date(), "full")), s.body)],
        [st.para(_("Time"), s.muted), st.para(_when(sheet), s.body)],
        [st.para(_("Room"), s.muted), st.para(sheet.room_name, s.body)],
        [st.para(_("Facilitator"), s.muted), st.para(sheet.facilitator_name, s.body)],
    ]
    return st.plain_table(rows, [label, width - label], ("BOTTOMPADDING", (0, 0), (-1, -1), 2))


def _people(sheet: AttendanceSheet, s: st.Styles, width: float, walk_in_rows: int) -> Table:
    number, family, given = 10 * mm, 45 * mm, 40 * mm
    rows: list[list[Any]] = [
        [
            st.para(_("No."), s.muted_right),
            st.para(_("Family name"), s.muted),
            st.para(_("Given name"), s.muted),
            st.para(_("Signature"), s.muted),
        ]
    ]
    for index, line in enumerate(sheet.lines, start=1):
        rows.append(
            [
                st.para(str(index), s.muted_right),
                st.para(line.family_name, s.strong),
                st.para(line.given_name, s.body),
                "",
            ]
        )
    first_blank = len(rows)
    rows += [[Spacer(1, s.body.leading), "", "", ""] for _row in range(walk_in_rows)]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.5),
        ("TOPPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 1), (-1, -1), ROW_PADDING),
        ("TOPPADDING", (0, 0), (-1, 0), s.size * 0.3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), s.size * 0.3),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, st.INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, st.RULE),
        ("LINEBEFORE", (3, 0), (3, -1), 0.4, st.RULE),
    ]
    if walk_in_rows:
        commands.append(("BACKGROUND", (0, first_blank), (0, -1), st.SHADE))
    table = Table(rows, colWidths=[number, family, given, width - number - family - given], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _story(sheet: AttendanceSheet, width: float, walk_in_rows: int) -> list[Flowable]:
    s = st.styles(10)
    heading: list[Flowable] = [st.para(_("Attendance sheet"), s.right_title)]
    story: list[Flowable] = [
        st.plain_table(
            [[st.para(sheet.house_name, s.heading), heading]],
            [width * 0.5, width * 0.5],
            ("ALIGN", (1, 0), (1, 0), "RIGHT"),
        ),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=4 * mm, spaceAfter=5 * mm),
        _details(sheet, s, width),
    ]
    if sheet.cancelled:
        story += [Spacer(1, 3 * mm), st.para(_("This session was cancelled."), s.alert)]
    story += [Spacer(1, 6 * mm), _people(sheet, s, width, walk_in_rows)]
    if walk_in_rows:
        story += [Spacer(1, 2 * mm), st.para(_("Blank rows: people who came without enrolling."), s.small)]
    signature = st.plain_table(
        [[Spacer(1, 14 * mm)], [st.para(_("Facilitator's signature"), s.muted_centre)]],
        [70 * mm],
        ("LINEBELOW", (0, 0), (0, 0), 0.6, st.RULE),
        hAlign="RIGHT",
    )
    story += [Spacer(1, 6 * mm), KeepTogether([signature])]
    return story
