"""What a calendar import did, or would do: the counts in one sentence, then one line per event
that was not booked as it is (skipped or in conflict) with the reason the service gave.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.i18n import _, format_date, format_datetime, ngettext
from app.services.calendars import ImportLine, ImportOutcome, ImportReport

COL_EVENT, COL_WHEN, COL_OUTCOME, COL_REASON = range(4)
CONFLICT_COLOUR = QColor("#b00020")


def summary_text(report: ImportReport) -> str:
    """``3 to create, 1 skipped, 2 in conflict`` — or, after the import, what was created."""
    if report.dry_run:
        created = ngettext(
            "{count} booking or series to create", "{count} bookings or series to create", report.created
        )
    else:
        created = ngettext("{count} booking or series created", "{count} bookings or series created", report.created)
    skipped = ngettext(
        "{count} event skipped (already there or not bookable)",
        "{count} events skipped (already there or not bookable)",
        report.skipped,
    )
    conflicts = ngettext("{count} date in conflict", "{count} dates in conflict", report.conflicts)
    return " · ".join(
        text.format(count=count)
        for text, count in ((created, report.created), (skipped, report.skipped), (conflicts, report.conflicts))
    )


def when_text(start: datetime | date | None) -> str:
    if isinstance(start, datetime):
        return format_datetime(start)
    if isinstance(start, date):
        return format_date(start)
    return "—"


def outcome_text(line: ImportLine) -> str:
    return _("In conflict") if line.outcome is ImportOutcome.CONFLICT else _("Skipped")


class ImportReportView(QWidget):
    """A bold title ("Check" or "Imported"), the counts, and the events not booked as they are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("import_report_title")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.summary = QLabel()
        self.summary.setObjectName("import_report_summary")
        self.summary.setWordWrap(True)
        self.lines = QTreeWidget()
        self.lines.setObjectName("import_report_lines")
        self.lines.setColumnCount(4)
        self.lines.setHeaderLabels([_("Event"), _("When"), _("Result"), _("Reason")])
        self.lines.setRootIsDecorated(False)
        self.lines.setAlternatingRowColors(True)
        self.lines.setWordWrap(True)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.lines.header()
        header.setStretchLastSection(True)
        for column in (COL_WHEN, COL_OUTCOME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_EVENT, QHeaderView.ResizeMode.Interactive)
        self._char = self.fontMetrics().averageCharWidth()
        header.resizeSection(COL_EVENT, self._char * 28)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        self.clear()

    def clear(self) -> None:
        self.title.setText(_("Nothing checked yet."))
        self.summary.setText(_("Choose the file, the room and who books, then “Check”: nothing is booked yet."))
        self.lines.clear()
        self.lines.hide()

    def show_report(self, report: ImportReport) -> None:
        if report.dry_run:
            self.title.setText(_("Check: what the import would do"))
        else:
            self.title.setText(_("Imported"))
        self.summary.setText(summary_text(report))
        self.lines.clear()
        for line in report.lines:
            texts = [line.summary or _("(no title)"), when_text(line.start), outcome_text(line), line.reason]
            item = QTreeWidgetItem(texts)
            item.setToolTip(COL_EVENT, texts[COL_EVENT])
            item.setToolTip(COL_REASON, line.reason)
            if line.outcome is ImportOutcome.CONFLICT:
                item.setForeground(COL_OUTCOME, QBrush(CONFLICT_COLOUR))
            self.lines.addTopLevelItem(item)
        self.lines.setVisible(bool(report.lines))
        # The titles are what the desk recognises: as wide as they need, within reason.
        widest = self.lines.sizeHintForColumn(COL_EVENT) + 12
        self.lines.header().resizeSection(COL_EVENT, max(min(widest, self._char * 44), self._char * 16))

    def line_texts(self) -> list[tuple[str, str, str, str]]:
        """The lines as shown, for tests and for reading back."""
        rows = []
        for i in range(self.lines.topLevelItemCount()):
            item = self.lines.topLevelItem(i)
            if item is not None:
                rows.append((item.text(0), item.text(1), item.text(2), item.text(3)))
        return rows
