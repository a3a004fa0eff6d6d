"""Where each booking goes in the calendar view: its column, and its lane when bookings overlap.

Plain Python, no painting, so that the placing rules read on their own and cost one pass over the
bookings shown (the view is benchmarked at 50 ms on a busy day of a large house):

- the *day view* has one column per room, all on the same day;
- the *week view* has one column per day (Monday first) of one room, and also shows, greyed, the
  bookings of its linked rooms (the hall for a half, the halves for the hall), because they block
  it: without them a free-looking hour would be refused when booked;
- a closed day (a closure of the house) is a column that cannot be booked, with its reason;
- bookings of one column that overlap (tentative ones may) sit side by side in lanes.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.services.bookings import BookingRow, BookingStatus
from app.services.closures import ClosureRow
from app.services.rooms import RoomRow
from app.weeks import week_days

OPENING_HOUR = 8
"""The hour the desk opens: the first row of the view, where Home takes the cursor."""
CLOSING_HOUR = 23
"""The hour the house closes: the last row of the view, where End takes the cursor."""


class ViewMode(enum.Enum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True)
class Column:
    """One column of the view: a room on a day; ``closed`` is the closure's reason when closed."""

    room: RoomRow
    day: date
    closed: str | None = None


@dataclass(frozen=True)
class Placed:
    """A booking in its column; ``lane`` of ``lanes`` side by side; ``linked``: of a linked room."""

    row: BookingRow
    column: int
    lane: int
    lanes: int
    linked: bool = False


def linked_room_ids(rooms: Sequence[RoomRow], room_id: int) -> list[int]:
    """The rooms that a booking of ``room_id`` blocks, itself excluded: its parent and its parts."""
    parent = next((room.parent_id for room in rooms if room.id == room_id), None)
    return [room.id for room in rooms if room.id != room_id and (room.id == parent or room.parent_id == room_id)]


def closed_days(closures: Iterable[ClosureRow], days: Sequence[date]) -> dict[date, str]:
    """The closure reason of each of ``days`` that is closed."""
    reasons: dict[date, str] = {}
    for closure in closures:
        for day in days:
            if closure.first_day <= day <= closure.last_day:
                reasons.setdefault(day, closure.reason)
    return reasons


def day_columns(rooms: Sequence[RoomRow], day: date, closures: Iterable[ClosureRow] = ()) -> list[Column]:
    reason = closed_days(closures, [day]).get(day)
    return [Column(room, day, reason) for room in rooms]


def week_columns(room: RoomRow, day: date, closures: Iterable[ClosureRow] = ()) -> list[Column]:
    days = week_days(day)
    reasons = closed_days(closures, days)
    return [Column(room, each, reasons.get(each)) for each in days]


def lanes(rows: list[BookingRow]) -> list[tuple[BookingRow, int, int]]:
    """Side-by-side lanes for bookings of one column that overlap (tentative ones may)."""
    placed: list[tuple[BookingRow, int, int]] = []
    group: list[tuple[BookingRow, int]] = []
    group_end: datetime | None = None
    lane_ends: list[datetime] = []

    def close_group() -> None:
        count = max((lane for _row, lane in group), default=0) + 1
        placed.extend((row, lane, count) for row, lane in group)

    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        if group_end is not None and row.start >= group_end:
            close_group()
            group, lane_ends, group_end = [], [], None
        lane = next((i for i, end in enumerate(lane_ends) if end <= row.start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(row.end)
        else:
            lane_ends[lane] = row.end
        group.append((row, lane))
        group_end = row.end if group_end is None else max(group_end, row.end)
    close_group()
    return placed


def place(columns: Sequence[Column], bookings: Iterable[BookingRow], linked: Collection[int] = ()) -> list[Placed]:
    """Each shown booking in its column; cancelled ones and those of rooms not shown are left out.

    ``linked`` (the week view) are the rooms linked to the one room shown: their bookings go in
    that room's columns, marked ``linked``. A booking belongs to the day it starts (a booking never
    spans two days).
    """
    index = {(column.room.id, column.day): number for number, column in enumerate(columns)}
    shown_room = columns[0].room.id if columns else 0
    buckets: dict[int, list[BookingRow]] = defaultdict(list)
    for row in bookings:
        if row.status == BookingStatus.CANCELLED:
            continue
        room_id = shown_room if row.room_id in linked else row.room_id
        column = index.get((room_id, row.start.date()))
        if column is not None:
            buckets[column].append(row)
    placed: list[Placed] = []
    for column, rows in sorted(buckets.items()):
        own = columns[column].room.id
        placed.extend(Placed(row, column, lane, count, row.room_id != own) for row, lane, count in lanes(rows))
    return placed


def hour_range(columns: Sequence[Column], placed: Iterable[Placed]) -> tuple[int, int]:
    """The first and last hour shown: the opening hours, widened to show every booking whole."""
    first, last = OPENING_HOUR, CLOSING_HOUR
    for item in placed:
        day_start = datetime.combine(columns[item.column].day, time())
        start = max(item.row.start, day_start)
        end = min(item.row.end, day_start + timedelta(days=1))
        first = min(first, start.hour)
        last = max(last, math.ceil((end - day_start).total_seconds() / 3600))
    return first, min(last, 24)
