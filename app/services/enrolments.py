"""Enrolments: a person in a workshop, enrolled or waiting for a place, and withdrawals.

Rules:
- anyone at the desk enrols and withdraws people; a workshop must be active with registration
  open; a person is in a workshop once (enrolled or waiting); one who withdrew may enrol again
  and goes to the end of the queue;
- never more people enrolled than the capacity: the next ones wait, in the order they asked
  (``queue_number``, growing per workshop). When a place frees up (a withdrawal, a larger
  capacity) the first person waiting gets it, and the result names them with their phone, so
  the desk calls them;
- minors and the age range follow ``workshop_rules``: someone under the registry's consent age
  is enrolled only with their guardian and the consent recorded; someone surely outside the age
  range is refused;
- the fee is fixed when the person gets their place: the members' fee if they hold a valid card
  for this year (``is_member``), else the full fee; what it owes is in ``enrolment_dues``.

All of it runs in one transaction taken with ``BEGIN IMMEDIATE`` (``app.db.engine``), so two
desks enrolling at once cannot both take the last place.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Enrolment, Membership, Person, Receipt, Workshop
from app.errors import ValidationError, record_gone
from app.i18n import N_, _
from app.services import audit
from app.services.booking_dues import PaidStatus
from app.services.enrolment_dues import paid_statuses
from app.services.people import CONSENT_AGE, may_be_under
from app.services.roles import Actor, authorise
from app.services.validation import check_values
from app.services.workshop_rules import FeeKind, age_range_text, fee_for, outside_age_range, possible_ages


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITING = "waiting"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _(STATUS_LABELS[self])


STATUS_LABELS = {
    EnrolmentStatus.ENROLLED: N_("enrolled"),
    EnrolmentStatus.WAITING: N_("waiting list"),
    EnrolmentStatus.WITHDRAWN: N_("withdrawn"),
}


@dataclass(frozen=True)
class Promotion:
    """A person who was waiting and now has a place: the desk calls them."""

    enrolment_id: int
    workshop_id: int
    workshop_title: str
    person_id: int
    name: str
    phone: str


@dataclass(frozen=True)
class EnrolmentRow:
    """A person in a workshop as the lists show them; ``position`` is their place in the queue
    while waiting (1 is next); ``fee_cents`` is per course or per session (``fee_kind``)."""

    id: int
    workshop_id: int
    workshop_title: str
    person_id: int
    name: str
    phone: str
    status: EnrolmentStatus
    position: int | None
    requested_at: datetime
    enrolled_at: datetime | None
    withdrawn_at: datetime | None
    fee_cents: int
    fee_kind: FeeKind
    member_fee: bool
    due_cents: int
    paid_cents: int

    @property
    def remaining_cents(self) -> int:
        return self.due_cents - self.paid_cents

    @property
    def paid(self) -> bool:
        return self.remaining_cents <= 0


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawn enrolment and the people promoted to the freed place (usually one)."""

    enrolment: EnrolmentRow
    promoted: tuple[Promotion, ...]


def _name(person: Person) -> str:
    return f"{person.family_name} {person.given_name}".strip()


def is_member(session: Session, person_id: int, year: int) -> bool:
    """Whether the person holds a card for ``year`` whose receipt was not cancelled."""
    statement = (
        select(Membership.id)
        .join(Receipt, Receipt.payment_id == Membership.payment_id)
        .where(Membership.person_id == person_id, Membership.year == year, Receipt.cancelled_at.is_(None))
    )
    return session.scalar(statement) is not None


def _give_place(session: Session, clock: Clock, enrolment: Enrolment, workshop: Workshop) -> None:
    now = clock.now()
    member = is_member(session, enrolment.person_id, now.year)
    fee, member_fee = fee_for(fee_cents=workshop.fee_cents, member_fee_cents=workshop.member_fee_cents, member=member)
    enrolment.status = EnrolmentStatus.ENROLLED.value
    enrolment.enrolled_at = now
    enrolment.withdrawn_at = None
    enrolment.fee_cents = fee
    enrolment.member_fee = member_fee
    enrolment.updated_at = now


def _enrolled_count(session: Session, workshop_id: int) -> int:
    statement = select(func.count()).where(
        Enrolment.workshop_id == workshop_id, Enrolment.status == EnrolmentStatus.ENROLLED.value
    )
    return session.scalar(statement) or 0


def fill_places(session: Session, clock: Clock, actor: Actor, workshop: Workshop) -> list[Promotion]:
    """Give the free places of ``workshop`` to the first people waiting, in the caller's transaction."""
    free = workshop.capacity - _enrolled_count(session, workshop.id)
    if free <= 0:
        return []
    statement = (
        select(Enrolment, Person)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.workshop_id == workshop.id, Enrolment.status == EnrolmentStatus.WAITING.value)
        .order_by(Enrolment.queue_number)
        .limit(free)
    )
    promoted = []
    for enrolment, person in session.execute(statement).all():
        _give_place(session, clock, enrolment, workshop)
        audit.record(session, clock, actor, "update", "enrolment", enrolment.id, ("enrolled_at", "fee_cents", "status"))
        promoted.append(Promotion(enrolment.id, workshop.id, workshop.title, person.id, _name(person), person.phone))
    session.flush()
    return promoted


