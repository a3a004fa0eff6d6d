"""A workshop's papers printed from the GUI: the sheet from the register, the register from the
workshop, certificates from its People tab. Each opens the print preview of the cash desk on a
PDF in the cache folder, read back here with pypdf."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app import i18n, paths
from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import Course, build_course, mark, pages_of, printed
from tests.ui.message_boxes import Boxes, patch_boxes
from ui import workshop_printing
from ui.dialogs.register_dialog import RegisterDialog
from ui.dialogs.workshop_dialog import WorkshopDialog
from ui.printing import PdfPreviewDialog
from ui.widgets.workshop_people_tab import COL_ATTENDED

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def course(services: Services, coordinator: Actor, volunteer: Actor, clock: FixedClock) -> Course:
    """Four Tuesdays 18-20 from 1 December 2026; the third cancelled; Diallo came twice, 王 once."""
    course = build_course(services, coordinator, volunteer)
    first, second, third, _fourth = course.sessions
    mark(services, volunteer, clock, first, [course.people["Diallo"], course.people["王"]])
    mark(services, volunteer, clock, second, [course.people["Diallo"]])
    services.workshop_sessions.cancel(coordinator, third.id)
    clock.current = clock.current.replace(day=10)
    return course


@pytest.fixture(autouse=True)
def close_previews() -> Iterator[None]:
    """No preview outlives its test."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PdfPreviewDialog):
            widget.done(0)


def open_previews() -> list[PdfPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog) and w.isVisible()]


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()


def in_cache(path: Path) -> bool:
    return path.parent == paths.cache_dir() / "workshops"


# -- the attendance sheet, from the register ------------------------------------------------------


