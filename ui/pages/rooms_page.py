"""The rooms of the house, for coordinators: add and change rooms, closures, calendars in and out.

A house has a handful of rooms, so the whole list is read at once and shown in a plain table.
Rooms are never deleted (old bookings and receipts name them): a room no longer used is switched
off, and shown greyed out unless "Hide rooms not in use" is ticked. Every dialog opens
window-modal with ``open()``, so tests fill the dialog the page opened (``page.dialog``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_number, ngettext
from app.services import Services
from app.services.roles import Actor
from app.services.rooms import RoomRow
from ui import messages
from ui.dialogs.common import open_window_modal
from ui.models.rooms_model import (
    COL_ACTIVE,
    COL_CAPACITY,
    COL_COLOUR,
    COL_EQUIPMENT,
    COL_MEMBER_RATE,
    COL_NAME,
    COL_PART_OF,
    COL_RATE,
    RoomsModel,
)
from ui.pages.base import Page
from ui.widgets.row_table import select_row_or_first, set_up_row_table


class RoomsPage(Page):
    """The rooms as a table, with New, Edit, Closures, and calendar import and export."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)
        self.dialog: QDialog | None = None
        self._rooms: list[RoomRow] = []

        heading = QLabel(
            _(
                "The rooms of the house. Enter or a double click changes the chosen room. "
                "A room no longer used is not deleted: untick “In use”."
            )
        )
        heading.setWordWrap(True)

        self.new_button = self._button(_("New room"), "new_room", _("Add a room (Ctrl+N)"), self.add_new)
        self.edit_button = self._button(_("Edit"), "edit_room", _("Change the chosen room (Enter)"), self.edit_selected)
        self.closures_button = self._button(
            _("Closures…"), "closures", _("Holidays and closed days, when nothing can be booked"), self.open_closures
        )
        self.import_button = self._button(
            _("Import calendar (.ics)…"),
            "import_ics",
            _("Book the events of a calendar file from Google Calendar, Outlook or Thunderbird in a room"),
            self.open_import,
        )
        self.export_button = self._button(
            _("Export calendar (.ics)…"),
            "export_ics",
            _("Write the programme of a room, or of the house, to a calendar file"),
            self.open_export,
        )
        self.hide_inactive = QCheckBox(_("Hide rooms not in use"))
        self.hide_inactive.setObjectName("hide_inactive_rooms")
        self.hide_inactive.toggled.connect(lambda _checked: self.reload())
        self.count_label = QLabel()
        self.count_label.setObjectName("rooms_count")

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addSpacing(24)
        buttons.addWidget(self.closures_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.hide_inactive)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.model = RoomsModel(self)
        self.table = QTableView()
        self.table.setObjectName("rooms_table")
        self.table.setModel(self.model)
        set_up_row_table(self.table)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # A handful of rooms: sizing to contents is cheap; the equipment takes the spare width.
        header.setMinimumSectionSize(self.table.fontMetrics().averageCharWidth() * 8)
        for column in (COL_COLOUR, COL_CAPACITY, COL_RATE, COL_MEMBER_RATE, COL_ACTIVE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_EQUIPMENT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())

        self.empty_hint = QLabel(_("No rooms yet. Add the first with “New room” (Ctrl+N)."))
        self.empty_hint.setObjectName("rooms_empty_hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        self._update_buttons()

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- the Page interface --------------------------------------------------------------------------

    def shown(self) -> None:
        self.reload()
        self.table.setFocus()

    def focus_search(self) -> None:
        self.table.setFocus()

    def add_new(self) -> None:
        """Ctrl+N or the *New room* button."""
        self._open_editor(None)

    # -- the list ------------------------------------------------------------------------------------

    def reload(self, *, select: int | None = None) -> None:
        """Read the rooms again, keeping (or moving to) the chosen one."""
        keep = select if select is not None else self._selected_id()
        try:
            self._rooms = self.services.rooms.rooms(self.actor, include_inactive=True)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self._rooms = []
        names = {room.id: room.name for room in self._rooms}
        shown = [room for room in self._rooms if room.active or not self.hide_inactive.isChecked()]
        self.model.set_rows(shown, names=names)
        select_row_or_first(self.table, self.model.row_of(keep) if keep is not None else -1)
        hidden = len(self._rooms) - len(shown)
        count = ngettext("{count} room", "{count} rooms", len(shown)).format(count=format_number(len(shown)))
        if hidden:
            count += " " + ngettext("({count} not in use hidden)", "({count} not in use hidden)", hidden).format(
                count=format_number(hidden)
            )
        self.count_label.setText(count)
        self._size_name_columns()
        self.empty_hint.setVisible(not self._rooms)
        self._update_buttons()

    def _size_name_columns(self) -> None:
        """Names as wide as the longest, and never so narrow that the columns look cramped."""
        char = self.table.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        for column, chars in ((COL_NAME, 24), (COL_PART_OF, 16)):
            header.resizeSection(column, max(self.table.sizeHintForColumn(column) + 16, chars * char))

    def selected_room(self) -> RoomRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.room_at(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        room = self.selected_room()
        return room.id if room else None

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.selected_room() is not None)
        has_rooms = bool(self._rooms)
        self.import_button.setEnabled(any(room.active for room in self._rooms))
        self.export_button.setEnabled(has_rooms)

    def _activated(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.edit_selected()

    # -- dialogs -------------------------------------------------------------------------------------

    def edit_selected(self) -> None:
        room = self.selected_room()
        if room is not None:
            self._open_editor(room.id)

    def _open_editor(self, room_id: int | None) -> None:
        from ui.dialogs.room_editor import RoomEditor  # imported when first needed

        if self.dialog is not None:
            self.dialog.raise_()
            return
        try:
            editor = RoomEditor(services=self.services, actor=self.actor, room_id=room_id, parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.reload()
            return
        self._open(editor)

    def open_closures(self) -> None:
        from ui.dialogs.closures_dialog import ClosuresDialog

        self._open_other(lambda: ClosuresDialog(services=self.services, actor=self.actor, parent=self))

    def open_import(self) -> None:
        from ui.dialogs.ics_import_dialog import IcsImportDialog

        room = self.selected_room()
        room_id = room.id if room is not None and room.active else None
        self._open_other(
            lambda: IcsImportDialog(services=self.services, actor=self.actor, room_id=room_id, parent=self)
        )

    def open_export(self) -> None:
        from ui.dialogs.ics_export_dialog import IcsExportDialog

        self._open_other(lambda: IcsExportDialog(services=self.services, actor=self.actor, parent=self))

    def _open_other(self, make: Callable[[], QDialog]) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        try:
            dialog = make()
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        open_window_modal(dialog, self._closed)

    def _closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        saved = getattr(dialog, "saved_id", None)
        if result == QDialog.DialogCode.Accepted and isinstance(saved, int):
            self.reload(select=saved)
        self.table.setFocus()
