"""What enrolments cost, for the cash desk (``cash.DueSource``, kind ``"enrolment"``).

Rules:
- the fee of an enrolment is fixed when the person gets their place (``enrolments``): the
  workshop's fee, or its members' fee for a member of the house; a free workshop owes nothing;
- per course: owed once, from the moment the person is enrolled (so it can be paid in advance).
  Withdrawing before any session was held since then cancels it; withdrawing after the course
  started does not (the place was theirs);
- per session: the fee times the sessions held while the person was enrolled: sessions that have
  started (``now``), are not cancelled, and start between the enrolment and the withdrawal;
- people waiting owe nothing; re-enrolling after a withdrawal starts afresh (what was paid
  before stays linked to the enrolment, so it counts towards the new fee);
- payments linked with ``link_kind="enrolment"`` and the enrolment's id settle it; a cancelled
  receipt pays nothing; money given back is an outgoing payment linked the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.models import Booking, Enrolment, Workshop, WorkshopSession
from app.i18n import _, ngettext
from app.services.booking_dues import PaidStatus
from app.services.cash import Due, paid_for
from app.services.workshop_rules import FeeKind

ENROLMENT = "enrolment"


def held_session_starts(session: Session, workshop_ids: Iterable[int], now: datetime) -> dict[int, list[datetime]]:
    """The starts of each workshop's sessions that were not cancelled and started before ``now``,
    in order."""
    wanted = sorted(set(workshop_ids))
    held: dict[int, list[datetime]] = {workshop_id: [] for workshop_id in wanted}
    if not wanted:
        return held
    statement = (
        select(WorkshopSession.workshop_id, Booking.starts_at)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(WorkshopSession.workshop_id.in_(wanted), Booking.status != "cancelled", Booking.starts_at < now)
        .order_by(Booking.starts_at)
    )
    for workshop_id, start in session.execute(statement):
        held[workshop_id].append(start)
    return held


def sessions_while_enrolled(enrolment: Enrolment, held: Sequence[datetime], now: datetime) -> int:
    """How many of the sessions ``held`` (sorted) started while the person was enrolled."""
    if enrolment.enrolled_at is None:
        return 0
    end = enrolment.withdrawn_at if enrolment.withdrawn_at is not None else now
    return max(bisect_left(held, end) - bisect_left(held, enrolment.enrolled_at), 0)


def enrolment_due(enrolment: Enrolment, fee_kind: FeeKind, held: Sequence[datetime], now: datetime) -> int:
    """What the enrolment owes so far (see the module's rules)."""
    if enrolment.fee_cents == 0 or enrolment.enrolled_at is None or enrolment.status == "waiting":
        return 0
    sessions = sessions_while_enrolled(enrolment, held, now)
    if fee_kind is FeeKind.SESSION:
        return enrolment.fee_cents * sessions
    if enrolment.status == "withdrawn" and sessions == 0:
        return 0
    return enrolment.fee_cents


def paid_statuses(
    session: Session, enrolments: Sequence[tuple[Enrolment, FeeKind]], now: datetime
) -> dict[int, PaidStatus]:
    """What each enrolment owes so far and what was paid towards it, by id, in a few queries."""
    held = held_session_starts(session, (enrolment.workshop_id for enrolment, _kind in enrolments), now)
    paid = paid_for(session, ENROLMENT, [enrolment.id for enrolment, _kind in enrolments])
    return {
        enrolment.id: PaidStatus(
            enrolment_due(enrolment, kind, held[enrolment.workshop_id], now), paid.get(enrolment.id, 0)
        )
        for enrolment, kind in enrolments
    }


class EnrolmentDues:
    """The fees a person owes for their enrolments (kind ``"enrolment"``)."""

    kind = ENROLMENT

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def dues(self, session: Session, *, person_id: int | None, organisation_id: int | None) -> Sequence[Due]:
        if person_id is None:
            return []  # associations are not enrolled
        now = self._clock.now()
        statement = (
            select(Enrolment, Workshop.title, Workshop.fee_kind)
            .join(Workshop, Workshop.id == Enrolment.workshop_id)
            .where(Enrolment.person_id == person_id, Enrolment.fee_cents > 0, Enrolment.enrolled_at.is_not(None))
            .order_by(Enrolment.enrolled_at, Enrolment.id)
        )
        rows = session.execute(statement).all()
        held = held_session_starts(session, (enrolment.workshop_id for enrolment, _title, _kind in rows), now)
        dues: list[Due] = []
        for enrolment, title, kind in rows:
            fee_kind = FeeKind(kind)
            due = enrolment_due(enrolment, fee_kind, held[enrolment.workshop_id], now)
            if due <= 0:
                continue
            if fee_kind is FeeKind.SESSION:
                count = sessions_while_enrolled(enrolment, held[enrolment.workshop_id], now)
                description = ngettext(
                    "{workshop}: {count} session so far", "{workshop}: {count} sessions so far", count
                ).format(workshop=title, count=count)
            else:
                description = _("{workshop}: course fee").format(workshop=title)
            dues.append(Due(link_id=enrolment.id, description=description, due_cents=due))
        return dues
