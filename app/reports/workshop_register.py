"""A workshop's register over all its sessions: people down, session dates across, a mark for present.

Data in, file out: ``workshop_register`` reads from the services the sessions (cancelled ones are
left out and counted), each session's register (who was present, how many) and each person's
sessions and hours attended (the attendance service's ``hours``, never recomputed here);
``write_workshop_register`` prints it on A4 landscape in the current language. When the dates do
not fit across one page they are split over several, each repeating the names, and the totals per
person close the last one; rows that run past the foot of a page carry on with the heading
repeated. Funders ask for this grid: how many came, to how many sessions, for how many hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Spacer, Table, TableStyle

from app.i18n import _, format_date, format_time, ngettext
from app.reports import styles as st
from app.reports.workshop_pages import build_pdf, hours_text
from app.services import Services
from app.services.enrolments import EnrolmentStatus
from app.services.roles import Actor

PRESENT_MARK = "✓"
LANDSCAPE: tuple[float, float] = (st.A4[1], st.A4[0])
NUMBER_WIDTH = 8 * mm
FAMILY_WIDTH = 34 * mm
GIVEN_WIDTH = 30 * mm
DATE_WIDTH = 11 * mm
SESSIONS_WIDTH = 17 * mm
HOURS_WIDTH = 22 * mm


@dataclass(frozen=True)
class RegisterSession:
    session_id: int
    start: datetime
    end: datetime
    minutes: int
    """The session's length, as the sessions service gives it."""
    present_count: int


@dataclass(frozen=True)
class RegisterPerson:
    person_id: int
    family_name: str
    given_name: str
    present_at: frozenset[int]
    """The ids of the sessions the person was present at."""
    sessions: int
    minutes: int
    """Sessions and time attended, as the attendance service counts them."""


@dataclass(frozen=True)
class WorkshopRegister:
    """Everything the register prints, already read from the services."""

    house_name: str
    workshop_title: str
    facilitator_name: str
    room_name: str
    sessions: tuple[RegisterSession, ...]
    people: tuple[RegisterPerson, ...]
    cancelled_sessions: int

    @property
    def attended_minutes(self) -> int:
        """The hours of attendance of everyone together (person-hours), from the service's totals."""
        return sum(person.minutes for person in self.people)


def workshop_register(services: Services, actor: Actor, workshop_id: int) -> WorkshopRegister:
    """The register of a workshop: its sessions not cancelled, everyone enrolled or ever present.

    Raises:
        NotFound: the workshop is gone.
    """
    workshop = services.workshops.get(actor, workshop_id)
    every_session = services.workshop_sessions.sessions(actor, workshop_id)
    held = [row for row in every_session if not row.cancelled]
    order: dict[int, None] = {}
    present: dict[int, set[int]] = {}
    sessions = []
    for row in held:
        register = services.attendance.register(actor, row.id)
        sessions.append(RegisterSession(row.id, row.start, row.end, row.minutes, register.present_count))
        for line in register.lines:
            order.setdefault(line.person_id, None)
            if line.present:
                present.setdefault(line.person_id, set()).add(row.id)
    if not held:
        for enrolment in services.enrolments.enrolments(actor, workshop_id):
            if enrolment.status is EnrolmentStatus.ENROLLED:
                order.setdefault(enrolment.person_id, None)
    hours = {row.person_id: row for row in services.attendance.hours(actor, workshop_id)}
    people = tuple(
        RegisterPerson(
            person_id=row.id,
            family_name=row.family_name,
            given_name=row.given_name,
            present_at=frozenset(present.get(row.id, ())),
            sessions=hours[row.id].sessions if row.id in hours else 0,
            minutes=hours[row.id].minutes if row.id in hours else 0,
        )
        for row in services.people.rows(actor, list(order))
    )
    return WorkshopRegister(
        house_name=services.house.details().name,
        workshop_title=workshop.draft.title,
        facilitator_name=workshop.facilitator_name,
        room_name=workshop.room_name,
        sessions=tuple(sessions),
        people=people,
        cancelled_sessions=len(every_session) - len(held),
    )


def title(register: WorkshopRegister) -> str:
    return _("Register — {workshop}").format(workshop=register.workshop_title)


