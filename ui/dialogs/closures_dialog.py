"""The closures of a year: days on which the house is closed and nothing can be booked.

Choose the year; the list shows its closures. Add one (first day, last day, reason: Enter adds),
remove the chosen one (Delete, after a confirmation), or have the year's public holidays proposed
and tick the ones to add. Every change is saved at once by the service, which may refuse it
(for example when bookings fall on those days): its message is shown whole, and nothing changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, ValidationError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.closures import ClosureRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import close_buttons, open_window_modal, show_problems
from ui.dialogs.holidays_dialog import HolidaysDialog
from ui.widgets.date_field import date_field
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE, error_row

CLOSURE_ROLE = Qt.ItemDataRole.UserRole
COL_DAYS, COL_REASON = range(2)


def describe_days(closure: ClosureRow) -> str:
    """``Friday 25 December 2026``, or ``24 Dec 2026 – 6 Jan 2027 (14 days)``."""
    if closure.first_day == closure.last_day:
        return format_date(closure.first_day, "full")
    days = (closure.last_day - closure.first_day).days + 1
    return "{first} – {last} {count}".format(
        first=format_date(closure.first_day),
        last=format_date(closure.last_day),
        count=ngettext("({count} day)", "({count} days)", days).format(count=days),
    )


class ClosuresDialog(QDialog):
    """The closures of one year, with adding, removing and the proposed public holidays.

    ``holidays`` is the proposals dialog while it is open (tests fill it).
    """

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self.holidays: HolidaysDialog | None = None
        self.setWindowTitle(_("Closures of the house"))
        today = services.clock.today()

        self.year = QSpinBox()
        self.year.setObjectName("closures_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setToolTip(_("Up and Down change the year"))
        self.year.valueChanged.connect(self._year_changed)
        year_label = QLabel(_("&Year"))
        year_label.setBuddy(self.year)
        self.count_label = QLabel()
        self.count_label.setObjectName("closures_count")

        self.list = QTreeWidget()
        self.list.setObjectName("closures_list")
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([_("Days"), _("Reason")])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.header().setSectionResizeMode(COL_DAYS, QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setStretchLastSection(True)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.installEventFilter(self)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("closures_empty_hint")
        self.empty_hint.setStyleSheet(HINT_STYLE)

        self.remove_button = QPushButton(_("&Remove…"))
        self.remove_button.setObjectName("remove_closure")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(_("Remove the chosen closure (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.propose_button = QPushButton(_("&Propose holidays…"))
        self.propose_button.setObjectName("propose_holidays")
        self.propose_button.setAutoDefault(False)
        self.propose_button.setToolTip(_("The public holidays of the year, and Turin's patron saint, to tick and add"))
        self.propose_button.clicked.connect(self.propose_holidays)

        general = QLabel()
        self.errors = FormErrors(general)
        self.first_day = date_field("closure_first_day")
        self.last_day = date_field("closure_last_day")
        self.first_day.dateChanged.connect(self._first_day_changed)
        self.reason = QLineEdit()
        self.reason.setObjectName("closure_reason")
        self.reason.setPlaceholderText(_("for example Christmas holidays"))
        self.add_button = QPushButton(_("&Add closure"))
        self.add_button.setObjectName("add_closure")
        self.add_button.setDefault(True)
        self.add_button.setToolTip(_("Add the closure (Enter)"))
        self.add_button.clicked.connect(self.add_closure)
        add_box = QGroupBox(_("Add a closure"))
        add_layout = QVBoxLayout(add_box)
        form = QFormLayout()
        error_row(self.errors, form, _("&First day"), self.first_day, "first_day")
        error_row(self.errors, form, _("&Last day"), self.last_day, "last_day")
        error_row(self.errors, form, _("Rea&son"), self.reason, "reason")
        add_layout.addWidget(general)
        add_layout.addLayout(form)
        add_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

        self.status = QLabel()
        self.status.setObjectName("closures_status")
        self.status.setWordWrap(True)
        close = close_buttons(self)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.count_label)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.remove_button)
        list_buttons.addWidget(self.propose_button)
        list_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(list_buttons)
        layout.addWidget(add_box)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self._previous_first = QDate(today.year, today.month, today.day)
        self.first_day.setDate(self._previous_first)
        self.last_day.setDate(self._previous_first)
        self.reload()
        self.resize(max(self.sizeHint().width(), 680), max(self.sizeHint().height(), 600))
        self.reason.setFocus()

    # -- the list ------------------------------------------------------------------------------------

    def shown_year(self) -> int:
        return self.year.value()

    def reload(self, *, select: int | None = None) -> None:
        """Read the closures of the chosen year again."""
        year = self.shown_year()
        try:
            rows = self._services.closures.closures(self._actor, date(year, 1, 1), date(year, 12, 31))
        except PortineriaError as error:
            messages.show_error(self, error.message)
            rows = []
        self.list.clear()
        for row in rows:
            item = QTreeWidgetItem([describe_days(row), row.reason])
            item.setData(COL_DAYS, CLOSURE_ROLE, row)
            self.list.addTopLevelItem(item)
            if row.id == select:
                self.list.setCurrentItem(item)
        self.count_label.setText(ngettext("{count} closure", "{count} closures", len(rows)).format(count=len(rows)))
        self.empty_hint.setText(
            _("No closures in {year}. Add one below, or “Propose holidays…”.").format(year=year) if not rows else ""
        )
        self.empty_hint.setVisible(not rows)
        self._update_buttons()

    def _items(self) -> list[QTreeWidgetItem]:
        items = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item for item in items if item is not None]

    def closures(self) -> list[ClosureRow]:
        """The closures listed, in order."""
        return [item.data(COL_DAYS, CLOSURE_ROLE) for item in self._items()]

    def selected_closure(self) -> ClosureRow | None:
        items = self.list.selectedItems()
        if not items:
            return None
        row: ClosureRow = items[0].data(COL_DAYS, CLOSURE_ROLE)
        return row

    def select_closure(self, closure_id: int) -> None:
        for item in self._items():
            if item.data(COL_DAYS, CLOSURE_ROLE).id == closure_id:
                self.list.setCurrentItem(item)
                return
        raise LookupError(closure_id)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.selected_closure() is not None)

    def _year_changed(self, year: int) -> None:
        """Show the year, and move the new closure's days into it (same day and month)."""
        for field in (self.first_day, self.last_day):
            current = field.date()
            day = min(current.day(), QDate(year, current.month(), 1).daysInMonth())
            field.setDate(QDate(year, current.month(), day))
        self.reload()

    def _first_day_changed(self, first: QDate) -> None:
        """The last day follows the first while they were the same day (one-day closures)."""
        if self.last_day.date() < first or self.last_day.date() == self._previous_first:
            self.last_day.setDate(first)
        self._previous_first = first

    # -- changes -------------------------------------------------------------------------------------

    def add_closure(self) -> None:
        """Save the closure typed below the list; problems show under the fields."""
        self.errors.clear()
        first = self.first_day.date().toPython()
        last = self.last_day.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        try:
            added = self._services.closures.add(self._actor, first, last, self.reason.text())
        except ValidationError as error:
            fields = {"first_day": self.first_day, "last_day": self.last_day, "reason": self.reason}
            show_problems(self, self.errors, error, fields)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.reason.clear()
        if added.first_day.year != self.shown_year() and added.last_day.year != self.shown_year():
            self.year.blockSignals(True)
            self.year.setValue(added.first_day.year)
            self.year.blockSignals(False)
        self.reload(select=added.id)
        self.status.setText(
            _("Closure added: {days}, {reason}.").format(days=describe_days(added), reason=added.reason)
        )
        self.reason.setFocus()

    def remove_selected(self) -> None:
        """Remove the chosen closure after a confirmation: bookings become possible on its days."""
        closure = self.selected_closure()
        if closure is None:
            return
        question = _("Remove the closure “{reason}”, {days}? The house can then be booked on those days.").format(
            reason=closure.reason, days=describe_days(closure)
        )
        if not messages.confirm(self, question, yes=_("Remove closure")):
            return
        try:
            self._services.closures.remove(self._actor, closure.id)
        except PortineriaError as error:
            messages.show_error(self, error.message)
        else:
            self.status.setText(_("Closure removed: {days}.").format(days=describe_days(closure)))
        self.reload()
        self.list.setFocus()

    def propose_holidays(self) -> None:
        """Open the year's public holidays to tick (window-modal; the list is read again after)."""
        if self.holidays is not None:
            self.holidays.raise_()
            return
        try:
            dialog = HolidaysDialog(services=self._services, actor=self._actor, year=self.shown_year(), parent=self)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self.holidays = dialog
        open_window_modal(dialog, self._holidays_closed)

    def _holidays_closed(self, result: int) -> None:
        dialog, self.holidays = self.holidays, None
        added = dialog.added if dialog is not None else []
        self.reload()
        if result == QDialog.DialogCode.Accepted:
            text = ngettext("{count} holiday added as a closure.", "{count} holidays added as closures.", len(added))
            self.status.setText(text.format(count=len(added)))
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)
