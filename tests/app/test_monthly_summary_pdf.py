"""The monthly summary PDF for the funders, read back: the numbers, the pages, the language.

The month is the hand-built October 2026 of tests/app/month_house.py (with October 2025 before it);
the figures the PDF must show are those of the monthly figures service, and the key ones are also
written out by hand here, so that a number lost between the service and the page is caught.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PageObject, PdfReader

from app.clock import FixedClock
from app.errors import PermissionDenied
from app.i18n import current_language, in_language
from app.reports.monthly_numbers import change_text, points_change_text
from app.reports.monthly_summary import write_monthly_summary
from app.services import Services
from app.services.monthly_figures_types import MonthlySummaryFigures
from app.services.roles import Actor
from tests.app.month_house import build_month_house
from tests.conftest import HOUSE

IT_FOOT = "Resoconto mensile — ottobre 2026"
PAGES = 6  # the cover, then rooms, workshops and people, drop-in, tools, cash


@pytest.fixture
def october(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> MonthlySummaryFigures:
    build_month_house(services, volunteer, coordinator, clock)
    return services.monthly_figures.figures(coordinator, 2026, 10)


def pages_of(path: Path) -> list[str]:
    """The text of each page, with all spacing made one space."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).replace("\u2212", "-").split())
        for page in PdfReader(path).pages
    ]


def body(page: str, foot: str = "Monthly summary — October 2026") -> str:
    """A page's text after its foot (the house's name and the document, drawn first)."""
    assert foot in page
    return page.split(foot, 1)[1].strip()


def write(services: Services, actor: Actor, path: Path, language: str) -> list[str]:
    write_monthly_summary(services, actor, 2026, 10, path, language=language)
    return pages_of(path)


@pytest.mark.usefixtures("october")
def test_the_cover_shows_the_key_numbers_written_out_by_hand(
    services: Services, coordinator: Actor, tmp_path: Path
) -> None:
    cover = write(services, coordinator, tmp_path / "summary.pdf", "en")[0]

    assert "Bagni Pubblici di Via Agliè" in cover and "Via Agliè 9, 10154 Torino" in cover
    assert "Monthly summary October 2026" in cover
    assert "Compared with the same month last year, October 2025." in cover
    # Visits: three showers and the job desk; a year before, Dario's shower.
    assert "Visits to drop-in services 4 +300% on last year October 2025: 1" in cover
    # Training: three sessions of 2 h with 2, 1 and 2 people present; a year before 2 h with Anna.
    assert "Hours of training 10 h +400% on last year October 2025: 2 h" in cover
    # Loans: the ladder twice and the drill; a year before the ladder.
    assert "Tool loans 3 +200% on last year October 2025: 1" in cover
    # Money in: room hire 50, workshop fee 30, donation 15 (the cancelled fee is left out).
    assert "Money in €95.00 +850% on last year October 2025: €10.00" in cover
    assert "Money out €10.00 None last year October 2025: €0.00" in cover
    assert "Made on 11/22/26, 9:00" in cover


def test_every_figure_on_the_cover_is_the_services(
    services: Services, coordinator: Actor, october: MonthlySummaryFigures, tmp_path: Path
) -> None:
    cover = write(services, coordinator, tmp_path / "summary.pdf", "en")[0]
    now, before = october.current, october.year_before

    reached = f"People reached {now.people.people_reached} "
    assert reached in cover and f"October 2025: {before.people.people_reached}" in cover
    assert f"Room bookings {now.rooms.bookings} {before.rooms.bookings} " in cover
    assert f"Workshop sessions held {now.workshops.sessions_held} {before.workshops.sessions_held} " in cover
    participants = f"{now.workshops.distinct_participants} {before.workshops.distinct_participants}"
    assert f"Participants in workshops {participants} " in cover
    assert f"New people registered {now.people.new_people} {before.people.new_people} " in cover
    assert f"Receipts issued {now.cash.receipts} {before.cash.receipts} " in cover
    overdue = f"{now.tools.overdue_at_month_end} {before.tools.overdue_at_month_end}"
    assert f"Tools overdue at the end of the month {overdue} " in cover


def test_the_area_pages_show_their_numbers(
    services: Services, coordinator: Actor, october: MonthlySummaryFigures, tmp_path: Path
) -> None:
    pages = write(services, coordinator, tmp_path / "summary.pdf", "en")
    assert len(pages) == PAGES
    rooms, workshops, dropin, tools, cash = pages[1:]
    now = october.current

    assert body(rooms).startswith("Rooms ")
    assert f"Bookings {now.rooms.bookings} " in rooms
    assert "Hours booked per room" in rooms and "Sala Blu" in rooms and "Cantina" in rooms
    # Sala Blu and Aula have opening hours; the change of a share is in percentage points.
    assert "Occupancy against opening hours 7% 2% +5 pt" in rooms
    assert "Hours booked per organisation" in rooms and "Filo e Ago APS" in rooms
    assert "Bookings by private people" in rooms  # Gino's booking in his own name

    assert body(workshops).startswith("Workshops and courses ")
    assert "Hours of training delivered 10 h 2 h +400%" in workshops
    assert f"Sessions held {now.workshops.sessions_held} " in workshops
    assert f"Attendance marks {now.workshops.attendance_marks} " in workshops
    assert f"People reached {now.people.people_reached} " in workshops

    assert body(dropin).startswith("Drop-in services ")
    assert "All services 4 1 +300%" in dropin
    assert "Visits by age band" in dropin and "Visits by gender" in dropin and "18-29" in dropin

    assert body(tools).startswith("Tool library ")
    assert "Loans 3 1 +200%" in tools
    assert "Most lent tools" in tools and "Scala (SC-0001)" in tools and "Trapano (TR-0001)" in tools

    assert body(cash).startswith("Cash ")
    assert "Money in €95.00 €10.00 +850%" in cash
    assert "Money out €10.00 €0.00 —" in cash
    assert "Balance €85.00 €10.00 +750%" in cash
    assert "Room hire €50.00 €0.00" in cash and "Donation €15.00 €10.00 +50%" in cash
    assert "Receipts cancelled 1 0" in cash

    for number, page in enumerate(pages, 1):
        assert "Bagni Pubblici di Via Agliè" in page and "Monthly summary — October 2026" in page
        assert f"Page {number} of {PAGES}" in page


