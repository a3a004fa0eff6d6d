"""The "Repeat" part of the booking editor: never, every week on chosen days, or every month.

Keyboard first: the choice of repetition is a combo box (arrows, or the first letter), the days
are check boxes (Space), the end is a group of radio buttons (arrows) with its date or count
next to it. The weekday of a monthly repetition is the one of the booking's date, as in the
calendars people know ("the first Tuesday of the month" for a booking on the first Tuesday);
a weekly repetition starts with that day ticked.

A rule the editor cannot show (a daily one imported from another calendar) is kept as it is and
described in a line, unless the person chooses another repetition.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from ui.widgets.repeat_rule import (
    MAX_COUNT,
    MAX_INTERVAL,
    ORDINALS,
    Ending,
    Frequency,
    Repeat,
    describe,
    from_rrule,
    ordinal_of,
    ordinal_phrase,
    problems_of,
    season_end,
    to_rrule,
    weekday_name,
)

_KEEP = "keep"
"""The frequency combo's data for a rule kept as it is (see the module's docstring)."""


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RepeatEditor(QWidget):
    """Never, weekly or monthly, and until when; ``rule()`` is the RRULE text or None.

    Signals:
        changed(): anything in the repetition changed (by the user or by code).
    """

    changed = Signal()

    def __init__(self, *, first_day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_day = first_day
        self._kept_rule = ""
        self._loading = False

        self.frequency = QComboBox()
        self.frequency.setObjectName("repeat_frequency")
        self.frequency.setAccessibleName(_("Repeat"))
        self.frequency.addItem(_("Does not repeat"), Frequency.NONE)
        self.frequency.addItem(_("Every week"), Frequency.WEEKLY)
        self.frequency.addItem(_("Every month"), Frequency.MONTHLY)

        # Weekly: every N weeks, on these days.
        self.interval = QSpinBox()
        self.interval.setObjectName("repeat_interval")
        self.interval.setRange(1, MAX_INTERVAL)
        self.interval.setAccessibleName(_("Every how many weeks"))
        self.interval_before = QLabel()
        self.interval_after = QLabel()
        self.day_boxes: list[QCheckBox] = []
        days_row = QHBoxLayout()
        days_row.setContentsMargins(0, 0, 0, 0)
        for weekday in range(7):
            box = QCheckBox(weekday_name(weekday, short=True))
            box.setObjectName(f"repeat_day_{weekday}")
            box.setAccessibleName(weekday_name(weekday))
            box.setToolTip(weekday_name(weekday))
            self.day_boxes.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        interval_row = QHBoxLayout()
        interval_row.setContentsMargins(0, 0, 0, 0)
        interval_row.addWidget(self.interval_before)
        interval_row.addWidget(self.interval)
        interval_row.addWidget(self.interval_after)
        interval_row.addStretch(1)
        self.weekly_panel = QWidget()
        weekly_layout = QVBoxLayout(self.weekly_panel)
        weekly_layout.setContentsMargins(0, 0, 0, 0)
        weekly_layout.addLayout(interval_row)
        weekly_layout.addLayout(days_row)

        # Monthly: the Nth weekday of the booking's date.
        self.ordinal = QComboBox()
        self.ordinal.setObjectName("repeat_ordinal")
        self.ordinal.setAccessibleName(_("Which day of the month"))
        self.monthly_panel = QWidget()
        monthly_layout = QHBoxLayout(self.monthly_panel)
        monthly_layout.setContentsMargins(0, 0, 0, 0)
        monthly_layout.addWidget(self.ordinal)
        monthly_layout.addStretch(1)

        # The end: on a date, after N times, or never.
        self.ends_until = QRadioButton(_("Until"))
        self.ends_until.setObjectName("repeat_ends_until")
        self.ends_count = QRadioButton(_("For"))
        self.ends_count.setObjectName("repeat_ends_count")
        self.ends_never = QRadioButton(_("With no end"))
        self.ends_never.setObjectName("repeat_ends_never")
        self.ending_group = QButtonGroup(self)
        for button in (self.ends_until, self.ends_count, self.ends_never):
            button.setToolTip(_("Choose how the repetition ends with the arrow keys"))
            self.ending_group.addButton(button)
        self.until = QDateEdit()
        self.until.setObjectName("repeat_until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd/MM/yyyy")
        self.until.setAccessibleName(_("Last day"))
        self.count = QSpinBox()
        self.count.setObjectName("repeat_count")
        self.count.setRange(1, MAX_COUNT)
        self.count.setValue(10)
        self.count.setAccessibleName(_("How many times"))
        self.count_after = QLabel()
        ends = QGridLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        ends.addWidget(self.ends_until, 0, 0)
        ends.addWidget(self.until, 0, 1)
        ends.addWidget(self.ends_count, 1, 0)
        count_row = QHBoxLayout()
        count_row.setContentsMargins(0, 0, 0, 0)
        count_row.addWidget(self.count)
        count_row.addWidget(self.count_after)
        count_row.addStretch(1)
        ends.addLayout(count_row, 1, 1)
        ends.addWidget(self.ends_never, 2, 0, 1, 2)
        ends.setColumnStretch(2, 1)
        self.ends_panel = QWidget()
        self.ends_panel.setLayout(ends)

        self.summary = QLabel()
        self.summary.setObjectName("repeat_summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.frequency)
        layout.addWidget(self.weekly_panel)
        layout.addWidget(self.monthly_panel)
        layout.addWidget(self.ends_panel)
        layout.addWidget(self.summary)
        self.setFocusProxy(self.frequency)

        self.until.setDate(_qdate(season_end(first_day)))
        self.ends_until.setChecked(True)
        self._fill_ordinals(ordinal_of(first_day))
        self._check_weekday(first_day.weekday())
        self.frequency.currentIndexChanged.connect(self._frequency_chosen)
        self.interval.valueChanged.connect(self._changed)
        for box in self.day_boxes:
            box.toggled.connect(self._changed)
        self.ordinal.currentIndexChanged.connect(self._changed)
        self.ending_group.buttonToggled.connect(self._changed)
        self.until.dateChanged.connect(self._changed)
        self.count.valueChanged.connect(self._changed)
        self._show()

    # -- what the booking editor calls ---------------------------------------------------------------

    def frequency_chosen(self) -> Frequency | None:
        """The chosen frequency; None while an unknown rule is kept as it is."""
        data = self.frequency.currentData()
        return data if isinstance(data, Frequency) else None

    def repeats(self) -> bool:
        return self.frequency_chosen() is not Frequency.NONE

    def repeat(self) -> Repeat:
        """What the fields say (meaningless while an unknown rule is kept)."""
        frequency = self.frequency_chosen() or Frequency.NONE
        ending = Ending.UNTIL
        if self.ends_count.isChecked():
            ending = Ending.COUNT
        elif self.ends_never.isChecked():
            ending = Ending.NEVER
        ordinal = self.ordinal.currentData()
        return Repeat(
            frequency=frequency,
            weekdays=tuple(day for day, box in enumerate(self.day_boxes) if box.isChecked()),
            interval=self.interval.value(),
            ordinal=ordinal if isinstance(ordinal, int) else 1,
            weekday=self._first_day.weekday(),
            ending=ending,
            until=_day(self.until.date()) if ending is Ending.UNTIL else None,
            count=self.count.value(),
        )

    def rule(self) -> str | None:
        """The RRULE text, or None when the booking does not repeat."""
        if self.frequency_chosen() is None:
            return self._kept_rule
        return to_rrule(self.repeat())

    def problems(self) -> list[str]:
        """What to fix before saving, in the desk's words (empty when all is well)."""
        if self.frequency_chosen() is None:
            return []
        return problems_of(self.repeat(), self._first_day)

    def set_rule(self, rule: str | None) -> None:
        """Show a stored rule (None: does not repeat); an unknown one is kept as it is."""
        self._loading = True
        try:
            keep_index = self.frequency.findData(_KEEP)
            if keep_index >= 0:
                self.frequency.removeItem(keep_index)
            repeat = from_rrule(rule) if rule else Repeat()
            if repeat is None:
                self._kept_rule = rule or ""
                self.frequency.addItem(_("As in the imported calendar"), _KEEP)
                self.frequency.setCurrentIndex(self.frequency.count() - 1)
            else:
                self._load(repeat)
        finally:
            self._loading = False
        self._show()
        self.changed.emit()

    def set_may_stop_repeating(self, allowed: bool) -> None:
        """An occurrence of a series cannot become a one-off: "Does not repeat" is then not offered."""
        index = self.frequency.findData(Frequency.NONE)
        if not allowed and index >= 0:
            self.frequency.removeItem(index)
        elif allowed and index < 0:
            self.frequency.insertItem(0, _("Does not repeat"), Frequency.NONE)

    def set_first_day(self, day: date) -> None:
        """The booking's date changed: the ticked weekday and the monthly day follow it."""
        previous, self._first_day = self._first_day, day
        if previous == day:
            return
        self._loading = True
        try:
            ticked = [index for index, box in enumerate(self.day_boxes) if box.isChecked()]
            if ticked in ([], [previous.weekday()]):
                self._check_weekday(day.weekday())
            self._fill_ordinals(ordinal_of(day))
            if _day(self.until.date()) < day:
                self.until.setDate(_qdate(season_end(day)))
        finally:
            self._loading = False
        self._changed()

    # -- inside ------------------------------------------------------------------------------------

    def _load(self, repeat: Repeat) -> None:
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(repeat.frequency)))
        if repeat.frequency is Frequency.WEEKLY:
            for day, box in enumerate(self.day_boxes):
                box.setChecked(day in repeat.weekdays)
            self.interval.setValue(repeat.interval)
        elif repeat.frequency is Frequency.MONTHLY:
            self._fill_ordinals(repeat.ordinal)
        {Ending.UNTIL: self.ends_until, Ending.COUNT: self.ends_count, Ending.NEVER: self.ends_never}[
            repeat.ending
        ].setChecked(True)
        if repeat.until is not None:
            self.until.setDate(_qdate(repeat.until))
        self.count.setValue(repeat.count)

    def _fill_ordinals(self, chosen: int) -> None:
        weekday = self._first_day.weekday()
        self.ordinal.blockSignals(True)
        self.ordinal.clear()
        for ordinal in ORDINALS:
            self.ordinal.addItem(ordinal_phrase(ordinal, weekday), ordinal)
        self.ordinal.setCurrentIndex(max(0, self.ordinal.findData(chosen)))
        self.ordinal.blockSignals(False)

    def _check_weekday(self, weekday: int) -> None:
        for day, box in enumerate(self.day_boxes):
            box.blockSignals(True)
            box.setChecked(day == weekday)
            box.blockSignals(False)

    def _frequency_chosen(self) -> None:
        if not self._loading and self.frequency_chosen() is not None:
            self._kept_rule = ""
            keep_index = self.frequency.findData(_KEEP)
            if keep_index >= 0:
                self.frequency.blockSignals(True)
                self.frequency.removeItem(keep_index)
                self.frequency.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        if self._loading:
            return
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        frequency = self.frequency_chosen()
        self.weekly_panel.setVisible(frequency is Frequency.WEEKLY)
        self.monthly_panel.setVisible(frequency is Frequency.MONTHLY)
        self.ends_panel.setVisible(frequency in (Frequency.WEEKLY, Frequency.MONTHLY))
        weeks = self.interval.value()
        # "Every [2] weeks, on:" around the spin box; the words agree with the number.
        before, _sep, after = ngettext("Every {count} week, on:", "Every {count} weeks, on:", weeks).partition(
            "{count}"
        )
        self.interval_before.setText(before.strip())
        self.interval_after.setText(after.strip())
        self.count_after.setText(ngettext("time", "times", self.count.value()))
        self.until.setEnabled(self.ends_until.isChecked())
        self.count.setEnabled(self.ends_count.isChecked())
        if frequency is None:
            self.summary.setText(_("Repeats as set in the imported calendar ({rule}).").format(rule=self._kept_rule))
            self.summary.setVisible(True)
        else:
            self.summary.setText(describe(self.repeat()))
            self.summary.setVisible(frequency is not Frequency.NONE)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft)
