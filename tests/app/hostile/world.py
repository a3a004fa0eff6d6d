"""The records every recipe builds on, made once per test through the services themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.clock import FixedClock
from app.db.models import PaymentCategory
from app.services import Services
from app.services.cash_rules import OTHER
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from app.services.tools import ToolDraft
from app.services.workshop_sessions import SessionPlan
from app.services.workshops import WorkshopDraft


@dataclass(frozen=True)
class World:
    actor: Actor
    person: int
    guardian: int
    organisation: int
    room: int
    workshop: int
    past_session: int
    tool: int
    category: int
    dropin: int
    prepared: Any = None  # what the recipe's ``prepare`` made for this example


def build_world(services: Services, admin: Actor, clock: FixedClock) -> World:
    """A person enrolled in a workshop whose first session (Monday 23 November) is over, by
    Wednesday 25 November 2026 at 9:00, where the clock is left for the recipes."""
    person = services.people.create(admin, PersonDraft(given_name="Amina", family_name="Diallo")).id
    guardian = services.people.create(admin, PersonDraft(given_name="Luca", family_name="Rossi", birth_year=1970)).id
    organisation = services.organisations.create(admin, OrganisationDraft(name="Filo e Ago APS")).id
    room = services.rooms.create(admin, RoomDraft(name="Salone", capacity=80, hourly_rate_cents=3000)).id
    workshop = services.workshops.create(
        admin, WorkshopDraft(title="Sartoria", facilitator_id=guardian, room_id=room, capacity=5)
    ).id
    plan = SessionPlan(first_start=datetime(2026, 11, 23, 10, 0), duration_minutes=90, rrule="FREQ=DAILY;COUNT=1")
    past_session = services.workshop_sessions.create(admin, workshop, plan)[0].id
    services.enrolments.enrol(admin, workshop, person)
    tool = services.tools.create(admin, ToolDraft(name="Trapano", category="Elettrici", deposit_cents=2000)).id
    with services.database.sessions.begin() as session:
        category = session.scalars(select(PaymentCategory.id).where(PaymentCategory.code == OTHER)).one()
    dropin = services.dropin.services(admin)[0].id
    clock.current = datetime(2026, 11, 25, 9, 0)
    return World(
        actor=admin,
        person=person,
        guardian=guardian,
        organisation=organisation,
        room=room,
        workshop=workshop,
        past_session=past_session,
        tool=tool,
        category=category,
        dropin=dropin,
    )
