"""The demo house's cash desk: ten years of payments, receipts, membership cards and closings.

Called by ``app.demo``. The rows are generated in memory and inserted in bulk, but every rule comes
from the services: receipt and card numbers from ``next_number``, the stamp duty from
``stamp_duty``, the payer printed on a receipt from ``person_payer``/``organisation_payer``, who may
stay anonymous from ``ANONYMOUS_MAX_CENTS``, and the closings are saved by the desk's own
``close_in_session``. Chance comes from its own ``random.Random``, so adding the cash desk did not
change the people of a seed.

The rooms are paid for their bookings (``demo_dues`` makes those payments, linked to the bookings
and series as the desk links them) and the workshops for their enrolments (``demo_fees``, which
also gives members their reduced fee and sells a card now and then at enrolment); ``write_cash``
numbers their receipts with all the others, one gapless numbering per year, and the closings count
them like any payment.

Texts are data typed at the desk (descriptions, cancellation reasons), so they are not translated.
"""

from __future__ import annotations

import bisect
import operator
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.clock import FixedClock
from app.db.models import Membership, Organisation, Payment, PaymentCategory, Person, Receipt
from app.i18n import _, format_number
from app.services.cash_closing import CashFigures, close_in_session, summary_lines
from app.services.cash_rules import (
    ANONYMOUS,
    ANONYMOUS_MAX_CENTS,
    MEMBERSHIP,
    STAMP_DUTY_MODE_KEY,
    Direction,
    PayerSnapshot,
    PaymentMethod,
    StampDutyMode,
    next_number,
    organisation_payer,
    person_payer,
    stamp_duty,
)
from app.services.house import write_setting
from app.services.roles import Actor, Role

# Payments drawn over the ten years (membership cards included) before the room hires and workshop
# fees among them are left out: the rooms are paid for the calendar's bookings instead
# (``demo_dues``), the workshops for their enrolments (``demo_fees``). Drawing them all the same
# keeps the other payments of a seed as they were before the calendar and the workshops came.
DRAWN: dict[str, int] = {"small": 2_000, "large": 120_000}
ROOM_HIRE = "room_hire"
WORKSHOP_FEE = "workshop_fee"
# The house registered as a third-sector body and took the stamp-duty exemption on this day.
EXEMPT_SINCE = date(2022, 7, 1)
CARDS_SINCE = date(2019, 3, 1)  # the desk's card reader
CLOSED_DAYS = 20  # the last open days have their cash closed
OPENING_FLOAT_CENTS = 10_000
MEMBER_SHARE = 0.12  # of the people known by a year who buy that year's card

# (code, weight, amounts in cents, descriptions, chance of an organisation paying)
_KINDS: tuple[tuple[str, float, tuple[int, ...], tuple[str, ...], float], ...] = (
    ("service_ticket", 40, (150, 150, 200, 300), ("Doccia", "Doccia", "Lavatrice", "Doccia e asciugamano"), 0.0),
    (
        "workshop_fee",
        22,
        (2000, 3000, 4000, 5000, 6000, 8000, 12000),
        (
            "Laboratorio di sartoria",
            "Corso di italiano per adulti",
            "Yoga del mercoledì",
            "Ciclofficina: corso base",
            "Cucito creativo",
            "Teatro di quartiere",
            "Cucina dal mondo",
        ),
        0.05,
    ),
    ("room_hire", 10, (3000, 4500, 6000, 8000, 12000, 16000, 24000, 32000), (), 0.75),
    ("donation", 12, (500, 1000, 1000, 2000, 5000, 10000, 15000), ("", "", "Erogazione liberale"), 0.1),
    (
        "deposit",
        8,
        (1000, 2000, 3000, 5000),
        ("Cauzione trapano", "Cauzione scala", "Cauzione tagliaerba", "Cauzione proiettore", "Cauzione tenda"),
        0.0,
    ),
    (
        "other",
        8,
        (200, 500, 800, 1500, 3000),
        ("Fotocopie", "Cena sociale", "Mercatino del libro usato", "Tessera attrezzi smarrita", "Festa di quartiere"),
        0.05,
    ),
)
_OFTEN_ANONYMOUS = ("service_ticket", "donation", "other")
_ROOMS = ("Sala Grande", "Sala Riunioni", "Cortile", "Cucina di quartiere", "Sala Laboratori")
_REASONS = (
    "Importo sbagliato",
    "Intestata alla persona sbagliata",
    "Categoria sbagliata",
    "Metodo di pagamento sbagliato",
    "Il corso non è partito: quota restituita",
)
_REFUND = _REASONS[-1]
# What the Italian desk's sale of a card writes (MembershipService.sell, in Italian).
CARD_DESCRIPTION = "tessera n. {number} per il {year}"


