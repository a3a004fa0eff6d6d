"""The house's backups: made, checked, rotated, copied to a second folder, listed and restored.

Where: ``paths.backups_dir()`` (beside the database), one file per backup named
``<database>-<YYYYMMDD>-<HHMMSS>-<reason>.sqlite3`` in the house's local time; the reasons are
``start``, ``daily``, ``close``, ``manual`` and ``before-restore``. A second folder (a USB stick)
gets a copy of each new backup and is rotated the same way; if it cannot be reached the desk
gets a warning and goes on.

Every backup is written with SQLite's online backup API (``app.db.backup``) and read back with
``PRAGMA quick_check``; one that fails the check is deleted and reported. What is kept is decided
by ``app.backup_rotation``.

``Backups`` is the program's own machinery (the start, the daily timer, the close, the command
line, the restore offered when the file is damaged at start, before anyone signs in);
``BackupService`` is what a signed-in user may do, for admins only and audited.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.backup_rotation import BackupKind, classify
from app.clock import Clock
from app.db.backup import backup_file, copy_into
from app.db.engine import Database
from app.db.models import User
from app.db.schema import head_revision, inspect_file, known_revisions, upgrade
from app.errors import DatabaseProblem, PortineriaError
from app.i18n import _
from app.maintenance import QuickCheck, integrity_check, integrity_check_due, quick_check, remember_integrity_check
from app.services import audit
from app.services.roles import Actor, Role, authorise

SUFFIX = ".sqlite3"
ROTATED_REASONS = ("start", "daily", "close", "manual")
SAFETY_REASONS = ("before-restore",)
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<serial>\d+))?-(?P<reason>[a-z]+(?:-[a-z]+)*)\.sqlite3$"
)
_UPGRADE_NAME = re.compile(r"^(?P<stem>.+)-before-upgrade-.+-(?P<stamp>\d{8}-\d{6})\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S"


class BackupFailed(PortineriaError):
    """A backup could not be written or failed its check; nothing half-done was kept."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as the list of backups shows it."""

    path: Path
    made_at: datetime
    reason: str
    kind: BackupKind
    size: int
    sound: bool | None = None
    """None until checked (listing without ``check=True``)."""

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class BackupOutcome:
    """What a backup run did: the new backup, and warnings that do not stop the desk."""

    backup: BackupInfo
    warnings: tuple[str, ...] = ()
    removed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class StartReport:
    """The checks and the backup made off the UI thread when the desk opens a file."""

    check: QuickCheck
    backup: BackupOutcome | None = None
    backup_error: str | None = None
    integrity: QuickCheck | None = None


def _parse(path: Path, stem: str) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match and match["stem"] == stem and match["reason"] in ROTATED_REASONS + SAFETY_REASONS:
        return datetime.strptime(match["stamp"], _STAMP), match["reason"]
    match = _UPGRADE_NAME.match(path.name)
    if match and match["stem"] == stem:
        return datetime.strptime(match["stamp"], _STAMP), "before-upgrade"
    return None


def list_folder(folder: Path, stem: str, *, check: bool = False) -> list[BackupInfo]:
    """The backups of the database named ``stem`` in ``folder``, newest first."""
    try:
        candidates = [path for path in folder.glob(f"*{SUFFIX}") if path.is_file()]
    except OSError:
        return []
    parsed = {path: found for path in candidates if (found := _parse(path, stem)) is not None}
    rotated = {path: when for path, (when, reason) in parsed.items() if reason in ROTATED_REASONS}
    kinds = classify(rotated)
    result = []
    for path, (when, reason) in parsed.items():
        try:
            size = path.stat().st_size
        except OSError:
            continue
        result.append(
            BackupInfo(
                path=path,
                made_at=when,
                reason=reason,
                kind=kinds.get(path, BackupKind.SAFETY if reason not in ROTATED_REASONS else BackupKind.DAILY),
                size=size,
                sound=quick_check(path).sound if check else None,
            )
        )
    return sorted(result, key=lambda info: (info.made_at, info.path.name), reverse=True)


def rotate_folder(folder: Path, stem: str) -> tuple[Path, ...]:
    """Remove the backups the rotation no longer keeps; returns what went."""
    infos = [info for info in list_folder(folder, stem) if info.reason in ROTATED_REASONS]
    kept = classify({info.path: info.made_at for info in infos})
    removed = []
    for info in infos:
        if info.path not in kept:
            try:
                info.path.unlink()
            except OSError:
                continue  # open in a viewer (Windows): it goes next time
            removed.append(info.path)
    return tuple(removed)


