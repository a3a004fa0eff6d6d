"""The dates of a repeating booking that cannot be booked, and the button that books the others.

Shown by the booking editor after it asked the service for a series' preview: one line per date,
"Tue 8 Dec 2026 — the house is closed", and "Book the other 33 dates", which the editor makes the
default button so that Enter books them. The dates left out are saved as the series' exception
dates.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, format_date, ngettext
from app.services.bookings import SeriesConflict, SeriesPreview
from ui.widgets.form import ERROR_STYLE

DATE_FORMAT = "EEE d MMM yyyy"
MAX_LINES = 6


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


class SeriesConflictsBox(QGroupBox):
    """Hidden until ``show_preview`` gets a preview with conflicts.

    Signals:
        book_others(): the person chose to book the dates that are free.
    """

    book_others = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Dates that cannot be booked"), parent)
        self.setObjectName("series_conflicts")
        self._conflicts: tuple[SeriesConflict, ...] = ()
        self._free = 0
        self.summary = QLabel()
        self.summary.setObjectName("series_conflicts_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.dates = QListWidget()
        self.dates.setObjectName("series_conflicts_dates")
        self.dates.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dates.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.book_button = QPushButton()
        self.book_button.setObjectName("series_book_others")
        self.book_button.setAutoDefault(False)  # the editor makes it the default when it is shown
        self.book_button.clicked.connect(self.book_others)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.dates)
        layout.addWidget(self.book_button, 0, Qt.AlignmentFlag.AlignRight)
        self.hide()

    def conflict_starts(self) -> tuple[datetime, ...]:
        return tuple(conflict.occurrence_start for conflict in self._conflicts)

    def lines(self) -> list[str]:
        return [self.dates.item(row).text() for row in range(self.dates.count())]

    def free_count(self) -> int:
        return self._free

    def show_preview(self, preview: SeriesPreview) -> None:
        """List the conflicts of ``preview`` (hidden if there are none)."""
        self._conflicts = preview.conflicts
        self._free = len(preview.occurrences) - len(preview.conflicts)
        self.dates.clear()
        for conflict in preview.conflicts:
            self.dates.addItem(conflict_line(conflict))
        # As tall as the dates, up to six lines; more scroll.
        lines = min(max(len(preview.conflicts), 2), MAX_LINES)
        self.dates.setFixedHeight(self.dates.sizeHintForRow(0) * lines + 2 * self.dates.frameWidth() + 4)
        total = len(preview.occurrences)
        count = len(preview.conflicts)
        if preview.open_ended:
            self.summary.setText(
                ngettext(
                    "In the next two years, {count} date cannot be booked:",
                    "In the next two years, {count} dates cannot be booked:",
                    count,
                ).format(count=count)
            )
        else:
            self.summary.setText(
                ngettext(
                    "{count} of the {total} dates cannot be booked:",
                    "{count} of the {total} dates cannot be booked:",
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
        else:
            self.book_button.setText(_("No date is free"))
            self.book_button.setEnabled(False)
            self.summary.setText(_("None of the dates can be booked: change the time, the room or the days."))
        self.setVisible(count > 0)

    def clear(self) -> None:
        self._conflicts = ()
        self._free = 0
        self.dates.clear()
        self.hide()
