"""The Catalogue tab of the Tool library: every tool, found as you type, with its editor and labels.

The search (code, name, category, brand, model, serial) and the two filters (category, status)
run in SQL through ``ToolService.tool_ids``; the table holds ids and fetches the rows it shows.
Enter or a double click opens the tool; New tool (Ctrl+N, from the main window's New) is for
coordinators, everyone else opens tools to look and to reserve. Several tools can be chosen
(Shift/Ctrl+click, Shift+arrows) to print their labels at once (Ctrl+P).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDialog, QLabel, QPushButton, QWidget

from app.errors import PortineriaError
from app.i18n import _, ngettext
from app.reports.tool_labels import LabelItem
from app.services import Services
from app.services.roles import Actor, Role
from app.services.tool_rules import STATUS_LABELS, ToolStatus
from app.text import capitalised
from ui import messages
from ui.dialogs.labels_dialog import LabelsDialog
from ui.dialogs.tool_editor import ToolEditor
from ui.models.tools_model import (
    COL_BORROWER,
    COL_CATEGORY,
    COL_CODE,
    COL_DEPOSIT,
    COL_MAKE,
    COL_NAME,
    COL_STATUS,
    ToolsModel,
)
from ui.pages.search_list_page import SearchListPage

PRINT_KEYS = QKeySequence.StandardKey.Print


def shortcut_text(keys: QKeySequence | QKeySequence.StandardKey) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class CatalogueTab(SearchListPage):
    """Search, filters and the lazy list of tools; New, Open and Print labels under it.

    A ``SearchListPage`` shown inside the Tool library's Catalogue tab, so that its keyboard is
    the registry pages' one. ``dialog`` is the editor or labels dialog open (window-modal,
    ``open()``), so tests fill it.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        model = ToolsModel(services=services, actor=actor)
        super().__init__(services=services, actor=actor, model=model, parent=parent)
        self.may_edit = actor.role >= Role.COORDINATOR
        self.search.setObjectName("tool_search")
        self.search.setPlaceholderText(_("Search by code, name, brand, model or serial number"))

        self.category = QComboBox()
        self.category.setObjectName("tool_category_filter")
        self.category.setToolTip(_("Show only the tools of one category"))
        self.category.setMinimumContentsLength(14)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.currentIndexChanged.connect(self.apply_search_now)
        self.status = QComboBox()
        self.status.setObjectName("tool_status_filter")
        self.status.setToolTip(_("Show only the tools in one status"))
        self.status.addItem(_("Any status"), None)
        for status in STATUS_LABELS:
            self.status.addItem(capitalised(status.label), status.value)
        self.status.currentIndexChanged.connect(self.apply_search_now)
        category_label = QLabel(_("C&ategory"))
        category_label.setBuddy(self.category)
        status_label = QLabel(_("S&tatus"))
        status_label.setBuddy(self.status)
        for position, widget in enumerate((category_label, self.category, status_label, self.status), start=1):
            self.search_row.insertWidget(position, widget)
        self.count_label.setObjectName("tool_count")

        self.table.setObjectName("tool_table")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.size_columns(
            {COL_CODE: 9, COL_CATEGORY: 14, COL_STATUS: 13, COL_BORROWER: 32, COL_MAKE: 18, COL_DEPOSIT: 9},
            stretch=COL_NAME,
        )
        self.empty_hint.setObjectName("tool_empty_hint")

        self.new_button.setText(_("&New tool…"))
        self.new_button.setObjectName("new_tool")
        self.new_button.setToolTip(
            _("Add a tool to the catalogue ({shortcut})").format(shortcut=shortcut_text(QKeySequence.StandardKey.New))
        )
        self.new_button.setVisible(self.may_edit)
        self.open_button.setText(_("&Open"))
        self.open_button.setObjectName("open_tool")
        self.open_button.setToolTip(_("Open the chosen tool: details, history, reservations (Enter)"))
        self.labels_button = QPushButton(_("Print &labels…"))
        self.labels_button.setObjectName("print_labels")
        self.labels_button.setToolTip(
            _("Print the barcode labels of the chosen tools ({shortcut})").format(shortcut=shortcut_text(PRINT_KEYS))
        )
        self.labels_button.clicked.connect(self.print_labels)
        self.button_row.insertWidget(self.button_row.indexOf(self.open_button) + 1, self.labels_button)
        shortcut = QShortcut(QKeySequence(PRINT_KEYS), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_labels)
        self._update_buttons()

    # -- what SearchListPage asks --------------------------------------------------------------------

    def search_ids(self, text: str) -> list[int]:
        status_value = self.status.currentData()
        return self.services.tools.tool_ids(
            self.actor,
            search=text,
            category=str(self.category.currentData() or ""),
            status=ToolStatus(status_value) if status_value else None,
        )

    def count_text(self, count: int) -> str:
        return ngettext("{count} tool", "{count} tools", count).format(count=count)

    def empty_text(self, searching: bool) -> str:
        if searching:
            return _("No tool matches: check the spelling, or choose another category or status.")
        if self.may_edit:
            return _("The catalogue is empty: add the first tool with New tool (Ctrl+N).")
        return _("The catalogue is empty: a coordinator adds the tools.")

    def is_filtered(self) -> bool:
        return super().is_filtered() or self.category.currentIndex() > 0 or self.status.currentIndex() > 0

    def clear_filters(self) -> None:
        super().clear_filters()
        with QSignalBlocker(self.category), QSignalBlocker(self.status):
            self.category.setCurrentIndex(0)
            self.status.setCurrentIndex(0)

    def make_editor(self, record_id: int | None) -> QDialog:
        return ToolEditor(services=self.services, actor=self.actor, tool_id=record_id, parent=self)

    def shown(self) -> None:
        """Reload the categories and the list (the status "reserved" depends on today)."""
        self._reload_categories()
        super().shown()

    def add_new(self) -> None:
        """New tool (Ctrl+N through the main window): coordinators only."""
        if self.may_edit:
            super().add_new()

    def show_record(self, record_id: int) -> None:
        """After a save: the tool may bring a new category."""
        self._reload_categories()
        super().show_record(record_id)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.labels_button.setEnabled(bool(self.selected_ids()))

    def _reload_categories(self) -> None:
        chosen = self.category.currentData()
        try:
            categories = self.services.tools.categories(self.actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        with QSignalBlocker(self.category):
            self.category.clear()
            self.category.addItem(_("All categories"), "")
            for name in categories:
                self.category.addItem(name, name)
            self.category.setCurrentIndex(max(0, self.category.findData(chosen)) if chosen else 0)

    # -- labels ------------------------------------------------------------------------------------

    def print_labels(self) -> None:
        """Ctrl+P: the labels of the chosen tools (the current one if none is chosen)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        ids = self.selected_ids()
        if not ids and self.table.currentIndex().isValid():
            ids = [self.model.id_at(self.table.currentIndex().row())]
        if not ids:
            messages.show_info(self, _("Choose the tools in the list first (Shift or Ctrl and click for several)."))
            return
        try:
            rows = self.services.tools.rows(self.actor, ids)
            house = self.services.house.details().name
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        items = [LabelItem(code=row.code, name=row.name) for row in rows]
        self.show_dialog(LabelsDialog(items=items, house_name=house, parent=self))
