"""A person's privacy rights at the desk: their data exported, erased, reviewed after years away,
and their consent shown where they are served.

Decisions (DESIGN.md, "Personal data"):

- **Erasure is anonymisation.** The person row stays, so memberships, attendance, visits, loans,
  bookings and payments keep counting in the statistics, now pointing at "Erased person #id". Their
  name, contacts, address, birth date and year, notes, consent and guardian link are cleared; their
  membership of associations (and being an association's contact) goes; search no longer finds
  them (their search keys are empty). The age band already stored on visits stays: it is a
  statistic, not the birth date.
- **Receipts are not touched.** An Italian fiscal receipt must be kept unchanged for 10 years (the
  database refuses to change one anyway): the payer printed on it stays as printed. The admin is
  told so before confirming.
- **Open business blocks erasure**: a tool still out, an enrolment in a workshop still running, an
  active tool reservation, a room booking still to come, a workshop still to be led. The message
  says what to close first.
- **The admin confirms by typing the person's name**, checked here too, so a slip of the mouse
  never erases anyone. The audit log records ``erase`` with the names of the fields cleared, never
  their values; that entry also marks the person as erased, and an erased person is never
  edited back by the editor (``is_erased``).
- **Retention**: people with no activity for ``retention_years`` (a house setting, default 5) are
  listed for an admin to review one by one; nothing is erased automatically.

Export, erasure and retention are for admins; the consent marks are for everyone at the desk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from app import privacy_export
from app.clock import Clock
from app.db.engine import Database
from app.db.models import (
    Attendance,
    AuditEntry,
    Booking,
    BookingSeries,
    Enrolment,
    Loan,
    Organisation,
    OrganisationMember,
    Payment,
    Person,
    Tool,
    ToolReservation,
    Visit,
    Workshop,
    WorkshopSession,
)
from app.errors import ValidationError, record_gone
from app.i18n import N_, _
from app.services import audit
from app.services.house import read_house, read_setting, write_setting
from app.services.people import CONSENT_AGE, is_erased, may_be_under
from app.services.roles import Actor, Role, authorise
from app.services.validation import check_values
from app.text import fold

RETENTION_KEY = "privacy.retention_years"
DEFAULT_RETENTION_YEARS = 5
RETENTION_RANGE = (1, 30)
ERASED_FIELDS = (
    "given_name",
    "family_name",
    "phone",
    "email",
    "address",
    "birth_date",
    "birth_year",
    "notes",
    "consent_date",
    "consent_notice_version",
    "photo_release",
    "guardian_id",
    "organisations",
)
"""What erasure clears, as named in the audit entry."""

ACTIVITY_LABELS = {
    "registry": N_("registry record"),
    "payment": N_("payment"),
    "booking": N_("room booking"),
    "enrolment": N_("enrolment"),
    "attendance": N_("attendance"),
    "visit": N_("visit"),
    "loan": N_("loan"),
    "reservation": N_("tool reservation"),
    "workshop": N_("workshop led"),
}


@dataclass(frozen=True)
class ConsentMark:
    """What the desk must know about a person's privacy where they are served."""

    person_id: int
    consent_date: date | None
    photo_release: bool
    minor: bool
    """Under ``CONSENT_AGE`` (or may be, with only a birth year)."""
    has_guardian: bool

    @property
    def has_consent(self) -> bool:
        return self.consent_date is not None

    @property
    def minor_without_guardian_consent(self) -> bool:
        """A child whose consent was not given by a recorded parent or guardian."""
        return self.minor and not (self.has_consent and self.has_guardian)


@dataclass(frozen=True)
class PersonExport:
    """Everything held about one person; ``data`` is the JSON document of ``app.privacy_export``."""

    person_id: int
    name: str
    data: privacy_export.Data


@dataclass(frozen=True)
class InactivePerson:
    """A person the desk has not seen for the retention period, for review."""

    id: int
    name: str
    phone: str
    registered_at: datetime
    last_activity_at: datetime
    last_activity: str
    """The code of ``ACTIVITY_LABELS`` of the most recent thing they did."""

    @property
    def last_activity_label(self) -> str:
        return _(ACTIVITY_LABELS[self.last_activity])


