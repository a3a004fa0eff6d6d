"""The network-path warning of ``app/instances.py``: Linux mount tables and Windows paths, on any system."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from app import i18n, instances
from app.instances import (
    DRIVE_REMOTE,
    Mount,
    filesystem_type,
    is_network_path_linux,
    is_network_path_windows,
    is_unc_path,
    network_warning,
    parse_mountinfo,
)

MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
31 27 0:40 / /home rw,relatime shared:5 - ext4 /dev/sda2 rw
40 31 0:50 / /home/desk/Condivisa rw,relatime shared:9 - cifs //nas/casa rw,vers=3.1.1
41 27 0:51 / /mnt/nas rw,relatime - nfs4 nas:/export rw,vers=4.2
42 27 0:52 / /mnt/sshfs\\040casa rw,nosuid master:3 - fuse.sshfs desk@server:/srv rw
43 27 0:53 / /mnt/usb rw,relatime - vfat /dev/sdb1 rw
44 41 0:54 / /mnt/nas/local rw,relatime - ext4 /dev/sdc1 rw
this line is not a mount
"""

DRIVES = {"C:\\": 3, "Z:\\": DRIVE_REMOTE, "E:\\": 2}


def test_mountinfo_is_read_with_its_escapes_and_optional_fields() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert mounts[:2] == [Mount("/proc", "proc"), Mount("/", "ext4")]
    assert Mount("/mnt/sshfs casa", "fuse.sshfs") in mounts
    assert len(mounts) == 8


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/home/desk/portineria.sqlite3", "ext4"),
        ("/home/desk/Condivisa/portineria.sqlite3", "cifs"),
        ("/home/desk/CondivisaNo/portineria.sqlite3", "ext4"),  # a name that only starts like the mount
        ("/mnt/nas/casa/portineria.sqlite3", "nfs4"),
        ("/mnt/nas/local/portineria.sqlite3", "ext4"),  # a local disk mounted inside the share
        ("/mnt/sshfs casa/portineria.sqlite3", "fuse.sshfs"),
        ("/mnt/usb/portineria.sqlite3", "vfat"),
        ("/", "ext4"),
    ],
)
def test_the_deepest_mount_holds_the_file(path: str, fs_type: str) -> None:
    assert filesystem_type(PurePosixPath(path), parse_mountinfo(MOUNTINFO)) == fs_type


def test_a_later_mount_on_the_same_point_hides_the_earlier_one() -> None:
    text = MOUNTINFO + "50 27 0:60 / /mnt/usb rw - smb3 //nas/usb rw\n"
    assert filesystem_type(PurePosixPath("/mnt/usb/x.sqlite3"), parse_mountinfo(text)) == "smb3"


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/desk/portineria.sqlite3", False),
        ("/home/desk/Condivisa/portineria.sqlite3", True),
        ("/mnt/nas/portineria.sqlite3", True),
        ("/mnt/nas/local/portineria.sqlite3", False),
        ("/mnt/sshfs casa/portineria.sqlite3", True),
        ("/mnt/usb/portineria.sqlite3", False),
    ],
)
def test_linux_network_paths(path: str, network: bool) -> None:
    assert is_network_path_linux(path, MOUNTINFO) is network


def test_no_mount_table_means_no_network() -> None:
    assert is_network_path_linux("/home/desk/portineria.sqlite3", "") is False


@pytest.mark.parametrize(
    ("path", "unc"),
    [
        ("\\\\nas\\casa\\portineria.sqlite3", True),
        ("//nas/casa/portineria.sqlite3", True),
        ("\\\\?\\UNC\\nas\\casa\\portineria.sqlite3", True),
        ("\\\\?\\C:\\Portineria\\portineria.sqlite3", False),
        ("\\\\.\\PhysicalDrive0", False),
        ("C:\\Users\\desk\\AppData\\Local\\Portineria\\portineria.sqlite3", False),
        ("portineria.sqlite3", False),
    ],
)
def test_unc_paths(path: str, unc: bool) -> None:
    assert is_unc_path(path) is unc


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("C:\\Users\\desk\\portineria.sqlite3", False),
        ("Z:\\Casa\\portineria.sqlite3", True),  # a mapped network drive
        ("z:/Casa/portineria.sqlite3", False),  # the drive table below knows only "Z:\"
        ("E:\\portineria.sqlite3", False),  # a USB stick
        ("\\\\nas\\casa\\portineria.sqlite3", True),
    ],
)
def test_windows_network_paths(path: str, network: bool) -> None:
    assert is_network_path_windows(path, lambda root: DRIVES.get(root, 0)) is network


def test_a_local_file_gets_no_warning(tmp_path: Path) -> None:
    assert network_warning(tmp_path / "portineria.sqlite3") is None


def test_a_network_file_gets_a_translated_warning_that_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(instances, "is_network_path", lambda path: True)
    path = tmp_path / "portineria.sqlite3"
    assert network_warning(path) == (
        f"The database {path} is in a network folder. Two computers using it at the same time can damage it: "
        "use it from one computer at a time, or move it to this computer's disk."
    )
    i18n.set_language("it")
    warning = network_warning(path)
    assert warning is not None and str(path) in warning and "rete" in warning
