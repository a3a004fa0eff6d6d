"""What an admin sets up for the cash desk: the payment categories and the stamp-duty setting.

Everyone at the desk reads them (the category list, the stamp duty shown next to the total); only
an admin changes them. Receipts already issued keep the category and stamp duty they were issued
with: the stamp duty is stored on each receipt, and a built-in category renamed by an admin only
changes the label shown from then on.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import PaymentCategory
from app.errors import record_gone
from app.i18n import _
from app.services import audit
from app.services.cash_rules import STAMP_DUTY_MODE_KEY, Direction, StampDutyMode, category_label, read_stamp_duty_mode
from app.services.house import write_setting
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_kinds, check_max_length, check_required, check_values, clean
from app.text import fold

# -- categories -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str | None
    name: str
    label: str
    direction: Direction
    stamp_exempt: bool
    active: bool


@dataclass(frozen=True)
class CategoryDraft:
    """An admin's category; for a built-in one an empty name keeps the translated label."""

    name: str = ""
    direction: Direction = Direction.IN
    stamp_exempt: bool = False
    active: bool = True


def _category_row(category: PaymentCategory) -> CategoryRow:
    return CategoryRow(
        id=category.id,
        code=category.code,
        name=category.name,
        label=category_label(category.code, category.name),
        direction=Direction(category.direction),
        stamp_exempt=category.stamp_exempt,
        active=category.active,
    )


def category_by_code(session: Session, code: str) -> PaymentCategory:
    category = session.scalars(select(PaymentCategory).where(PaymentCategory.code == code)).one_or_none()
    if category is None:
        raise record_gone()
    return category


class CashSettingsService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- categories --------------------------------------------------------------------------------

    def categories(self, actor: Actor, *, include_inactive: bool = False) -> list[CategoryRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(PaymentCategory).order_by(PaymentCategory.sort_order, PaymentCategory.id)
            if not include_inactive:
                statement = statement.where(PaymentCategory.active.is_(True))
            return [_category_row(category) for category in session.scalars(statement)]

    def add_category(self, actor: Actor, draft: CategoryDraft) -> CategoryRow:
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            draft = self._validated_category(session, draft, None)
            last = session.scalar(select(func.max(PaymentCategory.sort_order))) or 0
            category = PaymentCategory(
                code=None,
                name=draft.name,
                direction=draft.direction.value,
                stamp_exempt=draft.stamp_exempt,
                active=draft.active,
                sort_order=last + 10,
            )
            session.add(category)
            session.flush()
            audit.record(session, self._clock, actor, "create", "payment_category", category.id, ("name",))
            return _category_row(category)

    def update_category(self, actor: Actor, category_id: int, draft: CategoryDraft) -> CategoryRow:
        check_values({"category_id": (category_id, int)})
        check_kinds(draft)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            category = session.get(PaymentCategory, category_id)
            if category is None:
                raise record_gone()
            draft = self._validated_category(session, draft, category)
            stored = {
                "name": draft.name,
                "direction": draft.direction.value,
                "stamp_exempt": draft.stamp_exempt,
                "active": draft.active,
            }
            changed = [field for field, value in stored.items() if getattr(category, field) != value]
            if changed:
                for field in changed:
                    setattr(category, field, stored[field])
                audit.record(session, self._clock, actor, "update", "payment_category", category_id, changed)
            return _category_row(category)

    @staticmethod
    def _validated_category(session: Session, draft: CategoryDraft, category: PaymentCategory | None) -> CategoryDraft:
        problems = Problems()
        name = clean(draft.name)
        if category is None or category.code is None:
            check_required(problems, "name", name, _("Write the name of the category."))
        check_max_length(problems, "name", name, 100)
        if name:
            others = session.scalars(
                select(PaymentCategory).where(PaymentCategory.id != (category.id if category else -1))
            )
            if any(fold(_category_row(other).label) == fold(name) for other in others):
                problems.add("name", _("Another category has this name: choose a different one."))
        problems.raise_if_any()
        return CategoryDraft(name=name, direction=draft.direction, stamp_exempt=draft.stamp_exempt, active=draft.active)

    # -- the stamp duty ----------------------------------------------------------------------------

    def stamp_duty_mode(self) -> StampDutyMode:
        """Readable by everyone: the desk shows it next to the total."""
        with self._database.sessions.begin() as session:
            return read_stamp_duty_mode(session)

    def set_stamp_duty_mode(self, actor: Actor, mode: StampDutyMode) -> StampDutyMode:
        """Choose whether receipts carry the stamp duty or the exemption; receipts already issued keep theirs."""
        check_values({"mode": (mode, StampDutyMode)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            if read_stamp_duty_mode(session) is not mode:
                write_setting(session, STAMP_DUTY_MODE_KEY, mode.value)
                audit.record(session, self._clock, actor, "update", "settings", None, ("stamp_duty_mode",))
            return mode