@dataclass(frozen=True)
class Payer:
    person_id: int | None
    organisation_id: int | None
    since: datetime
    snapshot: PayerSnapshot
    key: str  # snapshot.key, folded once rather than for each of thousands of receipts


@dataclass(frozen=True)
class Cashier:
    id: int
    role: Role
    since: datetime


@dataclass(frozen=True)
class Payers:
    """The people and the organisations as payers, each in the order they registered."""

    people: list[Payer]
    organisations: list[Payer]


@dataclass
class Draft:
    """A payment being generated; ids and numbers are settled once all are sorted by time."""

    at: datetime
    direction: Direction
    amount_cents: int
    method: PaymentMethod
    category: str
    payer: Payer | None
    description: str
    user_id: int
    cancel: tuple[datetime, int, str] | None = None
    reprints: int = 0
    card_year: int | None = None
    seq: int = 0
    link_kind: str | None = None  # what the payment settles, as the desk links it (``booking_dues``)
    link_id: int | None = None


@dataclass(frozen=True)
class CashCounts:
    payments: int
    receipts: int
    memberships: int
    closings: int


def _people_payers(session: Session) -> list[Payer]:
    """The people as payers, in the order they registered."""
    rows = session.execute(
        select(Person.id, Person.family_name, Person.given_name, Person.address, Person.created_at).order_by(
            Person.created_at, Person.id
        )
    )
    payers = []
    for person_id, family, given, address, created in rows:
        snapshot = person_payer(Person(family_name=family, given_name=given, address=address))
        payers.append(Payer(person_id, None, created, snapshot, snapshot.key))
    return payers


def _organisation_payers(session: Session) -> list[Payer]:
    rows = session.execute(
        select(Organisation.id, Organisation.name, Organisation.fiscal_code, Organisation.created_at).order_by(
            Organisation.created_at, Organisation.id
        )
    )
    payers = []
    for organisation_id, name, fiscal_code, created in rows:
        snapshot = organisation_payer(Organisation(name=name, fiscal_code=fiscal_code))
        payers.append(Payer(None, organisation_id, created, snapshot, snapshot.key))
    return payers


def cash_payers(session: Session) -> Payers:
    return Payers(_people_payers(session), _organisation_payers(session))


def cashier(rng: random.Random, users: Sequence[Cashier], at: datetime, roles: tuple[Role, ...] = tuple(Role)) -> int:
    """One of the ``users`` with one of ``roles`` working at the desk by ``at`` (else the first)."""
    present = [user.id for user in users if user.since <= at and user.role in roles]
    return rng.choice(present or [users[0].id])


