"""The daily cash summary and the closing of the cash, which is never changed once saved."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.clock import FixedClock
from app.db.engine import Database
from app.errors import ValidationError
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_closing import CategoryTotal, MethodTotal
from app.services.cash_rules import Direction, PaymentMethod
from app.services.people import PersonDraft
from app.services.roles import Actor

DAY = date(2026, 11, 22)


@pytest.fixture
def day_of_work(services: Services, admin: Actor, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> int:
    """A day at the desk; returns the id of the receipt cancelled that day."""
    codes = {row.code: row.id for row in services.cash_settings.categories(admin)}
    person = services.people.create(volunteer, PersonDraft(given_name="Dušan", family_name="Jovanović")).id

    def pay(actor: Actor, category: str, amount: int, method: PaymentMethod = PaymentMethod.CASH) -> int:
        draft = PaymentDraft(amount_cents=amount, category_id=codes[category], method=method, payer_person_id=person)
        details = services.cash.record_payment(actor, draft)
        clock.advance(minutes=10)
        return details.receipt.id if details.receipt else 0

    clock.current = datetime(2026, 11, 21, 18, 0)
    pay(volunteer, "service_ticket", 999)  # the day before
    clock.current = datetime(2026, 11, 22, 9, 0)
    pay(volunteer, "service_ticket", 150)
    pay(volunteer, "service_ticket", 150)
    pay(volunteer, "workshop_fee", 4000, PaymentMethod.CARD)
    pay(coordinator, "deposit", 3000)
    pay(coordinator, "deposit_returned", 2000)
    pay(coordinator, "room_hire", 12000, PaymentMethod.TRANSFER)
    cancelled = pay(volunteer, "donation", 5000)
    services.receipts.cancel(coordinator, cancelled, "Importo sbagliato")
    clock.current = datetime(2026, 11, 22, 19, 0)
    return cancelled


@pytest.mark.usefixtures("day_of_work")
def test_the_summary_adds_up_the_day_without_cancelled_receipts(services: Services, volunteer: Actor) -> None:
    summary = services.cash_closings.summary(volunteer, DAY, opening_float_cents=10000)
    figures = summary.figures
    assert (summary.cancelled_count, summary.cancelled_cents, summary.closing) == (1, 5000, None)
    # Money in before money out, in the order of the categories.
    assert [(line.direction, line.method, line.category, line.count, line.amount_cents) for line in figures.lines] == [
        (Direction.IN, PaymentMethod.TRANSFER, "room hire", 1, 12000),
        (Direction.IN, PaymentMethod.CARD, "workshop fee", 1, 4000),
        (Direction.IN, PaymentMethod.CASH, "deposit", 1, 3000),
        (Direction.IN, PaymentMethod.CASH, "service ticket", 2, 300),
        (Direction.OUT, PaymentMethod.CASH, "deposit returned", 1, 2000),
    ]
    assert figures.by_method == (
        MethodTotal(PaymentMethod.CASH, 3300, 2000),
        MethodTotal(PaymentMethod.CARD, 4000, 0),
        MethodTotal(PaymentMethod.TRANSFER, 12000, 0),
    )
    assert {(total.category, total.direction, total.count, total.amount_cents) for total in figures.by_category} == {
        ("room hire", Direction.IN, 1, 12000),
        ("workshop fee", Direction.IN, 1, 4000),
        ("deposit", Direction.IN, 1, 3000),
        ("service ticket", Direction.IN, 2, 300),
        ("deposit returned", Direction.OUT, 1, 2000),
    }
    assert all(isinstance(total, CategoryTotal) for total in figures.by_category)
    assert (figures.cash_in_cents, figures.cash_out_cents, figures.expected_cents) == (3300, 2000, 11300)


def test_the_summary_of_one_user(services: Services, volunteer: Actor, day_of_work: int) -> None:
    mine = services.cash_closings.summary(volunteer, DAY, volunteer.user_id)
    assert mine.figures.user_name == "Samir"
    assert (mine.figures.cash_in_cents, mine.figures.cash_out_cents, mine.figures.expected_cents) == (300, 0, 300)
    assert mine.cancelled_count == 1
    empty = services.cash_closings.summary(volunteer, date(2026, 11, 20))
    assert (empty.figures.lines, empty.figures.expected_cents, empty.cancelled_count, empty.closing) == ((), 0, 0, None)


def test_a_closing_is_saved_once_and_never_changed(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, day_of_work: int, database: Database
) -> None:
    closing = services.cash_closings.close(volunteer, DAY, None, 10000, 11250)
    assert (closing.figures.expected_cents, closing.counted_cents, closing.difference_cents) == (11300, 11250, -50)
    assert (closing.closed_by_name, closing.closed_at) == ("Samir", datetime(2026, 11, 22, 19, 0))
    assert services.cash_closings.closing(volunteer, DAY) == closing
    assert services.cash_closings.summary(volunteer, DAY).closing == closing

    with pytest.raises(ValidationError, match=r"already closed .* by Samir; a closing is never changed"):
        services.cash_closings.close(coordinator, DAY, None, 0, 0)
    # The day is closed for everyone: no more payments on it, for anybody.
    ticket = next(row.id for row in services.cash_settings.categories(admin) if row.code == "service_ticket")
    with pytest.raises(ValidationError, match="already been closed"):
        services.cash.record_payment(coordinator, PaymentDraft(amount_cents=150, category_id=ticket))
    # A receipt of that day cancelled later changes the live summary, never the closing.
    receipt_id = services.receipts.search_ids(volunteer, query="2/2026")[0]
    services.receipts.cancel(coordinator, receipt_id, "Doppia")
    assert services.cash_closings.closing(volunteer, DAY) == closing
    assert services.cash_closings.summary(volunteer, DAY).figures.expected_cents == 11150
    with database.engine.connect() as connection:
        stored = connection.execute(text("SELECT expected_cents FROM cash_closings")).scalar()
    assert stored == 11300
    for statement in (
        "UPDATE cash_closings SET counted_cents = 0",
        "DELETE FROM cash_closings",
        "UPDATE cash_closing_lines SET amount_cents = 0",
        "DELETE FROM cash_closing_lines",
    ):
        with pytest.raises(Exception, match="never changed"), database.engine.begin() as connection:
            connection.execute(text(statement))
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="cash_closing"))
    assert [(entry.action, entry.user_name, entry.entity_id) for entry in entries] == [("close", "Samir", closing.id)]


def test_a_users_closing_leaves_the_others_at_work(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, day_of_work: int
) -> None:
    mine = services.cash_closings.close(volunteer, DAY, volunteer.user_id, 0, 300)
    assert (mine.figures.user_name, mine.difference_cents) == ("Samir", 0)
    with pytest.raises(ValidationError, match=r"\(Samir\) was already closed"):
        services.cash_closings.close(volunteer, DAY, volunteer.user_id, 0, 300)
    ticket = next(row.id for row in services.cash_settings.categories(admin) if row.code == "service_ticket")
    with pytest.raises(ValidationError, match="already been closed"):
        services.cash.record_payment(volunteer, PaymentDraft(amount_cents=150, category_id=ticket))
    services.cash.record_payment(coordinator, PaymentDraft(amount_cents=150, category_id=ticket))
    everyone = services.cash_closings.close(coordinator, DAY, None, 10000, 11450)
    assert (everyone.figures.user_name, everyone.difference_cents) == ("", 0)
    assert services.cash_closings.closing(volunteer, DAY, volunteer.user_id) == mine


def test_closing_refuses_bad_figures_and_future_days(services: Services, volunteer: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.cash_closings.close(volunteer, DAY, None, 0, 10.5)  # type: ignore[arg-type]
    assert {problem.field for problem in caught.value.problems} == {"counted_cents"}  # cents, not a fraction
    with pytest.raises(ValidationError) as caught:
        services.cash_closings.close(volunteer, date(2026, 11, 23), 999, -1, -5)
    assert {problem.field for problem in caught.value.problems} == {
        "day",
        "user_id",
        "opening_float_cents",
        "counted_cents",
    }
    assert services.cash_closings.closing(volunteer, DAY) is None
