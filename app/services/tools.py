"""The tool library's catalogue: tools, their photo, their status and their history.

Everyone at the desk reads the catalogue; coordinators and admins add and edit tools and change
their status (in repair, lost, retired with a reason, available again). Lending and returning
change the status too, through ``loans``. Every change writes a line of the tool's history
(``tool_events``) and an audit entry.

The catalogue list is filtered and sorted in SQL and read as ids first, then rows for the ids
shown (``tool_ids`` and ``rows``), like the people list.

The photo is kept as bytes (JPEG or PNG, at most 2 MB) in its own table, so backups hold it and
reading the catalogue never reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, not_, select
from sqlalchemy.orm import Session, aliased

from app.clock import Clock
from app.db.engine import Database, fetch_ids
from app.db.models import Loan, Person, Tool, ToolEvent, ToolPhoto, User
from app.errors import ValidationError, record_gone
from app.i18n import _
from app.pictures import picture_type
from app.services import audit
from app.services.cash_rules import check_amount
from app.services.roles import Actor, Role, authorise
from app.services.tool_rules import (
    DEFAULT_LOAN_DAYS,
    MAX_CODE_LENGTH,
    MAX_LOAN_DAYS,
    MIN_LOAN_DAYS,
    ToolEventKind,
    ToolStatus,
    add_event,
    components_list,
    is_valid_code,
    normalise_code,
    propose_code,
    reserved_on,
    shown_status,
)
from app.services.validation import Problems, check_kinds, check_max_length, check_required, check_values, clean
from app.text import fold, like_pattern, search_terms

MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_NAME_LENGTH = 200
MAX_SHORT_LENGTH = 100


@dataclass(frozen=True)
class ToolDraft:
    """What the editor sends to add or change a tool. An empty ``code`` gets one proposed from
    the category (``propose_code``); ``components`` are the parts to check, one per item."""

    code: str = ""
    name: str = ""
    category: str = ""
    brand: str = ""
    model: str = ""
    serial: str = ""
    condition: str = ""
    deposit_cents: int = 0
    loan_days: int = DEFAULT_LOAN_DAYS
    notes: str = ""
    components: tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolRow:
    """One line of the catalogue; ``borrower_name`` and ``due_day`` are set while it is on loan."""

    id: int
    code: str
    name: str
    category: str
    brand: str
    model: str
    status: ToolStatus
    deposit_cents: int
    loan_days: int
    borrower_name: str
    due_day: date | None


@dataclass(frozen=True)
class ToolDetails:
    """A tool as its editor and the lending desk show it."""

    id: int
    draft: ToolDraft
    status: ToolStatus
    status_reason: str
    has_photo: bool
    open_loan_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ToolEventRow:
    """One line of a tool's history, newest first; ``status`` is the tool's status after it."""

    id: int
    at: datetime
    kind: ToolEventKind
    status: ToolStatus
    person_id: int | None
    person_name: str
    user_name: str
    loan_id: int | None
    note: str


@dataclass(frozen=True)
class Photo:
    data: bytes
    media_type: str  # "image/jpeg" or "image/png"


def _draft_of(tool: Tool) -> ToolDraft:
    return ToolDraft(
        code=tool.code,
        name=tool.name,
        category=tool.category,
        brand=tool.brand,
        model=tool.model,
        serial=tool.serial,
        condition=tool.condition,
        deposit_cents=tool.deposit_cents,
        loan_days=tool.loan_days,
        notes=tool.notes,
        components=components_list(tool.components),
    )


def tool_rows(session: Session, ids: Sequence[int], today: date) -> list[ToolRow]:
    """The catalogue lines of these tools, in the order of ``ids`` (missing ones are skipped)."""
    statement = (
        select(Tool, reserved_on(today), Loan.due_day, Person.family_name, Person.given_name)
        .outerjoin(Loan, and_(Loan.tool_id == Tool.id, Loan.returned_at.is_(None)))
        .outerjoin(Person, Person.id == Loan.person_id)
        .where(Tool.id.in_(ids))
    )
    found: dict[int, ToolRow] = {}
    for tool, reserved, due_day, family, given in session.execute(statement):
        found[tool.id] = ToolRow(
            id=tool.id,
            code=tool.code,
            name=tool.name,
            category=tool.category,
            brand=tool.brand,
            model=tool.model,
            status=shown_status(tool.status, bool(reserved)),
            deposit_cents=tool.deposit_cents,
            loan_days=tool.loan_days,
            borrower_name=f"{family or ''} {given or ''}".strip(),
            due_day=due_day,
        )
    return [found[tool_id] for tool_id in ids if tool_id in found]


def tool_details(session: Session, tool: Tool, today: date) -> ToolDetails:
    reserved = session.scalar(select(reserved_on(today)).select_from(Tool).where(Tool.id == tool.id))
    loan_id = session.scalar(select(Loan.id).where(Loan.tool_id == tool.id, Loan.returned_at.is_(None)))
    has_photo = session.scalar(select(ToolPhoto.tool_id).where(ToolPhoto.tool_id == tool.id)) is not None
    return ToolDetails(
        id=tool.id,
        draft=_draft_of(tool),
        status=shown_status(tool.status, bool(reserved)),
        status_reason=tool.status_reason,
        has_photo=has_photo,
        open_loan_id=loan_id,
        created_at=tool.created_at,
        updated_at=tool.updated_at,
    )


def _status_condition(status: ToolStatus, today: date) -> ColumnElement[bool]:
    if status is ToolStatus.RESERVED:
        return and_(Tool.status == ToolStatus.AVAILABLE.value, reserved_on(today))
    if status is ToolStatus.AVAILABLE:
        return and_(Tool.status == ToolStatus.AVAILABLE.value, not_(reserved_on(today)))
    condition: ColumnElement[bool] = Tool.status == status.value
    return condition


class ToolService:
    """The catalogue. Reading is for everyone at the desk; changing it is for coordinators."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- reading -----------------------------------------------------------------------------------

    def tool_ids(
        self, actor: Actor, *, search: str = "", category: str = "", status: ToolStatus | None = None
    ) -> list[int]:
        """Ids of the tools matching every word of ``search`` (code, name, category, brand, model,
        serial), of a ``category`` and a ``status`` when given, in code order."""
        conditions: list[ColumnElement[bool]] = [
            Tool.search_key.like(like_pattern(term), escape="\\") for term in search_terms(search)
        ]
        if category:
            conditions.append(Tool.category_key == fold(category))
        if status is not None:
            conditions.append(_status_condition(status, self._clock.today()))
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return fetch_ids(session, select(Tool.id).where(and_(True, *conditions)).order_by(Tool.code))

    def rows(self, actor: Actor, ids: Sequence[int]) -> list[ToolRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return tool_rows(session, ids, self._clock.today())

    def get(self, actor: Actor, tool_id: int) -> ToolDetails:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            tool = session.get(Tool, tool_id)
            if tool is None:
                raise record_gone()
            return tool_details(session, tool, self._clock.today())

    def categories(self, actor: Actor) -> list[str]:
        """The categories in use, for the editor's and the filter's choices."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(Tool.category).where(Tool.category != "").group_by(Tool.category_key)
            return sorted(session.scalars(statement), key=fold)

    def propose_code(self, actor: Actor, category: str) -> str:
        """The code a new tool of ``category`` would get: its prefix and the next free number."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return propose_code(session, category)

    def history(self, actor: Actor, tool_id: int) -> list[ToolEventRow]:
        """Everything that happened to the tool, newest first."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            if session.get(Tool, tool_id) is None:
                raise record_gone()
            acting = aliased(User)
            statement = (
                select(ToolEvent, Person.family_name, Person.given_name, acting.name)
                .outerjoin(Person, Person.id == ToolEvent.person_id)
                .outerjoin(acting, acting.id == ToolEvent.user_id)
                .where(ToolEvent.tool_id == tool_id)
                .order_by(ToolEvent.at.desc(), ToolEvent.id.desc())
            )
            return [
                ToolEventRow(
                    id=event.id,
                    at=event.at,
                    kind=ToolEventKind(event.kind),
                    status=ToolStatus(event.status),
                    person_id=event.person_id,
                    person_name=f"{family or ''} {given or ''}".strip(),
                    user_name=user or "",
                    loan_id=event.loan_id,
                    note=event.note,
                )
                for event, family, given, user in session.execute(statement)
            ]

    def photo(self, actor: Actor, tool_id: int) -> Photo | None:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            photo = session.get(ToolPhoto, tool_id)
            return None if photo is None else Photo(data=photo.data, media_type=photo.media_type)

    # -- changing ----------------------------------------------------------------------------------

    def create(self, actor: Actor, draft: ToolDraft) -> ToolDetails:
        """Add a tool, available; without a code it gets the next one of its category's prefix."""
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            draft = self._validated(session, draft, None)
            now = self._clock.now()
            tool = Tool(status=ToolStatus.AVAILABLE.value, status_reason="", created_at=now, updated_at=now)
            self._apply(tool, draft)
            session.add(tool)
            session.flush()
            add_event(session, self._clock, actor, tool, ToolEventKind.ADDED)
            filled = [item.name for item in fields(ToolDraft) if getattr(draft, item.name) not in ("", (), None)]
            audit.record(session, self._clock, actor, "create", "tool", tool.id, filled)
            return tool_details(session, tool, self._clock.today())

    def update(self, actor: Actor, tool_id: int, draft: ToolDraft) -> ToolDetails:
        check_values({"tool_id": (tool_id, int)})
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            tool = session.get(Tool, tool_id)
            if tool is None:
                raise record_gone()
            draft = self._validated(session, draft, tool)
            before = _draft_of(tool)
            changed = [
                item.name for item in fields(ToolDraft) if getattr(before, item.name) != getattr(draft, item.name)
            ]
            if changed:
                self._apply(tool, draft)
                tool.updated_at = self._clock.now()
                add_event(session, self._clock, actor, tool, ToolEventKind.EDITED, note=", ".join(changed))
                audit.record(session, self._clock, actor, "update", "tool", tool.id, changed)
            return tool_details(session, tool, self._clock.today())

    def set_status(self, actor: Actor, tool_id: int, status: ToolStatus, reason: str = "") -> ToolDetails:
        """Send a tool to repair, mark it lost or retired (a reason is required), or available again.

        A tool on loan is taken back first (a return may send it to repair); "on loan" and
        "reserved" come from loans and reservations, never from here.
        """
        check_values({"tool_id": (tool_id, int), "status": (status, ToolStatus), "reason": (reason, str)})
        reason = clean(reason)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            tool = session.get(Tool, tool_id)
            if tool is None:
                raise record_gone()
            problems = Problems()
            if status in (ToolStatus.ON_LOAN, ToolStatus.RESERVED):
                problems.add("status", _("Lend or reserve the tool at the lending desk: choose another status here."))
            if tool.status == ToolStatus.ON_LOAN.value:
                problems.add("status", _("{code} is on loan: take it back first.").format(code=tool.code))
            if status is ToolStatus.RETIRED:
                check_required(problems, "reason", reason, _("Write why the tool is retired."))
            check_max_length(problems, "reason", reason, 500)
            problems.raise_if_any()
            if tool.status == status.value and tool.status_reason == reason:
                return tool_details(session, tool, self._clock.today())
            tool.status = status.value
            tool.status_reason = "" if status is ToolStatus.AVAILABLE else reason
            tool.updated_at = self._clock.now()
            kind = ToolEventKind.REPAIR if status is ToolStatus.IN_REPAIR else ToolEventKind.STATUS
            add_event(session, self._clock, actor, tool, kind, note=reason)
            audit.record(session, self._clock, actor, "update", "tool", tool.id, ("status", "status_reason"))
            return tool_details(session, tool, self._clock.today())

    def set_photo(self, actor: Actor, tool_id: int, data: bytes | None) -> ToolDetails:
        """Set (JPEG or PNG, at most 2 MB) or, with None, remove the tool's photo."""
        check_values({"tool_id": (tool_id, int), "data": (data, bytes | None)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.COORDINATOR)
            tool = session.get(Tool, tool_id)
            if tool is None:
                raise record_gone()
            photo = session.get(ToolPhoto, tool_id)
            if data is None:
                if photo is not None:
                    session.delete(photo)
                    audit.record(session, self._clock, actor, "delete", "tool_photo", tool_id)
                return tool_details(session, tool, self._clock.today())
            media_type = picture_type(data)
            if media_type is None:
                raise ValidationError(_("The photo must be a JPEG or PNG picture."), field="photo")
            if len(data) > MAX_PHOTO_BYTES:
                raise ValidationError(_("The photo is too large: choose one of at most 2 MB."), field="photo")
            if photo is None:
                session.add(ToolPhoto(tool_id=tool_id, media_type=media_type, data=data, updated_at=self._clock.now()))
            else:
                photo.media_type, photo.data, photo.updated_at = media_type, data, self._clock.now()
            session.flush()
            audit.record(session, self._clock, actor, "update", "tool_photo", tool_id, ("data",))
            return tool_details(session, tool, self._clock.today())

    # -- rules -------------------------------------------------------------------------------------

    @staticmethod
    def _apply(tool: Tool, draft: ToolDraft) -> None:
        tool.code = draft.code
        tool.name = draft.name
        tool.category = draft.category
        tool.category_key = fold(draft.category)
        tool.brand = draft.brand
        tool.model = draft.model
        tool.serial = draft.serial
        tool.condition = draft.condition
        tool.deposit_cents = draft.deposit_cents
        tool.loan_days = draft.loan_days
        tool.notes = draft.notes
        tool.components = "\n".join(draft.components)
        tool.sort_key = fold(draft.name)
        tool.search_key = fold(
            " ".join((draft.code, draft.name, draft.category, draft.brand, draft.model, draft.serial))
        )

    @staticmethod
    def _validated(session: Session, draft: ToolDraft, tool: Tool | None) -> ToolDraft:
        problems = Problems()
        cleaned = replace(
            draft,
            code=normalise_code(draft.code),
            name=clean(draft.name),
            category=clean(draft.category),
            brand=clean(draft.brand),
            model=clean(draft.model),
            serial=clean(draft.serial),
            condition=clean(draft.condition),
            notes=clean(draft.notes),
            # Stored one per line: a part typed with a line break in it becomes two parts, as
            # it would read back; the editor shows what was kept.
            components=components_list("\n".join(draft.components)),
        )
        check_required(problems, "name", cleaned.name, _("Write the name of the tool."))
        check_max_length(problems, "name", cleaned.name, MAX_NAME_LENGTH)
        for field in ("category", "brand", "model", "serial"):
            check_max_length(problems, field, getattr(cleaned, field), MAX_SHORT_LENGTH)
        check_amount(problems, "deposit_cents", cleaned.deposit_cents, minimum=0)
        if isinstance(cleaned.loan_days, bool) or not isinstance(cleaned.loan_days, int):
            problems.add("loan_days", _("Write the loan period as a whole number of days."))
        elif not MIN_LOAN_DAYS <= cleaned.loan_days <= MAX_LOAN_DAYS:
            problems.add(
                "loan_days",
                _("A loan lasts from {min} to {max} days.").format(min=MIN_LOAN_DAYS, max=MAX_LOAN_DAYS),
            )
        if any("\n" in part for part in cleaned.components):
            problems.add("components", _("Write each part to check on a line of its own."))
        if not cleaned.code:
            cleaned = replace(cleaned, code=propose_code(session, cleaned.category))
        elif not is_valid_code(cleaned.code):
            problems.add(
                "code",
                _(
                    "A code has at most {limit} letters A-Z, digits and single dashes, such as TR-0042: "
                    "no spaces nor accents."
                ).format(limit=MAX_CODE_LENGTH),
            )
        else:
            other = session.scalar(select(Tool.id).where(Tool.code == cleaned.code))
            if other is not None and (tool is None or other != tool.id):
                problems.add(
                    "code",
                    _("Another tool has the code {code}: leave the code empty to get a new one.").format(
                        code=cleaned.code
                    ),
                )
        problems.raise_if_any()
        return cleaned
