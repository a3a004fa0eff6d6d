"""Every service operation, called by a volunteer, a coordinator and an admin, against docs/permissions.md.

Each role gets a fresh house (rooms, people, a workshop, tools, payments made by an admin) in its
own database. For every public method of every service in ``Services`` a recipe below builds the
smallest valid arguments (anything the call needs is made first by the admin) and calls it as the
role. ``PermissionDenied`` means "no", a normal return means "yes"; any other error means the
recipe is wrong, so the admin's run must succeed everywhere. The outcome must match the table in
the docs, and a method found in no table row fails the test with a message saying to add it.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import re
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.db.schema import open_database
from app.errors import LoginRefused, PermissionDenied
from app.services import Services
from app.services.accounts import LOCK_AFTER
from app.services.attendance import AttendanceChange
from app.services.booking_types import BookingDraft, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.cash_rules import StampDutyMode
from app.services.cash_settings import CategoryDraft
from app.services.closures import ProposedHoliday
from app.services.dropin import DropInDraft
from app.services.house import DeskSettings
from app.services.opening_hours import OpeningSpan
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from app.services.rooms import RoomDraft
from app.services.tool_rules import ToolStatus
from app.services.tools import ToolDraft
from app.services.visits import VisitDraft
from app.services.workshop_sessions import SessionPlan
from app.services.workshops import WorkshopDraft
from tests.conftest import ADMIN_PIN, HOUSE

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ROLES = (Role.VOLUNTEER, Role.COORDINATOR, Role.ADMIN)
PINS = {Role.ADMIN: ADMIN_PIN, Role.COORDINATOR: "864209", Role.VOLUNTEER: "135790"}
NO_ACTOR = "no sign-in"
"""The table's word for operations that take no acting user (the login screen, pure helpers)."""


