"""Loans of the tool library: lend, take back, extend, and the lists of the desk.

Volunteers lend, take back and extend; waiving a deposit is for coordinators. Each action is one
transaction with its deposit payment (``tool_deposits``), the tool's status, a line of its
history and an audit entry: nothing is saved half-way.

Rules of a loan:
- a tool on loan, in repair, lost or retired is refused with a message that says why (and, on
  loan, to whom and until when); so is a tool reserved for someone else on a day of the loan;
  the person it is reserved for may borrow it, and their reservation is then fulfilled;
- a tool with parts to check is lent only once the parts are confirmed;
- the due day is today plus the tool's loan period (or the day given), moved to the next day the
  house is open; it is at most 90 days away;
- a borrower with overdue tools gets a warning in ``LendResult.warnings``, not a refusal.

The lists (overdue, due today, current loans, a person's, a tool's) are filtered and sorted in
SQL over the indexes of ``loans``: the open loans by due day, a person's and a tool's by date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Loan, Person, Receipt, Tool, ToolReservation, User
from app.errors import ValidationError, record_gone
from app.i18n import _, format_date, ngettext
from app.services import audit
from app.services.cash_rules import PaymentMethod, receipt_code
from app.services.receipts import ReceiptDetails
from app.services.roles import Actor, Role, authorise
from app.services.tool_deposits import deposit_receipt_id, give_back, held, take_deposit
from app.services.tool_rules import (
    MAX_LOAN_DAYS,
    DepositOutcome,
    ToolEventKind,
    ToolStatus,
    add_event,
    blocking_reservation,
    components_list,
    next_open_day,
    reservation_problem,
    unavailable_reason,
)
from app.services.validation import Problems, check_day_range, check_max_length, check_required, check_values, clean
from app.text import like_pattern, search_terms

MAX_NOTE_LENGTH = 500


@dataclass(frozen=True)
class ToolAndPersonRow:
    """What a line of a list of loans and one of reservations share: the tool and whom it is for."""

    id: int
    tool_id: int
    tool_code: str
    tool_name: str
    person_id: int
    person_name: str
    phone: str


@dataclass(frozen=True)
class LoanRow(ToolAndPersonRow):
    """One line of a list of loans. ``days_late`` counts to today for an open loan, to the day it
    came back for a returned one (0 when on time)."""

    out_at: datetime
    due_day: date
    returned_at: datetime | None
    deposit_cents: int
    days_late: int

    @property
    def open(self) -> bool:
        return self.returned_at is None


@dataclass(frozen=True)
class LoanDetails:
    """A loan with what was checked and what happened to its deposit."""

    row: LoanRow
    components: tuple[str, ...]  # the tool's parts to check, as they are now
    deposit_waived: bool
    deposit_held_cents: int
    deposit_receipt_id: int | None
    deposit_receipt_code: str
    components_ok: bool | None  # set at return
    return_note: str
    deposit_kept_reason: str | None
    lent_by_name: str
    returned_by_name: str


@dataclass(frozen=True)
class LendResult:
    """A saved loan, the deposit's receipt to print (None without a deposit) and warnings to show."""

    loan: LoanDetails
    receipt: ReceiptDetails | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ReturnResult:
    """A loan closed: the tool's status now and what happened to the deposit."""

    loan: LoanDetails
    tool_status: ToolStatus
    refunded_cents: int
    refund_payment_id: int | None  # the payment out; money out has no receipt at this desk
    kept_cents: int


def _days_late(due_day: date, returned_at: datetime | None, today: date) -> int:
    until = returned_at.date() if returned_at is not None else today
    return max((until - due_day).days, 0)


_ToolRecord = TypeVar("_ToolRecord", Loan, ToolReservation)


def with_tool_and_person(record: type[_ToolRecord]) -> Select[_ToolRecord, str, str, str, str, str]:
    """Loans or reservations with their tool's code and name and their person's family name, given
    name and phone: the columns every list of either shows."""
    return (
        select(record, Tool.code, Tool.name, Person.family_name, Person.given_name, Person.phone)
        .join(Tool, Tool.id == record.tool_id)
        .join(Person, Person.id == record.person_id)
    )