def erased_name(person_id: int) -> str:
    """The name an erased person keeps ("Erased person #12"), in the desk's language at erasure."""
    return _("Erased person #{id}").format(id=person_id)


def years_before(moment: datetime, years: int) -> datetime:
    """``moment`` ``years`` years earlier (29 February falls back to the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


class PrivacyService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- consent where people are served ----------------------------------------------------------

    def consent_marks(self, actor: Actor, person_ids: Iterable[int]) -> dict[int, ConsentMark]:
        """The privacy state of these people (missing ones are left out)."""
        wanted = set(person_ids)
        if not wanted:
            return {}
        today = self._clock.today()
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            query = select(
                Person.id,
                Person.consent_date,
                Person.photo_release,
                Person.birth_date,
                Person.birth_year,
                Person.guardian_id,
            ).where(Person.id.in_(wanted))
            return {
                person_id: ConsentMark(
                    person_id=person_id,
                    consent_date=consent,
                    photo_release=bool(photos),
                    minor=may_be_under(CONSENT_AGE, birth_date=birth_date, birth_year=birth_year, today=today),
                    has_guardian=guardian is not None,
                )
                for person_id, consent, photos, birth_date, birth_year, guardian in session.execute(query)
            }

    def consent_mark(self, actor: Actor, person_id: int) -> ConsentMark | None:
        return self.consent_marks(actor, [person_id]).get(person_id)

    # -- export ------------------------------------------------------------------------------------

    def export(self, actor: Actor, person_id: int) -> PersonExport:
        """Everything held about the person; the export itself is logged (``export``, no values).

        Raises:
            PermissionDenied: the actor is not an admin.
            NotFound: the person is gone.
        """
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            house = read_house(session)
            data = privacy_export.collect(
                session,
                person_id,
                now=self._clock.now(),
                house_name=house.name,
                house_fiscal_code=house.fiscal_code,
                erased=is_erased(session, person_id),
            )
            audit.record(session, self._clock, actor, "export", "person", person_id)
        person = data["person"]
        return PersonExport(
            person_id=person_id, name=f"{person['family_name']} {person['given_name']}".strip(), data=data
        )

    def export_json(self, actor: Actor, person_id: int, path: Path) -> Path:
        """Write the export as one UTF-8 JSON file at ``path``."""
        return privacy_export.write_json(self.export(actor, person_id).data, path)

    # -- erasure -----------------------------------------------------------------------------------

    def is_erased(self, actor: Actor, person_id: int) -> bool:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return is_erased(session, person_id)

    def erasure_blockers(self, actor: Actor, person_id: int) -> list[str]:
        """What must be closed before the person can be erased, one sentence each (empty: nothing)."""
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            if session.get(Person, person_id) is None:
                raise record_gone()
            return self._blockers(session, person_id)

    def erase(self, actor: Actor, person_id: int, typed_name: str) -> None:
        """Anonymise the person (see the module docstring for what goes and what stays).

        Args:
            typed_name: the person's name as the admin typed it to confirm (either order of given
                and family name, case and accents ignored).

        Raises:
            PermissionDenied: the actor is not an admin.
            NotFound: the person is gone.
            ValidationError: the name does not match, the person was erased already, or something
                is still open (the message lists what to close first). Nothing was changed.
        """
        check_values({"person_id": (person_id, int), "typed_name": (typed_name, str)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            person = session.get(Person, person_id)
            if person is None:
                raise record_gone()
            if is_erased(session, person_id):
                raise ValidationError(_("This person's data was erased already."))
            if not name_matches(typed_name, person.given_name, person.family_name):
                raise ValidationError(
                    _("The name typed does not match: type {name} exactly to confirm.").format(
                        name=f"{person.family_name} {person.given_name}".strip()
                    ),
                    field="typed_name",
                )
            blockers = self._blockers(session, person_id)
            if blockers:
                raise ValidationError(
                    _("Close these first, then erase:\n{items}").format(items="\n".join(f"• {b}" for b in blockers))
                )
            self._anonymise(session, person)
            audit.record(session, self._clock, actor, "erase", "person", person_id, ERASED_FIELDS)

    def _anonymise(self, session: Session, person: Person) -> None:
        name = erased_name(person.id)
        person.given_name = ""
        person.family_name = name
        person.phone = person.email = person.address = person.notes = ""
        person.birth_date = None
        person.birth_year = None
        person.consent_date = None
        person.consent_notice_version = ""
        person.photo_release = False
        person.guardian_id = None
        # Search finds nobody by an empty key; the list still sorts the row under its new name.
        person.search_key = person.name_key = person.phone_key = person.email_key = ""
        person.sort_key = fold(name)
        person.updated_at = self._clock.now()
        session.execute(delete(OrganisationMember).where(OrganisationMember.person_id == person.id))
        session.execute(
            update(Organisation).where(Organisation.contact_person_id == person.id).values(contact_person_id=None)
        )

    def _blockers(self, session: Session, person_id: int) -> list[str]:
        now = self._clock.now()
        today = now.date()
        result = []
        tools = list(
            session.scalars(
                select(Tool.name)
                .join(Loan, Loan.tool_id == Tool.id)
                .where(Loan.person_id == person_id, Loan.returned_at.is_(None))
                .order_by(Tool.sort_key)
            )
        )
        if tools:
            result.append(_("Take back the tools still on loan: {tools}.").format(tools=", ".join(tools)))
        running = (
            select(WorkshopSession.id)
            .join(Booking, Booking.id == WorkshopSession.booking_id)
            .where(
                WorkshopSession.workshop_id == Workshop.id,
                Booking.status != "cancelled",
                Booking.ends_at > now,
            )
            .exists()
        )
        workshops = list(
            session.scalars(
                select(Workshop.title)
                .join(Enrolment, Enrolment.workshop_id == Workshop.id)
                .where(
                    Enrolment.person_id == person_id,
                    Enrolment.status.in_(("enrolled", "waiting")),
                    Workshop.active.is_(True),
                    running,
                )
                .order_by(Workshop.sort_key)
            )
        )
        if workshops:
            result.append(
                _("Withdraw them from the workshops still running: {workshops}.").format(workshops=", ".join(workshops))
            )
        led = list(
            session.scalars(
                select(Workshop.title)
                .where(Workshop.facilitator_id == person_id, Workshop.active.is_(True), running)
                .order_by(Workshop.sort_key)
            )
        )
        if led:
            result.append(
                _("Give another facilitator to the workshops they lead: {workshops}.").format(workshops=", ".join(led))
            )
        reserved = list(
            session.scalars(
                select(Tool.name)
                .join(ToolReservation, ToolReservation.tool_id == Tool.id)
                .where(
                    ToolReservation.person_id == person_id,
                    ToolReservation.status == "active",
                    ToolReservation.to_day >= today,
                )
                .order_by(Tool.sort_key)
            )
        )
        if reserved:
            result.append(_("Cancel their tool reservations: {tools}.").format(tools=", ".join(reserved)))
        bookings = session.scalar(
            select(func.count(Booking.id)).where(
                Booking.person_id == person_id, Booking.status != "cancelled", Booking.ends_at > now
            )
        )
        series = session.scalar(
            select(func.count(BookingSeries.id)).where(
                BookingSeries.person_id == person_id,
                BookingSeries.status != "cancelled",
                or_(BookingSeries.last_end.is_(None), BookingSeries.last_end > now),
            )
        )
        if bookings or series:
            result.append(_("Cancel their room bookings still to come, or move them to another holder."))
        return result

    # -- retention ---------------------------------------------------------------------------------

    def retention_years(self, actor: Actor) -> int:
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            return int(read_setting(session, RETENTION_KEY, DEFAULT_RETENTION_YEARS))

    def set_retention_years(self, actor: Actor, years: int) -> int:
        check_values({"years": (years, int)})
        first, last = RETENTION_RANGE
        if not first <= years <= last:
            raise ValidationError(
                _("Keep data between {first} and {last} years.").format(first=first, last=last), field="years"
            )
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            if int(read_setting(session, RETENTION_KEY, DEFAULT_RETENTION_YEARS)) != years:
                write_setting(session, RETENTION_KEY, years)
                audit.record(session, self._clock, actor, "update", "settings", None, ["retention_years"])
        return years

    def inactive_people(self, actor: Actor, years: int | None = None) -> list[InactivePerson]:
        """People (not erased) whose last activity is more than ``years`` (default: the setting)
        ago, longest gone first."""
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            if years is None:
                years = int(read_setting(session, RETENTION_KEY, DEFAULT_RETENTION_YEARS))
            now = self._clock.now()
            cutoff = years_before(now, years)
            latest = _latest_activity(session, now)
            erased = set(_erased_ids(session))
            candidates = session.execute(
                select(Person.id, Person.family_name, Person.given_name, Person.phone, Person.created_at)
                .where(Person.updated_at < cutoff, Person.created_at < cutoff)
                .order_by(Person.sort_key, Person.id)
            )
            result = []
            for person_id, family, given, phone, created_at in candidates:
                if person_id in erased:
                    continue
                at, kind = latest.get(person_id, (created_at, "registry"))
                if at >= cutoff:
                    continue
                result.append(
                    InactivePerson(
                        id=person_id,
                        name=f"{family} {given}".strip(),
                        phone=phone,
                        registered_at=created_at,
                        last_activity_at=at,
                        last_activity=kind,
                    )
                )
            result.sort(key=lambda row: row.last_activity_at)
            return result


def name_matches(typed: str, given_name: str, family_name: str) -> bool:
    """Whether ``typed`` is the person's name, in either order, ignoring case, accents and spaces."""
    words = fold(typed).split()
    return bool(words) and words in (
        fold(f"{family_name} {given_name}").split(),
        fold(f"{given_name} {family_name}").split(),
    )


