"""The weekly programme poster, from the Reports page: choose the week and the paper, Make, preview.

The week is chosen by any of its days (the calendar opens with Alt+Down) and written out beside
the field, Monday to Sunday; the field opens on next week, the one pinned on the board on Friday.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from app.weeks import format_week, monday_of
from ui.pages.reports.report_panel import ReportPanel, reports_folder
from ui.pages.reports.worker import Make, Progress
from ui.widgets.date_field import date_field

SIZES = ("A4", "A3")


def next_monday(today: date) -> date:
    return monday_of(today) + timedelta(days=7)


class ProgrammePanel(ReportPanel):
    """Choose a week, A4 or A3 and the language; Make writes the poster and opens its preview."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            services=services,
            actor=actor,
            hint=_(
                "The week's public activities on one landscape sheet for the notice board: workshops, "
                "events and public bookings, day by day, with room and association."
            ),
            parent=parent,
        )
        self.week = date_field("report_week")
        self.week.setToolTip(
            _("Any day of the week, Monday to Sunday; the calendar opens with Alt+Down (Up and Down change the day)")
        )
        monday = next_monday(services.clock.today())
        self.week.setDate(QDate(monday.year, monday.month, monday.day))
        self.week_text = QLabel()
        self.week_text.setObjectName("report_week_text")
        self.week.dateChanged.connect(self._week_changed)
        week_row = QHBoxLayout()
        week_row.setContentsMargins(0, 0, 0, 0)
        week_row.addWidget(self.week)
        week_row.addSpacing(8)
        week_row.addWidget(self.week_text)
        week_box = QWidget()
        week_box.setLayout(week_row)
        self.paper = QComboBox()
        self.paper.setObjectName("report_paper")
        self.paper.addItem(_("A4 landscape"), "A4")
        self.paper.addItem(_("A3 landscape (twice as large)"), "A3")
        self.paper.setToolTip(_("The paper of the poster"))
        self.form.addRow(_("&Week:"), week_box)
        week_label = self.form.labelForField(week_box)
        if isinstance(week_label, QLabel):
            week_label.setBuddy(self.week)
        self.form.addRow(_("&Paper:"), self.paper)
        self.finish_layout()
        self.setTabOrder(self.week, self.paper)
        self.setTabOrder(self.paper, self.language)
        self.setTabOrder(self.language, self.make_button)
        self._week_changed()

    def chosen_monday(self) -> date:
        day = self.week.date().toPython()
        assert isinstance(day, date)
        return monday_of(day)

    def choose_week(self, day: date) -> None:
        self.week.setDate(QDate(day.year, day.month, day.day))

    def _week_changed(self) -> None:
        self.week_text.setText(format_week(self.chosen_monday()))

    def job(self) -> tuple[Make, str]:
        services, actor, language = self.services, self.actor, self.chosen_language()
        monday, size = self.chosen_monday(), str(self.paper.currentData())
        year, week, _day = monday.isocalendar()
        title = _("Weekly programme, {week}").format(week=format_week(monday))
        name = _("programme-{week}-{size}.pdf").format(week=f"{year:04d}-W{week:02d}", size=size)

        def work(progress: Progress) -> Path:
            # reportlab is imported with the first report made, not when the desk starts.
            from app.reports.programme_poster import write_programme

            path = reports_folder() / name
            progress(0, 1)
            write_programme(services, actor, monday, path, size=size, language=language)
            progress(1, 1)
            return path

        return work, title
