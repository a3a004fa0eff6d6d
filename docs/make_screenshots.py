"""Screenshots of every screen, in Italian and English, at 1366x768 and 1920x1080.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py OUTPUT_DIR

Used to look at the layouts after a change, and to refresh docs/people-page.png for the README.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "shots")
    output.mkdir(parents=True, exist_ok=True)
    os.environ["PORTINERIA_HOME"] = tempfile.mkdtemp()

    from PySide6.QtWidgets import QApplication, QWidget

    from app.clock import SystemClock
    from app.db.schema import open_database
    from app.demo import DEMO_USERS, write_demo
    from app.i18n import set_language
    from app.services import Services
    from ui.application import demo_credentials, install_qt_translations, make_application
    from ui.dialogs.first_run_dialog import FirstRunDialog
    from ui.main_window import MainWindow
    from ui.pages.audit_page import AuditPage
    from ui.pages.organisations_page import OrganisationsPage
    from ui.pages.people_page import PeoplePage
    from ui.pages.users_page import UsersPage

    app = make_application([])
    folder = Path(os.environ["PORTINERIA_HOME"])
    demo = folder / "demo.sqlite3"
    write_demo(demo, size="small", seed=1)
    empty = folder / "empty.sqlite3"

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(output / f"{name}.png"))

    for language in ("it", "en"):
        set_language(language)
        install_qt_translations(app, language)
        services = Services.build(database=open_database(demo, backups_dir=folder), clock=SystemClock())
        first_run = FirstRunDialog(
            services=Services.build(database=open_database(empty, backups_dir=folder), clock=SystemClock())
        )
        first_run.show()
        first_run.save()  # empty: every message shows
        save(first_run, f"{language}-first-run")
        first_run.close()
        for width, height in ((1366, 768), (1920, 1080)):
            suffix = f"{language}-{width}"
            window = MainWindow(services=services, demo_users=demo_credentials())
            window.resize(width, height)
            window.show()
            save(window, f"{suffix}-login")
            admin = next(u for u in services.accounts.users_for_login() if u.name == DEMO_USERS[0].name)
            window.start_desk(services.accounts.login(admin.id, DEMO_USERS[0].pin))
            people = window.show_page(PeoplePage)
            assert isinstance(people, PeoplePage)
            save(window, f"{suffix}-people")
            people.search.setText("ni")
            people.apply_search_now()
            save(window, f"{suffix}-people-search")
            people.table.setCurrentIndex(people.model.index(0, 0))
            people.open_current()
            if people.dialog is not None:
                save(people.dialog, f"{suffix}-person-editor")
                people.dialog.done(0)
            people.add_new()
            if people.dialog is not None:
                save(people.dialog, f"{suffix}-person-new")
                people.dialog.done(0)
            organisations = window.show_page(OrganisationsPage)
            save(window, f"{suffix}-organisations")
            assert isinstance(organisations, OrganisationsPage)
            organisations.table.setCurrentIndex(organisations.model.index(0, 0))
            organisations.open_current()
            if organisations.dialog is not None:
                save(organisations.dialog, f"{suffix}-organisation-editor")
                organisations.dialog.done(0)
            window.show_page(UsersPage)
            save(window, f"{suffix}-users")
            window.show_page(AuditPage)
            save(window, f"{suffix}-audit")
            window.close()
        services.database.close()
    QApplication.processEvents()
    print(f"screenshots written to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
