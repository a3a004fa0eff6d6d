"""The monthly summary for the funders, from the Reports page: choose the month, Make, preview.

The month list starts at the current month and goes back ten years (the life of a busy house's
file); it opens on last month, the one a report is usually made for at the start of a month.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n import _, format_date
from app.services import Services
from app.services.roles import Actor
from app.text import capitalised
from ui.pages.reports.report_panel import ReportPanel, reports_folder
from ui.pages.reports.worker import Make, Progress

MONTHS_BACK = 120


def months_until(today: date, count: int = MONTHS_BACK) -> list[tuple[int, int]]:
    """(year, month) from ``today``'s month back ``count`` months, newest first."""
    index = today.year * 12 + today.month - 1
    return [divmod(index - back, 12) for back in range(count + 1)]


class MonthlyPanel(ReportPanel):
    """Choose a month and the language; Make writes the summary and opens its preview."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            services=services,
            actor=actor,
            hint=_(
                "A few pages for the city and the funders: rooms, workshops, drop-in services, tool library, "
                "cash and people reached in the month, beside the same month of the year before."
            ),
            parent=parent,
        )
        self.month = QComboBox()
        self.month.setObjectName("report_month")
        self.month.setToolTip(_("The month of the summary (Up and Down change it)"))
        for year, zero_based in months_until(services.clock.today()):
            first = date(year, zero_based + 1, 1)
            self.month.addItem(capitalised(format_date(first, "LLLL y")), (year, zero_based + 1))
        self.month.setCurrentIndex(1)  # last month
        self.form.addRow(_("M&onth:"), self.month)
        self.finish_layout()
        self.setTabOrder(self.month, self.language)
        self.setTabOrder(self.language, self.make_button)

    def chosen_month(self) -> tuple[int, int]:
        year, month = self.month.currentData()
        return int(year), int(month)

    def choose_month(self, year: int, month: int) -> None:
        self.month.setCurrentIndex(self.month.findData((year, month)))

    def job(self) -> tuple[Make, str]:
        services, actor, language = self.services, self.actor, self.chosen_language()
        year, month = self.chosen_month()
        title = _("Monthly summary, {month}").format(month=self.month.currentText())
        name = _("monthly-summary-{month}.pdf").format(month=f"{year:04d}-{month:02d}")

        def work(progress: Progress) -> Path:
            # reportlab is imported with the first report made, not when the desk starts.
            from app.reports.monthly_summary import write_monthly_summary

            path = reports_folder() / name
            write_monthly_summary(services, actor, year, month, path, language=language, progress=progress)
            return path

        return work, title
