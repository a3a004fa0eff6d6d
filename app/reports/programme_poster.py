"""The weekly programme poster: the week's public activities, days as columns, for the notice board.

Data in, file out: ``write_programme`` reads the week from ``services.programme`` (workshop
sessions and public bookings, already in time order) and the house's name, address and logo, and
draws landscape pages, A4 or A3, in the language chosen for the print: one page for the week when
its titles are at least ``TITLE_FLOOR`` points, else the fewest pages of whole days ("(1/2)") that are.

It must read from two metres: a dark band names each day, each activity is a light block with
its time, its title in large bold type and its room and association; nothing else. How large the
type can be, and how wide each day, is ``programme_layout``'s business: the page is measured
first and then drawn where the measure put things, so nothing is cut.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_skeleton
from reportlab.lib.pagesizes import A3 as _A3
from reportlab.lib.pagesizes import A4 as _A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.i18n import _, current_language, format_date, format_time, in_language
from app.reports import styles as st
from app.reports.fonts import BODY_FONT, BOLD_FONT, register_fonts
from app.reports.programme_layout import (
    BAND,
    BLOCK,
    TITLE_POINTS,
    BlockText,
    DayLayout,
    Layout,
    PosterLayout,
    split_days,
    style,
    weight,
)
from app.services import Services
from app.services.house import Logo
from app.services.programme import Activity, ActivityKind, ProgrammeDay, ProgrammeWeek
from app.services.roles import Actor
from app.weeks import format_week

SIZES: dict[str, tuple[float, float]] = {
    "A4": (float(_A4[1]), float(_A4[0])),
    "A3": (float(_A3[1]), float(_A3[0])),
}
"""The sheets, landscape."""

WEEKDAY_POINTS = 15.0
DATE_POINTS = 11.0
TITLE_FLOOR: dict[str, float] = {"A4": 12.0, "A3": 16.0}
"""The smallest an activity's title is printed, in points: read from two metres on a notice board.
A week that would need smaller type continues on more pages, each a run of whole days."""


def weekday_name(day: ProgrammeDay) -> str:
    name = format_date(day.day, "EEEE")
    return name[:1].upper() + name[1:]


def day_and_month(day: ProgrammeDay) -> str:
    """``23 novembre``, ``November 23``."""
    return str(format_skeleton("MMMMd", day.day, locale=Locale.parse(current_language())))


def time_span(activity: Activity) -> str:
    return f"{format_time(activity.start)}–{format_time(activity.end)}"


def details(activity: Activity) -> str:
    """Where and who: ``Aula · Filo e Ago APS``; a workshop without an association names its
    facilitator."""
    who = activity.organisation
    if not who and activity.kind is ActivityKind.WORKSHOP and activity.facilitator:
        who = _("with {name}").format(name=activity.facilitator)
    return " · ".join(part for part in (activity.room, who) if part)


def poster_title(week: ProgrammeWeek) -> str:
    return _("Programme of the week {week}").format(week=format_week(week.week_start))


class _Poster:
    """The header, the days' bands and the measured blocks of one poster, drawn on a canvas."""

    def __init__(
        self,
        week: ProgrammeWeek,
        page: tuple[float, float],
        house_line: str,
        logo: ImageReader | None,
        days: range | None = None,
        part: tuple[int, int] | None = None,
    ) -> None:
        self.week = week
        self.days = [week.days[index] for index in (days if days is not None else range(len(week.days)))]
        """The days on this page: the whole week, or a run of whole days when it takes more pages."""
        self.part = part
        """This page's number and the number of pages, when the week takes more than one."""
        self.page = page
        self.sheet = page[0] / SIZES["A4"][0]
        self.margin = 10 * mm * self.sheet
        self.gap = 2.5 * mm * self.sheet
        self.pad = 2 * mm * self.sheet
        self.house_line = house_line
        self.logo = logo
        self.width = page[0] - 2 * self.margin

    def logo_size(self) -> tuple[float, float]:
        if self.logo is None:
            return 0.0, 0.0
        pixels_wide, pixels_high = self.logo.getSize()
        box_wide, box_high = 60 * mm * self.sheet, 22 * mm * self.sheet
        ratio = min(box_wide / pixels_wide, box_high / pixels_high)
        return pixels_wide * ratio, pixels_high * ratio

    def header(self) -> tuple[float, list[tuple[Paragraph, float]]]:
        """The header's height and its paragraphs (house, title) with theirs, beside the logo."""
        logo_wide, logo_high = self.logo_size()
        text_width = self.width - (logo_wide + 5 * mm * self.sheet if logo_wide else 0)
        parts = []
        if self.house_line:
            house = st.para(self.house_line, style("house", 15 * self.sheet, False, "#333333"))
            parts.append((house, house.wrap(text_width, self.page[1])[1]))
        title_text = poster_title(self.week)
        if self.part is not None:
            title_text = _("{title} ({page}/{pages})").format(title=title_text, page=self.part[0], pages=self.part[1])
        points = 26.0
        while points > 16 and stringWidth(title_text, BOLD_FONT, points * self.sheet) > text_width:
            points -= 1  # one line if it can, else it wraps
        title = st.para(title_text, style("title", points * self.sheet, True))
        parts.append((title, title.wrap(text_width, self.page[1])[1]))
        return max(logo_high, sum(height for _p, height in parts)), parts

    def band_parts(self, day: ProgrammeDay, width: float, shrink: float = 1.0) -> list[tuple[Paragraph, float]]:
        """The day's name and date on its band, ``shrink`` times their size (so each stays whole)."""
        size = self.sheet * shrink
        parts = []
        for text, paragraph_style in (
            (weekday_name(day), style("weekday", WEEKDAY_POINTS * size, True, "#ffffff", True)),
            (day_and_month(day), style("date", DATE_POINTS * size, False, "#ffffff", True)),
        ):
            paragraph = st.para(text, paragraph_style)
            parts.append((paragraph, paragraph.wrap(width - 2 * self.pad, self.page[1])[1]))
        return parts

    def narrow_width(self, day: ProgrammeDay) -> float:
        """The width of an empty day: its name and date on one line each."""
        name = stringWidth(weekday_name(day), BOLD_FONT, WEEKDAY_POINTS * self.sheet)
        when = stringWidth(day_and_month(day), BODY_FONT, DATE_POINTS * self.sheet)
        return float(max(name, when) + 2 * self.pad + 2 * self.sheet)

    def planner(self) -> PosterLayout:
        """What lays this page's days out in the height left under the header and the bands."""
        narrow = [self.narrow_width(day) for day in self.days]
        room = self.body_top() - self.margin
        return PosterLayout(self.texts(), narrow, sheet=self.sheet, width=self.width, room=room, gap=self.gap)

    def texts(self) -> list[list[BlockText]]:
        """What each day's blocks say."""
        return [[BlockText(time_span(a), a.title, details(a)) for a in day.activities] for day in self.days]

    def rule_y(self) -> float:
        """Where the rule under the header is drawn."""
        return float(self.page[1] - self.margin - self.header()[0] - 3 * mm * self.sheet)

    def band_height(self) -> float:
        """The days' bands' height, which does not depend on the widths: a weekday's name is on one
        line at the narrowest, so they are measured at the narrowest width."""
        narrowest = min(self.narrow_width(day) for day in self.days)
        return float(2 * self.pad) + max(
            sum(height for _p, height in self.band_parts(day, max(narrowest, self.narrow_width(day))))
            for day in self.days
        )

    def band_top(self) -> float:
        return float(self.rule_y() - 4 * mm * self.sheet)

    def body_top(self) -> float:
        """Where the activities start, under the days' bands."""
        return float(self.band_top() - self.band_height() - 3 * mm * self.sheet)

    def draw(self, canvas: Canvas, layout: Layout) -> None:
        """Draw the page with ``layout``, measured by ``planner``."""
        page_width, page_height = self.page
        top = page_height - self.margin
        header_height, header_parts = self.header()
        logo_wide, logo_high = self.logo_size()
        if self.logo is not None:
            canvas.drawImage(self.logo, self.margin, top - logo_high, logo_wide, logo_high, mask="auto")
        x = self.margin + (logo_wide + 5 * mm * self.sheet if logo_wide else 0)
        y = top - (header_height - sum(height for _p, height in header_parts)) / 2
        for paragraph, height in header_parts:
            y -= height
            paragraph.drawOn(canvas, x, y)
        rule_y = self.rule_y()
        canvas.setStrokeColor(BAND)
        canvas.setLineWidth(1.5 * self.sheet)
        canvas.line(self.margin, rule_y, page_width - self.margin, rule_y)

        band_height, band_top, body_top = self.band_height(), self.band_top(), self.body_top()
        # A long name in a narrow column (Wednesday on A4) shrinks, on every band alike, to stay whole.
        shrink = min(
            1.0,
            *(
                (day_layout.width - 2 * self.pad - self.sheet)
                / (self.narrow_width(day) - 2 * self.pad - 2 * self.sheet)
                for day, day_layout in zip(self.days, layout.days, strict=True)
            ),
        )
        x = self.margin
        for day, day_layout in zip(self.days, layout.days, strict=True):
            canvas.setFillColor(BAND)
            canvas.rect(x, band_top - band_height, day_layout.width, band_height, stroke=0, fill=1)
            y = band_top - self.pad
            for paragraph, height in self.band_parts(day, day_layout.width, shrink):
                y -= height
                paragraph.drawOn(canvas, x + self.pad, y)
            if day_layout.lanes:
                self.draw_day(canvas, x, body_top, day_layout, layout)
            else:
                nothing = st.para(
                    _("Nothing on this day"), style("nothing", 10 * self.sheet, False, st.MUTED_HEX, True)
                )
                _w, height = nothing.wrap(day_layout.width - 2 * self.pad, body_top - self.margin)
                nothing.drawOn(canvas, x + self.pad, body_top - 4 * mm * self.sheet - height)
            x += day_layout.width + self.gap

    def draw_day(self, canvas: Canvas, x: float, top: float, day: DayLayout, layout: Layout) -> None:
        bar = 1.2 * mm * self.sheet * layout.scale
        for lane in day.lanes:
            y = top
            for block in lane:
                canvas.setFillColor(BLOCK)
                canvas.rect(x, y - block.height, day.lane_width, block.height, stroke=0, fill=1)
                canvas.setFillColor(BAND)
                canvas.rect(x, y - block.height, bar, block.height, stroke=0, fill=1)
                text_y = y - block.padding
                for part in block.parts:
                    text_y -= part.height
                    part.paragraph().drawOn(canvas, x + bar + block.padding, text_y)
                    text_y -= block.spacing
                y -= block.height + layout.block_gap
            x += day.lane_width + layout.lane_gap


