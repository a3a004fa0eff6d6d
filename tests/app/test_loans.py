"""Lending and taking back tools: refusals, parts, due days, deposits through the cash desk, lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.cash_rules import Direction, PaymentMethod, StampDuty
from app.services.roles import Actor
from app.services.tool_rules import DepositOutcome, ToolEventKind, ToolStatus
from tests.app.tool_house import DRILL, LADDER, person, tool

TODAY = date(2026, 11, 22)


def test_lending_takes_the_deposit_with_an_exempt_receipt(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator, replace(DRILL, deposit_cents=8000))
    anna = person(services, volunteer, "Anna", "Rossi", "333 1234567")
    result = services.loans.lend(volunteer, drill, anna, components_confirmed=True, deposit_method=PaymentMethod.CARD)
    assert result.loan.row.due_day == TODAY + timedelta(days=7)
    assert result.receipt is not None
    assert (result.receipt.code, result.receipt.total_cents, result.receipt.method) == (
        "1/2026",
        8000,
        PaymentMethod.CARD,
    )
    assert result.receipt.stamp_duty is StampDuty.NOT_DUE  # above 77.47 €, but a deposit is exempt
    assert result.receipt.payer.name == "Rossi Anna"
    assert result.loan.deposit_held_cents == 8000
    assert result.loan.deposit_receipt_code == "1/2026"
    assert result.warnings == ()
    assert services.tools.get(volunteer, drill).status is ToolStatus.ON_LOAN


def test_a_tool_out_in_repair_lost_or_retired_is_refused(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    with pytest.raises(ValidationError, match=r"TR-0001 is on loan to Rossi Anna until Nov 29, 2026"):
        services.loans.lend(volunteer, drill, marco, components_confirmed=True)
    ladder = tool(services, coordinator, LADDER)
    for status, reason, message in (
        (ToolStatus.IN_REPAIR, "gradino", "SC-0001 is in repair"),
        (ToolStatus.LOST, "", "SC-0001 is marked as lost"),
        (ToolStatus.RETIRED, "rotta", r"SC-0001 is retired \(rotta\)"),
    ):
        services.tools.set_status(coordinator, ladder, status, reason)
        with pytest.raises(ValidationError, match=message):
            services.loans.lend(volunteer, ladder, marco, components_confirmed=True)
    assert services.loans.of_person(volunteer, marco) == []


def test_parts_must_be_confirmed_and_nothing_is_saved_otherwise(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    with pytest.raises(ValidationError, match="valigetta, 2 batterie, caricatore"):
        services.loans.lend(volunteer, drill, anna, components_confirmed=False)
    assert services.loans.current(volunteer) == []
    assert services.cash.payment_ids(volunteer) == []
    ladder = tool(services, coordinator, LADDER)  # no parts to check, no deposit
    result = services.loans.lend(volunteer, ladder, anna, components_confirmed=False)
    assert result.receipt is None and result.loan.deposit_held_cents == 0


def test_the_due_day_moves_off_a_closed_day(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    services.closures.add(coordinator, date(2026, 11, 29), date(2026, 11, 30), "ponte")
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    result = services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    assert result.loan.row.due_day == date(2026, 12, 1)


def test_only_a_coordinator_waives_the_deposit(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    with pytest.raises(PermissionDenied):
        services.loans.lend(volunteer, drill, anna, components_confirmed=True, waive_deposit=True)
    result = services.loans.lend(coordinator, drill, anna, components_confirmed=True, waive_deposit=True)
    assert result.receipt is None and result.loan.deposit_waived


def test_returning_gives_the_deposit_back_through_the_cash_desk(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    loan = services.loans.lend(volunteer, drill, anna, components_confirmed=True).loan
    clock.advance(days=3)
    back = services.loans.return_tool(volunteer, tool_id=drill, components_ok=True)
    assert (back.refunded_cents, back.kept_cents, back.tool_status) == (3000, 0, ToolStatus.AVAILABLE)
    assert back.refund_payment_id is not None
    refund = services.cash.payment(volunteer, back.refund_payment_id)
    assert (refund.row.direction, refund.row.amount_cents, refund.link_kind, refund.link_id) == (
        Direction.OUT,
        3000,
        "loan",
        loan.row.id,
    )
    assert refund.row.category == "deposit returned"
    assert back.loan.deposit_held_cents == 0 and not back.loan.row.open
    assert services.tool_deposits.balance(volunteer) == 0
    kinds = [row.kind for row in services.tools.history(volunteer, drill)]
    assert kinds[:2] == [ToolEventKind.RETURNED, ToolEventKind.LENT]


def test_a_kept_deposit_needs_a_reason_and_repair_sends_it_to_repair(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    loan = services.loans.lend(volunteer, drill, anna, components_confirmed=True).loan
    with pytest.raises(ValidationError) as error:
        services.loans.return_tool(
            volunteer, loan_id=loan.row.id, components_ok=False, needs_repair=True, deposit=DepositOutcome.KEEP
        )
    assert error.value.for_field("keep_reason") == ["Write why the deposit is kept."]
    assert "Write which parts are missing or damaged." in error.value.for_field("condition_note")
    assert services.loans.get(volunteer, loan.row.id).row.open
    back = services.loans.return_tool(
        volunteer,
        loan_id=loan.row.id,
        components_ok=False,
        condition_note="manca il caricatore",
        needs_repair=True,
        deposit=DepositOutcome.KEEP,
        keep_reason="caricatore perso",
    )
    assert (back.kept_cents, back.refund_payment_id, back.tool_status) == (3000, None, ToolStatus.IN_REPAIR)
    assert back.loan.deposit_kept_reason == "caricatore perso" and back.loan.components_ok is False
    details = services.tools.get(volunteer, drill)
    assert (details.status, details.status_reason) == (ToolStatus.IN_REPAIR, "manca il caricatore")
    with pytest.raises(ValidationError, match="TR-0001 is not on loan"):
        services.loans.return_tool(volunteer, tool_id=drill, components_ok=True)


def test_a_borrower_with_overdue_tools_is_warned_not_refused(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    ladder = tool(services, coordinator, LADDER)
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi", "333 1234567")
    services.loans.lend(volunteer, ladder, anna, components_confirmed=True)
    clock.advance(days=5)
    result = services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    assert result.warnings == (
        "Rossi Anna has an overdue tool: SC-0001 Scala 5 gradini (due Nov 25, 2026). Remind them to bring it back.",
    )
    (late,) = services.loans.overdue(volunteer)
    assert (late.tool_code, late.days_late, late.phone) == ("SC-0001", 2, "333 1234567")
    assert services.loans.due_today(volunteer) == []
    clock.advance(days=7)
    assert [row.tool_code for row in services.loans.due_today(volunteer)] == ["TR-0001"]
    assert [row.tool_code for row in services.loans.current(volunteer, search="scala ross")] == ["SC-0001"]
    assert [row.tool_code for row in services.loans.of_person(volunteer, anna)] == ["TR-0001", "SC-0001"]


def test_extending_moves_the_due_day_and_respects_reservations(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    loan = services.loans.lend(volunteer, drill, anna, components_confirmed=True).loan
    assert services.loans.extend(volunteer, loan.row.id, days=3).row.due_day == date(2026, 12, 2)
    services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 12, 5), date(2026, 12, 8))
    with pytest.raises(ValidationError, match="reserved for Bianchi Marco"):
        services.loans.extend(volunteer, loan.row.id, due=date(2026, 12, 6))
    assert services.loans.extend(volunteer, loan.row.id, due=date(2026, 12, 4)).row.due_day == date(2026, 12, 4)
    with pytest.raises(ValidationError, match="Choose a due day after"):
        services.loans.extend(volunteer, loan.row.id, due=date(2026, 12, 3))


def test_the_database_refuses_a_second_open_loan_of_a_tool(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator)
    anna = person(services, volunteer, "Anna", "Rossi")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    with pytest.raises(Exception, match="UNIQUE"), services.database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO loans (tool_id, person_id, out_at, due_day, deposit_cents, deposit_waived, return_note) "
                "VALUES (:tool, :person, '2026-11-22 10:00:00', '2026-11-29', 0, 0, '')"
            ),
            {"tool": drill, "person": anna},
        )


def test_the_lists_of_open_loans_use_the_index(services: Services) -> None:
    with services.database.engine.connect() as connection:
        plan = connection.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM loans WHERE returned_at IS NULL AND due_day < '2026-11-22'")
        ).all()
    assert "ix_loans_open_due_day" in " ".join(str(row[-1]) for row in plan)
