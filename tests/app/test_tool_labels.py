"""Tool labels as PDF files: codes and names on the right page and label, bars that decode, layouts checked.

The bars are read back from the PDF's own drawing operators and decoded by the small Code 128
decoder below, which uses only the symbol table of reportlab's module (not its encoder): a label
whose bars do not say its code fails here without any scanner.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm

from app.errors import ValidationError
from app.i18n import set_language
from app.reports.fonts import BOLD_FONT
from app.reports.label_layouts import A4_2X7, A4_3X8, PRESETS, ROLL_62X29, LabelLayout, preset
from app.reports.tool_labels import (
    ELLIPSIS,
    NAME_SIZE,
    LabelItem,
    fit_lines,
    line_width,
    write_label_sheet,
    write_single_label,
)

HOUSE = "Bagni Pubblici di Via Agliè"
TRICKY_CODES = ["T-0001", "ATT-1234567", "1234567890", "123", "X1", "a1b2c3", "PRJ/42", "AB12345CD", "00", "7"]


def items(count: int, prefix: str = "T") -> list[LabelItem]:
    return [LabelItem(f"{prefix}-{number:04d}", f"Attrezzo numero {number}") for number in range(1, count + 1)]


def page_texts(path: Path) -> list[str]:
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in PdfReader(path).pages]


def assert_in_order(text: str, words: list[str]) -> None:
    position = -1
    for word in words:
        found = text.find(word, position + 1)
        assert found > position, f"{word!r} missing or out of order in {text!r}"
        position = found


# --- a tiny Code 128 decoder, written from the symbol table alone ---

_WIDTHS_TO_VALUE = {
    tuple(ord(letter.upper()) - ord("A") + 1 for letter in pattern): value
    for value, pattern in code128._patterns.items()
}
_START_A, _START_B, _START_C, _STOP = 103, 104, 105, 106


@dataclass(frozen=True)
class Bars:
    """One barcode as drawn in the PDF: where its origin is and its bars in points."""

    origin: tuple[float, float]
    bars: list[tuple[float, float]]
    """(left, width) of each bar, relative to the origin, left to right."""
    height: float

    @property
    def module(self) -> float:
        return min(width for _left, width in self.bars)


def barcodes(path: Path) -> list[list[Bars]]:
    """The barcodes of every page, in drawing order, read from the content streams."""
    group = re.compile(r"1 0 0 1 (\S+) (\S+) cm\n((?:n \S+ \S+ \S+ \S+ re f\*\n)+)")
    bar = re.compile(r"n (\S+) (\S+) (\S+) (\S+) re f\*")
    pages = []
    for page in PdfReader(path).pages:
        contents = page.get_contents()
        assert contents is not None
        stream = contents.get_data().decode("latin-1")
        found = []
        for match in group.finditer(stream):
            rects = [tuple(float(n) for n in m.groups()) for m in bar.finditer(match.group(3))]
            found.append(
                Bars(
                    origin=(float(match.group(1)), float(match.group(2))),
                    bars=sorted((left, width) for left, _bottom, width, _height in rects),
                    height=rects[0][3],
                )
            )
        pages.append(found)
    return pages


def decode(barcode: Bars) -> str:
    """The text a scanner reads from the bars; fails on a bad start, stop or check symbol."""
    module = barcode.module
    elements: list[int] = []
    for index, (left, width) in enumerate(barcode.bars):
        elements.append(round(width / module))
        if index + 1 < len(barcode.bars):
            elements.append(round((barcode.bars[index + 1][0] - left - width) / module))
    assert all(1 <= element <= 4 for element in elements), elements
    assert (len(elements) - 7) % 6 == 0, "not a whole number of symbols"
    symbols = [_WIDTHS_TO_VALUE[tuple(elements[i : i + 6])] for i in range(0, len(elements) - 7, 6)]
    assert _WIDTHS_TO_VALUE[tuple(elements[-7:])] == _STOP
    start, *data, check = symbols
    assert start in (_START_A, _START_B, _START_C)
    assert (start + sum(position * value for position, value in enumerate(data, start=1))) % 103 == check
    code_set = {_START_A: "A", _START_B: "B", _START_C: "C"}[start]
    text = []
    for value in data:
        if code_set == "C" and value < 100:
            text.append(f"{value:02d}")
        elif code_set == "B" and value < 96:
            text.append(chr(value + 32))
        elif code_set == "A" and value < 96:
            text.append(chr(value + 32) if value < 64 else chr(value - 64))
        elif value in (99, 100, 101):
            code_set = {99: "C", 100: "B" if code_set != "B" else "A", 101: "A" if code_set != "A" else "B"}[value]
        else:
            raise AssertionError(f"symbol {value} is not expected in a tool code")
    return "".join(text)


def test_the_decoder_tells_a_wrong_barcode(tmp_path: Path) -> None:
    """The decoder must be able to fail: one bar made wider breaks a symbol or its check."""
    path = write_single_label(LabelItem("T-0001", "Trapano"), ROLL_62X29, tmp_path / "label.pdf")
    assert decode(barcodes(path)[0][0]) == "T-0001"
    (barcode,) = barcodes(path)[0]
    left, width = barcode.bars[3]
    damaged = Bars(barcode.origin, [*barcode.bars[:3], (left, width + barcode.module), *barcode.bars[4:]], 1.0)
    with pytest.raises((AssertionError, KeyError)):
        decode(damaged)


# --- the tests ---


@pytest.mark.parametrize("layout", PRESETS, ids=[layout.name for layout in PRESETS])
def test_the_bars_of_every_preset_decode_to_their_codes_with_wide_quiet_zones(
    tmp_path: Path, layout: LabelLayout
) -> None:
    labels = [LabelItem(code, f"Attrezzo {code}") for code in TRICKY_CODES]

    path = write_label_sheet(labels, layout, tmp_path / "labels.pdf", house_name=HOUSE)

    drawn = [barcode for page in barcodes(path) for barcode in page]
    assert [decode(barcode) for barcode in drawn] == TRICKY_CODES
    inner_width = (layout.label_width - 2 * layout.padding) * mm
    for barcode in drawn:
        module = barcode.module
        first_left = barcode.bars[0][0]
        last_left, last_width = barcode.bars[-1]
        assert first_left >= 10 * module - 0.01
        assert inner_width - (last_left + last_width) >= 10 * module - 0.01
        assert barcode.height >= 7 * mm
        assert module >= 0.25 * mm


def test_the_bars_fill_the_label_width(tmp_path: Path) -> None:
    path = write_label_sheet([LabelItem("ATT-1234567", "Macchina da cucire")], A4_3X8, tmp_path / "labels.pdf")

    ((barcode,),) = barcodes(path)
    last_left, last_width = barcode.bars[-1]
    symbol_width = last_left + last_width - barcode.bars[0][0]
    inner_width = (A4_3X8.label_width - 2 * A4_3X8.padding) * mm
    # A module one printer dot wider would not leave ten modules of quiet zone on each side.
    modules = symbol_width / barcode.module
    assert (modules + 20) * (barcode.module + 0.24) > inner_width
    assert symbol_width > 0.6 * inner_width


def test_every_code_and_name_is_on_its_page_in_order(tmp_path: Path) -> None:
    labels = items(30)

    path = write_label_sheet(labels, A4_3X8, tmp_path / "labels.pdf", house_name=HOUSE)

    first, second = page_texts(path)
    assert_in_order(first, [word for item in labels[:24] for word in (item.name, item.code)])
    assert_in_order(second, [word for item in labels[24:] for word in (item.name, item.code)])
    assert "T-0025" not in first and "T-0024" not in second
    assert first.count(HOUSE) == 24 and second.count(HOUSE) == 6
    assert [len(page) for page in barcodes(path)] == [24, 6]


def test_the_house_is_printed_only_when_given(tmp_path: Path) -> None:
    path = write_label_sheet(items(2), A4_3X8, tmp_path / "labels.pdf")

    (text,) = page_texts(path)
    assert "Bagni" not in text
    assert "T-0001" in text and "T-0002" in text


def test_labels_sit_on_the_grid_of_the_sheet(tmp_path: Path) -> None:
    path = write_label_sheet(items(14), A4_2X7, tmp_path / "labels.pdf")

    (drawn,) = barcodes(path)
    for index, barcode in enumerate(drawn):
        row, column = divmod(index, 2)
        left = (A4_2X7.left_margin + column * A4_2X7.column_pitch + A4_2X7.padding) * mm
        label_bottom = (A4_2X7.page_height - A4_2X7.top_margin - (row + 1) * A4_2X7.row_pitch) * mm
        x, y = barcode.origin
        assert x == pytest.approx(left, abs=0.01)
        assert label_bottom + A4_2X7.padding * mm < y < label_bottom + A4_2X7.label_height * mm - barcode.height


def test_start_at_skips_the_labels_already_used(tmp_path: Path) -> None:
    labels = items(20)

    path = write_label_sheet(labels, A4_3X8, tmp_path / "labels.pdf", start_at=5)

    first, second = barcodes(path)
    assert len(first) == 19 and len(second) == 1
    # The first label goes in slot 5: second row, third column; the next page starts at slot 0.
    assert first[0].origin[0] == pytest.approx((2 * 70 + A4_3X8.padding) * mm, abs=0.01)
    assert first[1].origin[0] == pytest.approx(A4_3X8.padding * mm, abs=0.01)
    assert first[0].origin[1] - first[1].origin[1] == pytest.approx(37 * mm, abs=0.01)
    top = barcodes(write_label_sheet(labels[:1], A4_3X8, tmp_path / "top.pdf"))[0][0].origin[1]
    assert top - first[0].origin[1] == pytest.approx(37 * mm, abs=0.01)
    assert second[0].origin == pytest.approx(barcodes(tmp_path / "top.pdf")[0][0].origin)
    assert [decode(b) for b in first + second] == [item.code for item in labels]
    assert_in_order(page_texts(path)[0], [item.code for item in labels[:19]])
    assert "T-0020" in page_texts(path)[1]


@pytest.mark.parametrize("start_at", [-1, 24, 30])
def test_a_start_off_the_page_is_refused(tmp_path: Path, start_at: int) -> None:
    with pytest.raises(ValidationError, match="between 1 and 24"):
        write_label_sheet(items(3), A4_3X8, tmp_path / "labels.pdf", start_at=start_at)
    assert not (tmp_path / "labels.pdf").exists()


def test_many_labels_make_several_pages(tmp_path: Path) -> None:
    labels = items(50)

    path = write_label_sheet(labels, A4_2X7, tmp_path / "labels.pdf")

    pages = barcodes(path)
    assert [len(page) for page in pages] == [14, 14, 14, 8]
    assert [decode(barcode) for page in pages for barcode in page] == [item.code for item in labels]
    texts = page_texts(path)
    assert "T-0015" in texts[1] and "T-0043" in texts[3] and "T-0050" in texts[3]


def test_the_roll_prints_one_label_per_page_of_its_size(tmp_path: Path) -> None:
    path = write_label_sheet(items(3), ROLL_62X29, tmp_path / "labels.pdf")

    reader = PdfReader(path)
    assert len(reader.pages) == 3
    for page, code in zip(reader.pages, ["T-0001", "T-0002", "T-0003"], strict=True):
        assert float(page.mediabox.width) == pytest.approx(62 * mm, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(29 * mm, abs=0.01)
        assert code in page.extract_text()


def test_a_single_label_is_a_page_the_size_of_one_label(tmp_path: Path) -> None:
    item = LabelItem("ATT-1234567", "Macchina da cucire Singer")

    path = write_single_label(item, A4_3X8, tmp_path / "label.pdf", house_name=HOUSE)

    reader = PdfReader(path)
    (page,) = reader.pages
    assert float(page.mediabox.width) == pytest.approx(70 * mm, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(37 * mm, abs=0.01)
    (text,) = page_texts(path)
    assert_in_order(text, [HOUSE, "Macchina da cucire Singer", "ATT-1234567"])
    ((barcode,),) = barcodes(path)
    assert decode(barcode) == "ATT-1234567"
    assert reader.metadata is not None and reader.metadata.title == "Label of ATT-1234567"


def test_names_in_any_alphabet_print_in_a_font_that_has_them(tmp_path: Path) -> None:
    labels = [
        LabelItem("T-0001", "Дрель ударная"),
        LabelItem("T-0002", "电钻"),
        LabelItem("T-0003", "Sega di Đorđević, più leggera"),
    ]

    path = write_label_sheet(labels, A4_3X8, tmp_path / "labels.pdf")

    (text,) = page_texts(path)
    assert_in_order(text, ["Дрель ударная", "T-0001", "电钻", "T-0002", "Sega di Đorđević, più leggera", "T-0003"])
    fonts = PdfReader(path).pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    names = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in fonts.values()}
    assert names == {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"}


def test_a_long_name_is_cut_with_an_ellipsis_on_two_lines(tmp_path: Path) -> None:
    name = "Macchina da cucire Singer Tradition 2282 con pedale, valigetta rigida e set di aghi di ricambio"
    width = 60 * mm

    lines = fit_lines(name, BOLD_FONT, NAME_SIZE, width, max_lines=2)

    assert len(lines) == 2
    assert name.startswith(lines[0] + " ")
    next_word = name[len(lines[0]) + 1 :].split()[0]
    assert line_width(f"{lines[0]} {next_word}", BOLD_FONT, NAME_SIZE) > width
    assert lines[1].endswith(ELLIPSIS) and name.startswith(f"{lines[0]} {lines[1][:-1]}")
    assert all(line_width(line, BOLD_FONT, NAME_SIZE) <= width for line in lines)
    path = write_label_sheet([LabelItem("T-0001", name)], A4_3X8, tmp_path / "labels.pdf")
    assert "vali" in page_texts(path)[0] and "ricambio" not in page_texts(path)[0]


def test_a_name_without_spaces_breaks_between_its_letters() -> None:
    name = "电动冲击钻套装家用多功能电动工具箱专业级电锤电镐两用"
    width = 30 * mm

    lines = fit_lines(name, BOLD_FONT, NAME_SIZE, width, max_lines=2)

    assert len(lines) == 2 and lines[1].endswith(ELLIPSIS)
    assert name.startswith(lines[0] + lines[1][:-1])
    assert all(line_width(line, BOLD_FONT, NAME_SIZE) <= width for line in lines)
    assert fit_lines("Trapano", BOLD_FONT, NAME_SIZE, width, max_lines=2) == ["Trapano"]
    assert fit_lines("  ", BOLD_FONT, NAME_SIZE, width, max_lines=2) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "without a code"),
        ("TÖ-01", "only letters without accents"),
        ("T-\t01", "only letters without accents"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEF", "too long for these labels"),
    ],
)
def test_a_code_that_cannot_be_a_barcode_is_refused_and_nothing_is_written(
    tmp_path: Path, code: str, message: str
) -> None:
    labels = [*items(2), LabelItem(code, "Trapano")]

    with pytest.raises(ValidationError, match=message):
        write_label_sheet(labels, A4_3X8, tmp_path / "labels.pdf")
    assert list(tmp_path.iterdir()) == []


def test_no_item_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="at least one tool"):
        write_label_sheet([], A4_3X8, tmp_path / "labels.pdf")


def test_a_layout_built_from_numbers_is_centred_and_prints(tmp_path: Path) -> None:
    layout = LabelLayout.centred(columns=4, rows=10, label_width=48.5, label_height=25.4, column_gap=2.5, padding=1.5)

    assert layout.left_margin == pytest.approx((210 - 4 * 48.5 - 3 * 2.5) / 2)
    assert layout.top_margin == pytest.approx((297 - 10 * 25.4) / 2)
    path = write_label_sheet(items(41), layout, tmp_path / "labels.pdf")
    pages = barcodes(path)
    assert [len(page) for page in pages] == [40, 1]
    assert decode(pages[1][0]) == "T-0041"


@pytest.mark.parametrize(
    ("numbers", "fix"),
    [
        ({"columns": 4}, "Use fewer columns"),
        ({"rows": 9}, "Use fewer rows"),
        ({"label_width": 71}, "The labels overlap"),
        ({"row_pitch": 30}, "The labels overlap"),
        ({"left_margin": 5}, "smaller left margin"),
        ({"label_height": 20, "row_pitch": 20}, "too small for a barcode and a name"),
        ({"padding": 10}, "too small for a barcode and a name"),
        ({"columns": 0}, "at least one column"),
        ({"label_width": 0}, "greater than zero"),
        ({"top_margin": -1}, "cannot be negative"),
    ],
)
def test_a_layout_that_does_not_fit_is_refused_saying_what_to_fix(numbers: dict[str, float], fix: str) -> None:
    geometry: dict[str, float] = {
        "page_width": 210,
        "page_height": 297,
        "columns": 3,
        "rows": 8,
        "label_width": 70,
        "label_height": 37,
        "left_margin": 0,
        "top_margin": 0.5,
        "column_pitch": 70,
        "row_pitch": 37,
        "padding": 4,
    }
    LabelLayout(**geometry)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=fix):
        LabelLayout(**(geometry | numbers))  # type: ignore[arg-type]


def test_a_layout_that_does_not_fit_is_refused_in_italian() -> None:
    set_language("it")

    with pytest.raises(ValidationError) as refused:
        LabelLayout.centred(columns=3, rows=9, label_width=70, label_height=37)

    assert "Usa meno righe" in str(refused.value)
    assert refused.value.problems[0].field == "rows"


def test_presets_are_found_by_name_and_described_in_italian() -> None:
    set_language("it")

    assert preset("A4 3x8") is A4_3X8
    assert A4_3X8.per_page == 24 and A4_2X7.per_page == 14
    assert preset("A4 3x7").description() == "Foglio di 3 × 7 etichette da 70 × 42,3 mm"
    assert ROLL_62X29.description() == "Stampante di etichette, un'etichetta da 62 × 29 mm"
    with pytest.raises(KeyError):
        preset("A5 1x1")
