"""Roles of the desk's users and the check every service makes before acting."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db.models import User
from app.errors import PermissionDenied
from app.i18n import N_, _


class Role(enum.IntEnum):
    """Ordered so that a role may do everything the roles below it may."""

    VOLUNTEER = 1
    COORDINATOR = 2
    ADMIN = 3

    @property
    def code(self) -> str:
        return self.name.lower()

    @classmethod
    def from_code(cls, code: str) -> Role:
        return cls[code.upper()]

    @property
    def label(self) -> str:
        return _(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.VOLUNTEER: N_("volunteer"),
    Role.COORDINATOR: N_("coordinator"),
    Role.ADMIN: N_("admin"),
}


@dataclass(frozen=True)
class Actor:
    """The user at the desk, as returned by a successful login.

    Services do not trust the role written here: they read it again from the database, so a user
    demoted or deactivated by an admin loses their rights at once.
    """

    user_id: int
    name: str
    role: Role


COMMAND_LINE = Actor(user_id=0, name="command line", role=Role.ADMIN)
"""Whoever runs a ``portineria`` command (``app/cli.py``) on a database file.

The command line has no signed-in user and may run on a file that has no users yet. Whoever can
run it on a file can copy or edit the file itself, so asking for a PIN would protect nothing: it
acts with an admin's rights, and ``audit.record`` logs what it does with no user, as the desk
shows an entry made by nobody signed in. No user row has id 0 (SQLite's ids start at 1). It is
for the commands on rooms, closures, bookings and calendars; services that put the acting user on
a row of their own (payments, receipts, cash closings) cannot be run with it.
"""


def is_command_line(actor: Actor | None) -> bool:
    return actor is not None and actor.user_id == COMMAND_LINE.user_id


def authorise(session: Session, actor: Actor, needed: Role = Role.VOLUNTEER) -> User:
    """The acting user, refreshed from the database, if they may act with role ``needed``.

    For ``COMMAND_LINE`` it is an unsaved stand-in user with an admin's role.

    Raises:
        PermissionDenied: the user is deactivated or their role is below ``needed``.
    """
    if is_command_line(actor):
        return User(name=COMMAND_LINE.name, role=Role.ADMIN.code, pin_hash="", active=True, failed_attempts=0)
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise PermissionDenied(_("Your account is no longer active. Ask an admin, then sign in again."))
    if Role.from_code(user.role) < needed:
        if needed is Role.ADMIN:
            raise PermissionDenied(_("Only an admin can do this. Ask an admin to sign in and do it."))
        raise PermissionDenied(_("Only a coordinator or an admin can do this. Ask one of them to sign in and do it."))
    return user
