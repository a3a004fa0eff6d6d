"""Receipts: issued with every incoming payment, numbered ``N/YYYY`` with no gap, never deleted.

A mistake is fixed by cancelling the receipt (coordinators and admins; the number stays, the
receipt prints "ANNULLATA" with the reason) and recording a new payment. Cancelling means the money
was given back or never taken: the cash summary leaves it out. Printing an existing receipt again
goes through ``reprint``, which counts the copy and marks it as a duplicate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import Payment, PaymentCategory, Receipt, User
from app.errors import ValidationError, record_gone
from app.exports.csv_dialects import EXCEL_IT, write_csv
from app.i18n import _, format_datetime
from app.services import audit
from app.services.cash_rules import (
    STAMP_DUTY_CENTS,
    PayerSnapshot,
    PaymentMethod,
    StampDuty,
    category_label,
    day_span,
    next_number,
    parse_receipt_code,
    read_stamp_duty_mode,
    receipt_code,
    stamp_duty,
)
from app.services.house import HouseDetails, read_house
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_max_length, check_required, check_values, clean
from app.text import like_pattern, search_terms

MAX_REASON_LENGTH = 500


@dataclass(frozen=True)
class ReceiptLine:
    category: str
    description: str
    amount_cents: int


@dataclass(frozen=True)
class Cancellation:
    at: datetime
    by_name: str
    reason: str


@dataclass(frozen=True)
class ReceiptDetails:
    """Everything a printed receipt shows.

    ``duplicate`` is true only on what ``reprint`` returns: that copy prints "DUPLICATO".
    """

    id: int
    number: int
    year: int
    issued_at: datetime
    house: HouseDetails
    payer: PayerSnapshot
    lines: tuple[ReceiptLine, ...]
    total_cents: int
    method: PaymentMethod
    user_name: str
    stamp_duty: StampDuty
    cancellation: Cancellation | None
    reprint_count: int
    duplicate: bool
    payment_id: int

    @property
    def code(self) -> str:
        return receipt_code(self.number, self.year)

    @property
    def cancelled(self) -> bool:
        return self.cancellation is not None

    @property
    def anonymous(self) -> bool:
        """An anonymous payer prints as "—"."""
        return not self.payer.name

    @property
    def stamp_duty_cents(self) -> int:
        """The stamp the house sticks on; it is not part of the total."""
        return STAMP_DUTY_CENTS if self.stamp_duty is StampDuty.APPLIED else 0


@dataclass(frozen=True)
class ReceiptRow:
    """One line of the receipts list."""

    id: int
    number: int
    year: int
    issued_at: datetime
    payer_name: str
    category: str
    method: PaymentMethod
    total_cents: int
    cancelled: bool

    @property
    def code(self) -> str:
        return receipt_code(self.number, self.year)


def issue_receipt(session: Session, payment: Payment, category: PaymentCategory, payer: PayerSnapshot) -> Receipt:
    """The receipt of an incoming payment, numbered in the caller's (BEGIN IMMEDIATE) transaction."""
    year = payment.at.year
    last = session.scalar(select(func.max(Receipt.number)).where(Receipt.year == year))
    receipt = Receipt(
        year=year,
        number=next_number(last),
        issued_at=payment.at,
        payment_id=payment.id,
        total_cents=payment.amount_cents,
        stamp_duty=stamp_duty(
            payment.amount_cents, category_exempt=category.stamp_exempt, mode=read_stamp_duty_mode(session)
        ).value,
        payer_name=payer.name,
        payer_address=payer.address,
        payer_fiscal_code=payer.fiscal_code,
        payer_key=payer.key,
        user_id=payment.user_id,
        reprint_count=0,
    )
    session.add(receipt)
    session.flush()
    return receipt