class Desk:
    """One role's fresh house; ``make_*`` build, as the admin, what a recipe needs."""

    def __init__(self, tmp: Path, role: Role) -> None:
        self.tmp = tmp
        self.clock = FixedClock()
        self.database = open_database(tmp / "house.sqlite3", backups_dir=tmp / "backups")
        self.s = Services.build(database=self.database, clock=self.clock)
        self.admin = self.s.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        if role is Role.ADMIN:
            self.actor = self.admin
        else:
            row = self.s.accounts.create_user(self.admin, name=role.code.title(), role=role, pin=PINS[role])
            self.actor = self.s.accounts.login(row.id, PINS[role])
        self._counter = itertools.count(1)
        # An income of the house's own (not a built-in one such as deposits), for plain payments.
        self.category = self.s.cash_settings.add_category(self.admin, CategoryDraft(name="Offerte libere")).id
        # A little of everything, as a house has: the lists below are not empty.
        self.make_booking()
        self.make_payment()
        self.make_loan()

    def n(self) -> int:
        return next(self._counter)

    # -- makers (as the admin) ------------------------------------------------------------------------

    def make_person(self) -> int:
        return self.s.people.create(self.admin, PersonDraft(given_name="Ana", family_name=f"Rossi{self.n()}")).id

    def make_organisation(self) -> int:
        return self.s.organisations.create(self.admin, OrganisationDraft(name=f"Filo e Ago {self.n()}")).id

    def make_room(self) -> int:
        return self.s.rooms.create(self.admin, RoomDraft(name=f"Sala {self.n()}", capacity=20)).id

    def slot(self) -> tuple[datetime, datetime]:
        start = datetime(2026, 12, 1, 10, 0) + timedelta(days=self.n())
        return start, start + timedelta(hours=2)

    def booking_draft(self, room: int | None = None) -> BookingDraft:
        start, end = self.slot()
        return BookingDraft(room_id=room or self.make_room(), start=start, end=end, person_id=self.make_person())

    def make_booking(self) -> int:
        return self.s.bookings.create_booking(self.admin, self.booking_draft()).id

    def series_draft(self, room: int | None = None) -> SeriesDraft:
        start, _end = self.slot()
        return SeriesDraft(
            room_id=room or self.make_room(),
            dtstart=start,
            duration_minutes=60,
            rrule="FREQ=WEEKLY;COUNT=4",
            person_id=self.make_person(),
        )

    def make_series(self) -> tuple[int, datetime]:
        """A weekly series of four, and the start of its second occurrence."""
        draft = self.series_draft()
        return self.s.bookings.create_series(self.admin, draft), draft.dtstart + timedelta(weeks=1)

    def workshop_draft(self) -> WorkshopDraft:
        return WorkshopDraft(
            title=f"Sartoria {self.n()}",
            facilitator_id=self.make_person(),
            room_id=self.make_room(),
            capacity=5,
            fee_cents=0,
        )

    def make_workshop(self) -> int:
        return self.s.workshops.create(self.admin, self.workshop_draft()).id

    def plan(self) -> SessionPlan:
        start, _end = self.slot()
        return SessionPlan(first_start=start, duration_minutes=60, rrule="FREQ=WEEKLY;COUNT=2")

    def make_session(self) -> tuple[int, int]:
        """A workshop's first session, later today (the register is marked from its day on), and a
        person enrolled in it; each workshop has a room of its own, so they never clash."""
        workshop = self.make_workshop()
        plan = SessionPlan(first_start=datetime(2026, 11, 22, 18, 0), duration_minutes=60, rrule="FREQ=WEEKLY;COUNT=2")
        sessions = self.s.workshop_sessions.create(self.admin, workshop, plan)
        person = self.make_person()
        self.s.enrolments.enrol(self.admin, workshop, person)
        return sessions[0].id, person

    def make_session_and_people(self) -> tuple[int, list[int]]:
        session, person = self.make_session()
        return session, [person]

    def make_enrolment(self) -> int:
        return self.s.enrolments.enrol(self.admin, self.make_workshop(), self.make_person()).id

    def make_tool(self) -> int:
        draft = ToolDraft(name=f"Trapano {self.n()}", category="Trapani", deposit_cents=0, loan_days=7)
        return self.s.tools.create(self.admin, draft).id

    def make_loan(self) -> int:
        result = self.s.loans.lend(self.admin, self.make_tool(), self.make_person(), components_confirmed=True)
        return result.loan.row.id

    def make_reservation(self) -> int:
        day = date(2027, 1, 10) + timedelta(days=self.n())
        row = self.s.tool_reservations.reserve(self.admin, self.make_tool(), self.make_person(), day, day)
        return row.id

    def payment_draft(self) -> PaymentDraft:
        return PaymentDraft(amount_cents=500, category_id=self.category, payer_person_id=self.make_person())

    def make_payment(self) -> int:
        return self.s.cash.record_payment(self.admin, self.payment_draft()).row.id

    def make_receipt(self) -> int:
        receipt = self.s.cash.record_payment(self.admin, self.payment_draft()).receipt
        assert receipt is not None
        return receipt.id

    def make_user(self) -> int:
        return self.s.accounts.create_user(self.admin, name=f"Luca {self.n()}", role=Role.VOLUNTEER, pin="570913").id

    def make_locked_user(self) -> int:
        user = self.make_user()
        for _attempt in range(LOCK_AFTER):
            with pytest.raises(LoginRefused) as caught:
                self.s.accounts.login(user, "918273")
            self.clock.advance(seconds=caught.value.wait_seconds)
        return user

    def make_dropin(self) -> int:
        return self.s.dropin.create(self.admin, DropInDraft(name=f"Docce {self.n()}")).id

    def make_ics(self) -> Path:
        path = self.tmp / f"export{self.n()}.ics"
        room = self.make_room()
        self.s.bookings.create_booking(self.admin, self.booking_draft(room))
        self.s.calendars.export_ics(self.admin, path, start=date(2026, 11, 1), end=date(2027, 12, 31), room_ids=[room])
        return path


Recipe = Callable[[Desk, Actor], object]
TODAY = date(2026, 11, 22)


def _import_ics(d: Desk, a: Actor) -> object:
    return d.s.calendars.import_ics(a, d.make_ics(), room_id=d.make_room(), person_id=d.make_person())


def _attendance_undo(d: Desk, a: Actor) -> object:
    session, person = d.make_session()
    change: AttendanceChange = d.s.attendance.mark(d.admin, session, [person])
    return d.s.attendance.undo(a, change)


