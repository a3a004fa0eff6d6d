"""The rooms of the house: coordinators and admins manage them, everyone at the desk reads them.

A room may be part of a larger one (``parent_id``): one level only, so a hall has halves and a
half has no parts of its own. Booking a room blocks its parent and its parts (``linked_room_ids``).
Opening hours are weekly spans per weekday (``opening_hours`` / ``set_opening_hours``, rules in
``app/services/opening_hours.py``); the monthly summary measures occupancy against them. They do
not refuse bookings. The older free-text ``opening_hours`` of the draft stays as notes on opening
("closed in August", "ask for the key at the bar") shown to the desk.

Rates are per hour, in cents. ``member_rate_cents`` is the reduced rate that member associations
pay (``booking_rules.computed_price``); it is at most the hourly rate. A draft that leaves it out
(``None``) gets the hourly rate, so a room is never free for members by accident: a new room, or
one added from the CLI with just ``--rate``, charges members the full rate until a coordinator
writes a reduced one (0 makes the room free for members, on purpose).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Room, RoomOpeningHours
from app.errors import record_gone
from app.i18n import _
from app.services import audit
from app.services.opening_hours import OpeningSpan, validate_spans
from app.services.roles import Actor, Role, authorise
from app.services.validation import (
    Problems,
    check_kinds,
    check_max_length,
    check_required,
    check_values,
    clean,
    name_taken,
)

_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
MAX_CAPACITY = 10_000


@dataclass(frozen=True)
class RoomDraft:
    name: str = ""
    capacity: int = 1
    hourly_rate_cents: int = 0
    member_rate_cents: int | None = None  # None: the same as the hourly rate
    colour: str = "#4a90d9"
    equipment: str = ""
    opening_hours: str = ""
    active: bool = True
    parent_id: int | None = None


@dataclass(frozen=True)
class RoomRow:
    id: int
    name: str
    capacity: int
    hourly_rate_cents: int
    member_rate_cents: int
    colour: str
    equipment: str
    opening_hours: str
    active: bool
    parent_id: int | None


def _to_row(room: Room) -> RoomRow:
    """A row of the list is the room's draft with its id (every draft field is a row field)."""
    return RoomRow(id=room.id, **asdict(_draft_of(room)))


def _spans_of(session: Session, room_id: int) -> list[OpeningSpan]:
    statement = (
        select(RoomOpeningHours)
        .where(RoomOpeningHours.room_id == room_id)
        .order_by(RoomOpeningHours.weekday, RoomOpeningHours.opens)
    )
    return [OpeningSpan(row.weekday, row.opens, row.closes) for row in session.scalars(statement)]


def _store_spans(session: Session, room_id: int, spans: list[OpeningSpan]) -> None:
    """Replace the room's spans with ``spans`` (validated by the caller)."""
    session.execute(delete(RoomOpeningHours).where(RoomOpeningHours.room_id == room_id))
    session.add_all(
        RoomOpeningHours(room_id=room_id, weekday=span.weekday, opens=span.opens, closes=span.closes) for span in spans
    )


def linked_room_ids(session: Session, room_id: int) -> list[int]:
    """The room, its parent and its parts: the rooms a booking of ``room_id`` blocks."""
    parent_id = session.scalar(select(Room.parent_room_id).where(Room.id == room_id))
    ids = {room_id}
    if parent_id is not None:
        ids.add(parent_id)
    ids.update(session.scalars(select(Room.id).where(Room.parent_room_id == room_id)))
    return sorted(ids)


