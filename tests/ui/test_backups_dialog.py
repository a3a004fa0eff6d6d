"""The admin's backups dialog: the list, "Back up now", "Restore…" and the second folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import i18n, paths
from app.backups import Backups
from app.clock import FixedClock
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.app.damage import overwrite_pages_with_garbage
from tests.ui.message_boxes import Boxes, patch_boxes
from ui import backup_jobs
from ui.dialogs import backups_dialog
from ui.dialogs.backups_dialog import COL_CHECK, COL_FOLDER, COL_KIND, COL_WHEN, BackupsDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def backups(services: Services, clock: FixedClock) -> Backups:
    return Backups(database_path=services.database.path, folder=paths.backups_dir(), clock=clock)


def open_dialog(qtbot: QtBot, services: Services, actor: Actor) -> BackupsDialog:
    dialog = BackupsDialog(services=services, actor=actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    return dialog


def column(dialog: BackupsDialog, col: int) -> list[str]:
    return [dialog.table.item(row, col).text() for row in range(dialog.table.rowCount())]


def names(services: Services, actor: Actor) -> list[str]:
    return [row.given_name for row in services.people.search(actor, "")]


def test_the_list_shows_when_kind_folder_and_whether_sound(
    qtbot: QtBot, services: Services, admin: Actor, backups: Backups, clock: FixedClock, boxes: Boxes
) -> None:
    backups.make("start")
    clock.advance(hours=2)
    damaged = backups.make("manual").backup.path
    overwrite_pages_with_garbage(damaged)
    dialog = open_dialog(qtbot, services, admin)
    assert column(dialog, COL_WHEN) == ["Nov 22, 2026 at 11:00\u202fAM", "Nov 22, 2026 at 9:00\u202fAM"]
    assert column(dialog, COL_KIND) == ["daily", "daily"]
    assert column(dialog, COL_CHECK) == ["DAMAGED", "sound"]
    assert column(dialog, COL_FOLDER) == [str(paths.backups_dir())] * 2
    assert not dialog.restore_button.isEnabled()  # the damaged one is selected
    dialog.table.selectRow(1)
    assert dialog.restore_button.isEnabled()
    assert boxes.errors == []


def test_back_up_now_adds_a_checked_backup(qtbot: QtBot, services: Services, admin: Actor, boxes: Boxes) -> None:
    dialog = open_dialog(qtbot, services, admin)
    assert dialog.table.rowCount() == 0
    assert dialog.status.text() == "No backups yet: choose “Back up now”."
    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1 and not dialog.loading, timeout=10_000)
    assert column(dialog, COL_CHECK) == ["sound"]
    assert [info.reason for info in dialog.rows] == ["manual"]


def test_restore_asks_first_and_says_the_current_data_are_backed_up(
    qtbot: QtBot, services: Services, admin: Actor, backups: Backups, clock: FixedClock, boxes: Boxes
) -> None:
    services.people.create(admin, PersonDraft(given_name="Amina", family_name="Diallo"))
    backups.make("start")
    clock.advance(minutes=30)
    services.people.create(admin, PersonDraft(given_name="Bruno", family_name="Rossi"))
    dialog = open_dialog(qtbot, services, admin)

    boxes.answer = False
    dialog.restore_button.click()
    assert "First the current data are backed up" in boxes.questions[0]
    assert "Nov 22, 2026 at 9:00\u202fAM" in boxes.questions[0]
    assert sorted(names(services, admin)) == ["Amina", "Bruno"]
    assert not dialog.restored

    boxes.answer = True
    dialog.restore_button.click()
    assert dialog.restored and dialog.result() == dialog.DialogCode.Accepted
    assert names(services, admin) == ["Amina"]
    [safety] = paths.backups_dir().glob("house-*-before-restore.sqlite3")
    assert "The data as they were are kept as " + safety.name in boxes.infos[0]
    connection = sqlite3.connect(safety)
    assert sorted(row[0] for row in connection.execute("SELECT given_name FROM people")) == ["Amina", "Bruno"]
    connection.close()
    assert boxes.errors == []


def test_the_second_folder_is_remembered_at_this_computer_and_gets_copies(
    qtbot: QtBot,
    services: Services,
    admin: Actor,
    boxes: Boxes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(backups_dialog, "choose_folder", lambda parent, *, title, directory: stick)
    dialog = open_dialog(qtbot, services, admin)
    assert dialog.second_edit.text() == "" and not dialog.clear_button.isEnabled()
    dialog.choose_button.click()
    assert backup_jobs.second_folder() == stick
    assert f"[backups]\nsecond_folder={stick}\n" in (paths.config_dir() / "desk.ini").read_text()
    assert dialog.second_edit.text() == str(stick)
    assert dialog.second_hint.text() == "Every new backup is copied there too, and rotated the same way."

    dialog.back_up_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and not dialog.loading, timeout=10_000)
    assert sorted(column(dialog, COL_FOLDER)) == sorted([str(paths.backups_dir()), str(stick)])

    stick.rename(tmp_path / "unplugged")
    dialog.back_up_button.click()
    # The stick's copy is out of reach; the new backup is made here all the same.
    qtbot.waitUntil(lambda: len(boxes.errors) == 1 and not dialog.loading, timeout=10_000)
    assert column(dialog, COL_FOLDER) == [str(paths.backups_dir())] * 2
    assert boxes.errors and "cannot be reached" in boxes.errors[0]

    dialog.clear_button.click()
    assert backup_jobs.second_folder() is None


def test_admins_open_it_from_the_house_menu_and_sign_in_again_after_a_restore(
    qtbot: QtBot, services: Services, admin: Actor, backups: Backups, boxes: Boxes
) -> None:
    backups.make("start")
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.start_desk(admin)
    assert window.backups_action in window.house_menu.actions()
    assert window.house_menu.menuAction().isVisible()

    def restore_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BackupsDialog)
        qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
        dialog.restore_button.click()

    QTimer.singleShot(0, restore_in_dialog)
    window.backups_action.trigger()
    assert window.actor is None and window.stack.currentWidget() is window.login_page


def test_a_volunteer_cannot_reach_the_backups(qtbot: QtBot, services: Services, volunteer: Actor, boxes: Boxes) -> None:
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.start_desk(volunteer)
    assert not window.house_menu.menuAction().isVisible()


def test_the_dialog_in_italian_fits(
    qtbot: QtBot, services: Services, admin: Actor, backups: Backups, clock: FixedClock, boxes: Boxes
) -> None:
    i18n.set_language("it")
    for hours in range(3):
        backups.make("start")
        clock.advance(days=8 * hours + 1)
    dialog = open_dialog(qtbot, services, admin)
    assert dialog.windowTitle() == "Backup"
    assert column(dialog, COL_CHECK)[0] == "integro"
    assert dialog.width() <= 1366 and dialog.height() <= 768
    dialog.grab().save("/tmp/s1-backups-dialog.png")
