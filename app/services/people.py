"""The people registry: anyone the desk knows.

Search is search-as-you-type over names, phone and email, case- and accent-insensitive, done in
SQL over folded ``*_key`` columns so it stays fast at tens of thousands of people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import AuditEntry, Organisation, OrganisationMember, Person
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.services import audit
from app.services.roles import Actor, authorise
from app.services.validation import Problems, check_email, check_kinds, check_max_length, check_phone, clean
from app.text import digits, fold, like_pattern, phone_key, search_terms

CONSENT_AGE = 14
_PHONE_QUERY = re.compile(r"^[\d\s+\-./()]+$")
_ITALIAN_PREFIX = re.compile(r"^(\+|00)39[\s\-./]*")
OLDEST_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class PersonDraft:
    """What the editor sends to create or change a person."""

    given_name: str = ""
    family_name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    notes: str = ""
    consent_date: date | None = None
    consent_notice_version: str = ""
    photo_release: bool = False
    guardian_id: int | None = None


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    family_name: str
    given_name: str
    phone: str
    email: str
    birth_year: int | None
    has_consent: bool

    @property
    def display_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


@dataclass(frozen=True)
class PersonDetails:
    """Everything held about a person, for the editor."""

    id: int
    draft: PersonDraft
    guardian_name: str
    organisations: tuple[str, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def display_name(self) -> str:
        return f"{self.draft.family_name} {self.draft.given_name}".strip()


@dataclass(frozen=True)
class Lookalike:
    """An existing person who may be the one being added; ``reasons`` say why."""

    row: PersonRow
    reasons: tuple[str, ...] = field(default=())


def _row_columns() -> Select[int, str, str, str, str, int | None, date | None]:
    return select(
        Person.id,
        Person.family_name,
        Person.given_name,
        Person.phone,
        Person.email,
        Person.birth_year,
        Person.consent_date,
    )


def _to_row(values: Sequence[object]) -> PersonRow:
    person_id, family, given, phone, email, birth_year, consent = values
    return PersonRow(
        id=int(person_id),  # type: ignore[call-overload]
        family_name=str(family),
        given_name=str(given),
        phone=str(phone),
        email=str(email),
        birth_year=birth_year,  # type: ignore[arg-type]
        has_consent=consent is not None,
    )


def may_be_under(age: int, *, birth_date: date | None, birth_year: int | None, today: date) -> bool:
    """Whether the person is, or with only a birth year may be, younger than ``age``."""
    if birth_date is not None:
        had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
        return today.year - birth_date.year - (0 if had_birthday else 1) < age
    if birth_year is not None:
        return today.year - birth_year - 1 < age
    return False


def search_key(draft: PersonDraft) -> str:
    return " ".join(
        part
        for part in (
            fold(f"{draft.given_name} {draft.family_name} {draft.family_name} {draft.given_name}"),
            fold(draft.email),
            phone_key(draft.phone),
        )
        if part
    )


def apply_keys(person: Person, draft: PersonDraft) -> None:
    """Copy the draft into the row and recompute the folded keys used by search and sorting."""
    for item in fields(PersonDraft):
        setattr(person, item.name, getattr(draft, item.name))
    person.search_key = search_key(draft)
    person.sort_key = fold(f"{draft.family_name} {draft.given_name}")
    person.name_key = fold(f"{draft.given_name} {draft.family_name}")
    person.phone_key = phone_key(draft.phone)
    person.email_key = draft.email.casefold()


def search_condition(query: str) -> list[object]:
    """One SQL condition per word of ``query``: each must appear in a name, the email or the phone.

    A query made only of digits and phone punctuation ("+39 333-123") is one phone number.
    """
    if _PHONE_QUERY.match(query) and len(digits(query)) >= 3:
        number = digits(_ITALIAN_PREFIX.sub("", query.strip()))
        return [Person.search_key.like(like_pattern(number), escape="\\")]
    return [Person.search_key.like(like_pattern(term), escape="\\") for term in search_terms(query)]


class PeopleService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def search_ids(self, actor: Actor, query: str = "") -> list[int]:
        """Ids of the people matching every word of ``query``, in name order."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            conditions = search_condition(query)
            statement = select(Person.id).where(and_(True, *conditions))  # type: ignore[arg-type]
            # With a filter, reading the table in order and sorting the matches is several times
            # faster than walking the sort_key index and fetching every row it points at; the
            # expression (sort_key || '') keeps SQLite from choosing the index.
            order = Person.sort_key.concat("") if conditions else Person.sort_key
            return fetch_ids(session, statement.order_by(order, Person.id))

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[PersonRow]:
        """The list lines of these people, in the order of ``ids`` (missing ones are skipped)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            found = {row.id: row for row in map(_to_row, session.execute(_row_columns().where(Person.id.in_(ids))))}
            return [found[person_id] for person_id in ids if person_id in found]

    def search(self, actor: Actor, query: str, *, limit: int = 20) -> list[PersonRow]:
        """The first matches of ``query``, for pickers and completers."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = _row_columns().where(and_(True, *search_condition(query)))  # type: ignore[arg-type]
            statement = statement.order_by(Person.sort_key, Person.id).limit(limit)
            return [_to_row(values) for values in session.execute(statement)]

    def count(self, actor: Actor) -> int:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return session.scalar(select(func.count(Person.id))) or 0

    def get(self, actor: Actor, person_id: int) -> PersonDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            person = session.get(Person, person_id)
            if person is None:
                raise record_gone()
            organisations = session.scalars(
                select(Organisation.name)
                .join(OrganisationMember, OrganisationMember.organisation_id == Organisation.id)
                .where(OrganisationMember.person_id == person_id)
                .order_by(Organisation.sort_key)
            )
            guardian = person.guardian
            return PersonDetails(
                id=person.id,
                draft=PersonDraft(**{item.name: getattr(person, item.name) for item in fields(PersonDraft)}),
                guardian_name=f"{guardian.family_name} {guardian.given_name}" if guardian else "",
                organisations=tuple(organisations),
                created_at=person.created_at,
                updated_at=person.updated_at,
            )

    def lookalikes(self, actor: Actor, draft: PersonDraft, *, exclude_id: int | None = None) -> list[Lookalike]:
        """People who may be the same as ``draft``: same name and birth year, same phone or email.

        The desk is warned, not stopped: two people may really share a name.
        """
        draft = self.normalise(draft)
        name_key = fold(f"{draft.given_name} {draft.family_name}")
        year = draft.birth_date.year if draft.birth_date else draft.birth_year
        phone = phone_key(draft.phone)
        email = draft.email.casefold()
        alternatives = []
        swapped_key = fold(f"{draft.family_name} {draft.given_name}")
        if name_key and year is not None:
            # Given and family names are often typed the wrong way round at a desk.
            alternatives.append(and_(Person.name_key.in_({name_key, swapped_key}), Person.birth_year == year))
        if len(phone) >= 6:
            alternatives.append(Person.phone_key == phone)
        if email:
            alternatives.append(Person.email_key == email)
        if not alternatives:
            return []
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Person).where(or_(*alternatives))
            if exclude_id is not None:
                statement = statement.where(Person.id != exclude_id)
            result = []
            for person in session.scalars(statement.order_by(Person.sort_key).limit(10)):
                reasons = []
                if person.name_key in (name_key, swapped_key) and year is not None and person.birth_year == year:
                    reasons.append(_("same name and birth year"))
                if len(phone) >= 6 and person.phone_key == phone:
                    reasons.append(_("same phone"))
                if email and person.email_key == email:
                    reasons.append(_("same email"))
                values = (
                    person.id,
                    person.family_name,
                    person.given_name,
                    person.phone,
                    person.email,
                    person.birth_year,
                    person.consent_date,
                )
                result.append(Lookalike(row=_to_row(values), reasons=tuple(reasons)))
            return result

    # -- writing -----------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: PersonDraft) -> PersonDetails:
        check_kinds(draft)
        draft = self.normalise(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            self._validate(session, draft, None)
            now = self._clock.now()
            person = Person(created_at=now, updated_at=now)
            apply_keys(person, draft)
            session.add(person)
            session.flush()
            changed = [item.name for item in fields(PersonDraft) if getattr(draft, item.name) not in ("", None, False)]
            audit.record(session, self._clock, actor, "create", "person", person.id, changed)
            person_id = person.id
        return self.get(actor, person_id)

    def update(self, actor: Actor, person_id: int, draft: PersonDraft) -> PersonDetails:
        check_kinds(draft)
        draft = self.normalise(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            person = session.get(Person, person_id)
            if person is None:
                raise record_gone()
            if is_erased(session, person_id):
                raise ValidationError(_("This person's data were erased: the record can no longer be changed."))
            self._validate(session, draft, person_id)
            changed = [
                item.name for item in fields(PersonDraft) if getattr(person, item.name) != getattr(draft, item.name)
            ]
            if changed:
                apply_keys(person, draft)
                person.updated_at = self._clock.now()
                audit.record(session, self._clock, actor, "update", "person", person.id, changed)
        return self.get(actor, person_id)

    # -- rules -------------------------------------------------------------------------------------

    @staticmethod
    def normalise(draft: PersonDraft) -> PersonDraft:
        birth_year = draft.birth_date.year if draft.birth_date is not None else draft.birth_year
        return replace(
            draft,
            given_name=clean(draft.given_name),
            family_name=clean(draft.family_name),
            phone=clean(draft.phone),
            email=clean(draft.email),
            address=clean(draft.address),
            notes=draft.notes.strip(),
            consent_notice_version=clean(draft.consent_notice_version),
            birth_year=birth_year,
        )

    def _validate(self, session: Session, draft: PersonDraft, person_id: int | None) -> None:
        today = self._clock.today()
        problems = Problems()
        if not draft.given_name and not draft.family_name:
            problems.add("given_name", _("Write at least a given name or a family name."))
        for name in ("given_name", "family_name"):
            check_max_length(problems, name, getattr(draft, name), 200)
        check_phone(problems, "phone", draft.phone)
        check_email(problems, "email", draft.email)
        if draft.birth_date is not None and draft.birth_date > today:
            problems.add("birth_date", _("The birth date is in the future: check the year."))
        if draft.birth_year is not None and not OLDEST_BIRTH_YEAR <= draft.birth_year <= today.year:
            problems.add(
                "birth_year",
                _("Write a birth year between {first} and {last}.").format(first=OLDEST_BIRTH_YEAR, last=today.year),
            )
        if draft.consent_date is not None:
            if draft.birth_date is not None and draft.consent_date < draft.birth_date:
                problems.add("consent_date", _("The consent date is before the birth date: check both dates."))
            if draft.consent_date > today:
                problems.add("consent_date", _("The consent date is in the future: use today or an earlier day."))
            if not draft.consent_notice_version:
                problems.add(
                    "consent_notice_version", _("Write which version of the privacy notice the person signed.")
                )
        elif draft.photo_release:
            problems.add("photo_release", _("A photo release needs the privacy consent: record the consent first."))
        minor = may_be_under(CONSENT_AGE, birth_date=draft.birth_date, birth_year=draft.birth_year, today=today)
        if draft.guardian_id is not None:
            if draft.guardian_id == person_id:
                problems.add("guardian_id", _("A person cannot be their own guardian: choose another person."))
            else:
                guardian = session.get(Person, draft.guardian_id)
                if guardian is None:
                    problems.add("guardian_id", _("The chosen guardian no longer exists: choose them again."))
                elif may_be_under(18, birth_date=guardian.birth_date, birth_year=guardian.birth_year, today=today):
                    problems.add("guardian_id", _("The guardian must be an adult: choose a parent or guardian."))
        elif minor and draft.consent_date is not None:
            problems.add(
                "guardian_id",
                _("Under {age}, consent is given by a parent or guardian: choose who gave it.").format(age=CONSENT_AGE),
            )
        problems.raise_if_any()


def is_erased(session: Session, person_id: int) -> bool:
    """Whether the person was erased (anonymised): the audit log's "erase" entry is the mark, so
    that erasure needs no column of its own and can never be undone by an edit."""
    query = select(AuditEntry.id).where(
        AuditEntry.entity == "person", AuditEntry.entity_id == person_id, AuditEntry.action == "erase"
    )
    return session.scalar(query.limit(1)) is not None
