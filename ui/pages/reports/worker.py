"""Making a report off the UI thread: the desk stays responsive while a long PDF is written.

A report is a function that writes a PDF and reports ``progress(done, total)`` as it goes
(``app.reports.monthly_summary.write_monthly_summary`` does). ``ReportRunner`` runs one at a time
on Qt's global thread pool and tells the panel, on the UI thread, how far it is, that the file is
ready, or why it failed. The work itself only calls the services and ``app.reports``; nothing on
the worker thread touches a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from app.errors import PortineriaError
from app.i18n import _

Progress = Callable[[int, int], None]
Make = Callable[[Progress], Path]
"""Writes the report, calling ``progress(done, total)`` on the way; returns the PDF's path."""


class _TaskSignals(QObject):
    """Signals (emitted on the worker thread, delivered queued on the UI thread):
    progressed(int, int): steps done, steps in all.
    made(object): the PDF's ``Path``, complete.
    failed(str): nothing was made; the message says why, translated.
    """

    progressed = Signal(int, int)
    made = Signal(object)
    failed = Signal(str)


class _ReportTask(QRunnable):
    """One report on a thread of the pool."""

    def __init__(self, make: Make) -> None:
        super().__init__()
        self.signals = _TaskSignals()
        self._make = make

    def run(self) -> None:
        try:
            path = self._make(self.signals.progressed.emit)
        except PortineriaError as error:  # no right to it, a month that is not one, ...
            self.signals.failed.emit(error.message)
        except OSError as error:
            self.signals.failed.emit(
                _("The PDF could not be written ({reason}).").format(reason=error.strerror or error)
            )
        except Exception as error:  # a worker must report, never die silently
            self.signals.failed.emit(_("The report could not be made ({reason}).").format(reason=error))
        else:
            self.signals.made.emit(path)


class ReportRunner(QObject):
    """Runs one report at a time on the global thread pool.

    Signals:
        progressed(int, int): steps done, steps in all, as the report goes on.
        made(object): the report's PDF (a ``Path``) is written whole.
        failed(str): the report failed; the translated reason.
    """

    progressed = Signal(int, int)
    made = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: _ReportTask | None = None

    def running(self) -> bool:
        return self._task is not None

    def start(self, make: Make) -> bool:
        """Start ``make`` on the pool; False (and nothing started) if a report is still running."""
        if self._task is not None:
            return False
        task = _ReportTask(make)
        queued = Qt.ConnectionType.QueuedConnection
        task.signals.progressed.connect(self.progressed, queued)
        task.signals.made.connect(self._made, queued)
        task.signals.failed.connect(self._failed, queued)
        task.setAutoDelete(False)  # kept by ``_task`` until it reports
        self._task = task
        QThreadPool.globalInstance().start(task)
        return True

    def _made(self, path: Path) -> None:
        self._task = None
        self.made.emit(path)

    def _failed(self, message: str) -> None:
        self._task = None
        self.failed.emit(message)
