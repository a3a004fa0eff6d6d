"""Loans of the tool library: one row per loan, open or returned; with a period, those lent in it.

The rows are the loan service's own (``LoanRow``, days late included), read with its query a
page at a time in the order the loans were recorded, each page in a short transaction.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.db.models import Loan
from app.exports.csv_dialects import Cell, Money
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.loans import loan_rows, loan_rows_statement
from app.services.roles import Actor, authorise

PAGE = 2000


def header() -> list[str]:
    return [
        _("Tool code"),
        _("Tool"),
        _("Person"),
        _("Phone"),
        _("Lent on"),
        _("Due on"),
        _("Returned on"),
        _("Days late"),
        _("Deposit"),
    ]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    start, end = period.span()
    last_id = 0
    today = services.clock.today()
    while True:
        statement = (
            loan_rows_statement()
            .where(Loan.id > last_id, Loan.out_at >= start, Loan.out_at < end)
            .order_by(Loan.id)
            .limit(PAGE)
        )
        with services.database.sessions.begin() as session:
            authorise(session, actor)
            page = loan_rows(session, statement, today)
        if not page:
            return
        last_id = page[-1].id
        for row in page:
            yield (
                row.tool_code,
                row.tool_name,
                row.person_name,
                row.phone,
                row.out_at.date(),
                row.due_day,
                row.returned_at.date() if row.returned_at else None,
                row.days_late,
                Money(row.deposit_cents),
            )
