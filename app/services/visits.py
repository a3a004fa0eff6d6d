"""Visits of the drop-in services: recorded in one call, undone when mistaken, counted per day.

Rules:
- anyone at the desk records a visit, anonymous or for a person, to an active service; the
  statistics a service does not record (``dropin``) are not stored even when sent, so nothing
  is kept that the house did not decide to ask;
- for a person, what is not given is filled from what the desk knows: the age band from the
  birth date or year (with only a year, the age reached this year), and "first visit" from
  whether they came to this service before. Gender is only ever what the desk was told;
- a mistaken visit is undone (deleted) by its id, on the same day, by the user who recorded it
  or a coordinator;
- today's counters read one short range of ``ix_visits_service_id_at`` per service: recording a
  visit returns its service's new count, so the Today page updates without reading them all.
- the visits themselves are a coordinator's read, as every export is: ``between`` lists a span
  (the CSV export asks a week at a time) with the labels the desk shows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import DropInService, Person, Visit
from app.errors import PermissionDenied, ValidationError, record_gone
from app.i18n import N_, _
from app.services import audit
from app.services.dropin import service_label
from app.services.roles import Actor, Role, authorise, is_command_line
from app.services.validation import check_kinds, check_values
from app.services.workshop_rules import possible_ages


class AgeBand(enum.StrEnum):
    UNDER_14 = "under_14"
    FROM_14_TO_17 = "14_17"
    FROM_18_TO_29 = "18_29"
    FROM_30_TO_49 = "30_49"
    FROM_50_TO_64 = "50_64"
    FROM_65 = "65_plus"

    @property
    def label(self) -> str:
        return _(AGE_BAND_LABELS[self])

    @classmethod
    def of_age(cls, age: int) -> AgeBand:
        for band, lowest in reversed(_LOWEST_AGES):
            if age >= lowest:
                return band
        return cls.UNDER_14


AGE_BAND_LABELS = {
    AgeBand.UNDER_14: N_("under 14"),
    AgeBand.FROM_14_TO_17: N_("14-17"),
    AgeBand.FROM_18_TO_29: N_("18-29"),
    AgeBand.FROM_30_TO_49: N_("30-49"),
    AgeBand.FROM_50_TO_64: N_("50-64"),
    AgeBand.FROM_65: N_("65 and over"),
}
_LOWEST_AGES = (
    (AgeBand.UNDER_14, 0),
    (AgeBand.FROM_14_TO_17, 14),
    (AgeBand.FROM_18_TO_29, 18),
    (AgeBand.FROM_30_TO_49, 30),
    (AgeBand.FROM_50_TO_64, 50),
    (AgeBand.FROM_65, 65),
)


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(GENDER_LABELS[self])


GENDER_LABELS = {Gender.FEMALE: N_("woman"), Gender.MALE: N_("man"), Gender.OTHER: N_("other")}


@dataclass(frozen=True)
class VisitDraft:
    """One visit; leave ``person_id`` out for an anonymous one. None means not said."""

    service_id: int
    person_id: int | None = None
    age_band: AgeBand | None = None
    gender: Gender | None = None
    first_visit: bool | None = None


@dataclass(frozen=True)
class RecordedVisit:
    """The saved visit and its service's count for today, this visit included."""

    id: int
    service_id: int
    at: datetime
    age_band: AgeBand | None
    gender: Gender | None
    first_visit: bool | None
    count_today: int


@dataclass(frozen=True)
class VisitRow:
    """One visit as a list shows it: ``person_name`` is empty for an anonymous visit."""

    id: int
    at: datetime
    service_id: int
    service: str
    person_name: str
    age_band: AgeBand | None
    gender: Gender | None
    first_visit: bool | None


@dataclass(frozen=True)
class ServiceCount:
    service_id: int
    label: str
    count: int


def age_band_of(birth_date: date | None, birth_year: int | None, today: date) -> AgeBand | None:
    """The age band a visit records for a person: with only a birth year, the age reached this
    year; None when the desk knows neither. The visit dialog shows it before recording."""
    ages = possible_ages(birth_date=birth_date, birth_year=birth_year, today=today)
    return AgeBand.of_age(ages[1]) if ages is not None else None


