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
import os
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.roles import Actor
from tests.app.hostile.checks import assert_sound, row_counts
from tests.app.hostile.recipes import RECIPES, Recipe
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


@pytest.mark.parametrize("recipe", RECIPES, ids=[recipe.name for recipe in RECIPES])
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
        before = row_counts(services.database)
        try:
            result = recipe.call(services, here, arguments)
        except (ValidationError, NotFound) as error:
            event("refused")
            tally["refused"] += 1
            assert str(error).strip(), "a refusal says what to fix"
            assert row_counts(services.database) == before, "a refused call wrote rows"
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
    if dataclasses.is_dataclass(good) and not isinstance(good, type):
        names = [item.name for item in dataclasses.fields(good)]
        return st.sets(st.sampled_from(names), min_size=1, max_size=2).map(
            lambda chosen: dataclasses.replace(good, **{name: getattr(bad, name) for name in chosen})
        )
    indices = range(len(good))
    return st.sets(st.sampled_from(indices), min_size=1, max_size=2).map(
        lambda chosen: tuple(bad[i] if i in chosen else good[i] for i in indices)
    )


def test_the_checks_can_fail(services: Services, admin: Actor, clock: FixedClock) -> None:
    """The read-back catches a value of the wrong type that slipped into the database."""
    from app.services.rooms import RoomRow
    from tests.app.hostile.checks import assert_typed

    with pytest.raises(AssertionError, match="capacity"):
        assert_typed(RoomRow(1, "Sala", 12.5, 0, 0, "#ffffff", "", "", True, None))  # type: ignore[arg-type]
