"""The daily cash summary and the closing of the cash (chiusura cassa).

The summary of a day, for one user or for everyone, adds up the payments by direction, method and
category. A cancelled receipt's money is left out: cancelling means it was given back or never
taken. The cash expected in the drawer is the opening float plus cash in minus cash out.

Closing saves the figures as they were shown, line by line, with the counted amount. A closing is
never changed (triggers refuse it) and a day cannot be closed twice for the same user, or twice
for everyone; once closed, the desk takes no more payments on that day for the users it covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import CashClosing, CashClosingLine, Payment, PaymentCategory, Receipt, User
from app.errors import ValidationError
from app.i18n import _, format_date, format_datetime, format_money
from app.services import audit
from app.services.cash_rules import Direction, PaymentMethod, category_label, check_amount, day_span
from app.services.roles import Actor, authorise
from app.services.validation import Problems, check_values


@dataclass(frozen=True)
class SummaryLine:
    """The payments of one direction, method and category."""

    direction: Direction
    method: PaymentMethod
    category_id: int
    category: str
    count: int
    amount_cents: int


@dataclass(frozen=True)
class MethodTotal:
    method: PaymentMethod
    in_cents: int
    out_cents: int


@dataclass(frozen=True)
class CategoryTotal:
    category_id: int
    category: str
    direction: Direction
    count: int
    amount_cents: int


@dataclass(frozen=True)
class CashFigures:
    """What a summary shows and a closing saves; the totals are computed from the lines."""

    day: date
    user_id: int | None
    user_name: str  # "" for everyone
    opening_float_cents: int
    lines: tuple[SummaryLine, ...]

    def total(self, direction: Direction, method: PaymentMethod | None = None) -> int:
        return sum(
            line.amount_cents
            for line in self.lines
            if line.direction is direction and (method is None or line.method is method)
        )

    @property
    def cash_in_cents(self) -> int:
        return self.total(Direction.IN, PaymentMethod.CASH)

    @property
    def cash_out_cents(self) -> int:
        return self.total(Direction.OUT, PaymentMethod.CASH)

    @property
    def expected_cents(self) -> int:
        """The cash that should be in the drawer: cards and transfers never reach it."""
        return self.opening_float_cents + self.cash_in_cents - self.cash_out_cents

    @property
    def by_method(self) -> tuple[MethodTotal, ...]:
        return tuple(
            MethodTotal(method, self.total(Direction.IN, method), self.total(Direction.OUT, method))
            for method in PaymentMethod
        )

    @property
    def by_category(self) -> tuple[CategoryTotal, ...]:
        totals: dict[tuple[Direction, int], CategoryTotal] = {}
        for line in self.lines:
            key = (line.direction, line.category_id)
            before = totals.get(key)
            totals[key] = CategoryTotal(
                category_id=line.category_id,
                category=line.category,
                direction=line.direction,
                count=line.count + (before.count if before else 0),
                amount_cents=line.amount_cents + (before.amount_cents if before else 0),
            )
        return tuple(totals.values())


@dataclass(frozen=True)
class CashClosingDetails:
    """A saved closing: its figures as they were when the drawer was counted."""

    id: int
    figures: CashFigures
    counted_cents: int
    closed_at: datetime
    closed_by_name: str

    @property
    def difference_cents(self) -> int:
        """Counted minus expected: positive when the drawer holds more than it should."""
        return self.counted_cents - self.figures.expected_cents


@dataclass(frozen=True)
class CashSummary:
    """The live summary of a day; ``closing`` is the saved one when the day is closed."""

    figures: CashFigures
    cancelled_count: int
    cancelled_cents: int
    closing: CashClosingDetails | None


def difference_text(cents: int) -> str:
    """Counted minus expected, said in words too: a bare minus sign is easy to misread at night."""
    if cents == 0:
        return _("{amount}: the drawer matches").format(amount=format_money(0))
    if cents > 0:
        return _("+{amount}: more than expected").format(amount=format_money(cents))
    return _("−{amount}: missing from the drawer").format(amount=format_money(-cents))


def payments_on(day: date) -> list[ColumnElement[bool]]:
    """The conditions that select the payments of ``day`` (from midnight to midnight)."""
    start, end = day_span(day)
    return [Payment.at >= start, Payment.at < end]


def _payments_of(day: date, user_id: int | None) -> list[ColumnElement[bool]]:
    conditions = payments_on(day)
    if user_id is not None:
        conditions.append(Payment.user_id == user_id)
    return conditions


def _ordered(lines: Iterable[tuple[SummaryLine, int]]) -> tuple[SummaryLine, ...]:
    """Money in before money out, categories in their order, then methods in theirs."""
    methods = list(PaymentMethod)
    return tuple(
        line
        for line, _sort in sorted(
            lines, key=lambda item: (item[0].direction is Direction.OUT, item[1], methods.index(item[0].method))
        )
    )


def summary_lines(session: Session, day: date, user_id: int | None) -> tuple[SummaryLine, ...]:
    """The day's payments by direction, method and category, without cancelled receipts."""
    statement = (
        select(
            Payment.direction,
            Payment.method,
            Payment.category_id,
            PaymentCategory.code,
            PaymentCategory.name,
            PaymentCategory.sort_order,
            func.count(Payment.id),
            func.sum(Payment.amount_cents),
        )
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(*_payments_of(day, user_id), Receipt.cancelled_at.is_(None))
        .group_by(Payment.direction, Payment.method, Payment.category_id)
    )
    return _ordered(
        (
            SummaryLine(
                direction=Direction(direction),
                method=PaymentMethod(method),
                category_id=category_id,
                category=category_label(code, name),
                count=count,
                amount_cents=amount,
            ),
            sort_order,
        )
        for direction, method, category_id, code, name, sort_order, count, amount in session.execute(statement)
    )


