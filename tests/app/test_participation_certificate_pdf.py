"""A certificate of participation as a PDF: the house, the person (any alphabet), the workshop,
its period and the sessions and hours the person attended, as the attendance service counts them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.clock import FixedClock
from app.errors import ValidationError
from app.i18n import set_language
from app.reports.participation_certificate import (
    hours_in_words,
    participation_certificate,
    write_participation_certificate,
)
from app.reports.styles import A4
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import Course, build_course, mark, page_sizes, pages_of, printed


@pytest.fixture
def course(services: Services, coordinator: Actor, volunteer: Actor, clock: FixedClock) -> Course:
    """Four Tuesdays 18-20; the third cancelled; Diallo came twice, 王 once."""
    course = build_course(services, coordinator, volunteer)
    first, second, third, _fourth = course.sessions
    mark(services, volunteer, clock, first, [course.people["Diallo"], course.people["王"]])
    mark(services, volunteer, clock, second, [course.people["Diallo"]])
    services.workshop_sessions.cancel(coordinator, third.id)
    clock.current = clock.current.replace(day=10)
    return course


def test_the_certificate_states_the_hours_the_service_counted(
    services: Services, volunteer: Actor, course: Course, tmp_path: Path
) -> None:
    certificate = participation_certificate(services, volunteer, course.workshop, course.people["Diallo"])
    (hours,) = [row for row in services.attendance.hours(volunteer, course.workshop) if row.name == "Diallo Awa"]
    assert (certificate.sessions_attended, certificate.minutes_attended) == (hours.sessions, hours.minutes) == (2, 240)

    path = write_participation_certificate(certificate, tmp_path / "certificate.pdf")

    assert not list(tmp_path.glob("*.partial"))
    assert page_sizes(path) == [pytest.approx(A4)]
    (text,) = pages_of(path)
    assert "Bagni Pubblici di Via Agliè" in text
    assert "CERTIFICATE OF PARTICIPATION" in text
    assert "This is to certify that Awa Diallo took part in the workshop Sartoria di quartiere" in text
    assert "held from December 1, 2026 to December 22, 2026, led by Okafor Ngozi," in text
    assert "attending 2 sessions out of 3, for a total of 4 hours." in text
    assert "Issued on December 10, 2026" in text
    assert "For Bagni Pubblici di Via Agliè" in text


def test_a_chinese_name_prints_and_one_session_reads_in_the_singular(
    services: Services, volunteer: Actor, course: Course, tmp_path: Path
) -> None:
    certificate = participation_certificate(services, volunteer, course.workshop, course.people["王"])
    (text,) = pages_of(write_participation_certificate(certificate, tmp_path / "c.pdf"))

    assert f"certify that {printed('小明 王')} took part" in text
    assert "attending 1 session out of 3, for a total of 2 hours." in text


def test_there_is_no_certificate_for_someone_who_never_came(
    services: Services, volunteer: Actor, course: Course
) -> None:
    with pytest.raises(ValidationError, match="Jovanović Dušan has not attended any session of this workshop"):
        participation_certificate(services, volunteer, course.workshop, course.people["Jovanović"])


def test_hours_in_words() -> None:
    assert hours_in_words(45) == "45 minutes"
    assert hours_in_words(60) == "1 hour"
    assert hours_in_words(90) == "1 hour and 30 minutes"
    assert hours_in_words(121) == "2 hours and 1 minute"


def test_the_certificate_in_italian_with_an_arabic_name(
    services: Services, volunteer: Actor, course: Course, clock: FixedClock, tmp_path: Path
) -> None:
    services.attendance.mark(volunteer, course.sessions[1].id, [course.people["الحسيني"]])
    set_language("it")
    certificate = participation_certificate(services, volunteer, course.workshop, course.people["الحسيني"])
    path = write_participation_certificate(certificate, tmp_path / "attestato.pdf")

    (text,) = pages_of(path)
    assert "ATTESTATO DI PARTECIPAZIONE" in text
    assert printed("الحسيني") in text and printed("فاطمة") in text
    assert "Si attesta che" in text and "ha partecipato al laboratorio Sartoria di quartiere" in text
    assert "tenuto dal 1 dicembre 2026 al 22 dicembre 2026, condotto da Okafor Ngozi," in text
    assert "frequentando 1 incontro su 3, per un totale di 2 ore." in text
    assert "Rilasciato il 10 dicembre 2026" in text