def _erased_ids(session: Session) -> Sequence[int]:
    query = select(AuditEntry.entity_id).where(AuditEntry.entity == "person", AuditEntry.action == "erase")
    return [person_id for person_id in session.scalars(query) if person_id is not None]


def _latest_activity(session: Session, now: datetime) -> dict[int, tuple[datetime, str]]:
    """Each person's most recent activity (when, and its code), from every area that names them."""
    sources = [
        ("registry", select(Person.id, Person.updated_at)),
        ("payment", select(Payment.payer_person_id, func.max(Payment.at)).group_by(Payment.payer_person_id)),
        ("booking", select(Booking.person_id, func.max(Booking.starts_at)).group_by(Booking.person_id)),
        (
            "booking",
            # An open-ended series still running is activity today.
            select(
                BookingSeries.person_id,
                func.max(
                    func.coalesce(
                        BookingSeries.last_end,
                        case((BookingSeries.status == "cancelled", BookingSeries.dtstart), else_=now),
                    )
                ),
            ).group_by(BookingSeries.person_id),
        ),
        ("enrolment", select(Enrolment.person_id, func.max(Enrolment.updated_at)).group_by(Enrolment.person_id)),
        ("attendance", select(Attendance.person_id, func.max(Attendance.marked_at)).group_by(Attendance.person_id)),
        ("visit", select(Visit.person_id, func.max(Visit.at)).group_by(Visit.person_id)),
        (
            "loan",
            select(Loan.person_id, func.max(func.coalesce(Loan.returned_at, now))).group_by(Loan.person_id),
        ),
        (
            "reservation",
            select(ToolReservation.person_id, func.max(ToolReservation.created_at)).group_by(ToolReservation.person_id),
        ),
        ("workshop", select(Workshop.facilitator_id, func.max(Workshop.updated_at)).group_by(Workshop.facilitator_id)),
    ]
    latest: dict[int, tuple[datetime, str]] = {}
    for kind, query in sources:
        for person_id, at in session.execute(query):
            if person_id is None or at is None:
                continue
            if isinstance(at, str):  # SQLite hands back expressions over dates as text
                at = datetime.fromisoformat(at)
            if person_id not in latest or at > latest[person_id][0]:
                latest[person_id] = (at, kind)
    return latest
