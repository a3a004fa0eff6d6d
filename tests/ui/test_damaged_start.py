"""A damaged file at start: a clear message, the damaged file set aside, the newest sound backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import i18n, paths
from app.backups import Backups
from app.clock import FixedClock
from app.db.schema import open_database
from app.services import Services
from app.services.people import PersonDraft
from tests.app.damage import PAGE_SIZE, overwrite_pages_with_garbage, replace_with_text
from tests.conftest import ADMIN_PIN, HOUSE
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.application import watch_the_file
from ui.damaged_start import open_or_restore
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Boxes:
    """The boxes answered, in a running application (the desk shows its cursor while it works)."""
    return patch_boxes(monkeypatch)


def make_house(path: Path, clock: FixedClock, *names: str) -> None:
    database = open_database(path, backups_dir=paths.backups_dir())
    try:
        services = Services.build(database=database, clock=clock)
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        for name in names:
            services.people.create(admin, PersonDraft(given_name=name, family_name="Rossi", notes="x" * 500))
    finally:
        database.close()


def names_in(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted({row[0] for row in connection.execute("SELECT given_name FROM people")})
    finally:
        connection.close()


@pytest.fixture
def house(tmp_path: Path, clock: FixedClock) -> tuple[Path, Backups]:
    """A house with a backup of 9:00 that holds Amina; Bruno came after it."""
    path = tmp_path / "house.sqlite3"
    make_house(path, clock, "Amina")
    backups = Backups(database_path=path, folder=paths.backups_dir(), clock=clock)
    backups.make("start")
    clock.advance(hours=3)
    database = open_database(path, backups_dir=paths.backups_dir())
    services = Services.build(database=database, clock=clock)
    admin = services.accounts.login(1, ADMIN_PIN)
    services.people.create(admin, PersonDraft(given_name="Bruno", family_name="Rossi"))
    database.close()
    return path, backups


@pytest.mark.parametrize("damage", [overwrite_pages_with_garbage, replace_with_text], ids=["garbage", "not-sqlite"])
def test_the_newest_sound_backup_is_offered_and_the_damaged_file_kept(
    house: tuple[Path, Backups], boxes: Boxes, damage: Callable[[Path], None]
) -> None:
    path, backups = house
    damage(path)
    damaged_bytes = path.read_bytes()
    database = open_or_restore(path, backups=backups)
    assert database is not None
    try:
        assert len(boxes.questions) == 1
        assert "damaged or cannot be read" in boxes.questions[0]
        assert "made on Nov 22, 2026 at 9:00\u202fAM" in boxes.questions[0]
        assert "The damaged file is not deleted" in boxes.questions[0]
        [aside] = path.parent.glob("house.sqlite3.damaged-*[0-9]")
        assert aside.read_bytes() == damaged_bytes
        assert str(aside) in boxes.infos[0]
        assert names_in(path) == ["Amina"]  # everything the backup holds
        services = Services.build(database=database, clock=FixedClock())
        assert services.accounts.login(1, ADMIN_PIN).name == "Giulia"  # the desk starts on it
    finally:
        database.close()


def test_saying_no_leaves_the_file_as_it_is(house: tuple[Path, Backups], boxes: Boxes) -> None:
    path, backups = house
    overwrite_pages_with_garbage(path)
    damaged_bytes = path.read_bytes()
    boxes.answer = False
    assert open_or_restore(path, backups=backups) is None
    assert path.read_bytes() == damaged_bytes
    assert not list(path.parent.glob("*.damaged-*"))


def test_a_damaged_backup_is_skipped_for_an_older_sound_one(
    house: tuple[Path, Backups], boxes: Boxes, clock: FixedClock
) -> None:
    path, backups = house
    newer = backups.make("manual").backup  # 12:00, with Bruno
    overwrite_pages_with_garbage(newer.path)
    replace_with_text(path)
    database = open_or_restore(path, backups=backups)
    assert database is not None
    database.close()
    assert "at 9:00\u202fAM" in boxes.questions[0]
    assert names_in(path) == ["Amina"]


def test_without_a_sound_backup_the_desk_says_whom_to_call_and_stops(tmp_path: Path, boxes: Boxes) -> None:
    path = tmp_path / "house.sqlite3"
    replace_with_text(path)
    backups = Backups(database_path=path, folder=paths.backups_dir(), clock=FixedClock())
    assert open_or_restore(path, backups=backups) is None
    assert boxes.questions == []
    assert "no sound backup was found" in boxes.errors[0]
    assert path.read_text(encoding="utf-8").startswith("Verbale")


def test_a_file_from_a_newer_portineria_is_refused_not_restored(house: tuple[Path, Backups], boxes: Boxes) -> None:
    path, backups = house
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeedbeef'")
    connection.close()
    assert open_or_restore(path, backups=backups) is None
    assert boxes.questions == []
    assert "newer version of Portineria" in boxes.errors[0]


def test_the_message_is_in_italian(house: tuple[Path, Backups], boxes: Boxes) -> None:
    i18n.set_language("it")
    path, backups = house
    replace_with_text(path)
    boxes.answer = False
    open_or_restore(path, backups=backups)
    assert boxes.questions[0].startswith("Il file dei dati è danneggiato o illeggibile.")


def test_damage_found_by_the_check_after_the_window_shows(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, boxes: Boxes
) -> None:
    """The file opens and the login screen shows; the check off the UI thread finds the damage."""
    path = tmp_path / "house.sqlite3"
    make_house(path, clock, *[f"Persona {number}" for number in range(300)])
    backups = Backups(database_path=path, folder=paths.backups_dir(), clock=clock)
    backups.make("start")
    pages = path.stat().st_size // PAGE_SIZE
    overwrite_pages_with_garbage(path, first_page=pages - 3)  # the people's pages, not the settings
    database = open_or_restore(path, backups=backups)
    assert database is not None and boxes.questions == []  # opening reads nothing damaged
    services = Services.build(database=database, clock=clock)
    window = MainWindow(services=services)
    qtbot.addWidget(window)
    window.show()
    scheduler = watch_the_file(window, backups, database)
    scheduler.start()  # as run() does once the window shows
    qtbot.waitUntil(lambda: len(boxes.infos) == 1, timeout=10_000)
    assert "damaged" in boxes.questions[0]
    assert window.stack.currentWidget() is window.login_page
    assert services.people.count(services.accounts.login(1, ADMIN_PIN)) == 300
    assert len(list(tmp_path.glob("house.sqlite3.damaged-*[0-9]"))) == 1
    scheduler.timer.stop()
    database.close()


def test_the_desk_checks_and_backs_up_after_the_window_shows(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, boxes: Boxes
) -> None:
    path = tmp_path / "house.sqlite3"
    make_house(path, clock, "Amina")
    backups = Backups(database_path=path, folder=paths.backups_dir(), clock=clock)
    database = open_or_restore(path, backups=backups)
    assert database is not None
    window = MainWindow(services=Services.build(database=database, clock=clock))
    qtbot.addWidget(window)
    scheduler = watch_the_file(window, backups, database)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000):
        scheduler.start()
    assert scheduler.timer.isActive()
    assert [info.reason for info in backups.list()] == ["start"]
    clock.advance(days=1)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000):
        scheduler.daily()
    clock.advance(hours=8)
    scheduler.at_close()
    assert [info.reason for info in backups.list()] == ["close", "daily", "start"]
    assert boxes.errors == [] and boxes.questions == []
    database.close()
