"""Where the labels sit on a sheet: the grid of an A4 label sheet, or the one label of a roll.

A ``LabelLayout`` is plain geometry in millimetres, the unit printed on every box of labels, and
is checked when it is made: a layout whose labels overlap, run off the page or are too small for a
barcode and a name cannot exist, so the drawing code never meets one. The presets are the sheets a
house is likely to buy; any other sheet can be built from the numbers on its box.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import Problem, ValidationError
from app.i18n import _, format_number

A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0
MIN_CONTENT_WIDTH_MM = 30.0
"""The narrowest space inside the padding that still holds a short code's barcode and a name."""
MIN_CONTENT_HEIGHT_MM = 22.0
"""The lowest space inside the padding that holds the house, two lines of name, bars and the code."""
_TOLERANCE_MM = 0.01
"""Sheets are specified to a tenth of a millimetre; sums of floats may miss by a hair."""


@dataclass(frozen=True)
class LabelLayout:
    """The grid of labels on a page, in millimetres, measured from the page's top left corner.

    ``column_pitch`` and ``row_pitch`` are the distances from one label's edge to the next one's
    (label size plus the gap), as label makers give them. ``padding`` is the white kept inside
    each label, away from its edges and from the unprintable border of a printer.

    Raises:
        ValidationError: the labels overlap, do not fit the page, or are too small for their
            content; each problem names the number to change.
    """

    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    left_margin: float
    top_margin: float
    column_pitch: float
    row_pitch: float
    padding: float = 2.0
    name: str = ""
    """A stable key for settings (``"A4 3x8"``); empty for a layout built from numbers."""

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValidationError(problems)

    @classmethod
    def centred(
        cls,
        *,
        columns: int,
        rows: int,
        label_width: float,
        label_height: float,
        page_width: float = A4_WIDTH_MM,
        page_height: float = A4_HEIGHT_MM,
        column_gap: float = 0.0,
        row_gap: float = 0.0,
        padding: float = 2.0,
        name: str = "",
    ) -> LabelLayout:
        """A layout whose grid is centred on the page: what most sheets are, so only the labels and gaps are needed.

        Raises:
            ValidationError: as for the class.
        """
        used_width = columns * label_width + (columns - 1) * column_gap
        used_height = rows * label_height + (rows - 1) * row_gap
        return cls(
            page_width=page_width,
            page_height=page_height,
            columns=columns,
            rows=rows,
            label_width=label_width,
            label_height=label_height,
            # A grid larger than the page starts at its edge, so the error says it does not fit.
            left_margin=max(0.0, round((page_width - used_width) / 2, 3)),
            top_margin=max(0.0, round((page_height - used_height) / 2, 3)),
            column_pitch=label_width + column_gap,
            row_pitch=label_height + row_gap,
            padding=padding,
            name=name,
        )

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def is_roll(self) -> bool:
        """One label per page, the page as big as the label: the media of a label printer."""
        return self.per_page == 1 and self.page_width == self.label_width and self.page_height == self.label_height

    def slot(self, index: int) -> tuple[float, float]:
        """The top left corner (mm from the page's top left) of label ``index`` of a page, row by row."""
        row, column = divmod(index, self.columns)
        return self.left_margin + column * self.column_pitch, self.top_margin + row * self.row_pitch

    def description(self) -> str:
        """What a coordinator picks from a list: the kind of media, the grid and the label size."""
        size = _("{width} × {height} mm").format(width=_mm(self.label_width), height=_mm(self.label_height))
        if self.is_roll:
            return _("Label printer, one label of {size}").format(size=size)
        return _("Sheet of {columns} × {rows} labels of {size}").format(columns=self.columns, rows=self.rows, size=size)


def _mm(value: float) -> str:
    return format_number(round(value, 2))


