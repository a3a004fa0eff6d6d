"""Recipes for cancellations, withdrawals, removals and unlocking: the read-back compares the
record field by field with what it was before the call, only the cancelled fields changed.

A hostile id may name any record of the kind (an earlier example's, the world's), not only the
one ``prepare`` made; so ``prepare`` also reads every record of the kind (``_every``), and the
check finds the one the call named among them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from app.clock import FixedClock
from app.db.models import Booking, BookingSeries, Enrolment, Receipt, User, WorkshopSession
from app.errors import LoginRefused
from app.services import Services
from app.services.accounts import LOCK_AFTER
from app.services.booking_types import BookingStatus
from app.services.enrolments import EnrolmentStatus
from app.services.receipts import Cancellation
from app.services.visits import ServiceCount
from tests.app.hostile import edit_recipes as edits
from tests.app.hostile import strategies as hs
from tests.app.hostile.recipes import Recipe, _same
from tests.app.hostile.world import World

Prepare = Callable[[Services, World], dict[str, Any]]
Read = Callable[[Services, World, int], Any]


def _every(services: Services, world: World, model: Any, read: Read) -> dict[int, Any]:
    """Every record of ``model`` as its service reads it, by id."""
    with services.database.sessions.begin() as session:
        ids = list(session.scalars(select(model.id)))
    return {record: read(services, world, record) for record in ids}


def _with_before(make: Prepare, model: Any, read: Read) -> Prepare:
    """``make``'s record, and every record of ``model`` as it was before the call."""

    def prepare(services: Services, world: World) -> dict[str, Any]:
        made = make(services, world)
        return {**made, "before": _every(services, world, model, read)}

    return prepare


def _changed_only(read: Read, changes: Callable[[Services, World, Any], dict[str, Any]]) -> Any:
    """A check: the named record reads as before with ``changes`` (given the value), nothing else."""

    def check(services: Services, world: World, value: Any, result: Any) -> None:
        key = edits._mine(world, value[0] if isinstance(value, tuple) else value)
        stored = read(services, world, key)
        _same(stored, replace(world.prepared["before"][key], **changes(services, world, value)))

    return check


def _now(services: Services) -> datetime:
    return services.clock.now()


# -- what is read ------------------------------------------------------------------------------


def _booking(services: Services, world: World, booking_id: int) -> Any:
    return services.bookings.get(world.actor, booking_id)


def _series(services: Services, world: World, series_id: int) -> Any:
    return services.bookings.series(world.actor, series_id)


def _session(services: Services, world: World, session_id: int) -> Any:
    return services.workshop_sessions.session(world.actor, session_id)


def _enrolment(services: Services, world: World, enrolment_id: int) -> Any:
    return services.enrolments.get(world.actor, enrolment_id)


def _receipt(services: Services, world: World, receipt_id: int) -> Any:
    return services.receipts.get(world.actor, receipt_id)


def _user(services: Services, world: World, user_id: int) -> Any:
    return {row.id: row for row in services.accounts.users(world.actor)}[user_id]


# -- prepares whose records have no read by id ---------------------------------------------------


def _reservation(services: Services, world: World) -> dict[str, Any]:
    made = edits._reservation(services, world)
    return {**made, "before": {row.id: row for row in services.tool_reservations.of_person(world.actor, world.person)}}


def _reservation_check(services: Services, world: World, value: Any, result: Any) -> None:
    before = world.prepared["before"]
    _same(result, replace(before[result.id], status="cancelled"))
    after = {row.id: row for row in services.tool_reservations.of_person(world.actor, world.person)}
    assert after == {key: row for key, row in before.items() if key != result.id}


_ALL_YEARS = (date(1900, 1, 1), date(2199, 12, 31))


def _closure(services: Services, world: World) -> dict[str, Any]:
    made = edits._closure(services, world)
    return {**made, "before": services.closures.closures(world.actor, *_ALL_YEARS)}


def _closure_check(services: Services, world: World, value: Any, result: Any) -> None:
    removed = edits._mine(world, value)
    after = services.closures.closures(world.actor, *_ALL_YEARS)
    assert after == [row for row in world.prepared["before"] if row.id != removed]
    assert len(after) == len(world.prepared["before"]) - 1


