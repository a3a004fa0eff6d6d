"""The house the crash harness writes to: users, people, rooms and tools made through the services.

Made once per harness run, in its own process, before any writer starts; the writers get its ids
as JSON on the command line so that they never need to search for them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app.clock import FixedClock
from app.db.schema import open_database
from app.services import Services
from app.services.house import HouseDetails
from app.services.people import PersonDraft
from app.services.roles import Role
from app.services.rooms import RoomDraft
from app.services.tools import ToolDraft

PIN = "246813"
HOUSE = HouseDetails(name="Bagni Pubblici di Via Agliè", address="Via Agliè 9, 10154 Torino", fiscal_code="97735280014")
PEOPLE = (
    ("Nicolò", "Ferrero"),
    ("Ngozi", "Okafor"),
    ("Dragan", "Đorđević"),
    ("Fatima", "El Idrissi"),
    ("Wang", "Fang"),
)
ROOMS = ("Sala Grande", "Cucina", "Sala Riunioni")
# A tool without a deposit too: a loan of it has no payment, and the checks must allow that.
TOOLS = (
    ToolDraft(name="Trapano", category="Trapani", deposit_cents=3000, loan_days=7),
    ToolDraft(name="Avvitatore", category="Trapani", deposit_cents=2000, loan_days=7),
    ToolDraft(name="Seghetto alternativo", category="Seghe", deposit_cents=2500, loan_days=5),
    ToolDraft(name="Scala 5 gradini", category="Scale", deposit_cents=0, loan_days=3),
    ToolDraft(name="Idropulitrice", category="Giardino", deposit_cents=5000, loan_days=3),
    ToolDraft(name="Levigatrice", category="Levigatrici", deposit_cents=1500, loan_days=7),
)


@dataclass(frozen=True)
class House:
    """The ids a writer needs, and the file they live in."""

    path: str
    user_ids: tuple[int, ...]
    person_ids: tuple[int, ...]
    room_ids: tuple[int, ...]
    tool_ids: tuple[int, ...]
    category_id: int

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> House:
        data = json.loads(text)
        return cls(
            path=data["path"],
            user_ids=tuple(data["user_ids"]),
            person_ids=tuple(data["person_ids"]),
            room_ids=tuple(data["room_ids"]),
            tool_ids=tuple(data["tool_ids"]),
            category_id=data["category_id"],
        )


def make_house(path: Path) -> House:
    """Create a new database file at ``path`` with a small house in it, and close it."""
    database = open_database(path, backups_dir=path.parent / "backups")
    try:
        services = Services.build(database=database, clock=FixedClock(datetime(2026, 11, 1, 9, 0)))
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=PIN, pin_again=PIN)
        coordinator_row = services.accounts.create_user(admin, name="Teresa", role=Role.COORDINATOR, pin="864209")
        volunteer_row = services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="135790")
        coordinator = services.accounts.login(coordinator_row.id, "864209")
        people = [
            services.people.create(admin, PersonDraft(given_name=given, family_name=family)).id
            for given, family in PEOPLE
        ]
        rooms = [
            services.rooms.create(coordinator, RoomDraft(name=name, capacity=30, hourly_rate_cents=1000)).id
            for name in ROOMS
        ]
        tools = [services.tools.create(coordinator, draft).id for draft in TOOLS]
        ticket = next(row.id for row in services.cash_settings.categories(admin) if row.code == "service_ticket")
        return House(
            path=str(path),
            user_ids=(admin.user_id, coordinator.user_id, volunteer_row.id),
            person_ids=tuple(people),
            room_ids=tuple(rooms),
            tool_ids=tuple(tools),
            category_id=ticket,
        )
    finally:
        database.close()
