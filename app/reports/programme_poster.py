"""The weekly programme poster: the week's public activities, days as columns, for the notice board.

Data in, file out: ``write_programme`` reads the week from ``services.programme`` (workshop
sessions and public bookings, already in time order) and the house's name, address and logo, and
draws one landscape page, A4 or A3, in the language chosen for the print.

It must read from two metres: a dark band names each day, each activity is a light block with
its time, its title in large bold type and its room and association; nothing else. How large the
type can be, and how wide each day, is ``programme_layout``'s business: the page is measured
first and then drawn where the measure put things, so it is always one page and nothing is cut.
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
from app.reports.programme_layout import BAND, BLOCK, BlockText, DayLayout, Layout, PosterLayout, style
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
        self, week: ProgrammeWeek, page: tuple[float, float], house_line: str, logo: ImageReader | None
    ) -> None:
        self.week = week
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

    def layout(self, room: float) -> Layout:
        texts = [[BlockText(time_span(a), a.title, details(a)) for a in day.activities] for day in self.week.days]
        narrow = [self.narrow_width(day) for day in self.week.days]
        return PosterLayout(texts, narrow, sheet=self.sheet, width=self.width, room=room, gap=self.gap).layout()

    def draw(self, canvas: Canvas) -> Layout:
        """Draw the poster; return the layout it was drawn with."""
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
        rule_y = top - header_height - 3 * mm * self.sheet
        canvas.setStrokeColor(BAND)
        canvas.setLineWidth(1.5 * self.sheet)
        canvas.line(self.margin, rule_y, page_width - self.margin, rule_y)

        # The bands' height does not depend on the widths: a weekday's name is on one line at the
        # narrowest, so measure them at the narrowest width.
        narrowest = min(self.narrow_width(day) for day in self.week.days)
        band_height = 2 * self.pad + max(
            sum(height for _p, height in self.band_parts(day, max(narrowest, self.narrow_width(day))))
            for day in self.week.days
        )
        band_top = rule_y - 4 * mm * self.sheet
        body_top = band_top - band_height - 3 * mm * self.sheet
        layout = self.layout(body_top - self.margin)
        # A long name in a narrow column (Wednesday on A4) shrinks, on every band alike, to stay whole.
        shrink = min(
            1.0,
            *(
                (day_layout.width - 2 * self.pad - self.sheet)
                / (self.narrow_width(day) - 2 * self.pad - 2 * self.sheet)
                for day, day_layout in zip(self.week.days, layout.days, strict=True)
            ),
        )
        x = self.margin
        for day, day_layout in zip(self.week.days, layout.days, strict=True):
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
        return layout

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
    """Print the programme of the week holding ``week_start`` on one landscape sheet (``"A4"`` or
    ``"A3"``) in ``language`` into ``path``.

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
        poster = _Poster(week, page, house_line, _logo_image(services.house.logo(actor)))
        with _partial(path) as partial:
            canvas = Canvas(str(partial), pagesize=page, lang=language)
            canvas.setTitle(poster_title(week))
            canvas.setAuthor(house.name)
            canvas.setCreator("Portineria")
            poster.draw(canvas)
            canvas.showPage()
            canvas.save()
