"""The drop-in counters on the Today page: one click or one key records an anonymous visit.

One button per active service with today's count ("Showers  12"); Alt+1..Alt+9 press the first
nine (Ctrl+1..9 choose the areas of the desk, Alt+letters open the menus, so Alt+digits are the
free keys every keyboard has). The count of the pressed service is updated from what the service
returns, without reading the others again. "Undo" (Ctrl+Z) takes back the visits recorded from
this page today, the last first, so a mistaken click costs one key. Reading the counters is one
query (``VisitService.counts``): the page is the desk's home and its start is benchmarked.

The counters record visits anonymous and without statistics: asking for a person, an age band
or a gender would slow down the busy moments they exist for. "Visit with details…" (Alt+0 or
Ctrl+Shift+V), or Shift+click on a counter, opens ``ui.dialogs.visit_dialog`` for a visit by a
person or with the statistics its service records; the last service used is proposed, and a visit
recorded there is counted and undone like the others. Admins also see "Services…", which opens
``ui.dialogs.dropin_services_dialog``; when it closes, the counters are made again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_time, ngettext
from app.services import Services
from app.services.roles import Actor, Role
from app.services.visits import RecordedVisit, ServiceCount, VisitDraft
from ui import messages
from ui.dialogs.common import open_window_modal
from ui.pages.today.section import TodaySection

KEYS = tuple(f"Alt+{number}" for number in range(1, 10))
"""The keys of the first nine services, in their order."""
UNDO_KEYS = "Ctrl+Z"
DETAILS_KEYS = ("Alt+0", "Ctrl+Shift+V")
"""Open the visit with details: Alt+0 next to the counters' keys, Ctrl+Shift+V for "visit"."""
COLUMNS = 4
"""Buttons per row: four fit side by side at 1366 px with the names of the built-in services."""


@dataclass(frozen=True)
class _Recorded:
    """A visit recorded from this page, kept so that Undo can take it back."""

    visit_id: int
    service_id: int
    label: str
    at: datetime