def _check_person(session: Session, clock: Clock, person: Person, workshop: Workshop) -> None:
    today = clock.today()
    name = _name(person)
    minor = may_be_under(CONSENT_AGE, birth_date=person.birth_date, birth_year=person.birth_year, today=today)
    if minor and (person.guardian_id is None or person.consent_date is None):
        raise ValidationError(
            _(
                "{name} is under {age}: record their parent or guardian and the consent date in their "
                "details, then enrol them."
            ).format(name=name, age=CONSENT_AGE),
            field="person_id",
        )
    ages = possible_ages(birth_date=person.birth_date, birth_year=person.birth_year, today=today)
    if outside_age_range(ages, workshop.min_age, workshop.max_age):
        raise ValidationError(
            _("{name}'s age does not fit {workshop} ({ages}). A coordinator can change the age range.").format(
                name=name, workshop=workshop.title, ages=age_range_text(workshop.min_age, workshop.max_age)
            ),
            field="person_id",
        )


class EnrolmentService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- writing -----------------------------------------------------------------------------------

    def enrol(self, actor: Actor, workshop_id: int, person_id: int) -> EnrolmentRow:
        """Enrol a person, or put them on the waiting list when the workshop is full.

        Raises:
            NotFound: the workshop or the person is gone.
            ValidationError: registration is closed, the person is already in, is a minor
                without consent recorded, or is outside the age range.
        """
        check_values({"workshop_id": (workshop_id, int), "person_id": (person_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            workshop = session.get(Workshop, workshop_id)
            person = session.get(Person, person_id)
            if workshop is None or person is None:
                raise record_gone()
            if not workshop.active:
                raise ValidationError(_("This workshop is no longer running: choose another one."))
            if not workshop.registration_open:
                raise ValidationError(
                    _("Registration for {workshop} is closed. A coordinator can open it.").format(
                        workshop=workshop.title
                    )
                )
            existing = session.scalar(
                select(Enrolment).where(Enrolment.workshop_id == workshop_id, Enrolment.person_id == person_id)
            )
            if existing is not None and existing.status != EnrolmentStatus.WITHDRAWN.value:
                self._refuse_twice(session, existing, person, workshop)
            _check_person(session, self._clock, person, workshop)
            now = self._clock.now()
            last = session.scalar(select(func.max(Enrolment.queue_number)).where(Enrolment.workshop_id == workshop_id))
            enrolment = existing or Enrolment(workshop_id=workshop_id, person_id=person_id)
            enrolment.queue_number = (last or 0) + 1
            enrolment.requested_at = now
            enrolment.updated_at = now
            enrolment.withdrawn_at = None
            enrolment.enrolled_at = None
            enrolment.fee_cents = 0
            enrolment.member_fee = False
            enrolment.status = EnrolmentStatus.WAITING.value
            if _enrolled_count(session, workshop_id) < workshop.capacity:
                _give_place(session, self._clock, enrolment, workshop)
            if existing is None:
                session.add(enrolment)
            session.flush()
            fields = ("fee_cents", "queue_number", "requested_at", "status") + (
                ("enrolled_at",) if enrolment.enrolled_at is not None else ()
            )
            action = "update" if existing is not None else "create"
            audit.record(session, self._clock, actor, action, "enrolment", enrolment.id, fields)
            return self._rows(session, [enrolment])[0]

    def withdraw(self, actor: Actor, enrolment_id: int) -> Withdrawal:
        """Withdraw a person (enrolled or waiting); a freed place goes to the first person waiting.

        Raises:
            NotFound: the enrolment is gone.
            ValidationError: the person had already withdrawn.
        """
        check_values({"enrolment_id": (enrolment_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            enrolment = session.get(Enrolment, enrolment_id)
            if enrolment is None:
                raise record_gone()
            if enrolment.status == EnrolmentStatus.WITHDRAWN.value:
                raise ValidationError(_("This person has already withdrawn: refresh the list."))
            workshop = session.get(Workshop, enrolment.workshop_id)
            assert workshop is not None  # an enrolment's workshop is never deleted
            now = self._clock.now()
            enrolment.status = EnrolmentStatus.WITHDRAWN.value
            enrolment.withdrawn_at = now
            enrolment.updated_at = now
            session.flush()
            audit.record(session, self._clock, actor, "update", "enrolment", enrolment.id, ("status", "withdrawn_at"))
            promoted = fill_places(session, self._clock, actor, workshop)
            return Withdrawal(self._rows(session, [enrolment])[0], tuple(promoted))

    # -- reading -----------------------------------------------------------------------------------

    def enrolments(self, actor: Actor, workshop_id: int, *, include_withdrawn: bool = False) -> list[EnrolmentRow]:
        """The people of a workshop: enrolled (by name), then waiting (in queue order), then,
        when asked, those who withdrew (by name)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Enrolment).where(Enrolment.workshop_id == workshop_id)
            if not include_withdrawn:
                statement = statement.where(Enrolment.status != EnrolmentStatus.WITHDRAWN.value)
            rows = self._rows(session, list(session.scalars(statement)))
        order = {EnrolmentStatus.ENROLLED: 0, EnrolmentStatus.WAITING: 1, EnrolmentStatus.WITHDRAWN: 2}
        return sorted(rows, key=lambda row: (order[row.status], row.position or 0, row.name.casefold(), row.id))

    def of_person(self, actor: Actor, person_id: int) -> list[EnrolmentRow]:
        """A person's enrolments, newest request first."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                select(Enrolment)
                .where(Enrolment.person_id == person_id)
                .order_by(Enrolment.requested_at.desc(), Enrolment.id.desc())
            )
            return self._rows(session, list(session.scalars(statement)))

    def get(self, actor: Actor, enrolment_id: int) -> EnrolmentRow:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            enrolment = session.get(Enrolment, enrolment_id)
            if enrolment is None:
                raise record_gone()
            return self._rows(session, [enrolment])[0]

    def paid_status(self, actor: Actor, enrolment_id: int) -> PaidStatus:
        """What an enrolment owes so far and what was paid towards it."""
        row = self.get(actor, enrolment_id)
        return PaidStatus(row.due_cents, row.paid_cents)

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def _refuse_twice(session: Session, existing: Enrolment, person: Person, workshop: Workshop) -> None:
        if existing.status == EnrolmentStatus.ENROLLED.value:
            raise ValidationError(
                _("{name} is already enrolled in {workshop}.").format(name=_name(person), workshop=workshop.title),
                field="person_id",
            )
        position = _position(session, existing)
        raise ValidationError(
            _("{name} is already on the waiting list of {workshop} (number {position}).").format(
                name=_name(person), workshop=workshop.title, position=position
            ),
            field="person_id",
        )

    def _rows(self, session: Session, enrolments: list[Enrolment]) -> list[EnrolmentRow]:
        if not enrolments:
            return []
        workshop_ids = {enrolment.workshop_id for enrolment in enrolments}
        workshops = {
            workshop.id: workshop for workshop in session.scalars(select(Workshop).where(Workshop.id.in_(workshop_ids)))
        }
        people = {
            person.id: person
            for person in session.scalars(
                select(Person).where(Person.id.in_({enrolment.person_id for enrolment in enrolments}))
            )
        }
        queues: dict[int, list[int]] = {}
        waiting = select(Enrolment.workshop_id, Enrolment.id).where(
            Enrolment.workshop_id.in_(workshop_ids), Enrolment.status == EnrolmentStatus.WAITING.value
        )
        for workshop_id, waiting_id in session.execute(waiting.order_by(Enrolment.queue_number)):
            queues.setdefault(workshop_id, []).append(waiting_id)
        kinds = [(enrolment, FeeKind(workshops[enrolment.workshop_id].fee_kind)) for enrolment in enrolments]
        statuses = paid_statuses(session, kinds, self._clock.now())
        rows = []
        for enrolment, kind in kinds:
            person, workshop = people[enrolment.person_id], workshops[enrolment.workshop_id]
            queue = queues.get(enrolment.workshop_id, [])
            status = statuses[enrolment.id]
            rows.append(
                EnrolmentRow(
                    id=enrolment.id,
                    workshop_id=workshop.id,
                    workshop_title=workshop.title,
                    person_id=person.id,
                    name=_name(person),
                    phone=person.phone,
                    status=EnrolmentStatus(enrolment.status),
                    position=queue.index(enrolment.id) + 1 if enrolment.id in queue else None,
                    requested_at=enrolment.requested_at,
                    enrolled_at=enrolment.enrolled_at,
                    withdrawn_at=enrolment.withdrawn_at,
                    fee_cents=enrolment.fee_cents,
                    fee_kind=kind,
                    member_fee=enrolment.member_fee,
                    due_cents=status.due_cents,
                    paid_cents=status.paid_cents,
                )
            )
        return rows


def _position(session: Session, enrolment: Enrolment) -> int:
    """1 + how many people wait before ``enrolment`` in its workshop's queue."""
    ahead = session.scalar(
        select(func.count()).where(
            Enrolment.workshop_id == enrolment.workshop_id,
            Enrolment.status == EnrolmentStatus.WAITING.value,
            Enrolment.queue_number < enrolment.queue_number,
        )
    )
    return (ahead or 0) + 1
