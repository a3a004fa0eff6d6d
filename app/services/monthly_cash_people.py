"""The month's cash figures and people figures.

Cash: every payment of the month by direction, category and method. An incoming payment whose
receipt was cancelled is left out, as the day's cash summary leaves it out: cancelling means the
money was given back or never taken.

People reached: the distinct people who, in the month, did at least one of
- attended a workshop session (held, starting in the month);
- made a drop-in visit recorded with their name (anonymous visits reach no one we can count);
- borrowed a tool or brought one back;
- held a confirmed booking or series occurrence in their own name (not an organisation's);
- asked for a place in a workshop or got one (enrolled or put on the waiting list);
- paid the house (an incoming payment in their name whose receipt is not cancelled).
A person who did several of these is counted once. Facilitators, organisations' members and
people only registered are not counted as reached.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, union
from sqlalchemy.orm import Session

from app.db.models import (
    Attendance,
    Booking,
    Enrolment,
    Loan,
    Payment,
    PaymentCategory,
    Person,
    Receipt,
    Visit,
    WorkshopSession,
)
from app.services.booking_types import BookingStatus
from app.services.cash_rules import Direction, PaymentMethod
from app.services.monthly_activities import visits_in
from app.services.monthly_figures_types import CashFigures, CashLine, PeopleFigures
from app.services.monthly_span import MonthSpan

_METHOD_ORDER = {method: index for index, method in enumerate(PaymentMethod)}


def cash_figures(session: Session, span: MonthSpan) -> CashFigures:
    statement = (
        select(
            Payment.direction,
            PaymentCategory.id,
            PaymentCategory.code,
            PaymentCategory.name,
            PaymentCategory.sort_order,
            Payment.method,
            func.count(),
            func.sum(Payment.amount_cents),
        )
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(span.holds(Payment.at), Receipt.cancelled_at.is_(None))
        .group_by(Payment.direction, PaymentCategory.id, Payment.method)
    )
    found = [
        (sort_order, CashLine(Direction(direction), category_id, code, name, PaymentMethod(method), count, amount))
        for direction, category_id, code, name, sort_order, method, count, amount in session.execute(statement)
    ]
    found.sort(
        key=lambda item: (
            item[1].direction is Direction.OUT,
            item[0],
            item[1].category_id,
            _METHOD_ORDER[item[1].method],
        )
    )
    cancelled = session.scalar(
        select(func.count())
        .select_from(Receipt)
        .where(span.holds(Receipt.issued_at), Receipt.cancelled_at.is_not(None))
    )
    return CashFigures(lines=tuple(line for _order, line in found), cancelled_receipts=cancelled or 0)


def _reached_statements(span: MonthSpan) -> list[Select[Any]]:
    """The person ids of each activity of the month (bookings apart: their occurrences are
    expanded in Python, see ``people_figures``)."""
    return [
        select(Attendance.person_id)
        .join(WorkshopSession, WorkshopSession.id == Attendance.session_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(Booking.status != BookingStatus.CANCELLED.value, span.holds(Booking.starts_at)),
        select(Visit.person_id).where(Visit.person_id.is_not(None), visits_in(span)),
        select(Loan.person_id).where(or_(span.holds(Loan.out_at), span.holds(Loan.returned_at))),
        select(Enrolment.person_id).where(or_(span.holds(Enrolment.requested_at), span.holds(Enrolment.enrolled_at))),
        select(Payment.payer_person_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(
            and_(
                Payment.payer_person_id.is_not(None),
                Payment.direction == Direction.IN.value,
                span.holds(Payment.at),
                Receipt.cancelled_at.is_(None),
            )
        ),
    ]


def people_figures(session: Session, span: MonthSpan, booking_person_ids: Collection[int]) -> PeopleFigures:
    """``booking_person_ids``: the people holding the month's confirmed bookings and occurrences."""
    new_people = session.scalar(select(func.count()).select_from(Person).where(span.holds(Person.created_at)))
    reached = union(*_reached_statements(span)).subquery()
    counted = session.scalar(select(func.count()).select_from(reached)) or 0
    if booking_person_ids:
        counted += (
            session.scalar(
                select(func.count())
                .select_from(Person)
                .where(Person.id.in_(sorted(booking_person_ids)), Person.id.not_in(select(reached.c[0])))
            )
            or 0
        )
    return PeopleFigures(new_people=new_people or 0, people_reached=counted)
