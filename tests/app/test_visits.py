"""The visits of a span, read through ``VisitService.between`` (the CSV export's read): in time
order, of retired services too, with the desk's labels, for coordinators only, and on the index."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event

from app.clock import FixedClock
from app.db.engine import Database
from app.errors import PermissionDenied, ValidationError
from app.i18n import in_language
from app.services import Services
from app.services.dropin import DropInDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.visits import AgeBand, Gender, VisitDraft

MONDAY = datetime(2026, 11, 23)
TUESDAY = datetime(2026, 11, 24)


@pytest.fixture
def ids(services: Services, volunteer: Actor) -> dict[str, int]:
    return {row.label: row.id for row in services.dropin.services(volunteer)}


def record_at(services: Services, clock: FixedClock, actor: Actor, at: datetime, draft: VisitDraft) -> int:
    clock.current = at
    return services.visits.record(actor, draft).id


def test_a_coordinator_reads_the_visits_of_a_span_in_time_order(
    services: Services, admin: Actor, coordinator: Actor, volunteer: Actor, clock: FixedClock, ids: dict[str, int]
) -> None:
    showers, desk = ids["Showers"], ids["Job help desk"]
    awa = services.people.create(volunteer, PersonDraft(given_name="Awa", family_name="Diallo", birth_year=1990)).id
    record_at(services, clock, volunteer, datetime(2026, 11, 22, 23, 59), VisitDraft(showers))  # the day before
    late = record_at(services, clock, volunteer, datetime(2026, 11, 23, 17, 0), VisitDraft(desk, person_id=awa))
    first = record_at(
        services, clock, volunteer, MONDAY, VisitDraft(showers, gender=Gender.MALE, age_band=AgeBand.FROM_65)
    )
    record_at(services, clock, volunteer, TUESDAY, VisitDraft(showers))  # the end is not in the span
    services.dropin.update(admin, desk, DropInDraft(active=False))  # retired: its visits stay listed
    rows = services.visits.between(coordinator, MONDAY, TUESDAY)
    assert [(row.id, row.at, row.service_id, row.service, row.person_name) for row in rows] == [
        (first, MONDAY, showers, "Showers", ""),
        (late, datetime(2026, 11, 23, 17, 0), desk, "Job help desk", "Diallo Awa"),
    ]
    assert [(row.age_band, row.gender, row.first_visit) for row in rows] == [
        (AgeBand.FROM_65, Gender.MALE, None),
        (AgeBand.FROM_30_TO_49, None, True),
    ]
    with in_language("it"):
        assert [row.service for row in services.visits.between(admin, MONDAY, TUESDAY)] == ["Docce", "Sportello lavoro"]
    assert services.visits.between(coordinator, TUESDAY, TUESDAY) == []


def test_only_coordinators_and_admins_read_the_visits(services: Services, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        services.visits.between(volunteer, MONDAY, TUESDAY)


def test_the_span_must_be_two_times(services: Services, coordinator: Actor) -> None:
    with pytest.raises(ValidationError, match="a day and a time"):
        services.visits.between(coordinator, date(2026, 11, 23), TUESDAY)  # type: ignore[arg-type]


def test_a_span_reads_one_stretch_of_the_index_per_service(
    services: Services, database: Database, coordinator: Actor, clock: FixedClock, ids: dict[str, int]
) -> None:
    """The export of a month of a large house stays fast: the visits are searched on the index on
    (service, time), never scanned."""
    record_at(services, clock, coordinator, MONDAY, VisitDraft(ids["Showers"]))
    statements: list[tuple[str, object]] = []

    def keep(_conn: object, _cursor: object, statement: str, parameters: object, *_rest: object) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", keep)
    try:
        assert len(services.visits.between(coordinator, MONDAY, TUESDAY)) == 1
    finally:
        event.remove(database.engine, "before_cursor_execute", keep)
    statement, parameters = next(item for item in statements if "FROM visits" in item[0])
    with database.engine.connect() as connection:
        found = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()  # type: ignore[arg-type]
    plan = " | ".join(str(row[-1]) for row in found)
    assert "SCAN visits" not in plan, plan
    assert "visits USING INDEX ix_visits_service_id_at (service_id=? AND at>? AND at<?)" in plan, plan
