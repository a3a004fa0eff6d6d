"""The audit log, newest first: who did what, when, to which record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from app.services.audit import AuditRow
from app.services.roles import Actor
from ui import messages
from ui.models.audit_model import (
    COL_FIELDS,
    COL_RECORD,
    COL_WHAT,
    COL_WHEN,
    COL_WHO,
    ENTITIES,
    AuditModel,
    entity_text,
)
from ui.pages.base import Page


class AuditPage(Page):
    """A read-only view of the log for coordinators and admins.

    The log can grow to hundreds of thousands of entries, so the page asks the service for ids
    only (filtered in SQL) and the model fetches the visible rows. It refreshes whenever it is
    shown, since any other page may have written new entries meanwhile.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)

        self.kind = QComboBox()
        self.kind.setObjectName("audit_kind")
        self.kind.addItem(_("All records"), None)
        for code in ENTITIES:
            self.kind.addItem(entity_text(code), code)
        self.kind.currentIndexChanged.connect(lambda _index: self.reload())
        kind_label = QLabel(_("&Show:"))
        kind_label.setBuddy(self.kind)

        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.count_label = QLabel()
        self.count_label.setObjectName("audit_count")

        self.model = AuditModel(fetch_rows=self._fetch_rows, parent=self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Fixed widths, never resizeColumnsToContents: that would read every row of a long log.
        for column, width in ((COL_WHEN, 150), (COL_WHO, 170), (COL_WHAT, 130), (COL_RECORD, 300)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(COL_FIELDS, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        bar.addWidget(kind_label)
        bar.addWidget(self.kind)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def shown(self) -> None:
        self.reload()

    def focus_search(self) -> None:
        """Ctrl+F: the log has no free-text search; narrowing by kind of record is the way in."""
        self.kind.setFocus()

    def reload(self) -> None:
        """Ask the service again which entries to show (newest first) and forget cached rows."""
        try:
            ids = self.services.audit.entry_ids(self.actor, entity=self.kind.currentData())
        except PortineriaError as error:
            messages.show_error(self, error.message)
            ids = []
        self.model.set_ids(ids)
        count = len(ids)
        self.count_label.setText(ngettext("{count} entry", "{count} entries", count).format(count=format_number(count)))

    def _fetch_rows(self, ids: Sequence[int]) -> list[AuditRow]:
        # Called from the model while Qt paints: never raise or open a box here. A user
        # switched off meanwhile just sees empty rows; the next reload() says why.
        try:
            return self.services.audit.rows(self.actor, ids)
        except PortineriaError:
            return []
