"""Plan a workshop's sessions: first day, times, repetition, and what the plan gives before saving.

The coordinator chooses the first day, the start and end times and how the sessions repeat
(weekly on the first day's weekday unless told otherwise). A workshop has an end, so the
repetition ends on a last day or after a number of sessions; "with no end" is not offered. The
room is the workshop's (changed on its Details tab).

While the fields change, the dialog asks the service for a preview (``PREVIEW_DELAY_MS`` after
the last change, so typing a date does not ask at every digit): "9 sessions, from … to …" and
the dates that cannot be booked with why (the house closed, the room taken by someone). When
there are some, Save reads "Create the other N sessions" and creates the plan without them
(``SessionPlan.skip``). The service creates all the sessions or none; its messages appear under
the fields and the dialog stays open.

Keyboard: Enter creates, Esc closes (asking first if something was changed), Alt+letter goes to
a field. Enter right after a change first brings the preview up to date: if that finds dates
that were not listed, they are shown and nothing is created until Enter again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionPlan, SessionRow, SessionsPreview
from ui import messages
from ui.dialogs.common import GuardedDialog, grow_to_fit, save_button, save_cancel_buttons
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE
from ui.widgets.repeat_editor import RepeatEditor
from ui.widgets.repeat_rule import Frequency
from ui.widgets.series_conflicts import DATE_FORMAT, SeriesConflictsBox
from ui.widgets.session_when import DayField, TimeSpan

PREVIEW_DELAY_MS = 200
DEFAULT_START = time(18, 0)
DEFAULT_END = time(20, 0)
ONE_SESSION = "FREQ=DAILY;COUNT=1"
"""The rule of a plan that does not repeat: a workshop of one session."""
_FIELD_OF = {
    "first_start": "first_day",
    "dtstart": "first_day",
    "duration_minutes": "times",
    "end": "times",
    "rrule": "repeat",
    "last_day": "repeat",
}
"""The service's fields, as the rows of this dialog show them; any other goes above the fields."""


def default_plan(today: date, sessions: list[SessionRow]) -> tuple[date, time, time]:
    """Where a new plan starts: a week after the last session (not before today), at its times;
    today from 18:00 to 20:00 for a workshop with no session yet."""
    held = [row for row in sessions if not row.cancelled]
    if not held:
        return today, DEFAULT_START, DEFAULT_END
    last = held[-1]
    return max(last.start.date() + timedelta(weeks=1), today), last.start.time(), last.end.time()


