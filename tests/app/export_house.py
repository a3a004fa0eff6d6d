"""A small house with one record in every list, for the export tests.

Names that break careless CSV: an Arabic one, and one with a semicolon and double quotes.
The clock ends on Wednesday 2 December 2026, 9:00, after the first session of the workshop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.clock import FixedClock
from app.services import Services
from app.services.bookings import BookingDraft, SeriesDraft
from app.services.dropin import DropInDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.visits import AgeBand, Gender, VisitDraft
from tests.app.tool_house import tool
from tests.app.workshop_house import build_house, workshop_with_sessions

ARABIC = "العلي محمد"
QUOTED = 'Rossi; "Bepi" Giuseppe'


@dataclass(frozen=True)
class ExportHouse:
    arabic: int
    quoted: int


def build_export_house(services: Services, admin: Actor, coordinator: Actor, clock: FixedClock) -> ExportHouse:
    house = build_house(services, coordinator, coordinator)
    arabic = services.people.create(coordinator, PersonDraft(given_name="محمد", family_name="العلي")).id
    quoted = services.people.create(coordinator, PersonDraft(given_name="Giuseppe", family_name='Rossi; "Bepi"')).id
    services.organisations.create(coordinator, OrganisationDraft(name='Filo; e "Ago"', contact_person_id=quoted))
    services.bookings.create_booking(
        coordinator,
        BookingDraft(
            room_id=house.hall,
            start=datetime(2026, 11, 23, 10, 0),
            end=datetime(2026, 11, 23, 11, 30),
            person_id=arabic,
            purpose="Festa; compleanno",
        ),
    )
    services.bookings.create_series(
        coordinator,
        SeriesDraft(
            room_id=house.classroom,
            dtstart=datetime(2026, 11, 24, 9, 0),
            duration_minutes=60,
            rrule="FREQ=WEEKLY;COUNT=3",
            organisation_id=house.association,
            purpose="Italiano per tutti",
        ),
    )
    workshop, sessions = workshop_with_sessions(services, coordinator, house, weeks=2)
    services.enrolments.enrol(coordinator, workshop, arabic)
    showers = services.dropin.create(admin, DropInDraft(name="Docce", records_gender=True)).id
    services.visits.record(coordinator, VisitDraft(service_id=showers, person_id=quoted, gender=Gender.MALE))
    services.visits.record(coordinator, VisitDraft(service_id=showers, age_band=AgeBand.FROM_30_TO_49))
    services.loans.lend(coordinator, tool(services, coordinator), arabic, components_confirmed=True)
    clock.current = datetime(2026, 12, 2, 9, 0)
    services.attendance.mark(coordinator, sessions[0].id, [arabic])
    return ExportHouse(arabic=arabic, quoted=quoted)