def closing_of(session: Session, day: date, user_id: int | None) -> CashClosing | None:
    """The closing of ``day`` for ``user_id`` (None: the one for everyone)."""
    who = CashClosing.user_id.is_(None) if user_id is None else CashClosing.user_id == user_id
    return session.scalars(select(CashClosing).where(CashClosing.day == day, who)).one_or_none()


def is_closed_for(session: Session, day: date, user_id: int) -> bool:
    """Whether the cash of ``day`` is closed for ``user_id``: by their own closing or everyone's."""
    who = or_(CashClosing.user_id.is_(None), CashClosing.user_id == user_id)
    return session.scalar(select(func.count(CashClosing.id)).where(CashClosing.day == day, who)) != 0


def _user_name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    user = session.get(User, user_id)
    return user.name if user else ""


def read_closing(session: Session, closing: CashClosing) -> CashClosingDetails:
    categories = {category.id: category for category in session.scalars(select(PaymentCategory))}
    lines = _ordered(
        (
            SummaryLine(
                direction=Direction(line.direction),
                method=PaymentMethod(line.method),
                category_id=line.category_id,
                category=category_label(categories[line.category_id].code, categories[line.category_id].name),
                count=line.count,
                amount_cents=line.amount_cents,
            ),
            categories[line.category_id].sort_order,
        )
        for line in session.scalars(select(CashClosingLine).where(CashClosingLine.closing_id == closing.id))
    )
    figures = CashFigures(
        day=closing.day,
        user_id=closing.user_id,
        user_name=_user_name(session, closing.user_id),
        opening_float_cents=closing.opening_float_cents,
        lines=lines,
    )
    return CashClosingDetails(
        id=closing.id,
        figures=figures,
        counted_cents=closing.counted_cents,
        closed_at=closing.closed_at,
        closed_by_name=_user_name(session, closing.closed_by_id),
    )


