"""The receipt of a payment, on an A4 page or on the 80 mm roll of a receipt printer.

Data in, file out: ``receipt_document`` turns the cash services' ``ReceiptDetails`` into a
``ReceiptDocument`` (plain, already decided values) and ``write_receipt`` turns that into a one-page
PDF in the current language. Whether stamp duty applies was decided by the services when the
receipt was issued (``app.services.cash_rules.stamp_duty``); the PDF prints what they decided.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from num2words import num2words
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.i18n import _, current_language, format_date, format_money, format_time
from app.reports import styles as st
from app.reports.fonts import BODY_FONT, BOLD_FONT, markup, register_fonts
from app.reports.letterhead import letterhead
from app.services.cash_rules import STAMP_DUTY_CENTS, StampDuty
from app.services.receipts import ReceiptDetails
from app.text import capitalised

LAYOUTS = ("a4", "roll")
NO_PAYER = "—"
_NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    amount_cents: int


@dataclass(frozen=True)
class ReceiptDocument:
    """Everything a receipt prints, already decided and translated where it comes from data.

    Raises:
        ValueError: the lines do not add up to the total, or there is none.
    """

    number: str
    """``12/2026``."""
    issued_at: datetime
    """Naive local time of the house."""
    house_name: str
    house_address: str
    house_fiscal_code: str
    payer_name: str
    """Empty for an anonymous payer."""
    payer_detail: str
    """Address or fiscal code of the payer; may be empty."""
    lines: tuple[ReceiptLine, ...]
    total_cents: int
    method: str
    """Already translated, for example "contanti"."""
    user_name: str
    """Who was at the desk."""
    stamp_duty: StampDuty
    cancelled: bool = False
    cancel_reason: str = ""
    cancelled_by: str = ""
    cancelled_at: datetime | None = None
    duplicate: bool = False
    """A reprint of a receipt already given."""

    def __post_init__(self) -> None:
        if not self.lines:
            raise ValueError("a receipt has at least one line")
        if sum(line.amount_cents for line in self.lines) != self.total_cents:
            raise ValueError(f"the lines of receipt {self.number} do not add up to its total {self.total_cents}")


def receipt_document(details: ReceiptDetails) -> ReceiptDocument:
    """What the printed receipt shows of a receipt the cash services issued."""
    payer = details.payer
    cancellation = details.cancellation
    return ReceiptDocument(
        number=details.code,
        issued_at=details.issued_at,
        house_name=details.house.name,
        house_address=details.house.address,
        house_fiscal_code=details.house.fiscal_code,
        payer_name=payer.name,
        payer_detail=" · ".join(part for part in (payer.fiscal_code, payer.address) if part),
        lines=tuple(
            ReceiptLine(capitalised(" — ".join(p for p in (line.category, line.description) if p)), line.amount_cents)
            for line in details.lines
        ),
        total_cents=details.total_cents,
        method=details.method.label,
        user_name=details.user_name,
        stamp_duty=details.stamp_duty,
        cancelled=cancellation is not None,
        cancel_reason=cancellation.reason if cancellation else "",
        cancelled_by=cancellation.by_name if cancellation else "",
        cancelled_at=cancellation.at if cancellation else None,
        duplicate=details.duplicate,
    )


def amount_in_words(cents: int, language: str) -> str:
    """An amount as a cheque writes it: ``euro venticinque/00``, ``euro twenty-five/00``.

    Italian writes the words as one (``euro milleduecentotrentaquattro/50``, ``euro unmilione/00``).

    Raises:
        ValueError: a negative amount.
    """
    if cents < 0:
        raise ValueError("an amount in words is never negative")
    euros, rest = divmod(cents, 100)
    words = str(num2words(euros, lang=language))
    if language == "it":
        words = words.replace(" ", "")
    return f"euro {words}/{rest:02d}"


def write_receipt(document: ReceiptDocument, path: Path, *, layout: str = "a4") -> Path:
    """Write the receipt as a one-page PDF at ``path`` and return ``path``.

    Args:
        layout: ``"a4"`` for an A4 page, ``"roll"`` for the 80 mm roll of a receipt printer (the
            page is as tall as its content).

    The file appears whole or not at all: it is written beside ``path`` and then moved there.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown receipt layout {layout!r}; choose one of {LAYOUTS}")
    register_fonts()
    if layout == "a4":
        page = st.A4
        margin = st.A4_MARGIN
        story = _a4_story(document, page[0] - 2 * margin)
    else:
        margin = st.ROLL_MARGIN
        width = st.ROLL_WIDTH - 2 * margin
        story = _roll_story(document, width)
        page = (st.ROLL_WIDTH, st.content_height(story, width) + 2 * margin + 1)
    partial = path.with_name(path.name + ".partial")
    template = BaseDocTemplate(
        str(partial),
        pagesize=page,
        title=_title(document),
        author=document.house_name,
        creator="Portineria",
        lang=current_language(),
    )
    frame = Frame(margin, margin, page[0] - 2 * margin, page[1] - 2 * margin, id="body", **_NO_PADDING)
    template.addPageTemplates([PageTemplate(id="receipt", frames=[frame], onPage=_decorate(document))])
    try:
        template.build(story)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _title(document: ReceiptDocument) -> str:
    return _("Receipt no. {number}").format(number=document.number)


