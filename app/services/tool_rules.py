"""The rules of the tool library shared by the catalogue, loans, reservations and the lending desk.

Kept apart from the services so that each of them (and the demo generator, which writes loans in
bulk) applies the same rules: what a code looks like and which one to propose, what status a tool
shows, which reservation stands in the way of a loan, and how a line of a tool's history is
written.

A tool's stored status is one of available, on loan, in repair, lost, retired; "reserved" is
shown instead of "available" while a reservation covers today. A loan's due day is moved off the
days the house is closed, so the borrower can bring the tool back on the day written.
"""

from __future__ import annotations

import enum
import re
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, exists, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.models import Loan, Person, Tool, ToolEvent, ToolReservation
from app.i18n import N_, _, format_date
from app.services.closure_days import closed_days
from app.services.roles import Actor, is_command_line
from app.text import fold

MAX_CODE_LENGTH = 20
MIN_LOAN_DAYS = 1
MAX_LOAN_DAYS = 90
DEFAULT_LOAN_DAYS = 7
LOAN_LINK = "loan"
"""The ``link_kind`` of the payments of a loan's deposit (taken and given back)."""
DEPOSIT = "deposit"
DEPOSIT_RETURNED = "deposit_returned"
DEFAULT_PREFIX = "AT"
"""The code prefix of a tool without a category ("attrezzo")."""
_CODE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_SUFFIX = re.compile(r"^(\d+)$")


class ToolStatus(enum.Enum):
    AVAILABLE = "available"
    ON_LOAN = "on_loan"
    RESERVED = "reserved"  # shown only: stored as available while a reservation covers today
    IN_REPAIR = "in_repair"
    LOST = "lost"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    ToolStatus.AVAILABLE: N_("available"),
    ToolStatus.ON_LOAN: N_("on loan"),
    ToolStatus.RESERVED: N_("reserved"),
    ToolStatus.IN_REPAIR: N_("in repair"),
    ToolStatus.LOST: N_("lost"),
    ToolStatus.RETIRED: N_("no longer lent"),  # "retired" is the drop-in services' word, otherwise translated
}


class ToolEventKind(enum.Enum):
    ADDED = "added"
    EDITED = "edited"
    LENT = "lent"
    RETURNED = "returned"
    EXTENDED = "extended"
    REPAIR = "repair"
    STATUS = "status"
    RESERVED = "reserved"
    RESERVATION_CANCELLED = "reservation_cancelled"

    @property
    def label(self) -> str:
        return _(EVENT_LABELS[self])


EVENT_LABELS = {
    ToolEventKind.ADDED: N_("added to the catalogue"),
    ToolEventKind.EDITED: N_("details changed"),
    ToolEventKind.LENT: N_("lent"),
    ToolEventKind.RETURNED: N_("returned"),
    ToolEventKind.EXTENDED: N_("loan extended"),
    ToolEventKind.REPAIR: N_("sent to repair"),
    ToolEventKind.STATUS: N_("status changed"),
    ToolEventKind.RESERVED: N_("reserved"),
    ToolEventKind.RESERVATION_CANCELLED: N_("reservation cancelled"),
}


class DepositOutcome(enum.Enum):
    """What happens to the deposit when a tool comes back."""

    REFUND = "refund"
    KEEP = "keep"


# -- codes ----------------------------------------------------------------------------------------


def normalise_code(text: str) -> str:
    """A code as stored and as a scanner or a hand may type it: trimmed, upper case."""
    return text.strip().upper()


def is_valid_code(code: str) -> bool:
    return len(code) <= MAX_CODE_LENGTH and _CODE.match(code) is not None


def code_prefix(category: str) -> str:
    """The first two letters of the category, folded and upper-cased: "Trapani" gives ``TR``."""
    letters = "".join(ch for ch in fold(category) if "a" <= ch <= "z")
    return letters[:2].upper() if len(letters) >= 2 else DEFAULT_PREFIX


