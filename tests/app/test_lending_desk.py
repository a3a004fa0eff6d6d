"""The lending desk's field: a tool code, a card, or a name, whatever the case and the layout."""

from __future__ import annotations

import time

from sqlalchemy import text

from app.services import Services
from app.services.lending_desk import Resolved, card_code, parse_card
from app.services.roles import Actor
from tests.app.tool_house import DRILL, person, tool


def test_a_tool_code_is_found_in_any_case_and_with_the_italian_layout_dash(
    services: Services, volunteer: Actor, coordinator: Actor
) -> None:
    drill = tool(services, coordinator, DRILL)
    for typed in ("TR-0001", " tr-0001 ", "TR'0001"):
        found = services.lending_desk.resolve(volunteer, typed)
        assert found.kind is Resolved.TOOL and found.tool is not None and found.tool.id == drill
        assert found.open_loan is None
    anna = person(services, volunteer, "Anna", "Rossi")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    found = services.lending_desk.resolve(volunteer, "TR-0001")
    assert found.open_loan is not None and found.open_loan.person_name == "Rossi Anna"


def test_a_card_of_this_year_finds_its_person(services: Services, volunteer: Actor) -> None:
    anna = person(services, volunteer, "Anna", "Rossi")
    marco = person(services, volunteer, "Marco", "Bianchi")
    services.memberships.sell(volunteer, anna, 2026, 1000)
    services.memberships.sell(volunteer, marco, 2026, 1000)
    for typed in ("T-2026-0002", "t20260002", "2", "0002"):
        found = services.lending_desk.resolve(volunteer, typed)
        assert found.kind is Resolved.PERSON and found.person is not None, typed
        assert (found.person.id, found.card) == (marco, "T-2026-0002")
    missing = services.lending_desk.resolve(volunteer, "T-2026-0099")
    assert missing.kind is Resolved.NOTHING
    assert missing.message == "No tool nor card T-2026-0099 was found: check the code, or type the name."


def test_a_name_finds_people_to_choose_from(services: Services, volunteer: Actor) -> None:
    person(services, volunteer, "Anna", "Rossi")
    person(services, volunteer, "Nicolò", "Rossi")
    found = services.lending_desk.resolve(volunteer, "rossi")
    assert found.kind is Resolved.PEOPLE
    assert [row.given_name for row in found.people] == ["Anna", "Nicolò"]
    assert services.lending_desk.resolve(volunteer, "nicolo").people[0].given_name == "Nicolò"
    assert services.lending_desk.resolve(volunteer, "zzz").kind is Resolved.NOTHING
    assert services.lending_desk.resolve(volunteer, "  ").message == "Scan a tool or a card, or type a name."


def test_card_codes_read_back() -> None:
    assert card_code(2026, 153) == "T-2026-0153"
    assert parse_card(card_code(2026, 153), 2027) == (2026, 153)
    assert parse_card("153", 2027) == (2027, 153)
    assert parse_card("TR-0001", 2026) is None


def test_resolving_is_a_few_indexed_lookups(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    tool(services, coordinator, DRILL)
    with services.database.engine.connect() as connection:
        tools = connection.execute(text("EXPLAIN QUERY PLAN SELECT id FROM tools WHERE code = 'TR-0001'")).all()
        cards = connection.execute(
            text("EXPLAIN QUERY PLAN SELECT person_id FROM memberships WHERE year = 2026 AND card_number = 2")
        ).all()
    assert "USING" in str(tools[-1][-1]) and "INDEX" in str(tools[-1][-1])
    assert "INDEX" in str(cards[-1][-1])
    started = time.perf_counter()
    for _ in range(50):
        services.lending_desk.resolve(volunteer, "TR-0001")
    assert (time.perf_counter() - started) / 50 < 0.02
