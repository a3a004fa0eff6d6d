"""Whatever the desk does with the tools, the library stays sound: a state machine of loans.

Hypothesis plays random sequences of lending (with the deposit, or waived by a coordinator),
returning (deposit given back or kept, sent to repair or not), extending, reserving, cancelling
reservations, cancelling a deposit's receipt at the cash desk, mending tools and days passing, on
two tools and three people. After every step:
- a tool is never on two open loans;
- a tool's stored status is "on loan" exactly when it has an open loan;
- no active reservation of someone else shares a day with an open loan;
- the deposits' money (in minus out, cancelled receipts left out) equals what the open loans hold
  plus what returns kept, and each open loan holds what the desk took for it;
and a refused step (``ValidationError``) writes nothing at all.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from app.clock import FixedClock
from app.db.models import Loan, Payment, Tool, ToolReservation
from app.db.schema import open_database
from app.errors import ValidationError
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from app.services.tool_rules import DepositOutcome, ToolStatus
from app.services.tools import ToolDraft
from tests.conftest import ADMIN_PIN, HOUSE

picks = st.integers(min_value=0, max_value=5)


@dataclass(frozen=True)
class House:
    file: Path
    tools: tuple[int, ...]
    people: tuple[int, ...]
    volunteer: Actor
    coordinator: Actor


def build_house(folder: Path) -> House:
    database = open_database(folder / "house.sqlite3", backups_dir=folder / "backups")
    try:
        services = Services.build(database=database, clock=FixedClock())
        admin = services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)
        volunteer_id = services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="135790").id
        coordinator_id = services.accounts.create_user(admin, name="Teresa", role=Role.COORDINATOR, pin="864209").id
        volunteer = services.accounts.login(volunteer_id, "135790")
        coordinator = services.accounts.login(coordinator_id, "864209")
        drill = ToolDraft(name="Trapano", category="Trapani", deposit_cents=3000, components=("valigetta",))
        ladder = ToolDraft(name="Scala", category="Scale", deposit_cents=1500, loan_days=3)
        tools = tuple(services.tools.create(coordinator, draft).id for draft in (drill, ladder))
        people = tuple(
            services.people.create(volunteer, PersonDraft(given_name=given, family_name="Rossi")).id
            for given in ("Anna", "Marco", "Ngozi")
        )
    finally:
        database.close()
    return House(folder / "house.sqlite3", tools, people, volunteer, coordinator)


class LibraryMachine(RuleBasedStateMachine):
    def __init__(self, house: House, folder: Path) -> None:
        super().__init__()
        shutil.copyfile(house.file, folder / "house.sqlite3")
        self.database = open_database(folder / "house.sqlite3", backups_dir=folder / "backups")
        self.clock = FixedClock()
        self.services = Services.build(database=self.database, clock=self.clock)
        self.house = house
        self.held: dict[int, int] = {}  # open loan -> deposit the desk holds for it
        self.kept = 0

    def teardown(self) -> None:
        self.database.close()

    def counts(self) -> tuple[int, ...]:
        with self.database.sessions.begin() as session:
            return (
                session.scalar(select(func.count(Loan.id))) or 0,
                session.scalar(select(func.count(Loan.id)).where(Loan.returned_at.is_(None))) or 0,
                session.scalar(select(func.count(Payment.id))) or 0,
                session.scalar(select(func.count(ToolReservation.id))) or 0,
            )

    def refused(self, before: tuple[int, ...]) -> None:
        assert self.counts() == before

    # -- the desk ----------------------------------------------------------------------------------

    @rule(tool=picks, person=picks, waive=st.booleans(), confirmed=st.booleans(), days=st.none() | picks)
    def lend(self, tool: int, person: int, waive: bool, confirmed: bool, days: int | None) -> None:
        tool_id = self.house.tools[tool % 2]
        actor = self.house.coordinator if waive else self.house.volunteer
        due = None if days is None else self.clock.today() + timedelta(days=days)
        before = self.counts()
        try:
            result = self.services.loans.lend(
                actor,
                tool_id,
                self.house.people[person % 3],
                components_confirmed=confirmed,
                due=due,
                waive_deposit=waive,
            )
        except ValidationError:
            self.refused(before)
            return
        assert confirmed or tool % 2 == 1  # the drill has a part to confirm
        self.held[result.loan.row.id] = 0 if waive else (3000 if tool % 2 == 0 else 1500)

    @rule(tool=picks, keep=st.booleans(), repair=st.booleans())
    def take_back(self, tool: int, keep: bool, repair: bool) -> None:
        tool_id = self.house.tools[tool % 2]
        before = self.counts()
        try:
            result = self.services.loans.return_tool(
                self.house.volunteer,
                tool_id=tool_id,
                components_ok=True,
                condition_note="da controllare" if repair else "",
                needs_repair=repair,
                deposit=DepositOutcome.KEEP if keep else DepositOutcome.REFUND,
                keep_reason="danni" if keep else "",
            )
        except ValidationError:
            self.refused(before)
            return
        held = self.held.pop(result.loan.row.id)
        assert result.kept_cents + result.refunded_cents == held
        self.kept += result.kept_cents

    @rule(pick=picks, days=st.integers(min_value=1, max_value=6))
    def extend(self, pick: int, days: int) -> None:
        if not self.held:
            return
        loan_id = sorted(self.held)[pick % len(self.held)]
        before = self.counts()
        try:
            self.services.loans.extend(self.house.volunteer, loan_id, days=days)
        except ValidationError:
            self.refused(before)

    @rule(tool=picks, person=picks, start=st.integers(min_value=0, max_value=12), length=picks)
    def reserve(self, tool: int, person: int, start: int, length: int) -> None:
        first = self.clock.today() + timedelta(days=start)
        before = self.counts()
        try:
            self.services.tool_reservations.reserve(
                self.house.volunteer,
                self.house.tools[tool % 2],
                self.house.people[person % 3],
                first,
                first + timedelta(days=length),
            )
        except ValidationError:
            self.refused(before)

    @rule(pick=picks)
    def cancel_reservation(self, pick: int) -> None:
        rows = self.services.tool_reservations.upcoming(self.house.volunteer)
        if rows:
            self.services.tool_reservations.cancel(self.house.volunteer, rows[pick % len(rows)].id)

    @rule(pick=picks)
    def cancel_deposit_receipt(self, pick: int) -> None:
        """The cash desk cancels a deposit's receipt: the money went back there."""
        if not self.held:
            return
        loan_id = sorted(self.held)[pick % len(self.held)]
        loan = self.services.loans.get(self.house.volunteer, loan_id)
        if loan.deposit_receipt_id is None or self.held[loan_id] == 0:
            return
        self.services.receipts.cancel(self.house.coordinator, loan.deposit_receipt_id, "importo sbagliato")
        self.held[loan_id] = 0

    @rule(tool=picks)
    def mend(self, tool: int) -> None:
        tool_id = self.house.tools[tool % 2]
        if self.services.tools.get(self.house.volunteer, tool_id).status is ToolStatus.IN_REPAIR:
            self.services.tools.set_status(self.house.coordinator, tool_id, ToolStatus.AVAILABLE)

    @rule(days=st.integers(min_value=1, max_value=4))
    def days_pass(self, days: int) -> None:
        self.clock.advance(days=days)

    # -- what must hold ----------------------------------------------------------------------------

    @invariant()
    def one_open_loan_per_tool_and_status_agrees(self) -> None:
        with self.database.sessions.begin() as session:
            counted = select(Loan.tool_id, func.count(Loan.id)).where(Loan.returned_at.is_(None)).group_by(Loan.tool_id)
            open_by_tool = {tool_id: count for tool_id, count in session.execute(counted)}
            statuses = {tool_id: status for tool_id, status in session.execute(select(Tool.id, Tool.status))}
        assert all(count == 1 for count in open_by_tool.values()), open_by_tool
        for tool_id, status in statuses.items():
            assert (status == ToolStatus.ON_LOAN.value) == (tool_id in open_by_tool), (tool_id, status)

    @invariant()
    def reservations_of_others_never_meet_an_open_loan(self) -> None:
        with self.database.sessions.begin() as session:
            loans = session.scalars(select(Loan).where(Loan.returned_at.is_(None))).all()
            for loan in loans:
                clash = session.scalars(
                    select(ToolReservation).where(
                        ToolReservation.tool_id == loan.tool_id,
                        ToolReservation.status == "active",
                        ToolReservation.person_id != loan.person_id,
                        ToolReservation.from_day <= loan.due_day,
                        ToolReservation.to_day >= loan.out_at.date(),
                    )
                ).first()
                assert clash is None, (loan.id, clash and (clash.from_day, clash.to_day))

    @invariant()
    def deposits_balance(self) -> None:
        actor = self.house.volunteer
        assert self.services.tool_deposits.balance(actor) == sum(self.held.values()) + self.kept
        assert self.services.tool_deposits.held_now(actor).total_cents == sum(self.held.values())
        open_ids = {row.id for row in self.services.loans.current(actor)}
        assert open_ids == set(self.held)
        for loan_id, cents in self.held.items():
            assert self.services.tool_deposits.held_by_loan(actor, loan_id) == cents


def test_no_sequence_of_loans_returns_and_reservations_breaks_the_library(tmp_path: Path) -> None:
    (tmp_path / "house").mkdir()
    house = build_house(tmp_path / "house")
    runs = iter(range(1_000_000))

    class OneHouse(LibraryMachine):
        def __init__(self) -> None:
            folder = tmp_path / f"run{next(runs)}"
            folder.mkdir()
            super().__init__(house, folder)

    run_state_machine_as_test(OneHouse, settings=settings(max_examples=40, stateful_step_count=25, deadline=None))
