"""The demo house's recurring bookings: the groups of each season, and a few series with no end.

The groups meet from October to June, pausing at Christmas and, some, at Easter; a few courses
and summer camps follow in the summer. For each season, room and weekday, a walk through the day
now and then starts a group at a free half hour, with an activity that suits the room and the time
(``demo_rooms_data.ACTIVITIES``) and an organisation that does it. An occurrence that would fall on
a closed day, in the group's pause, or on time already taken becomes an exception date; a series
colliding too often is not made. Now and then a group moves one meeting to another time of the
same day (a moved occurrence: a booking with ``series_id`` and ``occurrence_start``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence, Set
from datetime import date, datetime, time, timedelta

from dateutil.easter import easter

from app.demo_calendar import Calendar, Holder, RoomInfo, Rule, Series, ends_in_time, mask, ordinals
from app.demo_rooms_data import (
    ACTIVITIES,
    COURTYARD,
    LAST_START,
    NOTES,
    OPEN_ENDED,
    PUBLIC_ACTIVITIES,
    WINDOWS,
    Activity,
)
from app.services.booking_rules import format_exdates, parse_rule, series_last_end

_Fitted = tuple[list[datetime], list[datetime]]


def write_series(cal: Calendar) -> None:
    """The open-ended series first (they hold their time for ever), then the seasons."""
    _open_ended(cal)
    for year in range(cal.horizon.year - cal.size.seasons, cal.horizon.year):
        christmas = ordinals(date(year, 12, 23), date(year + 1, 1, 6))
        sunday = easter(year + 1)
        breaks = (christmas, ordinals(sunday - timedelta(days=3), sunday + timedelta(days=2)))
        _season(cal, date(year, 10, 1), date(year + 1, 6, 30), cal.size.series_chance, breaks)
        if date(year + 1, 9, 15) <= cal.horizon:  # the summer courses and camps after it
            _season(cal, date(year + 1, 7, 1), date(year + 1, 9, 15), cal.size.series_chance / 5)


@functools.cache
def _fitting(kind: str, window: str) -> tuple[Activity, ...]:
    return tuple(activity for activity in ACTIVITIES if kind in activity.kinds and window in activity.windows)


def _window_of(moment: time) -> str:
    """The time of day ``moment`` belongs to: the last window starting at or before it."""
    return next(name for name, times in reversed(WINDOWS.items()) if times[0] <= moment)


def _fit(
    cal: Calendar, room: RoomInfo, starts: Sequence[datetime], slots: int, paused: Set[int] = frozenset()
) -> _Fitted | None:
    """The occurrences that fit and those that become exception dates (closed, paused, taken,
    or a week the group did not meet); None when too many collide with other groups."""
    kept: list[datetime] = []
    excluded: list[datetime] = []
    collisions = 0
    closed = cal.closed
    for start in starts:
        ordinal = start.toordinal()
        if ordinal in closed or ordinal in paused:
            excluded.append(start)
        elif not cal.free(room, ordinal, slots):
            collisions += 1
            excluded.append(start)
        elif cal.rng.random() < 0.015:
            excluded.append(start)
        else:
            kept.append(start)
    if not kept or collisions > max(2, len(kept) // 8):
        return None
    return kept, excluded


def _add_series(
    cal: Calendar,
    room: RoomInfo,
    holder: Holder,
    fitted: _Fitted,
    *,
    purpose: str,
    rule: str,
    dtstart: datetime,
    minutes: int,
    people: int,
    created: datetime,
    status: str = "confirmed",
) -> Series:
    """Save a series whose occurrences were fitted; a confirmed one takes their time."""
    kept, excluded = fitted
    price, overridden = cal.price(room, holder, minutes)
    row = {
        "room_id": room.id,
        "rrule": rule,
        "dtstart": dtstart,
        "duration_minutes": minutes,
        "exdates": format_exdates(excluded),
        "person_id": holder.person_id,
        "organisation_id": holder.organisation_id,
        "purpose": purpose,
        "people_count": min(people, room.plan.capacity),
        "status": status,
        "price_cents": price,
        "price_overridden": overridden,
        "notes": cal.rng.choice(NOTES) if cal.rng.random() < 0.1 else "",
        "public": holder.organisation_id is not None and purpose in PUBLIC_ACTIVITIES,
        "last_end": series_last_end(rule, dtstart, minutes),
        "ics_uid": None,
        "created_at": created,
        "updated_at": created,
    }
    series = Series(row, kept)
    if status == "confirmed":
        slots = mask(dtstart.time(), minutes)
        for start in kept:
            cal.take(room, start.toordinal(), slots)
    cal.series.append(series)
    return series


def _open_ended(cal: Calendar) -> None:
    rooms = {room.plan.name: room for room in cal.rooms}
    until = datetime.combine(cal.closures_end, time(23, 59))
    span = min((cal.today - cal.opening).days - 30, int(365.25 * cal.size.open_ended_years))
    for plan in OPEN_ENDED:
        room = rooms[plan.room]
        first = max(cal.today - timedelta(days=int(span * (1 - plan.since_share))), room.since)
        dtstart = parse_rule(plan.rule, datetime.combine(first, plan.start)).after(
            datetime.combine(first, plan.start), inc=True
        )
        if dtstart is None:
            continue
        created = cal.created(room, first - timedelta(days=cal.rng.randint(5, 20)), dtstart)
        holder = cal.organisation(created, plan.keywords, anyone=False)
        if holder is None:
            continue
        starts = parse_rule(plan.rule, dtstart).between(dtstart, until, inc=True)
        fitted = _fit(cal, room, starts, mask(plan.start, plan.minutes))
        if fitted is not None:
            _add_series(
                cal, room, holder, fitted, purpose=plan.purpose, rule=plan.rule, dtstart=dtstart,
                minutes=plan.minutes, people=plan.people, created=created,
            )  # fmt: skip


def _season(
    cal: Calendar,
    first_day: date,
    last_day: date,
    chance: float,
    breaks: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
) -> None:
    """The groups of a season (October to June, or a summer): for each room and weekday, a walk
    through the day that now and then starts a group where the time is free. ``breaks`` are
    Christmas and Easter, when most groups pause."""
    rng = cal.rng
    if last_day <= cal.opening:
        return
    cal.groups.clear()
    first_day = max(first_day, cal.opening + timedelta(days=20))
    last_start = LAST_START.hour * 60 + LAST_START.minute
    for room in cal.rooms:
        if room.plan.kind == COURTYARD or room.since > last_day:
            continue
        for weekday in range(7):
            chance_now = chance * (0.25 if weekday == 6 else 1.0)
            minute = 9 * 60  # of the day
            while minute <= last_start:
                moment = time(minute // 60, minute % 60)
                fitting = _fitting(room.plan.kind, _window_of(moment))
                placed = 0
                if fitting and rng.random() < chance_now:
                    later = rng.choice((0, 0, 0, 7, 14, 98 if breaks[0] else 21))  # 98: a course from January
                    start_day = max(first_day, room.since) + timedelta(days=later)
                    first = start_day + timedelta(days=(weekday - start_day.weekday()) % 7)
                    for activity in rng.sample(fitting, min(3, len(fitting))):  # one a group here can do
                        minutes = rng.choice(activity.minutes)
                        dtstart = datetime.combine(first, moment)
                        if _seasonal(cal, room, activity, dtstart, minutes, last_day, breaks):
                            placed = minutes + rng.choice((0, 0, 30))
                            break
                minute += placed or 30


def _seasonal(
    cal: Calendar,
    room: RoomInfo,
    activity: Activity,
    dtstart: datetime,
    minutes: int,
    last_day: date,
    breaks: tuple[frozenset[int], frozenset[int]],
) -> bool:
    """A group's series from ``dtstart`` to the end of the season, if it fits; whether it did."""
    rng = cal.rng
    if not ends_in_time(dtstart.time(), minutes) or dtstart.date() > last_day:
        return False
    end = last_day - timedelta(days=rng.choice((0, 0, 0, 15, 30)))
    kind = rng.random()
    weekday = dtstart.weekday()
    if activity.monthly or kind < 0.08:
        nth = (dtstart.day - 1) // 7 + 1
        rule = Rule(weekday, nth=-1 if nth > 4 else nth, until=end)
    elif kind < 0.22:
        rule = Rule(weekday, interval=2, until=end)
    elif kind < 0.3:
        rule = Rule(weekday, count=rng.choice((8, 10, 12)))  # a course of so many meetings
    else:
        rule = Rule(weekday, until=end)
    paused = breaks[0] if rng.random() < 0.8 else frozenset()
    if rng.random() < 0.4:
        paused |= breaks[1]
    starts = [datetime.combine(day, dtstart.time()) for day in rule.days(dtstart.date())]
    fitted = _fit(cal, room, starts, mask(dtstart.time(), minutes), paused)
    created = cal.created(room, dtstart.date() - timedelta(days=rng.randint(7, 40)), dtstart)
    holder = cal.organisation(created, activity.keywords, anyone=activity.anyone or not activity.keywords)
    if (
        fitted is None
        or holder is None
        or cal.groups[activity.purpose, holder.organisation_id] >= cal.size.group_series
    ):
        return False  # no room for it, nobody to do it, or the group meets often enough already
    cal.groups[activity.purpose, holder.organisation_id] += 1
    status = "cancelled" if rng.random() < 0.02 else "confirmed"
    series = _add_series(
        cal, room, holder, fitted, purpose=activity.purpose, rule=rule.text(), dtstart=dtstart, minutes=minutes,
        people=rng.randint(*activity.people), created=created, status=status,
    )  # fmt: skip
    if status == "cancelled":
        series.row["updated_at"] = min(created + timedelta(days=rng.randint(1, 20)), cal.now)
    else:
        _move_some(cal, series, room)
    return True