def read_receipt(session: Session, receipt_id: int, *, duplicate: bool = False) -> ReceiptDetails:
    """The receipt as printed, read in the caller's transaction.

    Raises:
        NotFound: there is no such receipt.
    """
    found = session.execute(
        select(Receipt, Payment, PaymentCategory, User.name)
        .join(Payment, Payment.id == Receipt.payment_id)
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .join(User, User.id == Receipt.user_id)
        .where(Receipt.id == receipt_id)
    ).one_or_none()
    if found is None:
        raise record_gone()
    receipt, payment, category, user_name = found
    cancellation = None
    if receipt.cancelled_at is not None and receipt.cancelled_by_id is not None:
        cancelled_by = session.get(User, receipt.cancelled_by_id)
        cancellation = Cancellation(
            at=receipt.cancelled_at,
            by_name=cancelled_by.name if cancelled_by else "",
            reason=receipt.cancel_reason or "",
        )
    return ReceiptDetails(
        id=receipt.id,
        number=receipt.number,
        year=receipt.year,
        issued_at=receipt.issued_at,
        house=read_house(session),
        payer=PayerSnapshot(
            name=receipt.payer_name, address=receipt.payer_address, fiscal_code=receipt.payer_fiscal_code
        ),
        lines=(
            ReceiptLine(
                category=category_label(category.code, category.name),
                description=payment.description,
                amount_cents=receipt.total_cents,
            ),
        ),
        total_cents=receipt.total_cents,
        method=PaymentMethod(payment.method),
        user_name=user_name,
        stamp_duty=StampDuty(receipt.stamp_duty),
        cancellation=cancellation,
        reprint_count=receipt.reprint_count,
        duplicate=duplicate,
        payment_id=payment.id,
    )


def receipt_ids_statement(query: str, date_from: date | None, date_to: date | None, year: int | None) -> Select[int]:
    """The ids of the receipts that match, in no order."""
    statement = select(Receipt.id)
    code = parse_receipt_code(query)
    if code is not None:
        number, code_year = code
        statement = statement.where(Receipt.number == number)
        if code_year is not None:
            statement = statement.where(Receipt.year == code_year)
    else:
        for term in search_terms(query):
            statement = statement.where(Receipt.payer_key.like(like_pattern(term), escape="\\"))
    if date_from is not None:
        statement = statement.where(Receipt.issued_at >= day_span(date_from)[0])
    if date_to is not None:
        statement = statement.where(Receipt.issued_at < day_span(date_to)[1])
    if year is not None:
        statement = statement.where(Receipt.year == year)
    return statement


def read_receipt_rows(session: Session, ids: Sequence[int]) -> list[ReceiptRow]:
    statement = (
        select(
            Receipt.id,
            Receipt.number,
            Receipt.year,
            Receipt.issued_at,
            Receipt.payer_name,
            PaymentCategory.code,
            PaymentCategory.name,
            Payment.method,
            Receipt.total_cents,
            Receipt.cancelled_at,
        )
        .join(Payment, Payment.id == Receipt.payment_id)
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .where(Receipt.id.in_(ids))
    )
    found = {}
    for receipt_id, number, year, issued_at, payer, code, name, method, total, cancelled_at in session.execute(
        statement
    ):
        found[receipt_id] = ReceiptRow(
            id=receipt_id,
            number=number,
            year=year,
            issued_at=issued_at,
            payer_name=payer,
            category=category_label(code, name),
            method=PaymentMethod(method),
            total_cents=total,
            cancelled=cancelled_at is not None,
        )
    return [found[receipt_id] for receipt_id in ids if receipt_id in found]


# -- the accountant's CSV --------------------------------------------------------------------------


def write_receipts_csv(session: Session, date_from: date, date_to: date, path: Path, dialect: str = EXCEL_IT) -> int:
    """Write the receipts issued from ``date_from`` to ``date_to`` (both included); returns how many.

    One of the exports (``app/exports/receipts.py``): by default what an Italian accountant opens
    in Excel or LibreOffice with a double click (UTF-8 with a byte-order mark, ``;`` between
    fields, ``dd/mm/yyyy`` dates, ``1234,50`` amounts). The file appears whole or not at all.
    """
    from app.exports.receipts import header, receipt_rows  # it reads the rows with this module

    return write_csv(path, header(), receipt_rows(session, date_from, date_to), dialect)


