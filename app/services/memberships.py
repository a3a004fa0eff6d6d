"""Membership cards (tessere): one per person per year, numbered from 1 each year.

A card is sold with its payment and receipt in one transaction; membership fees are exempt from
the stamp duty (the category says so). A card whose receipt is cancelled is void; selling it
again to the same person for the same year keeps its number and links the new payment, so card
numbers, like receipt numbers, never leave a gap. The card's number and year are written in the
payment's description, so every receipt of the card, the cancelled one too, keeps saying it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Membership, Payment, Person, Receipt
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.services import audit
from app.services.cash import PaymentDraft, write_payment
from app.services.cash_rules import MEMBERSHIP, PaymentMethod, next_number, person_payer, receipt_code
from app.services.cash_settings import category_by_code
from app.services.receipts import ReceiptDetails, read_receipt
from app.services.roles import Actor, authorise
from app.services.validation import check_values


@dataclass(frozen=True)
class MembershipRow:
    id: int
    year: int
    card_number: int
    fee_cents: int
    sold_at: datetime
    receipt_code: str
    void: bool  # its receipt was cancelled


@dataclass(frozen=True)
class MembershipDetails:
    id: int
    person_id: int
    person_name: str
    year: int
    card_number: int
    fee_cents: int
    payment_id: int
    receipt: ReceiptDetails


def _is_void(session: Session, membership: Membership) -> bool:
    cancelled = session.scalar(select(Receipt.cancelled_at).where(Receipt.payment_id == membership.payment_id))
    return cancelled is not None


class MembershipService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def sell(
        self, actor: Actor, person_id: int, year: int, fee_cents: int, method: PaymentMethod = PaymentMethod.CASH
    ) -> MembershipDetails:
        """Sell ``person_id`` their card for ``year`` (this year or the next) and issue its receipt.

        Raises:
            ValidationError: the person already has a valid card for that year, the year is not
                this one or the next, or the payment is not valid.
        """
        check_values(
            {
                "person_id": (person_id, int),
                "year": (year, int),
                "fee_cents": (fee_cents, int),
                "method": (method, PaymentMethod),
            }
        )
        today = self._clock.today()
        if year not in (today.year, today.year + 1):
            raise ValidationError(
                _("Cards are sold for {this} or {next}.").format(this=today.year, next=today.year + 1), field="year"
            )
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            person = session.get(Person, person_id)
            if person is None:
                raise record_gone()
            existing = session.scalars(
                select(Membership).where(Membership.person_id == person_id, Membership.year == year)
            ).one_or_none()
            if existing is not None and not _is_void(session, existing):
                raise ValidationError(
                    _("{name} already has card no. {number} for {year}.").format(
                        name=person_payer(person).name, number=existing.card_number, year=year
                    ),
                    field="year",
                )
            if existing is None:
                last = session.scalar(select(func.max(Membership.card_number)).where(Membership.year == year))
                number = next_number(last)
            else:
                number = existing.card_number
            # Written like a description typed at the desk, so the receipt says it forever.
            description = _("card no. {number} for {year}").format(number=number, year=year)
            draft = PaymentDraft(
                amount_cents=fee_cents,
                category_id=category_by_code(session, MEMBERSHIP).id,
                method=method,
                payer_person_id=person_id,
                description=description,
            )
            payment = write_payment(session, self._clock, actor, draft)
            if existing is None:
                membership = Membership(
                    person_id=person_id, year=year, card_number=number, fee_cents=fee_cents, payment_id=payment.id
                )
                session.add(membership)
                session.flush()
                audit.record(
                    session, self._clock, actor, "create", "membership", membership.id, ("card_number", "fee_cents")
                )
            else:
                membership = existing
                membership.fee_cents = fee_cents
                membership.payment_id = payment.id
                audit.record(
                    session, self._clock, actor, "update", "membership", membership.id, ("fee_cents", "payment_id")
                )
            session.flush()
            receipt_id = session.scalar(select(Receipt.id).where(Receipt.payment_id == payment.id))
            assert receipt_id is not None  # a membership fee is money in: it always has its receipt
            return MembershipDetails(
                id=membership.id,
                person_id=person_id,
                person_name=person_payer(person).name,
                year=year,
                card_number=membership.card_number,
                fee_cents=fee_cents,
                payment_id=payment.id,
                receipt=read_receipt(session, receipt_id),
            )

    def of_person(self, actor: Actor, person_id: int) -> list[MembershipRow]:
        """A person's cards, newest year first."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                select(Membership, Payment.at, Receipt.number, Receipt.year, Receipt.cancelled_at)
                .join(Payment, Payment.id == Membership.payment_id)
                .join(Receipt, Receipt.payment_id == Payment.id)
                .where(Membership.person_id == person_id)
                .order_by(Membership.year.desc())
            )
            return [
                MembershipRow(
                    id=membership.id,
                    year=membership.year,
                    card_number=membership.card_number,
                    fee_cents=membership.fee_cents,
                    sold_at=sold_at,
                    receipt_code=receipt_code(number, receipt_year),
                    void=cancelled_at is not None,
                )
                for membership, sold_at, number, receipt_year, cancelled_at in session.execute(statement)
            ]