def write_cash(
    session: Session,
    rng: random.Random,
    *,
    size: str,
    today: date,
    opening: date,
    users: Sequence[Cashier],
    payers: Payers,
    rooms_paid: Sequence[Draft] = (),
    tools: random.Random | None = None,
    progress: Callable[[str], None] | None = None,
) -> CashCounts:
    """Generate and insert the cash desk of the demo house in the caller's transaction.

    Args:
        rooms_paid: the payments for the bookings (``demo_dues``), numbered here with the others.
        tools: the chance of the tool library (``demo_tools``), lent to this cash desk's card
            holders; its deposits, taken and given back, replace the deposits drawn here.
        progress: told how many receipts are being written.
    """
    categories = {
        category.code: category for category in session.scalars(select(PaymentCategory)) if category.code is not None
    }
    generator = _Generator(rng, today, opening, users, payers.people, payers.organisations)
    cards = generator.memberships()
    drafts = cards + generator.payments(DRAWN[size] - len(cards))
    drafts += generator.deposits_returned(drafts)
    # The room hires and workshop fees drawn give way to the payments of the calendar's bookings
    # and of the workshops' enrolments (see ``DRAWN``).
    replaced = (ROOM_HIRE, WORKSHOP_FEE) + (("deposit", "deposit_returned") if tools is not None else ())
    drafts = [draft for draft in drafts if draft.category not in replaced]
    drafts += rooms_paid
    # Imported here: ``demo_fees`` and ``demo_tools`` build on this module (drafts, payers, cashiers).
    from app.demo_fees import enrolment_fees
    from app.demo_tools import write_tools

    now = datetime.combine(today, time(9, 0))
    drafts += enrolment_fees(session, random.Random(rng.getrandbits(64)), cards, payers, users, now)
    if tools is not None:
        drafts += write_tools(
            session, tools, size=size, now=now, opening=opening, users=users, payers=payers, cards=cards
        )[1]
    drafts.sort(key=lambda draft: (draft.at, draft.seq))  # stable: the rooms' payments keep their order
    if progress is not None:
        count = sum(1 for draft in drafts if draft.direction is Direction.IN)
        progress(_("Writing {count} receipts…").format(count=format_number(count)))

    payments: list[dict[str, Any]] = []
    receipts: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    last_receipt: dict[int, int] = {}
    last_card: dict[int, int] = {}
    for payment_id, draft in enumerate(drafts, start=1):
        category = categories[draft.category]
        if draft.card_year is not None and draft.payer is not None and draft.payer.person_id is not None:
            number = last_card[draft.card_year] = next_number(last_card.get(draft.card_year))
            draft.description = CARD_DESCRIPTION.format(number=number, year=draft.card_year)
            memberships.append(
                {
                    "id": len(memberships) + 1,
                    "person_id": draft.payer.person_id,
                    "year": draft.card_year,
                    "card_number": number,
                    "fee_cents": draft.amount_cents,
                    "payment_id": payment_id,
                }
            )
        payments.append(_payment_row(payment_id, draft, category.id))
        if draft.direction is Direction.IN:
            number = last_receipt[draft.at.year] = next_number(last_receipt.get(draft.at.year))
            receipts.append(_receipt_row(len(receipts) + 1, number, payment_id, draft, category.stamp_exempt))
    for model, rows in ((Payment, payments), (Receipt, receipts), (Membership, memberships)):
        insert_rows(session, model.metadata.tables[model.__tablename__], rows)
    write_setting(session, STAMP_DUTY_MODE_KEY, StampDutyMode.EXEMPT.value)
    closings = _close_last_days(session, rng, today, users)
    return CashCounts(len(payments), len(receipts), len(memberships), closings)


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (complete, all with the same keys) into ``table`` with one executemany.

    The values are stored exactly as a Core insert stores them (each column type's own bind
    processor, such as the text form of a datetime), but without SQLAlchemy's work for each row:
    a quarter of the time of the large demo's 360,000 payments, receipts and cards. (The ORM's
    bulk path would also split the rows wherever a value is None.)
    """
    if not rows:
        return
    names = list(rows[0])
    dialect = session.get_bind().dialect
    processors = [
        (index, processor)
        for index, name in enumerate(names)
        if (processor := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    values = operator.itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    params: list[tuple[Any, ...]] = []
    for row in rows:
        row_values = list(values(row))
        for index, processor in processors:
            row_values[index] = processor(row_values[index])
        params.append(tuple(row_values))
    marks = ", ".join("?" * len(names))
    session.connection().exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", params)


def stored(moment: datetime) -> str:
    """``moment`` as SQLAlchemy stores a ``DateTime`` in SQLite, for ``insert_values``."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}"
    )


