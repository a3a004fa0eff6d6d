"""The Reports page: the monthly summary, the weekly programme poster and the exports to CSV.

Three tabs (Ctrl+Tab moves between them), one module each in ``ui.pages.reports``. The two
printed reports are written off the UI thread with a progress bar and open in the print preview;
the exports ask where to save the CSV. Coordinators and admins see the page (``ui/areas.py``);
the services check it anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services import Services
from app.services.roles import Actor
from ui.pages.base import Page
from ui.pages.reports.exports_panel import ExportsPanel
from ui.pages.reports.monthly_panel import MonthlyPanel
from ui.pages.reports.programme_panel import ProgrammePanel
from ui.pages.reports.report_panel import ENTER_KEYS, ReportPanel


class ReportsPage(Page):
    """Pick the report and its period, Make it (Enter), then print or save it from the preview."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.monthly = MonthlyPanel(services=services, actor=actor)
        self.programme = ProgrammePanel(services=services, actor=actor)
        self.exports = ExportsPanel(services=services, actor=actor)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.tabs.addTab(self.monthly, _("Monthly summary"))
        self.tabs.addTab(self.programme, _("Weekly programme"))
        self.tabs.addTab(self.exports, _("Exports"))
        for index in range(self.tabs.count()):
            self.tabs.setTabToolTip(index, _("Ctrl+Tab goes to the next tab"))
        # After Ctrl+Tab the tab widget settles its own focus first: the choice gets it just after.
        self.tabs.currentChanged.connect(lambda _index: QTimer.singleShot(0, self.shown))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def shown(self) -> None:
        """Put the cursor on the current tab's first choice, ready for the keyboard."""
        current = self.tabs.currentWidget()
        if isinstance(current, MonthlyPanel):
            current.month.setFocus()
        elif isinstance(current, ProgrammePanel):
            current.week.setFocus()
        elif isinstance(current, ExportsPanel):
            current.lists.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on the tabs themselves (after Ctrl+Tab) makes the report of the current tab."""
        current = self.tabs.currentWidget()
        if event.key() in ENTER_KEYS and isinstance(current, ReportPanel):
            event.accept()
            current.make()
            return
        super().keyPressEvent(event)
