"""The public holidays of a year, offered as closures: tick the days the house stays closed.

The list comes from ``ClosureService.propose_holidays`` (the ``holidays`` package: the Italian
holidays and Turin's patron saint). Days already closed are shown ticked and greyed, and are never
added twice. A day holding bookings of its own cannot be closed until they are moved or cancelled
(the service refuses), so such a day says how many and starts unticked. Nothing is saved until
"Add the ticked days"; the service then adds all of them or none.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError
from app.i18n import _, format_date, ngettext
from app.services import Services
from app.services.closures import ClosureRow, ProposedHoliday
from app.services.roles import Actor
from ui import messages

PROPOSAL_ROLE = Qt.ItemDataRole.UserRole


class HolidaysDialog(QDialog):
    """Checkboxes for the holidays of ``year``; after ``Accepted``, ``added`` holds the new closures.

    Raises:
        PortineriaError: from the constructor, when the proposals cannot be read.
    """

    def __init__(self, *, services: Services, actor: Actor, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._year = year
        self.added: list[ClosureRow] = []
        self.setWindowTitle(_("Public holidays {year}").format(year=year))

        intro = QLabel(
            _(
                "Tick the holidays on which the house is closed, then “Add the ticked days”. "
                "Days already closed are shown greyed. A day with bookings starts unticked: "
                "move or cancel its bookings first."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("holiday_proposals")
        self.list.itemChanged.connect(lambda _item: self._update_button())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setObjectName("add_holidays")
        self.add_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.add_ticked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._fill(services.closures.propose_holidays(actor, year))
        width = max(self.list.sizeHintForColumn(0) + 60, 520)
        self.resize(width, max(self.sizeHint().height(), self.list.sizeHintForRow(0) * (self.list.count() + 1) + 160))
        self.list.setFocus()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _fill(self, proposals: list[ProposedHoliday]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for proposal in proposals:
            text = f"{format_date(proposal.day, 'full')} — {proposal.name}"
            item = QListWidgetItem()
            item.setData(PROPOSAL_ROLE, proposal)
            if proposal.already_closed:
                item.setText(_("{holiday} (already closed)").format(holiday=text))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)  # shown, ticked, not changeable
                item.setCheckState(Qt.CheckState.Checked)
            else:
                booked = len(self._services.closures.bookings_in(self._actor, proposal.day, proposal.day))
                if booked:
                    note = ngettext("{count} booking on this day", "{count} bookings on this day", booked)
                    text = f"{text} ({note.format(count=booked)})"
                item.setText(text)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Unchecked if booked else Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_button()

    def proposals(self) -> list[ProposedHoliday]:
        return [self.list.item(row).data(PROPOSAL_ROLE) for row in range(self.list.count())]

    def ticked(self) -> list[ProposedHoliday]:
        """The proposals ticked to be added (days already closed are never among them)."""
        chosen = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            proposal: ProposedHoliday = item.data(PROPOSAL_ROLE)
            if not proposal.already_closed and item.checkState() == Qt.CheckState.Checked:
                chosen.append(proposal)
        return chosen

    def set_ticked(self, day_names: set[str]) -> None:
        """Tick exactly the open days whose holiday name is in ``day_names`` (for tests and scripts)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            proposal: ProposedHoliday = item.data(PROPOSAL_ROLE)
            if not proposal.already_closed:
                state = Qt.CheckState.Checked if proposal.name in day_names else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def _update_button(self) -> None:
        count = len(self.ticked())
        text = ngettext("Add the ticked day", "Add the {count} ticked days", count)
        self.add_button.setText(text.format(count=count))
        self.add_button.setEnabled(count > 0)

    def add_ticked(self) -> None:
        """Save the ticked days as closures; a refusal is shown whole and the list is read again."""
        chosen = self.ticked()
        if not chosen:
            return
        try:
            self.added = self._services.closures.accept_holidays(self._actor, chosen)
        except PortineriaError as error:
            messages.show_error(self, error.message)
            with contextlib.suppress(PortineriaError):
                self._fill(self._services.closures.propose_holidays(self._actor, self._year))
            return
        self.accept()
