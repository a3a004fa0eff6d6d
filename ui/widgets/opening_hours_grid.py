"""A room's weekly opening hours: one line per weekday, as many spans as the house needs.

Each day is written as on the sign at the door, ``9-13, 14-18, 20-23`` (read by
``opening_hours_text``); an empty line is a closed day. A line is checked when the cursor leaves
it, with the service's own ``validate_spans``, so a mistake (an overlap, a room that closes before
it opens, a time off the quarter hour) shows under its day at once, in the words the service
would use on saving. When the service refuses the room, ``place_problems`` puts its messages
under their days too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.errors import Problem, ValidationError
from app.i18n import _
from app.services.opening_hours import FIELD, OpeningSpan, validate_spans
from app.text import capitalised
from ui.widgets.form import ERROR_STYLE
from ui.widgets.form_rows import HINT_STYLE
from ui.widgets.opening_hours_text import day_text, parse_day
from ui.widgets.repeat_rule import weekday_name

SAMPLE_DAY = "09:00-13:00, 14:00-18:30, 20:00-23:00"
"""The field is wide enough to show three spans whole."""


class _DayRow:
    """The widgets of one weekday: its name, its line of spans and the line for its problems."""

    def __init__(self, weekday: int) -> None:
        self.weekday = weekday
        name = capitalised(weekday_name(weekday))
        self.field = QLineEdit()
        self.field.setObjectName(f"opening_{weekday}")
        self.field.setPlaceholderText(_("closed all day"))
        self.field.setToolTip(
            _("{day}: when the room opens and closes, like 9-13, 14-18:30, 20-23; empty when it is closed").format(
                day=name
            )
        )
        self.field.setMinimumWidth(self.field.fontMetrics().horizontalAdvance(SAMPLE_DAY) + 16)
        self.label = QLabel(name)
        self.label.setBuddy(self.field)
        self.error = QLabel()
        self.error.setObjectName(f"opening_{weekday}_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

    def spans(self) -> list[OpeningSpan]:
        """The spans as written. Raises ``ValueError`` (translated) when the line cannot be read."""
        return parse_day(self.field.text(), self.weekday)

    def problems(self) -> list[str]:
        """What is wrong with the line: it cannot be read, or the service would refuse its spans."""
        try:
            validate_spans(self.spans())
        except ValueError as error:  # cannot be read (a ValidationError is no ValueError: next)
            return [str(error)]
        except ValidationError as error:
            return [problem.message for problem in error.problems]
        return []

    def show_problems(self, messages: list[str]) -> None:
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))

    def check(self) -> None:
        """Show the line's problems; a line that reads well is rewritten the one way, in time order."""
        try:
            text = day_text(self.spans())
        except ValueError:
            pass
        else:
            if text != self.field.text():
                self.field.setText(text)
        self.show_problems(self.problems())

    def load(self, spans: list[OpeningSpan]) -> None:
        self.field.setText(day_text(spans))
        self.show_problems([])


class OpeningHoursGrid(QWidget):
    """Monday to Sunday, each closed (empty) or open for any number of spans.

    Signals:
        changed(): a day's line was edited, or Monday was copied to the weekdays.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days = [_DayRow(weekday) for weekday in range(7)]
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        for day in self._days:
            row = day.weekday * 2
            layout.addWidget(day.label, row, 0)
            layout.addWidget(day.field, row, 1)
            layout.addWidget(day.error, row + 1, 1)
            day.field.textChanged.connect(self.changed)
            day.field.editingFinished.connect(day.check)
        self.copy_button = QPushButton(_("Cop&y Monday to the weekdays"))
        self.copy_button.setObjectName("opening_copy_monday")
        self.copy_button.setToolTip(_("Give Tuesday to Friday the same hours as Monday (Alt+Y)"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_monday)
        hint = QLabel(_("For example 9-13, 14-18:30, 20-23"))
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)  # a long translation takes a second line, not the dialog's width
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 4, 0, 0)
        actions.addWidget(self.copy_button)
        actions.addWidget(hint, 1)
        layout.addLayout(actions, 14, 1)
        layout.setColumnStretch(1, 1)
        self.setFocusProxy(self._days[0].field)

    def day(self, weekday: int) -> _DayRow:
        return self._days[weekday]

    def load(self, spans: list[OpeningSpan]) -> None:
        """Show the room's spans, every one of them, each under its weekday."""
        for day in self._days:
            day.load([span for span in spans if span.weekday == day.weekday])

    def spans(self) -> list[OpeningSpan]:
        """Every day's spans, in day and time order, for the service to store.

        Raises:
            ValidationError: a line cannot be read, or the service would refuse its spans: every
                day's problems at once (with the other fields' problems, when the service is not
                asked yet), each shown under its day too.
        """
        found: list[OpeningSpan] = []
        problems: list[Problem] = []
        for day in self._days:
            messages = day.problems()
            day.show_problems(messages)
            problems.extend(Problem(FIELD, message) for message in messages)
            if not messages:
                found.extend(day.spans())
        if problems:
            raise ValidationError(problems)
        return found

    def snapshot(self) -> tuple[object, ...]:
        """What the grid says, for telling whether it changed: spans, or a line's text if unreadable."""
        state: list[object] = []
        for day in self._days:
            try:
                state.append(tuple(day.spans()))
            except ValueError:
                state.append(day.field.text())
        return tuple(state)

    def clear_problems(self) -> None:
        for day in self._days:
            day.show_problems([])

    def place_problems(self, error: ValidationError) -> ValidationError:
        """Show the opening-hours problems of ``error`` under their days; return the others.

        A message goes under the day whose own line gives it; one no day gives (none is expected)
        is returned with the problems of the other fields, so that no message is lost.
        """
        by_day = [day.problems() for day in self._days]
        placed: list[list[str]] = [[] for _day in self._days]
        rest: list[Problem] = []
        for problem in error.problems:
            owners = [index for index, messages in enumerate(by_day) if problem.message in messages]
            owner = owners[0] if owners and problem.field == FIELD else None
            if owner is None:
                rest.append(problem)
            elif problem.message not in placed[owner]:
                placed[owner].append(problem.message)
        for day, messages in zip(self._days, placed, strict=True):
            day.show_problems(messages)
        return ValidationError(rest)

    def focus_first_problem(self) -> bool:
        """Put the cursor in the first day with a problem shown; False when there is none."""
        for day in self._days:
            if day.error.isVisibleTo(self):
                day.field.setFocus()
                return True
        return False

    def copy_monday(self) -> None:
        """Tuesday to Friday get Monday's line, all its spans, and are checked as Monday is."""
        monday = self._days[0]
        for day in self._days[1:5]:
            day.field.setText(monday.field.text())
            day.check()
        self.changed.emit()
