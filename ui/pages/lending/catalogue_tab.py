"""The Catalogue tab of the Tool library: every tool, found as you type, with its editor and labels.

The search (code, name, category, brand, model, serial) and the two filters (category, status)
run in SQL through ``ToolService.tool_ids``; the table holds ids and fetches the rows it shows.
Enter or a double click opens the tool; New tool (Ctrl+N, from the main window's New) is for
coordinators, everyone else opens tools to look and to reserve. Several tools can be chosen
(Shift/Ctrl+click, Shift+arrows) to print their labels at once (Ctrl+P).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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
from ui.widgets.table_columns import size_columns

SEARCH_DELAY_MS = 60
PRINT_KEYS = QKeySequence.StandardKey.Print


def shortcut_text(keys: QKeySequence | QKeySequence.StandardKey) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class CatalogueTab(QWidget):
    """Search, filters and the lazy list of tools; New, Open and Print labels under it.

    ``dialog`` is the editor or labels dialog open (window-modal, ``open()``), so tests fill it.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.may_edit = actor.role >= Role.COORDINATOR
        self.dialog: QDialog | None = None

        self.search = QLineEdit()
        self.search.setObjectName("tool_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search by code, name, brand, model or serial number"))
        self.search.textChanged.connect(self._search_later)
        self.search.installEventFilter(self)

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
        self.count_label = QLabel()
        self.count_label.setObjectName("tool_count")

        self.model = ToolsModel(services=services, actor=actor, parent=self)
        self.model.fetch_failed.connect(self._fetch_failed, Qt.ConnectionType.QueuedConnection)
        self.table = QTableView()
        self.table.setObjectName("tool_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.activated.connect(self._open_index)
        self.table.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self._size_columns()

        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("tool_empty_hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()

        self.new_button = QPushButton(_("&New tool…"))
        self.new_button.setObjectName("new_tool")
        self.new_button.setToolTip(
            _("Add a tool to the catalogue ({shortcut})").format(shortcut=shortcut_text(QKeySequence.StandardKey.New))
        )
        self.new_button.clicked.connect(self.add_new)
        self.new_button.setVisible(self.may_edit)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_tool")
        self.open_button.setToolTip(_("Open the chosen tool: details, history, reservations (Enter)"))
        self.open_button.clicked.connect(self.open_current)
        self.labels_button = QPushButton(_("Print &labels…"))
        self.labels_button.setObjectName("print_labels")
        self.labels_button.setToolTip(
            _("Print the barcode labels of the chosen tools ({shortcut})").format(shortcut=shortcut_text(PRINT_KEYS))
        )
        self.labels_button.clicked.connect(self.print_labels)
        shortcut = QShortcut(QKeySequence(PRINT_KEYS), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.print_labels)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search_now)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(category_label)
        top.addWidget(self.category)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.labels_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)
        self._update_buttons()

    def _size_columns(self) -> None:
        widths = {COL_CODE: 9, COL_CATEGORY: 14, COL_STATUS: 13, COL_BORROWER: 32, COL_MAKE: 18, COL_DEPOSIT: 9}
        size_columns(self.table, widths, COL_NAME)

    # -- what the page calls -----------------------------------------------------------------------

    def shown(self) -> None:
        """Reload the categories and the list (the status "reserved" depends on today)."""
        self._reload_categories()
        self.apply_search_now()
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def add_new(self) -> None:
        """New tool (Ctrl+N through the main window): coordinators only."""
        if self.may_edit:
            self._open_editor(None)

    # -- searching ---------------------------------------------------------------------------------

    def _reload_categories(self) -> None:
        chosen = self.category.currentData()
        try:
            categories = self.services.tools.categories(self.actor)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("All categories"), "")
        for name in categories:
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)) if chosen else 0)
        self.category.blockSignals(False)

    def apply_search_now(self) -> None:
        """Run the search with the text and filters shown (the timer calls it; so can tests)."""
        self._timer.stop()
        status_value = self.status.currentData()
        try:
            ids = self.services.tools.tool_ids(
                self.actor,
                search=self.search.text(),
                category=str(self.category.currentData() or ""),
                status=ToolStatus(status_value) if status_value else None,
            )
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        keep = self.selected_ids()
        self.model.set_ids(ids)
        rows = [row for tool_id in keep if (row := self.model.row_of(tool_id)) >= 0]
        for row in rows:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                self.table.selectionModel().SelectionFlag.Select | self.table.selectionModel().SelectionFlag.Rows,
            )
        if rows:
            self.table.setCurrentIndex(self.model.index(rows[0], 0))
        self.count_label.setText(ngettext("{count} tool", "{count} tools", len(ids)).format(count=len(ids)))
        filtered = (
            bool(self.search.text().strip()) or self.category.currentIndex() > 0 or self.status.currentIndex() > 0
        )
        if filtered:
            self.empty_hint.setText(_("No tool matches: check the spelling, or choose another category or status."))
        elif self.may_edit:
            self.empty_hint.setText(_("The catalogue is empty: add the first tool with New tool (Ctrl+N)."))
        else:
            self.empty_hint.setText(_("The catalogue is empty: a coordinator adds the tools."))
        self.empty_hint.setVisible(not ids)
        self._update_buttons()

    def _search_later(self) -> None:
        self._timer.start()

    def _fetch_failed(self, message: str) -> None:
        messages.show_error(self, message)

    # -- the chosen tools --------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The chosen tools, in the order of the list."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.id_at(row) for row in rows if row < self.model.rowCount()]

    def select_ids(self, ids: list[int]) -> None:
        """Choose these tools in the list (the first becomes current)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for tool_id in ids:
            row = self.model.row_of(tool_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            if first:
                self.table.setCurrentIndex(index)
                first = False
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = len(self.selected_ids())
        self.open_button.setEnabled(chosen == 1)
        self.labels_button.setEnabled(chosen > 0)

    # -- opening -----------------------------------------------------------------------------------

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_tool(self.model.id_at(index.row()))

    def open_tool(self, tool_id: int) -> None:
        self._open_editor(tool_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_tool(self.model.id_at(index.row()))

    def _open_editor(self, tool_id: int | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        try:
            dialog: QDialog = ToolEditor(services=self.services, actor=self.actor, tool_id=tool_id, parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            self.apply_search_now()
            return
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        saved = getattr(dialog, "saved_id", None)
        self._reload_categories()
        self.apply_search_now()
        if isinstance(saved, int):
            self.show_tool(saved)
        elif self.model.rowCount() > 0:
            self.table.setFocus()
        else:
            self.focus_search()

    def show_tool(self, tool_id: int) -> None:
        """Select ``tool_id``, clearing the search and filters if they hide it."""
        if self.model.row_of(tool_id) < 0:
            for widget in (self.search, self.category, self.status):
                widget.blockSignals(True)
            self.search.clear()
            self.category.setCurrentIndex(0)
            self.status.setCurrentIndex(0)
            for widget in (self.search, self.category, self.status):
                widget.blockSignals(False)
            self.apply_search_now()
        if self.model.row_of(tool_id) >= 0:
            self.select_ids([tool_id])
            self.table.scrollTo(self.table.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)
            self.table.setFocus()

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
        self._show_dialog(LabelsDialog(items=items, house_name=house, parent=self))

    # -- keyboard between the search field and the list --------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and self._search_key(event):
                return True
            if watched is self.table and self._table_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown):
            self.apply_search_now()
            if self.model.rowCount() > 0:
                current = self.table.currentIndex()
                self.select_ids([self.model.id_at(current.row() if current.isValid() else 0)])
                self.table.setFocus()
            return True
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            return True
        return False

    def _table_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.open_current()
            return True
        if event.key() == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.focus_search()
            return True
        text = event.text()
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if plain and text and text.isprintable() and not text.isspace():
            self.search.setFocus()
            self.search.setText(self.search.text() + text)
            return True
        return False
