"""Today: the desk's home, shown first after signing in.

The date in full, then sections stacked one under the other in a scrolling column, each a small
widget of its own (``ui.pages.today.section.TodaySection``) that reads its data when the page is
shown and again every minute, as of the house clock's ``now``:

- the drop-in service counters, a visit recorded in one click or Alt+1..9, Ctrl+Z undoing it
  (``ui.pages.today.dropin_section``): first, so that they are in view without scrolling;
- today's workshop sessions, each with its register a click (or Enter) away, and how many came
  of those enrolled (``ui.pages.today.sessions_section``);
- today's bookings of every room, now and next first (``ui.pages.today.bookings_section``);
- the tools due back today and those overdue, each a click (or Enter) away from the Tool library
  (``ui.pages.today.loans_section``): last.

Later areas add their sections to ``_make_sections`` below.

"Find a free room" (the button, Ctrl+R) opens ``ui.dialogs.free_room_dialog``; Ctrl+N makes a new
booking in the booking editor. Keep building the page cheap: signing in shows it first, and the
start of the desk is benchmarked.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date
from app.services import Services
from app.services.bookings import BookingRow
from app.services.roles import Actor
from app.text import capitalised
from ui.pages.base import Page
from ui.pages.today.bookings_section import BookingsSection
from ui.pages.today.dropin_section import DropInSection
from ui.pages.today.loans_section import LoansSection, open_in_lending
from ui.pages.today.section import TodaySection
from ui.pages.today.sessions_section import SessionsSection

FREE_ROOM_KEYS = "Ctrl+R"


class TodayPage(Page):
    """What is happening at the house today; see the module's docstring."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.dialog: QDialog | None = None
        self.title = QLabel()
        self.title.setObjectName("today_title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.free_room_button = QPushButton(_("Find a free room…"))
        self.free_room_button.setObjectName("today_free_room")
        self.free_room_button.setToolTip(
            _("Which rooms are free at a time, for a number of people ({keys})").format(keys=FREE_ROOM_KEYS)
        )
        self.free_room_button.clicked.connect(self.find_free_room)
        QShortcut(QKeySequence(FREE_ROOM_KEYS), self, self.find_free_room)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.free_room_button)

        self.bookings = BookingsSection(services=services, actor=actor)
        self.bookings.booking_opened.connect(self.open_in_bookings)
        self.dropin = DropInSection(services=services, actor=actor)
        self.workshop_sessions = SessionsSection(services=services, actor=actor)
        self.tools = LoansSection(services=services, actor=actor)
        self.tools.loan_opened.connect(partial(open_in_lending, self))
        self.sections: list[TodaySection] = self._make_sections()

        column = QWidget()
        column.setObjectName("today_sections")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 8, 0)
        column_layout.setSpacing(24)
        for section in self.sections:
            column_layout.addWidget(section)
            section.cursor_moved.connect(self._keep_visible)
        column_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("today_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(column)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.scroll_area, 1)

        # Single-shot, set each time for the start of the next minute of the house clock, so that
        # "Now" and "In 5 min" turn when the clock on the wall does.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)

    def _make_sections(self) -> list[TodaySection]:
        """The sections, top to bottom. Later areas append theirs here (see the module's docstring)."""
        return [self.dropin, self.workshop_sessions, self.bookings, self.tools]

    # -- refreshing --------------------------------------------------------------------------------

    def shown(self) -> None:
        self.refresh()
        for section in self.sections:
            if section.take_focus():
                return
        self.free_room_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Read every section again as of the house clock's now, and wait for the next minute."""
        now = self.services.clock.now()
        self.title.setText(capitalised(format_date(now.date(), "full")))
        for section in self.sections:
            section.refresh(now)
        self.timer.start(max(1, 60 - now.second) * 1000)

    def tick(self) -> None:
        """A minute passed: refresh if the page is on screen (``shown`` refreshes it otherwise)."""
        if self.isVisible():
            self.refresh()

    def _keep_visible(self, widget: QWidget, rect: QRect) -> None:
        """A section's keyboard cursor moved: scroll the page so that it shows."""
        column = self.scroll_area.widget()
        if column is None:
            return
        top = widget.mapTo(column, rect.topLeft())
        self.scroll_area.ensureVisible(top.x(), top.y() + rect.height() // 2, 0, rect.height())

    # -- going elsewhere ---------------------------------------------------------------------------

    def open_in_bookings(self, booking: BookingRow) -> None:
        """Enter or a double-click on a booking: the Bookings area, on today."""
        from ui.pages.bookings_page import BookingsPage  # loaded when first needed: faster start

        day = booking.start.date()

        def go_to_day(page: Page) -> None:
            if isinstance(page, BookingsPage):
                page.set_day(day)

        self.request_area(BookingsPage, go_to_day)

    def add_new(self) -> None:
        """Ctrl+N: a new booking, everything to choose; the page shows it once saved."""
        from ui.dialogs.booking_editor import open_new_booking  # loaded when first needed

        if open_new_booking(self, self.services, self.actor):
            self.shown()

    def find_free_room(self) -> None:
        """Open "Find a free room"; after a booking is made there, the page shows it."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        from ui.dialogs.free_room_dialog import FreeRoomDialog  # loaded when first needed

        dialog = FreeRoomDialog(services=self.services, actor=self.actor, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        # A bound method, not a lambda holding the dialog (see SearchListPage._open_editor).
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None
        if self.isVisible():
            self.shown()
