"""The weekly programme poster read back: one landscape page (A4 or A3) in the chosen language, the
house and the week in the title, days as columns, each activity's time, title, room and
association; titles large enough to read from two metres; a busy week continued on more pages,
each a run of whole days, never printed below the floor and with nothing outside the margins."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.i18n import current_language
from app.reports.fonts import BODY_FONT, BOLD_FONT
from app.reports.programme_poster import SIZES, TITLE_FLOOR, write_programme
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import page_sizes, pages_of
from tests.app.programme_house import MONDAY, build_busy_week, build_week
from tests.app.workshop_house import House, build_house

WEEKDAYS = {
    "it": ("Lunedì", "Martedì", "Mercoledì", "Giovedì", "Venerdì", "Sabato", "Domenica"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True)
class Run:
    """A piece of text drawn on the page: where it starts, its size in points, the text."""

    x: float
    y: float
    points: float
    text: str
    font: str


def runs_of(path: Path, page_number: int = 0) -> list[Run]:
    """The text runs of a page (the first unless told)."""
    found = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, object] | None, size: float) -> None:
        if text.strip() and font is not None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            bold = "Bold" in str(font.get("/BaseFont"))
            found.append(Run(x, y, size * tm[3] * cm[3], text.strip(), BOLD_FONT if bold else BODY_FONT))

    PdfReader(path).pages[page_number].extract_text(visitor_text=visit)
    return found


def points_of(runs: list[Run], text: str) -> float:
    (size,) = {run.points for run in runs if run.text == text}
    return size


@pytest.fixture
def house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    return build_house(services, coordinator, volunteer)


@pytest.fixture
def quiet(services: Services, coordinator: Actor, volunteer: Actor, house: House) -> None:
    build_week(services, coordinator, volunteer, house)


@pytest.mark.usefixtures("quiet")
def test_the_poster_in_italian(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    path = tmp_path / "programma.pdf"
    write_programme(services, volunteer, MONDAY, path, language="it")

    assert not list(tmp_path.glob("*.partial"))
    assert page_sizes(path) == [pytest.approx(SIZES["A4"])]
    assert SIZES["A4"][0] > SIZES["A4"][1]
    (text,) = pages_of(path)
    assert text.startswith(
        "Bagni Pubblici di Via Agliè · Via Agliè 9, 10154 Torino "
        "Programma della settimana 30 novembre – 6 dicembre 2026 "
        "Lunedì 30 novembre 17:00–18:30 Italiano per tutti Salone B · Filo e Ago APS "
        "Martedì 1 dicembre 18:00–20:00 Sartoria di quartiere Aula · Filo e Ago APS "
        "Mercoledì 2 dicembre Nessuna attività "
        "Giovedì 3 dicembre 08:00–09:00 Colazione solidale Salone · Filo e Ago APS "
        "20:30–23:00 Cena multietnica Salone · Filo e Ago APS "
        "Venerdì 4 dicembre 19:00–20:30 Italiano per tutti"
    )
    assert text.endswith("Domenica 6 dicembre 21:00–23:00 Filo e Ago APS Salone")
    for absent in ("Riunione del direttivo", "Forse un mercatino", "Bianchi", "Yoga", "Pulizie", "prima", "dopo"):
        assert absent not in text
    metadata = PdfReader(path).metadata
    assert metadata is not None and metadata.title is not None
    assert " ".join(metadata.title.split()) == "Programma della settimana 30 novembre – 6 dicembre 2026"
    assert current_language() == "en"  # printing in Italian left the desk's language alone


@pytest.mark.usefixtures("quiet")
def test_the_poster_in_english(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    path = tmp_path / "programme.pdf"
    write_programme(services, volunteer, MONDAY, path, language="en")

    (text,) = pages_of(path)
    assert "Programme of the week November 30 – December 6, 2026" in text
    assert "Monday November 30 5:00 PM–6:30 PM Italiano per tutti Salone B · Filo e Ago APS" in text
    assert "Wednesday December 2 Nothing on this day" in text
    assert "Sunday December 6 9:00 PM–11:00 PM Filo e Ago APS Salone" in text


@pytest.mark.usefixtures("quiet")
def test_titles_read_from_two_metres_and_grow_on_a3(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    write_programme(services, volunteer, MONDAY, tmp_path / "a4.pdf", language="it")
    write_programme(services, volunteer, MONDAY, tmp_path / "a3.pdf", size="A3", language="it")

    assert page_sizes(tmp_path / "a3.pdf") == [pytest.approx(SIZES["A3"])]
    a4, a3 = runs_of(tmp_path / "a4.pdf"), runs_of(tmp_path / "a3.pdf")
    assert points_of(a4, "solidale") >= 14
    assert points_of(a3, "solidale") == pytest.approx(points_of(a4, "solidale") * math.sqrt(2), rel=0.01)
    assert points_of(a4, "Programma della settimana 30 novembre – 6 dicembre 2026") >= 20
    assert points_of(a4, "Lunedì") >= 14


def test_a_busy_week_continues_on_more_pages_never_below_the_floor(
    services: Services, coordinator: Actor, volunteer: Actor, house: House, tmp_path: Path
) -> None:
    titles = build_busy_week(services, coordinator, volunteer, house)
    assert len(titles) == 40
    for size, language, sunday in (
        ("A4", "it", "Domenica 6 dicembre Nessuna attività"),
        ("A3", "it", "Domenica 6 dicembre Nessuna attività"),
        ("A4", "en", "Sunday December 6 Nothing on this day"),  # "Wednesday" is the longest name
    ):
        path = tmp_path / f"busy-{size}-{language}.pdf"
        write_programme(services, volunteer, MONDAY, path, size=size, language=language)

        pages = pages_of(path)
        assert len(pages) >= 2, size
        assert page_sizes(path) == [pytest.approx(SIZES[size])] * len(pages)
        text = " ".join(pages)
        heading = "Programma della settimana" if language == "it" else "Programme of the week"
        for number, page in enumerate(pages, start=1):
            assert heading in page and f"({number}/{len(pages)})" in page, page[:120]
        assert text.count("–") == 40 + len(pages)  # each activity's time, and the week's in each title
        for title in titles:
            if title.isascii() or "«" in title:
                assert text.count(title + " ") == 1, title  # once, on one page: "1 " is not "10 "
        assert sunday in pages[-1]
        # Each page a run of whole days, in order: every day's name on exactly one page.
        names = WEEKDAYS[language]
        on_page = [[number for number, page in enumerate(pages) if f"{name} " in page] for name in names]
        assert all(len(found) == 1 for found in on_page), on_page
        assert [found[0] for found in on_page] == sorted(found[0] for found in on_page)
        assert {found[0] for found in on_page} == set(range(len(pages)))
        width, height = SIZES[size]
        margin = 10 / 25.4 * 72 * width / SIZES["A4"][0]
        title_runs = 0
        for number in range(len(pages)):
            for run in runs_of(path, number):
                # Read back, the thin spaces of a date span are plain ones: allow 1 % of the run.
                run_width = stringWidth(run.text, run.font, run.points)
                assert margin - 0.5 <= run.x and run.x + run_width <= width - margin + 0.5 + run_width / 100, run
                assert margin <= run.y <= height - margin, run
                if run.font == BOLD_FONT and any(run.text in title for title in titles):
                    title_runs += 1
                    assert run.points >= TITLE_FLOOR[size] - 0.01, run
        assert title_runs >= 40


def test_the_logo_heads_the_poster(services: Services, admin: Actor, volunteer: Actor, tmp_path: Path) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (300, 120), (200, 30, 40)).save(picture, format="PNG")
    services.house.set_logo(admin, picture.getvalue())
    write_programme(services, volunteer, MONDAY, tmp_path / "logo.pdf", language="it")
    services.house.set_logo(admin, None)
    write_programme(services, volunteer, MONDAY, tmp_path / "plain.pdf", language="it")

    (with_logo,) = PdfReader(tmp_path / "logo.pdf").pages
    (plain,) = PdfReader(tmp_path / "plain.pdf").pages
    assert len(with_logo.images) == 1 and len(plain.images) == 0
    title = "Programma della settimana 30 novembre – 6 dicembre 2026"
    assert runs_of(tmp_path / "logo.pdf")[1].text == title
    assert runs_of(tmp_path / "logo.pdf")[1].x > runs_of(tmp_path / "plain.pdf")[1].x + 50  # beside the logo


def test_an_empty_week_still_prints_its_days(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    write_programme(services, volunteer, MONDAY, path, size="A3", language="en")
    (text,) = pages_of(path)
    assert text.count("Nothing on this day") == 7


def test_an_unknown_size_is_refused(services: Services, volunteer: Actor, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="A5"):
        write_programme(services, volunteer, MONDAY, tmp_path / "out" / "x.pdf", size="A5", language="it")
    assert not (tmp_path / "out").exists()