def test_ctrl_p_in_the_register_previews_the_sessions_sheet(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    first = course.sessions[0]
    dialog = RegisterDialog(services=services, actor=volunteer, session_id=first.id)
    show(qtbot, dialog)
    assert "Ctrl+P" in dialog.print_button.toolTip()

    qtbot.keyClick(dialog.list, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    preview = dialog.preview
    assert preview is not None and preview.isVisible() and open_previews() == [preview]
    assert preview.windowTitle() == "Attendance sheet — Sartoria di quartiere, Dec 1, 2026"
    assert in_cache(preview.path) and preview.path.name == "attendance-sheet-sartoria-di-quartiere-2026-12-01.pdf"
    (text,) = pages_of(preview.path)
    assert "Sartoria di quartiere" in text and "Okafor Ngozi" in text and "Aula" in text
    assert "December 1, 2026" in text
    for family in course.people:
        assert printed(family) in text
    # A second Ctrl+P brings the same preview forward rather than opening another.
    dialog.print_sheet()
    assert open_previews() == [preview]
    assert not boxes.errors


def test_the_sheet_of_a_session_still_to_come_can_be_printed_beforehand(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    last = course.sessions[3]  # 22 December; the clock says 10 December
    dialog = RegisterDialog(services=services, actor=volunteer, session_id=last.id)
    show(qtbot, dialog)
    assert not dialog.list.isEnabled() and dialog.print_button.isEnabled()
    dialog.print_button.click()
    assert dialog.preview is not None
    (text,) = pages_of(dialog.preview.path)
    assert "December 22, 2026" in text and printed("Jovanović") in text


def test_a_session_gone_is_said_and_nothing_opens(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    workshop_printing.preview_attendance_sheet(None, services, volunteer, 999_999)
    assert len(boxes.errors) == 1 and open_previews() == []


def test_the_preview_is_titled_in_italian(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    i18n.set_language("it")
    preview = workshop_printing.show_attendance_sheet(None, services, volunteer, course.sessions[0].id)
    assert preview is not None
    assert preview.windowTitle() == "Foglio presenze — Sartoria di quartiere, 1 dic 2026"
    assert preview.path.name == "foglio-presenze-sartoria-di-quartiere-2026-12-01.pdf"


# -- the register, from the workshop ---------------------------------------------------------------


def test_print_register_previews_people_by_dates_with_their_hours(
    qtbot: QtBot, services: Services, coordinator: Actor, course: Course, boxes: Boxes
) -> None:
    dialog = WorkshopDialog(services=services, actor=coordinator, workshop_id=course.workshop)
    show(qtbot, dialog)
    assert dialog.print_register_button.isVisible()
    assert "Ctrl+Shift+P" in dialog.print_register_button.toolTip()

    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    preview = dialog.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.windowTitle() == "Register — Sartoria di quartiere"
    assert in_cache(preview.path) and preview.path.name == "register-sartoria-di-quartiere.pdf"
    text = " ".join(pages_of(preview.path))
    assert "Attendance register" in text
    assert "01/12" in text and "08/12" in text and "22/12" in text
    assert "15/12" not in text  # the cancelled session
    for family in course.people:
        assert printed(family) in text
    assert not boxes.errors


def test_a_new_workshop_has_no_register_to_print(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    dialog = WorkshopDialog(services=services, actor=coordinator)
    show(qtbot, dialog)
    assert not dialog.print_register_button.isVisible()
    dialog.print_register()
    assert dialog.preview is None and open_previews() == []


# -- certificates, from the People tab -------------------------------------------------------------


def test_the_people_tab_prints_a_certificate_only_for_who_attended(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    dialog = WorkshopDialog(services=services, actor=volunteer, workshop_id=course.workshop)
    show(qtbot, dialog)
    people = dialog.people
    assert people is not None
    dialog.tabs.setCurrentWidget(people)
    rows = {row.person_id: index for index, row in enumerate(people.rows())}

    assert not people.certificate_button.isEnabled()
    assert "Choose a person" in people.certificate_button.toolTip()
    people.table.selectRow(rows[course.people["Jovanović"]])
    assert people.table.item(rows[course.people["Jovanović"]], COL_ATTENDED).text() == "not yet"
    assert not people.certificate_button.isEnabled()
    assert people.certificate_button.toolTip() == (
        "Jovanović Dušan has not attended any session yet: there is nothing to certify"
    )

    people.table.selectRow(rows[course.people["Diallo"]])
    assert people.table.item(rows[course.people["Diallo"]], COL_ATTENDED).text() == "2 sessions · 4 h"
    assert people.certificate_button.isEnabled()
    qtbot.keyClick(people.certificate_button, Qt.Key.Key_Space)

    preview = people.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.windowTitle() == "Certificate of participation — Awa Diallo"
    assert in_cache(preview.path) and preview.path.name == "certificate-awa-diallo-sartoria-di-quartiere.pdf"
    (text,) = pages_of(preview.path)
    assert "This is to certify that Awa Diallo took part in the workshop Sartoria di quartiere" in text
    assert "attending 2 sessions out of 3, for a total of 4 hours." in text
    assert not boxes.errors


def test_a_certificate_for_nothing_attended_is_refused_with_the_reason(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    workshop_printing.preview_certificate(None, services, volunteer, course.workshop, course.people["Jovanović"])
    assert open_previews() == []
    assert boxes.errors == [
        "Jovanović Dušan has not attended any session of this workshop: there is nothing to certify."
    ]


def test_old_papers_are_removed_from_the_cache_folder(
    qtbot: QtBot, services: Services, volunteer: Actor, course: Course, boxes: Boxes
) -> None:
    folder = workshop_printing.workshops_folder()
    old = folder / "old.pdf"
    old.write_bytes(b"%PDF-1.4")
    os.utime(old, (1_000_000, 1_000_000))
    preview = workshop_printing.show_workshop_register(None, services, volunteer, course.workshop)
    assert preview is not None and preview.path.exists() and not old.exists()


def test_name_part_keeps_file_names_plain() -> None:
    assert workshop_printing.name_part("Sartoria: cucito & ricamo!") == "sartoria-cucito-ricamo"
    assert workshop_printing.name_part("Đorđević Nicolò") == "dordevic-nicolo"
    assert workshop_printing.name_part("王芳") == "x"
