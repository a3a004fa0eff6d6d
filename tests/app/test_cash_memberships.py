"""Membership cards: one per person per year, numbered from 1 each year, sold with their receipt."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.cash_rules import PaymentMethod, StampDuty
from app.services.people import PersonDraft
from app.services.roles import Actor


@pytest.fixture
def people(services: Services, volunteer: Actor) -> list[int]:
    return [
        services.people.create(volunteer, PersonDraft(given_name=given, family_name=family)).id
        for given, family in (("Awa", "Diallo"), ("Yusuf", "Kaya"), ("Olena", "Шевченко"))
    ]


def test_cards_are_numbered_per_year_and_sold_with_their_receipt(
    services: Services, volunteer: Actor, people: list[int], clock: FixedClock
) -> None:
    first = services.memberships.sell(volunteer, people[0], 2026, 1000)
    second = services.memberships.sell(volunteer, people[1], 2026, 1000, PaymentMethod.CARD)
    assert (first.card_number, second.card_number) == (1, 2)
    assert (first.person_name, first.fee_cents, first.year) == ("Diallo Awa", 1000, 2026)
    receipt = second.receipt
    assert (receipt.code, receipt.total_cents, receipt.method, receipt.stamp_duty) == (
        "2/2026",
        1000,
        PaymentMethod.CARD,
        StampDuty.NOT_DUE,
    )
    assert [(line.category, line.description) for line in receipt.lines] == [("membership card", "card no. 2 for 2026")]
    next_year = services.memberships.sell(volunteer, people[0], 2027, 1200)  # sold ahead, in November
    assert (next_year.card_number, next_year.receipt.code) == (1, "3/2026")
    clock.current = datetime(2027, 1, 8, 10, 0)
    assert services.memberships.sell(volunteer, people[2], 2027, 1200).card_number == 2
    rows = services.memberships.of_person(volunteer, people[0])
    assert [(row.year, row.card_number, row.fee_cents, row.receipt_code, row.void) for row in rows] == [
        (2027, 1, 1200, "3/2026", False),
        (2026, 1, 1000, "1/2026", False),
    ]


def test_one_card_per_person_per_year(services: Services, volunteer: Actor, people: list[int]) -> None:
    services.memberships.sell(volunteer, people[0], 2026, 1000)
    with pytest.raises(ValidationError, match=r"Diallo Awa already has card no\. 1 for 2026"):
        services.memberships.sell(volunteer, people[0], 2026, 1000)
    with pytest.raises(ValidationError, match="2026 or 2027"):
        services.memberships.sell(volunteer, people[1], 2025, 1000)
    with pytest.raises(ValidationError, match="whole number of cents"):
        services.memberships.sell(volunteer, people[1], 2026, 10.0)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        services.memberships.sell(volunteer, 999, 2026, 1000)
    assert services.memberships.of_person(volunteer, people[1]) == []
    assert services.receipts.search_ids(volunteer) == services.receipts.search_ids(volunteer, query="1/2026")


def test_a_void_card_is_sold_again_with_its_number(
    services: Services, volunteer: Actor, coordinator: Actor, admin: Actor, people: list[int]
) -> None:
    wrong = services.memberships.sell(volunteer, people[0], 2026, 10000)
    services.memberships.sell(volunteer, people[1], 2026, 1000)
    services.receipts.cancel(coordinator, wrong.receipt.id, "Importo sbagliato")
    assert services.memberships.of_person(volunteer, people[0])[0].void
    right = services.memberships.sell(volunteer, people[0], 2026, 1000)
    assert (right.id, right.card_number, right.fee_cents, right.receipt.code) == (wrong.id, 1, 1000, "3/2026")
    assert not services.memberships.of_person(volunteer, people[0])[0].void
    # The cancelled receipt still says which card it was for.
    assert services.receipts.get(volunteer, wrong.receipt.id).lines[0].description == "card no. 1 for 2026"
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="membership", entity_id=wrong.id))
    assert [(entry.action, entry.fields) for entry in entries] == [
        ("update", ("fee_cents", "payment_id")),
        ("create", ("card_number", "fee_cents")),
    ]
