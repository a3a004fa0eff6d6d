"""The demo house's one-off bookings: parties, assemblies, open days, summer camps.

A few a day over the years (many more in the summer, when the groups pause), more in the four
months ahead, and the week around today filled on purpose, room by room and hour by hour, since
it is what the desk shows first. Events suit their room, their time of day and their day
(``demo_rooms_data.EVENTS``): parties mostly at weekends, school workshops on working days.
Confirmed ones take their time on the grid; tentative and cancelled ones are placed on free time
but do not take it, so a later booking may share their time, as the desk allows.
"""

from __future__ import annotations

import functools
import itertools
from datetime import date, datetime, timedelta

from app.demo_calendar import Calendar, RoomInfo, ends_in_time, mask
from app.demo_rooms_data import EVENTS, NOTES, WINDOWS, Event

BUSY_DAYS = 7  # either side of today


def write_events(cal: Calendar) -> None:
    rng = cal.rng
    size = cal.size
    last = min(cal.horizon, cal.today + timedelta(days=120))
    busy = (cal.today - timedelta(days=BUSY_DAYS), cal.today + timedelta(days=BUSY_DAYS))
    day = cal.opening + timedelta(days=14)
    while day <= last:
        if day.toordinal() not in cal.closed:
            if busy[0] <= day <= busy[1]:
                chance = 0.85 if day == cal.today else size.busy_chance
                for room in cal.rooms:
                    for window in WINDOWS:
                        if rng.random() < chance:
                            _one_off(cal, day, room=room, window=window)
            else:
                if day < cal.today:
                    rate = size.past_per_day
                else:
                    rate = size.future_per_day * (1 - (day - cal.today).days / 150)
                if day.month in (7, 8, 9):
                    rate *= 6  # the groups pause: parties, summer camps, meetings
                count = int(rate) + (rng.random() < rate - int(rate))
                for _attempt in range(count):
                    _one_off(cal, day)
        day += timedelta(days=1)


@functools.cache
def _events(month: int, weekend: bool, kind: str | None, window: str | None) -> tuple[list[Event], list[float]]:
    """The events that may happen then, there, and their cumulative weights."""
    events = [
        event
        for event in EVENTS
        if (not event.months or month in event.months)
        and not (weekend and event.working_days)
        and (kind is None or kind in event.kinds)
        and (window is None or window in event.windows)
    ]
    weights = itertools.accumulate(event.weight * (3 if weekend and event.weekend else 1) for event in events)
    return events, list(weights)


def _one_off(cal: Calendar, day: date, *, room: RoomInfo | None = None, window: str | None = None) -> None:
    """Try to book an event in ``room`` (any room) at ``window`` (any time that suits the event)."""
    rng = cal.rng
    room = room or rng.choice(cal.rooms)
    if not cal.is_open(room, day):
        return
    events, weights = _events(day.month, day.weekday() >= 5, room.plan.kind, window)
    if not events:
        return
    event = rng.choices(events, cum_weights=weights)[0]
    if event.weekend and day.weekday() < 5 and rng.random() > 0.2:
        return  # a party on a weekday is rare
    minutes = rng.choice(event.minutes)
    ordinal = day.toordinal()
    times = WINDOWS[window or rng.choice(event.windows)]
    start = next(
        (
            start
            for start in rng.sample(times, len(times))
            if ends_in_time(start, minutes) and cal.free(room, ordinal, mask(start, minutes))
        ),
        None,
    )
    if start is None:
        return
    starts_at = datetime.combine(day, start)
    chance = rng.random()
    if starts_at >= cal.now:
        status = "tentative" if chance < 0.15 else "cancelled" if chance < 0.2 else "confirmed"
    else:
        status = "cancelled" if chance < 0.07 else "tentative" if chance < 0.08 else "confirmed"
    created = cal.created(room, day - timedelta(days=rng.choice((1, 3, 7, 10, 14, 21, 30, 45))), starts_at)
    holder = cal.person(created) if event.by_person else cal.organisation(created)
    if holder is None:
        return
    if status == "confirmed":
        cal.take(room, ordinal, mask(start, minutes))
    price, overridden = cal.price(room, holder, minutes)
    if not overridden and holder.person_id is not None and rng.random() < 0.05:
        price, overridden = max(500, price // 2000 * 1000), True  # a discount agreed at the desk
    updated = created
    if status == "cancelled":
        updated = min(created + (starts_at - created) * rng.random(), cal.now)
        updated = max(updated.replace(microsecond=0), created)
    cal.bookings.append(
        {
            "_series": None,
            "room_id": room.id,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=minutes),
            "person_id": holder.person_id,
            "organisation_id": holder.organisation_id,
            "purpose": event.purpose,
            "people_count": min(rng.randint(*event.people), room.plan.capacity),
            "status": status,
            "price_cents": price,
            "price_overridden": overridden,
            "notes": rng.choice(NOTES) if rng.random() < 0.12 else "",
            "public": event.public,  # open to the neighbourhood: not a group's own meeting, nor a party
            "occurrence_start": None,
            "ics_uid": None,
            "created_at": created,
            "updated_at": updated,
        }
    )
