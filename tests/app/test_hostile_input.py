"""Hostile input (issue 8, point 7): every service that writes gets random and hostile arguments.

Every call either succeeds and stores exactly what was given (read back through the service,
after the normalisation each recipe states), or raises ``ValidationError`` (or ``NotFound`` for
an id that names nothing) with a message, having written nothing. Nothing else escapes, and
after every example the database passes ``foreign_key_check`` and ``integrity_check``.

The "ci" settings profile is derandomized so that a run is the same on every machine; set
``HYPOTHESIS_PROFILE=hostile-deep`` for a long random search.
"""

from __future__ import annotations

import dataclasses
import inspect
import os
import typing
from collections import Counter
from datetime import UTC, time
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.i18n import in_language
from app.services import Services
from app.services.opening_hours import OpeningSpan
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.app.hostile.cancel_recipes import CANCEL_RECIPES
from tests.app.hostile.checks import assert_sound, contents
from tests.app.hostile.edit_recipes import EDIT_RECIPES
from tests.app.hostile.recipes import RECIPES as CREATE_RECIPES
from tests.app.hostile.recipes import Recipe
from tests.app.hostile.world import build_world

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("hostile-deep", parent=settings.get_profile("ci"), derandomize=False, max_examples=1000)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
RECIPES = CREATE_RECIPES + EDIT_RECIPES + CANCEL_RECIPES

READS = {
    "house": {"desk_settings", "details", "logo"},
    "accounts": {"needs_first_run", "users", "users_for_login"},
    "audit": {"count", "entry_ids", "rows", "users"},
    "people": {"count", "get", "lookalikes", "rows", "search", "search_ids"},
    "organisations": {"get", "rows", "search_ids"},
    "cash": {"balance", "payment", "payment_ids", "payment_rows"},
    "cash_settings": {"categories", "stamp_duty_mode"},
    "receipts": {"get", "rows", "search_ids"},
    "memberships": {"of_person"},
    "cash_closings": {"closing", "summary"},
    "rooms": {"all_opening_hours", "find", "get", "opening_hours", "rooms"},
    "closures": {"bookings_in", "closures", "propose_holidays"},
    "bookings": {
        "bookings_between",
        "conflicts",
        "free_rooms",
        "get",
        "occurrence",
        "paid_status",
        "paid_statuses",
        "preview_following_update",
        "preview_series",
        "preview_series_update",
        "price_quote",
        "series",
        "series_paid_status",
    },
    "calendars": {"calendar"},
    "workshops": {"get", "rows", "workshop_ids"},
    "workshop_sessions": {"preview", "session", "sessions", "sessions_between"},
    "enrolments": {"enrolments", "get", "of_person", "paid_status"},
    "attendance": {"history", "hours", "person_hours", "present_counts", "register"},
    "dropin": {"get", "services"},
    "visits": {"between", "counts"},
    "tools": {"categories", "get", "history", "photo", "propose_code", "rows", "tool_ids"},
    "loans": {
        "current",
        "due_today",
        "get",
        "of_person",
        "of_tool",
        "open_loan_of_tool",
        "overdue",
        "overdue_warnings",
    },
    "tool_reservations": {"of_person", "of_tool", "upcoming"},
    "tool_deposits": {"balance", "held_by_loan", "held_now"},
    "lending_desk": {"resolve"},
    "monthly_figures": {"figures"},
    "programme": {"week"},
    "privacy": {
        "consent_mark",
        "consent_marks",
        "erasure_blockers",
        "export",
        "inactive_people",
        "is_erased",
        "retention_years",
    },
}
"""Public methods that only read: they write no row, so hostile input cannot spoil the database."""

WRITES_ELSEWHERE = {
    "accounts.first_run": "runs once on an empty database: tests/app/test_first_run.py",
    "accounts.login": "a wrong PIN raises LoginRefused with its growing delay: tests/app/test_accounts.py",
    "accounts.check_pin": "as login",
    "receipts.export_csv": "writes a file the user chose, no row",
    "receipts.export_csv_for_command_line": "as export_csv",
    "calendars.export_ics": "writes a file the user chose, no row",
    "privacy.export_json": "writes a file the user chose, no row",
}
"""Writing methods covered by their own tests, each with the reason it has no recipe here."""


KNOWN_ESCAPES: dict[str, str] = {}
"""Recipes whose hostile input still escapes as something other than a validation error; each is
an expected failure (strict: fixing the service makes the test say so) until the fix lands."""


def _params() -> list[Any]:
    return [
        pytest.param(
            recipe,
            id=recipe.name,
            marks=[pytest.mark.xfail(reason=KNOWN_ESCAPES[recipe.name], strict=True)]
            if recipe.name in KNOWN_ESCAPES
            else [],
        )
        for recipe in RECIPES
    ]


