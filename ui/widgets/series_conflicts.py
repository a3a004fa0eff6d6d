"""The dates of a repeating booking that cannot be booked, and the button that books the others.

Shown by the booking editor after it asked the service for a series' preview: a sentence that
says how many dates cannot be booked and what can be done, one line per date ("Tue 8 Dec 2026 —
the house is closed") and "Book the other 33 dates", which the editor makes the default button
so that Enter books them. The dates left out are saved as the series' exception dates.

Every line is read whole: a line longer than the list wraps (no sideways scrolling), the list
asks to be as tall as its dates and scrolls what the screen has no room for, and
``unwrapped_width`` tells the editor how wide the list would need to be for no line to wrap.

The plan of a workshop's sessions shows its conflicts in the same box (``show_sessions``), in its
own words ("Create the other 9 sessions"); there the dialog's own Save button takes that text and
creates the sessions, so the box is built ``with_button=False``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QSizePolicy, QStyle, QVBoxLayout, QWidget

from app.i18n import _, format_date, ngettext
from app.services.bookings import SeriesConflict, SeriesPreview
from app.services.workshop_sessions import SessionsPreview
from ui.widgets.form import ERROR_STYLE

DATE_FORMAT = "EEE d MMM yyyy"
MIN_LINES = 6
"""The list is never shorter than this many lines (when there are as many), however small the screen."""
ADVICE_STYLE = "color: #333333;"
BAND_COLOUR = "#eef1f5"


def conflict_line(conflict: SeriesConflict) -> str:
    """ "Tue 8 Dec 2026 — the house is closed": the date, then why it cannot be booked.

    The service's reason may itself start with the date (it is also used on its own): that
    copy is left out so the date is read once.
    """
    reason = conflict.reason
    prefix = format_date(conflict.occurrence_start.date())
    if reason.startswith(prefix):
        reason = reason[len(prefix) :].lstrip(":, ")
    return _("{date} — {reason}").format(date=format_date(conflict.occurrence_start, DATE_FORMAT), reason=reason)


class ConflictList(QListWidget):
    """The lines of the dates, wrapped rather than cut.

    It asks to be as tall as its lines are (``sizeHint``) and takes what the dialog can give
    within the screen, never less than ``MIN_LINES`` lines (``minimumSizeHint``); the rest
    scrolls.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        # Every other date on a tinted band: where a wrapped line ends and the next date starts.
        self.setAlternatingRowColors(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.AlternateBase, QColor(BAND_COLOUR))
        self.setPalette(palette)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._fitted_width = -1
        self._content_height = 0

    def unwrapped_width(self) -> int:
        """How wide the list must be for its longest line not to wrap."""
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.item(row).text()) for row in range(self.count())), default=0)
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return longest + margin + scroll_bar + 2 * self.frameWidth() + 4

    def fit_height(self) -> None:
        """Measure the lines as they wrap at the present width, and ask the layout for that."""
        self._fitted_width = self.viewport().width()
        self._content_height = 0
        if self.count():
            self.doItemsLayout()
            self._content_height = sum(self.visualItemRect(self.item(row)).height() for row in range(self.count()))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._content_height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        lines = max(self.sizeHintForRow(0), self.fontMetrics().lineSpacing()) * MIN_LINES if self.count() else 0
        height = min(self._content_height, lines) + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._fitted_width:
            self.fit_height()  # wider or narrower, the lines wrap differently


