"""The main window: the login screen, then the desk with its navigation list of areas."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeySequence, QShortcut, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from app import __version__
from app.i18n import _
from app.services import Services
from app.services.roles import Actor, Role
from ui import messages
from ui.areas import AREAS, Area, area_of
from ui.idle import IdleWatcher
from ui.pages.base import Page
from ui.pages.login_page import LoginPage

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class MainWindow(QMainWindow):
    """Shows the login screen until someone signs in, then the desk for their role."""

    def __init__(
        self,
        *,
        services: Services,
        demo_users: Sequence[tuple[str, Role, str]] = (),
        areas: Sequence[Area] = AREAS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor: Actor | None = None
        self._areas = tuple(areas)
        # The areas this user may see, in navigation order; each page is built the first time it
        # is shown, so signing in costs one page, not all of them.
        self._allowed: list[Area] = []
        self._built: dict[Area, Page] = {}
        self.setWindowTitle(_("Portineria"))
        self.resize(1280, 760)

        self.login_page = LoginPage(services=services, demo_users=demo_users)
        self.login_page.signed_in.connect(self.start_desk)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(230)
        navigation_font = QFont(self.navigation.font())
        navigation_font.setPointSizeF(navigation_font.pointSizeF() * 1.15)
        self.navigation.setFont(navigation_font)
        self.navigation.setStyleSheet("QListWidget#navigation::item { padding: 8px 6px; }")
        self.navigation.currentRowChanged.connect(self._show_page)
        self.navigation.setToolTip(_("Ctrl+1, Ctrl+2, ... open the areas in this order."))
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self._choose_area(row))
        self.page_stack = QStackedWidget()
        desk = QWidget()
        desk_layout = QHBoxLayout(desk)
        desk_layout.setContentsMargins(6, 6, 6, 6)
        desk_layout.addWidget(self.navigation)
        desk_layout.addWidget(self.page_stack, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_page)
        self.stack.addWidget(desk)
        self.setCentralWidget(self.stack)
        self._desk = desk

        self.user_label = QLabel()
        self.user_label.setObjectName("user_label")
        self.switch_button = QPushButton(_("Switch user"))
        self.switch_button.clicked.connect(self.switch_user)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.switch_button)

        self._build_menus()
        self.idle = IdleWatcher(services.house.desk_settings().idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        # Keys, clicks and the wheel reach a top-level window (this one, a dialog, a menu) before
        # the widget in it, so the idle lock watches the windows that take the keyboard
        # (``_watch_input_of``) rather than the whole application: a filter there would pass
        # every event of every widget (paints, layouts, timers) through Python, which slowed
        # the start of the desk by some 30 ms.
        self._app = QGuiApplication.instance()
        if isinstance(self._app, QGuiApplication):
            self._app.focusWindowChanged.connect(self._watch_input_of)
        self.show_login()

    # -- menus ---------------------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        desk_menu = self.menuBar().addMenu(_("&Desk"))
        self.lock_action = self._action(_("&Lock the desk"), self.lock, "Ctrl+L")
        self.switch_action = self._action(_("&Switch user"), self.switch_user, "Ctrl+Shift+L")
        desk_menu.addAction(self.lock_action)
        desk_menu.addAction(self.switch_action)
        self.own_pin_action = self._action(_("Change my &PIN…"), self.change_own_pin)
        desk_menu.addAction(self.own_pin_action)
        desk_menu.addSeparator()
        desk_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        edit_menu = self.menuBar().addMenu(_("&Edit"))
        self.find_action = self._action(_("&Find"), self._find, QKeySequence.StandardKey.Find)
        self.new_action = self._action(_("&New"), self._add_new, QKeySequence.StandardKey.New)
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.new_action)

        self.house_menu = self.menuBar().addMenu(_("&House"))
        self.house_menu.addAction(self._action(_("House &details and settings…"), self.edit_house))
        self.cash_settings_action = self._action(_("&Cash settings…"), self.edit_cash_settings)
        self.house_menu.addAction(self.cash_settings_action)
        self.backups_action = self._action(_("&Backups…"), self.open_backups)
        self.house_menu.addAction(self.backups_action)
        self.retention_action = self._action(_("People to &review (data retention)…"), self.review_retention)
        self.house_menu.addAction(self.retention_action)

        help_menu = self.menuBar().addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About Portineria"), self.about))

    # -- signing in and out --------------------------------------------------------------------------

    def show_login(self, *, preselect: int | None = None) -> None:
        self.idle.disarm()
        self._set_desk_actions(False)
        self.login_page.reload(preselect=preselect)
        self.stack.setCurrentWidget(self.login_page)
        self.user_label.setText("")
        self.switch_button.hide()
        self.login_page.pin.setFocus()

    def start_desk(self, actor: Actor) -> None:
        """Build the pages this user may see and show the first one."""
        self.actor = actor
        self._clear_pages()
        self._allowed = [area for area in self._areas if actor.role >= area.minimum_role]
        for area in self._allowed:
            QListWidgetItem(area.title(), self.navigation)
        self.user_label.setText(_("At the desk: {name} ({role})").format(name=actor.name, role=actor.role.label))
        self.switch_button.show()
        self._set_desk_actions(True)
        self.house_menu.menuAction().setVisible(actor.role >= Role.ADMIN)
        self.stack.setCurrentWidget(self._desk)
        self.idle.arm()
        self.navigation.setCurrentRow(0)

    def lock(self) -> None:
        """Back to the login screen, ready for the same user's PIN."""
        previous = self.actor.user_id if self.actor else None
        self._end_desk()
        self.show_login(preselect=previous)

    def switch_user(self) -> None:
        self._end_desk()
        self.show_login()

    def _end_desk(self) -> None:
        for dialog in self.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self and dialog.isVisible():
                dialog.close()
        self.actor = None
        self._clear_pages()

    def _clear_pages(self) -> None:
        self.navigation.blockSignals(True)
        self.navigation.clear()
        self.navigation.blockSignals(False)
        for page in self._built.values():
            self.page_stack.removeWidget(page)
            page.deleteLater()
        self._built = {}
        self._allowed = []

    def _set_desk_actions(self, enabled: bool) -> None:
        for action in (self.lock_action, self.switch_action, self.own_pin_action, self.find_action, self.new_action):
            action.setEnabled(enabled)
        self.house_menu.menuAction().setVisible(enabled)

    # -- pages ---------------------------------------------------------------------------------------

    def current_page(self) -> Page | None:
        widget = self.page_stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, page_type: type[Page]) -> Page:
        """Bring ``page_type`` to the front (as if chosen in the navigation list) and return it."""
        self.navigation.setCurrentRow(self._allowed.index(area_of(page_type)))
        return self._built[area_of(page_type)]

    def _choose_area(self, row: int) -> None:
        if self.actor is not None and 0 <= row < self.navigation.count():
            self.navigation.setCurrentRow(row)

    def _show_page(self, row: int) -> None:
        if not 0 <= row < len(self._allowed) or self.actor is None:
            return
        area = self._allowed[row]
        page = self._built.get(area)
        if page is None:
            page = area.load()(services=self.services, actor=self.actor)
            page.area_requested.connect(self._area_requested)
            self._built[area] = page
            self.page_stack.addWidget(page)
        self.page_stack.setCurrentWidget(page)
        page.shown()

    def _area_requested(self, page_type: object, action: object) -> None:
        """A page asked for another area (``Page.request_area``); ignored if this user cannot see it."""
        if self.actor is None or not isinstance(page_type, type):
            return
        if not any(area.is_for(page_type) for area in self._allowed):
            return
        page = self.show_page(page_type)
        if callable(action):
            action(page)

    def _find(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    def _add_new(self) -> None:
        page = self.current_page()
        if page is not None:
            page.add_new()

    # -- dialogs -------------------------------------------------------------------------------------

    def change_own_pin(self) -> None:
        from ui.dialogs.pin_dialog import PinDialog

        if self.actor is not None:
            PinDialog(services=self.services, actor=self.actor, user_id=self.actor.user_id, parent=self).exec()

    def edit_house(self) -> None:
        from ui.dialogs.house_dialog import HouseDialog

        if self.actor is not None and HouseDialog(services=self.services, actor=self.actor, parent=self).exec():
            self.idle.set_minutes(self.services.house.desk_settings().idle_lock_minutes)

    def edit_cash_settings(self) -> None:
        from ui.dialogs.cash_settings_dialog import CashSettingsDialog

        if self.actor is not None:
            CashSettingsDialog(services=self.services, actor=self.actor, parent=self).exec()
            page = self.current_page()
            if page is not None:
                page.shown()  # the cash form reads the categories and the stamp duty again

    def open_backups(self) -> None:
        from ui.dialogs.backups_dialog import BackupsDialog

        if self.actor is not None:
            dialog = BackupsDialog(services=self.services, actor=self.actor, parent=self)
            dialog.exec()
            if dialog.restored:
                self.switch_user()  # the restored file may have other users and PINs

    def review_retention(self) -> None:
        """The people inactive for the house's retention years, listed for an admin to review."""
        from ui.dialogs.retention_dialog import RetentionDialog

        if self.actor is not None:
            RetentionDialog(services=self.services, actor=self.actor, parent=self).exec()
            page = self.current_page()
            if page is not None:
                page.shown()  # someone may have been erased

    def about(self) -> None:
        messages.show_info(
            self,
            _("Portineria {version}\nThe front desk of a Casa del Quartiere. Works without internet.").format(
                version=__version__
            ),
            title=_("About Portineria"),
        )

    # -- the idle lock's eyes ------------------------------------------------------------------------

    def _watch_input_of(self, window: QWindow | None) -> None:
        """Let the idle lock see the input of ``window`` (installing twice changes nothing)."""
        if window is not None:
            window.installEventFilter(self.idle)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_input_of(self.windowHandle())  # the mouse counts even before it takes the keys

    def closeEvent(self, event: QCloseEvent) -> None:
        if isinstance(self._app, QGuiApplication):
            self._app.focusWindowChanged.disconnect(self._watch_input_of)
            self._app = None  # closed twice, disconnected once
        super().closeEvent(event)
