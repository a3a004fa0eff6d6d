"""Which backups to keep: 7 daily, 4 weekly, 12 monthly, and every one of the newest day.

How a backup is classed (pure date arithmetic on the time in its name, so a test can walk a year
of days with a fake clock):

- **daily**: the newest backup of each of the 7 most recent days that have a backup, plus every
  backup of the most recent day (the start, daily, manual and close backups of today all stay:
  a mistake made at 10:00 can be undone from the 9:00 copy);
- **weekly**: the newest backup of each of the 4 most recent ISO weeks that have one;
- **monthly**: the newest backup of each of the 12 most recent calendar months that have one.

A backup kept for more than one reason is shown with the shortest: the newest copy is "daily"
today, and becomes the "weekly" or "monthly" copy once newer days push it out of the daily
window. Everything else is removed. Copies made for safety (before a restore, before an upgrade
of the schema) are not rotated: they are rare and they are what undoes a wrong restore.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from typing import TypeVar

from app.i18n import N_, _

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12

Key = TypeVar("Key", bound=Hashable)


class BackupKind(enum.Enum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    SAFETY = "safety"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self])


KIND_LABELS = {
    BackupKind.DAILY: N_("daily"),
    BackupKind.WEEKLY: N_("weekly"),
    BackupKind.MONTHLY: N_("monthly"),
    BackupKind.SAFETY: N_("safety copy"),
}


def _newest_per_group(made: Mapping[Key, datetime], group: Callable[[datetime], Hashable], keep: int) -> set[Key]:
    """The newest backup of each of the ``keep`` most recent groups (days, weeks, months)."""
    newest: dict[Hashable, tuple[datetime, Key]] = {}
    for key, when in made.items():
        bucket = group(when)
        if bucket not in newest or (when, str(key)) > (newest[bucket][0], str(newest[bucket][1])):
            newest[bucket] = (when, key)
    recent = sorted(newest.values(), key=lambda pair: (pair[0], str(pair[1])), reverse=True)[:keep]
    return {key for _when, key in recent}


def _day(when: datetime) -> date:
    return when.date()


def _week(when: datetime) -> tuple[int, int]:
    iso = when.isocalendar()
    return iso.year, iso.week


def _month(when: datetime) -> tuple[int, int]:
    return when.year, when.month


def classify(made: Mapping[Key, datetime]) -> dict[Key, BackupKind]:
    """The kind of every backup that stays; a key missing from the answer is to be removed."""
    if not made:
        return {}
    kinds: dict[Key, BackupKind] = {}
    for key in _newest_per_group(made, _month, KEEP_MONTHLY):
        kinds[key] = BackupKind.MONTHLY
    for key in _newest_per_group(made, _week, KEEP_WEEKLY):
        kinds[key] = BackupKind.WEEKLY
    for key in _newest_per_group(made, _day, KEEP_DAILY):
        kinds[key] = BackupKind.DAILY
    last_day = max(made.values()).date()
    for key, when in made.items():
        if when.date() == last_day:
            kinds[key] = BackupKind.DAILY
    return kinds
