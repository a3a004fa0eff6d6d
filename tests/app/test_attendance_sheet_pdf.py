"""A session's attendance sheet as a PDF: the details of the session, every enrolled person by
family and given name (any alphabet), a blank column to sign in with rows a pen fits in, blank rows
for walk-ins, and page numbers when the sheet runs over one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.clock import FixedClock
from app.i18n import set_language
from app.reports.attendance_sheet import WALK_IN_ROWS, attendance_sheet, write_attendance_sheet
from app.reports.styles import A4
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import Course, build_course, mark, page_sizes, pages_of, printed
from tests.app.workshop_house import person

MM = 72 / 25.4


@pytest.fixture
def course(services: Services, coordinator: Actor, volunteer: Actor) -> Course:
    return build_course(services, coordinator, volunteer)


def name_heights(path: Path, names: list[str]) -> dict[str, float]:
    """Where each of ``names`` (a family name, printed alone in its cell) stands on the first page."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
        if text.strip() in names:
            found[text.strip()] = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return found


def test_the_sheet_prints_the_session_and_every_person_with_room_to_sign(
    services: Services, volunteer: Actor, course: Course, tmp_path: Path
) -> None:
    sheet = attendance_sheet(services, volunteer, course.sessions[0].id)
    path = write_attendance_sheet(sheet, tmp_path / "sheet.pdf")

    assert not list(tmp_path.glob("*.partial"))
    assert page_sizes(path) == [pytest.approx(A4)]
    (text,) = pages_of(path)
    assert "Bagni Pubblici di Via Agliè" in text and "Attendance sheet" in text
    assert "Workshop Sartoria di quartiere" in text
    assert "Date Tuesday, December 1, 2026" in text
    assert "Time 6:00 PM–8:00 PM" in text
    assert "Room Aula" in text and "Facilitator Okafor Ngozi" in text
    assert "No. Family name Given name Signature" in text
    # enrolled people by name, each with their own number; every alphabet prints
    for number, (family, given) in enumerate(
        [("Diallo", "Awa"), ("Jovanović", "Dušan"), ("Шевченко", "Olena"), ("الحسيني", "فاطمة"), ("王", "小明")], 1
    ):
        assert f"{number} {printed(family)} {printed(given)}" in text
    assert "Page 1" not in text  # one page: no page numbers
    assert "Facilitator's signature" in text


def test_rows_are_tall_enough_to_sign_in(services: Services, volunteer: Actor, course: Course, tmp_path: Path) -> None:
    path = write_attendance_sheet(attendance_sheet(services, volunteer, course.sessions[0].id), tmp_path / "s.pdf")

    heights = name_heights(path, ["Diallo", "Jovanović", "Шевченко"])
    assert len(heights) == 3
    assert heights["Diallo"] - heights["Jovanović"] >= 12 * MM
    assert heights["Jovanović"] - heights["Шевченко"] == pytest.approx(heights["Diallo"] - heights["Jovanović"])


def test_walk_ins_marked_present_follow_the_enrolled_and_blank_rows_are_left(
    services: Services, volunteer: Actor, course: Course, clock: FixedClock, tmp_path: Path
) -> None:
    walk_in = person(services, volunteer, "Amadou", "Ba")
    mark(services, volunteer, clock, course.sessions[0], [walk_in])
    sheet = attendance_sheet(services, volunteer, course.sessions[0].id)
    assert [(line.family_name, line.enrolled) for line in sheet.lines][-1] == ("Ba", False)

    with_blanks = tmp_path / "blanks.pdf"
    without = tmp_path / "none.pdf"
    write_attendance_sheet(sheet, with_blanks)
    write_attendance_sheet(sheet, without, walk_in_rows=0)

    assert "6 Ba Amadou" in pages_of(with_blanks)[0]
    assert "Blank rows: people who came without enrolling." in pages_of(with_blanks)[0]
    assert "Blank rows" not in pages_of(without)[0]
    # each blank row is as tall as a row with a name: the signature of the facilitator moves down
    signature = "Facilitator's signature"
    lower = name_heights(with_blanks, [signature])[signature]
    higher = name_heights(without, [signature])[signature]
    assert higher - lower >= WALK_IN_ROWS * 12 * MM


def test_a_long_sheet_runs_over_pages_with_the_heading_repeated_and_numbered(
    services: Services, coordinator: Actor, volunteer: Actor, tmp_path: Path
) -> None:
    many = tuple((f"Persona{index:02d}", f"Cognome{index:02d}") for index in range(30))
    course = build_course(services, coordinator, volunteer, weeks=1, people=many)

    path = write_attendance_sheet(attendance_sheet(services, volunteer, course.sessions[0].id), tmp_path / "long.pdf")

    pages = pages_of(path)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Family name Given name Signature" in text
    everyone = " ".join(pages)
    assert all(f"{index + 1} Cognome{index:02d} Persona{index:02d}" in everyone for index in range(30))


def test_a_cancelled_session_says_so(services: Services, coordinator: Actor, course: Course, tmp_path: Path) -> None:
    services.workshop_sessions.cancel(coordinator, course.sessions[1].id)

    sheet = attendance_sheet(services, coordinator, course.sessions[1].id)
    (text,) = pages_of(write_attendance_sheet(sheet, tmp_path / "cancelled.pdf"))

    assert "This session was cancelled." in text


def test_the_sheet_in_italian(services: Services, volunteer: Actor, course: Course, tmp_path: Path) -> None:
    set_language("it")
    path = write_attendance_sheet(attendance_sheet(services, volunteer, course.sessions[0].id), tmp_path / "foglio.pdf")

    (text,) = pages_of(path)
    assert "Foglio presenze" in text and "Laboratorio Sartoria di quartiere" in text
    assert "Data Martedì 1 dicembre 2026" in text and "Ora 18:00–20:00" in text
    assert "Sala Aula" in text and "Conduttore Okafor Ngozi" in text
    assert "N. Cognome Nome Firma" in text
    assert "Righe vuote: per chi è venuto senza iscrizione." in text
    assert "Firma del conduttore" in text
