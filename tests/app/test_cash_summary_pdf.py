"""The daily cash summary as a PDF: the figures of the day, the drawer, and who closed it."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.clock import FixedClock
from app.i18n import set_language
from app.reports.cash_summary import write_cash_summary
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.conftest import HOUSE

DAY = date(2026, 11, 22)


def text_of(path: Path) -> str:
    """The text of the only page, with all spacing made one space."""
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())


@pytest.fixture
def day_of_work(services: Services, admin: Actor, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> None:
    """Cash in 33.00, cash out 20.00, a card payment, and a cancelled donation of 50.00."""
    codes = {row.code: row.id for row in services.cash_settings.categories(admin)}
    person = services.people.create(volunteer, PersonDraft(given_name="Dušan", family_name="Jovanović")).id

    def pay(actor: Actor, category: str, amount: int, method: PaymentMethod = PaymentMethod.CASH) -> int:
        draft = PaymentDraft(amount_cents=amount, category_id=codes[category], method=method, payer_person_id=person)
        details = services.cash.record_payment(actor, draft)
        clock.advance(minutes=10)
        return details.receipt.id if details.receipt else 0

    clock.current = datetime(2026, 11, 22, 9, 0)
    pay(volunteer, "service_ticket", 150)
    pay(volunteer, "service_ticket", 150)
    pay(volunteer, "workshop_fee", 4000, PaymentMethod.CARD)
    pay(coordinator, "deposit", 3000)
    pay(coordinator, "deposit_returned", 2000)
    cancelled = pay(volunteer, "donation", 5000)
    services.receipts.cancel(coordinator, cancelled, "Importo sbagliato")
    clock.current = datetime(2026, 11, 22, 19, 0)


@pytest.mark.usefixtures("day_of_work")
def test_an_open_day_prints_its_totals_and_says_it_is_not_closed(
    services: Services, volunteer: Actor, tmp_path: Path
) -> None:
    summary = services.cash_closings.summary(volunteer, DAY, opening_float_cents=10000)
    path = write_cash_summary(summary, tmp_path / "summary.pdf", house=HOUSE, closing=None, counted_cents=11200)

    text = text_of(path)
    assert not list(tmp_path.glob("*.partial"))
    assert "Bagni Pubblici di Via Agliè" in text and "Via Agliè 9, 10154 Torino" in text
    assert "Cash closing" in text and "November 22, 2026" in text
    assert "Cash of: Everyone at the desk" in text
    assert "NOT CLOSED YET" in text and "Open: the cash of Nov 22, 2026 is not closed yet." in text
    assert "Cash €33.00 €20.00" in text
    assert "Card €40.00 €0.00" in text
    assert "Total €73.00 €20.00" in text
    assert "Service ticket 2 €3.00" in text
    assert "Deposit returned (money out) 1 -€20.00" in text or "Deposit returned (money out) 1 −€20.00" in text
    assert "Not counted: 1 cancelled receipt, €50.00." in text
    assert "Donation" not in text
    assert "Opening float €100.00" in text
    assert "+ cash taken €33.00" in text and "− cash paid out €20.00" in text
    assert "= expected in the drawer €113.00" in text
    assert "Counted in the drawer €112.00" in text
    assert "Difference −€1.00: missing from the drawer" in text
    assert "Signature" in text


@pytest.mark.usefixtures("day_of_work")
def test_an_open_day_not_yet_counted_leaves_the_count_blank(
    services: Services, volunteer: Actor, tmp_path: Path
) -> None:
    summary = services.cash_closings.summary(volunteer, DAY, volunteer.user_id)
    text = text_of(write_cash_summary(summary, tmp_path / "summary.pdf", house=HOUSE, closing=None))

    assert "Cash of: Samir" in text
    assert "= expected in the drawer €3.00" in text
    assert "Counted in the drawer —" in text and "Difference —" in text


@pytest.mark.usefixtures("day_of_work")
def test_a_closed_day_prints_the_saved_figures_and_who_closed_it_in_italian(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock, tmp_path: Path
) -> None:
    closing = services.cash_closings.close(coordinator, DAY, None, 5000, 6300)
    clock.advance(minutes=5)
    summary = services.cash_closings.summary(volunteer, DAY)
    assert summary.closing is not None
    set_language("it")

    text = text_of(write_cash_summary(summary, tmp_path / "chiusura.pdf", house=HOUSE, closing=closing))

    assert "Chiusura di cassa" in text and "22 novembre 2026" in text
    assert "CHIUSA" in text and "NON ANCORA CHIUSA" not in text
    assert "Chiusa il 22/11/26, 19:00 da Teresa" in text
    assert "Contanti 33,00 € 20,00 €" in text
    assert "Non conteggiata: 1 ricevuta annullata, 50,00 €." in text
    assert "Fondo cassa iniziale 50,00 €" in text
    assert "= previsto nel cassetto 63,00 €" in text
    assert "Contati nel cassetto 63,00 €" in text
    assert "0,00 €: il cassetto torna" in text