class SessionPlanDialog(GuardedDialog):
    """The plan of new sessions for one workshop; ``created`` holds them once saved.

    Raises:
        PortineriaError: from the constructor, when the workshop cannot be read.
    """

    def __init__(self, *, services: Services, actor: Actor, workshop_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._workshop_id = workshop_id
        self.created: list[SessionRow] = []
        self.preview: SessionsPreview | None = None
        """The preview on screen (None while the plan has problems)."""
        details = services.workshops.get(actor, workshop_id)
        first_day, start, end = default_plan(
            services.clock.today(), services.workshop_sessions.sessions(actor, workshop_id)
        )
        self.setWindowTitle(_("Plan sessions: {title}").format(title=details.draft.title))

        general = QLabel()
        general.setObjectName("plan_general_error")
        self.errors = FormErrors(general)
        self.first_day = DayField(name="plan_first_day")
        self.times = TimeSpan(name="plan")
        self.room = QLabel(details.room_name)
        self.room.setObjectName("plan_room")
        room_hint = QLabel(_("(the workshop's room)"))
        room_hint.setStyleSheet(HINT_STYLE)
        room_row = QWidget()
        room_row.setToolTip(_("Sessions are held in the workshop's room: change it on the Details tab"))
        room_layout = QHBoxLayout(room_row)
        room_layout.setContentsMargins(0, 0, 0, 0)
        room_layout.addWidget(self.room)
        room_layout.addWidget(room_hint, 1)
        self.repeat = RepeatEditor(first_day=first_day)
        self.repeat.ends_never.hide()  # a workshop has an end: a last day or a number of sessions
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row(form, _("&First session:"), self.first_day, "first_day", self.first_day.edit)
        self._add_row(form, _("&Time:"), self.times, "times", self.times.start)
        form.addRow(_("Room:"), room_row)
        self._add_row(form, _("&Repeat:"), self.repeat, "repeat", self.repeat.frequency)
        fields = QGroupBox(_("Sessions"))
        fields.setLayout(form)

        self.summary = QLabel()
        self.summary.setObjectName("plan_summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.conflicts = SeriesConflictsBox(with_button=False)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.conflicts)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(fields, 1)
        columns.addLayout(right, 1)

        self.buttons = save_cancel_buttons(self, save_text=_("Create sessions"), on_save=self.save)
        self.save_button = save_button(self.buttons)
        self.save_button.setToolTip(_("Create the sessions listed (Enter or Ctrl+S)"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setToolTip(_("Close without creating anything (Esc)"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview_now)
        self.first_day.set_value(first_day)
        self.times.set_values(start, end)
        self.repeat.frequency.setCurrentIndex(self.repeat.frequency.findData(Frequency.WEEKLY))
        self.first_day.changed.connect(self._day_changed)
        self.times.changed.connect(self.schedule_preview)
        self.repeat.changed.connect(self.schedule_preview)
        self._initial = self._snapshot()
        self.preview_now()
        self.resize(max(self.sizeHint().width(), 940), self.sizeHint().height())
        self.first_day.setFocus()

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, field: str, target: QWidget) -> None:
        """A row with its error line; Alt+letter of the label goes into ``target``."""
        error = self.errors.add_row(form, label, widget, field)
        box = error.parentWidget()
        assert box is not None  # the error line sits in the row's box, under the field
        buddy = form.labelForField(box)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(target)

    # -- the plan ----------------------------------------------------------------------------------

    def plan(self) -> SessionPlan:
        """What the fields say (the service checks it)."""
        day = self.first_day.value()
        start, _end = self.times.span_on(day)
        return SessionPlan(
            first_start=start, duration_minutes=self.times.minutes(), rrule=self.repeat.rule() or ONE_SESSION
        )

    def _snapshot(self) -> tuple[object, ...]:
        return (self.first_day.value(), self.times.start.value(), self.times.end.value(), self.repeat.rule())

    def is_modified(self) -> bool:
        return not self.created and self._snapshot() != self._initial

    def discard_question(self) -> str:
        return _("Close without creating the sessions?")

    def _day_changed(self) -> None:
        self.repeat.set_first_day(self.first_day.value())  # the ticked weekday follows the first day
        self.schedule_preview()

    def schedule_preview(self) -> None:
        """Something changed: ask for a new preview once the typing pauses."""
        self._timer.start()

    def preview_pending(self) -> bool:
        return self._timer.isActive()

    def preview_now(self) -> SessionsPreview | None:
        """Ask the service what the plan gives and show it; None (and the problems shown) if the
        plan cannot be made as it is."""
        self._timer.stop()
        self.errors.clear()
        self.preview = None
        try:
            problems = self.repeat.problems()
            if problems:
                raise ValidationError([Problem("repeat", message) for message in problems])
            preview = self._services.workshop_sessions.preview(self._actor, self._workshop_id, self.plan())
        except ValidationError as error:
            self._show_problems(error)
            self.summary.setText(_("Fix what is written in red to see the sessions."))
            self.conflicts.clear()
            self._update_save(None)
            return None
        except PortineriaError as error:
            self.errors.show(ValidationError(error.message))
            self.summary.clear()
            self.conflicts.clear()
            self._update_save(None)
            return None
        self.preview = preview
        self.summary.setText(summary_text(preview))
        if preview.conflicts:
            self.conflicts.show_sessions(preview)
        else:
            self.conflicts.clear()
        self._update_save(preview)
        grow_to_fit(self)
        return preview

    def _update_save(self, preview: SessionsPreview | None) -> None:
        if preview is None or not preview.conflicts:
            self.save_button.setText(_("Create sessions"))
            self.save_button.setEnabled(True)  # Enter shows again what to fix
            return
        self.save_button.setText(self.conflicts.action_text())
        self.save_button.setEnabled(bool(preview.free))

    # -- saving ------------------------------------------------------------------------------------

    def save(self) -> None:
        """Enter, Ctrl+S or the button: create the sessions listed, without the conflicting dates."""
        if not self.save_button.isEnabled():
            return
        shown = self.preview
        preview = self.preview_now()
        if preview is None:
            return
        skip = tuple(conflict.occurrence_start for conflict in preview.conflicts)
        if shown is None or (skip and skip != tuple(c.occurrence_start for c in shown.conflicts)):
            return  # dates the person has not seen listed yet: they are on screen now; Enter again
        try:
            self.created = self._services.workshop_sessions.create(
                self._actor, self._workshop_id, replace(self.plan(), skip=skip)
            )
        except ValidationError as error:
            self.preview_now()  # someone booked a date meanwhile: list the dates again
            self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.accept()

    def _show_problems(self, error: ValidationError) -> None:
        problems = [Problem(_FIELD_OF.get(p.field or "", p.field), p.message) for p in error.problems]
        self.errors.show(ValidationError(problems))
        grow_to_fit(self)


def summary_text(preview: SessionsPreview) -> str:
    """ "9 sessions, from Tue 1 Dec 2026 to Tue 26 Jan 2027": what Save creates."""
    free = preview.free
    if not free:
        return _("No session can be created with this plan.")
    first, last = format_date(free[0], DATE_FORMAT), format_date(free[-1], DATE_FORMAT)
    if len(free) == 1:
        return _("1 session, on {day}").format(day=first)
    return ngettext(
        "{count} session, from {first} to {last}", "{count} sessions, from {first} to {last}", len(free)
    ).format(count=len(free), first=first, last=last)
