"""Associations and informal groups: who they are, whom to call, who belongs to them.

A *member* association (``member``) is a member of the house and books rooms at their reduced
rate (``booking_rules.computed_price``); changing it changes the price of bookings saved from
then on, not of those already saved.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import Organisation, OrganisationMember, Person
from app.errors import record_gone
from app.i18n import N_, _
from app.services import audit
from app.services.people import PersonRow, _row_columns, _to_row
from app.services.roles import Actor, authorise
from app.services.validation import (
    Problems,
    check_email,
    check_fiscal_code,
    check_kinds,
    check_max_length,
    check_phone,
    check_required,
    clean,
)
from app.text import digits, fold, like_pattern, search_terms


class OrganisationKind(enum.Enum):
    ASSOCIATION = "association"
    INFORMAL_GROUP = "informal_group"
    COOPERATIVE = "cooperative"
    PUBLIC_BODY = "public_body"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    OrganisationKind.ASSOCIATION: N_("association"),
    OrganisationKind.INFORMAL_GROUP: N_("informal group"),
    OrganisationKind.COOPERATIVE: N_("cooperative"),
    OrganisationKind.PUBLIC_BODY: N_("public body or school"),
    OrganisationKind.OTHER: N_("other"),
}


@dataclass(frozen=True)
class OrganisationDraft:
    name: str = ""
    kind: OrganisationKind = OrganisationKind.ASSOCIATION
    fiscal_code: str = ""
    contact_person_id: int | None = None
    phone: str = ""
    email: str = ""
    notes: str = ""
    member_ids: tuple[int, ...] = ()
    member: bool = False  # a member association: pays the rooms' reduced rate


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    kind: OrganisationKind
    contact_name: str
    phone: str
    member_count: int
    member: bool = False


@dataclass(frozen=True)
class OrganisationDetails:
    id: int
    draft: OrganisationDraft
    contact: PersonRow | None
    members: tuple[PersonRow, ...]


def _stored(value: object) -> object:
    """A draft's value as the row stores it (kinds are stored by their code)."""
    return value.value if isinstance(value, OrganisationKind) else value


