"""Today's workshop sessions on the Today page, each with a one-click register.

One line per session of today that is not cancelled, in the order of the day: when (in progress,
in how long, or ended), the time span, the workshop, the room, "Present P of E" (E: enrolled) and
a "Register…" button that opens ``ui.dialogs.register_dialog.RegisterDialog``. A session in
progress is bold on the pale band of the bookings' "Now"; one that has ended is grey but its
button still works, since registers are often filled in after the session.

The keyboard lives on the buttons: Up and Down move from session to session, Enter or Space
opens the register. When the register closes, the counts are read again and the keyboard goes
back to the same session.

Reading is two queries whatever the number of sessions: the sessions
(``WorkshopSessionService.sessions_between``) and the counts of all of them
(``AttendanceService.present_counts``). The register dialog is imported when first opened: the
Today page is the desk's home, and the start of the desk is benchmarked.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import PortineriaError
from app.i18n import _, format_time, ngettext
from app.services import Services
from app.services.roles import Actor
from app.services.workshop_sessions import SessionRow
from ui import messages
from ui.dialogs.common import open_window_modal
from ui.pages.today.agenda import Phase, when_words
from ui.pages.today.section import TodaySection

NOW_BAND = "#fff4c9"
"""The band of what is on now, the same as the bookings' below."""
ENDED_COLOUR = "#8a8a8a"
FOCUS_COLOUR = "#3d7bd9"
GAP = 16
"""Pixels between the columns of the lines."""


def phase_of(row: SessionRow, now: datetime) -> Phase:
    """Half-open like every booking: a session ending at 12:00 has ended at 12:00."""
    if row.end <= now:
        return Phase.ENDED
    if row.start <= now:
        return Phase.NOW
    return Phase.NEXT


def when_text(row: SessionRow, now: datetime) -> str:
    """ "Now", "In 45 min", "In 2 h 15 min" or "Ended", in the words of the bookings' list."""
    return when_words(phase_of(row, now), row.start, now)


def counts_text(present: int, enrolled: int) -> str:
    return _("Present {present} of {enrolled}").format(present=present, enrolled=enrolled)


