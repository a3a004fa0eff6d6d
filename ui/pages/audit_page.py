"""The audit log, newest first: who did what, when, to which record, narrowed by filters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
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

SEARCH_PAUSE_MS = 250
"""Typing in the search field reloads after this pause, not at every key."""

NOBODY = -1
"""The user filter's value for entries made with nobody signed in."""


class AuditPage(Page):
    """A read-only view of the log for coordinators and admins.

    The log can grow to hundreds of thousands of entries, so the page asks the service for ids
    only (every filter, the search too, is applied in SQL) and the model fetches the visible rows.
    It refreshes whenever it is shown, since any other page may have written new entries meanwhile.
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, parent=parent)

        self.search = QLineEdit()
        self.search.setObjectName("audit_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("a name, an action, a field…"))
        self.search.setToolTip(_("Entries that mention every word typed (Ctrl+F)"))
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._pause.start())
        self.search.returnPressed.connect(self.reload)

        self.user = QComboBox()
        self.user.setObjectName("audit_user")
        self.user.currentIndexChanged.connect(lambda _index: self.reload())

        today = services.clock.today()
        self.from_check = QCheckBox(_("&From:"))
        self.to_check = QCheckBox(_("&To:"))
        self.date_from = self._day_field("audit_from", today, self.from_check)
        self.date_to = self._day_field("audit_to", today, self.to_check)

        self.kind = QComboBox()
        self.kind.setObjectName("audit_kind")
        self.kind.addItem(_("All records"), None)
        for code in ENTITIES:
            self.kind.addItem(entity_text(code), code)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        self.record_id = QSpinBox()
        self.record_id.setObjectName("audit_record_id")
        self.record_id.setRange(0, 2_000_000_000)
        self.record_id.setSpecialValueText(_("any"))
        self.record_id.setToolTip(_("The number of one record of the chosen kind; “any” shows them all"))
        self.record_id.setEnabled(False)
        self.record_id.valueChanged.connect(lambda _value: self.reload())

        self.clear_button = QPushButton(_("C&lear filters"))
        self.clear_button.setObjectName("audit_clear")
        self.clear_button.setToolTip(_("Show the whole log again (Alt+L)"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.refresh_button = QPushButton(_("Refresh"))
        self.refresh_button.setToolTip(_("Read the log again (F5)"))
        self.refresh_button.setShortcut("F5")
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

        filters = QGridLayout()
        filters.setColumnStretch(1, 3)
        filters.setColumnStretch(3, 2)
        for row, column, text, field in (
            (0, 0, _("&Search:"), self.search),
            (0, 2, _("&Who:"), self.user),
            (1, 0, _("S&how:"), self.kind),
            (1, 2, _("Record &no.:"), self.record_id),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            filters.addWidget(label, row, column)
            filters.addWidget(field, row, column + 1)
        filters.addWidget(self.from_check, 0, 4)
        filters.addWidget(self.date_from, 0, 5)
        filters.addWidget(self.to_check, 0, 6)
        filters.addWidget(self.date_to, 0, 7)
        filters.addWidget(self.count_label, 1, 4, 1, 2)
        end = QHBoxLayout()
        end.addStretch(1)
        end.addWidget(self.clear_button)
        end.addWidget(self.refresh_button)
        filters.addLayout(end, 1, 6, 1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        for first, second in (
            (self.search, self.user),
            (self.user, self.from_check),
            (self.from_check, self.date_from),
            (self.date_from, self.to_check),
            (self.to_check, self.date_to),
            (self.date_to, self.kind),
            (self.kind, self.record_id),
            (self.record_id, self.clear_button),
            (self.clear_button, self.refresh_button),
            (self.refresh_button, self.table),
        ):
            QWidget.setTabOrder(first, second)
        self._fill_users()

    def _day_field(self, name: str, today: date, check: QCheckBox) -> QDateEdit:
        """A day bound, used only while its box is ticked; it starts on today."""
        field = QDateEdit(QDate(today.year, today.month, today.day))
        field.setObjectName(name)
        field.setCalendarPopup(True)
        field.setEnabled(False)
        field.dateChanged.connect(lambda _day: self.reload())
        check.setObjectName(f"{name}_on")
        check.setToolTip(_("Tick to show only the entries of these days; untick for no limit on this side"))

        def toggled(on: bool) -> None:
            field.setEnabled(on)
            if on:
                field.setFocus()
            self.reload()

        check.toggled.connect(toggled)
        return field

    def _fill_users(self) -> None:
        self.user.blockSignals(True)
        try:
            keep = self.user.currentData()
            self.user.clear()
            self.user.addItem(_("Everyone"), None)
            self.user.addItem(_("(nobody signed in)"), NOBODY)
            try:
                users = self.services.audit.users(self.actor)
            except PortineriaError:
                users = []
            for user_id, name in users:
                self.user.addItem(name, user_id)
            self.user.setCurrentIndex(max(0, self.user.findData(keep)))
        finally:
            self.user.blockSignals(False)

    def shown(self) -> None:
        self._fill_users()
        self.reload()

    def focus_search(self) -> None:
        """Ctrl+F: the search field, with what was typed selected so typing replaces it."""
        self.search.setFocus()
        self.search.selectAll()

    def show_record(self, entity: str, entity_id: int | None = None) -> None:
        """Narrow the log to one record (or one kind), for a page that asks "who changed this?"."""
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(entity)))
        self.kind.blockSignals(False)
        self.record_id.setEnabled(self.kind.currentData() is not None)
        self.record_id.blockSignals(True)
        self.record_id.setValue(entity_id or 0)
        self.record_id.blockSignals(False)
        self.reload()

    def clear_filters(self) -> None:
        """Back to the whole log, newest first."""
        widgets = (self.search, self.user, self.from_check, self.to_check, self.kind, self.record_id)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.user.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.date_from.setEnabled(False)
        self.date_to.setEnabled(False)
        self.kind.setCurrentIndex(0)
        self.record_id.setValue(0)
        self.record_id.setEnabled(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._pause.stop()
        self.reload()

    def _kind_changed(self) -> None:
        chosen = self.kind.currentData() is not None
        self.record_id.setEnabled(chosen)
        if not chosen and self.record_id.value():
            self.record_id.setValue(0)  # reloads through valueChanged
        else:
            self.reload()

    @staticmethod
    def _day(field: QDateEdit) -> date | None:
        value = field.date()
        return date(value.year(), value.month(), value.day()) if field.isEnabled() else None

    def reload(self) -> None:
        """Ask the service again which entries to show (newest first) and forget cached rows."""
        self._pause.stop()
        who = self.user.currentData()
        first, last = self._day(self.date_from), self._day(self.date_to)
        if first is not None and last is not None and last < first:
            first, last = last, first  # the two days typed the other way round: still one span
        try:
            ids = self.services.audit.entry_ids(
                self.actor,
                entity=self.kind.currentData(),
                entity_id=(self.record_id.value() or None) if self.record_id.isEnabled() else None,
                user_id=who if who not in (None, NOBODY) else None,
                nobody=who == NOBODY,
                date_from=first,
                date_to=last,
                text=self.search.text(),
            )
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
