"""Making, changing, moving and cancelling a booking of a room, one-off or repeating.

One editor for three cases:
- a **new** booking, from a span dragged on the day view (room, day and times filled in) or from
  Ctrl+N (everything to choose); with "Repeat" it becomes a series. Before a series is saved its
  dates are checked (``preview_series``): the dates that cannot be booked are listed with why,
  and "Book the other N dates" saves the series with those dates left out (its exception dates);
- a stored **booking**: Save changes it (``update_booking``; a new day or time is a move), and
  "Cancel booking" cancels it after asking. What it owes and what was paid is shown;
- an **occurrence** of a series (or an occurrence moved earlier, which is a booking of its own):
  Save and "Cancel booking" ask which dates (``series_scope_dialog``): only this one, this and the
  following ones, or the whole series. The series' repetition is shown and can be changed; a
  changed repetition is for this and the following dates or for all of them.

The services check everything and their messages appear under the fields (a conflict of a one-off
booking under the time); the dialog stays open and nothing is saved until they pass. Keyboard:
Enter saves (after a series' conflicts are listed, Enter books the other dates), Esc closes and
asks first if something was typed, Ctrl+S saves, Alt+letter goes to a field.

Changing only this date of a series is one call (``update_occurrence``): its day, time and every
other field are saved together, or, when refused, nothing is, and the messages say what to fix.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import PortineriaError, Problem, ValidationError
from app.i18n import _, format_date, format_money, format_time
from app.services import Services
from app.services.booking_dues import PaidStatus
from app.services.bookings import BookingDraft, BookingRow, BookingStatus, SeriesDraft, SeriesPreview, SeriesRow
from app.services.roles import Actor
from ui import messages
from ui.dialogs.common import (
    GuardedDialog,
    fit_on_screen_width,
    grow_to_fit,
    keep_on_screen,
    save_button,
    save_cancel_buttons,
)
from ui.dialogs.series_scope_dialog import Purpose, Scope, ask_scope
from ui.widgets.booking_form import BookingForm, BookingValues
from ui.widgets.form import FormErrors
from ui.widgets.repeat_editor import RepeatEditor
from ui.widgets.series_conflicts import SeriesConflictsBox

DEFAULT_LENGTH = timedelta(hours=1)
FORM_STRETCH, RIGHT_STRETCH = 3, 2
"""How the width is shared by the booking's fields and the repetition; a list of conflicts takes it all."""
FIRST_DEFAULT_HOUR = 9
LAST_DEFAULT_HOUR = 21
_FIELD_OF = {"end": "start", "dtstart": "start", "duration_minutes": "start", "rrule": "repeat"}
"""The service's fields that the editor shows on another row: times together, the rule in Repeat."""


class Mode(enum.Enum):
    NEW = "new"
    BOOKING = "booking"
    OCCURRENCE = "occurrence"


@dataclass(frozen=True)
class _Pending:
    """A series whose conflicts are listed: how to check it again and how to save it without them."""

    preview: Callable[[], SeriesPreview]
    save: Callable[[tuple[datetime, ...]], None]
    day: date


def default_span(today: date, now: datetime, day: date | None = None) -> tuple[datetime, datetime]:
    """An hour from the next whole hour today (within the day's usual hours), from 9:00 another day."""
    day = day or today
    hour = FIRST_DEFAULT_HOUR
    if day == today:
        hour = min(max(now.hour + 1, FIRST_DEFAULT_HOUR), LAST_DEFAULT_HOUR)
    start = datetime.combine(day, time(hour))
    return start, start + DEFAULT_LENGTH


def paid_text(status: PaidStatus, *, series: bool) -> str:
    """What the holder owes and paid, in a line for the desk."""
    if status.due_cents == 0 and status.paid_cents == 0:
        if series:
            return _("Nothing owed yet: each date is owed once it has taken place.")
        return _("Nothing to pay (only a confirmed booking is paid).")
    if status.paid:
        return _("Paid: {paid}.").format(paid=format_money(status.paid_cents))
    if series:
        return _("Dates so far: {due}; paid {paid}; still to pay {remaining}.").format(
            due=format_money(status.due_cents),
            paid=format_money(status.paid_cents),
            remaining=format_money(status.remaining_cents),
        )
    return _("Still to pay: {remaining} (paid {paid} of {due}).").format(
        remaining=format_money(status.remaining_cents),
        paid=format_money(status.paid_cents),
        due=format_money(status.due_cents),
    )


