"""The demo house's workshops and drop-in visits: courses of each season, their people, registers
and the showers' and job desk's visitors of every open day.

In two steps, because a session's room and time are those of its booking (``workshop_sessions``):
``plan_workshops`` runs inside ``demo_rooms`` before the groups' series, placing each session's
booking on the calendar's grid (``Calendar.free/take``: never over a confirmed booking of the room
or a linked one, never on a closed day) and adding it to the calendar's bookings, which numbers
them; ``write_workshops`` then inserts the workshops, their sessions (pointing at those booking
ids), enrolments, attendance marks and the visits, in bulk (``demo_cash.insert_rows``).

A session's booking is the one ``WorkshopSessionService`` makes: held by the workshop's
association, else by its facilitator; purpose the title; as many people as places; price 0,
overridden. Enrolments follow ``enrolments``: never more enrolled than places, the others wait in
the order they asked, and a place freed by a withdrawal goes to the first one waiting. Attendance
marks only people enrolled at the time of the session, and now and then a walk-in; presence is
realistic (each person comes to 60-97% of the meetings). Visits record the statistics their
service asks for, filled from the person as ``VisitService.record`` fills them.

All chance comes from the ``random.Random`` given (``workshops/<seed>`` in ``app.demo``), all
times from the calendar's "today": the same seed writes the same rows.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.db.models import Attendance, DropInService, Enrolment, Visit, Workshop, WorkshopSession
from app.demo_calendar import Calendar, RoomInfo, ends_in_time, mask
from app.demo_cash import insert_rows, open_moment
from app.demo_rooms_data import CLASS, FLOOR, HALL, KITCHEN, MEETING, MUSIC, SEWING, WORKSHOP
from app.services.visits import AgeBand
from app.services.workshop_rules import possible_ages
from app.text import fold


@dataclass(frozen=True)
class Course:
    """A kind of workshop the house runs: where, for how many, for how much, who may run it."""

    title: str
    kinds: tuple[str, ...]
    places: int
    fee_cents: int
    fee_kind: str
    member_fee_cents: int | None
    minutes: tuple[int, ...]
    times: tuple[time, ...]
    keywords: tuple[str, ...]  # in the names of associations that run it
    description: str = ""
    min_age: int | None = None


_MORNING = (time(9, 30), time(10, 0))
_AFTERNOON = (time(14, 30), time(15, 0))
_EVENING = (time(18, 0), time(18, 30), time(19, 0), time(20, 30))
# fmt: off
COURSES: tuple[Course, ...] = (
    Course("Laboratorio di sartoria", (SEWING,), 12, 6000, "course", 4500, (120,), _AFTERNOON + _EVENING,
           ("sartoria", "cucito", "tessil"), "Dal cartamodello all'abito: macchine da cucire della casa."),
    Course("Italiano per nuovi arrivati – A1", (CLASS, MEETING), 18, 0, "course", None, (120,),
           _MORNING + _EVENING, ("scuola", "italiano", "intercultur", "migranti"), "Gratuito, due ore a settimana."),
    Course("Italiano per nuovi arrivati – A2", (CLASS, MEETING), 18, 0, "course", None, (120,),
           _MORNING + _EVENING, ("scuola", "italiano", "intercultur", "migranti")),
    Course("Yoga dolce", (FLOOR, HALL), 22, 5000, "course", 4000, (75, 90), _MORNING + _EVENING,
           ("yoga", "benessere")),
    Course("Teatro di quartiere", (FLOOR, HALL), 20, 4000, "course", 3000, (120, 150), _EVENING,
           ("teatro",), "Improvvisazione e uno spettacolo a giugno."),
    Course("Competenze digitali: smartphone e SPID", (CLASS, MEETING), 12, 0, "course", None, (90, 120),
           _MORNING + _AFTERNOON, ("digital", "informatica", "coding")),
    Course("Cucina dal mondo", (KITCHEN,), 14, 800, "session", 600, (150,), _EVENING,
           ("cucina", "gastronom")),
    Course("Ciclofficina: corso base", (WORKSHOP,), 10, 3000, "course", 2000, (120,), _AFTERNOON + _EVENING,
           ("bici", "ciclo")),
    Course("Coro di quartiere", (MUSIC, FLOOR), 24, 2000, "course", None, (120,), _EVENING, ("coro", "musica")),
    Course("Ginnastica dolce", (FLOOR, HALL), 20, 300, "session", 200, (60,), _MORNING, ("sport", "benessere"),
           min_age=60),
    Course("Maglia e uncinetto", (SEWING, MEETING), 12, 0, "course", None, (120,), _AFTERNOON, ("cucito",)),
    Course("Danze popolari", (FLOOR, HALL), 24, 4000, "course", 3000, (90,), _EVENING, ("danz", "folk")),
    Course("Scrittura creativa", (MEETING, CLASS), 12, 3000, "course", 2000, (120,), _EVENING,
           ("letter", "libr", "scrittura")),
    Course("Curriculum e colloqui di lavoro", (MEETING, CLASS), 10, 0, "course", None, (90,), _MORNING,
           ("lavoro", "sportello", "cooperativa")),
)
# fmt: on


@dataclass(frozen=True)
class WorkshopSize:
    per_season: int  # workshops tried in each season (October to June)
    sessions: tuple[int, ...]  # how many weekly meetings a course has, one drawn
    demand: tuple[float, float]  # people asking, as a share of the places
    visit_days: int  # visits on the open days of this many days before today
    visits_per_day: float  # on average, at the end of the span (fewer in the first years)
    places: float = 1.0  # the courses' places times this (the large house has more people), within the room


WORKSHOP_SIZES = {
    "small": WorkshopSize(per_season=12, sessions=(8, 10, 12, 15), demand=(0.6, 1.4), visit_days=365,
                          visits_per_day=14),
    "large": WorkshopSize(per_season=230, sessions=(8, 10, 12, 12, 15, 16, 20, 24), demand=(1.0, 1.7),
                          visit_days=3652, visits_per_day=500, places=1.4),
}  # fmt: skip
_SEASON_SPAN = 200  # days after 1 October within which a course may start
_CANCELLED_SHARE = 0.02  # of the sessions
_WALK_IN_CHANCE = 0.05  # that someone not enrolled comes to a session
_WITHDRAW_CHANCE = 0.08  # of the people enrolled
# The drop-in services' hours (a visit is at a minute within them) and their share of the visits.
_HOURS = {"showers": ((9 * 60, 13 * 60), (15 * 60, 18 * 60)), "job_desk": ((9 * 60 + 30, 12 * 60 + 30),)}
_SHARE = {"showers": 0.68, "job_desk": 0.32}
_BY_PERSON = {"showers": 0.3, "job_desk": 0.55}  # the rest are anonymous
_GENDERS = ("male", "female", "other", None)
_GENDER_WEIGHTS = (0.55, 0.95, 0.96, 1.0)  # cumulative
_ADULT_BANDS = tuple(band.value for band in AgeBand)[2:]


@dataclass
class _Planned:
    """A workshop placed on the grid: its row (no id yet) and its sessions' booking rows."""

    row: dict[str, Any]
    bookings: list[dict[str, Any]]


