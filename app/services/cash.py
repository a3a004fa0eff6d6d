"""Payments at the desk: money in or out, its category, its payer, and what is still owed.

Every incoming payment gets its receipt in the same transaction (``receipts.issue_receipt``);
outgoing payments, such as a deposit given back, get none but count in the cash summary. A
payment is never changed nor deleted: a mistake is fixed by cancelling its receipt.

What a person or an organisation still owes comes from the areas that create debts (bookings,
enrolments, loans): each registers a ``DueSource`` and links its payments with ``link_kind`` and
``link_id``. Bookings and booking series are registered (``booking_dues``); without a source
there is nothing to owe, and ``balance`` says so honestly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import Organisation, Payment, PaymentCategory, Person, Receipt, User
from app.errors import ValidationError, record_gone
from app.i18n import _, format_money
from app.services import audit
from app.services.cash_closing import is_closed_for, payments_on
from app.services.cash_rules import (
    ANONYMOUS,
    ANONYMOUS_MAX_CENTS,
    MAX_DESCRIPTION_LENGTH,
    OTHER,
    Direction,
    PayerSnapshot,
    PaymentMethod,
    category_label,
    check_amount,
    organisation_payer,
    person_payer,
    receipt_code,
)
from app.services.receipts import ReceiptDetails, issue_receipt, read_receipt
from app.services.roles import Actor, authorise
from app.services.validation import Problems, check_kinds, check_max_length, check_required, clean

# -- payments -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentDraft:
    """What the desk sends to record a payment; no payer means anonymous (small amounts only)."""

    amount_cents: int
    category_id: int
    method: PaymentMethod = PaymentMethod.CASH
    direction: Direction | None = None  # None: the category's usual direction
    payer_person_id: int | None = None
    payer_organisation_id: int | None = None
    description: str = ""
    link_kind: str | None = None
    link_id: int | None = None


@dataclass(frozen=True)
class PaymentRow:
    """One line of a list of payments (today's, or a person's)."""

    id: int
    at: datetime
    direction: Direction
    amount_cents: int
    method: PaymentMethod
    category: str
    payer_name: str
    user_name: str
    receipt_id: int | None
    receipt_code: str
    cancelled: bool


@dataclass(frozen=True)
class PaymentDetails:
    row: PaymentRow
    payer_person_id: int | None
    payer_organisation_id: int | None
    description: str
    link_kind: str | None
    link_id: int | None
    receipt: ReceiptDetails | None


def _payer(session: Session, draft: PaymentDraft, problems: Problems) -> PayerSnapshot:
    if draft.payer_person_id is not None and draft.payer_organisation_id is not None:
        problems.add("payer", _("Choose either a person or an association as the payer, not both."))
        return ANONYMOUS
    if draft.payer_person_id is not None:
        person = session.get(Person, draft.payer_person_id)
        if person is None:
            problems.add("payer", _("The chosen person no longer exists: choose them again."))
            return ANONYMOUS
        return person_payer(person)
    if draft.payer_organisation_id is not None:
        organisation = session.get(Organisation, draft.payer_organisation_id)
        if organisation is None:
            problems.add("payer", _("The chosen association no longer exists: choose it again."))
            return ANONYMOUS
        return organisation_payer(organisation)
    return ANONYMOUS


def write_payment(
    session: Session, clock: Clock, actor: Actor, draft: PaymentDraft, *, link_kinds: Iterable[str] = ()
) -> Payment:
    """Validate and save a payment, and its receipt when money comes in, in the caller's transaction.

    Raises:
        ValidationError: one message per field to fix; nothing was written.
    """
    check_kinds(draft)
    problems = Problems()
    check_amount(problems, "amount_cents", draft.amount_cents)
    if not isinstance(draft.method, PaymentMethod):
        problems.add("method", _("Choose how the money was paid: cash, card or bank transfer."))
    category = session.get(PaymentCategory, draft.category_id)
    if category is None or not category.active:
        problems.add("category_id", _("This category is no longer in use: choose another one."))
    description = clean(draft.description)
    check_max_length(problems, "description", description, MAX_DESCRIPTION_LENGTH)
    if category is not None and category.code == OTHER:
        check_required(problems, "description", description, _("Write what the payment is for."))
    payer = _payer(session, draft, problems)
    anonymous = draft.payer_person_id is None and draft.payer_organisation_id is None
    if anonymous and isinstance(draft.amount_cents, int) and draft.amount_cents > ANONYMOUS_MAX_CENTS:
        problems.add(
            "payer",
            _("Above {amount} a payment names who paid: choose the person or the association.").format(
                amount=format_money(ANONYMOUS_MAX_CENTS)
            ),
        )
    if (draft.link_kind is None) != (draft.link_id is None) or (
        draft.link_kind is not None and draft.link_kind not in set(link_kinds)
    ):
        problems.add("link", _("This payment cannot be linked to what was chosen: record it without a link."))
    if is_closed_for(session, clock.today(), actor.user_id):
        problems.add(None, _("Today's cash has already been closed: no more payments can be recorded today."))
    problems.raise_if_any()
    assert category is not None  # for the type checker: a missing category is a problem above
    payment = Payment(
        at=clock.now(),
        direction=(draft.direction or Direction(category.direction)).value,
        amount_cents=draft.amount_cents,
        method=draft.method.value,
        category_id=category.id,
        payer_person_id=draft.payer_person_id,
        payer_organisation_id=draft.payer_organisation_id,
        description=description,
        user_id=actor.user_id,
        link_kind=draft.link_kind,
        link_id=draft.link_id,
    )
    session.add(payment)
    session.flush()
    filled = [name for name, value in vars(draft).items() if value not in (None, "")]
    audit.record(session, clock, actor, "create", "payment", payment.id, filled)
    if payment.direction == Direction.IN.value:
        receipt = issue_receipt(session, payment, category, payer)
        audit.record(session, clock, actor, "create", "receipt", receipt.id, ("number", "payment_id", "year"))
    return payment


def _payment_rows(session: Session, ids: Sequence[int]) -> list[PaymentRow]:
    statement = (
        select(
            Payment,
            PaymentCategory.code,
            PaymentCategory.name,
            User.name,
            Receipt.id,
            Receipt.number,
            Receipt.year,
            Receipt.payer_name,
            Receipt.cancelled_at,
            Person.family_name,
            Person.given_name,
            Organisation.name,
        )
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .join(User, User.id == Payment.user_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .outerjoin(Person, Person.id == Payment.payer_person_id)
        .outerjoin(Organisation, Organisation.id == Payment.payer_organisation_id)
        .where(Payment.id.in_(ids))
    )
    found = {}
    for (
        payment,
        code,
        name,
        user,
        receipt_id,
        number,
        year,
        receipt_payer,
        cancelled_at,
        family,
        given,
        org,
    ) in session.execute(statement):
        # A receipt prints the payer as they were; a payment without one shows today's name.
        if receipt_id is not None:
            payer_name = receipt_payer
        elif family is not None:
            payer_name = f"{family} {given}".strip()
        else:
            payer_name = org or ""
        found[payment.id] = PaymentRow(
            id=payment.id,
            at=payment.at,
            direction=Direction(payment.direction),
            amount_cents=payment.amount_cents,
            method=PaymentMethod(payment.method),
            category=category_label(code, name),
            payer_name=payer_name,
            user_name=user,
            receipt_id=receipt_id,
            receipt_code=receipt_code(number, year) if receipt_id is not None else "",
            cancelled=cancelled_at is not None,
        )
    return [found[payment_id] for payment_id in ids if payment_id in found]


def read_payment(session: Session, payment_id: int) -> PaymentDetails:
    rows = _payment_rows(session, [payment_id])
    payment = session.get(Payment, payment_id)
    if not rows or payment is None:
        raise record_gone()
    row = rows[0]
    return PaymentDetails(
        row=row,
        payer_person_id=payment.payer_person_id,
        payer_organisation_id=payment.payer_organisation_id,
        description=payment.description,
        link_kind=payment.link_kind,
        link_id=payment.link_id,
        receipt=read_receipt(session, row.receipt_id) if row.receipt_id is not None else None,
    )


# -- what is still owed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """Something a payer must pay, as an area that creates debts reports it."""

    link_id: int
    description: str
    due_cents: int


class DueSource(Protocol):
    """An area whose records are paid at the desk (bookings, enrolments, loans...)."""

    kind: str

    def dues(self, session: Session, *, person_id: int | None, organisation_id: int | None) -> Sequence[Due]: ...


@dataclass(frozen=True)
class Owed:
    link_kind: str
    link_id: int
    description: str
    due_cents: int
    paid_cents: int

    @property
    def remaining_cents(self) -> int:
        return self.due_cents - self.paid_cents


def paid_for(session: Session, kind: str, link_ids: Iterable[int]) -> dict[int, int]:
    """Money paid towards each linked record: in minus out, without cancelled receipts."""
    signed = case((Payment.direction == Direction.IN.value, Payment.amount_cents), else_=-Payment.amount_cents)
    statement = (
        select(Payment.link_id, func.sum(signed))
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(Payment.link_kind == kind, Payment.link_id.in_(list(link_ids)), Receipt.cancelled_at.is_(None))
        .group_by(Payment.link_id)
    )
    return {link_id: int(total) for link_id, total in session.execute(statement) if link_id is not None}


# -- the service ----------------------------------------------------------------------------------


class CashService:
    """Payments, their receipts, and what is still owed.

    Args:
        dues: the areas that create debts; the payments linked to them settle what is owed.
    """

    def __init__(self, *, database: Database, clock: Clock, dues: Sequence[DueSource] = ()) -> None:
        self._database = database
        self._clock = clock
        self._dues = tuple(dues)

    # -- payments ----------------------------------------------------------------------------------

    def record_payment(self, actor: Actor, draft: PaymentDraft) -> PaymentDetails:
        """Record a payment and, for money in, issue its receipt; returns both for printing."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            payment = write_payment(
                session, self._clock, actor, draft, link_kinds=[source.kind for source in self._dues]
            )
            return read_payment(session, payment.id)

    def payment(self, actor: Actor, payment_id: int) -> PaymentDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return read_payment(session, payment_id)

    def payment_ids(
        self,
        actor: Actor,
        *,
        day: date | None = None,
        user_id: int | None = None,
        person_id: int | None = None,
        organisation_id: int | None = None,
    ) -> list[int]:
        """Ids of payments, newest first: of a day, a user, a payer, or all of them."""
        conditions = payments_on(day) if day is not None else []
        if user_id is not None:
            conditions.append(Payment.user_id == user_id)
        if person_id is not None:
            conditions.append(Payment.payer_person_id == person_id)
        if organisation_id is not None:
            conditions.append(Payment.payer_organisation_id == organisation_id)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Payment.id).where(*conditions)
            return fetch_ids(session, statement.order_by(Payment.at.desc(), Payment.id.desc()))

    def payment_rows(self, actor: Actor, ids: Sequence[int]) -> list[PaymentRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return _payment_rows(session, ids)

    def balance(self, actor: Actor, *, person_id: int | None = None, organisation_id: int | None = None) -> list[Owed]:
        """What a person or an organisation still owes, one line per unpaid record.

        Empty until an area that creates debts is registered (see ``DueSource``).
        """
        if (person_id is None) == (organisation_id is None):
            raise ValidationError(_("Choose a person or an association."), field="payer")
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            owed: list[Owed] = []
            for source in self._dues:
                dues = source.dues(session, person_id=person_id, organisation_id=organisation_id)
                paid = paid_for(session, source.kind, (due.link_id for due in dues))
                owed += [
                    Owed(source.kind, due.link_id, due.description, due.due_cents, paid.get(due.link_id, 0))
                    for due in dues
                ]
            return [line for line in owed if line.remaining_cents > 0]