class BookingEditor(GuardedDialog):
    """The editor; see the module's docstring.

    Give ``booking_id`` to open a booking, ``series_id`` and ``occurrence_start`` to open an
    occurrence, or neither for a new booking (``room_id``, ``start`` and ``end`` fill it in).
    After ``Accepted``, ``saved_day`` is the day to show (the booking's, after a move its new one).

    Raises:
        NotFound: at construction, if the booking or the series no longer exists.
    """

    def __init__(
        self,
        *,
        services: Services,
        actor: Actor,
        booking_id: int | None = None,
        series_id: int | None = None,
        occurrence_start: datetime | None = None,
        room_id: int | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._booking_id = booking_id
        self._series_id = series_id
        self._occurrence_start = occurrence_start
        self._row: BookingRow | None = None
        self._series: SeriesRow | None = None
        self._pending: _Pending | None = None
        self.saved_day: date | None = None

        if booking_id is not None:
            self._row = services.bookings.get(actor, booking_id)
            if self._row.series_id is not None and self._row.occurrence_start is not None:
                self._series_id, self._occurrence_start = self._row.series_id, self._row.occurrence_start
        elif series_id is not None and occurrence_start is not None:
            self._row = services.bookings.occurrence(actor, series_id, occurrence_start)
            self._booking_id = self._row.id  # set when the occurrence was moved before
        if self._series_id is not None and self._occurrence_start is not None:
            self.mode = Mode.OCCURRENCE
            self._series = services.bookings.series(actor, self._series_id)
        else:
            self.mode = Mode.BOOKING if self._row is not None else Mode.NEW

        general = QLabel()
        general.setObjectName("booking_general_error")
        self.errors = FormErrors(general)
        self.form = BookingForm(services=services, actor=actor, rooms=services.rooms.rooms(actor), errors=self.errors)
        self.booking_box = QGroupBox(_("Booking"))
        booking_layout = QVBoxLayout(self.booking_box)
        booking_layout.addWidget(self.form)
        booking_layout.addStretch(1)  # when the conflicts make the dialog taller, the fields stay together

        first_day = self._row.start.date() if self._row is not None else (start or services.clock.now()).date()
        self.repeat = RepeatEditor(first_day=first_day)
        self.repeat_box = QGroupBox(_("R&epeat"))
        self.repeat_box.setObjectName("booking_repeat_box")
        # The repetition's problems go under it, like any other field's.
        repeat_form = QFormLayout(self.repeat_box)
        self.errors.add_row(repeat_form, "", self.repeat, "repeat")

        self.conflicts = SeriesConflictsBox()
        self.conflicts.book_others.connect(self.book_others)

        self.payment = QLabel()
        self.payment.setObjectName("booking_payment")
        self.payment.setWordWrap(True)
        self.payment_box = QGroupBox(_("Payment"))
        QVBoxLayout(self.payment_box).addWidget(self.payment)

        right = QVBoxLayout()
        right.addWidget(self.repeat_box)
        right.addWidget(self.conflicts)
        right.addWidget(self.payment_box)
        right.addStretch(1)
        self.columns = QHBoxLayout()
        self.columns.addWidget(self.booking_box, FORM_STRETCH)
        self.columns.addLayout(right, RIGHT_STRETCH)

        self.buttons = save_cancel_buttons(self, save_text=_("Save"), on_save=self.save)
        self.save_button = save_button(self.buttons)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        close.setText(_("Close"))
        close.setToolTip(_("Close without saving (Esc)"))
        self.save_button.setToolTip(_("Save the booking (Enter or Ctrl+S)"))
        self.cancel_booking_button = QPushButton(_("Cancel booking…"))
        self.cancel_booking_button.setObjectName("cancel_booking")
        self.cancel_booking_button.setAutoDefault(False)
        self.cancel_booking_button.setToolTip(_("Cancel this booking: you are asked to confirm first"))
        self.cancel_booking_button.clicked.connect(self.cancel_booking)
        bottom = QHBoxLayout()
        bottom.addWidget(self.cancel_booking_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addLayout(self.columns, 1)
        layout.addLayout(bottom)
        self.save_button.setDefault(True)  # again, now that it is in the dialog: Enter saves

        self._load(room_id, start, end)
        self.form.changed.connect(self._edited)
        if self.mode is Mode.NEW:
            # A new repetition follows the booking's day; a series' rule changes only when told.
            self.form.day_changed.connect(self.repeat.set_first_day)
        self.repeat.changed.connect(self._edited)
        self._initial = self._snapshot()
        self._initial_rule = self.repeat.rule()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 900), hint.height())
        span_given = self.mode is Mode.NEW and start is not None and room_id is not None
        focus = self.form.first_focus(span_given=span_given) if self.mode is Mode.NEW else self.form.purpose
        focus.setFocus()

    # -- filling -----------------------------------------------------------------------------------

    def _load(self, room_id: int | None, start: datetime | None, end: datetime | None) -> None:
        row = self._row
        if self.mode is Mode.NEW or row is None:
            self.setWindowTitle(_("New booking"))
            if start is None:
                start, end = default_span(self._services.clock.today(), self._services.clock.now())
            elif end is None or end <= start:
                end = start + DEFAULT_LENGTH
            self.form.set_span(room_id, start, end)
            self.repeat.set_first_day(start.date())
            self.cancel_booking_button.hide()
            self.payment_box.hide()
            return
        self.form.load(
            room_id=row.room_id,
            start=row.start,
            end=row.end,
            person_id=row.person_id,
            organisation_id=row.organisation_id,
            holder=row.holder,
            purpose=row.purpose,
            people_count=row.people_count,
            status=row.status,
            price_cents=row.price_cents,
            price_overridden=row.price_overridden,
            notes=row.notes,
            public=row.public,
        )
        self.repeat.set_first_day(row.start.date())
        if self.mode is Mode.BOOKING:
            self.setWindowTitle(_("Booking: {name}").format(name=row.purpose or row.holder))
            self.repeat_box.hide()
            assert row.id is not None
            self.payment.setText(paid_text(self._services.bookings.paid_status(self._actor, row.id), series=False))
        else:
            assert self._series is not None
            self.setWindowTitle(_("Repeating booking: {name}").format(name=row.purpose or row.holder))
            self.repeat.set_may_stop_repeating(False)
            self.repeat.set_rule(self._series.rrule)
            self.repeat_box.setTitle(_("R&epeat (the whole series)"))
            if self._booking_id is not None:
                status = self._services.bookings.paid_status(self._actor, self._booking_id)
                self.payment.setText(
                    paid_text(status, series=False) + "\n" + _("This date was moved: it is paid as a booking.")
                )
            else:
                status = self._services.bookings.series_paid_status(self._actor, self._series.id)
                self.payment.setText(paid_text(status, series=True))
        if row.status is BookingStatus.CANCELLED:
            self.errors.show(ValidationError(_("This booking was cancelled: make a new booking instead.")))
            self.save_button.setEnabled(False)
            self.cancel_booking_button.setEnabled(False)

    def _snapshot(self) -> tuple[object, ...]:
        return (*self.form.snapshot(), self.repeat.rule() if self.repeat_box.isVisibleTo(self) else None)

    def is_modified(self) -> bool:
        return self._snapshot() != self._initial

    def discard_question(self) -> str:
        return _("Discard the changes to this booking?")

    # -- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        """Enter, Ctrl+S or Save: check and save, or show what to fix."""
        if not self.save_button.isEnabled():
            return
        self.errors.clear()
        try:
            values = self.form.values()
            if self.repeat_box.isVisibleTo(self) and (problems := self.repeat.problems()):
                raise ValidationError([Problem("repeat", message) for message in problems])
            if self.mode is Mode.NEW:
                self._save_new(values)
            elif not self.is_modified():
                self._done(values.start.date())
            elif self.mode is Mode.BOOKING:
                assert self._booking_id is not None
                saved = self._services.bookings.update_booking(self._actor, self._booking_id, self._draft(values))
                self._done(saved.start.date())
            else:
                self._save_occurrence(values)
        except ValidationError as error:
            self._show_problems(error)
        except PortineriaError as error:
            messages.show_error(self, error.message)

    def _draft(self, values: BookingValues) -> BookingDraft:
        return BookingDraft(
            room_id=values.room_id,
            start=values.start,
            end=values.end,
            person_id=values.person_id,
            organisation_id=values.organisation_id,
            purpose=values.purpose,
            people_count=values.people_count,
            status=values.status,
            price_cents=values.price_cents,
            notes=values.notes,
            public=values.public,
        )

    def _series_draft(self, values: BookingValues, rule: str, dtstart: datetime) -> SeriesDraft:
        return SeriesDraft(
            room_id=values.room_id,
            dtstart=dtstart,
            duration_minutes=values.minutes,
            rrule=rule,
            person_id=values.person_id,
            organisation_id=values.organisation_id,
            purpose=values.purpose,
            people_count=values.people_count,
            status=values.status,
            price_cents=values.price_cents,
            notes=values.notes,
            public=values.public,
        )

    def _save_new(self, values: BookingValues) -> None:
        rule = self.repeat.rule()
        if rule is None:
            saved = self._services.bookings.create_booking(self._actor, self._draft(values))
            self._done(saved.start.date())
            return
        draft = self._series_draft(values, rule, values.start)
        bookings = self._services.bookings
        self._check_series(
            _Pending(
                preview=lambda: bookings.preview_series(self._actor, draft),
                save=lambda exdates: self._ignore(bookings.create_series(self._actor, replace(draft, exdates=exdates))),
                day=values.start.date(),
            )
        )

    def _save_occurrence(self, values: BookingValues) -> None:
        assert self._series is not None and self._occurrence_start is not None and self._row is not None
        rule = self.repeat.rule() or self._series.rrule
        rule_changed = rule != self._initial_rule
        if rule_changed:
            allowed = frozenset({Scope.FOLLOWING, Scope.ALL})
        elif values.start.date() != self._row.start.date():
            allowed = frozenset({Scope.ONE})
        else:
            allowed = frozenset(Scope)
        scope = ask_scope(self, purpose=Purpose.SAVE, day=self._row.start.date(), allowed=allowed)
        if scope is None:
            return
        if not rule_changed:
            rule = self._series.rrule  # exactly as stored, even where the editor would write it otherwise
        series_id, occurrence_start = self._series.id, self._occurrence_start
        bookings = self._services.bookings
        if scope is Scope.ONE:
            self._save_one_date(values)
        elif scope is Scope.FOLLOWING:
            following = self._series_draft(values, rule, values.start)
            self._check_series(
                _Pending(
                    preview=lambda: bookings.preview_following_update(
                        self._actor, series_id, occurrence_start, following
                    ),
                    save=lambda exdates: self._ignore(
                        bookings.update_following(
                            self._actor, series_id, occurrence_start, replace(following, exdates=exdates)
                        )
                    ),
                    day=values.start.date(),
                )
            )
        else:
            # The whole series keeps its first day (its days are the rule's) at the new time.
            dtstart = datetime.combine(self._series.dtstart.date(), values.start.time())
            whole = self._series_draft(values, rule, dtstart)
            self._check_series(
                _Pending(
                    preview=lambda: bookings.preview_series_update(self._actor, series_id, whole),
                    save=lambda exdates: bookings.update_series(
                        self._actor, series_id, replace(whole, exdates=exdates)
                    ),
                    day=values.start.date(),
                )
            )

    def _save_one_date(self, values: BookingValues) -> None:
        """Only this date: it becomes a booking of its own, changed in every way at once."""
        assert self._series is not None and self._occurrence_start is not None
        saved = self._services.bookings.update_occurrence(
            self._actor, self._series.id, self._occurrence_start, self._draft(values)
        )
        self._done(saved.start.date())

    @staticmethod
    def _ignore(_value: object) -> None:
        """The id a service returns is not needed: the page shows the day again."""

    # -- a series' conflicts -------------------------------------------------------------------------

    def _check_series(self, pending: _Pending) -> None:
        """Save at once if every date is free, else list the dates that are not."""
        preview = pending.preview()
        if not preview.occurrences:
            raise ValidationError(
                _("The repetition gives no dates from this day on: check the days and the end."), field="repeat"
            )
        if not preview.conflicts:
            pending.save(())
            self._done(pending.day)
            return
        self._pending = pending
        self.conflicts.show_preview(preview)
        self._fit_conflicts()
        if self.conflicts.book_button.isEnabled():
            self.save_button.setDefault(False)
            self.conflicts.book_button.setDefault(True)
            self.conflicts.book_button.setFocus()

    def _fit_conflicts(self) -> None:
        """Room for the dates: wider (within the screen) so that each fits on one line, then taller.

        The width gained goes to the list, not to the booking's fields; a line that still does not
        fit wraps.
        """
        self.booking_box.setMinimumWidth(self.booking_box.width())  # the fields keep what they have
        self.columns.setStretch(0, 0)
        self.columns.setStretch(1, 1)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the box just shown, laid out
        extra = self.conflicts.dates.unwrapped_width() - self.conflicts.dates.width()
        widest = fit_on_screen_width(self)
        if extra > 0 and self.width() < widest:
            self.resize(min(self.width() + extra, widest), self.height())
        grow_to_fit(self)
        keep_on_screen(self)

    def book_others(self) -> None:
        """Save the series without the dates listed as conflicts."""
        pending = self._pending
        if pending is None:
            return
        try:
            pending.save(self.conflicts.conflict_starts())
        except ValidationError as error:
            # Someone booked one more date meanwhile: list the dates again.
            try:
                self._pending = None
                self._check_series(pending)
            except ValidationError:
                self._show_problems(error)
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        self._done(pending.day)

    # -- cancelling ------------------------------------------------------------------------------------

    def cancel_booking(self) -> None:
        """Cancel the booking (or the chosen dates of a series) after asking."""
        row = self._row
        if row is None:
            return
        when = _("{date}, {start}–{end}").format(
            date=format_date(row.start, "EEEE d MMMM yyyy"), start=format_time(row.start), end=format_time(row.end)
        )
        try:
            if self.mode is Mode.BOOKING:
                assert row.id is not None
                if messages.confirm(
                    self, _("Cancel the booking of {when}?").format(when=when), yes=_("Cancel booking")
                ):
                    self._services.bookings.cancel_booking(self._actor, row.id)
                    self._done(row.start.date())
                return
            assert self._series is not None and self._occurrence_start is not None
            scope = ask_scope(self, purpose=Purpose.CANCEL, day=row.start.date())
            if scope is None:
                return
            questions = {
                Scope.ONE: _("Cancel only the booking of {when}? The other dates stay booked."),
                Scope.FOLLOWING: _("Cancel the booking of {when} and of every following date?"),
                Scope.ALL: _("Cancel every date of this repeating booking, the past ones too?"),
            }
            if not messages.confirm(self, questions[scope].format(when=when), yes=_("Cancel booking")):
                return
            series_id, occurrence_start = self._series.id, self._occurrence_start
            if scope is Scope.ONE:
                self._services.bookings.cancel_occurrence(self._actor, series_id, occurrence_start)
            elif scope is Scope.FOLLOWING:
                self._services.bookings.cancel_following(self._actor, series_id, occurrence_start)
            else:
                self._services.bookings.cancel_series(self._actor, series_id)
            self._done(row.start.date())
        except PortineriaError as error:
            messages.show_error(self, error.message)

    # -- common ----------------------------------------------------------------------------------------

    def _done(self, day: date) -> None:
        self.saved_day = day
        self.accept()

    def _edited(self) -> None:
        """Something changed: a list of conflicts no longer tells the truth."""
        if self._pending is not None:
            self._pending = None
            self.conflicts.clear()
            self.booking_box.setMinimumWidth(0)
            self.columns.setStretch(0, FORM_STRETCH)
            self.columns.setStretch(1, RIGHT_STRETCH)
            self.conflicts.book_button.setDefault(False)
            self.save_button.setDefault(True)

    def _show_problems(self, error: ValidationError) -> None:
        """The service's messages under the fields; the cursor goes to the first one."""
        problems = [Problem(_FIELD_OF.get(p.field or "", p.field), p.message) for p in error.problems]
        self.errors.show(ValidationError(problems))
        grow_to_fit(self)
        for problem in problems:
            widget = self.repeat if problem.field == "repeat" else self.form.field_widget(problem.field or "")
            if widget is not None:
                widget.setFocus()
                break


def open_new_booking(
    parent: QWidget | None,
    services: Services,
    actor: Actor,
    *,
    room_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> bool:
    """Open the editor for a new booking and wait; True when something was saved."""
    editor = BookingEditor(services=services, actor=actor, room_id=room_id, start=start, end=end, parent=parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return editor.exec() == QDialog.DialogCode.Accepted
