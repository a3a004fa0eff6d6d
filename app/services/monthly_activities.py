"""The month's figures of the workshops, the drop-in services and the tool library, each read
with a few aggregate queries.

- A workshop session is held when its booking is not cancelled; it belongs to the month its
  booking starts in, and so do its attendance marks. Training delivered is the sum over those
  sessions of the session's length (its booking's, as ``attendance`` counts hours) x the people
  marked present. A new participant is someone whose first attendance ever, at a session not
  cancelled, is in the month.
- Enrolments: new ones are places given in the month; active ones are places held at the end
  of the month (enrolled by then, not withdrawn by then) in the workshops that held a session in
  the month, so a course long over does not count as active for ever.
- Visits are counted by service, and by age band and gender where the service records them;
  ``None`` counts the visits that have no value (not asked, or not given).
- Loans count when they go out, returns when they come back; overdue at the month's end are the
  loans out by then and not back by then whose due day is before the month's last day.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import ColumnElement, and_, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Attendance, Booking, DropInService, Enrolment, Loan, Tool, Visit, WorkshopSession
from app.services.booking_types import BookingStatus
from app.services.monthly_figures_types import (
    AgeBandCount,
    DropInFigures,
    GenderCount,
    ServiceVisits,
    ToolFigures,
    ToolLoans,
    WorkshopFigures,
)
from app.services.monthly_span import MonthSpan, sql_minutes
from app.services.visits import AgeBand, Gender

MOST_LENT = 10


def _held() -> ColumnElement[bool]:
    return Booking.status != BookingStatus.CANCELLED.value


def visits_in(span: MonthSpan) -> ColumnElement[bool]:
    """The month's visits, as one range of ``ix_visits_service_id_at`` per service (a million
    visits are not scanned for a month's forty thousand)."""
    return and_(Visit.service_id.in_(select(DropInService.id)), span.holds(Visit.at))


def workshop_figures(session: Session, span: MonthSpan) -> WorkshopFigures:
    in_month = and_(_held(), span.holds(Booking.starts_at))
    sessions_held = session.scalar(
        select(func.count())
        .select_from(WorkshopSession)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(in_month)
    )
    marks, participants, training = session.execute(
        select(
            func.count(),
            func.count(distinct(Attendance.person_id)),
            func.coalesce(func.sum(sql_minutes(Booking.starts_at, Booking.ends_at)), 0),
        )
        .select_from(Attendance)
        .join(WorkshopSession, WorkshopSession.id == Attendance.session_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(in_month)
    ).one()
    earlier = aliased(Attendance)
    earlier_session = aliased(WorkshopSession)
    earlier_booking = aliased(Booking)
    came_before = (
        select(earlier.person_id)
        .join(earlier_session, earlier_session.id == earlier.session_id)
        .join(earlier_booking, earlier_booking.id == earlier_session.booking_id)
        .where(
            earlier.person_id == Attendance.person_id,
            earlier_booking.status != BookingStatus.CANCELLED.value,
            earlier_booking.starts_at < span.start,
        )
        .exists()
    )
    new_participants = session.scalar(
        select(func.count(distinct(Attendance.person_id)))
        .join(WorkshopSession, WorkshopSession.id == Attendance.session_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(in_month, ~came_before)
    )
    new_enrolments = session.scalar(
        select(func.count()).select_from(Enrolment).where(span.holds(Enrolment.enrolled_at))
    )
    running = (
        select(WorkshopSession.workshop_id).join(Booking, Booking.id == WorkshopSession.booking_id).where(in_month)
    )
    active_enrolments = session.scalar(
        select(func.count())
        .select_from(Enrolment)
        .where(
            Enrolment.enrolled_at < span.end,
            or_(Enrolment.withdrawn_at.is_(None), Enrolment.withdrawn_at >= span.end),
            Enrolment.workshop_id.in_(running),
        )
    )
    return WorkshopFigures(
        sessions_held=sessions_held or 0,
        new_enrolments=new_enrolments or 0,
        active_enrolments=active_enrolments or 0,
        attendance_marks=marks,
        training_minutes=int(training),
        distinct_participants=participants,
        new_participants=new_participants or 0,
    )


def dropin_figures(session: Session, span: MonthSpan) -> DropInFigures:
    counts: dict[int, Counter[tuple[str | None, str | None]]] = {}
    statement = (
        select(Visit.service_id, Visit.age_band, Visit.gender, func.count())
        .where(visits_in(span))
        .group_by(Visit.service_id, Visit.age_band, Visit.gender)
    )
    for service_id, age_band, gender, count in session.execute(statement):
        counts.setdefault(service_id, Counter())[age_band, gender] += count
    services = session.scalars(
        select(DropInService)
        .where(or_(DropInService.active.is_(True), DropInService.id.in_(list(counts))))
        .order_by(DropInService.sort_order, DropInService.id)
    )
    return DropInFigures(tuple(_service_visits(service, counts.get(service.id, Counter())) for service in services))


def _service_visits(service: DropInService, counts: Counter[tuple[str | None, str | None]]) -> ServiceVisits:
    """Every band (gender) in order then "not recorded", when the service records it or some
    visit of the month has one (the service stopped recording it during the month)."""
    bands: Counter[str | None] = Counter()
    genders: Counter[str | None] = Counter()
    for (band, gender), count in counts.items():
        bands[band] += count
        genders[gender] += count
    by_band: tuple[AgeBandCount, ...] = ()
    if service.records_age_band or any(key is not None for key in bands):
        by_band = (*(AgeBandCount(band, bands[band.value]) for band in AgeBand), AgeBandCount(None, bands[None]))
    by_gender: tuple[GenderCount, ...] = ()
    if service.records_gender or any(key is not None for key in genders):
        by_gender = (*(GenderCount(g, genders[g.value]) for g in Gender), GenderCount(None, genders[None]))
    return ServiceVisits(
        service_id=service.id,
        code=service.code,
        name=service.name,
        visits=sum(counts.values()),
        by_age_band=by_band,
        by_gender=by_gender,
    )


def tool_figures(session: Session, span: MonthSpan) -> ToolFigures:
    loans = session.scalar(select(func.count()).select_from(Loan).where(span.holds(Loan.out_at)))
    returns = session.scalar(select(func.count()).select_from(Loan).where(span.holds(Loan.returned_at)))
    overdue = session.scalar(
        select(func.count())
        .select_from(Loan)
        .where(
            Loan.out_at < span.end,
            or_(Loan.returned_at.is_(None), Loan.returned_at >= span.end),
            Loan.due_day < span.last_day,
        )
    )
    lent = func.count().label("lent")
    most = session.execute(
        select(Tool.id, Tool.code, Tool.name, lent)
        .join(Loan, Loan.tool_id == Tool.id)
        .where(span.holds(Loan.out_at))
        .group_by(Tool.id, Tool.code, Tool.name)
        .order_by(lent.desc(), Tool.code)
        .limit(MOST_LENT)
    )
    return ToolFigures(
        loans=loans or 0,
        returns=returns or 0,
        overdue_at_month_end=overdue or 0,
        most_lent=tuple(ToolLoans(tool_id, code, name, count) for tool_id, code, name, count in most),
    )