@dataclass
class WorkshopPlan:
    """What ``plan_workshops`` placed; the bookings get their ids when ``demo_rooms`` inserts them."""

    rng: random.Random
    today: date
    now: datetime
    closed: frozenset[int]
    size: WorkshopSize
    workshops: list[_Planned] = field(default_factory=list)
    adults: list[tuple[datetime, int]] = field(default_factory=list)  # (registered, person id), in order
    births: dict[int, tuple[date | None, int | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkshopCounts:
    workshops: int
    sessions: int
    enrolments: int
    attendances: int
    visits: int


# -- step 1: on the calendar's grid -----------------------------------------------------------------


def plan_workshops(
    cal: Calendar,
    rng: random.Random,
    size: str,
    people: Sequence[Mapping[str, Any]],
    organisations: Sequence[Mapping[str, Any]],
) -> WorkshopPlan:
    """Place the workshops of each season on ``cal`` and add their sessions' bookings to it."""
    plan = WorkshopPlan(rng, cal.today, cal.now, frozenset(cal.closed), WORKSHOP_SIZES[size])
    adult_by = cal.today.year - 20
    plan.adults = sorted(
        (row["created_at"], row["id"])
        for row in people
        if row["guardian_id"] is None and (row["birth_year"] is None or row["birth_year"] < adult_by)
    )
    plan.births = {row["id"]: (row["birth_date"], row["birth_year"]) for row in people}
    hosts = sorted((row["created_at"], row["id"], row["name"].lower()) for row in organisations)
    since = [row[0] for row in plan.adults]
    for year in range(cal.horizon.year - cal.size.seasons, cal.horizon.year):
        first_day = max(date(year, 10, 1), cal.opening + timedelta(days=30))
        titles: dict[str, int] = {}
        for _attempt in range(plan.size.per_season):
            course = rng.choice(COURSES)
            rooms = [room for room in cal.rooms if room.plan.kind in course.kinds and room.since <= first_day]
            if not rooms:
                continue
            start = first_day + timedelta(days=rng.choice((0, 0, 7, 14, 21, 98, 105, rng.randint(0, _SEASON_SPAN))))
            created = min(open_moment(rng, start - timedelta(days=rng.randint(14, 45))), cal.now - timedelta(hours=1))
            known = bisect.bisect_right(since, created)
            if not known:
                continue
            room = rng.choice(rooms)
            bookings = _place(cal, rng, course, room, start, date(year + 1, 6, 30), rng.choice(plan.size.sessions))
            if not bookings:
                continue
            facilitator = plan.adults[rng.randrange(known)][1]
            host = _host(rng, hosts, created, course.keywords)
            base = f"{course.title} {year}/{(year + 1) % 100:02d}"
            titles[base] = titles.get(base, 0) + 1
            title = base if titles[base] == 1 else f"{base} (gruppo {titles[base]})"
            places = min(round(course.places * plan.size.places), room.plan.capacity)
            current = bookings[-1]["starts_at"].date() >= cal.today
            row = {
                "title": title,
                "description": course.description,
                "facilitator_id": facilitator,
                "organisation_id": host,
                "room_id": room.id,
                "capacity": places,
                # Only this season's courses charge a fee: the demo does not yet pay enrolments at
                # the cash desk, and ten years of fees owed would fill every balance.
                "fee_cents": course.fee_cents if current else 0,
                "fee_kind": course.fee_kind,
                "member_fee_cents": course.member_fee_cents if current else None,
                "min_age": course.min_age,
                "max_age": None,
                "registration_open": current,
                "active": current,
                "sort_key": fold(title),
                "created_at": created,
                "updated_at": created,
            }
            for booking in bookings:
                booking.update(
                    person_id=None if host is not None else facilitator,
                    organisation_id=host,
                    purpose=title,
                    people_count=places,
                    created_at=created,
                    updated_at=created,
                )
                if booking["status"] == "cancelled":
                    moment = created + (min(booking["starts_at"], cal.now) - created) * rng.random()
                    booking["updated_at"] = max(moment.replace(microsecond=0), created)
            cal.bookings.extend(bookings)
            plan.workshops.append(_Planned(row, bookings))
    return plan


def _host(
    rng: random.Random, hosts: Sequence[tuple[datetime, int, str]], before: datetime, keywords: Sequence[str]
) -> int | None:
    """An association whose name fits the course, for about half the workshops; else None."""
    if rng.random() < 0.5:
        return None
    fitting = [host[1] for host in hosts if host[0] <= before and any(word in host[2] for word in keywords)]
    return rng.choice(fitting) if fitting else None


def _place(
    cal: Calendar, rng: random.Random, course: Course, room: RoomInfo, start: date, last_day: date, count: int
) -> list[dict[str, Any]]:
    """Weekly sessions from ``start`` at a time of the course where the room is free on most of the
    dates (closed days and Christmas are skipped); their bookings take the grid. [] if none fit."""
    last_day = min(last_day, cal.horizon)
    minutes = rng.choice(course.minutes)
    for _attempt in range(6):
        weekday = rng.randrange(6)
        moment = rng.choice(course.times)
        if not ends_in_time(moment, minutes):
            continue
        slots = mask(moment, minutes)
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        days: list[date] = []
        collisions = 0
        day = first
        while day <= last_day and len(days) < count:
            ordinal = day.toordinal()
            christmas = (day.month, day.day) >= (12, 23) or (day.month, day.day) <= (1, 6)
            if not christmas and cal.is_open(room, day):
                if cal.free(room, ordinal, slots):
                    days.append(day)
                else:
                    collisions += 1
            day += timedelta(days=7)
        if len(days) < 4 or collisions > len(days) // 4:
            continue
        bookings = []
        for day in days:
            starts_at = datetime.combine(day, moment)
            cancelled = rng.random() < _CANCELLED_SHARE
            if not cancelled:
                cal.take(room, day.toordinal(), slots)
            bookings.append(
                {
                    "_series": None,
                    "room_id": room.id,
                    "starts_at": starts_at,
                    "ends_at": starts_at + timedelta(minutes=minutes),
                    "status": "cancelled" if cancelled else "confirmed",
                    "price_cents": 0,
                    "price_overridden": True,
                    "notes": "",
                    "occurrence_start": None,
                    "ics_uid": None,
                }
            )
        return bookings
    return []


# -- step 2: the rows ---------------------------------------------------------------------------------


def write_workshops(session: Session, plan: WorkshopPlan, users: Sequence[tuple[int, datetime]]) -> WorkshopCounts:
    """Insert the planned workshops (their bookings are numbered by now), their sessions, people and
    registers, and the visits. ``users`` are (id, joined) of the desk's users."""
    rng = plan.rng
    workshops: list[dict[str, Any]] = []
    sessions: list[dict[str, Any]] = []
    enrolments: list[dict[str, Any]] = []
    attendances: list[dict[str, Any]] = []
    since = [row[0] for row in plan.adults]
    today_start = datetime.combine(plan.today, time())
    plan.workshops.sort(key=lambda planned: (planned.row["created_at"], planned.bookings[0]["starts_at"]))
    for workshop_id, planned in enumerate(plan.workshops, start=1):
        row = planned.row
        workshops.append({"id": workshop_id, **row})
        booked = sorted(planned.bookings, key=lambda booking: booking["starts_at"])
        rows = _enrolments(rng, plan, row, booked[0]["starts_at"], since)
        for enrolment in rows:
            enrolment.update(id=len(enrolments) + 1, workshop_id=workshop_id)
            enrolments.append(enrolment)
        known = bisect.bisect_right(since, row["created_at"])
        reliability = {enrolment["person_id"]: rng.uniform(0.6, 0.97) for enrolment in rows}
        in_workshop = set(reliability)
        for booking in booked:
            session_id = len(sessions) + 1
            sessions.append(
                {
                    "id": session_id,
                    "workshop_id": workshop_id,
                    "booking_id": booking["id"],
                    "created_at": row["created_at"],
                }
            )
            start = booking["starts_at"]
            if booking["status"] == "cancelled" or start >= today_start:
                continue  # no register: cancelled, or today's and later ones, for the desk to mark
            present = [
                enrolment["person_id"]
                for enrolment in rows
                if enrolment["enrolled_at"] is not None
                and enrolment["enrolled_at"] <= start
                and (enrolment["withdrawn_at"] is None or enrolment["withdrawn_at"] > start)
                and rng.random() < reliability[enrolment["person_id"]]
            ]
            if rng.random() < _WALK_IN_CHANCE:
                walk_in = plan.adults[rng.randrange(known)][1]
                if walk_in not in in_workshop:
                    present.append(walk_in)
            marked = booking["ends_at"] + timedelta(minutes=rng.randint(-20, 30))
            marker = _user(rng, users, marked)
            attendances += (
                {"session_id": session_id, "person_id": person_id, "marked_at": marked, "marked_by_id": marker}
                for person_id in present
            )
    insert_rows(session, _table(Workshop.__tablename__), workshops)
    insert_rows(session, _table(WorkshopSession.__tablename__), sessions)
    insert_rows(session, _table(Enrolment.__tablename__), enrolments)
    insert_rows(session, _table(Attendance.__tablename__), attendances)
    visits = _write_visits(session, plan, users)
    return WorkshopCounts(len(workshops), len(sessions), len(enrolments), len(attendances), visits)


def _enrolments(
    rng: random.Random, plan: WorkshopPlan, row: Mapping[str, Any], first: datetime, since: Sequence[datetime]
) -> list[dict[str, Any]]:
    """The people who asked for a place before the first session (or now), in the order they asked:
    the first ones get the places, the others wait; a withdrawal gives the place to the first waiting."""
    created = row["created_at"]
    until = min(first, plan.now)
    known = bisect.bisect_right(since, created)
    wanted = max(3, round(row["capacity"] * rng.uniform(*plan.size.demand)))
    people = rng.sample(range(known), min(wanted, known))
    span = max((until - created).total_seconds(), 60.0)
    moments = sorted(created + timedelta(seconds=int(span * rng.random())) for _person in people)
    rows = []
    for queue, (index, requested) in enumerate(zip(people, moments, strict=True), start=1):
        enrolled = queue <= row["capacity"]
        rows.append(
            {
                "person_id": plan.adults[index][1],
                "status": "enrolled" if enrolled else "waiting",
                "queue_number": queue,
                "requested_at": requested,
                "enrolled_at": requested if enrolled else None,
                "withdrawn_at": None,
                "fee_cents": row["fee_cents"],
                "member_fee": False,
                "updated_at": requested,
            }
        )
    last = moments[-1] if moments else created
    # Withdrawals come after the last request (so nobody waits while a place is free), by now.
    leaving = sorted(
        (last + timedelta(days=rng.uniform(0, 40)), position)
        for position, enrolment in enumerate(rows)
        if enrolment["status"] == "enrolled" and rng.random() < _WITHDRAW_CHANCE
    )
    for moment, position in leaving:
        if moment > plan.now:
            continue
        moment = moment.replace(microsecond=0)
        rows[position].update(status="withdrawn", withdrawn_at=moment, updated_at=moment)
        waiting = next((enrolment for enrolment in rows if enrolment["status"] == "waiting"), None)
        if waiting is not None:
            waiting.update(status="enrolled", enrolled_at=moment, updated_at=moment)
    return rows


def _table(name: str) -> Table:
    return Workshop.metadata.tables[name]


def _user(rng: random.Random, users: Sequence[tuple[int, datetime]], at: datetime) -> int:
    present = [user_id for user_id, joined in users if joined <= at]
    return rng.choice(present or [users[0][0]])


def _write_visits(session: Session, plan: WorkshopPlan, users: Sequence[tuple[int, datetime]]) -> int:
    """The visits of every open day (Monday to Saturday, not closed), growing over the years,
    inserted a year at a time."""
    rng = plan.rng
    services = session.execute(
        select(
            DropInService.id,
            DropInService.code,
            DropInService.records_age_band,
            DropInService.records_gender,
            DropInService.records_first_visit,
        ).where(DropInService.code.in_(tuple(_HOURS)))
    ).all()
    since = [row[0] for row in plan.adults]
    regulars = {service.id: rng.sample(plan.adults, max(1, len(plan.adults) // 30)) for service in services}
    seen: set[tuple[int, int]] = set()
    first_visits = {service.id: service.records_first_visit for service in services}
    genders: dict[int, str | None] = {}
    table = _table(Visit.__tablename__)
    first_day = plan.today - timedelta(days=plan.size.visit_days)
    rows: list[dict[str, Any]] = []
    total = 0
    day = first_day
    while day <= plan.today:
        if day.weekday() != 6 and day.toordinal() not in plan.closed:
            progress = (day - first_day).days / plan.size.visit_days
            rate = plan.size.visits_per_day * (0.35 + 0.65 * progress) * rng.uniform(0.75, 1.25)
            day_rows = []
            for service in services:
                for _visit in range(int(rate * _SHARE[service.code])):
                    day_rows.append(_visit_row(rng, plan, service, day, since, regulars[service.id], genders))
            day_rows.sort(key=lambda visit: (visit["at"], visit["service_id"]))
            for visit in day_rows:
                if visit["at"] >= plan.now:
                    break
                if visit["person_id"] is not None and first_visits[visit["service_id"]]:
                    key = (visit["service_id"], visit["person_id"])
                    visit["first_visit"] = key not in seen
                    seen.add(key)
                visit["id"] = total = total + 1
                visit["user_id"] = _user(rng, users, visit["at"])
                rows.append(visit)
        day += timedelta(days=1)
        if len(rows) >= 100_000 or day > plan.today:
            insert_rows(session, table, rows)
            rows = []
    return total


def _visit_row(
    rng: random.Random,
    plan: WorkshopPlan,
    service: Any,
    day: date,
    since: Sequence[datetime],
    regulars: Sequence[tuple[datetime, int]],
    genders: dict[int, str | None],
) -> dict[str, Any]:
    first, last = rng.choice(_HOURS[service.code])
    at = datetime.combine(day, time()) + timedelta(minutes=rng.randrange(first, last), seconds=rng.randrange(60))
    person_id = None
    if rng.random() < _BY_PERSON[service.code]:
        regular = rng.choice(regulars)
        if regular[0] <= at:
            person_id = regular[1]
        else:
            known = bisect.bisect_right(since, at)
            person_id = plan.adults[rng.randrange(known)][1] if known else None
    if person_id is None:
        band: str | None = rng.choice(_ADULT_BANDS) if rng.random() < 0.9 else None
        gender = rng.choices(_GENDERS, cum_weights=_GENDER_WEIGHTS)[0]
        first_visit: bool | None = rng.random() < 0.12
    else:
        birth_date, birth_year = plan.births[person_id]
        ages = possible_ages(birth_date=birth_date, birth_year=birth_year, today=day)
        band = AgeBand.of_age(ages[1]).value if ages is not None else None
        if person_id not in genders:
            genders[person_id] = rng.choices(_GENDERS, cum_weights=_GENDER_WEIGHTS)[0]
        gender = genders[person_id]
        first_visit = None  # settled in time order by ``_write_visits``
    return {
        "service_id": service.id,
        "at": at,
        "person_id": person_id,
        "age_band": band if service.records_age_band else None,
        "gender": gender if service.records_gender else None,
        "first_visit": first_visit if service.records_first_visit else None,
    }
