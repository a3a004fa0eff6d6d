"""The demo house's calendar: rooms, closures, recurring bookings and one-off events.

Called by ``app.demo`` once the people and organisations are known. Like the rest of the demo it
is generated in memory and inserted in bulk, deterministically from its own ``random.Random`` and
the day called "today". Every rule comes from the services: the closures are the holidays that
``ClosureService`` proposes (the ``holidays`` package, Turin's calendar) plus a week in August;
prices come from ``booking_rules.computed_price`` (the member rate for member associations; public
bodies use the rooms free, an overridden price of 0); a series' ``last_end`` from
``series_last_end`` and its exception dates from ``format_exdates``.

Nothing overlaps that the services would refuse, and nothing falls on a closed day: see the grid of
``demo_calendar``. The recurring bookings are made by ``demo_series``, the one-off ones by
``demo_events``. Occurrences are counted up to the end of the current season
(``RoomCounts.horizon``), since open-ended series never end. What the bookings and series owe at
the desk (``RoomCounts.owed``) is paid by ``demo_dues``.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.db.models import Booking, BookingSeries, Closure, HouseLogo, Room, RoomOpeningHours
from app.demo_calendar import SIZES, Calendar, RoomInfo, mask, season_end
from app.demo_cash import open_moment
from app.demo_dues import Owed, owed_of
from app.demo_events import write_events
from app.demo_rooms_data import HALL_NAME, ROOMS
from app.demo_series import write_series
from app.demo_workshops import WorkshopPlan, plan_workshops
from app.paths import resources_dir
from app.services.closures import public_holidays

__all__ = ["SUMMER_CLOSURE", "RoomCounts", "season_end", "write_rooms"]

SUMMER_CLOSURE = "Chiusura estiva"


@dataclass(frozen=True)
class RoomCounts:
    rooms: int
    closures: int
    series: int
    occurrences: int  # of the series, from their start to ``horizon`` (exceptions and moved ones left out)
    bookings: int  # one-off bookings and moved occurrences, cancelled ones included
    horizon: date
    owed: Owed = field(repr=False)  # what the desk counts as owed, for ``demo_dues.pay``
    workshops: WorkshopPlan | None = field(default=None, repr=False)  # for ``demo_workshops.write_workshops``


def write_rooms(
    session: Session,
    rng: random.Random,
    *,
    size: str,
    today: date,
    opening: date,
    people: Sequence[Mapping[str, Any]],
    organisations: Sequence[Mapping[str, Any]],
    workshops: random.Random | None = None,
) -> RoomCounts:
    """Generate and insert the rooms and the calendar of the demo house in the caller's transaction.

    ``people`` and ``organisations`` are the rows the demo inserted (read here from memory: reading
    20,000 people back would cost more than the whole calendar). With ``workshops`` (their own
    chance), the workshops' sessions are placed first, before the groups' series
    (``demo_workshops.plan_workshops``), and ``RoomCounts.workshops`` is what to write of them.
    """
    cal = Calendar(session, rng, SIZES[size], today, opening)
    cal.know_holders(people, organisations)
    _write_rooms(cal)
    closures = _write_closures(cal)
    _leave_the_hall_free_on_tuesday_evenings(cal)
    plan = None if workshops is None else plan_workshops(cal, workshops, size, people, organisations)
    write_series(cal)
    write_events(cal)
    return dataclasses.replace(_insert(cal, closures), workshops=plan)


def _leave_the_hall_free_on_tuesday_evenings(cal: Calendar) -> None:
    """Keep the hall free on Tuesdays 17:00-21:00 from today to the end of the season, so that
    whoever tries the demo can book a weekly evening there and meet only the holidays in the way
    (the README's walk-through does). The halves are linked to it, so they stay free too."""
    hall = next(room for room in cal.rooms if room.plan.name == HALL_NAME)
    evening = mask(time(17, 0), 4 * 60)
    day = cal.today + timedelta(days=(1 - cal.today.weekday()) % 7)
    while day <= cal.horizon:
        cal.take(hall, day.toordinal(), evening)
        day += timedelta(days=7)


def _write_rooms(cal: Calendar) -> None:
    plans = ROOMS[: cal.size.rooms]
    ids = {plan.name: number for number, plan in enumerate(plans, start=1)}
    rows: list[dict[str, Any]] = []
    for plan in plans:
        since = cal.opening + timedelta(days=plan.since_days)
        created = datetime.combine(since, time(10, 0)) + timedelta(minutes=ids[plan.name])
        rows.append(
            {
                "id": ids[plan.name],
                "name": plan.name,
                "capacity": plan.capacity,
                "hourly_rate_cents": plan.rate_cents,
                "member_rate_cents": plan.member_rate_cents,
                "colour": plan.colour,
                "equipment": plan.equipment,
                "opening_hours": plan.opening_hours,
                "active": True,
                "parent_room_id": ids[plan.parent] if plan.parent else None,
                "created_at": created,
                "updated_at": created,
            }
        )
    cal.session.execute(insert(Room), rows)
    spans = [
        {"room_id": ids[plan.name], "weekday": weekday, "opens": opens, "closes": closes}
        for plan in plans
        for weekdays, day_spans in plan.spans
        for weekday in weekdays
        for opens, closes in day_spans
    ]
    if spans:
        cal.session.execute(insert(RoomOpeningHours), spans)
    _write_logo(cal)
    for plan in plans:
        room_id = ids[plan.name]
        linked = {room_id} | {ids[p.name] for p in plans if p.parent == plan.name}
        if plan.parent:
            linked.add(ids[plan.parent])
        since = cal.opening + timedelta(days=plan.since_days)
        cal.rooms.append(RoomInfo(room_id, plan, since, tuple(sorted(linked))))


def _write_logo(cal: Calendar) -> None:
    """The demo house's logo (``resources/demo-logo.png``), for the programme poster. Written
    here with the rooms, since the poster is what needs it; a missing file leaves no logo."""
    path = resources_dir() / "demo-logo.png"
    if path.is_file():
        moment = datetime.combine(cal.opening, time(9, 0))
        cal.session.add(HouseLogo(id=1, media_type="image/png", data=path.read_bytes(), updated_at=moment))


def _write_closures(cal: Calendar) -> int:
    """The holidays ``ClosureService.propose_holidays`` offers (``public_holidays``, in Italian as
    the desk accepted them), and a week in August, each year until the end of the year after the
    current season's (the desk plans ahead)."""
    years = range(cal.opening.year, cal.closures_end.year + 1)
    holidays = public_holidays(years, language="it_IT")
    closures: list[tuple[date, date, str]] = []
    for year in years:
        ferragosto = date(year, 8, 15)
        summer = (
            ferragosto - timedelta(days=ferragosto.weekday()),
            ferragosto + timedelta(days=6 - ferragosto.weekday()),
        )
        closures.append((*summer, SUMMER_CLOSURE))
        closures += [
            (day, day, name) for day, name in holidays if day.year == year and not summer[0] <= day <= summer[1]
        ]
    rows: list[dict[str, Any]] = []
    for first, last, reason in sorted(closures):
        if last < cal.opening:
            continue
        # Proposed and accepted by a coordinator in the autumn before, or when the house opened.
        accepted = date(first.year - 1, 11, 3) + timedelta(days=cal.rng.randint(0, 20))
        accepted = min(max(accepted, cal.opening), cal.today - timedelta(days=1))
        rows.append(
            {"id": len(rows) + 1, "first_day": first, "last_day": last, "reason": reason,
             "created_at": open_moment(cal.rng, accepted)}
        )  # fmt: skip
        day = first
        while day <= last:
            cal.closed.add(day.toordinal())
            day += timedelta(days=1)
    cal.session.execute(insert(Closure), rows)
    return len(rows)


def _insert(cal: Calendar, closures: int) -> RoomCounts:
    """Number the series and bookings in the order they were made, insert them, and count."""
    cal.series.sort(key=lambda series: (series.row["created_at"], series.row["dtstart"]))
    ids = {}
    for number, series in enumerate(cal.series, start=1):
        ids[id(series.row)] = number
        series.row["id"] = number
    for booking in cal.bookings:
        booking.setdefault("public", False)  # a workshop's sessions: the programme lists workshops
        owner = booking.pop("_series", None)
        booking["series_id"] = None if owner is None else ids[id(owner)]
    cal.bookings.sort(key=lambda row: (row["created_at"], row["starts_at"], row["room_id"]))
    for number, booking in enumerate(cal.bookings, start=1):
        booking["id"] = number
    # Core inserts of the tables: one executemany each, as the rows are complete.
    tables = Booking.metadata.tables
    if cal.series:
        cal.session.execute(insert(tables[BookingSeries.__tablename__]), [series.row for series in cal.series])
    if cal.bookings:
        cal.session.execute(insert(tables[Booking.__tablename__]), cal.bookings)
    end = datetime.combine(cal.horizon + timedelta(days=1), time())
    moved = {(b["series_id"], b["occurrence_start"]) for b in cal.bookings if b["series_id"] is not None}
    occurrences = sum(
        1
        for series in cal.series
        if series.row["status"] != "cancelled"
        for start in series.starts
        if start < end and (series.row["id"], start) not in moved
    )
    return RoomCounts(
        rooms=len(cal.rooms),
        closures=closures,
        series=len(cal.series),
        occurrences=occurrences,
        bookings=len(cal.bookings),
        horizon=cal.horizon,
        owed=owed_of(cal),
    )
