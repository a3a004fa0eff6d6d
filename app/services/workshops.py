"""Workshops and courses: coordinators and admins create and edit them, everyone at the desk reads them.

A workshop has a title, a facilitator (a person of the registry), optionally the association
that runs it, a room, a capacity, a fee per course or per session with an optional reduced fee
for members of the house, an optional age range, and two switches: registration open (the desk
may enrol people) and active (it is listed; an old course is retired, never deleted).

Its dated meetings are in ``workshop_sessions``; its people in ``enrolments``; the rules of fees
and ages in ``workshop_rules``. Rules of an edit:
- the capacity is at most the room's (each session books the room for that many people) and
  never below the number already enrolled (withdraw people first); raising it gives the new
  places to the first people waiting, and ``WorkshopUpdate.promoted`` says whom to call;
- changing the title, association or room applies to sessions created afterwards; a session
  already booked keeps its booking (move it to change its room).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import Enrolment, Organisation, Person, Room, Workshop
from app.errors import record_gone
from app.i18n import _, ngettext
from app.services import audit
from app.services.cash_rules import check_amount
from app.services.enrolments import Promotion, fill_places
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_kinds, check_max_length, check_required, check_values, clean
from app.services.workshop_rules import MAX_AGE, FeeKind
from app.text import fold, like_pattern, search_terms

MAX_TITLE_LENGTH = 200


@dataclass(frozen=True)
class WorkshopDraft:
    """What the editor sends to create or change a workshop; fees in cents."""

    title: str = ""
    description: str = ""
    facilitator_id: int | None = None
    organisation_id: int | None = None
    room_id: int | None = None
    capacity: int = 12
    fee_cents: int = 0
    fee_kind: FeeKind = FeeKind.COURSE
    member_fee_cents: int | None = None  # None: members pay the full fee
    min_age: int | None = None
    max_age: int | None = None
    registration_open: bool = True
    active: bool = True


@dataclass(frozen=True)
class WorkshopRow:
    """One line of the workshops list."""

    id: int
    title: str
    facilitator_name: str
    organisation_name: str
    room_name: str
    capacity: int
    enrolled: int
    waiting: int
    fee_cents: int
    fee_kind: FeeKind
    registration_open: bool
    active: bool

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.enrolled, 0)


@dataclass(frozen=True)
class WorkshopDetails:
    """A workshop as its editor shows it."""

    id: int
    draft: WorkshopDraft
    facilitator_name: str
    organisation_name: str
    room_name: str
    enrolled: int
    waiting: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class WorkshopUpdate:
    """A saved change, and the people who got a place because the capacity grew (call them)."""

    workshop: WorkshopDetails
    promoted: tuple[Promotion, ...]


def person_name(family_name: str | None, given_name: str | None) -> str:
    return f"{family_name or ''} {given_name or ''}".strip()


def counts(session: Session, workshop_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """(enrolled, waiting) of each workshop, in one query."""
    statement = (
        select(Enrolment.workshop_id, Enrolment.status, func.count())
        .where(Enrolment.workshop_id.in_(workshop_ids), Enrolment.status.in_(("enrolled", "waiting")))
        .group_by(Enrolment.workshop_id, Enrolment.status)
    )
    found: dict[int, tuple[int, int]] = {}
    for workshop_id, status, number in session.execute(statement):
        enrolled, waiting = found.get(workshop_id, (0, 0))
        found[workshop_id] = (number, waiting) if status == "enrolled" else (enrolled, number)
    return found


def _draft_of(workshop: Workshop) -> WorkshopDraft:
    values = {item.name: getattr(workshop, item.name) for item in fields(WorkshopDraft)}
    values["fee_kind"] = FeeKind(workshop.fee_kind)
    return WorkshopDraft(**values)


class WorkshopService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def workshop_ids(self, actor: Actor, query: str = "", *, include_inactive: bool = False) -> list[int]:
        """Ids of the workshops whose title has every word of ``query``, in title order."""
        conditions: list[ColumnElement[bool]] = [
            Workshop.sort_key.like(like_pattern(term), escape="\\") for term in search_terms(query)
        ]
        if not include_inactive:
            conditions.append(Workshop.active.is_(True))
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Workshop.id).where(and_(True, *conditions))
            return fetch_ids(session, statement.order_by(Workshop.sort_key, Workshop.id))

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[WorkshopRow]:
        """The list lines of these workshops, in the order of ``ids`` (missing ones are skipped)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = (
                select(Workshop, Person.family_name, Person.given_name, Organisation.name, Room.name)
                .join(Person, Person.id == Workshop.facilitator_id)
                .join(Room, Room.id == Workshop.room_id)
                .outerjoin(Organisation, Organisation.id == Workshop.organisation_id)
                .where(Workshop.id.in_(ids))
            )
            numbers = counts(session, ids)
            found = {}
            for workshop, family, given, organisation, room in session.execute(statement):
                enrolled, waiting = numbers.get(workshop.id, (0, 0))
                found[workshop.id] = WorkshopRow(
                    id=workshop.id,
                    title=workshop.title,
                    facilitator_name=person_name(family, given),
                    organisation_name=organisation or "",
                    room_name=room,
                    capacity=workshop.capacity,
                    enrolled=enrolled,
                    waiting=waiting,
                    fee_cents=workshop.fee_cents,
                    fee_kind=FeeKind(workshop.fee_kind),
                    registration_open=workshop.registration_open,
                    active=workshop.active,
                )
            return [found[workshop_id] for workshop_id in ids if workshop_id in found]

    def get(self, actor: Actor, workshop_id: int) -> WorkshopDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return self._details(session, workshop_id)

    # -- writing -----------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: WorkshopDraft) -> WorkshopDetails:
        """Save a new workshop.

        Raises:
            PermissionDenied: the user is a volunteer.
            ValidationError: one message per field to fix.
        """
        check_kinds(draft)
        draft = self.normalise(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            self._validate(session, draft, None)
            now = self._clock.now()
            workshop = Workshop(created_at=now, updated_at=now)
            self._apply(workshop, draft)
            session.add(workshop)
            session.flush()
            filled = [item.name for item in fields(WorkshopDraft) if getattr(draft, item.name) not in ("", None)]
            audit.record(session, self._clock, actor, "create", "workshop", workshop.id, filled)
            return self._details(session, workshop.id)

    def update(self, actor: Actor, workshop_id: int, draft: WorkshopDraft) -> WorkshopUpdate:
        """Change a workshop; a larger capacity promotes the first people waiting.

        Raises:
            NotFound: the workshop is gone.
            PermissionDenied: the user is a volunteer.
            ValidationError: one message per field to fix.
        """
        check_values({"workshop_id": (workshop_id, int)})
        check_kinds(draft)
        draft = self.normalise(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            workshop = session.get(Workshop, workshop_id)
            if workshop is None:
                raise record_gone()
            self._validate(session, draft, workshop)
            before = _draft_of(workshop)
            changed = [
                item.name for item in fields(WorkshopDraft) if getattr(before, item.name) != getattr(draft, item.name)
            ]
            promoted: list[Promotion] = []
            if changed:
                self._apply(workshop, draft)
                workshop.updated_at = self._clock.now()
                session.flush()
                audit.record(session, self._clock, actor, "update", "workshop", workshop.id, changed)
                promoted = fill_places(session, self._clock, actor, workshop)
            return WorkshopUpdate(self._details(session, workshop_id), tuple(promoted))

    # -- rules -------------------------------------------------------------------------------------

    @staticmethod
    def normalise(draft: WorkshopDraft) -> WorkshopDraft:
        return replace(draft, title=clean(draft.title), description=draft.description.strip())

    @staticmethod
    def _apply(workshop: Workshop, draft: WorkshopDraft) -> None:
        for item in fields(WorkshopDraft):
            setattr(workshop, item.name, getattr(draft, item.name))
        workshop.fee_kind = draft.fee_kind.value
        workshop.sort_key = fold(draft.title)

    def _validate(self, session: Session, draft: WorkshopDraft, current: Workshop | None) -> None:
        problems = Problems()
        check_required(problems, "title", draft.title, _("Write the title of the workshop."))
        check_max_length(problems, "title", draft.title, MAX_TITLE_LENGTH)
        if draft.facilitator_id is None:
            problems.add("facilitator_id", _("Choose who leads the workshop."))
        elif session.get(Person, draft.facilitator_id) is None:
            problems.add("facilitator_id", _("The chosen person no longer exists: choose them again."))
        if draft.organisation_id is not None and session.get(Organisation, draft.organisation_id) is None:
            problems.add("organisation_id", _("The chosen association no longer exists: choose it again."))
        room = self._check_room(session, problems, draft, current)
        if isinstance(draft.capacity, bool) or not isinstance(draft.capacity, int) or draft.capacity < 1:
            problems.add("capacity", _("Write how many people can take part: at least 1."))
        elif room is not None and draft.capacity > room.capacity:
            problems.add(
                "capacity",
                _("The room holds at most {capacity} people: lower the places or choose a larger room.").format(
                    capacity=room.capacity
                ),
            )
        elif current is not None:
            enrolled = counts(session, [current.id]).get(current.id, (0, 0))[0]
            if draft.capacity < enrolled:
                problems.add(
                    "capacity",
                    ngettext(
                        "{count} person is enrolled: keep at least {count} place, or withdraw them first.",
                        "{count} people are enrolled: keep at least {count} places, or withdraw someone first.",
                        enrolled,
                    ).format(count=enrolled),
                )
        check_amount(problems, "fee_cents", draft.fee_cents, minimum=0)
        if not isinstance(draft.fee_kind, FeeKind):
            problems.add("fee_kind", _("Choose whether the fee is per course or per session."))
        if draft.member_fee_cents is not None:
            check_amount(problems, "member_fee_cents", draft.member_fee_cents, minimum=0)
            if (
                isinstance(draft.fee_cents, int)
                and isinstance(draft.member_fee_cents, int)
                and draft.member_fee_cents > draft.fee_cents
            ):
                problems.add("member_fee_cents", _("The members' fee cannot be more than the full fee."))
        for name in ("min_age", "max_age"):
            value = getattr(draft, name)
            if value is not None and not 0 <= value <= MAX_AGE:
                problems.add(name, _("Write an age between 0 and {last}, or leave it empty.").format(last=MAX_AGE))
        if draft.min_age is not None and draft.max_age is not None and draft.min_age > draft.max_age:
            problems.add("max_age", _("The highest age is below the lowest: check the age range."))
        problems.raise_if_any()

    @staticmethod
    def _check_room(
        session: Session, problems: Problems, draft: WorkshopDraft, current: Workshop | None
    ) -> Room | None:
        if draft.room_id is None:
            problems.add("room_id", _("Choose the room where the workshop meets."))
            return None
        room = session.get(Room, draft.room_id)
        if room is None:
            problems.add("room_id", _("The chosen room no longer exists: choose it again."))
        elif not room.active and (current is None or current.room_id != room.id):
            problems.add("room_id", _("This room is no longer in use: choose another room."))
        return room

    @staticmethod
    def _details(session: Session, workshop_id: int) -> WorkshopDetails:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise record_gone()
        facilitator = session.get(Person, workshop.facilitator_id)
        organisation = session.get(Organisation, workshop.organisation_id) if workshop.organisation_id else None
        room = session.get(Room, workshop.room_id)
        enrolled, waiting = counts(session, [workshop_id]).get(workshop_id, (0, 0))
        return WorkshopDetails(
            id=workshop.id,
            draft=_draft_of(workshop),
            facilitator_name=person_name(facilitator.family_name, facilitator.given_name) if facilitator else "",
            organisation_name=organisation.name if organisation else "",
            room_name=room.name if room else "",
            enrolled=enrolled,
            waiting=waiting,
            created_at=workshop.created_at,
            updated_at=workshop.updated_at,
        )