class OrganisationService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def search_ids(self, actor: Actor, query: str = "") -> list[int]:
        conditions = [Organisation.search_key.like(like_pattern(term), escape="\\") for term in search_terms(query)]
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Organisation.id).where(and_(True, *conditions))
            return fetch_ids(session, statement.order_by(Organisation.sort_key, Organisation.id))

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[OrganisationRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            members = (
                select(OrganisationMember.organisation_id, func.count().label("members"))
                .where(OrganisationMember.organisation_id.in_(ids))
                .group_by(OrganisationMember.organisation_id)
                .subquery()
            )
            statement = (
                select(Organisation, Person.family_name, Person.given_name, members.c.members)
                .outerjoin(Person, Person.id == Organisation.contact_person_id)
                .outerjoin(members, members.c.organisation_id == Organisation.id)
                .where(Organisation.id.in_(ids))
            )
            found = {}
            for organisation, family, given, count in session.execute(statement):
                found[organisation.id] = OrganisationRow(
                    id=organisation.id,
                    name=organisation.name,
                    kind=OrganisationKind(organisation.kind),
                    contact_name=f"{family or ''} {given or ''}".strip(),
                    phone=organisation.phone,
                    member_count=count or 0,
                    member=organisation.member,
                )
            return [found[organisation_id] for organisation_id in ids if organisation_id in found]

    def get(self, actor: Actor, organisation_id: int) -> OrganisationDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            organisation = session.get(Organisation, organisation_id)
            if organisation is None:
                raise record_gone()
            member_rows = [
                _to_row(values)
                for values in session.execute(
                    _row_columns()
                    .join(OrganisationMember, OrganisationMember.person_id == Person.id)
                    .where(OrganisationMember.organisation_id == organisation_id)
                    .order_by(Person.sort_key)
                )
            ]
            contact = None
            if organisation.contact_person_id is not None:
                values = session.execute(
                    _row_columns().where(Person.id == organisation.contact_person_id)
                ).one_or_none()
                contact = _to_row(values) if values else None
            draft = OrganisationDraft(
                name=organisation.name,
                kind=OrganisationKind(organisation.kind),
                fiscal_code=organisation.fiscal_code,
                contact_person_id=organisation.contact_person_id,
                phone=organisation.phone,
                email=organisation.email,
                notes=organisation.notes,
                member_ids=tuple(row.id for row in member_rows),
                member=organisation.member,
            )
            return OrganisationDetails(id=organisation.id, draft=draft, contact=contact, members=tuple(member_rows))

    def create(self, actor: Actor, draft: OrganisationDraft) -> OrganisationDetails:
        check_kinds(draft)
        draft = self.validated(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            self._check_people_exist(session, draft)
            now = self._clock.now()
            organisation = Organisation(created_at=now, updated_at=now)
            self._apply(organisation, draft)
            session.add(organisation)
            session.flush()
            self._set_members(session, organisation.id, draft.member_ids)
            audit.record(session, self._clock, actor, "create", "organisation", organisation.id, self._filled(draft))
            organisation_id = organisation.id
        return self.get(actor, organisation_id)

    def update(self, actor: Actor, organisation_id: int, draft: OrganisationDraft) -> OrganisationDetails:
        check_kinds(draft)
        draft = self.validated(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            organisation = session.get(Organisation, organisation_id)
            if organisation is None:
                raise record_gone()
            self._check_people_exist(session, draft)
            members_before = set(
                session.scalars(
                    select(OrganisationMember.person_id).where(OrganisationMember.organisation_id == organisation_id)
                )
            )
            changed = [
                name
                for name in OrganisationDraft.__dataclass_fields__
                if name != "member_ids" and getattr(organisation, name) != _stored(getattr(draft, name))
            ]
            if members_before != set(draft.member_ids):
                changed.append("member_ids")
            if changed:
                self._apply(organisation, draft)
                organisation.updated_at = self._clock.now()
                self._set_members(session, organisation_id, draft.member_ids)
                audit.record(session, self._clock, actor, "update", "organisation", organisation_id, changed)
        return self.get(actor, organisation_id)

    # -- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _filled(draft: OrganisationDraft) -> list[str]:
        return [
            name
            for name in OrganisationDraft.__dataclass_fields__
            if getattr(draft, name) not in ("", None, ()) and getattr(draft, name) is not False
        ]

    @staticmethod
    def validated(draft: OrganisationDraft) -> OrganisationDraft:
        problems = Problems()
        name = clean(draft.name)
        check_required(problems, "name", name, _("Write the name of the association or group."))
        check_max_length(problems, "name", name, 200)
        fiscal_code = check_fiscal_code(problems, "fiscal_code", clean(draft.fiscal_code))
        check_phone(problems, "phone", clean(draft.phone))
        check_email(problems, "email", clean(draft.email))
        problems.raise_if_any()
        members = tuple(dict.fromkeys(draft.member_ids))
        return replace(
            draft,
            name=name,
            fiscal_code=fiscal_code,
            phone=clean(draft.phone),
            email=clean(draft.email),
            notes=draft.notes.strip(),
            member_ids=members,
        )

    @staticmethod
    def _check_people_exist(session: Session, draft: OrganisationDraft) -> None:
        wanted = set(draft.member_ids) | ({draft.contact_person_id} if draft.contact_person_id is not None else set())
        if not wanted:
            return
        found = set(session.scalars(select(Person.id).where(Person.id.in_(wanted))))
        if wanted - found:
            problems = Problems()
            problems.add("member_ids", _("Some of the chosen people no longer exist: choose them again."))
            problems.raise_if_any()

    @staticmethod
    def _apply(organisation: Organisation, draft: OrganisationDraft) -> None:
        organisation.name = draft.name
        organisation.kind = draft.kind.value
        organisation.fiscal_code = draft.fiscal_code
        organisation.contact_person_id = draft.contact_person_id
        organisation.phone = draft.phone
        organisation.email = draft.email
        organisation.notes = draft.notes
        organisation.member = draft.member
        organisation.search_key = " ".join(
            part
            for part in (fold(draft.name), draft.fiscal_code.casefold(), fold(draft.email), digits(draft.phone))
            if part
        )
        organisation.sort_key = fold(draft.name)

    @staticmethod
    def _set_members(session: Session, organisation_id: int, member_ids: Sequence[int]) -> None:
        session.execute(delete(OrganisationMember).where(OrganisationMember.organisation_id == organisation_id))
        session.add_all(OrganisationMember(organisation_id=organisation_id, person_id=pid) for pid in member_ids)
