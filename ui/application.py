"""The composition root: opens the database, builds the services, shows the main window."""

from __future__ import annotations

import gc
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QDialog

from app import __version__, paths
from app.backups import Backups
from app.clock import SystemClock
from app.db.engine import Database
from app.i18n import DEFAULT_LANGUAGE, _, set_language
from app.services import Services
from app.services.roles import Role
from ui import messages
from ui.backup_jobs import BackupScheduler
from ui.damaged_start import offer_restore, open_or_restore
from ui.main_window import MainWindow


def register_fonts() -> None:
    """Make the shipped fonts available, so every alphabet shows even where the system lacks it."""
    for font in sorted((paths.resources_dir() / "fonts").glob("*.[ot]tf")):
        QFontDatabase.addApplicationFont(str(font))


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own strings (standard buttons, context menus) in the program's language."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Portineria")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Portineria")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "portineria.svg")))
    register_fonts()
    return app


WARNING_MS = 60_000
"""How long a warning of the automatic backups (the USB stick is out) stays in the status bar."""

FREEZE_AFTER_MS = 500
"""When ``freeze_startup_objects`` runs: once the first screen is painted, long before a PIN is
typed. Its full collection takes some 25 ms, which would otherwise hold up that first paint."""


def freeze_startup_objects() -> None:
    """Leave what start-up built (Qt wrappers, SQLAlchemy's mappers, the catalogs, the window)
    out of the garbage collector's full passes, which would otherwise walk all of it every so
    often and stall a click for some 40 ms. Those objects live as long as the program; the
    garbage of start-up is collected first so that nothing dead is kept.

    The collector comes back on here: ``app.cli.main`` turns it off before the desk's imports,
    whose hundreds of thousands of new objects would otherwise set off passes that walk all of
    them again and again (some 45 ms of a half-second start)."""
    gc.collect()
    gc.freeze()
    gc.enable()


def demo_credentials() -> list[tuple[str, Role, str]]:
    from app.demo import DEMO_USERS

    return [(user.name, user.role, user.pin) for user in DEMO_USERS]


def run(*, database: Path | None = None, language: str | None = None, demo: bool = False) -> int:
    """Start the desk; returns the process exit code."""
    set_language(language or DEFAULT_LANGUAGE)
    app = make_application()
    if demo:
        from app.demo import write_demo

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            database = paths.demo_database()
            write_demo(database, size="small", seed=1, replace=True, today=date.today())
        finally:
            QApplication.restoreOverrideCursor()
    path = database or paths.default_database()
    clock = SystemClock()
    backups = Backups(database_path=path, folder=paths.backups_dir(), clock=clock)
    # A damaged file is caught here (it cannot be opened or read) or by the check that runs
    # after the window shows (``watch_the_file``); both offer the newest sound backup.
    db = open_or_restore(path, backups=backups)
    if db is None:
        return 1
    services = Services.build(database=db, clock=clock)
    if language is None:
        set_language(services.house.desk_settings().language)
    install_qt_translations(app, language or services.house.desk_settings().language)

    window = MainWindow(services=services, demo_users=demo_credentials() if demo else ())
    if services.accounts.needs_first_run():
        from ui.dialogs.first_run_dialog import FirstRunDialog

        freeze_startup_objects()  # the questions of the first run wait on a person, not on start-up

        first_run = FirstRunDialog(services=services)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.actor is None:
            db.close()
            return 0
        window.start_desk(first_run.actor)
    window.showMaximized()  # the desk PC runs nothing else
    scheduler = watch_the_file(window, backups, db, back_up=not demo)
    QTimer.singleShot(0, scheduler.start)  # once the window is painted; the work is off the UI thread
    QTimer.singleShot(0, lambda: warn_if_on_network(window, path))
    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)
    try:
        return app.exec()
    finally:
        scheduler.at_close()
        db.close()


def warn_if_on_network(window: MainWindow, path: Path) -> None:
    """Two computers sharing a file over the network can corrupt it (app/instances.py): say so once."""
    from app.instances import NETWORK_WARNING_TITLE, network_warning

    warning = network_warning(path)
    if warning:
        messages.show_error(window, warning, title=_(NETWORK_WARNING_TITLE))


def watch_the_file(window: MainWindow, backups: Backups, db: Database, *, back_up: bool = True) -> BackupScheduler:
    """The checks and backups of the open file, and what the desk shows of their results.

    ``back_up`` is False for the throw-away demo house: it is checked but not backed up.
    """
    scheduler = BackupScheduler(backups=backups, back_up=back_up, parent=window)

    def damaged(problem: str) -> None:
        if offer_restore(window, backups, problem, database=db):
            window.switch_user()  # the restored file may have other users and PINs

    scheduler.damaged.connect(damaged)
    scheduler.failed.connect(lambda text: messages.show_error(window, text, title=_("Backup failed")))
    scheduler.warning.connect(lambda text: window.statusBar().showMessage(text, WARNING_MS))
    return scheduler
