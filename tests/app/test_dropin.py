"""Drop-in services and their visits: the two services of a new house, admins defining them,
visits anonymous or by a person with the optional statistics, undo, and today's counters read
through their index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from app import i18n
from app.clock import FixedClock
from app.db.engine import Database
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services import Services
from app.services.dropin import DropInDraft
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from app.services.visits import AgeBand, Gender, VisitDraft


def service_ids(services: Services, actor: Actor) -> dict[str, int]:
    return {row.label: row.id for row in services.dropin.services(actor)}


def counts(services: Services, actor: Actor) -> list[tuple[str, int]]:
    return [(row.label, row.count) for row in services.visits.counts(actor)]


def test_a_new_house_has_showers_and_a_job_help_desk_in_its_language(services: Services, volunteer: Actor) -> None:
    rows = services.dropin.services(volunteer)
    assert [
        (row.code, row.label, row.records_age_band, row.records_gender, row.records_first_visit) for row in rows
    ] == [
        ("showers", "Showers", True, True, True),
        ("job_desk", "Job help desk", True, True, True),
    ]
    assert counts(services, volunteer) == [("Showers", 0), ("Job help desk", 0)]
    i18n.set_language("it")
    assert [row.label for row in services.dropin.services(volunteer)] == ["Docce", "Sportello lavoro"]


def test_an_admin_defines_services_and_nobody_else_can(
    services: Services, admin: Actor, coordinator: Actor, volunteer: Actor
) -> None:
    ids = service_ids(services, volunteer)
    created = services.dropin.create(admin, DropInDraft(name="  Sportello casa ", records_gender=True))
    assert (created.label, created.code, created.records_gender, created.records_age_band) == (
        "Sportello casa",
        None,
        True,
        False,
    )
    assert [row.label for row in services.dropin.services(volunteer)][-1] == "Sportello casa"
    for actor in (coordinator, volunteer):
        with pytest.raises(PermissionDenied, match="Only an admin"):
            services.dropin.create(actor, DropInDraft(name="Lavanderia"))
        with pytest.raises(PermissionDenied, match="Only an admin"):
            services.dropin.update(actor, created.id, DropInDraft(name="Lavanderia"))
    with pytest.raises(ValidationError, match="already has this name"):
        services.dropin.create(admin, DropInDraft(name="showers"))
    with pytest.raises(ValidationError, match="Write the name"):
        services.dropin.create(admin, DropInDraft(name=" "))
    # A built-in service keeps its translated label until an admin really renames it.
    kept = services.dropin.update(
        admin, ids["Showers"], DropInDraft(name="Showers", records_age_band=True, records_first_visit=True)
    )
    assert (kept.name, kept.label, kept.records_gender) == ("", "Showers", False)
    renamed = services.dropin.update(admin, ids["Job help desk"], DropInDraft(name="Sportello lavoro e CV"))
    assert (renamed.label, renamed.code) == ("Sportello lavoro e CV", "job_desk")
    retired = services.dropin.update(admin, created.id, DropInDraft(name="Sportello casa", active=False))
    assert not retired.active
    assert [row.label for row in services.dropin.services(volunteer)] == ["Showers", "Sportello lavoro e CV"]
    assert len(services.dropin.services(volunteer, include_inactive=True)) == 3
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="dropin_service"))
    assert ("update", ("records_gender",)) in {(row.action, row.fields) for row in entries}


def test_visits_are_recorded_anonymous_or_by_a_person_and_counted_for_today(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    ids = service_ids(services, volunteer)
    showers, desk = ids["Showers"], ids["Job help desk"]
    anonymous = services.visits.record(
        volunteer, VisitDraft(showers, age_band=AgeBand.FROM_30_TO_49, gender=Gender.MALE, first_visit=True)
    )
    assert (anonymous.count_today, anonymous.age_band, anonymous.gender, anonymous.first_visit) == (
        1,
        AgeBand.FROM_30_TO_49,
        Gender.MALE,
        True,
    )
    assert services.visits.record(volunteer, VisitDraft(showers)).count_today == 2  # one key, nothing else
    awa = services.people.create(volunteer, PersonDraft(given_name="Awa", family_name="Diallo", birth_year=1990)).id
    first = services.visits.record(volunteer, VisitDraft(desk, person_id=awa, gender=Gender.FEMALE))
    assert (first.age_band, first.first_visit, first.count_today) == (AgeBand.FROM_30_TO_49, True, 1)
    clock.advance(minutes=30)
    again = services.visits.record(volunteer, VisitDraft(desk, person_id=awa))
    assert (again.first_visit, again.gender) == (False, None)
    assert counts(services, volunteer) == [("Showers", 2), ("Job help desk", 2)]
    # A statistic the service does not record is not kept, even when sent.
    services.dropin.update(admin, desk, DropInDraft(records_age_band=False, records_first_visit=True))
    bare = services.visits.record(volunteer, VisitDraft(desk, person_id=awa, gender=Gender.OTHER))
    assert (bare.age_band, bare.gender, bare.first_visit) == (None, None, False)
    # Yesterday's visits are not today's.
    clock.current = datetime(2026, 11, 23, 8, 0)
    assert counts(services, volunteer) == [("Showers", 0), ("Job help desk", 0)]
    assert [row.count for row in services.visits.counts(volunteer, date(2026, 11, 22))] == [2, 3]
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="visit"))
    assert entries[-1].fields == ("age_band", "first_visit", "gender", "service_id")


def test_visits_are_checked(services: Services, admin: Actor, volunteer: Actor) -> None:
    showers = service_ids(services, volunteer)["Showers"]
    with pytest.raises(ValidationError, match="age band from the list"):
        services.visits.record(volunteer, VisitDraft(showers, age_band="adult"))  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        services.visits.record(volunteer, VisitDraft(showers, person_id=999))
    services.dropin.update(admin, showers, DropInDraft(active=False))
    with pytest.raises(ValidationError, match="Showers is no longer offered"):
        services.visits.record(volunteer, VisitDraft(showers))
    assert counts(services, volunteer) == [("Job help desk", 0)]


def test_a_mistaken_visit_is_undone_the_same_day_by_who_recorded_it_or_a_coordinator(
    services: Services, admin: Actor, coordinator: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    showers = service_ids(services, volunteer)["Showers"]
    other = services.accounts.create_user(admin, name="Amira", role=Role.VOLUNTEER, pin="975310")
    amira = services.accounts.login(other.id, "975310")
    mine = services.visits.record(volunteer, VisitDraft(showers))
    services.visits.record(volunteer, VisitDraft(showers))
    with pytest.raises(PermissionDenied, match="Only who recorded this visit, or a coordinator"):
        services.visits.undo(amira, mine.id)
    after = services.visits.undo(volunteer, mine.id)
    assert (after.service_id, after.label, after.count) == (showers, "Showers", 1)
    with pytest.raises(NotFound):
        services.visits.undo(volunteer, mine.id)
    theirs = services.visits.record(amira, VisitDraft(showers))
    assert services.visits.undo(coordinator, theirs.id).count == 1
    late = services.visits.record(volunteer, VisitDraft(showers))
    clock.advance(days=1)
    with pytest.raises(ValidationError, match="Only today's visits"):
        services.visits.undo(volunteer, late.id)
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="visit", entity_id=mine.id))
    assert [row.action for row in entries] == ["delete", "create"]


@contextmanager
def recorded(database: Database) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", record)


def test_todays_counters_read_only_todays_range_of_the_index(
    services: Services, database: Database, volunteer: Actor
) -> None:
    """Two years of visits in the table: the counters and a visit's count search the index on
    (service, time) between today's bounds, and never scan the visits."""
    ids = list(service_ids(services, volunteer).values())
    start = datetime(2024, 11, 22, 9)
    rows = [
        {"service": ids[number % 2], "at": (start + timedelta(hours=number // 8 * 3)).isoformat(sep=" ")}
        for number in range(20_000)
    ]
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO visits (service_id, at) VALUES (:service, :at)"), rows)
        connection.execute(text("ANALYZE"))
    with recorded(database) as statements:
        services.visits.record(volunteer, VisitDraft(ids[0]))
        services.visits.counts(volunteer)
    plans = []
    with database.engine.connect() as connection:
        for statement, parameters in statements:
            if statement.startswith("SELECT") and "count(" in statement and "visits" in statement:
                found = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
                plans.append(" | ".join(str(row[-1]) for row in found))
    assert len(plans) == 2
    for plan in plans:
        assert "SCAN visits" not in plan, plan
        assert "visits USING COVERING INDEX ix_visits_service_id_at (service_id=? AND at>? AND at<?)" in plan, plan