@pytest.mark.parametrize("recipe", _params())
def test_hostile_input_is_stored_exactly_or_refused_cleanly(
    recipe: Recipe, services: Services, admin: Actor, clock: FixedClock
) -> None:
    world = build_world(services, admin, clock)
    tally: Counter[str] = Counter()
    profile = settings.get_profile(PROFILE)
    examples = profile.max_examples if PROFILE != "ci" else recipe.examples

    @settings(profile, max_examples=examples)
    @given(value=st.data())
    def run(value: st.DataObject) -> None:
        hostile = recipe.arguments(world)
        arguments = value.draw(st.one_of(hostile, hostile.flatmap(lambda bad: _mixed(recipe.good(world), bad))))
        here = dataclasses.replace(world, prepared=recipe.prepare(services, world))
        before = contents(services.database)
        try:
            result = recipe.call(services, here, arguments)
        except (ValidationError, NotFound) as error:
            event("refused")
            tally["refused"] += 1
            assert str(error).strip(), "a refusal says what to fix"
            assert contents(services.database) == before, "a refused call changed rows"
        else:
            event("stored")
            tally["stored"] += 1
            recipe.check(services, here, arguments, result)
        assert_sound(services.database)

    tally.clear()
    run()
    # Both outcomes happen, or the recipe tests only one side; (a recipe's examples are few, so
    # at least one stored and one refused example is the bar).
    assert tally["stored"] and tally["refused"], tally


def _mixed(good: Any, bad: Any) -> st.SearchStrategy[Any]:
    """``good`` with one or two of its fields (or items) taken from ``bad``: a single hostile
    field in a draft the service would otherwise store, so that both outcomes are exercised."""
    if type(bad) is not type(good) or (isinstance(good, (tuple, list)) and len(bad) != len(good)):
        return st.just(bad)  # the hostile value is not of the good one's shape: it is used whole
    if dataclasses.is_dataclass(good) and not isinstance(good, type):
        names = [item.name for item in dataclasses.fields(good)]
        return st.sets(st.sampled_from(names), min_size=1, max_size=2).map(
            lambda chosen: dataclasses.replace(good, **{name: getattr(bad, name) for name in chosen})
        )
    if not isinstance(good, (tuple, list)):
        return st.sampled_from((good, bad))  # a single argument: the good one or the hostile one
    indices = range(len(good))
    return st.sets(st.sampled_from(indices), min_size=1, max_size=2).map(
        lambda chosen: tuple(bad[i] if i in chosen else good[i] for i in indices)
    )


def _public_methods() -> set[str]:
    names = set()
    for area, kind in typing.get_type_hints(Services).items():
        if area in ("database", "clock"):
            continue
        for name, _member in inspect.getmembers(kind, inspect.isfunction):
            if not name.startswith("_") and not isinstance(inspect.getattr_static(kind, name), staticmethod):
                names.add(f"{area}.{name}")
    return names


def test_every_writing_method_has_a_recipe() -> None:
    """A new public method of a service either gets a recipe or is listed as a read (or as a
    write covered elsewhere, with the reason); and no listed name is stale."""
    public = _public_methods()
    reads = {f"{area}.{name}" for area, names in READS.items() for name in names}
    recipes = {recipe.name for recipe in RECIPES}
    assert len(recipes) == len(RECIPES), "two recipes share a name"
    missing = public - reads - recipes - set(WRITES_ELSEWHERE)
    assert not missing, f"writing methods without a hostile-input recipe: {sorted(missing)}"
    stale = (reads | recipes | set(WRITES_ELSEWHERE)) - public
    assert not stale, f"listed but not public methods of Services: {sorted(stale)}"
    assert not reads & recipes, "a method is both a read and a recipe"


def test_the_checks_can_fail(services: Services, admin: Actor, clock: FixedClock) -> None:
    """The read-back catches a value of the wrong type that slipped into the database."""
    from app.services.rooms import RoomRow
    from tests.app.hostile.checks import assert_typed

    with pytest.raises(AssertionError, match="capacity"):
        assert_typed(RoomRow(1, "Sala", 12.5, 0, 0, "#ffffff", "", "", True, None))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [
        [OpeningSpan(0, time(9), time(13)), OpeningSpan(0, time(12), time(18))],
        [OpeningSpan(1, time(18), time(9))],
        [OpeningSpan(7, time(9), time(12))],
        [OpeningSpan(2, "09:00", time(12))],  # type: ignore[arg-type]
        [OpeningSpan(3, time(9, tzinfo=UTC), time(12))],
    ],
    ids=["overlapping", "backwards", "weekday-7", "time-as-text", "time-zone"],
)
def test_refused_opening_spans_are_told_in_the_desk_language(
    bad: list[OpeningSpan], services: Services, coordinator: Actor
) -> None:
    """Each refusal of a room's spans speaks Italian at an Italian desk, and keeps the spans."""
    room = services.rooms.create(coordinator, RoomDraft(name="Aula", capacity=20))
    kept = services.rooms.set_opening_hours(coordinator, room.id, [OpeningSpan(4, time(9), time(12))])
    with pytest.raises(ValidationError) as english:
        services.rooms.set_opening_hours(coordinator, room.id, bad)
    with in_language("it"), pytest.raises(ValidationError) as italian:
        services.rooms.set_opening_hours(coordinator, room.id, bad)
    assert str(italian.value) != str(english.value), str(italian.value)
    assert services.rooms.opening_hours(coordinator, room.id) == kept