class SeriesConflictsBox(QGroupBox):
    """Hidden until ``show_preview`` gets a preview with conflicts.

    Signals:
        book_others(): the person chose to book the dates that are free.
    """

    book_others = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_button: bool = True) -> None:
        super().__init__(_("Dates that cannot be booked"), parent)
        self.setObjectName("series_conflicts")
        self._conflicts: tuple[SeriesConflict, ...] = ()
        self._free = 0
        self.summary = QLabel()
        self.summary.setObjectName("series_conflicts_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.advice = QLabel()
        self.advice.setObjectName("series_conflicts_advice")
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet(ADVICE_STYLE)
        self.dates = ConflictList()
        self.dates.setObjectName("series_conflicts_dates")
        self.dates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dates.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.book_button = QPushButton()
        self.book_button.setObjectName("series_book_others")
        self.book_button.setAutoDefault(False)  # the editor makes it the default when it is shown
        self.book_button.clicked.connect(self.book_others)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.advice)
        layout.addWidget(self.dates)
        layout.addWidget(self.book_button, 0, Qt.AlignmentFlag.AlignRight)
        self.book_button.setVisible(with_button)
        self.hide()

    def conflict_starts(self) -> tuple[datetime, ...]:
        return tuple(conflict.occurrence_start for conflict in self._conflicts)

    def lines(self) -> list[str]:
        return [self.dates.item(row).text() for row in range(self.dates.count())]

    def free_count(self) -> int:
        return self._free

    def action_text(self) -> str:
        """What the button that leaves the listed dates out says ("Book the other 28 dates")."""
        return self.book_button.text()

    def _list(self, conflicts: tuple[SeriesConflict, ...], free: int) -> None:
        self._conflicts = conflicts
        self._free = free
        self.dates.clear()
        for conflict in conflicts:
            self.dates.addItem(conflict_line(conflict))

    def _shown(self, count: int) -> None:
        self.advice.setVisible(bool(self.advice.text()))
        self.setVisible(count > 0)
        self.dates.fit_height()

    def show_sessions(self, preview: SessionsPreview) -> None:
        """List the conflicts of a plan of workshop sessions (hidden if there are none)."""
        free = len(preview.free)
        self._list(preview.conflicts, free)
        total = len(preview.starts)
        count = len(preview.conflicts)
        self.summary.setText(
            ngettext(
                "{count} of the {total} dates cannot be booked, for the reason below.",
                "{count} of the {total} dates cannot be booked, for the reasons below.",
                count,
            ).format(count=count, total=total)
        )
        if free > 0:
            self.book_button.setText(
                ngettext("Create the other session", "Create the other {count} sessions", free).format(count=free)
            )
            self.book_button.setEnabled(True)
            self.advice.setText(
                ngettext(
                    "“{button}” leaves this date out. Or change the first day, the time or the days.",
                    "“{button}” leaves these dates out. Or change the first day, the time or the days.",
                    count,
                ).format(button=self.book_button.text())
            )
        else:
            self.book_button.setText(_("No date is free"))
            self.book_button.setEnabled(False)
            self.summary.setText(_("None of the dates can be booked: change the first day, the time or the days."))
            self.advice.setText("")
        self._shown(count)

    def show_preview(self, preview: SeriesPreview) -> None:
        """List the conflicts of ``preview`` (hidden if there are none)."""
        self._list(preview.conflicts, len(preview.occurrences) - len(preview.conflicts))
        total = len(preview.occurrences)
        count = len(preview.conflicts)
        if preview.open_ended:
            self.summary.setText(
                ngettext(
                    "In the next two years, {count} date cannot be booked, for the reason below.",
                    "In the next two years, {count} dates cannot be booked, for the reasons below.",
                    count,
                ).format(count=count)
            )
        else:
            self.summary.setText(
                ngettext(
                    "{count} of the {total} dates cannot be booked, for the reason below.",
                    "{count} of the {total} dates cannot be booked, for the reasons below.",
                    count,
                ).format(count=count, total=total)
            )
        if self._free > 0:
            if preview.open_ended:
                self.book_button.setText(_("Book the other dates"))
            else:
                self.book_button.setText(
                    ngettext("Book the other date", "Book the other {count} dates", self._free).format(count=self._free)
                )
            self.book_button.setEnabled(True)
            self.advice.setText(
                ngettext(
                    "“{button}” saves the series without this date. Or change the time, the room or the days.",
                    "“{button}” saves the series without these dates. Or change the time, the room or the days.",
                    count,
                ).format(button=self.book_button.text())
            )
        else:
            self.book_button.setText(_("No date is free"))
            self.book_button.setEnabled(False)
            self.summary.setText(_("None of the dates can be booked: change the time, the room or the days."))
            self.advice.setText("")
        self._shown(count)

    def clear(self) -> None:
        self._conflicts = ()
        self._free = 0
        self.dates.clear()
        self.hide()
