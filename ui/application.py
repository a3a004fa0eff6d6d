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
from app.clock import SystemClock
from app.db.schema import open_database
from app.errors import PortineriaError
from app.i18n import DEFAULT_LANGUAGE, _, set_language
from app.services import Services
from app.services.roles import Role
from ui import messages
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


FREEZE_AFTER_MS = 500
"""When ``freeze_startup_objects`` runs: once the first screen is painted, long before a PIN is
typed. Its full collection takes some 25 ms, which would otherwise hold up that first paint."""


def freeze_startup_objects() -> None:
    """Leave what start-up built (Qt wrappers, SQLAlchemy's mappers, the catalogs, the window)
    out of the garbage collector's full passes, which would otherwise walk all of it every so
    often and stall a click for some 40 ms. Those objects live as long as the program; the
    garbage of start-up is collected first so that nothing dead is kept."""
    gc.collect()
    gc.freeze()


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
    try:
        db = open_database(path, backups_dir=paths.backups_dir())
    except PortineriaError as error:
        messages.show_error(None, error.message, title=_("Cannot open the database"))
        return 1
    services = Services.build(database=db, clock=SystemClock())
    if language is None:
        set_language(services.house.desk_settings().language)
    install_qt_translations(app, language or services.house.desk_settings().language)

    window = MainWindow(services=services, demo_users=demo_credentials() if demo else ())
    if services.accounts.needs_first_run():
        from ui.dialogs.first_run_dialog import FirstRunDialog

        first_run = FirstRunDialog(services=services)
        if first_run.exec() != QDialog.DialogCode.Accepted or first_run.actor is None:
            db.close()
            return 0
        window.start_desk(first_run.actor)
    window.showMaximized()  # the desk PC runs nothing else
    QTimer.singleShot(FREEZE_AFTER_MS, freeze_startup_objects)
    try:
        return app.exec()
    finally:
        db.close()