def _check_range(date_from: date, date_to: date) -> None:
    if date_from > date_to:
        raise ValidationError(_("The first day comes after the last one: swap them."), field="date_from")


class ReceiptService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def search_ids(
        self,
        actor: Actor,
        *,
        query: str = "",
        date_from: date | None = None,
        date_to: date | None = None,
        year: int | None = None,
    ) -> list[int]:
        """Ids of the receipts matching, newest first.

        ``query`` is a number ("12", any year), a number and year ("12/2026") or words of the
        payer's name (case and accents do not matter).
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = receipt_ids_statement(query, date_from, date_to, year)
            return fetch_ids(session, statement.order_by(Receipt.year.desc(), Receipt.number.desc()))

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[ReceiptRow]:
        """The list lines of these receipts, in the order of ``ids`` (missing ones are skipped)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return read_receipt_rows(session, ids)

    def get(self, actor: Actor, receipt_id: int) -> ReceiptDetails:
        """The receipt to look at; to print it again, use ``reprint``."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return read_receipt(session, receipt_id)

    # -- writing -----------------------------------------------------------------------------------

    def reprint(self, actor: Actor, receipt_id: int) -> ReceiptDetails:
        """Count one more printed copy; the details returned print as "DUPLICATO"."""
        check_values({"receipt_id": (receipt_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            receipt = session.get(Receipt, receipt_id)
            if receipt is None:
                raise record_gone()
            receipt.reprint_count += 1
            audit.record(session, self._clock, actor, "reprint", "receipt", receipt_id, ("reprint_count",))
            session.flush()
            return read_receipt(session, receipt_id, duplicate=True)

    def cancel(self, actor: Actor, receipt_id: int, reason: str) -> ReceiptDetails:
        """Cancel a receipt: its number stays, its money leaves the cash summary.

        Raises:
            PermissionDenied: the user is a volunteer.
            ValidationError: no reason, or the receipt is already cancelled.
        """
        check_values({"receipt_id": (receipt_id, int), "reason": (reason, str)})
        reason = clean(reason)
        problems = Problems()
        check_required(problems, "reason", reason, _("Write why the receipt is cancelled: it is printed on it."))
        check_max_length(problems, "reason", reason, MAX_REASON_LENGTH)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            problems.raise_if_any()
            receipt = session.get(Receipt, receipt_id)
            if receipt is None:
                raise record_gone()
            if receipt.cancelled_at is not None:
                by = session.get(User, receipt.cancelled_by_id)
                raise ValidationError(
                    _("Receipt {code} was already cancelled on {when} by {name}.").format(
                        code=receipt_code(receipt.number, receipt.year),
                        when=format_datetime(receipt.cancelled_at),
                        name=by.name if by else "",
                    ),
                    field="reason",
                )
            receipt.cancelled_at = self._clock.now()
            receipt.cancelled_by_id = actor.user_id
            receipt.cancel_reason = reason
            audit.record(session, self._clock, actor, "cancel", "receipt", receipt_id, ("cancel_reason",))
            session.flush()
            return read_receipt(session, receipt_id)

    # -- the accountant's export -------------------------------------------------------------------

    def export_csv(self, actor: Actor, date_from: date, date_to: date, path: Path, dialect: str = EXCEL_IT) -> int:
        """Write the receipts of a period for the accountant (see ``write_receipts_csv``)."""
        _check_range(date_from, date_to)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            count = write_receipts_csv(session, date_from, date_to, path, dialect)
            audit.record(session, self._clock, actor, "export", "receipts", None, ("date_from", "date_to"))
            return count

    def export_csv_for_command_line(self, date_from: date, date_to: date, path: Path, dialect: str = EXCEL_IT) -> int:
        """The same export for ``portineria receipts``, which runs with no user signed in.

        Whoever can run the command on a database file can copy the file itself, so asking for a
        PIN would protect nothing; the export is still written to the audit log, with no user.
        """
        _check_range(date_from, date_to)
        with self._database.sessions.begin() as session:
            count = write_receipts_csv(session, date_from, date_to, path, dialect)
            audit.record(session, self._clock, None, "export", "receipts", None, ("date_from", "date_to"))
            return count
