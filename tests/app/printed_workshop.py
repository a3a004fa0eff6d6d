"""A workshop to print, for the tests of the attendance sheet, the register and the certificate:
the small house of ``workshop_house`` with people from several alphabets, and helpers to read a
PDF back (its text, its pages) and to look at it as an image."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionRow
from tests.app.workshop_house import build_house, person, workshop_with_sessions

PEOPLE = (("Awa", "Diallo"), ("小明", "王"), ("فاطمة", "الحسيني"), ("Olena", "Шевченко"), ("Dušan", "Jovanović"))
"""Given and family names: Latin, Chinese, Arabic, Cyrillic, Latin with accents."""


@dataclass(frozen=True)
class Course:
    workshop: int
    sessions: list[SessionRow]
    people: dict[str, int]
    """By family name."""


def build_course(
    services: Services,
    coordinator: Actor,
    volunteer: Actor,
    weeks: int = 4,
    people: tuple[tuple[str, str], ...] = PEOPLE,
) -> Course:
    house = build_house(services, coordinator, volunteer)
    room = house.hall if len(people) > 15 else house.classroom
    workshop, sessions = workshop_with_sessions(
        services, coordinator, house, weeks=weeks, capacity=len(people) + 2, room_id=room
    )
    ids = {}
    for given, family in people:
        ids[family] = person(services, volunteer, given, family)
        services.enrolments.enrol(volunteer, workshop, ids[family])
    return Course(workshop, sessions, ids)


def mark(services: Services, actor: Actor, clock: FixedClock, session: SessionRow, person_ids: list[int]) -> None:
    """Mark these people present, on the day of the session (the clock moves there)."""
    clock.current = max(clock.current, session.start)
    services.attendance.mark(actor, session.id, person_ids)


def printed(text: str) -> str:
    """How a name reads back from the PDF: pypdf gives right-to-left text back in logical order and
    the joined Arabic letter forms fold back to the letters (NFKC)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pages_of(path: Path) -> list[str]:
    """The text of each page, spacing made one space and letter forms normalised."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(path).pages]
