"""The admin's Users page and its editor, driven like a person at the desk would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.errors import LoginRefused
from app.i18n import _, set_language
from app.services import Services
from app.services.roles import Actor, Role
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import area_of
from ui.dialogs.pin_dialog import PinDialog
from ui.dialogs.user_editor import UserEditor
from ui.models.users_model import COL_ACTIVE, COL_LAST_LOGIN, COL_NAME, COL_ROLE, UsersModel
from ui.pages.users_page import UsersPage

# The offscreen platform says this whenever a window with a minimum size is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> UsersPage:
    page = UsersPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.show()
    page.shown()
    return page


def open_editor(qtbot: QtBot, page: UsersPage, *, edit: bool = False) -> UserEditor:
    qtbot.mouseClick(page.edit_button if edit else page.new_button, Qt.MouseButton.LeftButton)
    editor = page.dialog
    assert isinstance(editor, UserEditor)
    return editor


def error_text(dialog: UserEditor | PinDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"error_{field}")
    assert label is not None
    return label.text() if label.isVisibleTo(dialog) else ""


def select_user(page: UsersPage, name: str) -> None:
    for row in range(page.model.rowCount()):
        user = page.model.user_at(row)
        if user is not None and user.name == name:
            page.table.selectRow(row)
            return
    raise LookupError(name)


def choose_role(editor: UserEditor, role: Role) -> None:
    editor.role.setCurrentIndex(editor.role.findData(int(role)))


# -- the model -------------------------------------------------------------------------------------


def test_users_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, admin: Actor, volunteer: Actor, coordinator: Actor
) -> None:
    services.accounts.update_user(admin, volunteer.user_id, name="Samir", role=Role.VOLUNTEER, active=False)
    model = UsersModel()
    model.set_rows(services.accounts.users(admin))
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_users_model_shows_role_labels_activity_and_last_sign_in(
    services: Services, admin: Actor, volunteer: Actor
) -> None:
    set_language("en")
    services.accounts.create_user(admin, name="Nuovo", role=Role.COORDINATOR, pin="572946")
    model = UsersModel()
    model.set_rows(services.accounts.users(admin))
    texts = {
        model.index(row, COL_NAME).data(): [model.index(row, column).data() for column in range(4)]
        for row in range(model.rowCount())
    }
    assert texts["Samir"][COL_ROLE] == "volunteer"
    assert texts["Samir"][COL_ACTIVE] == "yes"
    assert texts["Samir"][COL_LAST_LOGIN] == "11/22/26, 9:00\u202fAM"
    assert texts["Nuovo"][COL_ROLE] == "coordinator"
    assert texts["Nuovo"][COL_LAST_LOGIN] == "never"
    assert model.headerData(COL_LAST_LOGIN, Qt.Orientation.Horizontal) == "Last sign-in"


# -- creating --------------------------------------------------------------------------------------


def test_admin_creates_a_volunteer_who_can_then_sign_in(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    assert area_of(UsersPage).title() == _("Users")
    editor = open_editor(qtbot, page)
    assert editor.isVisible()
    assert editor.chosen_role() is Role.VOLUNTEER
    qtbot.keyClicks(editor.name, "Marta Bianchi")
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.pin, "197346")
    qtbot.keyClicks(editor.pin_again, "197346")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.saved is not None
    assert page.dialog is None
    assert page.model.rowCount() == 2
    chosen = page.selected_user()
    assert chosen is not None and chosen.name == "Marta Bianchi" and chosen.role is Role.VOLUNTEER
    actor = services.accounts.login(chosen.id, "197346")
    assert actor.role is Role.VOLUNTEER
    assert boxes.errors == []


def test_a_coordinator_can_be_created_with_the_role_combo(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    editor = open_editor(qtbot, page)
    qtbot.keyClicks(editor.name, "Teresa")
    choose_role(editor, Role.COORDINATOR)
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.pin, "864209")
    qtbot.keyClicks(editor.pin_again, "864209")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    user = page.selected_user()
    assert user is not None and user.role is Role.COORDINATOR


def test_a_short_pin_is_explained_under_the_field(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    editor = open_editor(qtbot, page)
    qtbot.keyClicks(editor.name, "Marta")
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.pin, "123")
    qtbot.keyClicks(editor.pin_again, "123")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.isVisible()
    assert error_text(editor, "pin") == _("The PIN needs at least {count} digits.").format(count=6)
    assert error_text(editor, "pin_again") == ""
    assert [user.name for user in services.accounts.users(admin)] == ["Giulia"]


def test_different_pins_and_an_empty_name_are_all_shown_at_once(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    editor = open_editor(qtbot, page)
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.pin, "197346")
    qtbot.keyClicks(editor.pin_again, "197347")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert error_text(editor, "pin_again") == _("The two PINs are different: type the same PIN twice.")

    editor.pin_again.clear()
    qtbot.keyClicks(editor.pin_again, "197346")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "pin_again") == ""
    assert error_text(editor, "name") == _("Write the name shown on the login screen.")
    assert len(services.accounts.users(admin)) == 1


def test_a_name_already_taken_is_refused_inline(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor
) -> None:
    page = make_page(qtbot, services, admin)
    editor = open_editor(qtbot, page)
    qtbot.keyClicks(editor.name, "samir")
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.pin, "197346")
    qtbot.keyClicks(editor.pin_again, "197346")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "name") == _("Another user already has this name: add a surname or an initial.")


def test_ctrl_n_on_the_page_opens_a_new_user(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    page.add_new()
    assert isinstance(page.dialog, UserEditor)
    assert page.dialog.windowTitle() == _("New user")
    page.dialog.reject()
    assert page.dialog is None


# -- changing --------------------------------------------------------------------------------------


def test_the_last_admin_cannot_be_demoted(qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Giulia")
    editor = open_editor(qtbot, page, edit=True)
    assert editor.active is not None and editor.pin is None
    choose_role(editor, Role.COORDINATOR)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert boxes.questions, "demoting oneself is confirmed first"
    assert editor.isVisible()
    assert error_text(editor, "role") == _("This is the last active admin: make another user admin first.")
    assert services.accounts.users(admin)[0].role is Role.ADMIN


def test_the_last_admin_cannot_switch_themselves_off(
    qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Giulia")
    editor = open_editor(qtbot, page, edit=True)
    assert editor.active is not None
    editor.active.setChecked(False)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert error_text(editor, "active") == _("This is the last active admin: make another user admin first.")
    assert services.accounts.users(admin)[0].active


def test_switching_a_user_off_asks_first(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Samir")
    editor = open_editor(qtbot, page, edit=True)
    assert editor.active is not None
    editor.active.setChecked(False)

    boxes.answer = False
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(boxes.questions) == 1 and "Samir" in boxes.questions[0]
    assert editor.isVisible()
    assert all(user.active for user in services.accounts.users(admin))

    boxes.answer = True
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    user = page.selected_user()
    assert user is not None and user.name == "Samir" and not user.active
    assert page.model.index(page.model.row_of(user.id), COL_ACTIVE).data() == _("no")
    with pytest.raises(LoginRefused):
        services.accounts.login(volunteer.user_id, "135790")


def test_renaming_does_not_ask(qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Samir")
    editor = open_editor(qtbot, page, edit=True)
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Samir K.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert boxes.questions == []
    user = page.selected_user()
    assert user is not None and user.name == "Samir K."


def test_enter_on_a_row_edits_that_user(qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Samir")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, UserEditor)
    assert page.dialog.name.text() == "Samir"
    page.dialog.reject()


# -- PINs from the page ----------------------------------------------------------------------------


def test_admin_sets_a_forgotten_pin_from_the_page(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    select_user(page, "Samir")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PinDialog)
    assert dialog.current_pin is None
    assert "Samir" in dialog.windowTitle()
    qtbot.keyClicks(dialog.pin, "582014")
    qtbot.keyClicks(dialog.pin_again, "582014")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert boxes.infos
    assert services.accounts.login(volunteer.user_id, "582014").name == "Samir"


def test_buttons_need_a_chosen_user(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    assert page.edit_button.isEnabled()
    page.table.clearSelection()
    assert not page.edit_button.isEnabled()
    assert not page.pin_button.isEnabled()
    assert page.new_button.isEnabled()


def test_the_cursor_goes_to_the_first_field_to_fix(qtbot: QtBot, services: Services, admin: Actor) -> None:
    page = make_page(qtbot, services, admin)
    editor = open_editor(qtbot, page)
    assert editor.pin is not None and editor.pin_again is not None
    qtbot.keyClicks(editor.name, "Marta")
    qtbot.keyClicks(editor.pin, "197346")
    qtbot.keyClicks(editor.pin_again, "197347")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.focusWidget() is editor.pin_again
    editor.name.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.focusWidget() is editor.name  # the name comes first
