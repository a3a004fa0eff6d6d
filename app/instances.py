"""Two copies of Portineria on one database file, and the warning for a file on a network path.

Decision (issue 8, point 4): **both copies work, safely**; a second copy is not refused.

Two windows on one PC, or a coordinator's laptop opening the desk's file while the desk works,
are normal at a house. SQLite in WAL mode on a local disk is built for several processes:

- every write is one short transaction that takes the write lock when it begins
  (``BEGIN IMMEDIATE``, ``app/db/engine.py``), so its checks and its writes see the same data:
  a receipt number is read and used under the lock (no gap, no duplicate), a tool's open loan
  and a room's bookings are checked under the lock (a tool is never lent twice, a room never
  booked twice), and the partial unique index on open loans is the last guard;
- the other copy waits for the lock (busy timeout, 15 s) instead of failing, and readers never
  wait at all;
- an update is made on the row as it is now, inside the lock, never on what a window showed a
  minute ago, so no update overwrites another.

``tests/crash/test_two_instances.py`` runs two processes writing payments, bookings, loans and
returns on one file at once and finds every saved write, receipt numbers without gaps and no
tool lent twice.

What SQLite cannot do is share a file over a network: WAL needs memory shared between the
processes of one computer, and the file locks of network file systems (NFS, SMB/CIFS, sshfs) are
unreliable, so two desks on a shared folder can damage the file. That is not refused (a single
desk on a NAS works), but warned about once at start: the start-up code calls
``network_warning(path)`` and shows the message when it is not None.

The checks are pure functions of text (``/proc/self/mountinfo`` on Linux, a Windows path and the
drive's type on Windows), so both branches are tested on any system.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from app.i18n import N_, _

# File-system types of /proc/self/mountinfo that live on another computer.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "ocfs2",
        "gfs2",
        "davfs",
        "sshfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.glusterfs",
        "fuse.davfs2",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",
    }
)
# The title of the box that shows ``network_warning``: ``messages.show_error(window, text, title=_(...))``.
NETWORK_WARNING_TITLE = N_("Database in a network folder")
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


@dataclass(frozen=True)
class Mount:
    """One line of ``/proc/self/mountinfo``: where a file system is mounted, and its type."""

    mount_point: str
    fs_type: str


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in paths as octal escapes (\040 ...).
    for escape, character in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escape, character)
    return field


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of a ``/proc/self/mountinfo`` text, in its order (a later mount hides an earlier one).

    A line is ``id parent major:minor root mount_point options [optional...] - fs_type source ...``;
    malformed lines are skipped.
    """
    mounts = []
    for line in text.splitlines():
        before, separator, after = line.partition(" - ")
        fields, types = before.split(), after.split()
        if separator and len(fields) >= 5 and types:
            mounts.append(Mount(mount_point=_unescape(fields[4]), fs_type=types[0]))
    return mounts


def filesystem_type(path: PurePosixPath, mounts: Sequence[Mount]) -> str | None:
    """The type of the file system holding the absolute ``path``: its deepest mount, the last one
    mounted there when several are."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePosixPath(mount.mount_point)
        if (path == point or point in path.parents) and (
            best is None or len(point.parts) >= len(PurePosixPath(best.mount_point).parts)
        ):
            best = mount
    return best.fs_type if best is not None else None


def is_network_fs_type(fs_type: str) -> bool:
    return fs_type in NETWORK_FS_TYPES or fs_type.startswith("nfs")


def is_unc_path(path: str) -> bool:
    r"""A Windows path on a share: ``\\server\share\...`` or ``\\?\UNC\server\share\...``.

    The device paths ``\\?\C:\...`` and ``\\.\...`` are local.
    """
    normal = path.replace("/", "\\")
    if normal.upper().startswith("\\\\?\\UNC\\"):
        return True
    return normal.startswith("\\\\") and not normal.startswith(("\\\\?\\", "\\\\.\\"))


def is_network_path_windows(path: str, drive_type: Callable[[str], int]) -> bool:
    """A UNC path, or a path on a mapped network drive (``drive_type("Z:\\")`` is DRIVE_REMOTE)."""
    if is_unc_path(path):
        return True
    drive = PureWindowsPath(path).drive
    return len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE


def is_network_path_linux(path: str, mountinfo: str) -> bool:
    fs_type = filesystem_type(PurePosixPath(path), parse_mountinfo(mountinfo))
    return fs_type is not None and is_network_fs_type(fs_type)


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
    return int(kernel32.GetDriveTypeW(root))


def is_network_path(path: Path) -> bool:
    """Whether the file at ``path`` (which may not exist yet) is on another computer.

    Linux reads ``/proc/self/mountinfo``, Windows asks the path and the drive; on other systems
    (macOS) nothing is known and the answer is False.
    """
    resolved = os.path.realpath(path)  # a symbolic link into a network mount counts as the mount
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return is_network_path_windows(resolved, _windows_drive_type)
    if sys.platform.startswith("linux"):
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        return is_network_path_linux(resolved, mountinfo)
    return False


def network_warning(path: Path) -> str | None:
    """The warning to show once at start when the database file is on a network path, else None."""
    if not is_network_path(path):
        return None
    return _(
        "The database {path} is in a network folder. Two computers using it at the same time can damage "
        "it: use it from one computer at a time, or move it to this computer's disk."
    ).format(path=path)
