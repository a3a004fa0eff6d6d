"""A user locked by too many wrong PINs: the login screen says so, an admin unlocks them in Users."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.errors import LoginRefused
from app.i18n import set_language
from app.services import Services
from app.services.accounts import LOCK_AFTER
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.models.users_model import COL_ACTIVE
from ui.pages.login_page import LoginPage
from ui.pages.users_page import UsersPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SAMIR_PIN = "135790"


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def lock(services: Services, clock: FixedClock, user_id: int) -> None:
    for _attempt in range(LOCK_AFTER):
        with pytest.raises(LoginRefused) as caught:
            services.accounts.login(user_id, "918273")
        clock.advance(seconds=caught.value.wait_seconds)


def users_page(qtbot: QtBot, services: Services, admin: Actor) -> UsersPage:
    page = UsersPage(services=services, actor=admin)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.shown()
    return page


def select(page: UsersPage, name: str) -> int:
    for row in range(page.model.rowCount()):
        user = page.model.user_at(row)
        if user is not None and user.name == name:
            page.table.selectRow(row)
            return row
    raise LookupError(name)


def test_the_login_screen_says_the_user_is_locked_and_to_ask_an_admin(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, clock: FixedClock
) -> None:
    lock(services, clock, volunteer.user_id)
    clock.advance(hours=1)
    set_language("it")
    login = LoginPage(services=services)
    qtbot.addWidget(login)
    login.resize(1366, 768)
    login.show()
    login.reload()
    login.select_user(volunteer.user_id)
    type_text(login.pin, SAMIR_PIN)
    qtbot.keyClick(login.pin, Qt.Key.Key_Return)
    assert login.message.isVisible()
    text = login.message.text()
    assert "10" in text
    login.grab().save("/tmp/s3-login-locked.png")
    set_language("en")


def test_the_admin_sees_the_lock_and_lifts_it(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, clock: FixedClock, boxes: Boxes
) -> None:
    page = users_page(qtbot, services, admin)
    select(page, "Samir")
    assert not page.unlock_button.isEnabled()
    assert page.model.index(select(page, "Samir"), COL_ACTIVE).data() == "yes"

    lock(services, clock, volunteer.user_id)
    page.shown()
    row = select(page, "Samir")
    assert page.model.index(row, COL_ACTIVE).data() == "locked: too many wrong PINs"
    assert page.unlock_button.isEnabled()
    select(page, "Giulia")
    assert not page.unlock_button.isEnabled()
    select(page, "Samir")
    page.grab().save("/tmp/s3-users-locked.png")

    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # "&Unlock"
    qtbot.waitUntil(lambda: bool(boxes.infos or boxes.errors))  # a mnemonic clicks after a short flash
    assert boxes.errors == []
    assert boxes.infos and "Samir can sign in again" in boxes.infos[0]
    assert page.selected_user() is not None and page.selected_user().name == "Samir"  # type: ignore[union-attr]
    assert not page.unlock_button.isEnabled()
    assert page.model.index(row, COL_ACTIVE).data() == "yes"
    assert services.accounts.login(volunteer.user_id, SAMIR_PIN).name == "Samir"
    last = services.audit.rows(admin, services.audit.entry_ids(admin, entity="user", entity_id=volunteer.user_id))
    assert [entry.action for entry in last[:2]] == ["login", "unlock"]
    assert last[1].user_name == "Giulia"
