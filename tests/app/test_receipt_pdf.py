"""Receipts as PDF files: what they say, in which fonts, on which page, and the stamp duty rule."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.i18n import set_language
from app.reports import fonts
from app.reports.receipt import (
    ReceiptDocument,
    ReceiptLine,
    amount_in_words,
    receipt_document,
    write_receipt,
)
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import StampDuty
from app.services.people import PersonDraft
from app.services.roles import Actor

ROLL_WIDTH_POINTS = 226.77


def receipt(**changes: object) -> ReceiptDocument:
    document = ReceiptDocument(
        number="12/2026",
        issued_at=datetime(2026, 11, 22, 10, 35),
        house_name="Bagni Pubblici di Via Agliè",
        house_address="Via Agliè 9, 10154 Torino",
        house_fiscal_code="97735280014",
        payer_name="",
        payer_detail="",
        lines=(ReceiptLine("Offerta libera docce", 2500),),
        total_cents=2500,
        method="contanti",
        user_name="Giulia",
        stamp_duty=StampDuty.NOT_DUE,
    )
    return dataclasses.replace(document, **changes)


def text_of(path: Path) -> str:
    """The text of the only page, with Arabic letter forms folded and all spacing made one space."""
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())


def font_names(path: Path) -> set[str]:
    resources = PdfReader(path).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in resources.values()}


@pytest.fixture
def italian() -> None:
    set_language("it")


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("layout", ["a4", "roll"])
def test_an_anonymous_receipt_says_number_total_words_method_and_user(tmp_path: Path, layout: str) -> None:
    path = write_receipt(receipt(), tmp_path / "receipt.pdf", layout=layout)

    text = text_of(path)
    assert "Ricevuta n. 12/2026" in text
    assert "22 novembre 2026, ore 10:35" in text
    assert "Bagni Pubblici di Via Agliè" in text
    assert "C.F. 97735280014" in text
    assert "Ricevuto da" in text and "—" in text
    assert "Offerta libera docce" in text
    assert "Totale 25,00 €" in text
    assert "euro venticinque/00" in text
    assert "contanti" in text and "Giulia" in text
    assert "ANNULLATA" not in text and "DUPLICATO" not in text
    assert "bollo" not in text
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("layout", ["a4", "roll"])
def test_names_in_every_script_print_in_fonts_that_have_them(tmp_path: Path, layout: str) -> None:
    milica = write_receipt(
        receipt(payer_name="Milica Đorđević", payer_detail="Via Cigna 14, 10152 Torino"),
        tmp_path / "milica.pdf",
        layout=layout,
    )
    wang = write_receipt(receipt(payer_name="王芳"), tmp_path / "wang.pdf", layout=layout)
    mohamed = write_receipt(receipt(payer_name="محمد العلوي"), tmp_path / "mohamed.pdf", layout=layout)

    assert "Milica Đorđević" in text_of(milica)
    assert "Via Cigna 14, 10152 Torino" in text_of(milica)
    assert "DroidSansFallback" not in font_names(milica)
    assert "王芳" in text_of(wang)
    assert "DroidSansFallback" in font_names(wang)
    # Printed joined and right to left; the text layer gives the letters back in reading order.
    assert "محمد العلوي" in text_of(mohamed)
    assert font_names(mohamed) >= {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("layout", ["a4", "roll"])
def test_a_cancelled_receipt_says_so_with_reason_who_and_when(tmp_path: Path, layout: str) -> None:
    document = receipt(
        cancelled=True,
        cancel_reason="importo sbagliato",
        cancelled_by="Teresa",
        cancelled_at=datetime(2026, 11, 22, 11, 2),
    )
    text = text_of(write_receipt(document, tmp_path / "cancelled.pdf", layout=layout))

    assert "ANNULLATA" in text
    assert "Motivo: importo sbagliato" in text
    assert "Annullata da Teresa il 22 novembre 2026, ore 11:02" in text
    assert "Ricevuta n. 12/2026" in text


@pytest.mark.usefixtures("italian")
def test_a_cancellation_without_time_or_user_says_what_it_knows(tmp_path: Path) -> None:
    only_user = text_of(write_receipt(receipt(cancelled=True, cancelled_by="Teresa"), tmp_path / "a.pdf"))
    only_time = receipt(cancelled=True, cancelled_at=datetime(2026, 11, 23, 9, 0))

    assert "Annullata da Teresa" in only_user and "Motivo" not in only_user
    assert "Annullata il 23 novembre 2026, ore 09:00" in text_of(write_receipt(only_time, tmp_path / "b.pdf"))


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("layout", ["a4", "roll"])
def test_a_reprint_is_marked_duplicate(tmp_path: Path, layout: str) -> None:
    text = text_of(write_receipt(receipt(duplicate=True), tmp_path / "duplicate.pdf", layout=layout))

    assert "DUPLICATO" in text


@pytest.mark.usefixtures("italian")
@pytest.mark.parametrize("layout", ["a4", "roll"])
def test_the_stamp_duty_line_follows_the_document(tmp_path: Path, layout: str) -> None:
    lines = (ReceiptLine("Laboratorio di sartoria", 6000), ReceiptLine("Tessera 2026", 2500))
    applied = receipt(lines=lines, total_cents=8500, stamp_duty=StampDuty.APPLIED)
    exempt = dataclasses.replace(applied, stamp_duty=StampDuty.EXEMPT)
    not_due = dataclasses.replace(applied, stamp_duty=StampDuty.NOT_DUE)

    applied_text = text_of(write_receipt(applied, tmp_path / "applied.pdf", layout=layout))
    exempt_text = text_of(write_receipt(exempt, tmp_path / "exempt.pdf", layout=layout))
    not_due_text = text_of(write_receipt(not_due, tmp_path / "not-due.pdf", layout=layout))

    assert "Imposta di bollo da 2,00 € assolta" in applied_text
    assert "Marca da bollo" in applied_text
    assert "Totale 85,00 €" in applied_text and "euro ottantacinque/00" in applied_text
    assert "Esente da imposta di bollo ai sensi dell'art. 82, comma 5, D.Lgs. 117/2017" in exempt_text
    assert "assolta" not in exempt_text
    assert "bollo" not in not_due_text


def test_english_receipts_speak_english(tmp_path: Path) -> None:
    document = receipt(stamp_duty=StampDuty.EXEMPT, cancelled=True, duplicate=True, cancelled_by="Teresa")
    text = text_of(write_receipt(document, tmp_path / "receipt.pdf"))

    assert "Receipt no. 12/2026" in text
    assert "November 22, 2026 at 10:35" in text
    assert "€25.00" in text
    assert "euro twenty-five/00" in text
    assert "CANCELLED" in text and "DUPLICATE" in text and "Cancelled by Teresa" in text
    assert "Exempt from stamp duty under art. 82, paragraph 5, of Legislative Decree 117/2017" in text


def test_page_sizes_a4_and_an_80_mm_roll_as_tall_as_its_content(tmp_path: Path) -> None:
    a4 = PdfReader(write_receipt(receipt(), tmp_path / "a4.pdf")).pages[0].mediabox
    short = PdfReader(write_receipt(receipt(), tmp_path / "short.pdf", layout="roll")).pages[0].mediabox
    many = tuple(ReceiptLine(f"Prestito attrezzo n. {n}, con cauzione e riconsegna", 150) for n in range(60))
    long_document = receipt(lines=many, total_cents=9000, stamp_duty=StampDuty.APPLIED, cancelled=True)
    long_path = write_receipt(long_document, tmp_path / "long.pdf", layout="roll")
    long = PdfReader(long_path).pages[0].mediabox

    assert (float(a4.width), float(a4.height)) == pytest.approx((595.28, 841.89), abs=0.01)
    assert float(short.width) == pytest.approx(ROLL_WIDTH_POINTS, abs=0.01)
    assert float(long.width) == pytest.approx(ROLL_WIDTH_POINTS, abs=0.01)
    assert 150 < float(short.height) < 400
    assert float(long.height) > 4 * float(short.height)
    assert "Prestito attrezzo n. 59" in text_of(long_path)  # one page, nothing cut


def test_a_bad_layout_or_total_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="layout"):
        write_receipt(receipt(), tmp_path / "receipt.pdf", layout="a5")
    with pytest.raises(ValueError, match="add up"):
        receipt(total_cents=2600)
    with pytest.raises(ValueError, match="one line"):
        receipt(lines=(), total_cents=0)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("cents", "italian", "english"),
    [
        (0, "euro zero/00", "euro zero/00"),
        (1, "euro zero/01", "euro zero/01"),
        (2500, "euro venticinque/00", "euro twenty-five/00"),
        (123450, "euro milleduecentotrentaquattro/50", "euro one thousand, two hundred and thirty-four/50"),
        (100_000_000, "euro unmilione/00", "euro one million/00"),
    ],
)
def test_amounts_in_words(cents: int, italian: str, english: str) -> None:
    assert amount_in_words(cents, "it") == italian
    assert amount_in_words(cents, "en") == english


def test_a_negative_amount_has_no_words() -> None:
    with pytest.raises(ValueError):
        amount_in_words(-1, "it")


def test_text_is_split_into_runs_of_the_font_that_has_the_glyphs() -> None:
    assert fonts.script_runs("Wang 王芳 Li") == [
        (fonts.BODY_FONT, "Wang "),
        (fonts.CJK_FONT, "王芳 "),
        (fonts.BODY_FONT, "Li"),
    ]
    assert fonts.script_runs("Đorđević Дорђевић €") == [(fonts.BODY_FONT, "Đorđević Дорђевић €")]
    assert fonts.markup("A&B <王>") == f'A&amp;B &lt;<font name="{fonts.CJK_FONT}">王</font>&gt;'


def test_right_to_left_text_is_joined_and_reversed_for_printing() -> None:
    shown = fonts.visual_order("محمد العلوي")

    assert all("\ufe70" <= char <= "\ufeff" or char == " " for char in shown)  # joined letter forms
    first, second = shown.split(" ")
    assert unicodedata.normalize("NFKC", first)[::-1] == "العلوي"  # the second word stands left
    assert unicodedata.normalize("NFKC", second)[::-1] == "محمد"
    assert fonts.visual_order("Milica Đorđević") == "Milica Đorđević"
    assert fonts.visual_order("Ricevuto da محمد 12").startswith("Ricevuto da ")


def test_a_receipt_issued_at_the_desk_prints_what_the_services_decided(
    services: Services, volunteer: Actor, coordinator: Actor, tmp_path: Path
) -> None:
    """From a payment recorded through the services to the PDF read back, in Italian."""
    set_language("it")
    person = services.people.create(
        volunteer, PersonDraft(given_name="Milica", family_name="Đorđević", address="Via Cigna 12, Torino")
    )
    room_hire = next(row for row in services.cash_settings.categories(volunteer) if row.code == "room_hire")
    payment = services.cash.record_payment(
        volunteer,
        PaymentDraft(
            amount_cents=12000, category_id=room_hire.id, payer_person_id=person.id, description="Sala grande, 3 ore"
        ),
    )
    assert payment.receipt is not None
    path = write_receipt(receipt_document(payment.receipt), tmp_path / "receipt.pdf")
    text = text_of(path)
    assert f"Ricevuta n. {payment.receipt.code}" in text
    assert "Đorđević Milica" in text or "Milica Đorđević" in text
    assert "120,00" in text
    assert "euro centoventi/00" in text
    assert "Imposta di bollo da 2,00 € assolta" in text
    assert "Samir" in text

    services.receipts.cancel(coordinator, payment.receipt.id, "importo sbagliato")
    reprinted = services.receipts.reprint(volunteer, payment.receipt.id)
    text = text_of(write_receipt(receipt_document(reprinted), tmp_path / "again.pdf", layout="roll"))
    assert "ANNULLATA" in text and "DUPLICATO" in text and "importo sbagliato" in text
