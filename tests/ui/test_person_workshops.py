"""A person's workshops in the person editor: enrolments, attendance history, hours and the
certificate of the workshop chosen, read only when the Workshops tab is shown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QHeaderView, QTableWidget
from pytestqt.qtbot import QtBot

from app import i18n
from app.clock import FixedClock
from app.services import Services
from app.services.roles import Actor
from tests.app.printed_workshop import pages_of
from tests.app.workshop_house import build_house, person, weekly_plan, workshop_draft, workshop_with_sessions
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.person_editor import PersonEditor
from ui.printing import PdfPreviewDialog
from ui.widgets.person_workshops_box import H_DATE, H_HOURS, H_TIME, H_WORKSHOP, W_ATTENDED, W_PAID, W_PLACE, W_TITLE

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture(autouse=True)
def close_previews() -> Iterator[None]:
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PdfPreviewDialog):
            widget.done(0)


@dataclass(frozen=True)
class Awa:
    person: int
    sartoria: int
    yoga: int
    italiano: int


@pytest.fixture
def awa(services: Services, coordinator: Actor, volunteer: Actor, clock: FixedClock) -> Awa:
    """Awa Diallo: enrolled in Sartoria (owes the fee), came on 1 and 8 December; waiting for Yoga;
    came once to Italiano, on 3 December 10-12, without enrolling."""
    house = build_house(services, coordinator, volunteer)
    awa = person(services, volunteer, "Awa", "Diallo")
    sartoria, sartoria_sessions = workshop_with_sessions(services, coordinator, house, weeks=4, capacity=5)
    yoga, _yoga_sessions = workshop_with_sessions(
        services, coordinator, house, weeks=2, title="Yoga dolce", room_id=house.hall, capacity=1, fee_cents=0
    )
    italiano = services.workshops.create(
        coordinator, workshop_draft(house, title="Italiano per tutti", room_id=house.half_a, fee_cents=0)
    ).id
    italiano_sessions = services.workshop_sessions.create(
        coordinator, italiano, weekly_plan(2, first_start=datetime(2026, 12, 3, 10, 0))
    )
    services.enrolments.enrol(volunteer, sartoria, awa)
    services.enrolments.enrol(volunteer, yoga, person(services, volunteer, "Marco", "Bianchi"))
    services.enrolments.enrol(volunteer, yoga, awa)
    clock.current = datetime(2026, 12, 10, 9, 0)
    services.attendance.mark(volunteer, sartoria_sessions[0].id, [awa])
    services.attendance.mark(volunteer, italiano_sessions[0].id, [awa])
    services.attendance.mark(volunteer, sartoria_sessions[1].id, [awa])
    return Awa(awa, sartoria, yoga, italiano)


def open_editor(qtbot: QtBot, services: Services, actor: Actor, person_id: int | None) -> PersonEditor:
    editor = PersonEditor(services=services, actor=actor, person_id=person_id)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
    return editor


def cells(table: QTableWidget, columns: tuple[int, ...]) -> list[tuple[str, ...]]:
    return [tuple(table.item(row, column).text() for column in columns) for row in range(table.rowCount())]


def test_the_workshops_tab_is_read_only_when_shown(
    qtbot: QtBot, services: Services, volunteer: Actor, awa: Awa, boxes: Boxes
) -> None:
    editor = open_editor(qtbot, services, volunteer, awa.person)
    box = editor.workshops_box
    assert editor.tabs is not None and box is not None
    assert editor.tabs.currentIndex() == 0 and editor.given_name.hasFocus()
    assert not box.loaded and box.workshops.rowCount() == 0

    editor.tabs.setCurrentWidget(box)

    assert box.loaded
    assert cells(box.workshops, (W_TITLE, W_PLACE, W_PAID, W_ATTENDED)) == [
        ("Yoga dolce", "waiting, number 1", "", "not yet"),
        ("Sartoria di quartiere", "enrolled", "owes €60.00", "2 sessions · 4 h"),
        ("Italiano per tutti", "came without enrolling", "", "1 session · 2 h"),
    ]
    assert cells(box.history, (H_DATE, H_TIME, H_WORKSHOP, H_HOURS)) == [
        ("Dec 8, 2026", "6:00\u202fPM–8:00\u202fPM", "Sartoria di quartiere", "2 h"),
        ("Dec 3, 2026", "10:00\u202fAM–12:00\u202fPM", "Italiano per tutti", "2 h"),
        ("Dec 1, 2026", "6:00\u202fPM–8:00\u202fPM", "Sartoria di quartiere", "2 h"),
    ]
    assert box.total_label.text() == "Total: 3 sessions, 6 h"
    assert not box.empty_label.isVisible()
    assert not boxes.errors


def test_the_certificate_is_for_the_workshop_chosen_and_only_if_attended(
    qtbot: QtBot, services: Services, volunteer: Actor, awa: Awa, boxes: Boxes
) -> None:
    editor = open_editor(qtbot, services, volunteer, awa.person)
    box = editor.workshops_box
    assert editor.tabs is not None and box is not None
    editor.tabs.setCurrentWidget(box)

    box.workshops.selectRow(0)  # Yoga: waiting, nothing attended
    assert not box.certificate_button.isEnabled()
    assert box.certificate_button.toolTip() == "No session of Yoga dolce attended yet: there is nothing to certify"

    box.workshops.selectRow(1)
    assert box.certificate_button.isEnabled()
    box.certificate_button.click()

    preview = box.preview
    assert preview is not None and preview.isVisible()
    assert preview.windowTitle() == "Certificate of participation — Awa Diallo"
    (text,) = pages_of(preview.path)
    assert "This is to certify that Awa Diallo took part in the workshop Sartoria di quartiere" in text
    assert "attending 2 sessions out of 4, for a total of 4 hours." in text

    preview.done(0)
    box.workshops.selectRow(2)  # a walk-in gets a certificate too
    box.certificate_button.click()
    assert box.preview is not None and box.preview is not preview
    (text,) = pages_of(box.preview.path)
    assert "Italiano per tutti" in text and "attending 1 session out of 2, for a total of 2 hours." in text
    assert not boxes.errors


def test_someone_with_no_workshops_is_told_so(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    nobody = person(services, volunteer, "Li", "Wang")
    editor = open_editor(qtbot, services, volunteer, nobody)
    assert editor.tabs is not None and editor.workshops_box is not None
    editor.tabs.setCurrentWidget(editor.workshops_box)
    assert editor.workshops_box.empty_label.isVisible()
    assert editor.workshops_box.total_label.text() == "Total: 0 sessions, 0 h"
    assert not editor.workshops_box.certificate_button.isEnabled()


def test_a_new_person_has_no_workshops_tab(qtbot: QtBot, services: Services, volunteer: Actor) -> None:
    editor = open_editor(qtbot, services, volunteer, None)
    assert editor.tabs is None and editor.workshops_box is None


def test_a_problem_on_the_form_brings_back_the_details_tab(
    qtbot: QtBot, services: Services, volunteer: Actor, awa: Awa, boxes: Boxes
) -> None:
    editor = open_editor(qtbot, services, volunteer, awa.person)
    assert editor.tabs is not None
    editor.given_name.clear()
    editor.family_name.clear()
    editor.tabs.setCurrentIndex(1)
    editor.save()
    assert editor.tabs.currentIndex() == 0 and editor.result() == 0


def test_the_workshops_tab_fits_in_italian_at_1366_by_768(
    qtbot: QtBot, services: Services, volunteer: Actor, awa: Awa, tmp_path: Path
) -> None:
    i18n.set_language("it")
    editor = open_editor(qtbot, services, volunteer, awa.person)
    box = editor.workshops_box
    assert editor.tabs is not None and box is not None
    editor.resize(min(editor.width(), 1366), min(editor.height(), 768 - 60))
    editor.tabs.setCurrentWidget(box)
    qtbot.wait(10)
    assert editor.tabs.tabText(1) == "&Laboratori"
    assert box.total_label.text() == "Totale: 3 incontri, 6 h"
    # Every column shows its whole text: nothing is cut to "…".
    for table in (box.workshops, box.history):
        header = table.horizontalHeader()
        for column in range(table.columnCount()):
            if header.sectionResizeMode(column) is QHeaderView.ResizeMode.Stretch:
                continue
            widest = max(
                [header.fontMetrics().horizontalAdvance(table.horizontalHeaderItem(column).text())]
                + [table.fontMetrics().horizontalAdvance(table.item(r, column).text()) for r in range(table.rowCount())]
            )
            assert header.sectionSize(column) >= widest
    shots = Path(os.environ.get("PORTINERIA_SHOTS", tmp_path))
    assert editor.grab().save(str(shots / "person-workshops-it.png"))