class DropInSection(TodaySection):
    """Today's counters of the drop-in services, each a button that records a visit."""

    def __init__(self, *, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(services=services, actor=actor, title=_("Drop-in services"), parent=parent)
        self.setObjectName("today_dropin")
        self.summary.setObjectName("today_dropin_total")
        self.counts: list[ServiceCount] = []
        self.buttons: dict[int, QPushButton] = {}
        """By service id, in the services' order."""
        self.recorded: list[_Recorded] = []
        """The visits recorded from this page today, the last at the end."""
        self.last_service_id: int | None = None
        """The service of the last visit recorded here: the one the visit with details proposes."""
        self._day: date | None = None

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(8)
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setObjectName("today_dropin_undo")
        self.undo_button.clicked.connect(self.undo)
        self.details_button = QPushButton(_("Visit with details…"))
        self.details_button.setObjectName("today_dropin_details")
        self.details_button.setToolTip(
            _("A visit by a person, or with the statistics its service records ({first} or {second})").format(
                first=DETAILS_KEYS[0], second=DETAILS_KEYS[1]
            )
        )
        self.details_button.clicked.connect(lambda: self.open_visit_dialog())
        self.services_button = QPushButton(_("Services…"))
        self.services_button.setObjectName("today_dropin_services")
        self.services_button.setToolTip(_("Add a drop-in service, rename one, choose what its visits record"))
        self.services_button.clicked.connect(self.open_services_dialog)
        self.services_button.setVisible(actor.role >= Role.ADMIN)
        self.hint = QLabel(
            _(
                "A click or Alt+1, Alt+2… records an anonymous visit; Shift+click or {details} asks who "
                "came and the statistics; Undo ({keys}) takes back the last one."
            ).format(details=DETAILS_KEYS[0], keys=UNDO_KEYS)
        )
        self.hint.setObjectName("today_dropin_hint")
        self.hint.setWordWrap(True)
        self.empty_hint = QLabel(_("No drop-in service is offered: an admin can add them."))
        self.empty_hint.setObjectName("today_dropin_empty")
        self.empty_hint.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.details_button)
        bottom.addWidget(self.services_button)
        bottom.addWidget(self.undo_button)
        self.content.addLayout(self.grid)
        self.content.addWidget(self.empty_hint)
        self.content.addLayout(bottom)

        for index, keys in enumerate(KEYS):
            QShortcut(QKeySequence(keys), self, lambda index=index: self.record_nth(index))
        QShortcut(QKeySequence(UNDO_KEYS), self, self.undo)
        for keys in DETAILS_KEYS:
            QShortcut(QKeySequence(keys), self, lambda: self.open_visit_dialog())
        self._update_undo()

    # -- reading -----------------------------------------------------------------------------------

    def refresh(self, now: datetime) -> None:
        """Today's counts, in one query; the buttons are made again only if the services changed."""
        if self._day != now.date():
            self._day = now.date()
            self.recorded.clear()  # yesterday's visits can no longer be undone
        try:
            counts = self.services.visits.counts(self.actor, now.date())
        except PortineriaError as error:
            messages.show_error(self, str(error))
            return
        if [(row.service_id, row.label) for row in counts] != [(row.service_id, row.label) for row in self.counts]:
            self._make_buttons(counts)
        self.counts = counts
        for row in counts:
            self._show_count(row.service_id, row.label, row.count)
        self._update_undo()

    def _make_buttons(self, counts: list[ServiceCount]) -> None:
        for button in self.buttons.values():
            self.grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        bigger = QFont(self.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.2)
        for index, row in enumerate(counts):
            button = QPushButton()
            button.setObjectName(f"today_dropin_{row.service_id}")
            button.setFont(bigger)
            button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            keys = f" ({KEYS[index]})" if index < len(KEYS) else ""
            button.setToolTip(_("Record an anonymous visit to {service}").format(service=row.label) + keys)
            button.setAccessibleName(row.label)
            button.clicked.connect(lambda _checked=False, service_id=row.service_id: self._clicked(service_id))
            self.grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            button.show()  # at once, not at the next turn of the event loop: keys may come first
            self.buttons[row.service_id] = button
        self.empty_hint.setVisible(not counts)
        self.hint.setVisible(bool(counts))
        self.details_button.setEnabled(bool(counts))

    def _show_count(self, service_id: int, label: str, count: int) -> None:
        self.counts = [
            ServiceCount(row.service_id, row.label, count) if row.service_id == service_id else row
            for row in self.counts
        ]
        button = self.buttons.get(service_id)
        if button is not None:
            button.setText(f"{label.replace('&', '&&')}  {count}")
        total = sum(row.count for row in self.counts)
        self.summary.setText(ngettext("{count} visit today", "{count} visits today", total).format(count=total))

    def count_of(self, service_id: int) -> int:
        """Today's count shown for the service (0 if it is not shown)."""
        return next((row.count for row in self.counts if row.service_id == service_id), 0)

    # -- recording and undoing ---------------------------------------------------------------------

    def record_nth(self, index: int) -> None:
        """Alt+1..Alt+9: a visit to the service of that button; nothing if there are fewer."""
        if index < len(self.counts):
            self.record(self.counts[index].service_id)

    def _clicked(self, service_id: int) -> None:
        """A counter was pressed: a visit at once, or with Shift the dialog on that service."""
        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.open_visit_dialog(service_id)
        else:
            self.record(service_id)

    def record(self, service_id: int) -> None:
        """One anonymous visit to the service, now; its count goes up at once."""
        try:
            visit = self.services.visits.record(self.actor, VisitDraft(service_id=service_id))
        except PortineriaError as error:
            messages.show_error(self, str(error))
            self.refresh(self.services.clock.now())  # a retired service disappears
            return
        self._counted(visit)

    def _counted(self, visit: RecordedVisit) -> None:
        """A visit was recorded from this page: count it, and let Undo take it back."""
        label = next((row.label for row in self.counts if row.service_id == visit.service_id), "")
        self.recorded.append(_Recorded(visit.id, visit.service_id, label, visit.at))
        self.last_service_id = visit.service_id
        self._show_count(visit.service_id, label, visit.count_today)
        self._update_undo()

    # -- the dialogs -------------------------------------------------------------------------------

    def open_visit_dialog(self, service_id: int | None = None) -> None:
        """A visit with details on ``service_id`` (the last used if None); counted once recorded."""
        if self.raise_dialog():
            return
        if not self.counts:
            return
        from ui.dialogs.visit_dialog import VisitDialog  # loaded when first needed: faster start

        try:
            dialog = VisitDialog(
                services=self.services,
                actor=self.actor,
                service_id=service_id if service_id is not None else self.last_service_id,
                parent=self,
            )
        except PortineriaError as error:
            messages.show_error(self, str(error))
            return
        self.dialog = dialog
        open_window_modal(dialog, self._visit_dialog_closed)

    def _visit_dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        from ui.dialogs.visit_dialog import VisitDialog

        if result == QDialog.DialogCode.Accepted and isinstance(dialog, VisitDialog) and dialog.recorded:
            if dialog.recorded.service_id not in self.buttons:  # shown as the dialog was open
                self.refresh(self.services.clock.now())
            self._counted(dialog.recorded)

    def open_services_dialog(self) -> None:
        """The admin's list of the services; the counters are made again when it closes."""
        if self.raise_dialog():
            return
        from ui.dialogs.dropin_services_dialog import DropInServicesDialog

        self.dialog = DropInServicesDialog(services=self.services, actor=self.actor, parent=self)
        open_window_modal(self.dialog, self._services_closed)

    def _services_closed(self, _result: int) -> None:
        self.dialog = None
        self.refresh(self.services.clock.now())

    def undo(self) -> None:
        """Ctrl+Z: take back the last visit recorded from this page today."""
        if not self.recorded:
            return
        last = self.recorded.pop()
        try:
            count = self.services.visits.undo(self.actor, last.visit_id)
        except PortineriaError as error:
            messages.show_error(self, str(error))
            self.refresh(self.services.clock.now())
            return
        self._show_count(count.service_id, count.label, count.count)
        self._update_undo()

    def _update_undo(self) -> None:
        self.undo_button.setEnabled(bool(self.recorded))
        if self.recorded:
            last = self.recorded[-1]
            tip = _("Take back the last visit: {service} at {time}").format(
                service=last.label, time=format_time(last.at.time())
            )
        else:
            tip = _("Takes back the last visit recorded here today")
        self.undo_button.setToolTip(f"{tip} ({UNDO_KEYS})")
