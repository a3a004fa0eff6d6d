"""The audit log: writing an entry inside a service's transaction, and reading the log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.audit_chain import GENESIS, entry_hash
from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import AuditEntry, Organisation, Person, User
from app.services.roles import Actor, Role, authorise, is_command_line


def record(
    session: Session,
    clock: Clock,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Append an entry in the caller's transaction, so the change and its entry land together.

    ``actor`` None (a step of the program itself) and ``roles.COMMAND_LINE`` are logged with no user.

    The entry is chained to the one before it (``app/audit_chain.py``). Every transaction of the
    desk starts with ``BEGIN IMMEDIATE`` (``app/db/engine.py``), so the last entry read here cannot
    change before this one is written: two desks saving at once queue up, they never both chain
    onto the same entry. The id is given here, not left to SQLite, because it is part of the hash.
    """
    last = session.execute(
        select(AuditEntry.id, AuditEntry.chain_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).one_or_none()
    entry_id, previous = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    at = clock.now()
    user_id = None if actor is None or is_command_line(actor) else actor.user_id
    field_text = ",".join(sorted(fields))
    session.add(
        AuditEntry(
            id=entry_id,
            at=at,
            user_id=user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=field_text,
            chain_hash=entry_hash(
                previous,
                entry_id=entry_id,
                at=at,
                user_id=user_id,
                action=action,
                entity=entity,
                entity_id=entity_id,
                fields=field_text,
            ),
        )
    )
    # Written now, so that the next entry of this transaction chains onto this one.
    session.flush()


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    user_name: str
    action: str
    entity: str
    entity_id: int | None
    record_label: str
    fields: tuple[str, ...]


class AuditService:
    """Reading the log is for coordinators and admins; nobody can change it."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def entry_ids(
        self,
        actor: Actor,
        *,
        entity: str | None = None,
        entity_id: int | None = None,
        user_id: int | None = None,
        nobody: bool = False,
        date_from: date | None = None,
        date_to: date | None = None,
        text: str = "",
    ) -> list[int]:
        """Ids of entries, newest first, narrowed in SQL by every filter given.

        Args:
            entity, entity_id: the kind of record and its id (``person``, 12).
            user_id: entries made by this user; ``nobody``: those made by no signed-in user
                (wrong PINs, the command line, the program itself).
            date_from, date_to: the days, both included.
            text: words that must each appear in the user's name, the record's name (people,
                organisations and users by today's name), the action, the kind or a field.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            query = select(AuditEntry.id).order_by(AuditEntry.id.desc())
            if entity is not None:
                query = query.where(AuditEntry.entity == entity)
            if entity_id is not None:
                query = query.where(AuditEntry.entity_id == entity_id)
            if nobody:
                query = query.where(AuditEntry.user_id.is_(None))
            elif user_id is not None:
                query = query.where(AuditEntry.user_id == user_id)
            if date_from is not None:
                query = query.where(AuditEntry.at >= datetime.combine(date_from, time()))
            if date_to is not None:
                query = query.where(AuditEntry.at < datetime.combine(date_to + timedelta(days=1), time()))
            for word in text.split():
                query = query.where(_mentions(word))
            return fetch_ids(session, query)

    def users(self, actor: Actor) -> list[tuple[int, str]]:
        """Every user (id, name) by name, for choosing whose entries to show.

        Not ``AccountService.users``: that one is for admins, the log is for coordinators too.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            return [
                (uid, name) for uid, name in session.execute(select(User.id, User.name).order_by(func.lower(User.name)))
            ]

    def count(self, actor: Actor) -> int:
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            return session.scalar(select(func.count(AuditEntry.id))) or 0

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[AuditRow]:
        """The entries with these ids, in the order given."""
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            entries = {entry.id: entry for entry in session.scalars(select(AuditEntry).where(AuditEntry.id.in_(ids)))}
            user_ids = {entry.user_id for entry in entries.values() if entry.user_id is not None}
            users: dict[int, str] = {
                uid: name for uid, name in session.execute(select(User.id, User.name).where(User.id.in_(user_ids)))
            }
            labels = _record_labels(session, entries.values())
            result = []
            for entry_id in ids:
                entry = entries.get(entry_id)
                if entry is None:
                    continue
                result.append(
                    AuditRow(
                        id=entry.id,
                        at=entry.at,
                        user_name=users.get(entry.user_id, "") if entry.user_id is not None else "",
                        action=entry.action,
                        entity=entry.entity,
                        entity_id=entry.entity_id,
                        record_label=labels.get((entry.entity, entry.entity_id), ""),
                        fields=tuple(field for field in entry.fields.split(",") if field),
                    )
                )
            return result


def _mentions(word: str) -> ColumnElement[bool]:
    """An entry that mentions ``word`` anywhere a person reading the log would look for it.

    Case-insensitive for plain letters (SQLite's LIKE); ``%`` and ``_`` typed by the user are
    taken literally. The record names come from subqueries on today's names, since the log
    itself stores none.
    """
    pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def like(column: ColumnElement[str] | InstrumentedAttribute[str]) -> ColumnElement[bool]:
        return column.like(pattern, escape="\\")

    people = select(Person.id).where(or_(like(Person.family_name), like(Person.given_name)))
    organisations = select(Organisation.id).where(like(Organisation.name))
    users = select(User.id).where(like(User.name))
    return or_(
        like(AuditEntry.action),
        like(AuditEntry.entity),
        like(AuditEntry.fields),
        AuditEntry.user_id.in_(users),
        and_(AuditEntry.entity == "person", AuditEntry.entity_id.in_(people)),
        and_(AuditEntry.entity == "organisation", AuditEntry.entity_id.in_(organisations)),
        and_(AuditEntry.entity == "user", AuditEntry.entity_id.in_(users)),
    )


def _record_labels(session: Session, entries: Iterable[AuditEntry]) -> dict[tuple[str, int | None], str]:
    """Today's name of each record an entry points at (the log itself stores no names)."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.entity_id is not None:
            wanted.setdefault(entry.entity, set()).add(entry.entity_id)
    labels: dict[tuple[str, int | None], str] = {}
    if wanted.get("person"):
        query = select(Person.id, Person.family_name, Person.given_name).where(Person.id.in_(wanted["person"]))
        for person_id, family, given in session.execute(query):
            labels[("person", person_id)] = f"{family} {given}".strip()
    if wanted.get("organisation"):
        organisations = select(Organisation.id, Organisation.name).where(Organisation.id.in_(wanted["organisation"]))
        for organisation_id, name in session.execute(organisations):
            labels[("organisation", organisation_id)] = name
    if wanted.get("user"):
        for user_id, name in session.execute(select(User.id, User.name).where(User.id.in_(wanted["user"]))):
            labels[("user", user_id)] = name
    return labels
