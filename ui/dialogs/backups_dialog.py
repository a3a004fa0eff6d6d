"""The admin's backups: the list (when, kind, size, folder, sound or not), "Back up now",
"Restore…" after a confirmation, and this computer's second backup folder (a USB stick).

Listing checks every backup with ``quick_check`` and "Back up now" writes and checks a copy:
both run off the UI thread. A restore takes the UI thread with the busy cursor on purpose: the
desk must not be used while its file changes. After a restore everyone signs in again (the
restored file may have other users); ``restored`` tells the main window.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.backup_rotation import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY
from app.backups import BackupInfo, BackupOutcome, BackupService
from app.errors import PortineriaError
from app.i18n import _, format_date, format_time
from app.services import Services
from app.services.roles import Actor
from ui import messages
from ui.backup_jobs import remember_second_folder, run_in_background, second_folder
from ui.busy import busy_cursor
from ui.dialogs.common import close_buttons, grow_to_fit
from ui.widgets.fitted_table import chosen_row, fitted_table
from ui.widgets.form_rows import HINT_STYLE

COL_WHEN, COL_KIND, COL_SIZE, COL_CHECK, COL_FOLDER = range(5)
BAD_STYLE = "color: #a00000; font-weight: bold;"


def choose_folder(parent: QWidget | None, *, title: str, directory: Path) -> Path | None:
    """Ask for a folder; None if the person cancels (tests replace this function)."""
    name = QFileDialog.getExistingDirectory(parent, title, str(directory))
    return Path(name) if name else None


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=f"{size / (1024 * 1024):.1f}")
    return _("{size} KB").format(size=max(1, round(size / 1024)))


def when_text(info: BackupInfo) -> str:
    return _("{date} at {time}").format(date=format_date(info.made_at.date()), time=format_time(info.made_at.time()))


class BackupsDialog(QDialog):
    """Lists, makes and restores backups for an admin."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.service = BackupService(database=services.database, clock=services.clock, folder=paths.backups_dir())
        self.rows: list[BackupInfo] = []
        self.restored = False
        self.loading = False
        self.setWindowTitle(_("Backups"))

        explanation = QLabel(
            _(
                "A backup is made at every start, at close and once a day while the desk is open, "
                "and each one is checked. Kept: the last {daily} days, {weekly} weeks and {monthly} months."
            ).format(daily=KEEP_DAILY, weekly=KEEP_WEEKLY, monthly=KEEP_MONTHLY)
        )
        explanation.setWordWrap(True)

        headers = [_("Made"), _("Kind"), _("Size"), _("Check"), _("Folder")]
        self.table = fitted_table(headers, "backups_table", COL_FOLDER)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(HINT_STYLE)

        self.back_up_button = QPushButton(_("Back up &now"))
        self.back_up_button.setToolTip(_("Make a checked backup now (Alt+N)."))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_("&Restore…"))
        self.restore_button.setToolTip(
            _("Put the chosen backup in place of the current data, after a question (Alt+R).")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.back_up_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)

        self.second_edit = QLineEdit()
        self.second_edit.setPlaceholderText(_("none: backups stay on this computer only"))
        self.second_edit.setReadOnly(True)
        self.choose_button = QPushButton(_("&Choose…"))
        self.choose_button.setToolTip(_("Choose the folder of a USB stick or another disk (Alt+C)."))
        self.choose_button.clicked.connect(self.choose_second_folder)
        self.clear_button = QPushButton(_("&Stop copying"))
        self.clear_button.setToolTip(_("Backups stay on this computer only (Alt+S)."))
        self.clear_button.clicked.connect(lambda: self.set_second_folder(None))
        second_row = QHBoxLayout()
        second_row.addWidget(self.second_edit, 1)
        second_row.addWidget(self.choose_button)
        second_row.addWidget(self.clear_button)
        self.second_hint = QLabel()
        self.second_hint.setWordWrap(True)
        self.second_hint.setStyleSheet(HINT_STYLE)
        second_box = QGroupBox(_("Second backup folder (this computer only)"))
        second_layout = QVBoxLayout(second_box)
        second_layout.addLayout(second_row)
        second_layout.addWidget(self.second_hint)

        close_box = close_buttons(self)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(second_box)
        layout.addWidget(close_box)
        self.resize(900, 560)
        self._show_second_folder()
        self.reload()

    # -- the list ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read and check the backups off the UI thread; the list fills when they are checked."""
        self.loading = True
        self.status.setText(_("Checking the backups…"))
        self._update_buttons()
        folder = second_folder()
        run_in_background(
            lambda: self.service.list(self.actor, second_folder=folder),
            on_done=self._show_rows,
            on_error=self._job_failed,
            owner=self,
        )

    def _show_rows(self, rows: object) -> None:
        self.loading = False
        self.rows = [row for row in rows if isinstance(row, BackupInfo)] if isinstance(rows, list) else []
        self.table.setRowCount(len(self.rows))
        for number, info in enumerate(self.rows):
            check = QTableWidgetItem(_("sound") if info.sound else _("DAMAGED"))
            if not info.sound:
                check.setForeground(Qt.GlobalColor.darkRed)
            size = QTableWidgetItem(size_text(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            folder = QTableWidgetItem(str(info.folder))
            folder.setToolTip(str(info.path))
            for column, item in (
                (COL_WHEN, QTableWidgetItem(when_text(info))),
                (COL_KIND, QTableWidgetItem(info.kind.label)),
                (COL_SIZE, size),
                (COL_CHECK, check),
                (COL_FOLDER, folder),
            ):
                self.table.setItem(number, column, item)
        if self.rows:
            self.table.selectRow(0)
            self.status.setText("")
        else:
            self.status.setText(_("No backups yet: choose “Back up now”."))
        self._update_buttons()
        self.table.setFocus()

    def selected(self) -> BackupInfo | None:
        return chosen_row(self.table, self.rows)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(not self.loading and chosen is not None and bool(chosen.sound))
        self.back_up_button.setEnabled(not self.loading)

    def _job_failed(self, error: BaseException) -> None:
        self.loading = False
        self.status.setText("")
        self._update_buttons()
        text = error.message if isinstance(error, PortineriaError) else str(error)
        messages.show_error(self, text)

    # -- backing up and restoring --------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.loading = True
        self.status.setText(_("Backing up…"))
        self._update_buttons()
        folder = second_folder()
        run_in_background(
            lambda: self.service.back_up_now(self.actor, second_folder=folder),
            on_done=self._backed_up,
            on_error=self._job_failed,
            owner=self,
        )

    def _backed_up(self, outcome: object) -> None:
        self.loading = False
        if isinstance(outcome, BackupOutcome):
            text = _("Backup made and checked: {name}").format(name=outcome.backup.path.name)
            if outcome.warnings:
                messages.show_error(self, "\n".join(outcome.warnings), title=_("Second backup folder"))
            self.reload()
            self.status.setText(text)

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.loading:
            return
        if not chosen.sound:
            messages.show_error(self, _("This backup is damaged: choose another one."))
            return
        when = when_text(chosen)
        question = _(
            "Restore the backup of {when}?\n\n"
            "First the current data are backed up (a safety copy, kept in the backup folder), then "
            "they are replaced by this backup: what was entered after {when} will not be in the desk.\n\n"
            "Everyone at the desk will have to sign in again."
        ).format(when=when)
        if not messages.confirm(self, question, title=_("Restore a backup"), yes=_("Restore")):
            return
        try:
            with busy_cursor():
                safety = self.service.restore(self.actor, chosen.path)
        except (PortineriaError, OSError, sqlite3.Error) as error:
            text = error.message if isinstance(error, PortineriaError) else str(error)
            messages.show_error(self, _("The backup could not be restored: {error}").format(error=text))
            return
        self.restored = True
        done = _("The backup of {when} is restored.").format(when=when)
        if safety is not None:
            done += "\n" + _("The data as they were are kept as {name}.").format(name=safety.name)
        messages.show_info(self, done + "\n" + _("Sign in again to go on."), title=_("Backup restored"))
        self.accept()

    # -- the second folder ---------------------------------------------------------------------------

    def choose_second_folder(self) -> None:
        start = second_folder() or Path.home()
        folder = choose_folder(self, title=_("Second backup folder"), directory=start)
        if folder is not None:
            self.set_second_folder(folder)

    def set_second_folder(self, folder: Path | None) -> None:
        remember_second_folder(folder)
        self._show_second_folder()

    def _show_second_folder(self) -> None:
        folder = second_folder()
        self.second_edit.setText(str(folder) if folder else "")
        self.clear_button.setEnabled(folder is not None)
        if folder is None:
            self.second_hint.setStyleSheet(HINT_STYLE)
            self.second_hint.setText(_("Choose a USB stick's folder to keep a copy of every new backup there too."))
        elif folder.is_dir():
            self.second_hint.setStyleSheet(HINT_STYLE)
            self.second_hint.setText(_("Every new backup is copied there too, and rotated the same way."))
        else:
            self.second_hint.setStyleSheet(BAD_STYLE)
            self.second_hint.setText(
                _("This folder cannot be reached now: plug in the USB stick. Until then each backup warns.")
            )
        grow_to_fit(self)