def _day(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def count_on(session: Session, service_id: int, day: date) -> int:
    start, end = _day(day)
    statement = select(func.count()).where(Visit.service_id == service_id, Visit.at >= start, Visit.at < end)
    return session.scalar(statement) or 0


class VisitService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def record(self, actor: Actor, draft: VisitDraft) -> RecordedVisit:
        """Record one visit now.

        Raises:
            NotFound: the service or the person is gone.
            ValidationError: the service is no longer offered, or a statistic is not valid.
        """
        check_values({"service_id": (draft.service_id, int), "person_id": (draft.person_id, int | None)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            service = session.get(DropInService, draft.service_id)
            if service is None:
                raise record_gone()
            if not service.active:
                raise ValidationError(
                    _("{service} is no longer offered: choose another service.").format(
                        service=service_label(service.code, service.name)
                    ),
                    field="service_id",
                )
            if draft.age_band is not None and not isinstance(draft.age_band, AgeBand):
                raise ValidationError(_("Choose an age band from the list."), field="age_band")
            if draft.gender is not None and not isinstance(draft.gender, Gender):
                raise ValidationError(_("Choose a gender from the list, or leave it empty."), field="gender")
            check_kinds(draft)  # after the messages above, which name the list to choose from
            now = self._clock.now()
            age_band, first_visit = draft.age_band, draft.first_visit
            if draft.person_id is not None:
                person = session.get(Person, draft.person_id)
                if person is None:
                    raise record_gone()
                if age_band is None:
                    age_band = age_band_of(person.birth_date, person.birth_year, self._clock.today())
                if first_visit is None:
                    earlier = select(Visit.id).where(Visit.person_id == person.id, Visit.service_id == service.id)
                    first_visit = session.scalar(earlier.limit(1)) is None
            visit = Visit(
                service_id=service.id,
                at=now,
                person_id=draft.person_id,
                age_band=age_band.value if age_band is not None and service.records_age_band else None,
                gender=draft.gender.value if draft.gender is not None and service.records_gender else None,
                first_visit=first_visit if service.records_first_visit else None,
                user_id=None if is_command_line(actor) else actor.user_id,
            )
            session.add(visit)
            session.flush()
            filled = ["service_id"] + [
                name for name in ("person_id", "age_band", "gender", "first_visit") if getattr(visit, name) is not None
            ]
            audit.record(session, self._clock, actor, "create", "visit", visit.id, filled)
            return RecordedVisit(
                id=visit.id,
                service_id=service.id,
                at=now,
                age_band=AgeBand(visit.age_band) if visit.age_band else None,
                gender=Gender(visit.gender) if visit.gender else None,
                first_visit=visit.first_visit,
                count_today=count_on(session, service.id, now.date()),
            )

    def undo(self, actor: Actor, visit_id: int) -> ServiceCount:
        """Undo a mistaken visit of today; returns its service's count for today without it.

        Raises:
            NotFound: the visit is gone (already undone).
            PermissionDenied: someone else recorded it and the user is a volunteer.
            ValidationError: the visit is not of today.
        """
        check_values({"visit_id": (visit_id, int)})
        with self._database.sessions.begin() as session:
            user = authorise(session, actor)
            visit = session.get(Visit, visit_id)
            if visit is None:
                raise record_gone()
            today = self._clock.today()
            if visit.at.date() != today:
                raise ValidationError(_("Only today's visits can be undone."))
            own = not is_command_line(actor) and visit.user_id == actor.user_id
            if not own and Role.from_code(user.role) < Role.COORDINATOR:
                raise PermissionDenied(_("Only who recorded this visit, or a coordinator, can undo it."))
            service = session.get(DropInService, visit.service_id)
            assert service is not None  # services are never deleted
            session.delete(visit)
            session.flush()
            audit.record(session, self._clock, actor, "delete", "visit", visit_id)
            return ServiceCount(
                service.id, service_label(service.code, service.name), count_on(session, service.id, today)
            )

    def counts(self, actor: Actor, day: date | None = None) -> list[ServiceCount]:
        """Visits per active service on ``day`` (today), in the services' order, in one query."""
        start, end = _day(day or self._clock.today())
        visits = and_(Visit.service_id == DropInService.id, Visit.at >= start, Visit.at < end)
        statement = (
            select(DropInService.id, DropInService.code, DropInService.name, func.count(Visit.id))
            .outerjoin(Visit, visits)
            .where(DropInService.active.is_(True))
            .group_by(DropInService.id)
            .order_by(DropInService.sort_order, DropInService.id)
        )
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return [
                ServiceCount(service_id, service_label(code, name), count)
                for service_id, code, name, count in session.execute(statement)
            ]

    def between(self, actor: Actor, start: datetime, end: datetime) -> list[VisitRow]:
        """The visits of ``[start, end)`` of every service, inactive ones too, in time order.

        A coordinator's read, like the export that uses it: the list names people. The export asks a
        week at a time, each in a short transaction, so a million visits are never held whole and
        the desk can save meanwhile.
        """
        check_values({"start": (start, datetime), "end": (end, datetime)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            labels = {
                service_id: service_label(code, name)
                for service_id, code, name in session.execute(
                    select(DropInService.id, DropInService.code, DropInService.name)
                )
            }
            statement = (
                select(
                    Visit.id,
                    Visit.at,
                    Visit.service_id,
                    Person.family_name,
                    Person.given_name,
                    Visit.age_band,
                    Visit.gender,
                    Visit.first_visit,
                )
                .outerjoin(Person, Person.id == Visit.person_id)
                # ``service_id IN (...)`` lets SQLite read one stretch of the index per service.
                .where(Visit.service_id.in_(sorted(labels)), Visit.at >= start, Visit.at < end)
                .order_by(Visit.at, Visit.id)
            )
            return [
                VisitRow(
                    id=visit_id,
                    at=at,
                    service_id=service_id,
                    service=labels[service_id],
                    person_name=f"{family or ''} {given or ''}".strip(),
                    age_band=AgeBand(age_band) if age_band else None,
                    gender=Gender(gender) if gender else None,
                    first_visit=first_visit,
                )
                for visit_id, at, service_id, family, given, age_band, gender, first_visit in session.execute(statement)
            ]
