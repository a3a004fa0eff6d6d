"""Changing one's own PIN (current PIN first) and an admin setting someone else's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.errors import LoginRefused
from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from tests.conftest import ADMIN_PIN
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.pin_dialog import PinDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

VOLUNTEER_PIN = "135790"
NEW_PIN = "470258"


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_dialog(qtbot: QtBot, services: Services, actor: Actor, user_id: int) -> PinDialog:
    dialog = PinDialog(services=services, actor=actor, user_id=user_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def error_text(dialog: PinDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


def fill(qtbot: QtBot, dialog: PinDialog, *, current: str = "", pin: str = NEW_PIN, again: str = NEW_PIN) -> None:
    if dialog.current_pin is not None:
        dialog.current_pin.clear()
        qtbot.keyClicks(dialog.current_pin, current)
    dialog.pin.clear()
    dialog.pin_again.clear()
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClicks(dialog.pin_again, again)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def can_sign_in(services: Services, user_id: int, pin: str) -> bool:
    try:
        services.accounts.login(user_id, pin)
    except LoginRefused:
        return False
    return True


def test_own_pin_needs_the_right_current_pin(
    qtbot: QtBot, services: Services, volunteer: Actor, boxes: Boxes, clock: FixedClock
) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    assert dialog.own
    assert dialog.current_pin is not None
    assert dialog.windowTitle() == _("Change my PIN")
    assert dialog.current_pin.hasFocus() or dialog.focusWidget() is dialog.current_pin

    fill(qtbot, dialog, current="999999")
    assert dialog.isVisible()
    assert error_text(dialog, "current_pin").startswith(_("Wrong PIN."))
    assert dialog.current_pin.text() == ""
    clock.advance(seconds=1)  # a wrong PIN slows down the next try, as at sign-in
    assert can_sign_in(services, volunteer.user_id, VOLUNTEER_PIN)

    fill(qtbot, dialog, current=VOLUNTEER_PIN)
    assert dialog.result() == PinDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert boxes.infos == [_("The new PIN is saved: use it from the next sign-in.")]
    assert can_sign_in(services, volunteer.user_id, NEW_PIN)


def test_an_empty_current_pin_is_asked_for(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    fill(qtbot, dialog, current="")
    assert error_text(dialog, "current_pin") == _("Type your current PIN first.")
    assert dialog.isVisible()


def test_a_short_new_pin_is_explained_inline(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    fill(qtbot, dialog, current=VOLUNTEER_PIN, pin="1234", again="1234")
    assert error_text(dialog, "current_pin") == ""
    assert error_text(dialog, "pin") == _("The PIN needs at least {count} digits.").format(count=6)
    assert dialog.isVisible()
    assert can_sign_in(services, volunteer.user_id, VOLUNTEER_PIN)


def test_different_new_pins_are_explained_inline(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    fill(qtbot, dialog, current=VOLUNTEER_PIN, pin=NEW_PIN, again="470259")
    assert error_text(dialog, "pin_again") == _("The two PINs are different: type the same PIN twice.")
    assert error_text(dialog, "pin") == ""
    assert can_sign_in(services, volunteer.user_id, VOLUNTEER_PIN)


def test_an_easy_pin_is_refused(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    fill(qtbot, dialog, current=VOLUNTEER_PIN, pin="123456", again="123456")
    assert error_text(dialog, "pin") == _("This PIN is too easy to guess: avoid repeated or consecutive digits.")


def test_the_pin_fields_take_digits_only(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    qtbot.keyClicks(dialog.pin, "12ab34")
    assert dialog.pin.text() == "1234"


def test_admin_sets_another_users_pin_without_knowing_it(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, admin, volunteer.user_id)
    assert not dialog.own
    assert dialog.current_pin is None
    assert dialog.windowTitle() == _("Set the PIN of {name}").format(name="Samir")
    fill(qtbot, dialog)
    assert dialog.result() == PinDialog.DialogCode.Accepted
    assert boxes.infos == [_("The new PIN is saved. Tell it to the user privately.")]
    assert can_sign_in(services, volunteer.user_id, NEW_PIN)
    assert can_sign_in(services, admin.user_id, ADMIN_PIN)


def test_a_volunteer_cannot_set_someone_elses_pin(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    dialog = make_dialog(qtbot, services, volunteer, admin.user_id)
    fill(qtbot, dialog)
    assert boxes.errors == [_("Only an admin can do this. Ask an admin to sign in and do it.")]
    assert dialog.isVisible()
    assert can_sign_in(services, admin.user_id, ADMIN_PIN)


def test_the_own_pin_change_is_in_the_audit_log(
    qtbot: QtBot, services: Services, admin: Actor, coordinator: Actor, boxes: Boxes
) -> None:
    before = services.audit.count(admin)
    dialog = make_dialog(qtbot, services, coordinator, coordinator.user_id)
    fill(qtbot, dialog, current="864209")
    newest = services.audit.rows(admin, services.audit.entry_ids(admin)[:1])[0]
    assert services.audit.count(admin) == before + 1
    assert (newest.user_name, newest.action, newest.fields) == ("Teresa", "update", ("pin",))


def test_the_cursor_goes_to_the_pin_to_fix(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    dialog = make_dialog(qtbot, services, volunteer, volunteer.user_id)
    fill(qtbot, dialog, current=VOLUNTEER_PIN, pin=NEW_PIN, again="470259")
    assert dialog.focusWidget() is dialog.pin_again
    fill(qtbot, dialog, current=VOLUNTEER_PIN, pin="1234", again="1234")
    assert dialog.focusWidget() is dialog.pin
