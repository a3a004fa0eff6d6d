"""Exporting the programme of a room, or of the whole house, as an ``.ics`` calendar file.

The dates start at today and end with the season (the next 30 June), which is what an association
asks for in autumn. The file name offered says what is inside (``programme-sala-grande-2026-11-22-
2027-06-30.ics``); the service writes the file whole or not at all.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _, ngettext
from app.services import Services
from app.services.roles import Actor
from app.text import fold
from ui import messages
from ui.busy import busy_cursor
from ui.dialogs.common import show_problems
from ui.dialogs.ics_import_dialog import ics_filter
from ui.widgets.date_field import date_field
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE, error_row
from ui.widgets.room_combo import RoomCombo

SEASON_END = (6, 30)  # the season of courses and associations ends on 30 June


def season_end(today: date) -> date:
    """The next 30 June: this year's until then, next year's after."""
    end = date(today.year, *SEASON_END)
    return end if today <= end else date(today.year + 1, *SEASON_END)


def slug(text: str) -> str:
    """``Sala Grande (1° piano)`` -> ``sala-grande-1-piano``: safe in a file name on any system."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-") or "calendar"


def default_directory() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class IcsExportDialog(QDialog):
    """Room (or the whole house), first and last day, then "Export…" asks where to save.

    After ``Accepted``, ``written`` is the path written and ``count`` the number of events.
    """

    def __init__(
        self, *, services: Services, actor: Actor, room_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.written: Path | None = None
        self.count = 0
        self.setWindowTitle(_("Export a calendar (.ics)"))
        self.setMinimumWidth(520)

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        self.room = RoomCombo()
        self.room.setObjectName("export_room")
        self.room.addItem(_("The whole house"), None)
        rooms = sorted(services.rooms.rooms(actor, include_inactive=True), key=lambda row: fold(row.name))
        self._names = {room.id: room.name for room in rooms}
        for room in rooms:
            label = room.name if room.active else _("{name} (not in use)").format(name=room.name)
            self.room.addItem(label, room.id)
        if room_id is not None and (index := self.room.findData(room_id)) >= 0:
            self.room.setCurrentIndex(index)
        today = services.clock.today()
        end = season_end(today)
        self.first_day = date_field("export_first_day")
        self.first_day.setDate(QDate(today.year, today.month, today.day))
        self.last_day = date_field("export_last_day")
        self.last_day.setDate(QDate(end.year, end.month, end.day))
        error_row(self.errors, form, _("&Programme of"), self.room, "room_id")
        error_row(self.errors, form, _("&From"), self.first_day, "first_day")
        error_row(self.errors, form, _("&To"), self.last_day, "last_day")
        hint = QLabel(_("Both days are included. The file opens in Google Calendar, Outlook and Thunderbird."))
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)

        self.export_button = QPushButton(_("&Export…"))
        self.export_button.setObjectName("run_ics_export")
        self.export_button.setDefault(True)
        self.export_button.setToolTip(_("Choose where to save the file, then write it (Enter)"))
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox()
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.room.setFocus()

    def chosen_room_id(self) -> int | None:
        room_id = self.room.currentData()
        return room_id if isinstance(room_id, int) else None

    def days(self) -> tuple[date, date]:
        first, last = self.first_day.date().toPython(), self.last_day.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return first, last

    def suggested_path(self) -> Path:
        first, last = self.days()
        room_id = self.chosen_room_id()
        what = slug(self._names[room_id]) if room_id is not None else slug(_("house"))
        programme = slug(_("programme"))
        name = f"{programme}-{what}-{first.isoformat()}-{last.isoformat()}.ics"
        return default_directory() / name

    def export(self) -> None:
        """Ask where to save, write the file, say how many events it holds."""
        self.errors.clear()
        first, last = self.days()
        if last < first:
            problem = ValidationError(_("The last day is before the first day: check both dates."), field="last_day")
            show_problems(self, self.errors, problem, {"last_day": self.last_day})
            return
        path = messages.choose_file_to_save(
            self, title=_("Save the calendar as"), suggested=self.suggested_path(), file_filter=ics_filter()
        )
        if path is None:
            return
        room_id = self.chosen_room_id()
        try:
            with busy_cursor():
                count = self._services.calendars.export_ics(
                    self._actor, path, start=first, end=last, room_ids=[room_id] if room_id is not None else None
                )
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.written, self.count = path, count
        messages.show_info(
            self,
            ngettext(
                "{count} event written to {path}.",
                "{count} events written to {path}.",
                count,
            ).format(count=count, path=path),
        )
        self.accept()