def insert_values(session: Session, table: Table, names: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert ``rows``, tuples of the ``names`` columns already as SQLite stores them (datetimes
    through ``stored``), with one executemany: the fastest way for the million visits."""
    marks = ", ".join("?" * len(names))
    statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
    session.connection().exec_driver_sql(statement, list(rows))


def _payment_row(payment_id: int, draft: Draft, category_id: int) -> dict[str, Any]:
    payer = draft.payer
    return {
        "id": payment_id,
        "at": draft.at,
        "direction": draft.direction.value,
        "amount_cents": draft.amount_cents,
        "method": draft.method.value,
        "category_id": category_id,
        "payer_person_id": payer.person_id if payer else None,
        "payer_organisation_id": payer.organisation_id if payer else None,
        "description": draft.description,
        "user_id": draft.user_id,
        "link_kind": draft.link_kind,
        "link_id": draft.link_id,
    }


def _receipt_row(receipt_id: int, number: int, payment_id: int, draft: Draft, stamp_exempt: bool) -> dict[str, Any]:
    """The receipt the desk would have issued, with the stamp-duty setting of its day."""
    mode = StampDutyMode.EXEMPT if draft.at.date() >= EXEMPT_SINCE else StampDutyMode.APPLY
    snapshot = draft.payer.snapshot if draft.payer else ANONYMOUS
    cancelled_at, cancelled_by, reason = draft.cancel or (None, None, None)
    return {
        "id": receipt_id,
        "year": draft.at.year,
        "number": number,
        "issued_at": draft.at,
        "payment_id": payment_id,
        "total_cents": draft.amount_cents,
        "stamp_duty": stamp_duty(draft.amount_cents, category_exempt=stamp_exempt, mode=mode).value,
        "payer_name": snapshot.name,
        "payer_address": snapshot.address,
        "payer_fiscal_code": snapshot.fiscal_code,
        "payer_key": draft.payer.key if draft.payer else "",
        "user_id": draft.user_id,
        "cancelled_at": cancelled_at,
        "cancelled_by_id": cancelled_by,
        "cancel_reason": reason,
        "reprint_count": draft.reprints,
    }


def open_moment(rng: random.Random, day: date) -> datetime:
    """A time during the opening hours of ``day``: 9:00 to 19:00, and Saturday for a Sunday (closed)."""
    if day.weekday() == 6:
        day -= timedelta(days=1)
    return datetime.combine(day, time(9, 0)) + timedelta(minutes=rng.randint(0, 600))


def _close_last_days(session: Session, rng: random.Random, today: date, users: Sequence[Cashier]) -> int:
    """Close the cash of the last open days, for everyone, as a coordinator would each evening."""
    coordinator = next(user for user in users if user.role is Role.COORDINATOR)
    actor = Actor(user_id=coordinator.id, name="", role=coordinator.role)
    day, closed = today - timedelta(days=1), 0
    while closed < CLOSED_DAYS:
        if day.weekday() != 6:
            lines = summary_lines(session, day, None)
            expected = CashFigures(day, None, "", OPENING_FLOAT_CENTS, lines).expected_cents
            difference = 0 if rng.random() < 0.8 else rng.choice((-500, -200, -50, 50, 100))
            clock = FixedClock(datetime.combine(day, time(19, 45)))
            close_in_session(session, clock, actor, day, None, OPENING_FLOAT_CENTS, max(0, expected + difference))
            closed += 1
        day -= timedelta(days=1)
    return closed


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        today: date,
        opening: date,
        users: Sequence[Cashier],
        people: list[Payer],
        organisations: list[Payer],
    ) -> None:
        self._rng = rng
        self._today = today
        self._opening = opening
        self._users = users
        self._people = people
        self._people_since = [payer.since for payer in people]
        self._organisations = organisations
        self._organisations_since = [payer.since for payer in organisations]
        self._seq = 0

    # -- moments and people -----------------------------------------------------------------------

    def _moment(self, day: date) -> datetime:
        return open_moment(self._rng, day)

    def _recent_moment(self) -> datetime:
        """A moment in the ten years, more often recent: the house grew busier every year."""
        span = (self._today - self._opening).days
        return self._moment(self._today - timedelta(days=int(self._rng.triangular(1, span, 1))))

    def _known(self, payers: list[Payer], since: list[datetime], at: datetime) -> Payer | None:
        known = bisect.bisect_right(since, at)
        return payers[self._rng.randrange(known)] if known else None

    def _user(self, at: datetime, roles: tuple[Role, ...] = tuple(Role)) -> int:
        return cashier(self._rng, self._users, at, roles)

    def _draft(self, **values: Any) -> Draft:
        self._seq += 1
        return Draft(seq=self._seq, **values)

    # -- payments ---------------------------------------------------------------------------------

    def memberships(self) -> list[Draft]:
        """Each year, a share of the people known by then buys that year's card, mostly early on."""
        rng = self._rng
        drafts = []
        for year in range(self._opening.year, self._today.year + 1):
            first = max(date(year, 1, 7), self._opening)
            last = min(date(year, 12, 20), self._today - timedelta(days=1))
            if first > last:
                continue
            known = bisect.bisect_right(self._people_since, datetime.combine(last, time(0, 0)))
            fee = 500 if year < 2020 else 1000
            for person in rng.sample(self._people[:known], int(known * MEMBER_SHARE)):
                start = max(first, person.since.date() + timedelta(days=1))
                if start > last:
                    continue
                offset = int(rng.triangular(0, (last - start).days, 0))
                at = self._moment(start + timedelta(days=offset))
                if at.year != year or at.date() >= self._today:
                    continue
                method = PaymentMethod.CARD if at.date() >= CARDS_SINCE and rng.random() < 0.2 else PaymentMethod.CASH
                drafts.append(
                    self._draft(
                        at=at,
                        direction=Direction.IN,
                        amount_cents=fee,
                        method=method,
                        category=MEMBERSHIP,
                        payer=person,
                        description="",
                        user_id=self._user(at),
                        card_year=year,
                    )
                )
        return drafts

    def payments(self, wanted: int) -> list[Draft]:
        """``wanted`` incoming payments of every kind but cards, a few cancelled and issued again."""
        rng = self._rng
        weights = [kind[1] for kind in _KINDS]
        drafts: list[Draft] = []
        while len(drafts) < wanted:
            code, _weight, amounts, descriptions, organisation_share = rng.choices(_KINDS, weights=weights)[0]
            at = self._recent_moment()
            draft = self._payment(at, code, rng.choice(amounts), descriptions, organisation_share)
            if draft is None:
                continue
            drafts.append(draft)
            if len(drafts) < wanted and rng.random() < 0.006:
                drafts += self._cancel(draft, wanted - len(drafts))
            elif rng.random() < 0.02:
                draft.reprints = 1
        return drafts

    def _payment(
        self, at: datetime, code: str, amount: int, descriptions: tuple[str, ...], organisation_share: float
    ) -> Draft | None:
        rng = self._rng
        payer = None
        if rng.random() < organisation_share:
            payer = self._known(self._organisations, self._organisations_since, at)
        if payer is None and not (code in _OFTEN_ANONYMOUS and rng.random() < 0.8):
            payer = self._known(self._people, self._people_since, at)
        if payer is None and amount > ANONYMOUS_MAX_CENTS:
            return None  # the desk would have asked for a name
        description = rng.choice(descriptions) if descriptions else ""
        if code == "room_hire":
            description = f"{rng.choice(_ROOMS)}, {at + timedelta(days=rng.randint(1, 30)):%d/%m/%Y}"
        chance = rng.random()
        if at.date() >= CARDS_SINCE and chance < 0.25:
            method = PaymentMethod.CARD
        elif code in ("room_hire", "donation") and chance < 0.6:
            method = PaymentMethod.TRANSFER
        else:
            method = PaymentMethod.CASH
        return self._draft(
            at=at,
            direction=Direction.IN,
            amount_cents=amount,
            method=method,
            category=code,
            payer=payer,
            description=description,
            user_id=self._user(at),
        )

    def _cancel(self, draft: Draft, room: int) -> list[Draft]:
        """Cancel ``draft`` a few minutes later and, unless the money went back, issue the right one."""
        rng = self._rng
        reason = rng.choice(_REASONS)
        cancelled_at = draft.at + timedelta(minutes=rng.randint(2, 20))
        draft.cancel = (cancelled_at, self._user(cancelled_at, (Role.COORDINATOR, Role.ADMIN)), reason)
        if reason == _REFUND or room < 1:
            return []
        amount = draft.amount_cents + rng.choice((-100, 100, 500)) if reason == _REASONS[0] else draft.amount_cents
        method = PaymentMethod.CARD if reason == "Metodo di pagamento sbagliato" else draft.method
        return [
            self._draft(
                at=cancelled_at + timedelta(minutes=1),
                direction=Direction.IN,
                amount_cents=max(100, amount),
                method=method,
                category=draft.category,
                payer=draft.payer,
                description=draft.description,
                user_id=draft.user_id,
            )
        ]

    def deposits_returned(self, drafts: list[Draft]) -> list[Draft]:
        """Most deposits are given back in cash when the tool comes back, one to four weeks later."""
        rng = self._rng
        returned = []
        for draft in drafts:
            if draft.category != "deposit" or draft.cancel is not None or rng.random() >= 0.85:
                continue
            at = self._moment(draft.at.date() + timedelta(days=rng.randint(7, 28)))
            if at.date() >= self._today:
                continue
            returned.append(
                self._draft(
                    at=at,
                    direction=Direction.OUT,
                    amount_cents=draft.amount_cents,
                    method=PaymentMethod.CASH,
                    category="deposit_returned",
                    payer=draft.payer,
                    description=draft.description,
                    user_id=self._user(at),
                )
            )
        return returned
