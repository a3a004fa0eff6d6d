"""Payments: validation, money as integer cents, the stamp duty, categories, roles and what is owed."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.cash import CashService, Due, PaymentDraft
from app.services.cash_rules import (
    STAMP_DUTY_CENTS,
    STAMP_DUTY_THRESHOLD_CENTS,
    Direction,
    PaymentMethod,
    StampDuty,
    StampDutyMode,
    stamp_duty,
)
from app.services.cash_settings import CategoryDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor


@pytest.fixture
def categories(services: Services, admin: Actor) -> dict[str, int]:
    return {row.code or row.name: row.id for row in services.cash_settings.categories(admin)}


@pytest.fixture
def person_id(services: Services, volunteer: Actor) -> int:
    draft = PersonDraft(given_name="Nicolò", family_name="Rossi", address="Via Cigna 12, 10155 Torino")
    return services.people.create(volunteer, draft).id


def pay(services: Services, actor: Actor, category: int, amount: int, **values: object) -> int:
    """Record a payment; returns its receipt's number (0 when it has none)."""
    details = services.cash.record_payment(actor, PaymentDraft(amount_cents=amount, category_id=category, **values))  # type: ignore[arg-type]
    return details.receipt.number if details.receipt else 0


def test_the_built_in_categories_are_seeded_and_labelled(services: Services, volunteer: Actor) -> None:
    rows = services.cash_settings.categories(volunteer)
    assert [(row.code, row.label, row.direction, row.stamp_exempt) for row in rows] == [
        ("room_hire", "room hire", Direction.IN, False),
        ("workshop_fee", "workshop fee", Direction.IN, False),
        ("membership", "membership card", Direction.IN, True),
        ("deposit", "deposit", Direction.IN, True),
        ("deposit_returned", "deposit returned", Direction.OUT, False),
        ("donation", "donation", Direction.IN, False),
        ("service_ticket", "service ticket", Direction.IN, False),
        ("other", "other", Direction.IN, False),
    ]


def test_a_payment_in_gets_its_receipt_with_the_payer_as_they_were(
    services: Services, volunteer: Actor, categories: dict[str, int], person_id: int
) -> None:
    details = services.cash.record_payment(
        volunteer,
        PaymentDraft(
            amount_cents=2500,
            category_id=categories["workshop_fee"],
            method=PaymentMethod.CARD,
            payer_person_id=person_id,
            description="  Laboratorio di sartoria ",
        ),
    )
    assert details.row.direction is Direction.IN
    assert details.row.user_name == "Samir"
    assert details.description == "Laboratorio di sartoria"
    receipt = details.receipt
    assert receipt is not None
    assert (receipt.code, receipt.total_cents, receipt.method, receipt.user_name) == (
        "1/2026",
        2500,
        PaymentMethod.CARD,
        "Samir",
    )
    assert receipt.payer.name == "Rossi Nicolò" and receipt.payer.address == "Via Cigna 12, 10155 Torino"
    assert [(line.category, line.description) for line in receipt.lines] == [
        ("workshop fee", "Laboratorio di sartoria")
    ]
    assert receipt.house.fiscal_code == "97735280014"
    assert not receipt.cancelled and not receipt.duplicate and not receipt.anonymous

    services.people.update(volunteer, person_id, PersonDraft(given_name="Nicola", family_name="Rossini"))
    again = services.receipts.get(volunteer, receipt.id)
    assert again.payer == receipt.payer


def test_an_organisation_pays_with_its_fiscal_code_on_the_receipt(
    services: Services, volunteer: Actor, categories: dict[str, int]
) -> None:
    organisation = services.organisations.create(
        volunteer, OrganisationDraft(name="Gruppo Teatro Agliè", fiscal_code="97735280014")
    )
    details = services.cash.record_payment(
        volunteer,
        PaymentDraft(
            amount_cents=12000,
            category_id=categories["room_hire"],
            method=PaymentMethod.TRANSFER,
            payer_organisation_id=organisation.id,
        ),
    )
    assert details.receipt is not None
    assert (details.receipt.payer.name, details.receipt.payer.fiscal_code) == ("Gruppo Teatro Agliè", "97735280014")


def test_money_going_out_has_no_receipt_but_is_recorded(
    services: Services, volunteer: Actor, categories: dict[str, int], person_id: int
) -> None:
    assert pay(services, volunteer, categories["deposit"], 3000, payer_person_id=person_id) == 1
    out = services.cash.record_payment(
        volunteer,
        PaymentDraft(amount_cents=3000, category_id=categories["deposit_returned"], payer_person_id=person_id),
    )
    assert out.row.direction is Direction.OUT and out.receipt is None and out.row.receipt_code == ""
    rows = services.cash.payment_rows(volunteer, services.cash.payment_ids(volunteer, person_id=person_id))
    assert [(row.category, row.direction, row.payer_name, row.receipt_code) for row in rows] == [
        ("deposit returned", Direction.OUT, "Rossi Nicolò", ""),
        ("deposit", Direction.IN, "Rossi Nicolò", "1/2026"),
    ]


