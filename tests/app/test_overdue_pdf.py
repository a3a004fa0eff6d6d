"""The printed list of overdue loans, read back with pypdf: who, which tool, how late, the total."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import i18n
from app.clock import FixedClock
from app.reports.overdue_loans import overdue_report, write_overdue_report
from app.services import Services
from app.services.roles import Actor
from tests.app.late_loans import make_late_loans


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def late_house(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> Services:
    make_late_loans(services, volunteer, coordinator, clock)
    return services


def test_the_sheet_lists_who_is_late_most_days_first_with_the_total(
    late_house: Services, volunteer: Actor, tmp_path: Path
) -> None:
    report = overdue_report(late_house, volunteer)
    assert report.day == date(2026, 11, 22)
    assert [(row.person_name, row.days_late) for row in report.rows] == [
        ("Esposito Nicolò", 10),
        ("Đorđević Milica", 3),
    ]
    text = pdf_text(write_overdue_report(report, tmp_path / "overdue.pdf"))
    assert "Bagni Pubblici di Via Agliè" in text
    assert "Overdue loans as of Nov 22, 2026" in text
    assert "Esposito Nicolò" in text and "Đorđević Milica" in text
    assert "333 1234567" in text
    assert "10 days" in text and "3 days" in text
    assert text.index("Esposito Nicolò") < text.index("Đorđević Milica")
    assert "Total: 2 overdue loans" in text
    # Due today is not late yet, and a tool brought back (even late) is not listed.
    assert "Rossi Anna" not in text and "Bianchi Marco" not in text


def test_the_sheet_speaks_italian(late_house: Services, volunteer: Actor, tmp_path: Path) -> None:
    i18n.set_language("it")
    report = overdue_report(late_house, volunteer)
    text = pdf_text(write_overdue_report(report, tmp_path / "ritardi.pdf"))
    assert "Prestiti in ritardo al 22 nov 2026" in text
    assert "10 giorni" in text
    assert "Totale: 2 prestiti in ritardo" in text


def test_with_nothing_overdue_the_sheet_says_so(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    text = pdf_text(write_overdue_report(overdue_report(services, volunteer), tmp_path / "none.pdf"))
    assert "No loans are overdue." in text
    assert "Total: 0 overdue loans" in text
