"""A small house for the workshop tests: rooms (a hall with two halves, a classroom), a
facilitator, an association, and helpers to make workshops and their sessions.

The fixed clock says Sunday 22 November 2026, 9:00.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from app.services import Services
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from app.services.workshop_sessions import SessionPlan, SessionRow
from app.services.workshops import WorkshopDraft

FIRST_TUESDAY = datetime(2026, 12, 1, 18, 0)


@dataclass(frozen=True)
class House:
    hall: int
    half_a: int
    half_b: int
    classroom: int
    facilitator: int
    association: int


def build_house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=80, hourly_rate_cents=3000)).id
    return House(
        hall=hall,
        half_a=services.rooms.create(coordinator, RoomDraft(name="Salone A", capacity=40, parent_id=hall)).id,
        half_b=services.rooms.create(coordinator, RoomDraft(name="Salone B", capacity=40, parent_id=hall)).id,
        classroom=services.rooms.create(coordinator, RoomDraft(name="Aula", capacity=20, hourly_rate_cents=1500)).id,
        facilitator=services.people.create(
            volunteer, PersonDraft(given_name="Ngozi", family_name="Okafor", phone="333 111 2222")
        ).id,
        association=services.organisations.create(volunteer, OrganisationDraft(name="Filo e Ago APS")).id,
    )


def workshop_draft(house: House, **changes: object) -> WorkshopDraft:
    draft = WorkshopDraft(
        title="Sartoria di quartiere",
        facilitator_id=house.facilitator,
        room_id=house.classroom,
        capacity=3,
        fee_cents=6000,
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def weekly_plan(weeks: int = 4, **changes: object) -> SessionPlan:
    """Tuesdays 18:00-20:00 from 1 December 2026, ``weeks`` of them."""
    plan = SessionPlan(first_start=FIRST_TUESDAY, duration_minutes=120, rrule=f"FREQ=WEEKLY;COUNT={weeks}")
    return replace(plan, **changes)  # type: ignore[arg-type]


def workshop_with_sessions(
    services: Services, coordinator: Actor, house: House, weeks: int = 4, **changes: object
) -> tuple[int, list[SessionRow]]:
    workshop = services.workshops.create(coordinator, workshop_draft(house, **changes))
    return workshop.id, services.workshop_sessions.create(coordinator, workshop.id, weekly_plan(weeks))


def person(services: Services, actor: Actor, given: str, family: str = "Rossi", **fields: object) -> int:
    return services.people.create(actor, PersonDraft(given_name=given, family_name=family, **fields)).id  # type: ignore[arg-type]
