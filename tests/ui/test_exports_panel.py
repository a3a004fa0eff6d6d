"""The exports panel writes a CSV off the UI thread and says how many rows went where."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.i18n import in_language
from app.services import Services
from app.services.roles import Actor
from tests.app.export_house import ARABIC, build_export_house
from tests.app.test_exports import read_back
from tests.ui.message_boxes import patch_boxes
from ui.pages.reports.exports_panel import ExportsPanel


def choose(panel: ExportsPanel, code: str) -> None:
    panel.lists.setCurrentIndex(panel.lists.findData(code))


def test_the_panel_writes_the_chosen_list(
    qtbot: QtBot,
    services: Services,
    admin: Actor,
    coordinator: Actor,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_export_house(services, admin, coordinator, clock)
    boxes = patch_boxes(monkeypatch)
    panel = ExportsPanel(services=services, actor=coordinator)
    qtbot.addWidget(panel)
    assert panel.formats.currentData() == "excel_it"
    assert (panel.first_day.date().toPython(), panel.last_day.date().toPython()) == (
        clock.today().replace(month=11, day=1),
        clock.today().replace(month=11, day=30),
    )

    choose(panel, "visits")
    assert not panel.whole.isVisibleTo(panel)
    boxes.file_to_save = tmp_path / "accessi.csv"
    with qtbot.waitSignal(panel.exported, timeout=10_000) as written:
        panel.save.click()
    assert written.args == [tmp_path / "accessi.csv", 2]
    assert boxes.suggested_paths[-1].name == "visits-2026-11-01-2026-11-30.csv"
    assert boxes.infos == [f"2 rows written to {tmp_path / 'accessi.csv'}."]
    assert read_back(tmp_path / "accessi.csv", "excel_it")[1][1] == "09:00"
    assert panel.save.isEnabled() and not panel.busy.isVisibleTo(panel)

    choose(panel, "loans")
    panel.whole.setChecked(True)
    assert not panel.first_day.isEnabled()
    panel.formats.setCurrentIndex(panel.formats.findData("plain"))
    boxes.file_to_save = tmp_path / "prestiti.csv"
    with qtbot.waitSignal(panel.exported, timeout=10_000):
        panel.save.click()
    assert panel.busy.isVisibleTo(panel) is False
    assert read_back(tmp_path / "prestiti.csv", "plain")[1][2] == ARABIC


def test_a_swapped_period_is_shown_and_nothing_asked(
    qtbot: QtBot, services: Services, coordinator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    panel = ExportsPanel(services=services, actor=coordinator)
    qtbot.addWidget(panel)
    choose(panel, "bookings")
    panel.first_day.setDate(panel.last_day.date().addDays(1))
    panel.save.click()
    assert boxes.suggested_paths == []
    error = panel.findChild(type(panel.hint), "error_first")
    assert error is not None and "swap" in error.text()


def test_a_volunteer_is_told_and_nothing_is_written(
    qtbot: QtBot, services: Services, volunteer: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    panel = ExportsPanel(services=services, actor=volunteer)
    qtbot.addWidget(panel)
    boxes.file_to_save = tmp_path / "persone.csv"
    panel.save.click()
    qtbot.waitUntil(lambda: bool(boxes.errors), timeout=10_000)
    assert "coordinator" in boxes.errors[0]
    assert not (tmp_path / "persone.csv").exists()


def test_the_panel_in_italian(qtbot: QtBot, services: Services, coordinator: Actor) -> None:
    with in_language("it"):
        panel = ExportsPanel(services=services, actor=coordinator)
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save("/tmp/exports_panel.png")
