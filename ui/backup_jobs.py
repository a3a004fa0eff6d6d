"""The desk's automatic checks and backups, run off the UI thread.

- at start, once the window shows: ``quick_check`` of the open file, a backup, and the weekly
  ``integrity_check`` (``Backups.start_up``);
- every hour while the desk is open, a backup if none was made today (so one a day, even on a
  desk left open for a week);
- at close, after the window has gone, a last backup (waiting for any backup still running).

Each job runs in Qt's global thread pool with its own SQLite connections (WAL lets it read while
the desk writes); its result comes back to the UI thread through a queued signal. What a job
finds is announced with signals, and the composition root decides what the desk shows.

The second backup folder (a USB stick) belongs to this computer, not to the house: it is kept
in this computer's ``desk.ini``, as the receipt paper is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QSettings, QThreadPool, QTimer, Signal, Slot

from app import paths
from app.backups import BackupFailed, BackupOutcome, Backups, StartReport
from app.i18n import _

SECOND_FOLDER_KEY = "backups/second_folder"
DAILY_CHECK_MS = 60 * 60 * 1000


def _settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "desk.ini"), QSettings.Format.IniFormat)


def second_folder() -> Path | None:
    """The second backup folder chosen at this computer, or None."""
    value = _settings().value(SECOND_FOLDER_KEY, "")
    return Path(value) if isinstance(value, str) and value.strip() else None


def remember_second_folder(folder: Path | None) -> None:
    settings = _settings()
    if folder is None:
        settings.remove(SECOND_FOLDER_KEY)
    else:
        settings.setValue(SECOND_FOLDER_KEY, str(folder))
    settings.sync()


class _Dispatcher(QObject):
    """Brings the results of background work back to the UI thread.

    One object, created in the UI thread and living as long as the application: a worker emits
    ``delivered`` with the callback and its argument, and Qt queues the call of ``_call`` (a
    method of this UI-thread object) there. One long-lived receiver avoids the lost deliveries
    seen with short-lived per-task objects.
    """

    delivered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.delivered.connect(self._call)

    @Slot(object)
    def _call(self, pair: object) -> None:
        if isinstance(pair, tuple) and len(pair) == 2 and callable(pair[0]):
            pair[0](pair[1])


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher(QCoreApplication.instance())
    return _dispatcher


class _Runnable(QRunnable):
    def __init__(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        alive: Callable[[], bool],
    ) -> None:
        super().__init__()
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._alive = alive
        self._dispatcher = _the_dispatcher()

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # handed to on_error on the UI thread, never lost in the pool
            self._dispatcher.delivered.emit((self._guarded(self._on_error), error))
        else:
            self._dispatcher.delivered.emit((self._guarded(self._on_done), result))

    def _guarded(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(value: Any) -> None:
            if self._alive():
                callback(value)

        return call


def run_in_background(
    work: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    owner: QObject | None = None,
) -> None:
    """Run ``work`` in Qt's thread pool; ``on_done(result)`` or ``on_error(error)`` then runs on
    the UI thread, unless ``owner`` (the widget that asked) has been deleted meanwhile."""
    alive: Callable[[], bool] = (lambda: True) if owner is None else _alive_check(owner)
    QThreadPool.globalInstance().start(_Runnable(work, on_done, on_error, alive))


def _alive_check(owner: QObject) -> Callable[[], bool]:
    gone: list[bool] = []
    owner.destroyed.connect(lambda: gone.append(True))
    return lambda: not gone and shiboken6.isValid(owner)


def wait_for_background_work() -> None:
    QThreadPool.globalInstance().waitForDone()


class BackupScheduler(QObject):
    """Starts the checks and backups of one open database and says what they found.

    Signals:
        damaged(str): ``quick_check`` or the weekly ``integrity_check`` found damage.
        failed(str): a backup could not be made (nothing half-done was kept).
        warning(str): something to know that does not stop the desk (the USB stick is out).
        backed_up(object): a ``BackupOutcome``, after each backup.
    """

    damaged = Signal(str)
    failed = Signal(str)
    warning = Signal(str)
    backed_up = Signal(object)

    def __init__(self, *, backups: Backups, back_up: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self._back_up = back_up
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(self.daily)

    def start(self) -> None:
        """The check (and backup) of the opened file; then the daily timer."""
        folder = second_folder()
        back_up = self._back_up
        run_in_background(
            lambda: self.backups.start_up(second_folder=folder, back_up=back_up),
            on_done=self._started,
            on_error=self._job_error,
            owner=self,
        )
        if back_up:
            self.timer.start()

    def daily(self) -> None:
        folder = second_folder()

        def work() -> BackupOutcome | None:
            return self.backups.make("daily", second_folder=folder) if self.backups.daily_due() else None

        run_in_background(work, on_done=self._backed_up, on_error=self._job_error, owner=self)

    def at_close(self) -> None:
        """The backup at close: the window is gone, so it may take the UI thread."""
        self.timer.stop()
        wait_for_background_work()
        if not self._back_up:
            return
        try:
            outcome = self.backups.make("close", second_folder=second_folder())
        except BackupFailed as error:
            print(error.message, file=sys.stderr)
            return
        for warning in outcome.warnings:
            print(warning, file=sys.stderr)

    def _started(self, report: object) -> None:
        if not isinstance(report, StartReport):
            return
        if not report.check.sound:
            self.damaged.emit(report.check.summary)
            return
        if report.integrity is not None and not report.integrity.sound:
            self.damaged.emit(report.integrity.summary)
        if report.backup_error is not None:
            self.failed.emit(report.backup_error)
        if report.backup is not None:
            self._backed_up(report.backup)

    def _backed_up(self, outcome: object) -> None:
        if not isinstance(outcome, BackupOutcome):
            return
        for warning in outcome.warnings:
            self.warning.emit(warning)
        self.backed_up.emit(outcome)

    def _job_error(self, error: BaseException) -> None:
        if isinstance(error, BackupFailed):
            self.failed.emit(error.message)
        else:
            self.failed.emit(_("The automatic backup stopped with an error: {error}").format(error=error))
