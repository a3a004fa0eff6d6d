"""The import dialog with no association written: the events go to the group named after the
calendar, which the check says it would create and the import creates (``holder_from_calendar``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.i18n import set_language
from app.services import Services
from app.services.organisations import OrganisationKind
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from tests.ui.test_ics_dialogs import COURSE_ICS, error_text
from ui.dialogs.ics_import_dialog import IcsImportDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


def make_dialog(qtbot: QtBot, services: Services, actor: Actor, path: Path) -> IcsImportDialog:
    room_id = services.rooms.create(actor, RoomDraft(name="Salone", capacity=100)).id
    dialog = IcsImportDialog(services=services, actor=actor, room_id=room_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(path))
    return dialog


def groups(services: Services, actor: Actor) -> list[tuple[str, OrganisationKind]]:
    rows = services.organisations.rows(actor, services.organisations.search_ids(actor))
    return [(row.name, row.kind) for row in rows]


def test_an_empty_association_books_for_the_group_named_after_the_calendar(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    path = tmp_path / "export.ics"
    path.write_text(COURSE_ICS, encoding="utf-8")  # X-WR-CALNAME:Il Ponte
    dialog = make_dialog(qtbot, services, coordinator, path)
    assert dialog.organisation.edit.text() == ""  # nothing is filled in for the desk

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.dry_run and dialog.report.created == 2
    assert error_text(dialog, "holder") == ""
    assert dialog.holder_note.isVisible()
    assert dialog.holder_note.text() == (
        "Who books: “Il Ponte”, a new informal group named after the calendar; the import will create it."
    )
    assert groups(services, coordinator) == []  # a check creates nothing

    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)
    assert dialog.report is not None and not dialog.report.dry_run
    assert groups(services, coordinator) == [("Il Ponte", OrganisationKind.INFORMAL_GROUP)]
    assert boxes.infos == [
        "The calendar was imported: 2 bookings or series created, 1 skipped, 0 in conflict.\n"
        "Who books: “Il Ponte”, a new informal group named after the calendar, created now."
    ]
    rows = services.bookings.bookings_between(coordinator, datetime(2026, 12, 1), datetime(2027, 2, 1))
    assert rows and {row.holder for row in rows} == {"Il Ponte"}

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)  # again: found, not created
    assert dialog.holder_note.text() == "Who books: “Il Ponte”, the association or group named after the calendar."
    assert dialog.report is not None and dialog.report.created == 0


def test_a_name_typed_but_not_chosen_or_an_empty_person_is_still_refused(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    path = tmp_path / "export.ics"
    path.write_text(COURSE_ICS, encoding="utf-8")
    dialog = make_dialog(qtbot, services, coordinator, path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.holder_note.isVisible()

    dialog.organisation.edit.setFocus()
    type_text(dialog.organisation.edit, "Il Po")
    assert not dialog.holder_note.isVisible() and dialog.report is None  # who books changed: check again
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Choose the association that books" in error_text(dialog, "holder")
    assert dialog.report is None

    dialog.organisation.edit.clear()
    dialog.as_person.setChecked(True)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Choose the person who books" in error_text(dialog, "holder")
    assert groups(services, coordinator) == []


def test_the_dialog_in_italian_says_who_books(
    qtbot: QtBot, services: Services, coordinator: Actor, boxes: Boxes, tmp_path: Path
) -> None:
    set_language("it")
    path = tmp_path / "Coro Multietnico.ics"
    path.write_text(COURSE_ICS.replace("X-WR-CALNAME:Il Ponte\n", ""), encoding="utf-8")
    dialog = make_dialog(qtbot, services, coordinator, path)
    dialog.resize(1366 * 2 // 3, 600)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.holder_note.text() == (
        "Chi prenota: “Coro Multietnico”, nuovo gruppo informale col nome del calendario; lo creerà l’importazione."
    )
    dialog.grab().save(str(tmp_path / "ics_import_calendar_holder_it.png"))
