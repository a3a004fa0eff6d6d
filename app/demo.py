"""The demo house: a reproducible database to try the desk, train volunteers and measure speed.

``write_demo`` writes a new database file with the house's details, the ``DEMO_USERS`` and their
PINs, people and organisations created over the ten years before ``today`` (some of them member
associations, which book at the reduced rate), the rooms and their calendar (``app.demo_rooms``),
and the cash desk of those years: payments, receipts, membership cards and closings
(``app.demo_cash``), the bookings mostly paid as the desk links payments to them
(``app.demo_dues``). The same size, seed and day always give the same content, down to the bytes
of every row: all chance comes from ``random.Random`` generators seeded with the seed (one for
the people, and one each for the members, the calendar, the cash desk and the bookings' payments,
so that adding one part changed no other), all times from ``today`` (never the real clock), and
the PIN hashes use a salt derived from the seed (the demo PINs are public anyway).

The rows are inserted in bulk, but their folded ``*_key`` columns are filled by the very functions
the services use, so search in the demo behaves exactly as in a house's own data.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import hash_secret
from sqlalchemy import insert
from sqlalchemy.orm import Session
from stdnum import luhn

from app import demo_names as data
from app.clock import FixedClock
from app.db.models import Organisation, OrganisationMember, Person, User
from app.db.schema import open_database
from app.demo_cash import Cashier, cash_payers, open_moment, write_cash
from app.demo_dues import pay
from app.demo_names import FeaturedPerson, Origin
from app.demo_rooms import write_rooms
from app.demo_workshops import write_workshops
from app.errors import ValidationError
from app.i18n import _, format_date, format_number
from app.services import audit
from app.services.accounts import PIN_HASHER
from app.services.house import HouseDetails, store_house, validate_house
from app.services.organisations import OrganisationDraft, OrganisationKind, OrganisationService
from app.services.people import PeopleService, PersonDraft, apply_keys, may_be_under
from app.services.roles import Actor, Role
from app.text import fold


@dataclass(frozen=True)
class DemoUser:
    name: str
    role: Role
    pin: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("Giulia", Role.ADMIN, "246813"),
    DemoUser("Teresa", Role.COORDINATOR, "864209"),
    DemoUser("Samir", Role.VOLUNTEER, "135790"),
    DemoUser("Ana", Role.VOLUNTEER, "975310"),
)
DEMO_TODAY: date = date(2026, 11, 22)
DEMO_HOUSE = HouseDetails(
    name="Casa del Quartiere — Bagni Pubblici di Via Agliè (demo)",
    address="Via Agliè 9, 10154 Torino",
    fiscal_code="97735280014",
)
SIZES: dict[str, tuple[int, int]] = {"small": (300, 20), "large": (20_000, 300)}
# The share of the organisations of each kind that are members of the house, among those that have
# come for three years or more (fewer of the newer ones); public bodies use the rooms free anyway.
MEMBER_SHARE: dict[OrganisationKind, float] = {
    OrganisationKind.ASSOCIATION: 0.75,
    OrganisationKind.COOPERATIVE: 0.4,
    OrganisationKind.INFORMAL_GROUP: 0.15,
    OrganisationKind.OTHER: 0.2,
    OrganisationKind.PUBLIC_BODY: 0.0,
}

_YEARS_DAYS = 3652  # the house opened ten years before "today"
_USER_START_DAYS = (0, 40, 1200, 2900)  # when each demo user joined, in days after the opening
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PERSON_COLUMNS = tuple(column.key for column in Person.__table__.columns)
_ORGANISATION_COLUMNS = tuple(column.key for column in Organisation.__table__.columns)
# The Latin spelling of every name written in another script, for email addresses.
_LATIN = {
    native: latin
    for origin in data.ORIGINS
    if origin.native is not None
    for table in (origin.native.family, origin.native.male, origin.native.female)
    for native, latin in table
}


@dataclass
class _Entry:
    """A person being generated; ids and guardians are settled once everyone is known."""

    seq: int
    draft: PersonDraft
    created_at: datetime
    updated_at: datetime
    guardian: _Entry | None = None
    child: bool = False


@dataclass(frozen=True)
class _Content:
    people: list[dict[str, Any]]
    organisations: list[dict[str, Any]]
    members: list[dict[str, int]]


def write_demo(
    path: Path,
    *,
    size: str = "small",
    seed: int = 1,
    replace: bool = False,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Write a demo house database at ``path``; returns a one-line translated summary.

    Raises:
        ValidationError: ``path`` exists and ``replace`` is false (it is left untouched), or the
            size is unknown.
    """
    if size not in SIZES:
        raise ValidationError(_("Choose the size of the demo: small or large."), field="size")
    path = Path(path)
    if replace:
        _remove(path)
    elif path.exists():
        raise ValidationError(
            _("{path} already exists: choose another name, or replace it.").format(path=path), field="path"
        )
    report = progress or (lambda _text: None)
    people_count, organisation_count = SIZES[size]
    anchor = today or DEMO_TODAY
    now = datetime.combine(anchor, time(9, 0))

    report(_("Preparing the demo house…"))
    content = _Generator(random.Random(seed), anchor, random.Random(f"members/{seed}")).build(
        people_count, organisation_count
    )
    report(_("Creating the database…"))
    database = None
    try:
        database = open_database(path, backups_dir=path.parent)
        with database.sessions.begin() as session:
            users = _write_house(session, seed, anchor)
            report(_("Writing {count} people…").format(count=format_number(len(content.people))))
            session.execute(insert(Person), content.people)
            report(_("Writing {count} organisations…").format(count=format_number(len(content.organisations))))
            session.execute(insert(Organisation), content.organisations)
            session.execute(insert(OrganisationMember), content.members)
            report(_("Writing the rooms and their bookings…"))
            rooms = write_rooms(
                session,
                random.Random(f"rooms/{seed}"),  # its own chance, like the cash desk's
                size=size,
                today=anchor,
                opening=anchor - timedelta(days=_YEARS_DAYS),
                people=content.people,
                organisations=content.organisations,
                workshops=random.Random(f"workshops/{seed}"),
            )
            assert rooms.workshops is not None
            write_workshops(session, rooms.workshops, [(user.id, user.created_at) for user in users])
            cashiers = [Cashier(user.id, Role.from_code(user.role), user.created_at) for user in users]
            payers = cash_payers(session)
            cash = write_cash(
                session,
                random.Random(f"cash/{seed}"),  # its own chance: the people of a seed stay the same
                size=size,
                today=anchor,
                opening=anchor - timedelta(days=_YEARS_DAYS),
                users=cashiers,
                payers=payers,
                rooms_paid=pay(random.Random(f"dues/{seed}"), rooms.owed, payers, cashiers, now),
                tools=random.Random(f"tools/{seed}"),  # the tool library, lent to the card holders
                progress=report,
            )
            admin = next(user for user in users if user.role == Role.ADMIN.code)
            audit.record(
                session,
                FixedClock(now),
                Actor(user_id=admin.id, name=admin.name, role=Role.ADMIN),
                "demo",
                "house",
                None,
                (
                    "attendances",
                    "booking_series",
                    "bookings",
                    "cash_closings",
                    "closures",
                    "enrolments",
                    "loans",
                    "memberships",
                    "organisations",
                    "payments",
                    "people",
                    "receipts",
                    "rooms",
                    "tool_events",
                    "tool_reservations",
                    "tools",
                    "users",
                    "visits",
                    "workshop_sessions",
                    "workshops",
                ),
            )
    except BaseException:
        if database is not None:
            database.close()
        _remove(path)  # no half-written demo is left behind
        raise
    database.close()
    return _(
        "Demo house written to {path}: {people} people, {organisations} organisations, {receipts} receipts, "
        "{rooms} rooms, {bookings} bookings and {occurrences} dates of {series} recurring bookings up to {horizon}."
    ).format(
        path=path,
        people=format_number(len(content.people)),
        organisations=format_number(len(content.organisations)),
        receipts=format_number(cash.receipts),
        rooms=format_number(rooms.rooms),
        bookings=format_number(rooms.bookings),
        occurrences=format_number(rooms.occurrences),
        series=format_number(rooms.series),
        horizon=format_date(rooms.horizon),
    )


