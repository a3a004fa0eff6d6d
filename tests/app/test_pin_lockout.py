"""Wrong PINs: after LOCK_AFTER in a row the user is locked until an admin unlocks them."""

from __future__ import annotations

import pytest

from app.clock import FixedClock
from app.errors import LoginRefused, PermissionDenied, ValidationError
from app.services import Services
from app.services.accounts import LOCK_AFTER
from app.services.roles import Actor, Role
from tests.conftest import ADMIN_PIN

SAMIR_PIN = "135790"
WRONG = "918273"


def fail(services: Services, clock: FixedClock, user_id: int, times: int) -> LoginRefused:
    """``times`` wrong PINs, each after the delay of the one before; the last refusal."""
    last: LoginRefused | None = None
    for _attempt in range(times):
        with pytest.raises(LoginRefused) as caught:
            services.accounts.login(user_id, WRONG)
        last = caught.value
        clock.advance(seconds=last.wait_seconds)
    assert last is not None
    return last


def audit_actions(services: Services, admin: Actor, user_id: int) -> list[str]:
    ids = services.audit.entry_ids(admin, entity="user", entity_id=user_id)
    return [row.action for row in services.audit.rows(admin, ids)]


def test_ten_wrong_pins_in_a_row_lock_the_user_even_against_the_right_pin(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    assert LOCK_AFTER == 10
    before = fail(services, clock, volunteer.user_id, LOCK_AFTER - 1)
    assert before.wait_seconds > 0
    assert not next(row for row in services.accounts.users(admin) if row.id == volunteer.user_id).locked

    last = fail(services, clock, volunteer.user_id, 1)
    assert last.wrong_pin
    assert "ask an admin" in last.message
    assert last.wait_seconds == 0

    clock.advance(hours=24)
    with pytest.raises(LoginRefused, match="ask an admin to unlock it") as caught:
        services.accounts.login(volunteer.user_id, SAMIR_PIN)
    assert not caught.value.wrong_pin
    # The lock lives in the database: a restarted program still refuses.
    restarted = Services.build(database=services.database, clock=clock)
    with pytest.raises(LoginRefused, match="Locked"):
        restarted.accounts.login(volunteer.user_id, SAMIR_PIN)

    rows = {row.id: row for row in services.accounts.users(admin)}
    assert rows[volunteer.user_id].locked
    assert not rows[admin.user_id].locked
    assert audit_actions(services, admin, volunteer.user_id)[:2] == ["lock", "login_failed"]


def test_a_success_in_between_starts_the_count_again(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    fail(services, clock, volunteer.user_id, LOCK_AFTER - 1)
    services.accounts.login(volunteer.user_id, SAMIR_PIN)
    fail(services, clock, volunteer.user_id, LOCK_AFTER - 1)
    assert services.accounts.login(volunteer.user_id, SAMIR_PIN).user_id == volunteer.user_id


def test_an_admin_unlocks_and_the_user_signs_in_with_their_pin(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    fail(services, clock, volunteer.user_id, LOCK_AFTER)
    unlocked = services.accounts.unlock(admin, volunteer.user_id)
    assert not unlocked.locked
    assert services.accounts.login(volunteer.user_id, SAMIR_PIN).user_id == volunteer.user_id
    actions = audit_actions(services, admin, volunteer.user_id)
    assert actions[:2] == ["login", "unlock"]
    unlock_row = services.audit.rows(admin, services.audit.entry_ids(admin, entity="user"))[1]
    assert unlock_row.user_name == "Giulia"
    # After the unlock a single mistake waits a second again, it does not lock at once.
    with pytest.raises(LoginRefused) as caught:
        services.accounts.login(volunteer.user_id, WRONG)
    assert caught.value.wait_seconds == 1
    with pytest.raises(ValidationError, match="is not locked"):
        services.accounts.unlock(admin, volunteer.user_id)


def test_only_an_admin_unlocks(
    services: Services, admin: Actor, volunteer: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    fail(services, clock, volunteer.user_id, LOCK_AFTER)
    with pytest.raises(PermissionDenied):
        services.accounts.unlock(coordinator, volunteer.user_id)
    with pytest.raises(PermissionDenied):
        services.accounts.unlock(volunteer, volunteer.user_id)
    assert next(row for row in services.accounts.users(admin) if row.id == volunteer.user_id).locked


def test_a_new_pin_set_by_an_admin_also_unlocks(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    fail(services, clock, volunteer.user_id, LOCK_AFTER)
    services.accounts.set_pin(admin, volunteer.user_id, pin="570913", pin_again="570913")
    assert services.accounts.login(volunteer.user_id, "570913").user_id == volunteer.user_id


def test_wrong_pins_at_a_confirmation_count_too(
    services: Services, admin: Actor, coordinator: Actor, clock: FixedClock
) -> None:
    """The PIN asked again before a sensitive step is no way round the lock."""
    for _attempt in range(LOCK_AFTER):
        with pytest.raises(LoginRefused) as caught:
            services.accounts.check_pin(coordinator, WRONG)
        clock.advance(seconds=caught.value.wait_seconds)
    with pytest.raises(LoginRefused, match="Locked"):
        services.accounts.check_pin(coordinator, "864209")
    with pytest.raises(LoginRefused, match="Locked"):
        services.accounts.login(coordinator.user_id, "864209")


def test_the_last_admin_is_slowed_down_but_never_locked(
    services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    """Nobody could lift the lock of the only admin: they wait the longest delay instead."""
    last = fail(services, clock, admin.user_id, LOCK_AFTER + 2)
    assert last.wait_seconds == 300
    assert services.accounts.login(admin.user_id, ADMIN_PIN).user_id == admin.user_id

    second = services.accounts.create_user(admin, name="Marco", role=Role.ADMIN, pin="570913")
    fail(services, clock, admin.user_id, LOCK_AFTER)
    with pytest.raises(LoginRefused, match="Locked"):
        services.accounts.login(admin.user_id, ADMIN_PIN)
    marco = services.accounts.login(second.id, "570913")
    services.accounts.unlock(marco, admin.user_id)
    assert services.accounts.login(admin.user_id, ADMIN_PIN).user_id == admin.user_id