def propose_code(session: Session, category: str) -> str:
    """The next free code of the category's prefix: ``TR-0042`` after ``TR-0041``.

    Reads the codes of the prefix through the unique index on ``code`` (a range, not a LIKE).
    """
    prefix = code_prefix(category)
    codes = session.scalars(select(Tool.code).where(Tool.code >= f"{prefix}-", Tool.code < f"{prefix}."))
    numbers = [int(match.group(1)) for code in codes if (match := _SUFFIX.match(code[len(prefix) + 1 :]))]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def components_list(text: str) -> tuple[str, ...]:
    """The parts to check, one per line, without blank lines."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# -- status and reservations ----------------------------------------------------------------------


def reserved_on(day: date) -> ColumnElement[bool]:
    """SQL: the tool (``Tool.id``) has an active reservation covering ``day``."""
    return exists().where(
        ToolReservation.tool_id == Tool.id,
        ToolReservation.status == "active",
        ToolReservation.from_day <= day,
        ToolReservation.to_day >= day,
    )


def shown_status(stored: str, reserved_today: bool) -> ToolStatus:
    if stored == ToolStatus.AVAILABLE.value and reserved_today:
        return ToolStatus.RESERVED
    return ToolStatus(stored)


def blocking_reservation(
    session: Session, tool_id: int, first_day: date, last_day: date, *, person_id: int | None
) -> ToolReservation | None:
    """The first active reservation of the tool sharing a day with ``first_day .. last_day`` that is
    not ``person_id``'s (a person may borrow what is reserved for them)."""
    conditions = [
        ToolReservation.tool_id == tool_id,
        ToolReservation.status == "active",
        ToolReservation.to_day >= first_day,
        ToolReservation.from_day <= last_day,
    ]
    if person_id is not None:
        conditions.append(ToolReservation.person_id != person_id)
    return session.scalars(
        select(ToolReservation).where(and_(*conditions)).order_by(ToolReservation.from_day).limit(1)
    ).first()


def reservation_problem(session: Session, reservation: ToolReservation, code: str) -> str:
    """ "TR-0042 is reserved for Rossi Anna from ... to ...: lend it until ... at most"."""
    person = session.get(Person, reservation.person_id)
    return _(
        "{code} is reserved for {name} from {first} to {last}: lend it until {before} at most, or choose another tool."
    ).format(
        code=code,
        name=person_name(person),
        first=format_date(reservation.from_day),
        last=format_date(reservation.to_day),
        before=format_date(reservation.from_day - timedelta(days=1)),
    )


def open_loan(session: Session, tool_id: int) -> Loan | None:
    return session.scalars(select(Loan).where(Loan.tool_id == tool_id, Loan.returned_at.is_(None))).first()


def unavailable_reason(session: Session, tool: Tool) -> str | None:
    """Why the tool cannot be lent now (on loan, in repair, lost, retired), or None."""
    if tool.status == ToolStatus.ON_LOAN.value:
        loan = open_loan(session, tool.id)
        if loan is not None:
            return _("{code} is on loan to {name} until {due}: take it back before lending it again.").format(
                code=tool.code, name=person_name(session.get(Person, loan.person_id)), due=format_date(loan.due_day)
            )
        return _("{code} is on loan: take it back before lending it again.").format(code=tool.code)
    if tool.status == ToolStatus.IN_REPAIR.value:
        return _("{code} is in repair: a coordinator marks it available when it is fixed.").format(code=tool.code)
    if tool.status == ToolStatus.LOST.value:
        return _("{code} is marked as lost: a coordinator marks it available if it is found.").format(code=tool.code)
    if tool.status == ToolStatus.RETIRED.value:
        return _("{code} is retired ({reason}) and cannot be lent.").format(code=tool.code, reason=tool.status_reason)
    return None


def next_open_day(session: Session, day: date) -> date:
    """``day``, or the first day after it on which the house is open (a due day is a return day)."""
    closed = closed_days(session, day, day + timedelta(days=MAX_LOAN_DAYS))
    while day in closed:
        day += timedelta(days=1)
    return day


# -- history --------------------------------------------------------------------------------------


def person_name(person: Person | None) -> str:
    return "" if person is None else f"{person.family_name} {person.given_name}".strip()


def add_event(
    session: Session,
    clock: Clock,
    actor: Actor,
    tool: Tool,
    kind: ToolEventKind,
    *,
    loan_id: int | None = None,
    person_id: int | None = None,
    note: str = "",
) -> None:
    """Write one line of the tool's history, with the status the tool has after it."""
    session.add(
        ToolEvent(
            tool_id=tool.id,
            at=clock.now(),
            kind=kind.value,
            status=tool.status,
            loan_id=loan_id,
            person_id=person_id,
            user_id=None if is_command_line(actor) else actor.user_id,
            note=note,
        )
    )