def demo_pin_hash(pin: str, seed: int, name: str) -> str:
    """An argon2id hash of ``pin`` like the desk's own, with a salt derived from the seed.

    Reproducible on purpose, so that the same seed gives the same bytes; ``accounts`` verifies it
    like any other hash. Fine for demo PINs, which are printed on the login screen anyway.
    """
    salt = hashlib.sha256(f"portineria-demo/{seed}/{name}".encode()).digest()[: PIN_HASHER.salt_len]
    encoded = hash_secret(
        pin.encode(),
        salt,
        time_cost=PIN_HASHER.time_cost,
        memory_cost=PIN_HASHER.memory_cost,
        parallelism=PIN_HASHER.parallelism,
        hash_len=PIN_HASHER.hash_len,
        type=PIN_HASHER.type,
    )
    return encoded.decode("ascii")


def _write_house(session: Session, seed: int, anchor: date) -> list[User]:
    """The house's details and the demo users."""
    store_house(session, validate_house(DEMO_HOUSE))
    opening = datetime.combine(anchor - timedelta(days=_YEARS_DAYS), time(9, 0))
    users = [
        User(
            name=user.name,
            role=user.role.code,
            pin_hash=demo_pin_hash(user.pin, seed, user.name),
            active=True,
            failed_attempts=0,
            created_at=opening + timedelta(days=days),
        )
        for user, days in zip(DEMO_USERS, _USER_START_DAYS, strict=True)
    ]
    session.add_all(users)
    session.flush()
    return users


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _slug(text: str) -> str:
    """ASCII letters and digits of a name, for an email address: "D'Amico" -> "damico", "王" -> "wang"."""
    return _NOT_SLUG.sub("", fold(_LATIN.get(text, text)))