def tool_and_person(
    record: Loan | ToolReservation, code: str, name: str, family: str, given: str, phone: str
) -> tuple[int, int, str, str, int, str, str]:
    """The ``ToolAndPersonRow`` fields, in order, of a row that ``with_tool_and_person`` read."""
    return record.id, record.tool_id, code, name, record.person_id, f"{family} {given}".strip(), phone


def loan_rows_statement() -> Select[Loan, str, str, str, str, str]:
    return with_tool_and_person(Loan)


def loan_rows(session: Session, statement: Select[Loan, str, str, str, str, str], today: date) -> list[LoanRow]:
    return [
        LoanRow(
            *tool_and_person(loan, code, name, family, given, phone),
            out_at=loan.out_at,
            due_day=loan.due_day,
            returned_at=loan.returned_at,
            deposit_cents=loan.deposit_cents,
            days_late=_days_late(loan.due_day, loan.returned_at, today),
        )
        for loan, code, name, family, given, phone in session.execute(statement)
    ]


def read_loan(session: Session, loan_id: int, today: date) -> LoanDetails:
    rows = loan_rows(session, loan_rows_statement().where(Loan.id == loan_id), today)
    loan = session.get(Loan, loan_id)
    if not rows or loan is None:
        raise record_gone()
    tool = session.get(Tool, loan.tool_id)
    lender, returner = (
        session.get(User, user_id) if user_id else None for user_id in (loan.lent_by_id, loan.returned_by_id)
    )
    receipt_id = deposit_receipt_id(session, loan_id)
    code = ""
    if receipt_id is not None:
        receipt = session.get(Receipt, receipt_id)
        code = receipt_code(receipt.number, receipt.year) if receipt is not None else ""
    return LoanDetails(
        row=rows[0],
        components=components_list(tool.components) if tool is not None else (),
        deposit_waived=loan.deposit_waived,
        deposit_held_cents=held(session, [loan_id]).get(loan_id, 0),
        deposit_receipt_id=receipt_id,
        deposit_receipt_code=code,
        components_ok=loan.components_ok,
        return_note=loan.return_note,
        deposit_kept_reason=loan.deposit_kept_reason,
        lent_by_name=lender.name if lender is not None else "",
        returned_by_name=returner.name if returner is not None else "",
    )


def overdue_warnings(session: Session, person_id: int, today: date, *, except_loan: int | None = None) -> list[str]:
    """What to tell the desk about a borrower's overdue tools (empty when there are none)."""
    statement = loan_rows_statement().where(
        Loan.person_id == person_id, Loan.returned_at.is_(None), Loan.due_day < today, Loan.id != (except_loan or -1)
    )
    late = loan_rows(session, statement.order_by(Loan.due_day, Loan.id), today)
    if not late:
        return []
    listed = ", ".join(
        _("{code} {name} (due {due})").format(code=row.tool_code, name=row.tool_name, due=format_date(row.due_day))
        for row in late
    )
    return [
        ngettext(
            "{name} has an overdue tool: {tools}. Remind them to bring it back.",
            "{name} has {count} overdue tools: {tools}. Remind them to bring them back.",
            len(late),
        ).format(name=late[0].person_name, count=len(late), tools=listed)
    ]