def _visits_between(d: Desk, a: Actor) -> object:
    d.s.visits.record(d.admin, VisitDraft(service_id=d.make_dropin()))
    today = datetime.combine(TODAY, time())
    return d.s.visits.between(a, today, today + timedelta(days=1))


def _update_user(d: Desk, a: Actor) -> object:
    user = d.make_user()
    return d.s.accounts.update_user(a, user, name=f"Luca {d.n()}", role=Role.VOLUNTEER, active=True)


def _update_category(d: Desk, a: Actor) -> object:
    row = d.s.cash_settings.add_category(d.admin, CategoryDraft(name=f"Voce {d.n()}"))
    return d.s.cash_settings.update_category(a, row.id, CategoryDraft(name=f"Voce {d.n()}"))


def _return_tool(d: Desk, a: Actor) -> object:
    return d.s.loans.return_tool(a, loan_id=d.make_loan(), components_ok=True)


RECIPES: dict[str, Recipe] = {
    # house
    "house.update_desk_settings": lambda d, a: d.s.house.update_desk_settings(a, DeskSettings()),
    "house.update_details": lambda d, a: d.s.house.update_details(a, HOUSE),
    "house.logo": lambda d, a: d.s.house.logo(a),
    "house.set_logo": lambda d, a: d.s.house.set_logo(a, None),
    # accounts
    "accounts.check_pin": lambda d, a: d.s.accounts.check_pin(a, PINS[a.role]),
    "accounts.create_user": lambda d, a: d.s.accounts.create_user(
        a, name=f"Nuovo {d.n()}", role=Role.VOLUNTEER, pin="570913"
    ),
    "accounts.set_pin": lambda d, a: d.s.accounts.set_pin(a, d.make_user(), pin="570913", pin_again="570913"),
    "accounts.unlock": lambda d, a: d.s.accounts.unlock(a, d.make_locked_user()),
    "accounts.update_user": _update_user,
    "accounts.users": lambda d, a: d.s.accounts.users(a),
    # audit
    "audit.count": lambda d, a: d.s.audit.count(a),
    "audit.entry_ids": lambda d, a: d.s.audit.entry_ids(a, text="Giulia"),
    "audit.rows": lambda d, a: d.s.audit.rows(a, [1, 2]),
    "audit.users": lambda d, a: d.s.audit.users(a),
    # people
    "people.count": lambda d, a: d.s.people.count(a),
    "people.create": lambda d, a: d.s.people.create(a, PersonDraft(given_name="Mario", family_name=f"Bianchi{d.n()}")),
    "people.get": lambda d, a: d.s.people.get(a, d.make_person()),
    "people.lookalikes": lambda d, a: d.s.people.lookalikes(a, PersonDraft(given_name="Ana", family_name="Rossi1")),
    "people.rows": lambda d, a: d.s.people.rows(a, [d.make_person()]),
    "people.search": lambda d, a: d.s.people.search(a, "rossi"),
    "people.search_ids": lambda d, a: d.s.people.search_ids(a, "rossi"),
    "people.update": lambda d, a: d.s.people.update(
        a, d.make_person(), PersonDraft(given_name="Ana", family_name=f"Verdi{d.n()}")
    ),
    # organisations
    "organisations.create": lambda d, a: d.s.organisations.create(a, OrganisationDraft(name=f"Gruppo {d.n()}")),
    "organisations.get": lambda d, a: d.s.organisations.get(a, d.make_organisation()),
    "organisations.rows": lambda d, a: d.s.organisations.rows(a, [d.make_organisation()]),
    "organisations.search_ids": lambda d, a: d.s.organisations.search_ids(a, "filo"),
    "organisations.update": lambda d, a: d.s.organisations.update(
        a, d.make_organisation(), OrganisationDraft(name=f"Gruppo {d.n()}")
    ),
    # cash
    "cash.balance": lambda d, a: d.s.cash.balance(a, person_id=d.make_person()),
    "cash.payment": lambda d, a: d.s.cash.payment(a, d.make_payment()),
    "cash.payment_ids": lambda d, a: d.s.cash.payment_ids(a, day=TODAY),
    "cash.payment_rows": lambda d, a: d.s.cash.payment_rows(a, [d.make_payment()]),
    "cash.record_payment": lambda d, a: d.s.cash.record_payment(a, d.payment_draft()),
    "cash_settings.add_category": lambda d, a: d.s.cash_settings.add_category(a, CategoryDraft(name=f"Voce {d.n()}")),
    "cash_settings.categories": lambda d, a: d.s.cash_settings.categories(a),
    "cash_settings.set_stamp_duty_mode": lambda d, a: d.s.cash_settings.set_stamp_duty_mode(a, StampDutyMode.APPLY),
    "cash_settings.update_category": _update_category,
    "receipts.cancel": lambda d, a: d.s.receipts.cancel(a, d.make_receipt(), "importo sbagliato"),
    "receipts.export_csv": lambda d, a: d.s.receipts.export_csv(a, TODAY, TODAY, d.tmp / f"r{d.n()}.csv"),
    "receipts.get": lambda d, a: d.s.receipts.get(a, d.make_receipt()),
    "receipts.reprint": lambda d, a: d.s.receipts.reprint(a, d.make_receipt()),
    "receipts.rows": lambda d, a: d.s.receipts.rows(a, [d.make_receipt()]),
    "receipts.search_ids": lambda d, a: d.s.receipts.search_ids(a, query="rossi"),
    "memberships.of_person": lambda d, a: d.s.memberships.of_person(a, d.make_person()),
    "memberships.sell": lambda d, a: d.s.memberships.sell(a, d.make_person(), 2026, 1000),
    "cash_closings.close": lambda d, a: d.s.cash_closings.close(a, TODAY - timedelta(days=30), None, 0, 0),
    "cash_closings.closing": lambda d, a: d.s.cash_closings.closing(a, TODAY),
    "cash_closings.summary": lambda d, a: d.s.cash_closings.summary(a, TODAY),
    # rooms and closures
    "rooms.create": lambda d, a: d.s.rooms.create(a, RoomDraft(name=f"Aula {d.n()}", capacity=10)),
    "rooms.find": lambda d, a: d.s.rooms.find(a, "Sala 1"),
    "rooms.get": lambda d, a: d.s.rooms.get(a, d.make_room()),
    "rooms.rooms": lambda d, a: d.s.rooms.rooms(a),
    "rooms.opening_hours": lambda d, a: d.s.rooms.opening_hours(a, d.make_room()),
    "rooms.all_opening_hours": lambda d, a: d.s.rooms.all_opening_hours(a),
    "rooms.set_opening_hours": lambda d, a: d.s.rooms.set_opening_hours(
        a, d.make_room(), [OpeningSpan(weekday=0, opens=time(9, 0), closes=time(13, 0))]
    ),
    "rooms.update": lambda d, a: d.s.rooms.update(a, d.make_room(), RoomDraft(name=f"Aula {d.n()}", capacity=10)),
    "closures.accept_holidays": lambda d, a: d.s.closures.accept_holidays(
        a, [ProposedHoliday(day=date(2030, 8, 15), name="Ferragosto", already_closed=False)]
    ),
    "closures.add": lambda d, a: d.s.closures.add(a, date(2031, 1, 1) + timedelta(days=d.n()), reason="lavori"),
    "closures.bookings_in": lambda d, a: d.s.closures.bookings_in(a, date(2026, 12, 1), date(2026, 12, 31)),
    "closures.closures": lambda d, a: d.s.closures.closures(a, date(2026, 1, 1), date(2031, 12, 31)),
    "closures.propose_holidays": lambda d, a: d.s.closures.propose_holidays(a, 2030),
    "closures.remove": lambda d, a: d.s.closures.remove(
        a, d.s.closures.add(d.admin, date(2032, 1, 1) + timedelta(days=d.n()), reason="lavori").id
    ),
    # bookings
    "bookings.bookings_between": lambda d, a: d.s.bookings.bookings_between(
        a, datetime(2026, 12, 1), datetime(2027, 1, 1)
    ),
    "bookings.cancel_booking": lambda d, a: d.s.bookings.cancel_booking(a, d.make_booking()),
    "bookings.cancel_following": lambda d, a: d.s.bookings.cancel_following(a, *d.make_series()),
    "bookings.cancel_occurrence": lambda d, a: d.s.bookings.cancel_occurrence(a, *d.make_series()),
    "bookings.cancel_series": lambda d, a: d.s.bookings.cancel_series(a, d.make_series()[0]),
    "bookings.conflicts": lambda d, a: d.s.bookings.conflicts(a, d.make_room(), *d.slot()),
    "bookings.create_booking": lambda d, a: d.s.bookings.create_booking(a, d.booking_draft()),
    "bookings.create_series": lambda d, a: d.s.bookings.create_series(a, d.series_draft()),
    "bookings.free_rooms": lambda d, a: d.s.bookings.free_rooms(a, *d.slot()),
    "bookings.get": lambda d, a: d.s.bookings.get(a, d.make_booking()),
    "bookings.move_booking": lambda d, a: d.s.bookings.move_booking(a, d.make_booking(), *d.slot()),
    "bookings.move_occurrence": lambda d, a: d.s.bookings.move_occurrence(
        a, *d.make_series(), datetime(2028, 1, 5, 10, 0), datetime(2028, 1, 5, 11, 0)
    ),
    "bookings.occurrence": lambda d, a: d.s.bookings.occurrence(a, *d.make_series()),
    "bookings.paid_status": lambda d, a: d.s.bookings.paid_status(a, d.make_booking()),
    "bookings.paid_statuses": lambda d, a: d.s.bookings.paid_statuses(a, [d.make_booking()], [d.make_series()[0]]),
    "bookings.preview_following_update": lambda d, a: _series_change(d, a, "preview_following_update"),
    "bookings.preview_series": lambda d, a: d.s.bookings.preview_series(a, d.series_draft()),
    "bookings.preview_series_update": lambda d, a: _series_change(d, a, "preview_series_update"),
    "bookings.price_quote": lambda d, a: d.s.bookings.price_quote(a, d.make_room(), 60),
    "bookings.series": lambda d, a: d.s.bookings.series(a, d.make_series()[0]),
    "bookings.series_paid_status": lambda d, a: d.s.bookings.series_paid_status(a, d.make_series()[0]),
    "bookings.update_booking": lambda d, a: _update_booking(d, a),
    "bookings.update_following": lambda d, a: _series_change(d, a, "update_following"),
    "bookings.update_occurrence": lambda d, a: _update_occurrence(d, a),
    "bookings.update_series": lambda d, a: _series_change(d, a, "update_series"),
    "calendars.calendar": lambda d, a: d.s.calendars.calendar(a, start=date(2026, 12, 1), end=date(2026, 12, 31)),
    "calendars.export_ics": lambda d, a: d.s.calendars.export_ics(
        a, d.tmp / f"c{d.n()}.ics", start=date(2026, 12, 1), end=date(2026, 12, 31)
    ),
    "calendars.import_ics": _import_ics,
    # workshops
    "workshops.create": lambda d, a: d.s.workshops.create(a, d.workshop_draft()),
    "workshops.get": lambda d, a: d.s.workshops.get(a, d.make_workshop()),
    "workshops.rows": lambda d, a: d.s.workshops.rows(a, [d.make_workshop()]),
    "workshops.update": lambda d, a: d.s.workshops.update(a, d.make_workshop(), d.workshop_draft()),
    "workshops.workshop_ids": lambda d, a: d.s.workshops.workshop_ids(a),
    "workshop_sessions.cancel": lambda d, a: d.s.workshop_sessions.cancel(a, d.make_session()[0]),
    "workshop_sessions.create": lambda d, a: d.s.workshop_sessions.create(a, d.make_workshop(), d.plan()),
    "workshop_sessions.move": lambda d, a: d.s.workshop_sessions.move(a, d.make_session()[0], *d.slot()),
    "workshop_sessions.preview": lambda d, a: d.s.workshop_sessions.preview(a, d.make_workshop(), d.plan()),
    "workshop_sessions.session": lambda d, a: d.s.workshop_sessions.session(a, d.make_session()[0]),
    "workshop_sessions.sessions": lambda d, a: d.s.workshop_sessions.sessions(a, d.make_workshop()),
    "workshop_sessions.sessions_between": lambda d, a: d.s.workshop_sessions.sessions_between(
        a, datetime(2026, 12, 1), datetime(2027, 1, 1)
    ),
    "enrolments.enrol": lambda d, a: d.s.enrolments.enrol(a, d.make_workshop(), d.make_person()),
    "enrolments.enrolments": lambda d, a: d.s.enrolments.enrolments(a, d.make_workshop()),
    "enrolments.get": lambda d, a: d.s.enrolments.get(a, d.make_enrolment()),
    "enrolments.of_person": lambda d, a: d.s.enrolments.of_person(a, d.make_person()),
    "enrolments.paid_status": lambda d, a: d.s.enrolments.paid_status(a, d.make_enrolment()),
    "enrolments.withdraw": lambda d, a: d.s.enrolments.withdraw(a, d.make_enrolment()),
    "attendance.all_present": lambda d, a: d.s.attendance.all_present(a, d.make_session()[0]),
    "attendance.history": lambda d, a: d.s.attendance.history(a, d.make_person()),
    "attendance.hours": lambda d, a: d.s.attendance.hours(a, d.make_workshop()),
    "attendance.mark": lambda d, a: d.s.attendance.mark(a, *d.make_session_and_people()),
    "attendance.person_hours": lambda d, a: d.s.attendance.person_hours(a, d.make_person()),
    "attendance.present_counts": lambda d, a: d.s.attendance.present_counts(a, [d.make_session()[0]]),
    "attendance.register": lambda d, a: d.s.attendance.register(a, d.make_session()[0]),
    "attendance.undo": _attendance_undo,
    # drop-in services and visits
    "dropin.create": lambda d, a: d.s.dropin.create(a, DropInDraft(name=f"Sportello {d.n()}")),
    "dropin.get": lambda d, a: d.s.dropin.get(a, d.make_dropin()),
    "dropin.services": lambda d, a: d.s.dropin.services(a),
    "dropin.update": lambda d, a: d.s.dropin.update(a, d.make_dropin(), DropInDraft(name=f"Sportello {d.n()}")),
    "visits.between": _visits_between,
    "visits.counts": lambda d, a: d.s.visits.counts(a, TODAY),
    "visits.record": lambda d, a: d.s.visits.record(a, VisitDraft(service_id=d.make_dropin())),
    "visits.undo": lambda d, a: d.s.visits.undo(
        a, d.s.visits.record(d.admin, VisitDraft(service_id=d.make_dropin())).id
    ),
    # tool library
    "tools.categories": lambda d, a: d.s.tools.categories(a),
    "tools.create": lambda d, a: d.s.tools.create(a, ToolDraft(name=f"Scala {d.n()}", category="Scale")),
    "tools.get": lambda d, a: d.s.tools.get(a, d.make_tool()),
    "tools.history": lambda d, a: d.s.tools.history(a, d.make_tool()),
    "tools.photo": lambda d, a: d.s.tools.photo(a, d.make_tool()),
    "tools.propose_code": lambda d, a: d.s.tools.propose_code(a, "Scale"),
    "tools.rows": lambda d, a: d.s.tools.rows(a, [d.make_tool()]),
    "tools.set_photo": lambda d, a: d.s.tools.set_photo(a, d.make_tool(), None),
    "tools.set_status": lambda d, a: d.s.tools.set_status(a, d.make_tool(), ToolStatus.IN_REPAIR, "manico rotto"),
    "tools.tool_ids": lambda d, a: d.s.tools.tool_ids(a),
    "tools.update": lambda d, a: d.s.tools.update(
        a, d.make_tool(), ToolDraft(name=f"Trapano {d.n()}", category="Trapani", loan_days=7)
    ),
    "loans.current": lambda d, a: d.s.loans.current(a),
    "loans.due_today": lambda d, a: d.s.loans.due_today(a),
    "loans.extend": lambda d, a: d.s.loans.extend(a, d.make_loan(), days=3),
    "loans.get": lambda d, a: d.s.loans.get(a, d.make_loan()),
    "loans.lend": lambda d, a: d.s.loans.lend(a, d.make_tool(), d.make_person(), components_confirmed=True),
    "loans.overdue_warnings": lambda d, a: d.s.loans.overdue_warnings(a, d.make_person()),
    "loans.of_person": lambda d, a: d.s.loans.of_person(a, d.make_person()),
    "loans.of_tool": lambda d, a: d.s.loans.of_tool(a, d.make_tool()),
    "loans.open_loan_of_tool": lambda d, a: d.s.loans.open_loan_of_tool(a, d.make_tool()),
    "loans.overdue": lambda d, a: d.s.loans.overdue(a),
    "loans.return_tool": _return_tool,
    "tool_reservations.cancel": lambda d, a: d.s.tool_reservations.cancel(a, d.make_reservation()),
    "tool_reservations.of_person": lambda d, a: d.s.tool_reservations.of_person(a, d.make_person()),
    "tool_reservations.of_tool": lambda d, a: d.s.tool_reservations.of_tool(a, d.make_tool()),
    "tool_reservations.reserve": lambda d, a: d.s.tool_reservations.reserve(
        a, d.make_tool(), d.make_person(), date(2027, 2, 1), date(2027, 2, 3)
    ),
    "tool_reservations.upcoming": lambda d, a: d.s.tool_reservations.upcoming(a),
    "tool_deposits.balance": lambda d, a: d.s.tool_deposits.balance(a),
    "tool_deposits.held_by_loan": lambda d, a: d.s.tool_deposits.held_by_loan(a, d.make_loan()),
    "tool_deposits.held_now": lambda d, a: d.s.tool_deposits.held_now(a),
    "lending_desk.resolve": lambda d, a: d.s.lending_desk.resolve(a, "rossi"),
    # privacy (GDPR)
    "privacy.consent_mark": lambda d, a: d.s.privacy.consent_mark(a, d.make_person()),  # type: ignore[attr-defined]
    "privacy.consent_marks": lambda d, a: d.s.privacy.consent_marks(a, [d.make_person()]),  # type: ignore[attr-defined]
    "privacy.erase": lambda d, a: _erase(d, a),
    "privacy.erasure_blockers": lambda d, a: d.s.privacy.erasure_blockers(a, d.make_person()),  # type: ignore[attr-defined]
    "privacy.export": lambda d, a: d.s.privacy.export(a, d.make_person()),  # type: ignore[attr-defined]
    "privacy.export_json": lambda d, a: d.s.privacy.export_json(  # type: ignore[attr-defined]
        a, d.make_person(), d.tmp / f"p{d.n()}.json"
    ),
    "privacy.inactive_people": lambda d, a: d.s.privacy.inactive_people(a),  # type: ignore[attr-defined]
    "privacy.is_erased": lambda d, a: d.s.privacy.is_erased(a, d.make_person()),  # type: ignore[attr-defined]
    "privacy.retention_years": lambda d, a: d.s.privacy.retention_years(a),  # type: ignore[attr-defined]
    "privacy.set_retention_years": lambda d, a: d.s.privacy.set_retention_years(a, 5),  # type: ignore[attr-defined]
    # reports
    "monthly_figures.figures": lambda d, a: d.s.monthly_figures.figures(a, 2026, 10),  # type: ignore[attr-defined]
    "programme.week": lambda d, a: d.s.programme.week(a, date(2026, 11, 23)),  # type: ignore[attr-defined]
}