def _organisation_slug(name: str) -> str:
    """The telling words of an organisation's name: "Gruppo Teatro Agliè" -> "teatro.aglie"."""
    words = [_NOT_SLUG.sub("", word) for word in fold(name).replace("'", " ").split(" ")]
    return ".".join([word for word in words if word and word not in data.GENERIC_WORDS][:3]) or "info"


def _adult(draft: PersonDraft, today: date) -> bool:
    return not may_be_under(18, birth_date=draft.birth_date, birth_year=draft.birth_year, today=today)


class _Generator:
    def __init__(self, rng: random.Random, today: date, members_rng: random.Random) -> None:
        self._rng = rng
        self._members_rng = members_rng
        self._today = today
        self._weights = [origin.weight for origin in data.ORIGINS]
        self._seq = 0

    # -- the whole house --------------------------------------------------------------------------

    def build(self, people_count: int, organisation_count: int) -> _Content:
        entries: list[_Entry] = []
        featured = iter(data.FEATURED_PEOPLE)
        while len(entries) < people_count:
            entries.extend(self._registration(next(featured, None)))
        entries = entries[:people_count]  # only children of the last family may be left out
        entries.sort(key=lambda entry: (entry.created_at, entry.seq))
        ids = {entry.seq: number for number, entry in enumerate(entries, start=1)}
        people = []
        for entry in entries:
            guardian_id = ids[entry.guardian.seq] if entry.guardian is not None else None
            person = Person(id=ids[entry.seq], created_at=entry.created_at, updated_at=entry.updated_at)
            apply_keys(person, dataclasses.replace(entry.draft, guardian_id=guardian_id))
            people.append({column: getattr(person, column) for column in _PERSON_COLUMNS})
        adults = [(ids[entry.seq], entry) for entry in entries if not entry.child and _adult(entry.draft, self._today)]
        organisations, members = self._organisations(organisation_count, adults)
        return _Content(people=people, organisations=organisations, members=members)

    # -- people -----------------------------------------------------------------------------------

    def _registration(self, featured: FeaturedPerson | None) -> list[_Entry]:
        """One visit to the desk: a person, sometimes with their children."""
        rng = self._rng
        origin = rng.choices(data.ORIGINS, weights=self._weights)[0]
        female = rng.random() < 0.52
        native = origin.native is not None and rng.random() < origin.native_share
        family = self._family_name(origin, native)
        given = self._given_name(origin, female, native)
        if featured is not None:
            given, family = featured.given_name, featured.family_name
        with_children = featured is None and rng.random() < 0.08
        created = self._moment(self._today - timedelta(days=int(rng.triangular(1, _YEARS_DAYS, 1))))
        low, high = (25, 50) if with_children else rng.choice(((16, 25), (25, 45), (25, 45), (45, 65), (65, 88)))
        birth = created.date() - timedelta(days=int(rng.randint(low, high) * 365.25) + rng.randint(0, 364))
        parent = self._entry(given, family, created, birth, child=False)
        entries = [parent]
        for number in range(rng.randint(1, 3) if with_children else 0):
            child_given = self._given_name(origin, rng.random() < 0.5, native)
            child_created = created + timedelta(minutes=2 * (number + 1))
            youngest = self._today - timedelta(days=17 * 365)
            span = max(0, (created.date() - youngest).days)
            child_birth = youngest + timedelta(days=rng.randint(0, span))
            entries.append(self._entry(child_given, family, child_created, child_birth, child=True, guardian=parent))
        return entries

    def _family_name(self, origin: Origin, native: bool) -> str:
        rng = self._rng
        if native and origin.native is not None:
            return rng.choice(origin.native.family)[0]
        family = rng.choice(origin.family)
        if rng.random() < origin.double_family_share:
            second = rng.choice(origin.family)
            if second != family:
                family = f"{family} {second}"
        return family

    def _given_name(self, origin: Origin, female: bool, native: bool) -> str:
        if native and origin.native is not None:
            return self._rng.choice(origin.native.female if female else origin.native.male)[0]
        return self._rng.choice(origin.female if female else origin.male)

    def _entry(
        self, given: str, family: str, created: datetime, birth: date, *, child: bool, guardian: _Entry | None = None
    ) -> _Entry:
        rng = self._rng
        birth_date: date | None = None
        birth_year: int | None = None
        chance = rng.random()
        if chance < (0.9 if child else 0.5):
            birth_date = birth
        elif chance < (1.0 if child else 0.8):
            birth_year = birth.year
        phone = self._phone() if not child and rng.random() < 0.7 else ""
        email = self._email(given, family, birth.year) if not child and rng.random() < 0.4 else ""
        address = self._address() if rng.random() < 0.3 else ""
        if child and guardian is not None and guardian.draft.address and rng.random() < 0.8:
            address = guardian.draft.address
        consent_date, notice = self._consent(created.date())
        updated = created if consent_date is None or consent_date <= created.date() else self._moment(consent_date)
        if rng.random() < 0.15:
            updated = self._later(updated)
        draft = PersonDraft(
            given_name=given,
            family_name=family,
            phone=phone,
            email=email,
            address=address,
            birth_date=birth_date,
            birth_year=birth_year,
            notes=rng.choice(data.NOTES) if rng.random() < 0.04 else "",
            consent_date=consent_date,
            consent_notice_version=notice,
            photo_release=consent_date is not None and rng.random() < 0.4,
        )
        self._seq += 1
        # The same cleaning as the desk's editor (it sets the birth year from the birth date).
        draft = PeopleService.normalise(draft)
        return _Entry(self._seq, draft, created, updated, guardian=guardian, child=child)

    def _consent(self, registered: date) -> tuple[date | None, str]:
        rng = self._rng
        if rng.random() >= 0.8:
            return None, ""
        day = registered
        if registered < data.RENEWAL and (self._today - data.RENEWAL).days > 1:
            day = data.RENEWAL + timedelta(days=rng.randint(0, min(330, (self._today - data.RENEWAL).days - 1)))
            if day.weekday() == 6:  # closed on Sundays
                day -= timedelta(days=1)
        version = data.NOTICES[0][1]
        for start, name in data.NOTICES:
            if start <= day:
                version = name
        return day, version

    def _phone(self) -> str:
        rng = self._rng
        prefix = rng.choice(data.MOBILE_PREFIXES)
        number = f"{rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}"
        return f"+39 {prefix} {number}" if rng.random() < 0.75 else f"{prefix} {number}"

    def _email(self, given: str, family: str, year: int) -> str:
        rng = self._rng
        first = _slug(given) or "utente"
        last = _slug(family) or "casa"
        forms = (f"{first}.{last}", f"{first[0]}{last}", f"{last}.{first}", f"{first}{last}{year % 100:02d}")
        local = rng.choice(forms)
        return f"{local}@{rng.choice(data.EMAIL_DOMAINS)}"

    def _address(self) -> str:
        street, postcode = self._rng.choice(data.STREETS)
        return f"{street} {self._rng.randint(1, 160)}, {postcode} Torino"

    def _moment(self, day: date) -> datetime:
        return open_moment(self._rng, day)

    def _later(self, moment: datetime) -> datetime:
        """A later time, still before today."""
        days = (self._today - moment.date()).days - 1
        if days <= 0:
            return moment
        return max(moment, self._moment(moment.date() + timedelta(days=self._rng.randint(1, days))))

    # -- organisations ----------------------------------------------------------------------------

    def _organisations(
        self, count: int, adults: list[tuple[int, _Entry]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, int]]]:
        rng = self._rng
        organisations: list[dict[str, Any]] = []
        members: list[dict[str, int]] = []
        fiscal_codes: set[str] = set()
        for number, (name, kind) in enumerate(self._organisation_names(count), start=1):
            chosen = rng.sample(adults, min(len(adults), rng.randint(2, 30)))
            contact_id, contact = rng.choice(chosen)
            member_ids = sorted(person_id for person_id, _entry in chosen)
            fiscal_code = self._fiscal_code(kind, fiscal_codes)
            slug = _organisation_slug(name)
            draft = OrganisationDraft(
                name=name,
                kind=kind,
                fiscal_code=fiscal_code,
                contact_person_id=contact_id,
                phone=self._phone() if rng.random() < 0.6 else "",
                email=f"{slug}@{rng.choice(data.EMAIL_DOMAINS)}" if rng.random() < 0.7 else "",
                notes=rng.choice(data.ORGANISATION_NOTES) if rng.random() < 0.2 else "",
                member_ids=tuple(member_ids),
            )
            # The same checks and cleaning as the desk's editor, then the same keys.
            draft = OrganisationService.validated(draft)
            created = max(self._moment(contact.created_at.date()), contact.created_at + timedelta(minutes=15))
            created = self._later(created) if rng.random() < 0.7 else created
            draft = dataclasses.replace(draft, member=self._member(kind, created))
            organisation = Organisation(id=number, created_at=created, updated_at=created)
            OrganisationService._apply(organisation, draft)
            organisations.append({column: getattr(organisation, column) for column in _ORGANISATION_COLUMNS})
            members.extend({"organisation_id": number, "person_id": person_id} for person_id in draft.member_ids)
        return organisations, members

    def _member(self, kind: OrganisationKind, created: datetime) -> bool:
        """Whether an organisation is a member of the house (it books at the reduced rate): mostly
        associations, more likely the longer they have come to the house. From its own chance, so
        that choosing members did not change the organisations of a seed."""
        years = (self._today - created.date()).days / 365.25
        return self._members_rng.random() < MEMBER_SHARE[kind] * min(1.0, 0.4 + years / 5)

    def _organisation_names(self, count: int) -> Iterator[tuple[str, OrganisationKind]]:
        rng = self._rng
        curated = list(data.ORGANISATIONS)
        rng.shuffle(curated)
        used: set[str] = set()
        for name, kind in curated[:count]:
            used.add(name)
            yield name, OrganisationKind(kind)
        for _number in range(count - len(used)):
            form, kind = rng.choice(data.ORGANISATION_FORMS)
            base = f"{form} {rng.choice(data.ORGANISATION_THEMES)}"
            places = rng.sample(data.ORGANISATION_PLACES, len(data.ORGANISATION_PLACES))
            candidates = [base, *(f"{base} {place}" for place in places), f"{base} {len(used)}"]
            name = next(candidate for candidate in candidates if candidate not in used)
            used.add(name)
            yield name, OrganisationKind(kind)

    def _fiscal_code(self, kind: OrganisationKind, taken: set[str]) -> str:
        """A valid 11-digit fiscal code registered in Turin (province office 001), or none."""
        if kind in (OrganisationKind.INFORMAL_GROUP, OrganisationKind.OTHER):
            return ""
        start = "0" if kind is OrganisationKind.COOPERATIVE else self._rng.choice(("97", "80"))
        while True:
            body = start + "".join(str(self._rng.randint(0, 9)) for _digit in range(7 - len(start))) + "001"
            code = body + luhn.calc_check_digit(body)
            if int(code[:7]) and code not in taken:
                taken.add(code)
                return code
