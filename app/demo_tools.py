"""The demo house's tool library: its catalogue, ten years of loans, and their deposits.

Called by ``demo_cash.write_cash`` with the membership cards it has drawn: borrowers are people
holding a card of the year (the card is what the desk scans). The rows are generated in memory and
inserted in bulk, but as the services would have written them:

- the tools' keys come from ``ToolService``'s own ``_apply``, their codes follow ``code_prefix``;
- each loan is due its tool's period after it went out (``next_open_day``: moved off closed
  days), at most one loan of a tool is open (the partial unique index would refuse another), and
  a tool's stored status agrees with its open loan, a repair, a loss or its retirement;
- every action leaves the history lines ``tool_rules.add_event`` writes (lent, returned, extended,
  sent to repair, status changed, reserved), each with the tool's status after it;
- a deposit is a payment in of category "deposit" with a receipt, at the moment the tool went
  out, linked to the loan (``link_kind = 'loan'``); giving it back is a payment out of category
  "deposit returned", linked the same way, when the tool came back; a deposit kept has no payment
  out and the loan says why. ``write_cash`` numbers the receipts with all the others, so the
  numbering stays gapless and in time order, and ``ToolDepositService`` finds what it expects.

"Today" (the day of ``now``) is scripted: some tools are out, a few overdue (borrowers with a
phone), one or two due today, one or two reserved for the coming days, one in repair, one lost
(its deposit kept), one retired with its reason. Nothing happens from today on, as the rest of
the cash desk. Descriptions and notes are Italian desk data, not translated. Chance comes from
the ``random.Random`` given, so adding the tool library changed nothing else of a seed.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Closure, Loan, Person, Tool, ToolEvent, ToolReservation
from app.demo_cash import CARDS_SINCE, Cashier, Draft, Payer, Payers, cashier, insert_rows, insert_values, stored
from app.demo_tools_data import (
    CATALOGUE,
    KEPT_REASONS,
    LOST_KEPT_REASON,
    LOST_REASONS,
    MISSING_NOTES,
    REPAIR_NOTES,
    RESERVATION_NOTES,
    RETIRED_REASONS,
    ToolKind,
)
from app.services.cash_rules import Direction, PaymentMethod
from app.services.roles import Role
from app.services.tool_rules import (
    DEPOSIT,
    DEPOSIT_RETURNED,
    LOAN_LINK,
    ToolEventKind,
    ToolStatus,
    code_prefix,
)
from app.services.tools import ToolDraft, ToolService

# (tools, loans) of each size; the small demo has one or two of each kind of ``CATALOGUE``.
SIZES: dict[str, tuple[int, int]] = {"small": (0, 400), "large": (500, 60_000)}
# How many tools of each size end "today" in each scripted state.
ROLES: dict[str, dict[str, int]] = {
    "small": {"overdue": 3, "due_today": 2, "out": 4, "reserved": 2, "repair": 1, "lost": 1, "retired": 1},
    "large": {"overdue": 25, "due_today": 12, "out": 0, "reserved": 10, "repair": 6, "lost": 4, "retired": 8},
}
# What the Italian desk writes for a deposit and its refund (``tool_deposits``, in Italian).
DEPOSIT_DESCRIPTION = "cauzione per {code} {name}"
REFUND_DESCRIPTION = "cauzione restituita per {code} {name}"
_STARTING_STOCK = 0.25  # of the tools there on the library's first day; the others came later
_SCRIPTED_CUT_DAYS = 60  # a scripted tool's ordinary loans start before today minus this


@dataclass
class _Tool:
    id: int
    kind: ToolKind
    code: str
    brand: str
    model: str
    created_at: datetime
    role: str = ""
    status: str = ToolStatus.AVAILABLE.value
    status_reason: str = ""
    updated_at: datetime | None = None


@dataclass
class _Loan:
    tool: _Tool
    person: Payer
    out_at: datetime
    due_day: date
    lent_by: int
    returned_at: datetime | None = None
    returned_by: int | None = None
    components_ok: bool | None = None
    return_note: str = ""
    kept_reason: str | None = None
    extended: tuple[datetime, date, int] | None = None  # when, the due day before, by whom
    repair: bool = False  # sent to repair when it came back
    id: int = 0


@dataclass
class _Event:
    tool: _Tool
    at: datetime
    kind: ToolEventKind
    status: ToolStatus
    user_id: int | None
    loan: _Loan | None = None
    person_id: int | None = None
    note: str = ""


@dataclass
class _Library:
    tools: list[_Tool] = field(default_factory=list)
    loans: list[_Loan] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    reservations: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ToolCounts:
    tools: int
    loans: int
    open: int


def write_tools(
    session: Session,
    rng: random.Random,
    *,
    size: str,
    now: datetime,
    opening: date,
    users: Sequence[Cashier],
    payers: Payers,
    cards: Sequence[Draft],
) -> tuple[ToolCounts, list[Draft]]:
    """Insert the tool library in the caller's transaction; returns its counts and the deposits'
    payments (in and out, in no order), for ``write_cash`` to number with the others."""
    phones = set(session.scalars(select(Person.id).where(Person.phone != "")))
    generator = _Generator(rng, size, now, opening, users, payers, cards, phones, _closed_days(session))
    library = generator.build()
    _insert(session, library, now)
    drafts = _deposits(rng, library)
    open_loans = sum(1 for loan in library.loans if loan.returned_at is None)
    return ToolCounts(len(library.tools), len(library.loans), open_loans), drafts


def _closed_days(session: Session) -> frozenset[date]:
    days: set[date] = set()
    for first, last in session.execute(select(Closure.first_day, Closure.last_day)):
        day: date = first
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        size: str,
        now: datetime,
        opening: date,
        users: Sequence[Cashier],
        payers: Payers,
        cards: Sequence[Draft],
        phones: set[int],
        closed: frozenset[date],
    ) -> None:
        self._rng = rng
        self._size = size
        self._today = now.date()
        self._until = datetime.combine(self._today, time())  # nothing happens today yet
        self._opening = opening
        self._users = users
        self._closed = closed
        self._people = payers.people
        self._people_since = [payer.since for payer in payers.people]
        self._phones = phones
        # Each year's card holders, in the order they bought the card.
        holders: dict[int, list[tuple[datetime, Payer]]] = {}
        for card in cards:
            if card.card_year is not None and card.payer is not None and card.payer.person_id is not None:
                holders.setdefault(card.card_year, []).append((card.at, card.payer))
        self._holders = {year: sorted(rows, key=lambda row: row[0]) for year, rows in holders.items()}
        self._holders_since = {year: [at for at, _payer in rows] for year, rows in self._holders.items()}
        self._library = _Library()

    # -- the whole library ------------------------------------------------------------------------

    def build(self) -> _Library:
        rng = self._rng
        tools = self._catalogue()
        roles = ROLES[self._size]
        candidates = list(tools)
        rng.shuffle(candidates)
        for role, count in roles.items():
            for _number in range(count):
                tool = next(tool for tool in candidates if not tool.role and self._fits(tool, role))
                tool.role = role
        wanted = SIZES[self._size][1]
        weights = [(self._today - tool.created_at.date()).days * tool.kind.popularity for tool in tools]
        total = sum(weights)
        for tool, weight in zip(tools, weights, strict=True):
            share = wanted * weight / total
            self._history(tool, share)
        library = self._library
        library.tools = tools
        library.loans.sort(key=lambda loan: (loan.out_at, loan.tool.id))
        for number, loan in enumerate(library.loans, start=1):
            loan.id = number
        return library

    def _fits(self, tool: _Tool, role: str) -> bool:
        if role == "lost":
            return tool.kind.deposit_cents > 0  # its deposit is kept
        if role == "repair":
            return bool(tool.kind.components) or tool.kind.deposit_cents > 0  # worth repairing
        return True

    def _catalogue(self) -> list[_Tool]:
        """The tools, in the order they joined the library, with codes numbered by category."""
        rng = self._rng
        count = SIZES[self._size][0]
        kinds: list[ToolKind] = []
        if count == 0:
            kinds = [kind for kind in CATALOGUE for _copy in range(kind.copies)]
        else:
            weights = [kind.weight for kind in CATALOGUE]
            kinds = [kind for kind in CATALOGUE for _copy in range(max(1, kind.weight * count // sum(weights)))]
            kinds += rng.choices(CATALOGUE, weights=weights, k=count - len(kinds))
        rng.shuffle(kinds)
        span = (self._today - self._opening).days - 30
        starting = int(len(kinds) * _STARTING_STOCK)
        joined = []
        for index, kind in enumerate(kinds):
            days = rng.randint(0, 20) if index < starting else rng.randint(30, span)
            joined.append((self._moment(self._opening + timedelta(days=days)), index, kind))
        joined.sort(key=lambda row: (row[0], row[1]))
        numbers: dict[str, int] = {}
        made: dict[str, int] = {}
        tools = []
        for tool_id, (at, _index, kind) in enumerate(joined, start=1):
            prefix = code_prefix(kind.category)
            numbers[prefix] = numbers.get(prefix, 0) + 1
            copy = made[kind.name] = made.get(kind.name, 0) + 1
            brand, model = kind.makes[(copy - 1) % len(kind.makes)]
            tool = _Tool(tool_id, kind, f"{prefix}-{numbers[prefix]:04d}", brand, model, at)
            tools.append(tool)
            self._event(tool, at, ToolEventKind.ADDED, self._coordinator(at))
        return tools

    # -- one tool's life --------------------------------------------------------------------------

    def _history(self, tool: _Tool, share: float) -> None:
        """The tool's ordinary loans up to today (or to the start of its scripted ending), then that."""
        rng = self._rng
        span = max(1, (self._today - tool.created_at.date()).days)
        cycle = span / max(share, 0.5)
        idle = max(0.5, cycle - tool.kind.loan_days * 0.87 - 2.6)  # less the time out, and the days between
        end = self._until
        if tool.role:
            end = self._until - timedelta(days=_SCRIPTED_CUT_DAYS + (200 if tool.role == "retired" else 0))
        clamp = end + timedelta(days=20) if tool.role else self._until
        free = tool.created_at  # when the tool is next on the shelf
        at = tool.created_at + timedelta(days=rng.expovariate(1 / idle) * 0.5 + 1)
        while True:
            out_at = self._moment(at.date())
            if out_at <= free:
                out_at = free + timedelta(minutes=rng.randint(30, 120))
            if out_at >= end:
                break
            loan = self._ordinary_loan(tool, out_at, clamp)
            if loan.returned_at is None:
                return  # still out today
            free = self._repaired(tool, loan, clamp) if loan.repair else loan.returned_at
            at = free + timedelta(days=rng.expovariate(1 / idle) + 0.5)
        self._ending(tool, free + timedelta(minutes=rng.randint(30, 120)))

    def _ordinary_loan(self, tool: _Tool, out_at: datetime, clamp: datetime) -> _Loan:
        rng = self._rng
        kind = tool.kind
        loan = self._lend(tool, out_at, self._due(out_at.date() + timedelta(days=kind.loan_days)))
        length = (loan.due_day - out_at.date()).days
        chance = rng.random()
        if chance < 0.65:
            back_day = out_at.date() + timedelta(days=rng.randint(max(1, length // 2), length))
        elif chance < 0.85:
            back_day = loan.due_day
        elif chance < 0.9:
            # Extended a day or two before it was due, and back by the new day.
            at = self._moment(max(out_at.date() + timedelta(days=1), loan.due_day - timedelta(days=rng.randint(0, 2))))
            if at < clamp:
                loan.extended = (at, loan.due_day, cashier(rng, self._users, at))
                loan.due_day = self._due(loan.due_day + timedelta(days=kind.loan_days))
            back_day = loan.due_day - timedelta(days=rng.randint(0, kind.loan_days // 2))
        elif chance < 0.98:
            back_day = loan.due_day + timedelta(days=rng.randint(1, 12))
        else:
            back_day = loan.due_day + timedelta(days=rng.randint(13, 45))
        earliest = out_at + timedelta(minutes=rng.randint(20, 90))
        if loan.extended is not None:
            earliest = max(earliest, loan.extended[0] + timedelta(minutes=10))
        back = max(self._moment(back_day), earliest)
        if back >= clamp:
            if clamp == self._until and loan.due_day >= self._today:
                return loan  # out today, not yet due back
            # Not left overdue by chance (those are scripted): back on the last open day before.
            back = max(self._moment_before(clamp), earliest)
            if back >= clamp:
                back = earliest
        self._take_back(loan, back, late=(back.date() - loan.due_day).days)
        return loan

    def _take_back(self, loan: _Loan, back: datetime, *, late: int) -> None:
        rng = self._rng
        kind = loan.tool.kind
        loan.returned_at = back
        loan.returned_by = cashier(rng, self._users, back)
        loan.components_ok = True
        if kind.components and rng.random() < 0.03:
            loan.components_ok = False
            loan.return_note = rng.choice(MISSING_NOTES)
        elif rng.random() < 0.02:
            loan.repair = True
            loan.return_note = rng.choice(REPAIR_NOTES)
        if kind.deposit_cents > 0 and ((late > 20 and rng.random() < 0.5) or rng.random() < 0.003):
            loan.kept_reason = KEPT_REASONS[2] if late > 20 else rng.choice(KEPT_REASONS[:2])

    def _repaired(self, tool: _Tool, loan: _Loan, clamp: datetime) -> datetime:
        """The tool back from repair some days after ``loan`` returned (or still there at ``clamp``)."""
        assert loan.returned_at is not None
        fixed = self._moment(loan.returned_at.date() + timedelta(days=self._rng.randint(5, 40)))
        if fixed >= clamp:
            fixed = max(self._moment_before(clamp), loan.returned_at + timedelta(hours=1))
        self._event(tool, fixed, ToolEventKind.STATUS, self._coordinator(fixed), status=ToolStatus.AVAILABLE)
        return fixed

    def _ending(self, tool: _Tool, free: datetime) -> None:
        """The scripted state of the tool today; it is on the shelf from ``free``."""
        rng = self._rng
        role, kind = tool.role, tool.kind
        today = self._today
        if role in ("overdue", "due_today", "out"):
            if role == "overdue":
                due = today - timedelta(days=rng.randint(2, 24))
            elif role == "due_today":
                due = today
            else:
                due = today + timedelta(days=rng.randint(1, kind.loan_days))
            out_day = min(due - timedelta(days=kind.loan_days), today - timedelta(days=1))
            out_at = max(self._moment(out_day), free)
            if out_at >= self._until:
                out_at = self._moment_before(self._until)
            self._lend(tool, out_at, due, phone=role == "overdue")
        elif role == "reserved":
            created = self._moment(today - timedelta(days=rng.randint(1, 12)))
            first = today + timedelta(days=rng.randint(2, 10))
            last = first + timedelta(days=rng.randint(0, 3))
            person = self._borrower(created)
            user = cashier(rng, self._users, created)
            self._library.reservations.append(
                {
                    "id": len(self._library.reservations) + 1,
                    "tool_id": tool.id,
                    "person_id": person.person_id,
                    "from_day": first,
                    "to_day": last,
                    "status": "active",
                    "notes": rng.choice(RESERVATION_NOTES),
                    "loan_id": None,
                    "created_at": created,
                    "created_by_id": user,
                    "cancelled_at": None,
                }
            )
            note = f"{first.isoformat()} – {last.isoformat()}"
            self._event(tool, created, ToolEventKind.RESERVED, user, person_id=person.person_id, note=note)
        elif role == "repair":
            out_at = max(self._moment(today - timedelta(days=kind.loan_days + rng.randint(10, 30))), free)
            loan = self._lend(tool, out_at, self._due(out_at.date() + timedelta(days=kind.loan_days)))
            back = max(self._moment(loan.due_day), loan.out_at + timedelta(hours=2))
            self._take_back(loan, min(back, self._moment_before(self._until)), late=0)
            loan.components_ok, loan.repair, loan.kept_reason = True, True, None
            loan.return_note = rng.choice(REPAIR_NOTES)
        elif role == "lost":
            out_at = max(self._moment(today - timedelta(days=rng.randint(45, 55))), free)
            loan = self._lend(tool, out_at, self._due(out_at.date() + timedelta(days=kind.loan_days)))
            back = self._moment(today - timedelta(days=rng.randint(3, 8)))
            self._take_back(loan, back, late=(back.date() - loan.due_day).days)
            loan.components_ok, loan.repair = False, False
            loan.return_note, loan.kept_reason = LOST_REASONS[0], LOST_KEPT_REASON
            lost_at = back + timedelta(minutes=5)
            tool.status, tool.status_reason = ToolStatus.LOST.value, LOST_REASONS[0]
            self._event(
                tool, lost_at, ToolEventKind.STATUS, loan.returned_by, status=ToolStatus.LOST, note=LOST_REASONS[0]
            )
        elif role == "retired":
            at = max(self._moment(today - timedelta(days=rng.randint(30, 150))), free)
            reason = rng.choice(RETIRED_REASONS)
            tool.status, tool.status_reason = ToolStatus.RETIRED.value, reason
            self._event(tool, at, ToolEventKind.STATUS, self._coordinator(at), status=ToolStatus.RETIRED, note=reason)

    # -- actions as the services write them -------------------------------------------------------

    def _lend(self, tool: _Tool, out_at: datetime, due: date, *, phone: bool = False) -> _Loan:
        loan = _Loan(tool, self._borrower(out_at, phone=phone), out_at, due, cashier(self._rng, self._users, out_at))
        self._library.loans.append(loan)
        return loan

    def _borrower(self, at: datetime, *, phone: bool = False) -> Payer:
        """A card holder of the year by ``at`` (of the year before early in January), else anyone known."""
        rng = self._rng
        for year in (at.year, at.year - 1):
            known = bisect.bisect_right(self._holders_since.get(year, []), at)
            if known:
                for _attempt in range(20):
                    payer = self._holders[year][rng.randrange(known)][1]
                    if not phone or payer.person_id in self._phones:
                        return payer
        known = bisect.bisect_right(self._people_since, at)
        pool = self._people[:known] or self._people[:1]
        for _attempt in range(50):
            payer = rng.choice(pool)
            if not phone or payer.person_id in self._phones:
                return payer
        return pool[0]

    def _event(
        self,
        tool: _Tool,
        at: datetime,
        kind: ToolEventKind,
        user_id: int | None,
        *,
        status: ToolStatus | None = None,
        loan: _Loan | None = None,
        person_id: int | None = None,
        note: str = "",
    ) -> None:
        shown = status or ToolStatus(tool.status)
        self._library.events.append(_Event(tool, at, kind, shown, user_id, loan, person_id, note))

    # -- days and moments -------------------------------------------------------------------------

    def _due(self, day: date) -> date:
        """As ``next_open_day``: off the days the house is closed."""
        while day in self._closed:
            day += timedelta(days=1)
        return day

    def _moment(self, day: date) -> datetime:
        """A time in the opening hours of ``day`` or the next open day (not a Sunday, not closed)."""
        while day.weekday() == 6 or day in self._closed:
            day += timedelta(days=1)
        return datetime.combine(day, time(9, 0)) + timedelta(minutes=self._rng.randint(0, 600))

    def _moment_before(self, limit: datetime) -> datetime:
        """A time in the opening hours of the last open day before ``limit``'s."""
        day = limit.date() - timedelta(days=1)
        while day.weekday() == 6 or day in self._closed:
            day -= timedelta(days=1)
        return datetime.combine(day, time(9, 0)) + timedelta(minutes=self._rng.randint(0, 600))

    def _coordinator(self, at: datetime) -> int:
        return cashier(self._rng, self._users, at, (Role.COORDINATOR, Role.ADMIN))


# -- events, rows and payments --------------------------------------------------------------------


def _loan_events(library: _Library) -> list[_Event]:
    """The lines of history each loan leaves, as ``LoanService`` writes them."""
    events = []
    for loan in library.loans:
        tool, person = loan.tool, loan.person.person_id
        events.append(_Event(tool, loan.out_at, ToolEventKind.LENT, ToolStatus.ON_LOAN, loan.lent_by, loan, person))
        if loan.extended is not None:
            at, before, user = loan.extended
            note = f"{before.isoformat()} → {loan.due_day.isoformat()}"
            events.append(_Event(tool, at, ToolEventKind.EXTENDED, ToolStatus.ON_LOAN, user, loan, person, note))
        if loan.returned_at is None:
            continue
        available = ToolStatus.AVAILABLE
        returned = _Event(tool, loan.returned_at, ToolEventKind.RETURNED, available, loan.returned_by, loan, person)
        returned.note = loan.return_note
        events.append(returned)
        if loan.repair:
            repair = ToolStatus.IN_REPAIR
            note = loan.return_note
            events.append(
                _Event(tool, loan.returned_at, ToolEventKind.REPAIR, repair, loan.returned_by, loan, None, note)
            )
    return events


def _final_states(library: _Library, now: datetime) -> None:
    """Each tool's status today, from its last status-changing line of history."""
    last: dict[int, _Event] = {}
    for event in library.events:
        if event.kind not in (ToolEventKind.RESERVED, ToolEventKind.ADDED):
            last[event.tool.id] = event
    for tool in library.tools:
        tool.updated_at = tool.created_at
        if tool.id not in last:
            continue
        event = last[tool.id]
        tool.status = event.status.value
        if event.status is ToolStatus.IN_REPAIR:
            tool.status_reason = event.note
        elif event.status in (ToolStatus.AVAILABLE, ToolStatus.ON_LOAN):
            tool.status_reason = ""
        if event.kind is not ToolEventKind.LENT and event.kind is not ToolEventKind.EXTENDED:
            tool.updated_at = min(event.at, now)


def _insert(session: Session, library: _Library, now: datetime) -> None:
    library.events += _loan_events(library)
    library.events.sort(key=lambda event: (event.at, event.tool.id, _ORDER[event.kind]))
    _final_states(library, now)
    tool_rows = []
    for tool in library.tools:
        kind = tool.kind
        row = Tool(
            id=tool.id,
            status=tool.status,
            status_reason=tool.status_reason,
            created_at=tool.created_at,
            updated_at=tool.updated_at,
        )
        draft = ToolDraft(
            code=tool.code,
            name=kind.name,
            category=kind.category,
            brand=tool.brand,
            model=tool.model,
            serial="",
            condition="",
            deposit_cents=kind.deposit_cents,
            loan_days=kind.loan_days,
            notes="",
            components=kind.components,
        )
        ToolService._apply(row, draft)  # the keys exactly as the catalogue computes them
        tool_rows.append({column.key: getattr(row, column.key) for column in Tool.__table__.columns})
    insert_rows(session, Tool.__table__, tool_rows)  # type: ignore[arg-type]
    insert_values(
        session,
        Loan.__table__,  # type: ignore[arg-type]
        (
            "id",
            "tool_id",
            "person_id",
            "out_at",
            "due_day",
            "returned_at",
            "deposit_cents",
            "deposit_waived",
            "components_ok",
            "return_note",
            "deposit_kept_reason",
            "lent_by_id",
            "returned_by_id",
        ),
        (
            (
                loan.id,
                loan.tool.id,
                loan.person.person_id,
                stored(loan.out_at),
                loan.due_day.isoformat(),
                None if loan.returned_at is None else stored(loan.returned_at),
                loan.tool.kind.deposit_cents,
                0,
                None if loan.components_ok is None else int(loan.components_ok),
                loan.return_note,
                loan.kept_reason,
                loan.lent_by,
                loan.returned_by,
            )
            for loan in library.loans
        ),
    )
    insert_values(
        session,
        ToolEvent.__table__,  # type: ignore[arg-type]
        ("id", "tool_id", "at", "kind", "status", "loan_id", "person_id", "user_id", "note"),
        (
            (
                number,
                event.tool.id,
                stored(event.at),
                event.kind.value,
                event.status.value,
                None if event.loan is None else event.loan.id,
                event.person_id,
                event.user_id,
                event.note,
            )
            for number, event in enumerate(library.events, start=1)
        ),
    )
    insert_rows(session, ToolReservation.__table__, library.reservations)  # type: ignore[arg-type]


# Of two lines of a tool at the same moment, the one written first.
_ORDER = {
    ToolEventKind.ADDED: 0,
    ToolEventKind.RESERVED: 1,
    ToolEventKind.RETURNED: 2,
    ToolEventKind.REPAIR: 3,
    ToolEventKind.STATUS: 4,
    ToolEventKind.LENT: 5,
    ToolEventKind.EXTENDED: 6,
    ToolEventKind.EDITED: 7,
    ToolEventKind.RESERVATION_CANCELLED: 8,
}


def _deposits(rng: random.Random, library: _Library) -> list[Draft]:
    """Each deposit taken when its tool went out, and given back when it came back (unless kept)."""
    drafts = []
    for loan in library.loans:
        tool = loan.tool
        amount = tool.kind.deposit_cents
        if amount <= 0:
            continue
        card = loan.out_at.date() >= CARDS_SINCE and rng.random() < 0.15
        drafts.append(
            Draft(
                at=loan.out_at,
                direction=Direction.IN,
                amount_cents=amount,
                method=PaymentMethod.CARD if card else PaymentMethod.CASH,
                category=DEPOSIT,
                payer=loan.person,
                description=DEPOSIT_DESCRIPTION.format(code=tool.code, name=tool.kind.name),
                user_id=loan.lent_by,
                link_kind=LOAN_LINK,
                link_id=loan.id,
            )
        )
        if loan.returned_at is not None and loan.kept_reason is None:
            assert loan.returned_by is not None
            drafts.append(
                Draft(
                    at=loan.returned_at,
                    direction=Direction.OUT,
                    amount_cents=amount,
                    method=PaymentMethod.CASH,
                    category=DEPOSIT_RETURNED,
                    payer=loan.person,
                    description=REFUND_DESCRIPTION.format(code=tool.code, name=tool.kind.name),
                    user_id=loan.returned_by,
                    link_kind=LOAN_LINK,
                    link_id=loan.id,
                )
            )
    return drafts