def _move_some(cal: Calendar, series: Series, room: RoomInfo) -> None:
    """Now and then a group asks to move one meeting to another time of the same day."""
    rng = cal.rng
    row = series.row
    minutes = row["duration_minutes"]
    old_slots = mask(row["dtstart"].time(), minutes)
    for occurrence in list(series.starts):
        if rng.random() >= 0.02:
            continue
        start = rng.choice([t for times in WINDOWS.values() for t in times])
        moved = datetime.combine(occurrence.date(), start)
        slots = mask(start, minutes)
        ordinal = occurrence.toordinal()
        if moved == occurrence or not ends_in_time(start, minutes):
            continue
        cal.release(room, ordinal, old_slots)
        if not cal.free(room, ordinal, slots):
            cal.take(room, ordinal, old_slots)
            continue
        cal.take(room, ordinal, slots)
        created = cal.created(room, occurrence.date() - timedelta(days=rng.randint(2, 14)), min(moved, occurrence))
        created = max(created, row["created_at"])
        cal.bookings.append(
            {
                "_series": row,
                "room_id": room.id,
                "starts_at": moved,
                "ends_at": moved + timedelta(minutes=minutes),
                "person_id": row["person_id"],
                "organisation_id": row["organisation_id"],
                "purpose": row["purpose"],
                "people_count": row["people_count"],
                "status": row["status"],
                "price_cents": row["price_cents"],  # the same length at the same rate
                "price_overridden": row["price_overridden"],
                "notes": row["notes"],
                "public": row["public"],
                "occurrence_start": occurrence,
                "ics_uid": None,
                "created_at": created,
                "updated_at": created,
            }
        )