def test_anonymous_payers_only_for_small_amounts(
    services: Services, volunteer: Actor, categories: dict[str, int]
) -> None:
    receipt_number = pay(services, volunteer, categories["service_ticket"], 150, description="Doccia")
    receipt = services.receipts.get(volunteer, services.receipts.search_ids(volunteer, query=str(receipt_number))[0])
    assert receipt.anonymous and receipt.payer.name == ""
    assert pay(services, volunteer, categories["donation"], STAMP_DUTY_THRESHOLD_CENTS) == 2
    with pytest.raises(ValidationError) as caught:
        pay(services, volunteer, categories["donation"], STAMP_DUTY_THRESHOLD_CENTS + 1)
    assert caught.value.for_field("payer") == [
        "Above €77.47 a payment names who paid: choose the person or the association."
    ]


@pytest.mark.parametrize("amount", [12.5, 2500.0, Decimal("25.00"), "2500", True, None])
def test_money_is_never_a_float(
    services: Services, volunteer: Actor, categories: dict[str, int], amount: object
) -> None:
    with pytest.raises(ValidationError) as caught:
        pay(services, volunteer, categories["service_ticket"], amount)  # type: ignore[arg-type]
    (message,) = caught.value.for_field("amount_cents")
    assert message.startswith("An amount is a whole number of cents (2500 for 25,00 €), never a ")
    assert services.cash.payment_ids(volunteer) == []


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(amount=st.floats(allow_nan=True, allow_infinity=True) | st.decimals())
def test_any_float_or_decimal_is_refused(
    services: Services, volunteer: Actor, categories: dict[str, int], amount: float | Decimal
) -> None:
    with pytest.raises(ValidationError, match="whole number of cents"):
        pay(services, volunteer, categories["service_ticket"], amount)  # type: ignore[arg-type]
    assert services.cash.payment_ids(volunteer) == []


def test_bad_payments_get_one_message_per_field_and_nothing_is_saved(
    services: Services, volunteer: Actor, admin: Actor, categories: dict[str, int], person_id: int
) -> None:
    organisation = services.organisations.create(volunteer, OrganisationDraft(name="Repair Café Barriera"))
    with pytest.raises(ValidationError) as caught:
        services.cash.record_payment(
            volunteer,
            PaymentDraft(
                amount_cents=-5,
                category_id=categories["other"],
                payer_person_id=person_id,
                payer_organisation_id=organisation.id,
                link_kind="booking",
            ),
        )
    assert {problem.field for problem in caught.value.problems} == {"amount_cents", "description", "payer", "link"}
    with pytest.raises(ValidationError, match="too large"):
        pay(services, volunteer, categories["room_hire"], 10_000_001, payer_person_id=person_id)
    with pytest.raises(ValidationError) as caught:
        pay(services, volunteer, 999, 100)
    assert caught.value.for_field("category_id")
    services.cash_settings.update_category(admin, categories["donation"], CategoryDraft(active=False))
    with pytest.raises(ValidationError, match="no longer in use"):
        pay(services, volunteer, categories["donation"], 100)
    assert services.cash.payment_ids(volunteer) == []
    assert services.receipts.search_ids(volunteer) == []


# -- the stamp duty -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "exempt", "mode", "expected"),
    [
        (7747, False, StampDutyMode.APPLY, StampDuty.NOT_DUE),
        (7748, False, StampDutyMode.APPLY, StampDuty.APPLIED),
        (7748, True, StampDutyMode.APPLY, StampDuty.NOT_DUE),
        (150, False, StampDutyMode.EXEMPT, StampDuty.EXEMPT),
        (7748, False, StampDutyMode.EXEMPT, StampDuty.EXEMPT),
    ],
)
def test_the_stamp_duty_rule(amount: int, exempt: bool, mode: StampDutyMode, expected: StampDuty) -> None:
    assert stamp_duty(amount, category_exempt=exempt, mode=mode) is expected


