"""The cash side of the tool library: a loan's deposit taken and given back at the cash desk.

A deposit is a payment in of the built-in "deposit" category (exempt from the stamp duty since
migration 0007) with its receipt, linked to the loan (``link_kind = 'loan'``); giving it back is
a payment out of the "deposit returned" category, linked the same way (money out gets no
receipt at this desk). Both are written through ``cash.write_payment`` in the loan's own
transaction, so a loan is never saved without its deposit nor a deposit without its loan.

What a loan holds is what its linked payments add up to (in minus out, leaving out cancelled
receipts, as ``cash.paid_for`` counts): a deposit receipt cancelled at the cash desk means the
money was given back there, and the return then has nothing left to give.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Loan, Payment, Receipt, Tool
from app.i18n import _
from app.services.cash import PaymentDraft, paid_for, write_payment
from app.services.cash_rules import Direction, PaymentMethod
from app.services.cash_settings import category_by_code
from app.services.receipts import ReceiptDetails, read_receipt
from app.services.roles import Actor, authorise
from app.services.tool_rules import DEPOSIT, DEPOSIT_RETURNED, LOAN_LINK


@dataclass(frozen=True)
class DepositTaken:
    payment_id: int
    amount_cents: int
    receipt: ReceiptDetails


@dataclass(frozen=True)
class DepositsHeld:
    """The deposits in the drawer for tools still out, and the loans they belong to."""

    loans: int
    total_cents: int


def take_deposit(
    session: Session, clock: Clock, actor: Actor, loan: Loan, tool: Tool, method: PaymentMethod
) -> DepositTaken:
    """Record ``loan.deposit_cents`` paid by the borrower, and its receipt, in the caller's transaction."""
    draft = PaymentDraft(
        amount_cents=loan.deposit_cents,
        category_id=category_by_code(session, DEPOSIT).id,
        method=method,
        payer_person_id=loan.person_id,
        description=_("deposit for {code} {name}").format(code=tool.code, name=tool.name),
        link_kind=LOAN_LINK,
        link_id=loan.id,
    )
    payment = write_payment(session, clock, actor, draft, link_kinds=(LOAN_LINK,))
    receipt_id = session.scalar(select(Receipt.id).where(Receipt.payment_id == payment.id))
    assert receipt_id is not None  # money in always gets its receipt
    return DepositTaken(
        payment_id=payment.id, amount_cents=payment.amount_cents, receipt=read_receipt(session, receipt_id)
    )


def give_back(
    session: Session, clock: Clock, actor: Actor, loan: Loan, tool: Tool, amount_cents: int, method: PaymentMethod
) -> int:
    """Pay ``amount_cents`` of the deposit back to the borrower; returns the payment's id."""
    draft = PaymentDraft(
        amount_cents=amount_cents,
        category_id=category_by_code(session, DEPOSIT_RETURNED).id,
        method=method,
        direction=Direction.OUT,
        payer_person_id=loan.person_id,
        description=_("deposit returned for {code} {name}").format(code=tool.code, name=tool.name),
        link_kind=LOAN_LINK,
        link_id=loan.id,
    )
    return write_payment(session, clock, actor, draft, link_kinds=(LOAN_LINK,)).id


def held(session: Session, loan_ids: Iterable[int]) -> dict[int, int]:
    """The deposit each loan still holds (loans holding nothing are left out)."""
    return {loan_id: cents for loan_id, cents in paid_for(session, LOAN_LINK, loan_ids).items() if cents}


def deposit_receipt_id(session: Session, loan_id: int) -> int | None:
    """The receipt of the deposit taken for a loan (the latest, if a cancelled one was redone)."""
    return session.scalar(
        select(Receipt.id)
        .join(Payment, Payment.id == Receipt.payment_id)
        .where(Payment.link_kind == LOAN_LINK, Payment.link_id == loan_id, Payment.direction == Direction.IN.value)
        .order_by(Receipt.id.desc())
        .limit(1)
    )


class ToolDepositService:
    """Reading the deposits of the tool library; they are taken and given back by ``LoanService``."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def held_now(self, actor: Actor) -> DepositsHeld:
        """The deposits held for the tools out now, for the cash count."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            open_ids = list(session.scalars(select(Loan.id).where(Loan.returned_at.is_(None))))
            amounts = held(session, open_ids)
            return DepositsHeld(loans=len(amounts), total_cents=sum(amounts.values()))

    def held_by_loan(self, actor: Actor, loan_id: int) -> int:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return held(session, [loan_id]).get(loan_id, 0)

    def balance(self, actor: Actor) -> int:
        """All the money of deposits in minus out, linked to loans (cancelled receipts left out)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            signed = func.sum(
                case((Payment.direction == Direction.IN.value, Payment.amount_cents), else_=-Payment.amount_cents)
            )
            statement = (
                select(signed)
                .outerjoin(Receipt, Receipt.payment_id == Payment.id)
                .where(Payment.link_kind == LOAN_LINK, Receipt.cancelled_at.is_(None))
            )
            return int(session.scalar(statement) or 0)