def _problems(layout: LabelLayout) -> list[Problem]:
    """Every reason the layout cannot be printed, most basic first; a later check needs the earlier ones."""
    if layout.columns < 1 or layout.rows < 1:
        return [Problem("columns", _("A label sheet needs at least one column and one row of labels."))]
    sizes = (layout.page_width, layout.page_height, layout.label_width, layout.label_height)
    if min(sizes) <= 0:
        return [Problem("label_width", _("Give the page and the labels a width and a height greater than zero."))]
    if min(layout.left_margin, layout.top_margin, layout.padding) < 0:
        return [Problem("left_margin", _("Margins and padding cannot be negative: write 0 for none."))]
    problems = []
    if layout.columns > 1 and layout.column_pitch + _TOLERANCE_MM < layout.label_width:
        problems.append(
            Problem(
                "column_pitch",
                _(
                    "The labels overlap: the distance from one column to the next ({pitch} mm) must be at least "
                    "the width of a label ({width} mm)."
                ).format(pitch=_mm(layout.column_pitch), width=_mm(layout.label_width)),
            )
        )
    if layout.rows > 1 and layout.row_pitch + _TOLERANCE_MM < layout.label_height:
        problems.append(
            Problem(
                "row_pitch",
                _(
                    "The labels overlap: the distance from one row to the next ({pitch} mm) must be at least "
                    "the height of a label ({height} mm)."
                ).format(pitch=_mm(layout.row_pitch), height=_mm(layout.label_height)),
            )
        )
    right = layout.left_margin + (layout.columns - 1) * layout.column_pitch + layout.label_width
    if right > layout.page_width + _TOLERANCE_MM:
        problems.append(
            Problem(
                "columns",
                _(
                    "The labels do not fit across the page: they reach {needed} mm from the left edge of a page "
                    "{page} mm wide. Use fewer columns, narrower labels or a smaller left margin."
                ).format(needed=_mm(right), page=_mm(layout.page_width)),
            )
        )
    bottom = layout.top_margin + (layout.rows - 1) * layout.row_pitch + layout.label_height
    if bottom > layout.page_height + _TOLERANCE_MM:
        problems.append(
            Problem(
                "rows",
                _(
                    "The labels do not fit down the page: they reach {needed} mm from the top edge of a page "
                    "{page} mm high. Use fewer rows, lower labels or a smaller top margin."
                ).format(needed=_mm(bottom), page=_mm(layout.page_height)),
            )
        )
    inner_width = layout.label_width - 2 * layout.padding
    inner_height = layout.label_height - 2 * layout.padding
    if inner_width + _TOLERANCE_MM < MIN_CONTENT_WIDTH_MM or inner_height + _TOLERANCE_MM < MIN_CONTENT_HEIGHT_MM:
        problems.append(
            Problem(
                "label_width",
                _(
                    "Labels of {width} × {height} mm with {padding} mm of padding are too small for a barcode "
                    "and a name: inside the padding they need at least {min_width} × {min_height} mm."
                ).format(
                    width=_mm(layout.label_width),
                    height=_mm(layout.label_height),
                    padding=_mm(layout.padding),
                    min_width=_mm(MIN_CONTENT_WIDTH_MM),
                    min_height=_mm(MIN_CONTENT_HEIGHT_MM),
                ),
            )
        )
    return problems


A4_3X8 = LabelLayout(
    name="A4 3x8",
    page_width=A4_WIDTH_MM,
    page_height=A4_HEIGHT_MM,
    columns=3,
    rows=8,
    label_width=70.0,
    label_height=37.0,
    left_margin=0.0,
    top_margin=0.5,
    column_pitch=70.0,
    row_pitch=37.0,
    padding=4.0,
)
"""The commonest A4 sheet: 24 labels edge to edge; the padding keeps clear of the printer's border."""

A4_3X7 = LabelLayout(
    name="A4 3x7",
    page_width=A4_WIDTH_MM,
    page_height=A4_HEIGHT_MM,
    columns=3,
    rows=7,
    label_width=70.0,
    label_height=42.3,
    left_margin=0.0,
    top_margin=0.45,
    column_pitch=70.0,
    row_pitch=42.3,
    padding=4.0,
)

A4_2X7 = LabelLayout(
    name="A4 2x7",
    page_width=A4_WIDTH_MM,
    page_height=A4_HEIGHT_MM,
    columns=2,
    rows=7,
    label_width=99.1,
    label_height=38.1,
    left_margin=4.65,
    top_margin=15.15,
    column_pitch=101.6,
    row_pitch=38.1,
    padding=3.0,
)
"""Like Avery L7163: 14 labels with a 2.5 mm gap between the columns."""

ROLL_62X29 = LabelLayout(
    name="62x29 mm",
    page_width=62.0,
    page_height=29.0,
    columns=1,
    rows=1,
    label_width=62.0,
    label_height=29.0,
    left_margin=0.0,
    top_margin=0.0,
    column_pitch=62.0,
    row_pitch=29.0,
    padding=2.0,
)
"""One die-cut label of a label printer's roll, like Brother DK-11209: each label is a page."""

PRESETS: tuple[LabelLayout, ...] = (A4_3X8, A4_3X7, A4_2X7, ROLL_62X29)


def preset(name: str) -> LabelLayout:
    """The preset called ``name`` (``"A4 3x8"``, ...), as a setting stores it.

    Raises:
        KeyError: no preset has that name.
    """
    for layout in PRESETS:
        if layout.name == name:
            return layout
    raise KeyError(name)