def dates_per_page(count: int, width: float) -> int:
    """How many session columns fit across a page whose names and totals take their room."""
    fixed = NUMBER_WIDTH + FAMILY_WIDTH + GIVEN_WIDTH
    if count * DATE_WIDTH <= width - fixed - SESSIONS_WIDTH - HOURS_WIDTH:
        return max(count, 1)
    return max(1, int((width - fixed) // DATE_WIDTH))


def write_workshop_register(register: WorkshopRegister, path: Path) -> Path:
    """Write the register as an A4 landscape PDF at ``path`` (as many pages as it needs); return ``path``."""
    width = LANDSCAPE[0] - 2 * st.A4_MARGIN
    story = _story(register, width)
    return build_pdf(path, story, page=LANDSCAPE, title=title(register), author=register.house_name)


def _period(register: WorkshopRegister) -> str:
    if not register.sessions:
        return _("No session yet")
    first, last = register.sessions[0].start.date(), register.sessions[-1].start.date()
    if first == last:
        return format_date(first, "long")
    return _("{first} – {last}").format(first=format_date(first, "long"), last=format_date(last, "long"))


def _heading(register: WorkshopRegister, s: st.Styles, width: float, part: str) -> list[Flowable]:
    details = " · ".join(
        text
        for text in (
            _("Facilitator: {name}").format(name=register.facilitator_name) if register.facilitator_name else "",
            _("Room: {room}").format(room=register.room_name) if register.room_name else "",
            _period(register),
        )
        if text
    )
    left: list[Flowable] = [st.para(register.house_name, s.muted), st.para(register.workshop_title, s.title)]
    right: list[Flowable] = [st.para(_("Attendance register"), s.right_strong), st.para(part, s.muted_right)]
    return [
        st.plain_table([[left, right]], [width * 0.65, width * 0.35], ("VALIGN", (0, 0), (-1, -1), "BOTTOM")),
        st.para(details, s.body),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=2 * mm, spaceAfter=4 * mm),
    ]


def _grid(register: WorkshopRegister, sessions: tuple[RegisterSession, ...], small: st.Styles, *, last: bool) -> Table:
    header: list[Any] = [
        st.para(_("No."), small.muted_right),
        st.para(_("Family name"), small.muted),
        st.para(_("Given name"), small.muted),
    ]
    header += [
        [
            st.para(format_date(row.start.date(), "dd/MM"), small.centre),
            st.para(format_time(row.start), small.small_centre),
        ]
        for row in sessions
    ]
    if last:
        header += [st.para(_("Sessions"), small.muted_right), st.para(_("Hours"), small.muted_right)]
    rows: list[list[Any]] = [header]
    for index, person in enumerate(register.people, 1):
        row: list[Any] = [
            st.para(str(index), small.muted_right),
            st.para(person.family_name, small.strong),
            st.para(person.given_name, small.body),
        ]
        row += [
            st.para(PRESENT_MARK, small.centre_strong) if session.session_id in person.present_at else ""
            for session in sessions
        ]
        if last:
            row += [st.para(str(person.sessions), small.right), st.para(hours_text(person.minutes), small.right)]
        rows.append(row)
    footer: list[Any] = [
        "",
        st.para(_("People present"), small.strong),
        "",
        *(st.para(str(session.present_count), small.centre_strong) for session in sessions),
    ]
    if last:
        footer += [
            st.para(str(sum(person.sessions for person in register.people)), small.right_strong),
            st.para(hours_text(register.attended_minutes), small.right_strong),
        ]
    rows.append(footer)
    widths = [NUMBER_WIDTH, FAMILY_WIDTH, GIVEN_WIDTH, *([DATE_WIDTH] * len(sessions))]
    if last:
        widths += [SESSIONS_WIDTH, HOURS_WIDTH]
    dates_end = 2 + len(sessions)
    padding = small.size * 0.35
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, st.INK),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, st.RULE),
        ("GRID", (3, 0), (dates_end, -1), 0.3, st.RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, st.INK),
        ("BACKGROUND", (0, -1), (-1, -1), st.SHADE),
    ]
    if last:
        commands.append(("BACKGROUND", (dates_end + 1, 1), (-1, -2), st.SHADE))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _summary(register: WorkshopRegister, s: st.Styles) -> list[Flowable]:
    held = len(register.sessions)
    session_minutes = sum(row.minutes for row in register.sessions)
    reached = sum(1 for person in register.people if person.sessions)
    lines = [
        ngettext("{count} session", "{count} sessions", held).format(count=held)
        + _(", {hours} of workshop").format(hours=hours_text(session_minutes)),
        ngettext("{count} person came at least once", "{count} people came at least once", reached).format(
            count=reached
        ),
        _("{hours} of attendance in all").format(hours=hours_text(register.attended_minutes)),
    ]
    if register.cancelled_sessions:
        lines.append(
            ngettext(
                "{count} cancelled session is not shown.",
                "{count} cancelled sessions are not shown.",
                register.cancelled_sessions,
            ).format(count=register.cancelled_sessions)
        )
    return [Spacer(1, 4 * mm), st.para(" · ".join(lines), s.muted)]


def _story(register: WorkshopRegister, width: float) -> list[Flowable]:
    s = st.styles(10)
    small = st.styles(8)
    per_page = dates_per_page(len(register.sessions), width)
    chunks = [register.sessions[start : start + per_page] for start in range(0, len(register.sessions), per_page)]
    chunks = chunks or [()]
    story: list[Flowable] = []
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        if index:
            story.append(PageBreak())
        part = ""
        if len(chunks) > 1:
            first = index * per_page + 1
            part = _("Sessions {first}–{last} of {count}").format(
                first=first, last=first + len(chunk) - 1, count=len(register.sessions)
            )
        story += _heading(register, s, width, part)
        story.append(_grid(register, chunk, small, last=last))
        if last:
            story += _summary(register, s)
    return story
