"""A workshop's register as a PDF: people down, session dates across, a mark for each presence,
the totals per person (sessions, hours: the attendance service's) and per session, on A4 landscape,
the dates split over pages when they do not fit, the names repeated on each."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.clock import FixedClock
from app.i18n import set_language
from app.reports.workshop_register import LANDSCAPE, PRESENT_MARK, workshop_register, write_workshop_register
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import Course, build_course, mark, page_sizes, pages_of, printed
from tests.app.workshop_house import person


@pytest.fixture
def course(services: Services, coordinator: Actor, volunteer: Actor, clock: FixedClock) -> Course:
    """Four Tuesdays (1, 8, 15, 22 December, 18-20); the third cancelled; marks on the first two."""
    course = build_course(services, coordinator, volunteer)
    first, second, third, _fourth = course.sessions
    people = course.people
    mark(services, volunteer, clock, first, [people["Diallo"], people["王"], people["الحسيني"]])
    mark(services, volunteer, clock, second, [people["Diallo"], people["الحسيني"]])
    services.workshop_sessions.cancel(coordinator, third.id)
    return course


def test_the_register_reads_its_data_from_the_services(services: Services, volunteer: Actor, course: Course) -> None:
    register = workshop_register(services, volunteer, course.workshop)

    assert [row.present_count for row in register.sessions] == [3, 2, 0]
    assert register.cancelled_sessions == 1
    by_family = {row.family_name: row for row in register.people}
    hours = {row.person_id: row for row in services.attendance.hours(volunteer, course.workshop)}
    diallo = by_family["Diallo"]
    assert (diallo.sessions, diallo.minutes) == (hours[diallo.person_id].sessions, hours[diallo.person_id].minutes)
    assert (diallo.sessions, diallo.minutes) == (2, 240)
    assert (by_family["Jovanović"].sessions, by_family["Jovanović"].present_at) == (0, frozenset())
    assert register.attended_minutes == 5 * 120


def test_the_grid_marks_who_came_and_totals_each_person_and_session(
    services: Services, volunteer: Actor, course: Course, tmp_path: Path
) -> None:
    path = write_workshop_register(workshop_register(services, volunteer, course.workshop), tmp_path / "register.pdf")

    assert not list(tmp_path.glob("*.partial"))
    assert page_sizes(path) == [pytest.approx(LANDSCAPE)]
    assert LANDSCAPE[0] > LANDSCAPE[1]
    (text,) = pages_of(path)
    assert "Bagni Pubblici di Via Agliè" in text and "Sartoria di quartiere" in text
    assert "Attendance register" in text
    assert "Facilitator: Okafor Ngozi · Room: Aula · December 1, 2026 – December 22, 2026" in text
    assert "No. Family name Given name 01/12 6:00 PM 08/12 6:00 PM 22/12 6:00 PM Sessions Hours" in text
    assert "15/12" not in text  # the cancelled session
    mark_ = PRESENT_MARK
    assert f"1 Diallo Awa {mark_} {mark_} 2 4 h" in text
    assert "2 Jovanović Dušan 0 0 min" in text
    assert f"{printed('الحسيني')} {printed('فاطمة')} {mark_} {mark_} 2 4 h" in text
    assert f"{printed('王')} {printed('小明')} {mark_} 1 2 h" in text
    assert "People present 3 2 0 5 10 h" in text
    assert "3 sessions, 6 h of workshop · 3 people came at least once · 10 h of attendance in all" in text
    assert "1 cancelled session is not shown." in text
    assert "Page 1" not in text


def test_many_dates_split_over_pages_repeating_the_names(
    services: Services, coordinator: Actor, volunteer: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    course = build_course(services, coordinator, volunteer, weeks=30)
    clock.current = course.sessions[-1].end
    for session in course.sessions[::3]:
        services.attendance.mark(volunteer, session.id, [course.people["Diallo"]])
    walk_in = person(services, volunteer, "Amadou", "Ba")
    services.attendance.mark(volunteer, course.sessions[-1].id, [walk_in])

    path = write_workshop_register(workshop_register(services, volunteer, course.workshop), tmp_path / "long.pdf")

    pages = pages_of(path)
    assert len(pages) == 2
    assert page_sizes(path) == [pytest.approx(LANDSCAPE)] * 2
    first, second = pages
    assert "Sessions 1–16 of 30" in first and "Sessions 17–30 of 30" in second
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of 2" in text
        assert "1 Diallo Awa" in text and "6 Ba Amadou" in text
    assert "01/12" in first and "16/03" in first and "23/03" in second and "22/06" in second
    assert "Sessions Hours" not in first and "Sessions Hours" in second
    assert "1 Diallo Awa" in second and "10 20 h" in second  # every third of 30 sessions, 2 h each
    assert "6 Ba Amadou " + PRESENT_MARK + " 1 2 h" in second


def test_the_register_in_italian(services: Services, volunteer: Actor, course: Course, tmp_path: Path) -> None:
    set_language("it")
    path = write_workshop_register(workshop_register(services, volunteer, course.workshop), tmp_path / "registro.pdf")

    (text,) = pages_of(path)
    assert "Registro presenze" in text
    assert "Conduttore: Okafor Ngozi · Sala: Aula · 1 dicembre 2026 – 22 dicembre 2026" in text
    assert "N. Cognome Nome 01/12 18:00" in text and "Incontri Ore" in text
    assert "Presenti 3 2 0 5 10 h" in text
    assert "3 incontri, 6 h di laboratorio · 3 persone sono venute almeno una volta · 10 h di presenza in tutto" in text
    assert "1 incontro annullato non è mostrato." in text
