"""The weekly grid on its own: the service's messages find their day, and nothing is lost."""

from __future__ import annotations

from datetime import time

import pytest
from pytestqt.qtbot import QtBot

from app.errors import Problem, ValidationError
from app.services.opening_hours import FIELD, OpeningSpan, validate_spans
from ui.widgets.opening_hours_grid import OpeningHoursGrid


def test_the_services_messages_go_under_their_day_and_the_rest_is_handed_back(qtbot: QtBot) -> None:
    grid = OpeningHoursGrid()
    qtbot.addWidget(grid)
    with qtbot.waitActive(grid):
        grid.show()
    grid.day(1).field.setText("9-13, 12-15")
    grid.day(3).field.setText("9-13")
    with pytest.raises(ValidationError) as refused:
        validate_spans([OpeningSpan(1, time(9), time(13)), OpeningSpan(1, time(12), time(15))])
    overlap = refused.value.problems[0]
    strange = Problem(FIELD, "A weekday must be between Monday and Sunday.")
    name = Problem("name", "Write the name of the room.")
    rest = grid.place_problems(ValidationError([name, overlap, strange, overlap]))
    assert rest.problems == (name, strange)
    assert grid.day(1).error.isVisible() and grid.day(1).error.text() == overlap.message
    assert all(grid.day(day).error.isHidden() for day in range(7) if day != 1)
    assert grid.focus_first_problem() and grid.day(1).field.hasFocus()
    grid.clear_problems()
    assert grid.day(1).error.isHidden() and not grid.focus_first_problem()


def test_every_day_is_read_and_a_day_not_opened_is_closed(qtbot: QtBot) -> None:
    grid = OpeningHoursGrid()
    qtbot.addWidget(grid)
    stored = [
        OpeningSpan(6, time(20), time(23)),
        OpeningSpan(0, time(9), time(12)),
        OpeningSpan(6, time(9), time(12)),
        OpeningSpan(0, time(14), time(18)),
        OpeningSpan(6, time(14), time(18)),
        OpeningSpan(6, time(18), time(19, 45)),  # touching the one before: allowed
    ]
    grid.load(stored)
    assert grid.day(6).field.text() == "09:00-12:00, 14:00-18:00, 18:00-19:45, 20:00-23:00"
    assert [grid.day(day).field.text() for day in range(1, 6)] == [""] * 5
    assert grid.spans() == sorted(stored)
    with qtbot.waitSignal(grid.changed):
        grid.copy_monday()
    assert [grid.day(day).field.text() for day in range(1, 5)] == ["09:00-12:00, 14:00-18:00"] * 4
    assert grid.day(5).field.text() == ""
