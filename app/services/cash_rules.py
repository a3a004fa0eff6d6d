"""The rules of the cash desk, in one place for the services and the demo generator.

Money is integer cents, always: a float or a Decimal is refused, never rounded. The rules here are
pure functions of their arguments (plus the one setting they read), so that the demo, which writes
tens of thousands of receipts in bulk, applies exactly the rules the desk applies one at a time.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import Organisation, Person
from app.i18n import N_, _
from app.services.house import read_setting
from app.services.validation import Problems
from app.text import fold

# Imposta di bollo: receipts without VAT above 77.47 euro carry a 2 euro stamp, stuck on by the
# house (it is not added to the amount). Membership fees are exempt, and so is every receipt when
# the house uses the exemption of art. 82 c.5 D.Lgs. 117/2017.
STAMP_DUTY_THRESHOLD_CENTS = 7747
STAMP_DUTY_CENTS = 200
# A payer may stay anonymous on small tickets only: a receipt that could carry the stamp duty
# names who paid.
ANONYMOUS_MAX_CENTS = STAMP_DUTY_THRESHOLD_CENTS
# Above this an amount is a typing mistake at a neighbourhood desk (one euro typed as 100 000).
MAX_AMOUNT_CENTS = 10_000_000
STAMP_DUTY_MODE_KEY = "cash.stamp_duty_mode"
MAX_DESCRIPTION_LENGTH = 500


class Direction(enum.Enum):
    IN = "in"
    OUT = "out"

    @property
    def label(self) -> str:
        return _(DIRECTION_LABELS[self])


DIRECTION_LABELS = {Direction.IN: N_("money in"), Direction.OUT: N_("money out")}


class PaymentMethod(enum.Enum):
    CASH = "cash"
    CARD = "card"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return _(METHOD_LABELS[self])


METHOD_LABELS = {
    PaymentMethod.CASH: N_("cash"),
    PaymentMethod.CARD: N_("card"),
    PaymentMethod.TRANSFER: N_("bank transfer"),
}


class StampDuty(enum.Enum):
    """What a receipt says about the stamp duty, decided when it is issued and never again."""

    APPLIED = "applied"
    NOT_DUE = "not_due"
    EXEMPT = "exempt"


class StampDutyMode(enum.Enum):
    """The house's setting: stick the stamp on receipts that need it, or use the exemption."""

    APPLY = "apply"
    EXEMPT = "exempt"

    @property
    def label(self) -> str:
        return _(STAMP_DUTY_MODE_LABELS[self])


STAMP_DUTY_MODE_LABELS = {
    StampDutyMode.APPLY: N_("2 € stamp duty on receipts above 77.47 €"),
    StampDutyMode.EXEMPT: N_("exempt from stamp duty (art. 82 c.5 D.Lgs. 117/2017)"),
}

# The built-in categories (seeded by migration 0003); an admin may add others with a name.
CATEGORY_LABELS = {
    "room_hire": N_("room hire"),
    "workshop_fee": N_("workshop fee"),
    "membership": N_("membership card"),
    "deposit": N_("deposit"),
    "deposit_returned": N_("deposit returned"),
    "donation": N_("donation"),
    "service_ticket": N_("service ticket"),
    "other": N_("other"),
}
MEMBERSHIP = "membership"
OTHER = "other"


def category_label(code: str | None, name: str) -> str:
    """The name an admin gave the category, else the translated label of a built-in one."""
    if name or code not in CATEGORY_LABELS:
        return name
    return _(CATEGORY_LABELS[code])


def stamp_duty(total_cents: int, *, category_exempt: bool, mode: StampDutyMode) -> StampDuty:
    """The stamp duty of a receipt of ``total_cents``: due strictly above 77.47 euro."""
    if mode is StampDutyMode.EXEMPT:
        return StampDuty.EXEMPT
    if total_cents > STAMP_DUTY_THRESHOLD_CENTS and not category_exempt:
        return StampDuty.APPLIED
    return StampDuty.NOT_DUE


def read_stamp_duty_mode(session: Session) -> StampDutyMode:
    """The house's stamp-duty setting; a house that has not chosen applies the stamp duty."""
    return StampDutyMode(read_setting(session, STAMP_DUTY_MODE_KEY, StampDutyMode.APPLY.value))


def next_number(last: int | None) -> int:
    """The number after ``last`` in its year; a year's first receipt (or card) is number 1.

    The caller reads ``last`` inside its write transaction (BEGIN IMMEDIATE), so two desks saving
    at once get consecutive numbers; the UNIQUE (year, number) index is the second guard.
    """
    return (last or 0) + 1


def day_span(day: date) -> tuple[datetime, datetime]:
    """From the midnight that starts ``day`` to the one that ends it (times are naive local time)."""
    start = datetime.combine(day, time(0, 0))
    return start, start + timedelta(days=1)


def receipt_code(number: int, year: int) -> str:
    """The printed number of a receipt: ``12/2026``."""
    return f"{number}/{year}"


_RECEIPT_CODE = re.compile(r"^\s*(\d{1,9})\s*(?:/\s*(\d{4}))?\s*$")


def parse_receipt_code(text: str) -> tuple[int, int | None] | None:
    """``"12/2026"`` as (12, 2026), ``"12"`` as (12, None); None when the text is not a number."""
    match = _RECEIPT_CODE.match(text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def check_amount(problems: Problems, field: str, value: object, *, minimum: int = 1) -> None:
    """Amounts are whole cents typed as ``int``, never a float nor a Decimal, from ``minimum`` up."""
    if isinstance(value, bool) or not isinstance(value, int):
        kind = "Decimal" if isinstance(value, Decimal) else type(value).__name__
        problems.add(
            field, _("An amount is a whole number of cents (2500 for 25,00 €), never a {kind}.").format(kind=kind)
        )
    elif value < minimum:
        if minimum > 0:
            problems.add(field, _("Write an amount greater than zero."))
        else:
            problems.add(field, _("An amount cannot be negative."))
    elif value > MAX_AMOUNT_CENTS:
        problems.add(field, _("This amount is too large for the desk: check the digits."))


@dataclass(frozen=True)
class PayerSnapshot:
    """Who paid, as printed on the receipt; kept with it so a later edit does not change it."""

    name: str = ""
    address: str = ""
    fiscal_code: str = ""

    @property
    def key(self) -> str:
        """The folded name, for searching receipts by payer."""
        return fold(self.name)


ANONYMOUS = PayerSnapshot()


def person_payer(person: Person) -> PayerSnapshot:
    return PayerSnapshot(name=f"{person.family_name} {person.given_name}".strip(), address=person.address)


def organisation_payer(organisation: Organisation) -> PayerSnapshot:
    return PayerSnapshot(name=organisation.name, fiscal_code=organisation.fiscal_code)