def test_receipts_carry_the_stamp_duty_of_the_day_they_were_issued(
    services: Services, volunteer: Actor, admin: Actor, categories: dict[str, int], person_id: int
) -> None:
    assert services.cash_settings.stamp_duty_mode() is StampDutyMode.APPLY  # a house that has not chosen

    def receipt_of(amount: int, category: str) -> tuple[StampDuty, int]:
        details = services.cash.record_payment(
            volunteer, PaymentDraft(amount_cents=amount, category_id=categories[category], payer_person_id=person_id)
        )
        assert details.receipt is not None
        return details.receipt.stamp_duty, details.receipt.stamp_duty_cents

    assert receipt_of(7747, "room_hire") == (StampDuty.NOT_DUE, 0)
    assert receipt_of(7748, "room_hire") == (StampDuty.APPLIED, STAMP_DUTY_CENTS)
    membership = services.memberships.sell(volunteer, person_id, 2026, 10000)
    assert membership.receipt.stamp_duty is StampDuty.NOT_DUE  # membership fees are exempt

    with pytest.raises(PermissionDenied):
        services.cash_settings.set_stamp_duty_mode(volunteer, StampDutyMode.EXEMPT)
    services.cash_settings.set_stamp_duty_mode(admin, StampDutyMode.EXEMPT)
    assert services.cash_settings.stamp_duty_mode() is StampDutyMode.EXEMPT
    assert receipt_of(7748, "room_hire") == (StampDuty.EXEMPT, 0)
    assert receipt_of(100, "donation") == (StampDuty.EXEMPT, 0)
    first = services.receipts.get(volunteer, services.receipts.search_ids(volunteer, query="2/2026")[0])
    assert first.stamp_duty is StampDuty.APPLIED  # issued receipts keep theirs
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="settings"))
    assert [(entry.action, entry.fields) for entry in entries] == [("update", ("stamp_duty_mode",))]


# -- categories -----------------------------------------------------------------------------------


def test_admins_add_rename_and_retire_categories(services: Services, admin: Actor, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        services.cash_settings.add_category(volunteer, CategoryDraft(name="Mercatino"))
    with pytest.raises(ValidationError, match="name of the category"):
        services.cash_settings.add_category(admin, CategoryDraft(name="  "))
    with pytest.raises(ValidationError, match="Another category"):
        services.cash_settings.add_category(admin, CategoryDraft(name="Room Hire"))
    added = services.cash_settings.add_category(admin, CategoryDraft(name="Mercatino", stamp_exempt=True))
    assert (added.code, added.label, added.active) == (None, "Mercatino", True)
    assert services.cash_settings.categories(volunteer)[-1].label == "Mercatino"

    ticket = next(row for row in services.cash_settings.categories(admin) if row.code == "service_ticket")
    renamed = services.cash_settings.update_category(admin, ticket.id, CategoryDraft(name="Ticket doccia"))
    assert renamed.label == "Ticket doccia"
    restored = services.cash_settings.update_category(admin, ticket.id, CategoryDraft(name=""))
    assert restored.label == "service ticket"  # a built-in category may go back to its label
    services.cash_settings.update_category(admin, added.id, CategoryDraft(name="Mercatino", active=False))
    assert "Mercatino" not in [row.label for row in services.cash_settings.categories(volunteer)]
    assert "Mercatino" in [row.label for row in services.cash_settings.categories(admin, include_inactive=True)]


# -- what is owed ---------------------------------------------------------------------------------


class Bookings:
    """A stand-in for a later area: one booking of 80 € owed by every person."""

    kind = "booking"

    def dues(self, session: Session, *, person_id: int | None, organisation_id: int | None) -> Sequence[Due]:
        return [Due(link_id=7, description="Sala Grande, 1/12", due_cents=8000)] if person_id else []


def test_nothing_is_owed_until_an_area_registers_its_dues(services: Services, volunteer: Actor, person_id: int) -> None:
    assert services.cash.balance(volunteer, person_id=person_id) == []
    with pytest.raises(ValidationError):
        services.cash.balance(volunteer)


def test_linked_payments_settle_what_is_owed(
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    categories: dict[str, int],
    person_id: int,
    clock: FixedClock,
) -> None:
    cash = CashService(database=services.database, clock=clock, dues=[Bookings()])
    assert [(owed.description, owed.remaining_cents) for owed in cash.balance(volunteer, person_id=person_id)] == [
        ("Sala Grande, 1/12", 8000)
    ]
    draft = PaymentDraft(
        amount_cents=5000,
        category_id=categories["room_hire"],
        payer_person_id=person_id,
        link_kind="booking",
        link_id=7,
    )
    first = cash.record_payment(volunteer, draft)
    assert [owed.remaining_cents for owed in cash.balance(volunteer, person_id=person_id)] == [3000]
    assert first.receipt is not None
    services.receipts.cancel(coordinator, first.receipt.id, "Importo sbagliato")
    assert [owed.remaining_cents for owed in cash.balance(volunteer, person_id=person_id)] == [8000]
    cash.record_payment(volunteer, PaymentDraft(**{**draft.__dict__, "amount_cents": 8000}))
    assert cash.balance(volunteer, person_id=person_id) == []
