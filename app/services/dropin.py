"""The drop-in services of the house (the showers, a job help desk, ...): admins define them.

A service says which optional statistics its visits record: age band, gender, first visit or
not. Two built-in services are created with the database (migration 0006), so a new house has
its counters on the Today page from the first day; built-in services have a ``code`` and a
translated label, and an admin may rename them (the name is then shown instead of the label),
change what they record, retire them (``active``) or add others. Services are never deleted:
their visits are the statistics of past years. Everyone at the desk reads them; the visits
themselves are in ``visits``. When a service was created or changed is in the audit log (the
seeded ones carry no date, so two new houses start identical).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import DropInService
from app.errors import record_gone
from app.i18n import N_, _
from app.services import audit
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_kinds, check_max_length, check_required, clean
from app.text import fold

MAX_NAME_LENGTH = 100

BUILT_IN_LABELS = {"showers": N_("Showers"), "job_desk": N_("Job help desk")}


def service_label(code: str | None, name: str) -> str:
    """The name an admin gave the service, else the translated label of a built-in one."""
    if name or code not in BUILT_IN_LABELS:
        return name
    return _(BUILT_IN_LABELS[code])


@dataclass(frozen=True)
class DropInDraft:
    """What the admin's editor sends; ``name`` empty keeps a built-in service's translated label."""

    name: str = ""
    active: bool = True
    records_age_band: bool = False
    records_gender: bool = False
    records_first_visit: bool = False


@dataclass(frozen=True)
class DropInRow:
    id: int
    code: str | None
    label: str
    name: str
    active: bool
    records_age_band: bool
    records_gender: bool
    records_first_visit: bool
    sort_order: int


_EDITABLE = ("name", "active", "records_age_band", "records_gender", "records_first_visit")


def to_row(service: DropInService) -> DropInRow:
    return DropInRow(
        id=service.id,
        code=service.code,
        label=service_label(service.code, service.name),
        name=service.name,
        active=service.active,
        records_age_band=service.records_age_band,
        records_gender=service.records_gender,
        records_first_visit=service.records_first_visit,
        sort_order=service.sort_order,
    )


class DropInServices:
    """Defining the drop-in services (admins) and listing them (everyone)."""

    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def services(self, actor: Actor, *, include_inactive: bool = False) -> list[DropInRow]:
        """The services in the order the desk shows them."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            statement = select(DropInService).order_by(DropInService.sort_order, DropInService.id)
            if not include_inactive:
                statement = statement.where(DropInService.active.is_(True))
            return [to_row(service) for service in session.scalars(statement)]

    def get(self, actor: Actor, service_id: int) -> DropInRow:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            service = session.get(DropInService, service_id)
            if service is None:
                raise record_gone()
            return to_row(service)

    def create(self, actor: Actor, draft: DropInDraft) -> DropInRow:
        """Add a service, listed after the others.

        Raises:
            PermissionDenied: the user is not an admin.
            ValidationError: the name is missing, too long or already used.
        """
        check_kinds(draft)
        draft = replace(draft, name=clean(draft.name))
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            self._validate(session, draft, None)
            last = session.scalar(select(func.max(DropInService.sort_order))) or 0
            service = DropInService(code=None, sort_order=last + 10)
            for name in _EDITABLE:
                setattr(service, name, getattr(draft, name))
            session.add(service)
            session.flush()
            audit.record(session, self._clock, actor, "create", "dropin_service", service.id, _EDITABLE)
            return to_row(service)

    def update(self, actor: Actor, service_id: int, draft: DropInDraft) -> DropInRow:
        """Rename a service, change what its visits record, retire it or bring it back.

        Raises:
            NotFound: the service is gone.
            PermissionDenied: the user is not an admin.
            ValidationError: the name is missing, too long or already used.
        """
        check_kinds(draft)
        draft = replace(draft, name=clean(draft.name))
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            service = session.get(DropInService, service_id)
            if service is None:
                raise record_gone()
            if service.code in BUILT_IN_LABELS and fold(draft.name) == fold(_(BUILT_IN_LABELS[service.code])):
                draft = replace(draft, name="")  # the label as shown: keep it translated
            self._validate(session, draft, service)
            changed = [name for name in _EDITABLE if getattr(service, name) != getattr(draft, name)]
            if changed:
                for name in changed:
                    setattr(service, name, getattr(draft, name))
                audit.record(session, self._clock, actor, "update", "dropin_service", service.id, changed)
            return to_row(service)

    @staticmethod
    def _validate(session: Session, draft: DropInDraft, current: DropInService | None) -> None:
        problems = Problems()
        if current is None or current.code is None:
            check_required(problems, "name", draft.name, _("Write the name of the service."))
        check_max_length(problems, "name", draft.name, MAX_NAME_LENGTH)
        label = service_label(current.code if current else None, draft.name)
        others = session.scalars(select(DropInService).where(DropInService.id != (current.id if current else -1)))
        if label and any(fold(service_label(other.code, other.name)) == fold(label) for other in others):
            problems.add("name", _("Another service already has this name: choose a different one."))
        problems.raise_if_any()
