"""Helpers shared by the tests of the tool library: people and tools made the way the desk makes them."""

from __future__ import annotations

from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.tools import ToolDraft

DRILL = ToolDraft(
    name="Trapano a percussione",
    category="Trapani",
    brand="Bosch",
    model="PSB 500",
    deposit_cents=3000,
    loan_days=7,
    components=("valigetta", "2 batterie", "caricatore"),
)
LADDER = ToolDraft(name="Scala 5 gradini", category="Scale", deposit_cents=0, loan_days=3)


def person(services: Services, actor: Actor, given: str, family: str, phone: str = "") -> int:
    return services.people.create(actor, PersonDraft(given_name=given, family_name=family, phone=phone)).id


def tool(services: Services, coordinator: Actor, draft: ToolDraft = DRILL) -> int:
    return services.tools.create(coordinator, draft).id