def _erase(d: Desk, a: Actor) -> object:
    family = f"Neri{d.n()}"
    person = d.s.people.create(d.admin, PersonDraft(given_name="Ugo", family_name=family))
    return d.s.privacy.erase(a, person.id, f"Ugo {family}")  # type: ignore[attr-defined]


def _update_booking(d: Desk, a: Actor) -> object:
    booking = d.s.bookings.get(d.admin, d.make_booking())
    start, end = d.slot()
    draft = BookingDraft(room_id=booking.room_id, start=start, end=end, person_id=d.make_person(), purpose="prove")
    return d.s.bookings.update_booking(a, booking.id, draft)


def _update_occurrence(d: Desk, a: Actor) -> object:
    series, occurrence = d.make_series()
    row = d.s.bookings.occurrence(d.admin, series, occurrence)
    draft = BookingDraft(
        room_id=row.room_id, start=occurrence, end=occurrence + timedelta(minutes=90), person_id=d.make_person()
    )
    return d.s.bookings.update_occurrence(a, series, occurrence, draft)


def _series_change(d: Desk, a: Actor, method: str) -> object:
    draft = d.series_draft()
    series = d.s.bookings.create_series(d.admin, draft)
    changed = dataclasses.replace(draft, purpose="prove", duration_minutes=90)
    if method in ("preview_following_update", "update_following"):
        second = draft.dtstart + timedelta(weeks=1)
        return getattr(d.s.bookings, method)(a, series, second, dataclasses.replace(changed, dtstart=second))
    return getattr(d.s.bookings, method)(a, series, changed)


