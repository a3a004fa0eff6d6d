"""First run, PINs, throttled sign-in and user management."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.db.models import User
from app.errors import LoginRefused, PermissionDenied, ValidationError
from app.services import Services
from app.services.accounts import MAX_DELAY_SECONDS, retry_delay
from app.services.roles import Actor, Role
from tests.conftest import ADMIN_PIN, HOUSE


def test_the_first_run_records_the_house_and_signs_the_admin_in(services: Services) -> None:
    assert services.accounts.needs_first_run()
    actor = services.accounts.first_run(house=HOUSE, admin_name=" Giulia ", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
    assert actor.name == "Giulia" and actor.role is Role.ADMIN
    assert not services.accounts.needs_first_run()
    assert services.house.details() == HOUSE
    with pytest.raises(PermissionDenied):
        services.accounts.first_run(house=HOUSE, admin_name="Eve", pin="918273", pin_again="918273")


def test_the_first_run_reports_every_problem_at_once(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.accounts.first_run(
            house=HOUSE.__class__(name="", address="", fiscal_code="12345678901"),
            admin_name="",
            pin="12a",
            pin_again="999",
        )
    fields = {problem.field for problem in caught.value.problems}
    assert fields == {"name", "address", "fiscal_code", "admin_name", "pin", "pin_again"}
    assert services.accounts.needs_first_run()


@pytest.mark.parametrize("pin", ["12345", "123456", "111111", "987654", "12 345", "١٢٣٤٥٦"])
def test_weak_or_malformed_pins_are_refused(services: Services, admin: Actor, pin: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin=pin)
    assert caught.value.problems[0].field == "pin"


def test_an_empty_pin_asks_for_one_rather_than_for_digits(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="")
    assert [(problem.field, problem.message) for problem in caught.value.problems] == [
        ("pin", "Write a PIN of at least 6 digits.")
    ]


def test_pins_are_stored_only_as_argon2id_hashes(services: Services, admin: Actor) -> None:
    with services.database.sessions.begin() as session:
        stored = session.scalars(select(User.pin_hash)).one()
    assert stored.startswith("$argon2id$")
    assert ADMIN_PIN not in stored


def test_wrong_pins_slow_down_and_the_delay_survives_a_restart(
    services: Services, admin: Actor, clock: FixedClock
) -> None:
    delays = []
    for _attempt in range(4):
        with pytest.raises(LoginRefused) as caught:
            services.accounts.login(admin.user_id, "918273")
        delays.append(caught.value.wait_seconds)
        # Trying again at once, even with the right PIN, is refused.
        with pytest.raises(LoginRefused):
            services.accounts.login(admin.user_id, ADMIN_PIN)
        clock.advance(seconds=caught.value.wait_seconds)
    assert delays == [1, 2, 4, 8]
    restarted = Services.build(database=services.database, clock=clock)
    with pytest.raises(LoginRefused):
        restarted.accounts.login(admin.user_id, "918273")
    with pytest.raises(LoginRefused) as caught:
        restarted.accounts.login(admin.user_id, ADMIN_PIN)
    assert caught.value.wait_seconds == 16
    clock.advance(seconds=16)
    assert restarted.accounts.login(admin.user_id, ADMIN_PIN).user_id == admin.user_id
    # A success resets the count: the next mistake waits one second again.
    with pytest.raises(LoginRefused) as caught:
        restarted.accounts.login(admin.user_id, "918273")
    assert caught.value.wait_seconds == 1


def test_the_delay_is_capped() -> None:
    assert [retry_delay(n) for n in range(5)] == [0, 1, 2, 4, 8]
    assert retry_delay(50) == MAX_DELAY_SECONDS


def test_only_an_admin_manages_users(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    for actor in (volunteer, coordinator):
        with pytest.raises(PermissionDenied, match="admin"):
            services.accounts.create_user(actor, name="Eve", role=Role.ADMIN, pin="918273")
        with pytest.raises(PermissionDenied):
            services.accounts.users(actor)


def test_a_deactivated_user_loses_rights_at_once(services: Services, admin: Actor, volunteer: Actor) -> None:
    services.accounts.update_user(admin, volunteer.user_id, name="Samir", role=Role.VOLUNTEER, active=False)
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.people.search_ids(volunteer, "")
    assert [user.name for user in services.accounts.users_for_login()] == ["Giulia"]
    with pytest.raises(LoginRefused):
        services.accounts.login(volunteer.user_id, "135790")


def test_the_last_admin_cannot_be_demoted_or_deactivated(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationError, match="last active admin"):
        services.accounts.update_user(admin, admin.user_id, name="Giulia", role=Role.VOLUNTEER, active=True)
    with pytest.raises(ValidationError, match="last active admin"):
        services.accounts.update_user(admin, admin.user_id, name="Giulia", role=Role.ADMIN, active=False)


def test_user_names_are_unique_whatever_the_case(services: Services, admin: Actor) -> None:
    with pytest.raises(ValidationError, match="already has this name"):
        services.accounts.create_user(admin, name="giulia", role=Role.VOLUNTEER, pin="918273")


def test_anyone_may_change_their_own_pin_but_only_an_admin_another_s(
    services: Services, admin: Actor, volunteer: Actor
) -> None:
    services.accounts.set_pin(volunteer, volunteer.user_id, pin="918273", pin_again="918273")
    assert services.accounts.login(volunteer.user_id, "918273") == volunteer
    with pytest.raises(PermissionDenied):
        services.accounts.set_pin(volunteer, admin.user_id, pin="918273", pin_again="918273")
    services.accounts.set_pin(admin, volunteer.user_id, pin="572946", pin_again="572946")
    services.accounts.check_pin(volunteer, "572946")
    with pytest.raises(LoginRefused, match="Wrong PIN"):
        services.accounts.check_pin(volunteer, "918273")


def test_sign_ins_and_user_changes_are_audited(services: Services, admin: Actor, volunteer: Actor) -> None:
    rows = services.audit.rows(admin, services.audit.entry_ids(admin, entity="user"))
    actions = [(row.action, row.record_label) for row in reversed(rows)]
    assert ("create", "Giulia") in actions
    assert ("create", "Samir") in actions
    assert ("login", "Samir") in actions
