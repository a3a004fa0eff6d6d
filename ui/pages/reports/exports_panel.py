"""The exports of the Reports page: any list of the desk to a CSV file.

Choose the list, the period where one applies (bookings and visits need one; enrolments,
attendance, loans and receipts may be all), and the format: "LibreOffice/Excel in Italian"
(the default: opens right with a double click) or plain CSV. Save… (Ctrl+S) asks where and
writes the file off the UI thread (a QThreadPool task: a million visits take a while), with a
busy bar; then it says how many rows went into which file.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.exports.csv_dialects import DIALECTS, EXCEL_IT
from app.exports.period import Period
from app.exports.registry import EXPORTS, ExportList, export
from app.i18n import _, ngettext
from app.services import Services
from app.services.roles import Actor
from ui import messages
from ui.dialogs.ics_export_dialog import default_directory, slug
from ui.widgets.date_field import date_field
from ui.widgets.form import FormErrors


class _Signals(QObject):
    """Signals:
    written(int): the file is complete, with this many rows.
    failed(str): nothing was written; the message says why, translated.
    """

    written = Signal(int)
    failed = Signal(str)


class _ExportTask(QRunnable):
    """One export on a thread of the pool; it only calls the services."""

    def __init__(
        self, *, services: Services, actor: Actor, code: str, path: Path, period: Period, dialect: str
    ) -> None:
        super().__init__()
        self.signals = _Signals()
        self._arguments = (services, actor, code, path, period, dialect)

    def run(self) -> None:
        try:
            count = export(*self._arguments)
        except PortineriaError as error:
            self.signals.failed.emit(error.message)
        except Exception as error:  # a worker must report, never die silently
            self.signals.failed.emit(_("The file could not be written ({reason}).").format(reason=error))
        else:
            self.signals.written.emit(count)


def previous_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before ``today``'s: the month a report is usually for."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class ExportsPanel(QWidget):
    """Export a list to CSV.

    Signals:
        exported(Path, int): a file was written, with this many rows.
    """

    exported = Signal(Path, int)

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._task: _ExportTask | None = None
        self._path: Path | None = None

        self.lists = QComboBox()
        self.lists.setObjectName("export_list")
        for item in EXPORTS.values():
            self.lists.addItem(item.label, item.code)
        self.whole = QCheckBox(_("&All, with no period"))
        self.whole.setObjectName("export_all")
        self.whole.setToolTip(_("Export the whole list, from the first record to the last"))
        first, last = previous_month(services.clock.today())
        self.first_day = date_field("export_first")
        self.first_day.setDate(QDate(first.year, first.month, first.day))
        self.last_day = date_field("export_last")
        self.last_day.setDate(QDate(last.year, last.month, last.day))
        self.formats = QComboBox()
        self.formats.setObjectName("export_format")
        for dialect in DIALECTS.values():
            self.formats.addItem(dialect.label, dialect.code)
        self.formats.setCurrentIndex(self.formats.findData(EXCEL_IT))
        self.formats.setToolTip(
            _("LibreOffice/Excel in Italian: semicolons and decimal commas, opens with a double click.")
            + "\n"
            + _("Plain CSV: commas, decimal points and dates as 2026-10-31, for other programs.")
        )
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(self.hint.fontMetrics().horizontalAdvance("x") * 60)
        self.save = QPushButton(_("&Save…"))
        self.save.setObjectName("export_save")
        self.save.setToolTip(_("Choose where to save the CSV file (Ctrl+S)"))
        self.save.setDefault(True)
        self.save.clicked.connect(self.start_export)
        QShortcut(QKeySequence.StandardKey.Save, self, self.start_export)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(200)
        self.busy.hide()

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("&List:"), self.lists)
        period = QHBoxLayout()
        period.addWidget(self.first_day)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.last_day)
        period.addSpacing(12)
        period.addWidget(self.whole)
        period.addStretch(1)
        self.errors.add_row(form, _("&Period:"), _row(period), "first")
        self._period_row = form.rowCount() - 1
        form.addRow("", self.hint)
        form.addRow(_("&Format:"), self.formats)
        period_item = form.itemAt(self._period_row, QFormLayout.ItemRole.LabelRole)
        period_label = period_item.widget() if period_item is not None else None
        if isinstance(period_label, QLabel):
            period_label.setBuddy(self.first_day)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.busy)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.lists.currentIndexChanged.connect(self._list_changed)
        self.whole.toggled.connect(self._list_changed)
        self.setTabOrder(self.lists, self.first_day)
        self.setTabOrder(self.first_day, self.last_day)
        self.setTabOrder(self.last_day, self.whole)
        self.setTabOrder(self.whole, self.formats)
        self.setTabOrder(self.formats, self.save)
        self._list_changed()

    # -- state ---------------------------------------------------------------------------------------

    def chosen(self) -> ExportList:
        return EXPORTS[str(self.lists.currentData())]

    def period(self) -> Period:
        kind = self.chosen().period
        if kind == "none" or (kind == "optional" and self.whole.isChecked()):
            return Period()
        first, last = self.first_day.date().toPython(), self.last_day.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return Period(first, last)

    def running(self) -> bool:
        return self._task is not None

    def _list_changed(self) -> None:
        kind = self.chosen().period
        self.whole.setVisible(kind == "optional")
        dated = kind == "required" or (kind == "optional" and not self.whole.isChecked())
        self.first_day.setEnabled(dated)
        self.last_day.setEnabled(dated)
        self.hint.setText(
            {
                "none": _("The whole list is exported: it has no period."),
                "required": _("Only what falls in the period, first and last day included."),
                "optional": _("Only what falls in the period, or all of it with “All”."),
            }[kind]
        )
        self.errors.clear()

    def suggested_path(self) -> Path:
        chosen, period = self.chosen(), self.period()
        name = slug(chosen.label)
        if period.first is not None and period.last is not None:
            name += f"-{period.first.isoformat()}-{period.last.isoformat()}"
        return default_directory() / f"{name}.csv"

    # -- exporting -----------------------------------------------------------------------------------

    def start_export(self) -> None:
        """Check the period, ask where to save, and write the file on a thread of the pool."""
        if self.running():
            return
        self.errors.clear()
        chosen, period = self.chosen(), self.period()
        try:
            period.check(required=chosen.period == "required")
        except ValidationError as error:
            self.errors.show(error)
            self.first_day.setFocus()
            return
        path = messages.choose_file_to_save(
            self, title=_("Save the list as"), suggested=self.suggested_path(), file_filter=_("CSV files (*.csv)")
        )
        if path is None:
            return
        self._path = path
        task = _ExportTask(
            services=self._services,
            actor=self._actor,
            code=chosen.code,
            path=path,
            period=period,
            dialect=str(self.formats.currentData()),
        )
        task.signals.written.connect(self._written, Qt.ConnectionType.QueuedConnection)
        task.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        task.setAutoDelete(False)  # kept by ``_task`` until it reports
        self._task = task
        self._set_busy(True)
        QThreadPool.globalInstance().start(task)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.save.setEnabled(not busy)
        self.save.setText(_("Saving…") if busy else _("&Save…"))

    def _written(self, count: int) -> None:
        path = self._path
        self._task, self._path = None, None
        self._set_busy(False)
        assert path is not None
        self.exported.emit(path, count)
        messages.show_info(
            self,
            ngettext("{count} row written to {path}.", "{count} rows written to {path}.", count).format(
                count=count, path=path
            ),
        )

    def _failed(self, message: str) -> None:
        self._task, self._path = None, None
        self._set_busy(False)
        messages.show_error(self, message)


def _row(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder
