"""The monthly figures for the funders: a month and the same month a year before.

Coordinators and admins read them; the monthly summary (``app/reports/monthly_summary.py``) draws
them. The figures and what each one means are in ``monthly_figures_types``; each area's rules are
in its module: ``monthly_rooms`` (hours booked, occupancy, organisations), ``monthly_activities``
(workshops, drop-in visits, tool library) and ``monthly_cash_people`` (cash, new people, and the
distinct people reached across all activities, defined there).

Every figure is an aggregate query but the rooms': bookings and series occurrences are read through
``booking_rows.rows_between``, the calendar's one reader, because a series' occurrences exist only
when its rule is expanded. Both months are read in one transaction, so they agree with each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.services.monthly_activities import dropin_figures, tool_figures, workshop_figures
from app.services.monthly_cash_people import cash_figures, people_figures
from app.services.monthly_figures_types import HolderBookings, MonthFigures, MonthlySummaryFigures
from app.services.monthly_rooms import confirmed_rows, room_figures
from app.services.monthly_span import MonthSpan
from app.services.roles import Actor, Role, authorise

TOP_ORGANISATIONS = 10


def month_figures(
    session: Session,
    span: MonthSpan,
    *,
    top_organisations: int = TOP_ORGANISATIONS,
    compared_with: Sequence[HolderBookings] | None = None,
) -> MonthFigures:
    """Every figure of ``span``, read in ``session``; with ``compared_with`` (another month's top
    organisations), the organisations listed are those, each with its own figures in ``span``."""
    rows = confirmed_rows(session, span)
    return MonthFigures(
        year=span.year,
        month=span.month,
        first_day=span.first_day,
        last_day=span.last_day,
        rooms=room_figures(session, span, rows, top=top_organisations, compared_with=compared_with),
        workshops=workshop_figures(session, span),
        dropin=dropin_figures(session, span),
        tools=tool_figures(session, span),
        cash=cash_figures(session, span),
        people=people_figures(session, span, {row.person_id for row in rows if row.person_id is not None}),
    )


class MonthlyFiguresService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def figures(
        self, actor: Actor, year: int, month: int, *, top_organisations: int = TOP_ORGANISATIONS
    ) -> MonthlySummaryFigures:
        """The figures of ``month`` of ``year`` and of the same month a year before.

        The year before lists this month's top organisations (not its own), so that each is set
        beside its own figure of a year before.

        Raises:
            ValidationError: the month or year is not one.
            PermissionDenied: the user is not a coordinator or an admin.
        """
        span = MonthSpan.of(year, month)
        before = span.year_before()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            current = month_figures(session, span, top_organisations=top_organisations)
            return MonthlySummaryFigures(
                current=current,
                year_before=month_figures(
                    session, before, top_organisations=top_organisations, compared_with=current.rooms.organisations
                ),
                made_at=self._clock.now(),
            )
