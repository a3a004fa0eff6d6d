"""Reservations: nobody else borrows over them, the person reserved for does, loans block them."""

from __future__ import annotations

from datetime import date

import pytest

from app.clock import FixedClock
from app.errors import ValidationError
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from tests.app.tool_house import DRILL, person, tool


def test_a_reserved_tool_is_lent_only_to_its_person(
    services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    drill = tool(services, coordinator, DRILL)
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    reservation = services.tool_reservations.reserve(volunteer, drill, anna, date(2026, 11, 26), date(2026, 11, 28))
    assert (reservation.status, reservation.person_name) == ("active", "Rossi Anna")
    with pytest.raises(ValidationError) as error:
        services.loans.lend(volunteer, drill, marco, components_confirmed=True)
    assert str(error.value) == (
        "TR-0001 is reserved for Rossi Anna from Nov 26, 2026 to Nov 28, 2026: "
        "lend it until Nov 25, 2026 at most, or choose another tool."
    )
    short = services.loans.lend(volunteer, drill, marco, components_confirmed=True, due=date(2026, 11, 25))
    services.loans.return_tool(volunteer, loan_id=short.loan.row.id, components_ok=True)
    clock.advance(days=4)
    assert services.tools.get(volunteer, drill).status is ToolStatus.RESERVED
    assert services.tools.tool_ids(volunteer, status=ToolStatus.RESERVED) == [drill]
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    assert services.tool_reservations.of_tool(volunteer, drill) == []  # fulfilled


def test_a_tool_cannot_be_reserved_before_its_loan_is_due(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator, DRILL)
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    with pytest.raises(ValidationError, match="until Nov 29, 2026: reserve it from Nov 30, 2026 on"):
        services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 11, 29), date(2026, 12, 1))
    services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 11, 30), date(2026, 12, 1))


def test_overlapping_or_wrong_days_are_refused_and_cancelling_frees_the_tool(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator, DRILL)
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    first = services.tool_reservations.reserve(volunteer, drill, anna, date(2026, 12, 1), date(2026, 12, 3))
    with pytest.raises(ValidationError, match="already reserved for Rossi Anna"):
        services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 12, 3), date(2026, 12, 4))
    with pytest.raises(ValidationError) as error:
        services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 11, 21), date(2026, 11, 20))
    assert error.value.for_field("from_day") == ["A reservation starts today or later."]
    assert error.value.for_field("to_day") == ["The last day comes on or after the first day."]
    assert services.tool_reservations.cancel(volunteer, first.id).status == "cancelled"
    with pytest.raises(ValidationError, match="no longer active"):
        services.tool_reservations.cancel(volunteer, first.id)
    services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 12, 3), date(2026, 12, 4))
    assert [row.person_name for row in services.tool_reservations.upcoming(volunteer)] == ["Bianchi Marco"]


def test_a_retired_tool_cannot_be_reserved(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    drill = tool(services, coordinator, DRILL)
    anna = person(services, volunteer, "Anna", "Rossi")
    services.tools.set_status(coordinator, drill, ToolStatus.RETIRED, "rotto")
    with pytest.raises(ValidationError, match=r"TR-0001 is retired: it cannot be reserved\."):
        services.tool_reservations.reserve(volunteer, drill, anna, date(2026, 12, 1), date(2026, 12, 3))
