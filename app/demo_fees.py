"""The demo house's workshop fees at the cash desk: members' reduced fees, and the enrolments paid.

``demo_workshops`` writes the enrolments with the workshop's full fee, since the membership cards
are drawn later, by the cash desk (``demo_cash``). ``write_cash`` then calls ``enrolment_fees``,
which reads the enrolments back and settles them as the desk would have:

- the fee of an enrolment is the one ``enrolments`` fixes when the person gets their place: the
  members' fee (``fee_for``) for whoever held a card of that year by then (``is_member``), else the
  full fee; now and then a person buys the card at the desk just before asking for a place, to pay
  less;
- what each enrolment owes is counted as ``enrolment_dues`` counts it, and it is paid as the desk
  takes it: a payment of category workshop fee from the person, linked to the enrolment
  (``link_kind="enrolment"``), with a receipt numbered by ``write_cash`` with all the others;
- a course fee is paid when the place is given, at the first meeting, or a few weeks later; a fee
  per session is paid by the month, early in the next month (``demo_dues.Payments.periodic``);
- nothing is paid from "today" on: this season's late payers and this month's sessions are owed.

The descriptions are the Italian desk's (as ``enrolment_dues`` words them for a balance), since
payments are data typed in Italian. Chance comes from the ``random.Random`` given.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.models import Closure, Enrolment, Workshop
from app.demo_cash import CARDS_SINCE, WORKSHOP_FEE, Cashier, Draft, Payers, cashier
from app.demo_dues import Account, Payments
from app.services.cash_rules import MEMBERSHIP, Direction, PaymentMethod
from app.services.enrolment_dues import ENROLMENT, enrolment_due, held_session_starts, sessions_while_enrolled
from app.services.workshop_rules import FeeKind, fee_for

# What the Italian desk writes for a course fee (``enrolment_dues``, in Italian).
COURSE_FEE_DESCRIPTION = "{workshop}: quota del corso"
CARD_AT_ENROLMENT = 0.2  # of the people without a card who ask in person for a place with a members' fee
_UP_FRONT = 0.4  # of the course fees paid when the place is given (in person)
_LATE = 0.15  # paid one to eight weeks after the first meeting (the rest at the first meeting)


def card_fee(year: int) -> int:
    """The card's price in ``year``, as ``demo_cash`` sells it."""
    return 500 if year < 2020 else 1000


def enrolment_fees(
    session: Session,
    rng: random.Random,
    cards: Sequence[Draft],
    payers: Payers,
    users: Sequence[Cashier],
    now: datetime,
) -> list[Draft]:
    """Give members their fee (updating the enrolments) and return the cards sold at enrolment and
    the payments of the fees made before the day of ``now``, in no order."""
    closed = _closed_days(session)
    until = datetime.combine(now.date(), time())  # nothing is sold today yet
    people = {payer.person_id: payer for payer in payers.people}
    held_by: dict[tuple[int, int], datetime] = {}
    for card in cards:
        if card.payer is not None and card.payer.person_id is not None and card.card_year is not None:
            held_by[card.payer.person_id, card.card_year] = card.at
    statement = (
        select(
            Enrolment.id,
            Enrolment.workshop_id,
            Enrolment.person_id,
            Enrolment.status,
            Enrolment.requested_at,
            Enrolment.enrolled_at,
            Enrolment.withdrawn_at,
            Workshop.title,
            Workshop.fee_kind,
            Workshop.fee_cents,
            Workshop.member_fee_cents,
        )
        .join(Workshop, Workshop.id == Enrolment.workshop_id)
        .where(Workshop.fee_cents > 0, Enrolment.enrolled_at.is_not(None))
        .order_by(Enrolment.enrolled_at, Enrolment.id)
    )
    rows = session.execute(statement).all()
    held = held_session_starts(session, (row.workshop_id for row in rows), now)
    payments = Payments(rng, payers, users, now, {}, closed)
    sold: list[Draft] = []
    members: list[dict[str, object]] = []
    for row in rows:
        year = row.enrolled_at.year
        bought = held_by.get((row.person_id, year))
        payer = people[row.person_id]
        if (
            bought is None
            and row.member_fee_cents is not None
            and row.enrolled_at == row.requested_at
            and rng.random() < CARD_AT_ENROLMENT
        ):
            at = row.requested_at - timedelta(minutes=2)
            if at.year == year and payer.since <= at < until:
                bought = held_by[row.person_id, year] = at
                method = PaymentMethod.CARD if at.date() >= CARDS_SINCE and rng.random() < 0.2 else PaymentMethod.CASH
                sold.append(
                    Draft(
                        at=at,
                        direction=Direction.IN,
                        amount_cents=card_fee(year),
                        method=method,
                        category=MEMBERSHIP,
                        payer=payer,
                        description="",
                        user_id=cashier(rng, users, at),
                        card_year=year,
                    )
                )
        member = bought is not None and bought <= row.enrolled_at
        fee, member_fee = fee_for(fee_cents=row.fee_cents, member_fee_cents=row.member_fee_cents, member=member)
        if member_fee:
            members.append({"id": row.id, "fee_cents": fee, "member_fee": True})
        # A copy outside the session, with the fee it has now, for the dues' own arithmetic.
        enrolment = Enrolment(
            id=row.id,
            workshop_id=row.workshop_id,
            person_id=row.person_id,
            status=row.status,
            requested_at=row.requested_at,
            enrolled_at=row.enrolled_at,
            withdrawn_at=row.withdrawn_at,
            fee_cents=fee,
        )
        _pay(payments, rng, enrolment, row.title, FeeKind(row.fee_kind), held[row.workshop_id], now)
    if members:
        session.execute(update(Enrolment), members)
    return sold + payments.drafts