def close_in_session(
    session: Session,
    clock: Clock,
    actor: Actor,
    day: date,
    user_id: int | None,
    opening_float_cents: int,
    counted_cents: int,
) -> CashClosing:
    """Save the closing of ``day`` in the caller's transaction (the desk's and the demo's path).

    The caller writes the audit entry (the demo writes one for the whole house).

    Raises:
        ValidationError: bad amounts, a future day, an unknown user, or a day already closed.
    """
    problems = Problems()
    check_amount(problems, "opening_float_cents", opening_float_cents, minimum=0)
    check_amount(problems, "counted_cents", counted_cents, minimum=0)
    if day > clock.today():
        problems.add("day", _("A day can be closed only once it has begun: choose today or an earlier day."))
    if user_id is not None and session.get(User, user_id) is None:
        problems.add("user_id", _("The chosen user no longer exists: choose them again."))
    problems.raise_if_any()
    existing = closing_of(session, day, user_id)
    if existing is not None:
        raise ValidationError(
            _("The cash of {day} ({who}) was already closed at {when} by {name}; a closing is never changed.").format(
                day=format_date(day),
                who=_user_name(session, user_id) or _("everyone"),
                when=format_datetime(existing.closed_at),
                name=_user_name(session, existing.closed_by_id),
            ),
            field="day",
        )
    figures = CashFigures(
        day=day,
        user_id=user_id,
        user_name="",
        opening_float_cents=opening_float_cents,
        lines=summary_lines(session, day, user_id),
    )
    closing = CashClosing(
        day=day,
        user_id=user_id,
        opening_float_cents=opening_float_cents,
        expected_cents=figures.expected_cents,
        counted_cents=counted_cents,
        closed_at=clock.now(),
        closed_by_id=actor.user_id,
    )
    session.add(closing)
    session.flush()
    session.add_all(
        CashClosingLine(
            closing_id=closing.id,
            direction=line.direction.value,
            method=line.method.value,
            category_id=line.category_id,
            count=line.count,
            amount_cents=line.amount_cents,
        )
        for line in figures.lines
    )
    session.flush()
    return closing


class CashClosingService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def summary(
        self, actor: Actor, day: date, user_id: int | None = None, *, opening_float_cents: int = 0
    ) -> CashSummary:
        """The live summary of ``day`` for one user or (None) everyone.

        When the day is closed, the closing's float is used and the saved closing comes with it.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            saved = closing_of(session, day, user_id)
            closing = read_closing(session, saved) if saved is not None else None
            cancelled_count, cancelled_cents = session.execute(
                select(func.count(Payment.id), func.coalesce(func.sum(Payment.amount_cents), 0))
                .join(Receipt, Receipt.payment_id == Payment.id)
                .where(*_payments_of(day, user_id), Receipt.cancelled_at.is_not(None))
            ).one()
            figures = CashFigures(
                day=day,
                user_id=user_id,
                user_name=_user_name(session, user_id),
                opening_float_cents=closing.figures.opening_float_cents if closing else opening_float_cents,
                lines=summary_lines(session, day, user_id),
            )
            return CashSummary(
                figures=figures, cancelled_count=cancelled_count, cancelled_cents=cancelled_cents, closing=closing
            )

    def close(
        self, actor: Actor, day: date, user_id: int | None, opening_float_cents: int, counted_cents: int
    ) -> CashClosingDetails:
        """Close the cash of ``day`` for one user or (None) everyone; see ``close_in_session``."""
        check_values(
            {
                "day": (day, date),
                "user_id": (user_id, int | None),
                "opening_float_cents": (opening_float_cents, int),
                "counted_cents": (counted_cents, int),
            }
        )
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            closing = close_in_session(session, self._clock, actor, day, user_id, opening_float_cents, counted_cents)
            fields = ("counted_cents", "day", "opening_float_cents", "user_id")
            audit.record(session, self._clock, actor, "close", "cash_closing", closing.id, fields)
            return read_closing(session, closing)

    def closing(self, actor: Actor, day: date, user_id: int | None = None) -> CashClosingDetails | None:
        """The saved closing of ``day`` for one user or (None) everyone, if the cash was closed."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            saved = closing_of(session, day, user_id)
            return read_closing(session, saved) if saved is not None else None
