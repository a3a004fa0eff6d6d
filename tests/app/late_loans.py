"""A house with tools out, some late: shared by the tests of the overdue list, its printout and Today."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from tests.app.tool_house import LADDER, person, tool


@dataclass(frozen=True)
class LateLoans:
    """The loan ids: Esposito 10 days late, Đorđević 3 days late, Rossi due today, Bianchi returned."""

    esposito: int
    dordevic: int
    rossi: int
    bianchi: int


def lend_due(services: Services, actor: Actor, tool_id: int, person_id: int, due: date) -> int:
    return services.loans.lend(actor, tool_id, person_id, components_confirmed=True, due=due).loan.row.id


def make_late_loans(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> LateLoans:
    """On 12 Nov: Nicolò Esposito borrows a ladder due 12 Nov, Milica Đorđević (no phone) a saw due
    19 Nov, Anna Rossi a sander due the 22nd, Marco Bianchi a drill due the 13th that he brings
    back on the 20th. The clock ends where it was (22 Nov 2026, 09:00)."""
    end = clock.current
    clock.current = end - timedelta(days=10)
    start = clock.today()
    ladder = tool(services, coordinator, replace(LADDER, name="Scala 5 gradini"))
    saw = tool(services, coordinator, replace(LADDER, name="Seghetto alternativo"))
    sander = tool(services, coordinator, replace(LADDER, name="Levigatrice orbitale"))
    drill = tool(services, coordinator, replace(LADDER, name="Trapano avvitatore"))
    nicolo = person(services, volunteer, "Nicolò", "Esposito", "333 1234567")
    milica = person(services, volunteer, "Milica", "Đorđević", "")
    anna = person(services, volunteer, "Anna", "Rossi", "011 555 0101")
    marco = person(services, volunteer, "Marco", "Bianchi", "347 000 1111")
    loans = LateLoans(
        esposito=lend_due(services, volunteer, ladder, nicolo, start),
        dordevic=lend_due(services, volunteer, saw, milica, start + timedelta(days=7)),
        rossi=lend_due(services, volunteer, sander, anna, start + timedelta(days=10)),
        bianchi=lend_due(services, volunteer, drill, marco, start + timedelta(days=1)),
    )
    clock.current = end - timedelta(days=2)
    services.loans.return_tool(volunteer, loan_id=loans.bianchi, components_ok=True)
    clock.current = end
    return loans