def plan(
    week: ProgrammeWeek, page: tuple[float, float], floor: float, house_line: str, logo: ImageReader | None
) -> list[tuple[_Poster, Layout]]:
    """The poster's pages, each with its layout: one page for the whole week when its titles are
    ``floor`` points or more; else the fewest pages of whole days that print them that large."""
    whole = _Poster(week, page, house_line, logo)
    floor_scale = floor / (TITLE_POINTS * whole.sheet)
    layout = whole.planner().layout()
    if layout.scale >= floor_scale:
        return [(whole, layout)]
    weights = [weight(texts) for texts in whole.texts()]
    pages: list[tuple[_Poster, Layout]] = []
    for count in range(2, len(week.days) + 1):
        runs = split_days(weights, count)
        if runs is None:
            break  # fewer busy days than pages: the last try stands
        pages = []
        for number, run in enumerate(runs, start=1):
            poster = _Poster(week, page, house_line, logo, run, (number, count))
            pages.append((poster, poster.planner().layout()))
            if pages[-1][1].scale < floor_scale and split_days(weights, count + 1) is not None:
                break  # this many pages are not enough: no need to lay out the rest
        else:
            if min(found.scale for _p, found in pages) >= floor_scale:
                break
    if not pages:
        return [(whole, layout)]  # a single busy day: it cannot be split into days
    # Each page as large as it fits: evened down to the smallest, the busier pages' lanes were left
    # half empty. When even a page per busy day does not reach the floor, it prints as large as it can.
    return pages