# -- the table in the docs ------------------------------------------------------------------------------

_ROW = re.compile(r"^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|")


def documented() -> dict[str, tuple[str, str, str]]:
    """``service.method`` -> the volunteer, coordinator and admin cells ("yes", "no", or NO_ACTOR)."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            name = match.group(1)
            assert name not in table, f"{name} is twice in {DOC.name}"
            cells = tuple(cell.strip().strip("*").strip() for cell in match.groups()[1:])
            table[name] = (cells[0], cells[1], cells[2])
    return table


def operations() -> Iterator[tuple[str, Callable[..., object]]]:
    """Every public method of every service that ``Services`` holds."""
    hints = typing.get_type_hints(Services)
    for field in dataclasses.fields(Services):
        service = hints[field.name]
        if field.name in ("database", "clock") or not inspect.isclass(service):
            continue
        for name, function in inspect.getmembers(service, inspect.isfunction):
            if not name.startswith("_"):
                yield f"{field.name}.{name}", function


def takes_actor(function: Callable[..., object]) -> bool:
    return "actor" in inspect.signature(function).parameters


def test_every_service_operation_is_in_the_table() -> None:
    table = documented()
    missing = sorted(name for name, _function in operations() if name not in table)
    assert not missing, (
        f"Add these service operations to {DOC} (one row each: volunteer, coordinator, admin) "
        f"and a call recipe to RECIPES in {Path(__file__).name}: {', '.join(missing)}"
    )
    gone = sorted(set(table) - {name for name, _function in operations()})
    assert not gone, f"These rows of {DOC.name} name operations that no longer exist: {', '.join(gone)}"


def test_operations_without_an_acting_user_are_marked_so() -> None:
    """They cannot check a role: the table says so, and no actor-taking method hides among them."""
    table = documented()
    for name, function in operations():
        if name not in table:
            continue
        no_actor = table[name] == (NO_ACTOR, NO_ACTOR, NO_ACTOR)
        assert no_actor == (not takes_actor(function)), name
        if takes_actor(function):
            assert name in RECIPES, f"Add a call recipe for {name} to RECIPES in {Path(__file__).name}"


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.code)
def test_each_role_may_do_exactly_what_the_table_says(role: Role, tmp_path: Path) -> None:
    table = documented()
    column = ROLES.index(role)
    desk = Desk(tmp_path, role)
    try:
        wrong: list[str] = []
        for name, function in operations():
            if not takes_actor(function) or name not in RECIPES or name not in table:
                continue  # the two tests above say what to add
            try:
                RECIPES[name](desk, desk.actor)
                allowed = True
            except PermissionDenied:
                allowed = False
            except Exception as error:  # the recipe, not the permission, is wrong
                raise AssertionError(f"{name} as {role.code}: the recipe failed with {error!r}") from error
            said = table[name][column]
            if said not in ("yes", "no"):
                wrong.append(f"{name}: the {role.code} cell says {said!r}, not yes or no")
            elif (said == "yes") != allowed:
                wrong.append(f"{name}: the table says {said}, the service {'allows' if allowed else 'refuses'}")
        assert not wrong, f"{role.code}:\n" + "\n".join(wrong)
        if role is Role.ADMIN:
            assert all(table[name][2] in ("yes", NO_ACTOR) for name, _function in operations() if name in table)
    finally:
        desk.database.close()