class LoanService:
    """Lending, taking back and extending tools, and the lists of loans."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- lending -----------------------------------------------------------------------------------

    def lend(
        self,
        actor: Actor,
        tool_id: int,
        person_id: int,
        *,
        components_confirmed: bool,
        deposit_method: PaymentMethod = PaymentMethod.CASH,
        due: date | None = None,
        waive_deposit: bool = False,
    ) -> LendResult:
        """Lend the tool to the person, taking its deposit with ``deposit_method`` and its receipt.

        Args:
            components_confirmed: the parts of the tool were checked with the borrower (needed
                when the tool has parts to check).
            due: the day it is due back; None for today plus the tool's loan period. Either way
                a closed day moves it to the next open one.
            waive_deposit: lend without a deposit (coordinators and admins only).

        Raises:
            ValidationError: the tool cannot be lent (on loan, in repair, lost, retired, reserved
                for someone else), the parts are not confirmed, the due day is wrong, or the
                deposit cannot be taken (today's cash is closed); nothing was written.
        """
        check_values(
            {
                "tool_id": (tool_id, int),
                "person_id": (person_id, int),
                "components_confirmed": (components_confirmed, bool),
                "deposit_method": (deposit_method, PaymentMethod),
                "due": (due, date | None),
                "waive_deposit": (waive_deposit, bool),
            }
        )
        today = self._clock.today()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR if waive_deposit else Role.VOLUNTEER)
            tool = session.get(Tool, tool_id)
            person = session.get(Person, person_id)
            if tool is None or person is None:
                raise record_gone()
            reason = unavailable_reason(session, tool)
            if reason is not None:
                raise ValidationError(reason, field="tool")
            problems = Problems()
            parts = components_list(tool.components)
            if parts and not components_confirmed:
                problems.add(
                    "components",
                    _("Check these parts with the borrower, then confirm them: {parts}.").format(
                        parts=", ".join(parts)
                    ),
                )
            if due is not None:
                check_day_range(problems, "due", due)
                problems.raise_if_any()
            due_day = next_open_day(session, due if due is not None else today + timedelta(days=tool.loan_days))
            if due_day < today:
                problems.add("due", _("The due day has passed: choose today or a later day."))
            elif due_day > today + timedelta(days=MAX_LOAN_DAYS):
                problems.add(
                    "due", _("A loan lasts at most {days} days: choose an earlier due day.").format(days=MAX_LOAN_DAYS)
                )
            problems.raise_if_any()
            blocking = blocking_reservation(session, tool.id, today, due_day, person_id=person_id)
            if blocking is not None:
                raise ValidationError(reservation_problem(session, blocking, tool.code), field="due")
            warnings = overdue_warnings(session, person_id, today)
            loan = Loan(
                tool_id=tool.id,
                person_id=person_id,
                out_at=self._clock.now(),
                due_day=due_day,
                returned_at=None,
                deposit_cents=0 if waive_deposit else tool.deposit_cents,
                deposit_waived=waive_deposit and tool.deposit_cents > 0,
                return_note="",
                lent_by_id=actor.user_id or None,
            )
            session.add(loan)
            session.flush()
            receipt = None
            if loan.deposit_cents > 0:
                receipt = take_deposit(session, self._clock, actor, loan, tool, deposit_method).receipt
            own = session.scalars(
                select(ToolReservation).where(
                    ToolReservation.tool_id == tool.id,
                    ToolReservation.person_id == person_id,
                    ToolReservation.status == "active",
                    ToolReservation.from_day <= due_day,
                    ToolReservation.to_day >= today,
                )
            )
            for reservation in own:
                reservation.status, reservation.loan_id = "fulfilled", loan.id
                audit.record(session, self._clock, actor, "update", "tool_reservation", reservation.id, ("status",))
            tool.status = ToolStatus.ON_LOAN.value
            add_event(session, self._clock, actor, tool, ToolEventKind.LENT, loan_id=loan.id, person_id=person_id)
            fields = ["due_day", "person_id", "tool_id"] + (["deposit_waived"] if loan.deposit_waived else [])
            audit.record(session, self._clock, actor, "create", "loan", loan.id, fields)
            session.flush()
            return LendResult(loan=read_loan(session, loan.id, today), receipt=receipt, warnings=tuple(warnings))

    def return_tool(
        self,
        actor: Actor,
        *,
        loan_id: int | None = None,
        tool_id: int | None = None,
        components_ok: bool,
        condition_note: str = "",
        needs_repair: bool = False,
        deposit: DepositOutcome = DepositOutcome.REFUND,
        keep_reason: str = "",
        refund_method: PaymentMethod = PaymentMethod.CASH,
    ) -> ReturnResult:
        """Take back a tool (by its open loan or the tool itself) and give back its deposit, or keep it.

        Args:
            components_ok: every part came back in order; if not, ``condition_note`` says what is wrong.
            needs_repair: send the tool to repair (``condition_note`` says what to fix); otherwise
                it is available again.
            deposit: give the deposit back (a payment out with ``refund_method``) or keep it
                (``keep_reason`` required).

        Raises:
            ValidationError: the tool is not on loan, or a note or reason is missing.
        """
        check_values(
            {
                "loan_id": (loan_id, int | None),
                "tool_id": (tool_id, int | None),
                "components_ok": (components_ok, bool),
                "condition_note": (condition_note, str),
                "needs_repair": (needs_repair, bool),
                "deposit": (deposit, DepositOutcome),
                "keep_reason": (keep_reason, str),
                "refund_method": (refund_method, PaymentMethod),
            }
        )
        if (loan_id is None) == (tool_id is None):
            raise ValidationError(_("Choose the tool or the loan to take back."), field="tool")
        note, keep_reason = clean(condition_note), clean(keep_reason)
        today = self._clock.today()
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if loan_id is not None:
                loan = session.get(Loan, loan_id)
                if loan is None:
                    raise record_gone()
            else:
                tool = session.get(Tool, tool_id)
                if tool is None:
                    raise record_gone()
                found = session.scalars(select(Loan).where(Loan.tool_id == tool.id, Loan.returned_at.is_(None))).first()
                if found is None:
                    raise ValidationError(
                        _("{code} is not on loan: there is nothing to take back.").format(code=tool.code)
                    )
                loan = found
            if loan.returned_at is not None:
                raise ValidationError(_("This loan was already closed: refresh the list."), field="tool")
            tool = session.get(Tool, loan.tool_id)
            assert tool is not None  # a loan's tool is never deleted
            amount = held(session, [loan.id]).get(loan.id, 0)
            problems = Problems()
            if not components_ok:
                check_required(problems, "condition_note", note, _("Write which parts are missing or damaged."))
            if needs_repair:
                check_required(problems, "condition_note", note, _("Write what needs repairing."))
            check_max_length(problems, "condition_note", note, MAX_NOTE_LENGTH)
            if amount > 0 and deposit is DepositOutcome.KEEP:
                check_required(problems, "keep_reason", keep_reason, _("Write why the deposit is kept."))
                check_max_length(problems, "keep_reason", keep_reason, MAX_NOTE_LENGTH)
            problems.raise_if_any()
            refund_id = None
            if amount > 0 and deposit is DepositOutcome.REFUND:
                refund_id = give_back(session, self._clock, actor, loan, tool, amount, refund_method)
            kept = amount if amount > 0 and deposit is DepositOutcome.KEEP else 0
            loan.returned_at = max(self._clock.now(), loan.out_at)
            loan.returned_by_id = actor.user_id or None
            loan.components_ok = components_ok
            loan.return_note = note
            loan.deposit_kept_reason = keep_reason if kept else None
            tool.status_reason = note if needs_repair else ""
            tool.updated_at = self._clock.now()
            tool_status = ToolStatus.IN_REPAIR if needs_repair else ToolStatus.AVAILABLE
            tool.status = ToolStatus.AVAILABLE.value
            add_event(
                session,
                self._clock,
                actor,
                tool,
                ToolEventKind.RETURNED,
                loan_id=loan.id,
                person_id=loan.person_id,
                note=note,
            )
            if needs_repair:
                tool.status = ToolStatus.IN_REPAIR.value
                add_event(session, self._clock, actor, tool, ToolEventKind.REPAIR, loan_id=loan.id, note=note)
            changed = ["components_ok", "returned_at", "return_note"] + (["deposit_kept_reason"] if kept else [])
            audit.record(session, self._clock, actor, "update", "loan", loan.id, changed)
            session.flush()
            return ReturnResult(
                loan=read_loan(session, loan.id, today),
                tool_status=tool_status,
                refunded_cents=amount if refund_id is not None else 0,
                refund_payment_id=refund_id,
                kept_cents=kept,
            )

    def extend(self, actor: Actor, loan_id: int, *, days: int | None = None, due: date | None = None) -> LoanDetails:
        """Move an open loan's due day ``days`` later, or to ``due`` (one of the two).

        Raises:
            ValidationError: the new day is not later, is beyond 90 days from today, or the
                tool is reserved for someone else by then.
        """
        check_values({"loan_id": (loan_id, int), "days": (days, int | None), "due": (due, date | None)})
        if (days is None) == (due is None):
            raise ValidationError(_("Choose how many days to add or the new due day."), field="due")
        today = self._clock.today()
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            loan = session.get(Loan, loan_id)
            if loan is None:
                raise record_gone()
            if loan.returned_at is not None:
                raise ValidationError(_("This loan was already closed: refresh the list."), field="due")
            tool = session.get(Tool, loan.tool_id)
            assert tool is not None
            wanted = due if due is not None else loan.due_day + timedelta(days=days or 0)
            new_due = next_open_day(session, wanted)
            if new_due <= loan.due_day or new_due < today:
                raise ValidationError(
                    _("Choose a due day after {due} and not before today.").format(due=format_date(loan.due_day)),
                    field="due",
                )
            if new_due > today + timedelta(days=MAX_LOAN_DAYS):
                raise ValidationError(
                    _("A loan lasts at most {days} days: choose an earlier due day.").format(days=MAX_LOAN_DAYS),
                    field="due",
                )
            blocking = blocking_reservation(
                session, tool.id, loan.due_day + timedelta(days=1), new_due, person_id=loan.person_id
            )
            if blocking is not None:
                raise ValidationError(reservation_problem(session, blocking, tool.code), field="due")
            previous = loan.due_day
            loan.due_day = new_due
            add_event(
                session,
                self._clock,
                actor,
                tool,
                ToolEventKind.EXTENDED,
                loan_id=loan.id,
                person_id=loan.person_id,
                note=f"{previous.isoformat()} → {new_due.isoformat()}",
            )
            audit.record(session, self._clock, actor, "update", "loan", loan.id, ("due_day",))
            session.flush()
            return read_loan(session, loan.id, today)

    # -- reading -----------------------------------------------------------------------------------

    def get(self, actor: Actor, loan_id: int) -> LoanDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return read_loan(session, loan_id, self._clock.today())

    def open_loan_of_tool(self, actor: Actor, tool_id: int) -> LoanDetails | None:
        """The tool's open loan, for a scan that takes it back; None when it is not out."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            loan_id = session.scalar(select(Loan.id).where(Loan.tool_id == tool_id, Loan.returned_at.is_(None)))
            return None if loan_id is None else read_loan(session, loan_id, self._clock.today())

    def overdue(self, actor: Actor) -> list[LoanRow]:
        """Open loans past their due day, the latest first (most days late), with the phone to call."""
        return self._open_rows(actor, [Loan.due_day < self._clock.today()])

    def due_today(self, actor: Actor) -> list[LoanRow]:
        return self._open_rows(actor, [Loan.due_day == self._clock.today()])

    def current(self, actor: Actor, *, search: str = "") -> list[LoanRow]:
        """Every open loan by due day; ``search`` words must each match the tool's code or name or
        the borrower's name."""
        conditions: list[ColumnElement[bool]] = []
        for term in search_terms(search):
            pattern = like_pattern(term)
            conditions.append(
                or_(Tool.search_key.like(pattern, escape="\\"), Person.search_key.like(pattern, escape="\\"))
            )
        return self._open_rows(actor, conditions)

    def overdue_warnings(self, actor: Actor, person_id: int) -> list[str]:
        """What to tell the desk about a borrower's overdue tools before lending (empty: none);
        the same words ``lend`` returns in its warnings."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return overdue_warnings(session, person_id, self._clock.today())

    def of_person(self, actor: Actor, person_id: int, *, open_only: bool = False) -> list[LoanRow]:
        """A person's loans, newest first."""
        conditions = [Loan.person_id == person_id] + ([Loan.returned_at.is_(None)] if open_only else [])
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = loan_rows_statement().where(*conditions).order_by(Loan.out_at.desc(), Loan.id.desc())
            return loan_rows(session, statement, self._clock.today())

    def of_tool(self, actor: Actor, tool_id: int, *, limit: int = 200) -> list[LoanRow]:
        """A tool's loans, newest first (the latest ``limit``)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                loan_rows_statement()
                .where(Loan.tool_id == tool_id)
                .order_by(Loan.out_at.desc(), Loan.id.desc())
                .limit(limit)
            )
            return loan_rows(session, statement, self._clock.today())

    def _open_rows(self, actor: Actor, conditions: Sequence[ColumnElement[bool]]) -> list[LoanRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                loan_rows_statement()
                .where(and_(Loan.returned_at.is_(None), *conditions))
                .order_by(Loan.due_day, Person.sort_key, Loan.id)
            )
            return loan_rows(session, statement, self._clock.today())


def open_loan_row(session: Session, tool_id: int, today: date) -> LoanRow | None:
    """The tool's open loan as a list line, or None (one lookup on the open-loan index)."""
    rows = loan_rows(session, loan_rows_statement().where(Loan.tool_id == tool_id, Loan.returned_at.is_(None)), today)
    return rows[0] if rows else None
