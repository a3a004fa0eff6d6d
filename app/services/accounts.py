"""The desk's users: first run, sign-in with a PIN, and user management by an admin.

PINs are stored only as argon2id hashes. Wrong PINs slow down: after each failure the next try is
refused for a delay that doubles (1 s, 2 s, 4 s, ... up to 5 minutes). After ``LOCK_AFTER`` wrong
PINs in a row the user is locked: no PIN opens it, not even the right one, until an admin unlocks
it in the Users page (audited); the last admin who could unlock is never locked (``_last_admin``).
Both are kept in the database, so restarting the program resets nothing. The lock stops someone
patient working through the PINs over a quiet afternoon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import User
from app.errors import LoginRefused, PermissionDenied, ValidationError, record_gone
from app.i18n import _, ngettext
from app.services import audit
from app.services.house import HouseDetails, store_house, validate_house
from app.services.roles import Actor, Role, authorise
from app.services.validation import Problems, check_max_length, check_required, check_values, clean, name_taken

MIN_PIN_LENGTH = 6
MAX_DELAY_SECONDS = 300
LOCK_AFTER = 10
"""Wrong PINs in a row that lock a user (at sign-in or at a PIN confirmation alike)."""

# OWASP's argon2id profile: 19 MiB, 2 passes. Fast enough at the desk, slow for a guesser.
PIN_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def retry_delay(failures: int) -> int:
    """Seconds to wait after ``failures`` consecutive wrong PINs."""
    if failures <= 0:
        return 0
    return int(min(MAX_DELAY_SECONDS, 2 ** (failures - 1)))


def pin_problems(pin: str, field: str = "pin") -> Problems:
    problems = Problems()
    if not pin:
        problems.add(field, _("Write a PIN of at least {count} digits.").format(count=MIN_PIN_LENGTH))
    elif not pin.isdigit() or not pin.isascii():
        problems.add(field, _("The PIN is made of digits only."))
    elif len(pin) < MIN_PIN_LENGTH:
        problems.add(field, _("The PIN needs at least {count} digits.").format(count=MIN_PIN_LENGTH))
    elif len(set(pin)) == 1 or pin in "0123456789012345678" or pin in "9876543210987654321":
        problems.add(field, _("This PIN is too easy to guess: avoid repeated or consecutive digits."))
    return problems


def hash_pin(pin: str) -> str:
    return PIN_HASHER.hash(pin)


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: Role
    active: bool
    last_login_at: datetime | None
    locked: bool = False
    """Too many wrong PINs in a row: only an admin can let the user sign in again."""


def _row(user: User) -> UserRow:
    return UserRow(
        id=user.id,
        name=user.name,
        role=Role.from_code(user.role),
        active=user.active,
        last_login_at=user.last_login_at,
        locked=user.locked_at is not None,
    )


class AccountService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    # -- first run -------------------------------------------------------------------------------

    def needs_first_run(self) -> bool:
        """True until the house has its first admin."""
        with self._database.sessions.begin() as session:
            return not session.scalar(select(func.count(User.id)))

    def first_run(self, *, house: HouseDetails, admin_name: str, pin: str, pin_again: str) -> Actor:
        """Record the house's details and create its first admin, who is then signed in."""
        problems = Problems()
        try:
            house = validate_house(house)
        except ValidationError as error:
            problems.items.extend(error.problems)
        name = self._check_name(problems, admin_name, field="admin_name")
        problems.items.extend(pin_problems(pin).items)
        if pin != pin_again:
            problems.add("pin_again", _("The two PINs are different: type the same PIN twice."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            if session.scalar(select(func.count(User.id))):
                raise PermissionDenied(_("This house already has its users. Sign in instead."))
            store_house(session, house)
            user = User(
                name=name,
                role=Role.ADMIN.code,
                pin_hash=hash_pin(pin),
                active=True,
                failed_attempts=0,
                created_at=self._clock.now(),
                last_login_at=self._clock.now(),
            )
            session.add(user)
            session.flush()
            actor = Actor(user_id=user.id, name=user.name, role=Role.ADMIN)
            audit.record(session, self._clock, actor, "create", "house", None, ("name", "address", "fiscal_code"))
            audit.record(session, self._clock, actor, "create", "user", user.id, ("name", "role", "pin"))
        return actor

    # -- signing in --------------------------------------------------------------------------------

    def users_for_login(self) -> list[UserRow]:
        """The active users, for the login screen (no secret is in them)."""
        with self._database.sessions.begin() as session:
            users = session.scalars(select(User).where(User.active.is_(True)).order_by(func.lower(User.name)))
            return [_row(user) for user in users]

    def login(self, user_id: int, pin: str) -> Actor:
        """Sign a user in.

        Raises:
            LoginRefused: wrong PIN, a new try before the delay of the last failure has passed, or
                the user is locked after ``LOCK_AFTER`` wrong PINs.
        """
        now = self._clock.now()
        with self._database.sessions.begin() as session:
            user = session.get(User, user_id)
            if user is None or not user.active:
                raise LoginRefused(_("This user can no longer sign in. Ask an admin."))
            refusal = self._try_pin(session, user, pin)
            if refusal is None:
                user.last_login_at = now
                actor = Actor(user_id=user.id, name=user.name, role=Role.from_code(user.role))
                audit.record(session, self._clock, actor, "login", "user", user.id)
                return actor
            if refusal.wrong_pin:
                audit.record(session, self._clock, None, "login_failed", "user", user.id)
                if user.locked_at is not None:
                    audit.record(session, self._clock, None, "lock", "user", user.id)
        raise refusal

    def check_pin(self, actor: Actor, pin: str) -> None:
        """Confirm that ``pin`` is the acting user's before a sensitive step (same slow-down as signing in).

        Raises:
            LoginRefused: wrong PIN, or tried again too soon.
        """
        refusal = None
        with self._database.sessions.begin() as session:
            user = authorise(session, actor)
            refusal = self._try_pin(session, user, pin)
            if refusal is not None and refusal.wrong_pin and user.locked_at is not None:
                audit.record(session, self._clock, None, "lock", "user", user.id)
        if refusal is not None:
            raise refusal

    def _try_pin(self, session: Session, user: User, pin: str) -> LoginRefused | None:
        """Check ``pin`` against ``user``, counting failures; the refusal to raise, or None.

        The caller commits the failure count before raising, so the slow-down survives.
        """
        now = self._clock.now()
        if user.locked_at is not None:
            return LoginRefused(_locked_message())
        if user.next_attempt_at is not None and now < user.next_attempt_at:
            wait = math.ceil((user.next_attempt_at - now).total_seconds())
            return LoginRefused(_wait_message(wait), wait_seconds=wait)
        if _verify(user.pin_hash, pin):
            user.failed_attempts = 0
            user.next_attempt_at = None
            return None
        user.failed_attempts += 1
        if user.failed_attempts >= LOCK_AFTER and not _last_admin(session, user):
            user.locked_at = now
            user.next_attempt_at = None
            return LoginRefused(_("Wrong PIN.") + " " + _locked_message(), wrong_pin=True)
        delay = retry_delay(user.failed_attempts)
        user.next_attempt_at = now + timedelta(seconds=delay)
        return LoginRefused(_("Wrong PIN.") + " " + _wait_message(delay), wait_seconds=delay, wrong_pin=True)

    # -- management by an admin ---------------------------------------------------------------------

    def users(self, actor: Actor) -> list[UserRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            return [_row(user) for user in session.scalars(select(User).order_by(func.lower(User.name)))]

    def create_user(self, actor: Actor, *, name: str, role: Role, pin: str, pin_again: str | None = None) -> UserRow:
        """Add a user; ``pin_again``, when given, must repeat ``pin`` (the editor asks twice)."""
        check_values(
            {"name": (name, str), "role": (role, Role), "pin": (pin, str), "pin_again": (pin_again, str | None)}
        )
        problems = Problems()
        name = self._check_name(problems, name)
        problems.items.extend(pin_problems(pin).items)
        if pin_again is not None and pin != pin_again:
            problems.add("pin_again", _("The two PINs are different: type the same PIN twice."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            self._check_unique(session, name, None)
            user = User(
                name=name,
                role=role.code,
                pin_hash=hash_pin(pin),
                active=True,
                failed_attempts=0,
                created_at=self._clock.now(),
            )
            session.add(user)
            session.flush()
            audit.record(session, self._clock, actor, "create", "user", user.id, ("name", "role", "pin"))
            return _row(user)

    def update_user(self, actor: Actor, user_id: int, *, name: str, role: Role, active: bool) -> UserRow:
        check_values({"user_id": (user_id, int), "name": (name, str), "role": (role, Role), "active": (active, bool)})
        problems = Problems()
        name = self._check_name(problems, name)
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            user = session.get(User, user_id)
            if user is None:
                raise record_gone()
            self._check_unique(session, name, user_id)
            if (role is not Role.ADMIN or not active) and user.role == Role.ADMIN.code and user.active:
                admins = session.scalar(
                    select(func.count(User.id)).where(User.role == Role.ADMIN.code, User.active.is_(True))
                )
                if (admins or 0) <= 1:
                    raise ValidationError(
                        _("This is the last active admin: make another user admin first."),
                        field="role" if role is not Role.ADMIN else "active",
                    )
            changed = [
                field
                for field, old, new in (
                    ("name", user.name, name),
                    ("role", user.role, role.code),
                    ("active", user.active, active),
                )
                if old != new
            ]
            user.name, user.role, user.active = name, role.code, active
            audit.record(session, self._clock, actor, "update", "user", user.id, changed)
            return _row(user)

    def set_pin(self, actor: Actor, user_id: int, *, pin: str, pin_again: str) -> None:
        """An admin sets anyone's PIN; anyone else only their own."""
        check_values({"user_id": (user_id, int), "pin": (pin, str), "pin_again": (pin_again, str)})
        problems = pin_problems(pin)
        if pin != pin_again:
            problems.add("pin_again", _("The two PINs are different: type the same PIN twice."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            acting = authorise(session, actor, Role.VOLUNTEER if user_id == actor.user_id else Role.ADMIN)
            user = session.get(User, user_id)
            if user is None:
                raise record_gone()
            user.pin_hash = hash_pin(pin)
            user.failed_attempts = 0
            user.next_attempt_at = None
            changed = ["pin"]
            if user.locked_at is not None and Role.from_code(acting.role) is Role.ADMIN:
                # A new PIN from an admin lifts the lock too; a user locked while signed in stays locked.
                user.locked_at = None
                changed.append("locked")
            audit.record(session, self._clock, actor, "update", "user", user.id, changed)

    def unlock(self, actor: Actor, user_id: int) -> UserRow:
        """An admin lets a user locked by too many wrong PINs sign in again with their PIN.

        Raises:
            PermissionDenied: the actor is not an admin.
            ValidationError: the user is not locked (someone else unlocked them meanwhile).
        """
        check_values({"user_id": (user_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            user = session.get(User, user_id)
            if user is None:
                raise record_gone()
            if user.locked_at is None:
                raise ValidationError(
                    _("{name} is not locked: they can sign in with their PIN.").format(name=user.name)
                )
            user.locked_at = None
            user.failed_attempts = 0
            user.next_attempt_at = None
            audit.record(session, self._clock, actor, "unlock", "user", user.id)
            return _row(user)

    # -- helpers ------------------------------------------------------------------------------------

    @staticmethod
    def _check_name(problems: Problems, name: str, field: str = "name") -> str:
        name = clean(name)
        check_required(problems, field, name, _("Write the name shown on the login screen."))
        check_max_length(problems, field, name, 100)
        return name

    @staticmethod
    def _check_unique(session: Session, name: str, user_id: int | None) -> None:
        others = select(User.name) if user_id is None else select(User.name).where(User.id != user_id)
        if name_taken(name, session.scalars(others)):
            raise ValidationError(_("Another user already has this name: add a surname or an initial."), field="name")


def _verify(pin_hash: str, pin: str) -> bool:
    try:
        return PIN_HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _last_admin(session: Session, user: User) -> bool:
    """Whether ``user`` is the only active admin who could unlock anyone.

    Locking them would leave nobody to lift any lock, so the last admin is never locked: their
    delay keeps growing to its five-minute cap instead.
    """
    if user.role != Role.ADMIN.code:
        return False
    others = session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN.code, User.active.is_(True), User.locked_at.is_(None), User.id != user.id
        )
    )
    return not others


def _locked_message() -> str:
    return _("Locked after {count} wrong PINs in a row: ask an admin to unlock it in the Users page.").format(
        count=LOCK_AFTER
    )


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Wait {count} second before trying again.", "Wait {count} seconds before trying again.", seconds
    ).format(count=seconds)