def _free_name(folder: Path, stem: str, when: datetime, reason: str) -> Path:
    stamp = when.strftime(_STAMP)
    path = folder / f"{stem}-{stamp}-{reason}{SUFFIX}"
    serial = 1
    while path.exists() or path.with_name(path.name + ".partial").exists():
        serial += 1
        path = folder / f"{stem}-{stamp}-{serial}-{reason}{SUFFIX}"
    return path


def write_checked_backup(source: Path, destination: Path) -> None:
    """Write a backup and read it back; a copy that fails the check is deleted.

    Raises:
        BackupFailed: the copy could not be written or is not sound.
    """
    try:
        backup_file(source, destination)
    except (OSError, sqlite3.Error) as error:
        raise BackupFailed(
            _("The backup could not be written to {folder}: {error}.").format(folder=destination.parent, error=error)
        ) from error
    check = quick_check(destination)
    if not check.sound:
        destination.unlink(missing_ok=True)
        raise BackupFailed(
            _("The backup failed its check and was deleted: {problem}. The database itself may be damaged.").format(
                problem=check.summary
            )
        )


class Backups:
    """The backups of one database file (no user needed: the program's own steps)."""

    def __init__(self, *, database_path: Path, folder: Path, clock: Clock) -> None:
        self.database_path = database_path
        self.folder = folder
        self._clock = clock

    @property
    def stem(self) -> str:
        return self.database_path.stem

    def make(self, reason: str, *, second_folder: Path | None = None, to: Path | None = None) -> BackupOutcome:
        """Back up now, check the copy, rotate, and copy it to the second folder.

        ``to`` writes into another folder instead (``portineria backup --to DIR``), not rotated.

        Raises:
            BackupFailed: the backup could not be made; nothing was kept of it.
        """
        folder = to or self.folder
        destination = _free_name(folder, self.stem, self._clock.now(), reason)
        write_checked_backup(self.database_path, destination)
        removed: tuple[Path, ...] = ()
        warnings: list[str] = []
        if to is None:
            removed = rotate_folder(self.folder, self.stem)
            if second_folder is not None:
                warning = self._copy_to_second(destination, second_folder)
                if warning:
                    warnings.append(warning)
        info = next(info for info in list_folder(folder, self.stem) if info.path == destination)
        return BackupOutcome(backup=info, warnings=tuple(warnings), removed=removed)

    def _copy_to_second(self, backup: Path, second_folder: Path) -> str | None:
        """Copy ``backup`` to the USB stick; a warning, never an error, if it is not there."""
        if not second_folder.is_dir():
            return _("The second backup folder {folder} cannot be reached (is the USB stick plugged in?).").format(
                folder=second_folder
            )
        try:
            write_checked_backup(backup, second_folder / backup.name)
            rotate_folder(second_folder, self.stem)
        except (BackupFailed, OSError) as error:
            return _("No copy was written to the second backup folder {folder}: {error}").format(
                folder=second_folder, error=error
            )
        return None

    def list(self, *, check: bool = False, second_folder: Path | None = None) -> list[BackupInfo]:
        """Every backup of this database in the backup folder (and the second one), newest first."""
        found = list_folder(self.folder, self.stem, check=check)
        if second_folder is not None and second_folder.resolve() != self.folder.resolve():
            found += list_folder(second_folder, self.stem, check=check)
        return sorted(found, key=lambda info: (info.made_at, info.path.name), reverse=True)

    def newest_sound(self, *, second_folder: Path | None = None) -> BackupInfo | None:
        """The newest backup that passes ``quick_check`` and that this program can open."""
        for info in self.list(second_folder=second_folder):
            if quick_check(info.path).sound and _restorable_problem(info.path) is None:
                return info
        return None

    def daily_due(self) -> bool:
        """True when no backup of this database was made today (the daily timer asks)."""
        today = self._clock.today()
        return not any(
            info.made_at.date() == today
            for info in list_folder(self.folder, self.stem)
            if info.reason != "before-restore"
        )

    def start_up(self, *, second_folder: Path | None = None, back_up: bool = True) -> StartReport:
        """What the desk runs off the UI thread after opening: check, back up, weekly full check.

        ``back_up`` is False for the throw-away demo house, which is only checked.
        """
        check = quick_check(self.database_path)
        if not check.sound:
            return StartReport(check=check)
        outcome: BackupOutcome | None = None
        error: str | None = None
        if back_up:
            try:
                outcome = self.make("start", second_folder=second_folder)
            except BackupFailed as failure:
                error = failure.message
        integrity: QuickCheck | None = None
        now = self._clock.now()
        if integrity_check_due(self.database_path, now):
            integrity = integrity_check(self.database_path)
            if integrity.sound:
                with contextlib.suppress(sqlite3.Error):  # if not, it is asked again at the next start
                    remember_integrity_check(self.database_path, now)
        return StartReport(check=check, backup=outcome, backup_error=error, integrity=integrity)

    def set_aside(self) -> Path:
        """Rename the damaged file (and its journal files) out of the way, never deleting it."""
        stamp = self._clock.now().strftime(_STAMP)
        aside = self.database_path.with_name(f"{self.database_path.name}.damaged-{stamp}")
        serial = 1
        while aside.exists():
            serial += 1
            aside = self.database_path.with_name(f"{self.database_path.name}.damaged-{stamp}-{serial}")
        for extra in ("-wal", "-shm"):
            companion = self.database_path.with_name(self.database_path.name + extra)
            if companion.exists():
                companion.replace(aside.with_name(aside.name + extra))
        self.database_path.replace(aside)
        return aside

    def restore(self, source: Path, *, damaged: bool = False, on_live: Callable[[], None] | None = None) -> Path | None:
        """Put the checked backup ``source`` in place of the database; returns the safety copy.

        The current file is backed up first (a ``before-restore`` copy, never rotated). If it
        is known to be ``damaged``, or cannot be backed up, it is set aside under a new name
        instead (``<name>.damaged-<time>``); either way nothing is lost. ``on_live`` runs just
        before the content changes (the desk closes its connections there).

        Raises:
            DatabaseProblem: ``source`` is damaged, not a Portineria database or from a newer
                Portineria; nothing was changed.
        """
        problem = _restorable_problem(source)
        if problem is not None:
            raise DatabaseProblem(problem)
        safety: Path | None = None
        if self.database_path.exists() and not damaged:
            try:
                safety = _free_name(self.folder, self.stem, self._clock.now(), "before-restore")
                write_checked_backup(self.database_path, safety)
            except BackupFailed:
                safety = None
        if on_live is not None:
            on_live()
        if self.database_path.exists() and safety is None:
            safety = self.set_aside()
        if self.database_path.exists():
            copy_into(source, self.database_path)
        else:
            self.database_path.parent.mkdir(parents=True, exist_ok=True)
            backup_file(source, self.database_path)
        after = quick_check(self.database_path)
        if not after.sound:
            raise DatabaseProblem(
                _("The restored file failed its check: {problem}. The previous file is kept as {path}.").format(
                    problem=after.summary, path=safety
                )
            )
        return safety


