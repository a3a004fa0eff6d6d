"""The audit log: writing an entry inside a service's transaction, and reading the log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
    """
    session.add(
        AuditEntry(
            at=clock.now(),
            user_id=None if actor is None or is_command_line(actor) else actor.user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=",".join(sorted(fields)),
        )
    )


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

    def entry_ids(self, actor: Actor, *, entity: str | None = None, entity_id: int | None = None) -> list[int]:
        """Ids of entries, newest first, optionally of one record."""
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            query = select(AuditEntry.id).order_by(AuditEntry.id.desc())
            if entity is not None:
                query = query.where(AuditEntry.entity == entity)
            if entity_id is not None:
                query = query.where(AuditEntry.entity_id == entity_id)
            return fetch_ids(session, query)

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