class SessionLine(QFrame):
    """One session: its labels and its Register button, on a band when it is on now."""

    def __init__(self, row: SessionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.phase = Phase.NEXT
        self.setObjectName(f"today_session_{row.id}")
        self.when = QLabel()
        self.span = QLabel()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.room = QLabel()
        self.room.setTextFormat(Qt.TextFormat.PlainText)
        self.counts = QLabel()
        self.counts.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counts.setToolTip(_("People marked present, walk-ins included, of the people enrolled"))
        self.button = QPushButton(_("Register…"))
        self.button.setObjectName(f"today_session_register_{row.id}")
        self.button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(GAP)
        layout.addWidget(self.when)
        layout.addWidget(self.span)
        layout.addWidget(self.title, 1)
        layout.addWidget(self.room)
        layout.addWidget(self.counts)
        layout.addWidget(self.button)

    def show_row(self, row: SessionRow, present: int, enrolled: int, now: datetime) -> None:
        self.row = row
        self.phase = phase_of(row, now)
        self.when.setText(when_text(row, now))
        self.span.setText(f"{format_time(row.start)}–{format_time(row.end)}")
        self.title.setText(row.workshop_title)
        self.title.setToolTip(row.workshop_title)
        self.room.setText(row.room_name)
        self.counts.setText(counts_text(present, enrolled))
        self.button.setToolTip(
            _("Tick who came to {workshop} at {time} (Enter)").format(
                workshop=row.workshop_title, time=format_time(row.start)
            )
        )
        self.button.setAccessibleName(
            _("Register of {workshop} at {time}").format(workshop=row.workshop_title, time=format_time(row.start))
        )
        bold = QFont(self.when.font())
        bold.setBold(self.phase == Phase.NOW)
        self.when.setFont(bold)
        colour = f"color: {ENDED_COLOUR};" if self.phase == Phase.ENDED else ""
        for label in (self.when, self.span, self.title, self.room, self.counts):
            label.setStyleSheet(colour)
        self.show_focus(self.button.hasFocus())

    def show_focus(self, focused: bool) -> None:
        """The band of "now" and the frame of the keyboard's line, in one style sheet."""
        name = self.objectName()
        background = f"background: {NOW_BAND};" if self.phase == Phase.NOW else ""
        border = f"border: 2px solid {FOCUS_COLOUR};" if focused else "border: 2px solid transparent;"
        self.setStyleSheet(f"QFrame#{name} {{ {background} {border} border-radius: 4px; }}")

    def labels(self) -> tuple[QLabel, QLabel, QLabel, QLabel]:
        """The columns that line up from one session to the next."""
        return self.when, self.span, self.room, self.counts


class SessionsSection(TodaySection):
    """Today's sessions, each with its register a click away; see the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, title=_("Workshops today"), parent=parent)
        self.setObjectName("today_sessions")
        self.summary.setObjectName("today_sessions_count")
        self.lines: list[SessionLine] = []
        self._dialog_session: int | None = None
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(2)
        self.empty_hint = QLabel(_("No workshop sessions today."))
        self.empty_hint.setObjectName("today_sessions_empty")
        self.empty_hint.hide()
        self.content.addLayout(self.rows_box)
        self.content.addWidget(self.empty_hint)

    # -- reading -----------------------------------------------------------------------------------

    def refresh(self, now: datetime) -> None:
        """Today's sessions and their counts, in two queries; the keyboard stays on its session."""
        start = datetime.combine(now.date(), time())
        try:
            rows = self.services.workshop_sessions.sessions_between(self.actor, start, start + timedelta(days=1))
            counts = self.services.attendance.present_counts(self.actor, [row.id for row in rows]) if rows else {}
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        focused = self.focused_session()
        if [row.id for row in rows] != [line.row.id for line in self.lines]:
            self._make_lines(rows)
        for line, row in zip(self.lines, rows, strict=True):
            present, enrolled = counts.get(row.id, (0, 0))
            line.show_row(row, present, enrolled, now)
        self._line_up()
        count = len(rows)
        self.summary.setText(
            ngettext("{count} session", "{count} sessions", count).format(count=count) if count else ""
        )
        self.empty_hint.setVisible(not rows)
        if focused is not None:
            self.focus_session(focused)

    def _make_lines(self, rows: list[SessionRow]) -> None:
        for line in self.lines:
            self.rows_box.removeWidget(line)
            line.deleteLater()
        self.lines = []
        for row in rows:
            line = SessionLine(row)
            line.button.clicked.connect(lambda _checked=False, session_id=row.id: self.open_register(session_id))
            line.button.installEventFilter(self)
            self.rows_box.addWidget(line)
            line.show()  # at once: a test or a fast hand may press a key before the next paint
            self.lines.append(line)
        for before, after in zip(self.lines, self.lines[1:], strict=False):
            QWidget.setTabOrder(before.button, after.button)

    def _line_up(self) -> None:
        """Each short column as wide as its widest text, so that the lines read as a table."""
        for column in range(4):
            labels = [line.labels()[column] for line in self.lines]
            width = max((label.sizeHint().width() for label in labels), default=0)
            for label in labels:
                label.setFixedWidth(width)

    def line_of(self, session_id: int) -> SessionLine | None:
        return next((line for line in self.lines if line.row.id == session_id), None)

    def focused_session(self) -> int | None:
        """The session whose button has the keyboard, if any."""
        return next((line.row.id for line in self.lines if line.button.hasFocus()), None)

    # -- keyboard ----------------------------------------------------------------------------------

    def take_focus(self) -> bool:
        """The session on now, else the next to come, else the last of the day."""
        if not self.lines:
            return False
        line = next((line for line in self.lines if line.phase != Phase.ENDED), self.lines[-1])
        line.button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def focus_session(self, session_id: int) -> None:
        line = self.line_of(session_id)
        if line is not None:
            line.button.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        line = next((line for line in self.lines if line.button is watched), None)
        if line is None:
            return super().eventFilter(watched, event)
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            focused = event.type() == QEvent.Type.FocusIn
            line.show_focus(focused)
            if focused:
                self.cursor_moved.emit(line, QRect(0, 0, line.width(), line.height()))
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(line, event)
        return super().eventFilter(watched, event)

    def _key(self, line: SessionLine, event: QKeyEvent) -> bool:
        """Up and Down move between sessions, Enter opens the register (Space does, as on any button)."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        index = self.lines.index(line)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            # At the first or last line the key is taken all the same: a button would otherwise
            # pass the focus to a button of another section.
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            if 0 <= index + step < len(self.lines):
                self.lines[index + step].button.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            line.button.click()
            return True
        return False

    # -- the register ------------------------------------------------------------------------------

    def open_register(self, session_id: int) -> None:
        """Open the session's register; when it closes, the counts are read again."""
        if self.raise_dialog():
            return
        from ui.dialogs.register_dialog import RegisterDialog  # loaded when first needed: faster start

        try:
            dialog = RegisterDialog(services=self.services, actor=self.actor, session_id=session_id, parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.refresh(self.services.clock.now())  # a session cancelled meanwhile disappears
            return
        self.dialog = dialog
        self._dialog_session = session_id
        open_window_modal(dialog, self._register_closed)

    def _register_closed(self, _result: int) -> None:
        session_id, self._dialog_session = self._dialog_session, None
        self.dialog = None
        self.refresh(self.services.clock.now())
        if session_id is not None:
            self.focus_session(session_id)