def _restorable_problem(source: Path) -> str | None:
    """Why ``source`` cannot be restored, or None: the same rules as opening a file."""
    check = quick_check(source)
    if not check.sound:
        return _("{path} is damaged or unreadable, choose another backup. Found: {problem}").format(
            path=source, problem=check.summary
        )
    try:
        state = inspect_file(source)
    except DatabaseProblem as error:
        return error.message
    if state.revision is None:
        return _("{path} is not a Portineria database: choose another file.").format(path=source)
    if state.revision not in known_revisions():
        return _(
            "{path} was saved by a newer version of Portineria ({found}, this one writes {head}): "
            "install the newer version to use it."
        ).format(path=source, found=state.revision, head=head_revision())
    return None


def upgrade_if_older(database: Database) -> None:
    """A backup made by an older Portineria gets this program's schema after a restore."""
    state = inspect_file(database.path)
    if state.revision != head_revision():
        upgrade(database)


class BackupService:
    """Backups as a signed-in user sees them: for admins, and written in the audit log."""

    def __init__(self, *, database: Database, clock: Clock, folder: Path) -> None:
        self._database = database
        self._clock = clock
        self.backups = Backups(database_path=database.path, folder=folder, clock=clock)

    def _authorise(self, actor: Actor) -> None:
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)

    def list(self, actor: Actor, *, second_folder: Path | None = None) -> list[BackupInfo]:
        """Every backup, checked with ``quick_check`` (run it off the UI thread)."""
        self._authorise(actor)
        return self.backups.list(check=True, second_folder=second_folder)

    def back_up_now(self, actor: Actor, *, second_folder: Path | None = None) -> BackupOutcome:
        self._authorise(actor)
        outcome = self.backups.make("manual", second_folder=second_folder)
        with self._database.sessions.begin() as session:
            audit.record(session, self._clock, actor, "backup", "database")
        return outcome

    def restore(self, actor: Actor, source: Path) -> Path | None:
        """Restore ``source`` into the open database; returns the copy of the file as it was.

        The desk's connections are closed first and open again on the restored content; an
        older schema is upgraded. The restore is logged in the restored file, under the admin's
        name if the backup knows them.
        """
        self._authorise(actor)
        safety = self.backups.restore(source, on_live=self._database.engine.dispose)
        self._database.engine.dispose()
        upgrade_if_older(self._database)
        with self._database.sessions.begin() as session:
            known = session.get(User, actor.user_id) is not None
            audit.record(session, self._clock, actor if known else None, "restore", "database")
        return safety