def _moment(moment: datetime) -> str:
    return _("{date} at {time}").format(date=format_date(moment.date(), "long"), time=format_time(moment))


def _payer(document: ReceiptDocument) -> str:
    return document.payer_name.strip() or NO_PAYER


def _words(document: ReceiptDocument) -> str:
    return amount_in_words(document.total_cents, current_language())


def _cancel_lines(document: ReceiptDocument) -> list[str]:
    lines = []
    if document.cancel_reason.strip():
        lines.append(_("Reason: {reason}").format(reason=document.cancel_reason.strip()))
    who = document.cancelled_by.strip()
    when = _moment(document.cancelled_at) if document.cancelled_at else ""
    if who and when:
        lines.append(_("Cancelled by {user} on {date}").format(user=who, date=when))
    elif who:
        lines.append(_("Cancelled by {user}").format(user=who))
    elif when:
        lines.append(_("Cancelled on {date}").format(date=when))
    return lines


def _stamp_text() -> str:
    return _("Stamp duty of {amount} paid").format(amount=format_money(STAMP_DUTY_CENTS))


def _exempt_text() -> str:
    return _("Exempt from stamp duty under art. 82, paragraph 5, of Legislative Decree 117/2017")


class StampBox(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A dashed box where the desk sticks the revenue stamp (*marca da bollo*)."""

    def __init__(self, width: float, height: float, label: str, size: float) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.label = label
        self.size = size
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(st.RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFillColor(st.MUTED)
        canvas.setFont(BODY_FONT, self.size)
        canvas.drawCentredString(self.width / 2, self.height / 2 - self.size / 3, self.label)
        canvas.restoreState()


class Stamp(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A word in a box, like a rubber stamp: DUPLICATO."""

    def __init__(self, text: str, size: float, *, align: str = "CENTER") -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.hAlign = align
        self.pad = size * 0.4

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(available_width, stringWidth(self.text, BOLD_FONT, self.size) + 2 * self.pad)
        self.height = self.size + 2 * self.pad
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(st.INK)
        canvas.setFillColor(st.INK)
        canvas.setLineWidth(max(0.8, self.size / 12))
        canvas.roundRect(0, 0, self.width, self.height, self.size / 5)
        canvas.setFont(BOLD_FONT, self.size)
        canvas.drawCentredString(self.width / 2, self.pad + self.size * 0.14, self.text)
        canvas.restoreState()


def _decorate(document: ReceiptDocument) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The page callback: a cancelled receipt has ANNULLATA written across it."""

    def draw(canvas: Canvas, template: BaseDocTemplate) -> None:
        if not document.cancelled:
            return
        text = _("CANCELLED")
        width, height = template.pagesize
        angle = math.degrees(math.atan2(height, width))
        size = min(110.0, 0.7 * math.hypot(width, height) / stringWidth(text, BOLD_FONT, 1), 0.45 * width)
        canvas.saveState()
        canvas.setFillColor(st.ALERT, alpha=0.13)
        canvas.setFont(BOLD_FONT, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(angle)
        canvas.drawCentredString(0, -size * 0.36, text)
        canvas.restoreState()

    return draw


def _cancel_notice(document: ReceiptDocument, s: st.Styles, width: float) -> Table:
    rows = [[st.para(_("CANCELLED"), s.alert)]] + [[st.para(line, s.centre)] for line in _cancel_lines(document)]
    return st.plain_table(
        rows,
        [width],
        ("BOX", (0, 0), (-1, -1), 1.4, st.ALERT),
        ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.6),
        ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.6),
        ("TOPPADDING", (0, 0), (-1, -1), s.size * 0.15),
        ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.15),
        ("TOPPADDING", (0, 0), (-1, 0), s.size * 0.5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), s.size * 0.7),
    )


def _lines_table(document: ReceiptDocument, s: st.Styles, width: float, amount_width: float, *, roll: bool) -> Table:
    rows = [[st.para(_("Description"), s.muted), st.para(_("Amount"), s.muted_right)]]
    rows += [
        [st.para(line.description, s.body), st.para(format_money(line.amount_cents), s.right)]
        for line in document.lines
    ]
    rows.append([st.para(_("Total"), s.total), st.para(format_money(document.total_cents), s.total_right)])
    padding = s.size * (0.25 if roll else 0.5)
    side = 0 if roll else s.size * 0.5
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), side),
        ("RIGHTPADDING", (0, 0), (-1, -1), side),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, st.RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, st.INK),
        ("TOPPADDING", (0, -1), (-1, -1), padding * 1.5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), padding * 1.5),
    ]
    if roll:
        commands.append(("LINEBELOW", (0, 1), (-1, -3), 0.3, st.RULE, None, (1, 2)))
    else:
        commands += [("LINEBELOW", (0, 1), (-1, -3), 0.3, st.SHADE), ("BACKGROUND", (0, -1), (-1, -1), st.SHADE)]
    table = Table(rows, colWidths=[width - amount_width, amount_width], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def _a4_story(document: ReceiptDocument, width: float) -> list[Flowable]:
    s = st.styles(10)
    title: list[Flowable] = [st.para(_title(document), s.right_title), st.para(_moment(document.issued_at), s.right)]
    if document.duplicate:
        title += [Spacer(1, 3 * mm), Stamp(_("DUPLICATE"), s.size * 1.2, align="RIGHT")]
    story = letterhead(
        document.house_name, document.house_address, document.house_fiscal_code, title, s, width, gap=7 * mm
    )
    if document.cancelled:
        story += [_cancel_notice(document, s, width), Spacer(1, 7 * mm)]

    payer = [st.para(_payer(document), s.strong)]
    if document.payer_detail.strip():
        payer.append(st.para(document.payer_detail, s.body))
    label_width = 42 * mm
    story += [
        st.plain_table([[st.para(_("Received from"), s.muted), payer]], [label_width, width - label_width]),
        Spacer(1, 7 * mm),
        _lines_table(document, s, width, 40 * mm, roll=False),
        Spacer(1, 6 * mm),
    ]
    details = [
        [st.para(_("Amount in words"), s.muted), st.para(_words(document), s.body)],
        [st.para(_("Payment method"), s.muted), st.para(document.method, s.body)],
        [st.para(_("Desk operator"), s.muted), st.para(document.user_name, s.body)],
    ]
    story += [
        st.plain_table(details, [label_width, width - label_width], ("BOTTOMPADDING", (0, 0), (-1, -1), 3)),
        Spacer(1, 10 * mm),
    ]
    if document.stamp_duty is StampDuty.APPLIED:
        box = StampBox(30 * mm, 36 * mm, _("Stamp"), s.size * 0.8)
        story += [
            st.plain_table(
                [[st.para(_stamp_text(), s.body), box]],
                [width - 34 * mm, 34 * mm],
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
            ),
            Spacer(1, 8 * mm),
        ]
    elif document.stamp_duty is StampDuty.EXEMPT:
        story += [st.para(_exempt_text(), s.muted), Spacer(1, 8 * mm)]
    story.append(
        st.plain_table(
            [[Spacer(1, 14 * mm)], [st.para(_("Signature"), s.muted_centre)]],
            [70 * mm],
            ("LINEBELOW", (0, 0), (0, 0), 0.6, st.RULE),
            hAlign="RIGHT",
        )
    )
    return story


def _roll_story(document: ReceiptDocument, width: float) -> list[Flowable]:
    s = st.styles(8)
    story: list[Flowable] = [st.para(document.house_name, s.centre_strong)]
    if document.house_address.strip():
        story.append(st.para(document.house_address, s.muted_centre))
    if document.house_fiscal_code.strip():
        story.append(st.para(_("Tax code {code}").format(code=document.house_fiscal_code), s.muted_centre))
    story += [
        _dashed_rule(),
        st.para(_title(document), s.centre_title),
        st.para(_moment(document.issued_at), s.centre),
    ]
    if document.duplicate:
        story += [Spacer(1, 2 * mm), Stamp(_("DUPLICATE"), s.size * 1.2)]
    if document.cancelled:
        story += [Spacer(1, 2 * mm), _cancel_notice(document, s, width)]
    story += [_dashed_rule(), Paragraph(_labelled(_("Received from"), _payer(document), strong=True), s.body)]
    if document.payer_detail.strip():
        story.append(st.para(document.payer_detail, s.body))
    story += [Spacer(1, 2 * mm), _lines_table(document, s, width, 24 * mm, roll=True), Spacer(1, 1.5 * mm)]
    for label, value in (
        (_("Amount in words"), _words(document)),
        (_("Payment method"), document.method),
        (_("Desk operator"), document.user_name),
    ):
        story.append(Paragraph(_labelled(label, value), s.body))
    if document.stamp_duty is StampDuty.APPLIED:
        story += [
            Spacer(1, 3 * mm),
            st.para(_stamp_text(), s.centre),
            Spacer(1, 1.5 * mm),
            StampBox(24 * mm, 28 * mm, _("Stamp"), s.size * 0.85),
        ]
    elif document.stamp_duty is StampDuty.EXEMPT:
        story += [Spacer(1, 3 * mm), st.para(_exempt_text(), s.small_centre)]
    return story


def _dashed_rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.5, color=st.RULE, dash=(2, 2), spaceBefore=2 * mm, spaceAfter=2 * mm)


def _labelled(label: str, value: str, *, strong: bool = False) -> str:
    shown = f"<b>{markup(value)}</b>" if strong else markup(value)
    return f'<font color="{st.MUTED_HEX}">{markup(label)}:</font> {shown}'
