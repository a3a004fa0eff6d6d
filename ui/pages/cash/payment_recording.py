"""Which service records what the new payment form holds, and what the desk is told afterwards.

No Qt here: the form parses its fields into a ``PaymentEntry``; ``record_entry`` sends it to the
right service. A membership card is not a plain payment: it has a number and a year, so a payment
in the membership category goes through ``MembershipService.sell`` (the card for this year, its
payment and its receipt in one transaction) and the card's number is written on the receipt.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import ValidationError
from app.i18n import _, format_money
from app.services import Services
from app.services.cash import PaymentDetails, PaymentDraft
from app.services.cash_rules import MEMBERSHIP, PaymentMethod
from app.services.cash_settings import CategoryRow
from app.services.roles import Actor


@dataclass(frozen=True)
class PaymentEntry:
    """The form's fields, parsed; no payer means anonymous."""

    amount_cents: int
    category: CategoryRow
    method: PaymentMethod
    payer_person_id: int | None
    description: str
    payer_organisation_id: int | None = None


def record_entry(services: Services, actor: Actor, entry: PaymentEntry) -> PaymentDetails:
    """Record the payment (and its receipt) and return it as the cash service reads it back.

    Raises:
        ValidationError: something to fix in the form; nothing was written.
        PortineriaError: the user may not do this any more, or a record is gone.
    """
    if entry.category.code == MEMBERSHIP:
        if entry.payer_person_id is None:
            raise ValidationError(_("A membership card is sold to a person: choose who pays."), field="payer")
        sold = services.memberships.sell(
            actor, entry.payer_person_id, services.clock.today().year, entry.amount_cents, entry.method
        )
        return services.cash.payment(actor, sold.payment_id)
    draft = PaymentDraft(
        amount_cents=entry.amount_cents,
        category_id=entry.category.id,
        method=entry.method,
        payer_person_id=entry.payer_person_id,
        payer_organisation_id=entry.payer_organisation_id,
        description=entry.description,
    )
    return services.cash.record_payment(actor, draft)


def saved_text(details: PaymentDetails) -> str:
    """The line under the form after a save, so the desk can check it while the next person comes."""
    row = details.row
    if row.receipt_code:
        values = {
            "code": row.receipt_code,
            "amount": format_money(row.amount_cents),
            "payer": row.payer_name or _("anonymous"),
            "description": details.description,
        }
        if details.description:
            return _("Receipt {code} saved: {amount}, {payer} ({description}).").format(**values)
        return _("Receipt {code} saved: {amount}, {payer}.").format(**values)
    return _("Saved: {amount} paid out ({category}). Money out has no receipt.").format(
        amount=format_money(row.amount_cents), category=row.category
    )