@pytest.mark.usefixtures("october")
def test_in_italian_the_headings_and_numbers_speak_italian(
    services: Services, coordinator: Actor, tmp_path: Path
) -> None:
    pages = write(services, coordinator, tmp_path / "resoconto.pdf", "it")

    assert len(pages) == PAGES
    cover = pages[0]
    assert "Resoconto mensile Ottobre 2026" in cover
    assert "stesso mese dell'anno scorso, ottobre 2025" in cover
    assert "Entrate 95,00 € +850%" in cover
    assert "Ore di formazione 10 h +400%" in cover
    assert "Monthly summary" not in " ".join(pages) and "Hours of training" not in " ".join(pages)
    assert body(pages[1], IT_FOOT).startswith("Sale ")
    assert body(pages[2], IT_FOOT).startswith("Laboratori e corsi ")
    assert body(pages[3], IT_FOOT).startswith("Accessi ai servizi ")
    assert body(pages[4], IT_FOOT).startswith("Prestito attrezzi ")
    assert body(pages[5], IT_FOOT).startswith("Cassa ")
    assert "Pagina 6 di 6" in pages[5]
    assert current_language() == "en"  # the print's language stayed on the print


@pytest.mark.usefixtures("october")
def test_progress_goes_from_nothing_to_done(services: Services, coordinator: Actor, tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []

    write_monthly_summary(
        services, coordinator, 2026, 10, tmp_path / "s.pdf", language="en", progress=lambda *step: steps.append(step)
    )

    assert steps == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_a_volunteer_may_not_print_it_and_no_file_is_left(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        write_monthly_summary(services, volunteer, 2026, 10, tmp_path / "s.pdf", language="it")
    assert not list(tmp_path.glob("s.pdf*"))


def test_an_empty_month_prints_dashes_not_errors(services: Services, coordinator: Actor, tmp_path: Path) -> None:
    pages = write(services, coordinator, tmp_path / "empty.pdf", "en")

    assert len(pages) == PAGES
    assert "People reached 0 Same as last year October 2025: 0" in pages[0]
    assert "No room has opening hours set, so occupancy is not shown." in pages[1]
    assert "October 2026: no loans." in pages[4] and "October 2025: no loans." in pages[4]


@pytest.mark.usefixtures("october")
def test_the_house_logo_is_on_the_cover(services: Services, admin: Actor, coordinator: Actor, tmp_path: Path) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (300, 100), (31, 111, 139)).save(picture, "PNG")
    services.house.set_logo(admin, picture.getvalue())

    path = tmp_path / "logo.pdf"
    write_monthly_summary(services, coordinator, 2026, 10, path, language="en")

    reader = PdfReader(path)
    assert [image.image.size for image in reader.pages[0].images if image.image] == [(300, 100)]
    assert not any(page.images for page in reader.pages[1:])
    assert HOUSE.name in pages_of(path)[0]


def test_the_change_against_last_year_reads_as_a_funder_expects() -> None:
    with in_language("it"):
        assert change_text(112, 100) == "+12%"
        assert change_text(92, 100) == "\u22128%"
        assert change_text(1234, 100) == "+1.134%"
    assert change_text(5, 5) == "="
    assert change_text(1001, 1000) == "≈"
    assert change_text(5, 0) == "—"
    assert change_text(None, 0.5) == "—"


def test_a_change_of_occupancy_is_in_percentage_points() -> None:
    assert points_change_text(0.07, 0.02) == "+5 pt"
    assert points_change_text(0.40, 0.55) == "\u221215 pt"
    assert points_change_text(0.5, 0.5) == "="
    assert points_change_text(None, 0.5) == "—"
    with in_language("it"):
        assert points_change_text(0.07, 0.02) == "+5 punti"


def _fonts_of(page: PageObject) -> set[str]:
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}


@pytest.mark.parametrize(
    ("name", "font"),
    [("王芳社区之家", "DroidSansFallback"), ("دار الحي برييرا", "DejaVuSans")],
    ids=["chinese", "arabic"],
)
def test_a_house_name_in_any_script_prints_in_the_foot(
    services: Services, admin: Actor, coordinator: Actor, tmp_path: Path, name: str, font: str
) -> None:
    services.house.update_details(admin, replace(HOUSE, name=name))
    path = tmp_path / "summary.pdf"
    write_monthly_summary(services, coordinator, 2026, 10, path, language="en")

    rooms = PdfReader(path).pages[1]  # the cover has the name in its heading too; an area page only in its foot
    foot = " ".join(unicodedata.normalize("NFKC", rooms.extract_text()).split())
    assert f"{name} Monthly summary — October 2026" in foot
    assert font in _fonts_of(rooms)