def _pay(
    payments: Payments,
    rng: random.Random,
    enrolment: Enrolment,
    title: str,
    kind: FeeKind,
    held: Sequence[datetime],
    now: datetime,
) -> None:
    """The payments of what ``enrolment`` owes by now, as the desk would have taken them."""
    due = enrolment_due(enrolment, kind, held, now)
    if due <= 0:
        return
    assert enrolment.enrolled_at is not None  # it owes
    start, end = _while_enrolled(enrolment, held, now)
    account = Account(
        kind=ENROLMENT,
        link_id=enrolment.id,
        person_id=enrolment.person_id,
        organisation_id=None,
        price_cents=enrolment.fee_cents,
        created=enrolment.enrolled_at,
        label=title,
        started=tuple(held[start:end]),
        category=WORKSHOP_FEE,
    )
    if kind is FeeKind.SESSION:
        payments.periodic(account)
        return
    first = held[start] if start < end else None
    chance = rng.random()
    if chance < _UP_FRONT and enrolment.enrolled_at == enrolment.requested_at:  # asked in person
        at = enrolment.enrolled_at + timedelta(minutes=rng.randint(1, 5))
    elif first is None:
        return  # paid at the first meeting, still to come
    elif chance < 1 - _LATE:
        # On the day of the first meeting, once enrolled (a place may be given that very day).
        at = max(payments.moment(first.date()), enrolment.enrolled_at + timedelta(minutes=rng.randint(1, 5)))
    else:
        at = payments.moment(first.date() + timedelta(days=rng.randint(7, 56)))
    payments.add(account, at, due, COURSE_FEE_DESCRIPTION.format(workshop=title))


def _while_enrolled(enrolment: Enrolment, held: Sequence[datetime], now: datetime) -> tuple[int, int]:
    """The slice of ``held`` that started while the person was enrolled."""
    assert enrolment.enrolled_at is not None
    start = bisect_left(held, enrolment.enrolled_at)
    return start, start + sessions_while_enrolled(enrolment, held, now)


def _closed_days(session: Session) -> frozenset[int]:
    """The ordinals of the days the house was closed (nobody paid then)."""
    days: set[int] = set()
    for first, last in session.execute(select(Closure.first_day, Closure.last_day)):
        day: date = first
        while day <= last:
            days.add(day.toordinal())
            day += timedelta(days=1)
    return frozenset(days)
