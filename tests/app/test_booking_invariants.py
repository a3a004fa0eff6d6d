"""Whatever the desk does, the calendar stays sound: a state machine of creates, moves and cancels.

Hypothesis plays random sequences of what the desk can do to the calendar of a small house (a
hall with two halves, a kitchen, a closed day): one-off bookings and weekly series created,
moved, changed (one date, this and the following ones, the whole series) and cancelled, every
series created or changed as the booking editor does it, with the dates that conflict left out.
After every step the calendar must hold (issue 4, point 7):
- no two confirmed bookings of one room, or of linked rooms, overlap (half-open spans);
- nothing tentative or confirmed is on the closed day;
- no occurrence of a bounded series ends after the series' ``last_end`` (nor starts before its
  first date), and a moved occurrence belongs to a series still in force;
and a refused step (``ValidationError``) changes nothing at all.

Each example gets its own services on its own SQLite file, a copy of the house built once the way
tests/conftest.py builds it: function-scoped fixtures do not mix with a state machine, and
building the accounts and rooms again for every example would cost a third of the run.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from app.clock import FixedClock
from app.db.schema import open_database
from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft, BookingRow, BookingStatus, SeriesDraft, SeriesRow
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from app.services.rooms import RoomDraft
from tests.conftest import ADMIN_PIN, HOUSE

# The fixed clock says Sunday 22 November 2026, 9:00: the week played with is all in the future,
# so editing a whole series checks every one of its dates (it checks from now on).
MONDAY = datetime(2026, 11, 30)
WEEK = timedelta(days=7)
WINDOW = (MONDAY, MONDAY + 2 * WEEK)  # the week, and the next one that series reach
CLOSED = date(2026, 12, 3)  # a Thursday
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ROOMS = ("hall", "half_a", "half_b", "kitchen")
STATUSES = st.sampled_from([BookingStatus.TENTATIVE, BookingStatus.CONFIRMED])

days = st.integers(min_value=0, max_value=6)  # of the week
starts = st.integers(min_value=0, max_value=26)  # half hours from 8:00 to 21:00
lengths = st.integers(min_value=1, max_value=8)  # half hours: up to 4 h, so some reach past midnight
picks = st.integers(min_value=0, max_value=63)  # which of the rows (or series) there are, modulo their number
NEW_SERIES: dict[str, st.SearchStrategy[Any]] = {  # what a new series is made of
    "room": st.sampled_from(ROOMS),
    "day": days,
    "start": starts,
    "length": st.integers(min_value=1, max_value=6),
    "status": STATUSES,
    "other_day": st.none() | days,
    "ending": st.one_of(
        st.tuples(st.just("COUNT"), st.integers(min_value=1, max_value=4)),
        st.tuples(st.just("UNTIL"), st.integers(min_value=0, max_value=13)),  # the last day
        st.tuples(st.just("NEVER"), st.just(0)),
    ),
    "leave_out_conflicts": st.booleans(),
}
offsets = st.integers(min_value=-4, max_value=4)  # half hours from the start of a row already there


def at(day: int, half_hours: int) -> datetime:
    return MONDAY + timedelta(days=day, hours=8, minutes=30 * half_hours)


@dataclass(frozen=True)
class House:
    """The house every example starts from, saved once in a database file that each one copies."""

    file: Path
    rooms: dict[str, int]
    person: int
    volunteer: Actor  # who works the desk: signed in once, the services read their role from each copy


def build_house(folder: Path) -> House:
    """Accounts, rooms, someone who books and the closed day, as tests/conftest.py builds them."""
    database = open_database(folder / "house.sqlite3", backups_dir=folder / "backups")
    try:
        services = Services.build(database=database, clock=FixedClock())
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        volunteer_id = services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="135790").id
        volunteer = services.accounts.login(volunteer_id, "135790")
        coordinator_id = services.accounts.create_user(admin, name="Teresa", role=Role.COORDINATOR, pin="864209").id
        coordinator = services.accounts.login(coordinator_id, "864209")
        hall = services.rooms.create(coordinator, RoomDraft(name="Salone", capacity=100, hourly_rate_cents=3000)).id
        rooms = {"hall": hall}
        for key, name in (("half_a", "Salone A"), ("half_b", "Salone B")):
            half = RoomDraft(name=name, capacity=50, hourly_rate_cents=1800, parent_id=hall)
            rooms[key] = services.rooms.create(coordinator, half).id
        kitchen = RoomDraft(name="Cucina", capacity=12, hourly_rate_cents=1500)
        rooms["kitchen"] = services.rooms.create(coordinator, kitchen).id
        person = services.people.create(coordinator, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
        services.closures.add(coordinator, CLOSED, reason="Festa della casa")
    finally:
        database.close()
    return House(file=folder / "house.sqlite3", rooms=rooms, person=person, volunteer=volunteer)


class CalendarMachine(RuleBasedStateMachine):
    """The desk at work on one house; the rules pick what to change among the rows it shows."""

    def __init__(self, house: House, folder: Path) -> None:
        super().__init__()
        shutil.copyfile(house.file, folder / "house.sqlite3")
        self.database = open_database(folder / "house.sqlite3", backups_dir=folder / "backups")
        self.services = Services.build(database=self.database, clock=FixedClock())
        self.actor = house.volunteer
        self.rooms = house.rooms
        self.parents = {house.rooms["half_a"]: house.rooms["hall"], house.rooms["half_b"]: house.rooms["hall"]}
        self.person = house.person
        self.series_ids: list[int] = []
        self.calendar: list[BookingRow] | None = None

    def teardown(self) -> None:
        self.database.close()

    # -- reading -----------------------------------------------------------------------------------

    def rows(self) -> list[BookingRow]:
        """The two weeks as the views show them, read once between two steps: the preconditions and
        invariants ask for them many times a step, and the shrinking of a failure replays many steps."""
        if self.calendar is None:
            self.calendar = self.services.bookings.bookings_between(self.actor, *WINDOW)
        return self.calendar

    def booking_id(self, pick: int) -> int | None:
        """One of the one-off bookings and moved occurrences in force, if there is any."""
        ids = [row.id for row in self.rows() if row.id is not None]
        return ids[pick % len(ids)] if ids else None

    def occurrence(self, pick: int) -> tuple[int, datetime] | None:
        """One of the dates of a series in force, moved or not: its series and occurrence start."""
        dates = [
            (row.series_id, row.occurrence_start)
            for row in self.rows()
            if row.series_id is not None and row.occurrence_start is not None
        ]
        return dates[pick % len(dates)] if dates else None

    def next_to(self, near: int, offset: int) -> datetime | None:
        """``offset`` half hours from the start of a row already there, if there is any."""
        there = self.rows()
        return there[near % len(there)].start + timedelta(minutes=30 * offset) if there else None

    def snapshot(self) -> tuple[list[BookingRow], list[SeriesRow]]:
        """Everything a step could change: the calendar, cancelled rows included, and every series."""
        bookings = self.services.bookings
        return (
            bookings.bookings_between(self.actor, *WINDOW, include_cancelled=True),
            [bookings.series(self.actor, series_id) for series_id in self.series_ids],
        )

    def attempt(self, name: str, action: Callable[[], object]) -> bool:
        """Do ``action``; a refusal is fine but must leave everything as it was."""
        before = self.snapshot()
        self.calendar = None
        try:
            action()
        except ValidationError:
            event(f"{name}: refused")
            assert self.snapshot() == before, f"the refused {name} changed the calendar"
            return False
        event(f"{name}: done")
        return True

    def draft(self, room: str, start: datetime, end: datetime, status: BookingStatus) -> BookingDraft:
        return BookingDraft(
            room_id=self.rooms[room], start=start, end=end, person_id=self.person, purpose="Riunione", status=status
        )

    def series_draft(self, series: SeriesRow, dtstart: datetime, minutes: int, status: BookingStatus) -> SeriesDraft:
        """``series`` at a new time, its rule exactly as stored: what the editor sends."""
        return SeriesDraft(
            room_id=series.room_id,
            dtstart=dtstart,
            duration_minutes=minutes,
            rrule=series.rrule,
            person_id=series.person_id,
            organisation_id=series.organisation_id,
            purpose=series.purpose,
            people_count=series.people_count,
            status=status,
            price_cents=series.price_cents if series.price_overridden else None,
            notes=series.notes,
        )

    # -- a calendar to start from -------------------------------------------------------------------
    # Most rules change what is there: with some bookings and a series from the start, fewer steps
    # go by with nothing to change.

    @initialize(
        seeds=st.lists(st.tuples(st.sampled_from(ROOMS), days, starts, lengths, STATUSES), min_size=1, max_size=4)
    )
    def some_bookings(self, seeds: list[tuple[str, int, int, int, BookingStatus]]) -> None:
        for room, day, start, length, status in seeds:
            self.create_booking(room, day, start, length, status)

    @initialize(**NEW_SERIES)
    def a_series(
        self,
        room: str,
        day: int,
        start: int,
        length: int,
        status: BookingStatus,
        other_day: int | None,
        ending: tuple[str, int],
        leave_out_conflicts: bool,
    ) -> None:
        self.create_series(room, day, start, length, status, other_day, ending, leave_out_conflicts)

    # -- one-off bookings --------------------------------------------------------------------------
    # No rule has a precondition: a rule with nothing to act on does nothing. Preconditions that
    # read the calendar make Hypothesis choose among different rules as the calendar changes,
    # which leaves a failure to shrink for minutes instead of seconds.

    @rule(room=st.sampled_from(ROOMS), day=days, start=starts, length=lengths, status=STATUSES)
    def create_booking(self, room: str, day: int, start: int, length: int, status: BookingStatus) -> None:
        begin = at(day, start)
        draft = self.draft(room, begin, begin + timedelta(minutes=30 * length), status)
        self.attempt("create_booking", lambda: self.services.bookings.create_booking(self.actor, draft))

    @rule(pick=picks, day=days, start=starts, length=lengths)
    def move_booking(self, pick: int, day: int, start: int, length: int) -> None:
        booking_id = self.booking_id(pick)
        if booking_id is not None:
            begin = at(day, start)
            end = begin + timedelta(minutes=30 * length)
            self.attempt(
                "move_booking", lambda: self.services.bookings.move_booking(self.actor, booking_id, begin, end)
            )

    @rule(pick=picks, room=st.sampled_from(ROOMS), day=days, start=starts, length=lengths, status=STATUSES)
    def update_booking(self, pick: int, room: str, day: int, start: int, length: int, status: BookingStatus) -> None:
        booking_id = self.booking_id(pick)
        if booking_id is not None:
            begin = at(day, start)
            draft = self.draft(room, begin, begin + timedelta(minutes=30 * length), status)
            self.attempt("update_booking", lambda: self.services.bookings.update_booking(self.actor, booking_id, draft))

    @rule(pick=picks)
    def cancel_booking(self, pick: int) -> None:
        booking_id = self.booking_id(pick)
        if booking_id is not None:
            self.attempt("cancel_booking", lambda: self.services.bookings.cancel_booking(self.actor, booking_id))

    # Aimed at what is already there, so that conflicts and touching bookings come up often.

    @rule(near=picks, room=st.sampled_from(ROOMS), offset=offsets, length=lengths, status=STATUSES)
    def create_booking_next_to(self, near: int, room: str, offset: int, length: int, status: BookingStatus) -> None:
        begin = self.next_to(near, offset)
        if begin is not None:
            draft = self.draft(room, begin, begin + timedelta(minutes=30 * length), status)
            self.attempt("create_booking_next_to", lambda: self.services.bookings.create_booking(self.actor, draft))

    @rule(pick=picks, near=picks, offset=offsets, length=lengths)
    def move_booking_next_to(self, pick: int, near: int, offset: int, length: int) -> None:
        booking_id, begin = self.booking_id(pick), self.next_to(near, offset)
        if booking_id is not None and begin is not None:
            end = begin + timedelta(minutes=30 * length)
            self.attempt(
                "move_booking_next_to",
                lambda: self.services.bookings.move_booking(self.actor, booking_id, begin, end),
            )

    # -- series ------------------------------------------------------------------------------------

    @rule(**NEW_SERIES)
    def create_series(
        self,
        room: str,
        day: int,
        start: int,
        length: int,
        status: BookingStatus,
        other_day: int | None,
        ending: tuple[str, int],
        leave_out_conflicts: bool,
    ) -> None:
        weekdays = sorted({day, day if other_day is None else other_day})
        rule_text = "FREQ=WEEKLY;BYDAY=" + ",".join(WEEKDAYS[weekday] for weekday in weekdays)
        kind, value = ending
        if kind == "COUNT":
            rule_text += f";COUNT={value}"
        elif kind == "UNTIL":  # as the editor writes it: the last day, to its last second
            last_day = MONDAY.date() + timedelta(days=max(day, value))
            rule_text += ";UNTIL=" + datetime.combine(last_day, time(23, 59, 59)).strftime("%Y%m%dT%H%M%S")
        draft = SeriesDraft(
            room_id=self.rooms[room],
            dtstart=at(day, start),
            duration_minutes=30 * length,
            rrule=rule_text,
            person_id=self.person,
            purpose="Corso",
            status=status,
        )
        bookings = self.services.bookings

        def create() -> None:
            found = draft
            if leave_out_conflicts:  # as the editor does: book the dates that are free
                preview = bookings.preview_series(self.actor, draft)
                found = replace(draft, exdates=tuple(c.occurrence_start for c in preview.conflicts))
            self.series_ids.append(bookings.create_series(self.actor, found))

        self.attempt("create_series", create)

    @rule(pick=picks, day=days, start=starts, length=lengths)
    def move_occurrence(self, pick: int, day: int, start: int, length: int) -> None:
        found = self.occurrence(pick)
        if found is not None:
            series_id, occurrence_start = found
            begin = at(day, start)
            end = begin + timedelta(minutes=30 * length)
            self.attempt(
                "move_occurrence",
                lambda: self.services.bookings.move_occurrence(self.actor, series_id, occurrence_start, begin, end),
            )

    @rule(pick=picks, room=st.sampled_from(ROOMS), day=days, start=starts, length=lengths, status=STATUSES)
    def update_occurrence(self, pick: int, room: str, day: int, start: int, length: int, status: BookingStatus) -> None:
        found = self.occurrence(pick)
        if found is not None:
            series_id, occurrence_start = found
            begin = at(day, start)
            draft = self.draft(room, begin, begin + timedelta(minutes=30 * length), status)
            self.attempt(
                "update_occurrence",
                lambda: self.services.bookings.update_occurrence(self.actor, series_id, occurrence_start, draft),
            )

    @rule(pick=picks)
    def cancel_occurrence(self, pick: int) -> None:
        found = self.occurrence(pick)
        if found is not None:
            series_id, occurrence_start = found
            self.attempt(
                "cancel_occurrence",
                lambda: self.services.bookings.cancel_occurrence(self.actor, series_id, occurrence_start),
            )

    @rule(pick=picks)
    def cancel_following(self, pick: int) -> None:
        found = self.occurrence(pick)
        if found is not None:
            series_id, occurrence_start = found
            self.attempt(
                "cancel_following",
                lambda: self.services.bookings.cancel_following(self.actor, series_id, occurrence_start),
            )

    @rule(pick=picks)
    def cancel_series(self, pick: int) -> None:
        if self.series_ids:
            series_id = self.series_ids[pick % len(self.series_ids)]
            self.attempt("cancel_series", lambda: self.services.bookings.cancel_series(self.actor, series_id))

    @rule(
        pick=picks,
        start=starts,
        length=st.integers(min_value=1, max_value=6),
        status=STATUSES,
        leave_out_conflicts=st.booleans(),
    )
    def update_following(
        self, pick: int, start: int, length: int, status: BookingStatus, leave_out_conflicts: bool
    ) -> None:
        found = self.occurrence(pick)
        if found is None:
            return
        series_id, occurrence_start = found
        bookings = self.services.bookings
        series = bookings.series(self.actor, series_id)
        # The chosen day at a new time: the editor starts the following ones on the day shown.
        dtstart = datetime.combine(occurrence_start.date(), at(0, start).time())
        draft = self.series_draft(series, dtstart, 30 * length, status)

        def update() -> None:
            changed = draft
            if leave_out_conflicts:
                preview = bookings.preview_following_update(self.actor, series_id, occurrence_start, draft)
                changed = replace(draft, exdates=tuple(c.occurrence_start for c in preview.conflicts))
            new_id = bookings.update_following(self.actor, series_id, occurrence_start, changed)
            if new_id not in self.series_ids:
                self.series_ids.append(new_id)

        self.attempt("update_following", update)

    @rule(
        pick=picks,
        start=starts,
        length=st.integers(min_value=1, max_value=6),
        status=STATUSES,
        leave_out_conflicts=st.booleans(),
    )
    def update_series(
        self, pick: int, start: int, length: int, status: BookingStatus, leave_out_conflicts: bool
    ) -> None:
        if not self.series_ids:
            return
        series_id = self.series_ids[pick % len(self.series_ids)]
        bookings = self.services.bookings
        series = bookings.series(self.actor, series_id)
        # The whole series keeps its first day, at the new time, as the editor sends it.
        dtstart = datetime.combine(series.dtstart.date(), at(0, start).time())
        draft = self.series_draft(series, dtstart, 30 * length, status)

        def update() -> None:
            changed = draft
            if leave_out_conflicts:
                preview = bookings.preview_series_update(self.actor, series_id, draft)
                changed = replace(draft, exdates=tuple(c.occurrence_start for c in preview.conflicts))
            bookings.update_series(self.actor, series_id, changed)

        self.attempt("update_series", update)

    # -- what always holds -------------------------------------------------------------------------

    @invariant()
    def no_confirmed_bookings_of_linked_rooms_overlap(self) -> None:
        confirmed = [row for row in self.rows() if row.status is BookingStatus.CONFIRMED]
        for one, other in combinations(confirmed, 2):
            linked = (
                one.room_id == other.room_id
                or self.parents.get(one.room_id) == other.room_id
                or self.parents.get(other.room_id) == one.room_id
            )
            assert not (linked and one.start < other.end and other.start < one.end), (one, other)

    @invariant()
    def nothing_on_the_closed_day(self) -> None:
        opens, closes = datetime.combine(CLOSED, time()), datetime.combine(CLOSED + timedelta(days=1), time())
        on_it = [row for row in self.rows() if row.start < closes and row.end > opens]
        assert not on_it, on_it

    @invariant()
    def occurrences_keep_within_their_series(self) -> None:
        series: dict[int, SeriesRow] = {}
        for row in self.rows():
            if row.series_id is None:
                continue
            if row.series_id not in series:
                series[row.series_id] = self.services.bookings.series(self.actor, row.series_id)
            owner = series[row.series_id]
            assert row.occurrence_start is not None, row
            duration = timedelta(minutes=owner.duration_minutes)
            if row.id is None:  # an occurrence of the rule
                assert (row.start, row.end) == (row.occurrence_start, row.occurrence_start + duration), row
            else:  # a moved one: a booking of its own, whose date still belongs to a series in force
                assert owner.status is not BookingStatus.CANCELLED, (row, owner)
            assert row.occurrence_start >= owner.dtstart, (row, owner)
            if owner.last_end is not None:
                assert row.occurrence_start + duration <= owner.last_end, (row, owner)


def test_no_sequence_of_creates_moves_and_cancels_breaks_the_calendar(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    house = build_house(tmp_path / "house")
    runs = iter(range(1_000_000))

    class OneHouse(CalendarMachine):
        """The machine on a copy of this test's house, in a folder of its own."""

        def __init__(self) -> None:
            folder = tmp_path / f"run{next(runs)}"
            folder.mkdir()
            super().__init__(house, folder)

    run_state_machine_as_test(OneHouse, settings=settings(max_examples=30, stateful_step_count=18, deadline=None))
