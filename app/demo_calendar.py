"""What the parts of the demo calendar share: the slots taken, the holders, rules, prices, times.

``Calendar`` is the state of one generation: each room and day has a grid of 15-minute slots (an
integer bit mask), and a confirmed booking or series occurrence is placed only where its room and
the rooms linked to it (the hall and its halves) are free (``free``), never on a closed day.
``demo_series`` and ``demo_events`` fill it; ``demo_rooms`` writes rooms and closures and inserts
the result.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.demo_cash import open_moment
from app.demo_rooms_data import COURTYARD, LAST_END, OUTDOOR_MONTHS, ROOMS, RoomPlan
from app.services.booking_rules import computed_price

UNIT = 15  # minutes of one slot of the grid
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PUBLIC_BODY = "public_body"


@dataclass(frozen=True)
class Size:
    seasons: int  # seasons of groups, counting back from the current one
    rooms: int  # how many of ``ROOMS``
    series_chance: float  # that a group starts at a free half hour of a room and weekday, in a season
    past_per_day: float  # one-off bookings tried per day in the past
    busy_chance: float  # that a room and time of day is tried in the week around today
    future_per_day: float  # in the four months after today
    open_ended_years: float  # the open-ended series began within this many years
    group_series: int  # series of one activity by one organisation in a season, at most


SIZES = {
    "small": Size(seasons=2, rooms=7, series_chance=0.1, past_per_day=0.04, busy_chance=0.6,
                  future_per_day=0.5, open_ended_years=3, group_series=2),
    "large": Size(seasons=11, rooms=len(ROOMS), series_chance=1.0, past_per_day=20, busy_chance=0.7,
                  future_per_day=8, open_ended_years=10, group_series=20),
}  # fmt: skip


@dataclass(frozen=True)
class RoomInfo:
    id: int
    plan: RoomPlan
    since: date
    linked: tuple[int, ...]  # itself, its parent and its parts


@dataclass(frozen=True)
class Holder:
    person_id: int | None
    organisation_id: int | None
    since: datetime
    member: bool = False
    public_body: bool = False
    name: str = ""


@dataclass
class Series:
    row: dict[str, Any]
    starts: list[datetime] = field(default_factory=list)  # the occurrences kept, up to the expansion's end


@dataclass(frozen=True)
class Rule:
    """A group's rule: weekly (every ``interval`` weeks) or monthly on the ``nth`` weekday (-1 the
    last), until a day or for ``count`` meetings. Its dates are computed here, as dateutil expands
    the same RRULE (a test compares them), because parsing thousands of rules would be slow."""

    weekday: int
    interval: int = 1
    nth: int = 0
    until: date | None = None
    count: int | None = None

    def text(self) -> str:
        day = DAYS[self.weekday]
        parts = ["FREQ=MONTHLY", f"BYDAY={self.nth:+d}{day}"] if self.nth else ["FREQ=WEEKLY", f"BYDAY={day}"]
        if self.interval > 1:
            parts.insert(1, f"INTERVAL={self.interval}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        return ";".join(parts)

    def days(self, first: date) -> list[date]:
        """The dates of the rule from ``first``, a date it matches."""
        days = list(itertools.islice(self._monthly(first) if self.nth else self._weekly(first), self.count))
        return [day for day in days if self.until is None or day <= self.until]

    def _weekly(self, first: date) -> Iterator[date]:
        step = timedelta(days=7 * self.interval)
        day = first
        while self.until is None or day <= self.until:
            yield day
            day += step

    def _monthly(self, first: date) -> Iterator[date]:
        year, month = first.year, first.month
        while True:
            if self.nth > 0:
                day = date(year, month, 1)
                day += timedelta(days=(self.weekday - day.weekday()) % 7 + 7 * (self.nth - 1))
            else:
                following = date(year + month // 12, month % 12 + 1, 1)
                day = following - timedelta(days=(following.weekday() - self.weekday - 1) % 7 + 1)
            if self.until is not None and day > self.until:
                return
            if day.month == month and day >= first:
                yield day
            year, month = year + month // 12, month % 12 + 1


def season_end(today: date) -> date:
    """The last day of the season running at ``today`` (or about to start): 30 June."""
    return date(today.year + (1 if today.month >= 7 else 0), 6, 30)


def ordinals(first: date, last: date) -> frozenset[int]:
    return frozenset(range(first.toordinal(), last.toordinal() + 1))


def ends_in_time(start: time, minutes: int) -> bool:
    """Whether a booking from ``start`` for ``minutes`` ends by ``LAST_END`` (never after midnight)."""
    return start.hour * 60 + start.minute + minutes <= LAST_END.hour * 60 + LAST_END.minute


def mask(start: time, minutes: int) -> int:
    """The slots of the grid that ``minutes`` from ``start`` take."""
    first = (start.hour * 60 + start.minute) // UNIT
    return ((1 << (minutes // UNIT)) - 1) << first


class Calendar:
    """The calendar being generated: its rooms, the taken slots, the holders, the rows so far."""

    def __init__(self, session: Session, rng: random.Random, size: Size, today: date, opening: date) -> None:
        self.session = session
        self.rng = rng
        self.size = size
        self.today = today
        self.now = datetime.combine(today, time(9, 0))
        self.opening = opening
        self.horizon = season_end(today)
        self.closures_end = date(self.horizon.year, 12, 31)
        self.taken: dict[int, int] = {}  # ordinal * 64 + room id -> 15-minute slots taken
        self.closed: set[int] = set()  # ordinals
        self.rooms: list[RoomInfo] = []
        self.series: list[Series] = []
        self.bookings: list[dict[str, Any]] = []
        self.groups: collections.Counter[tuple[str, int | None]] = collections.Counter()  # series of a season
        self._organisations: list[Holder] = []
        self._organisation_since: list[datetime] = []
        self._fitting: dict[tuple[str, ...], tuple[list[Holder], list[datetime]]] = {}
        self._people: list[Holder] = []
        self._people_since: list[datetime] = []

    # -- holders ------------------------------------------------------------------------------------

    def know_holders(self, people: Sequence[Mapping[str, Any]], organisations: Sequence[Mapping[str, Any]]) -> None:
        """The organisations, and the adults who may book for themselves, in the order they came."""
        self._organisations = sorted(
            (
                Holder(
                    None, row["id"], row["created_at"], bool(row["member"]), row["kind"] == _PUBLIC_BODY, row["name"]
                )
                for row in organisations
            ),
            key=lambda holder: (holder.since, holder.organisation_id),
        )
        adult_by = self.today.year - 20
        self._people = sorted(
            (
                Holder(row["id"], None, row["created_at"])
                for row in people
                if row["guardian_id"] is None and (row["birth_year"] is None or row["birth_year"] < adult_by)
            ),
            key=lambda holder: (holder.since, holder.person_id),
        )
        self._organisation_since = [holder.since for holder in self._organisations]
        self._people_since = [holder.since for holder in self._people]

    def organisation(self, before: datetime, keywords: tuple[str, ...] = (), *, anyone: bool = True) -> Holder | None:
        """An organisation known by ``before``: one whose name has a keyword when there is one (most
        of the time, if ``anyone`` may do it), else any one if ``anyone`` may, else None."""
        if keywords:
            fitting = self._fitting.get(keywords)
            if fitting is None:
                words = [word.lower() for word in keywords]
                holders = [h for h in self._organisations if any(word in h.name.lower() for word in words)]
                fitting = self._fitting[keywords] = (holders, [h.since for h in holders])
            count = bisect.bisect_right(fitting[1], before)
            if count and (not anyone or self.rng.random() < 0.8):
                return fitting[0][self.rng.randrange(count)]
            if not anyone:
                return None
        count = bisect.bisect_right(self._organisation_since, before)
        return self._organisations[self.rng.randrange(count)] if count else None

    def person(self, before: datetime) -> Holder | None:
        count = bisect.bisect_right(self._people_since, before)
        return self._people[self.rng.randrange(count)] if count else None

    # -- the grid -----------------------------------------------------------------------------------

    def free(self, room: RoomInfo, ordinal: int, slots: int) -> bool:
        taken = self.taken
        base = ordinal * 64
        return all(not taken.get(base + linked, 0) & slots for linked in room.linked)

    def take(self, room: RoomInfo, ordinal: int, slots: int) -> None:
        key = ordinal * 64 + room.id
        self.taken[key] = self.taken.get(key, 0) | slots

    def release(self, room: RoomInfo, ordinal: int, slots: int) -> None:
        self.taken[ordinal * 64 + room.id] &= ~slots

    def is_open(self, room: RoomInfo, day: date) -> bool:
        """The room exists and is used that day (the courtyard in the warm months only)."""
        if day < room.since or day.toordinal() in self.closed:
            return False
        return room.plan.kind != COURTYARD or day.month in OUTDOOR_MONTHS

    # -- what a booking is saved with ---------------------------------------------------------------

    def created(self, room: RoomInfo, day: date, starts_at: datetime) -> datetime:
        """When a booking starting at ``starts_at`` was made: during opening hours on ``day``, not
        before the room existed, before the booking starts and before now."""
        moment = max(open_moment(self.rng, day), datetime.combine(room.since, time(10, 30)))
        return min(moment, starts_at - timedelta(minutes=30), self.now - timedelta(minutes=30))

    @staticmethod
    def price(room: RoomInfo, holder: Holder, minutes: int) -> tuple[int, bool]:
        """The price the services would compute (the member rate for members), or an override."""
        if holder.public_body:
            return 0, True  # schools and the library use the rooms free, by agreement
        price = computed_price(
            hourly_rate_cents=room.plan.rate_cents,
            member_rate_cents=room.plan.member_rate_cents,
            minutes=minutes,
            member=holder.member,
        )
        return price, False