def _logo_image(logo: Logo | None) -> ImageReader | None:
    """The logo as reportlab reads it; a picture it cannot read is left out, not a failed poster."""
    if logo is None:
        return None
    try:
        image = ImageReader(BytesIO(logo.data))
        image.getSize()
    except (OSError, ValueError, SyntaxError):  # Pillow's errors for a broken picture
        return None
    return image


@contextmanager
def _partial(path: Path) -> Iterator[Path]:
    """Write beside ``path`` and move into place: a preview never opens half a PDF."""
    partial = path.with_name(path.name + ".partial")
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_programme(
    services: Services, actor: Actor, week_start: date, path: Path, *, size: str = "A4", language: str
) -> None:
    """Print the programme of the week holding ``week_start`` on landscape sheets (``"A4"`` or
    ``"A3"``; one unless the week is too busy to read from two metres) in ``language`` into ``path``.

    Raises:
        ValueError: ``size`` or ``language`` is not one the poster knows.
    """
    if size not in SIZES:
        raise ValueError(f"unknown poster size {size!r}; choose one of {sorted(SIZES)}")
    page = SIZES[size]
    with in_language(language):
        register_fonts()
        week = services.programme.week(actor, week_start)
        house = services.house.details()
        house_line = " · ".join(part for part in (house.name, house.address) if part)
        pages = plan(week, page, TITLE_FLOOR[size], house_line, _logo_image(services.house.logo(actor)))
        with _partial(path) as partial:
            canvas = Canvas(str(partial), pagesize=page, lang=language)
            canvas.setTitle(poster_title(week))
            canvas.setAuthor(house.name)
            canvas.setCreator("Portineria")
            for poster, layout in pages:
                poster.draw(canvas, layout)
                canvas.showPage()
            canvas.save()