class RoomService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def rooms(self, actor: Actor, *, include_inactive: bool = False) -> list[RoomRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Room).order_by(Room.name)
            if not include_inactive:
                statement = statement.where(Room.active)
            return [_to_row(room) for room in session.scalars(statement)]

    def get(self, actor: Actor, room_id: int) -> RoomRow:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            room = session.get(Room, room_id)
            if room is None:
                raise record_gone()
            return _to_row(room)

    def find(self, actor: Actor, name: str) -> RoomRow | None:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            room = session.scalar(select(Room).where(func.lower(Room.name) == clean(name).lower()))
            return _to_row(room) if room is not None else None

    def create(self, actor: Actor, draft: RoomDraft, *, opening_spans: list[OpeningSpan] | None = None) -> RoomRow:
        """A new room; with ``opening_spans``, its weekly hours too, in the same transaction."""
        check_kinds(draft)
        draft = self.normalise(draft)
        spans = None if opening_spans is None else validate_spans(opening_spans)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            self._validate(session, draft, None)
            draft = _with_member_rate(draft)
            now = self._clock.now()
            room = Room(created_at=now, updated_at=now)
            _apply(room, draft)
            session.add(room)
            session.flush()
            changed = [item.name for item in fields(RoomDraft) if getattr(draft, item.name) not in ("", None)]
            if spans:
                changed.append("opening_hours")
                _store_spans(session, room.id, spans)
            audit.record(session, self._clock, actor, "create", "room", room.id, changed)
            return _to_row(room)

    def update(
        self, actor: Actor, room_id: int, draft: RoomDraft, *, opening_spans: list[OpeningSpan] | None = None
    ) -> RoomRow:
        """Change the room; with ``opening_spans``, replace its weekly hours in the same transaction."""
        check_kinds(draft)
        draft = self.normalise(draft)
        spans = None if opening_spans is None else validate_spans(opening_spans)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            room = session.get(Room, room_id)
            if room is None:
                raise record_gone()
            self._validate(session, draft, room_id)
            draft = _with_member_rate(draft)
            before = _draft_of(room)
            changed = [
                item.name for item in fields(RoomDraft) if getattr(before, item.name) != getattr(draft, item.name)
            ]
            if spans is not None and _spans_of(session, room_id) != spans:
                _store_spans(session, room_id, spans)
                changed.append("opening_hours")
            if changed:
                _apply(room, draft)
                room.updated_at = self._clock.now()
                audit.record(session, self._clock, actor, "update", "room", room.id, changed)
            return _to_row(room)

    def opening_hours(self, actor: Actor, room_id: int) -> list[OpeningSpan]:
        """The room's weekly opening spans, by weekday and time; empty when none were written."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if session.get(Room, room_id) is None:
                raise record_gone()
            return _spans_of(session, room_id)

    def all_opening_hours(self, actor: Actor) -> dict[int, list[OpeningSpan]]:
        """Every room's spans in one read (reports), keyed by room id; rooms with none are left out."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            by_room: dict[int, list[OpeningSpan]] = {}
            statement = select(RoomOpeningHours).order_by(
                RoomOpeningHours.room_id, RoomOpeningHours.weekday, RoomOpeningHours.opens
            )
            for row in session.scalars(statement):
                by_room.setdefault(row.room_id, []).append(OpeningSpan(row.weekday, row.opens, row.closes))
            return by_room

    def set_opening_hours(self, actor: Actor, room_id: int, spans: list[OpeningSpan]) -> list[OpeningSpan]:
        """Replace the room's weekly spans with ``spans`` (coordinators); all or nothing."""
        check_values({"room_id": (room_id, int)})
        ordered = validate_spans(spans)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            if session.get(Room, room_id) is None:
                raise record_gone()
            if _spans_of(session, room_id) == ordered:
                return ordered
            _store_spans(session, room_id, ordered)
            audit.record(session, self._clock, actor, "update", "room", room_id, ["opening_hours"])
            return ordered

    @staticmethod
    def normalise(draft: RoomDraft) -> RoomDraft:
        """The draft as it is checked: trimmed text, lower-case colour."""
        return replace(
            draft,
            name=clean(draft.name),
            colour=clean(draft.colour).lower(),
            equipment=draft.equipment.strip(),
            opening_hours=draft.opening_hours.strip(),
        )

    @staticmethod
    def _validate(session: Session, draft: RoomDraft, room_id: int | None) -> None:
        problems = Problems()
        check_required(problems, "name", draft.name, _("Write the name of the room."))
        check_max_length(problems, "name", draft.name, 100)
        if draft.name:
            others = select(Room.name) if room_id is None else select(Room.name).where(Room.id != room_id)
            if name_taken(draft.name, session.scalars(others)):
                problems.add("name", _("Another room already has this name: choose a different one."))
        if not 0 < draft.capacity <= MAX_CAPACITY:
            problems.add("capacity", _("Write how many people the room holds: at least 1."))
        if draft.hourly_rate_cents < 0:
            problems.add("hourly_rate_cents", _("The hourly rate cannot be negative."))
        member_rate = draft.member_rate_cents  # None: the hourly rate, checked above
        if member_rate is not None and member_rate < 0:
            problems.add("member_rate_cents", _("The member rate cannot be negative."))
        elif member_rate is not None and member_rate > draft.hourly_rate_cents >= 0:
            problems.add(
                "member_rate_cents",
                _("The member rate is a reduced rate: write at most the hourly rate, or 0 for free."),
            )
        if not _COLOUR.match(draft.colour):
            problems.add("colour", _("Write the colour as # and six hexadecimal digits, like #4a90d9."))
        if draft.parent_id is not None:
            parent = session.get(Room, draft.parent_id)
            if parent is None:
                problems.add("parent_id", _("The chosen larger room no longer exists: choose it again."))
            elif draft.parent_id == room_id:
                problems.add("parent_id", _("A room cannot be part of itself: choose another room."))
            elif parent.parent_room_id is not None:
                problems.add("parent_id", _("The chosen room is itself part of another: choose the larger one."))
            elif room_id is not None and session.scalar(select(Room.id).where(Room.parent_room_id == room_id).limit(1)):
                problems.add("parent_id", _("This room has parts of its own, so it cannot be part of another."))
        problems.raise_if_any()


def _with_member_rate(draft: RoomDraft) -> RoomDraft:
    """The draft with its member rate written out: the hourly rate when it was left out."""
    if draft.member_rate_cents is not None:
        return draft
    return replace(draft, member_rate_cents=draft.hourly_rate_cents)


def _apply(room: Room, draft: RoomDraft) -> None:
    room.name = draft.name
    room.capacity = draft.capacity
    room.hourly_rate_cents = draft.hourly_rate_cents
    room.member_rate_cents = draft.hourly_rate_cents if draft.member_rate_cents is None else draft.member_rate_cents
    room.colour = draft.colour
    room.equipment = draft.equipment
    room.opening_hours = draft.opening_hours
    room.active = draft.active
    room.parent_room_id = draft.parent_id


def _draft_of(room: Room) -> RoomDraft:
    return RoomDraft(
        name=room.name,
        capacity=room.capacity,
        hourly_rate_cents=room.hourly_rate_cents,
        member_rate_cents=room.member_rate_cents,
        colour=room.colour,
        equipment=room.equipment,
        opening_hours=room.opening_hours,
        active=room.active,
        parent_id=room.parent_room_id,
    )