def _visit(services: Services, world: World) -> dict[str, Any]:
    made = edits._visit(services, world)
    return {**made, "before": services.visits.counts(world.actor)}


def _visit_check(services: Services, world: World, value: Any, result: Any) -> None:
    """One visit fewer for its service today, the other services as they were."""
    before = {row.service_id: row for row in world.prepared["before"]}
    expected = replace(before[result.service_id], count=before[result.service_id].count - 1)
    _same(result, expected)
    after = {row.service_id: row for row in services.visits.counts(world.actor)}
    assert after == {**before, result.service_id: ServiceCount(expected.service_id, expected.label, expected.count)}


def _locked_user(services: Services, world: World) -> dict[str, Any]:
    """A new volunteer locked through the real path: ``LOCK_AFTER`` wrong PINs at sign-in, each
    after the delay of the one before (the clock moves on by those delays)."""
    made = edits._user(services, world)
    clock = services.clock
    assert isinstance(clock, FixedClock)
    for _attempt in range(LOCK_AFTER):
        try:
            services.accounts.login(made["id"], "918273")
        except LoginRefused as refused:
            clock.advance(seconds=refused.wait_seconds)
    return {**made, "before": _every(services, world, User, _user)}


def _unlock_check(services: Services, world: World, value: Any, result: Any) -> None:
    _changed_only(_user, lambda s, w, v: {"locked": False})(services, world, value, result)
    assert result == _user(services, world, result.id)
    services.accounts.login(result.id, "246802")  # the PIN ``edits._user`` gave them


def _by_id(name: str, check: Any, prepare: Prepare, examples: int = 10) -> Recipe:
    """A recipe for a method that takes only the id of a record: the prepared one or a hostile id."""
    return Recipe(
        name, lambda w: edits._ref(), edits._call(name, "single"), check, examples, prepare, lambda w: edits.MINE
    )


CANCEL_RECIPES = (
    _by_id(
        "bookings.cancel_booking",
        _changed_only(_booking, lambda s, w, v: {"status": BookingStatus.CANCELLED}),
        _with_before(edits._booking, Booking, _booking),
    ),
    _by_id(
        "bookings.cancel_series",
        _changed_only(_series, lambda s, w, v: {"status": BookingStatus.CANCELLED}),
        _with_before(edits._series, BookingSeries, _series),
    ),
    _by_id(
        "workshop_sessions.cancel",
        _changed_only(_session, lambda s, w, v: {"cancelled": True}),
        _with_before(edits._session, WorkshopSession, _session),
    ),
    _by_id(
        "enrolments.withdraw",
        _changed_only(
            _enrolment,
            lambda s, w, v: {"status": EnrolmentStatus.WITHDRAWN, "position": None, "withdrawn_at": _now(s)},
        ),
        _with_before(edits._enrolment, Enrolment, _enrolment),
    ),
    _by_id("visits.undo", _visit_check, _visit),
    _by_id("tool_reservations.cancel", _reservation_check, _reservation),
    _by_id("closures.remove", _closure_check, _closure),
    Recipe(
        "receipts.cancel",
        lambda w: st.tuples(edits._ref(), st.one_of(st.just("Importo sbagliato"), hs.text_or_wrong())),
        edits._call("receipts.cancel"),
        _changed_only(
            _receipt,
            lambda s, w, v: {"cancellation": Cancellation(_now(s), w.actor.name, v[1].strip())},
        ),
        prepare=_with_before(edits._receipt, Receipt, _receipt),
        good=lambda w: (edits.MINE, "Importo sbagliato"),
    ),
    _by_id(
        "receipts.reprint",
        _changed_only(
            _receipt, lambda s, w, v: {"reprint_count": w.prepared["before"][edits._mine(w, v)].reprint_count + 1}
        ),
        _with_before(edits._receipt, Receipt, _receipt),
    ),
    _by_id("accounts.unlock", _unlock_check, _locked_user, examples=6),
)
