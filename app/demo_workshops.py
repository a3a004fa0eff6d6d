"""The demo house's workshops: courses of each season (September to June) and of the summer, their
people and registers; then the drop-in visits (``demo_visits``).

In two steps, because a session's room and time are those of its booking (``workshop_sessions``):
``plan_workshops`` runs inside ``demo_rooms`` before the groups' series, placing each session's
booking on the calendar's grid (``Calendar.free/take``: never over a confirmed booking of the room
or a linked one, never on a closed day) and adding it to the calendar's bookings, which numbers
them; ``write_workshops`` then inserts the workshops, their sessions (pointing at those booking
ids), enrolments, attendance marks and the visits, in bulk (``demo_cash.insert_rows`` and, for the
hundreds of thousands of marks, ``insert_values``).

The seasons run from mid-September to June: most courses start in the autumn, some in January or
later. In the summer come short daily courses (two weeks on weekdays), mostly in late June and
July, few in August, some in early September. Every season's courses charge their fee (a little
lower in the early years); the members' reduced fee and the payments at the cash desk are settled by
``demo_fees`` once the cards are drawn, so the enrolments are written here with the full fee.

A session's booking is the one ``WorkshopSessionService`` makes: held by the workshop's
association, else by its facilitator; purpose the title; as many people as places; price 0,
overridden. Enrolments follow ``enrolments``: never more enrolled than places, the others wait in
the order they asked (during the desk's hours), and a place freed by a withdrawal goes to the first one
waiting; those waiting owe no fee; a course with a minimum age enrols only people old enough.
Attendance marks only people enrolled at the time of the session, and now and then a walk-in;
presence is realistic (each person comes to 60-97% of the meetings).

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

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.db.models import Attendance, Enrolment, Workshop, WorkshopSession
from app.demo_calendar import Calendar, RoomInfo, ends_in_time, mask
from app.demo_cash import insert_rows, insert_values, open_moment, stored
from app.demo_names import FEMALE_NAMES
from app.demo_rooms_data import CLASS, FLOOR, HALL, KITCHEN, MEETING, MUSIC, SEWING, WORKSHOP
from app.demo_visits import VisitPlan, write_visits
from app.services.visits import Gender
from app.services.workshop_rules import outside_age_range, possible_ages
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
# Short daily courses of the summer.
SUMMER_COURSES: tuple[Course, ...] = (
    Course("Italiano d'estate: corso intensivo", (CLASS, MEETING), 16, 0, "course", None, (120,), _MORNING,
           ("scuola", "italiano", "intercultur", "migranti")),
    Course("Sartoria d'estate: riparazioni", (SEWING,), 10, 4000, "course", 3000, (150,), _AFTERNOON,
           ("sartoria", "cucito", "tessil")),
    Course("Ciclofficina d'estate", (WORKSHOP,), 10, 2500, "course", 1500, (120,), _AFTERNOON + _EVENING,
           ("bici", "ciclo")),
    Course("Teatro in cortile", (FLOOR, HALL), 20, 3500, "course", 2500, (120,), _EVENING, ("teatro",),
           "Due settimane di prove e uno spettacolo in cortile."),
    Course("Ginnastica d'estate", (FLOOR, HALL), 20, 300, "session", 200, (60,), _MORNING, ("sport", "benessere"),
           min_age=60),
    Course("Cucina d'estate: conserve e gelati", (KITCHEN,), 12, 1000, "session", 800, (150,), _EVENING,
           ("cucina", "gastronom")),
    Course("Informatica d'estate: il curriculum al computer", (CLASS, MEETING), 12, 0, "course", None, (120,),
           _MORNING, ("digital", "informatica", "lavoro")),
)
# fmt: on


@dataclass(frozen=True)
class WorkshopSize:
    per_season: int  # workshops tried in each season (September to June)
    sessions: tuple[int, ...]  # how many weekly meetings a course has, one drawn
    demand: tuple[float, float]  # people asking, as a share of the places
    visit_days: int  # visits on the open days of this many days before today
    visits_per_day: float  # on average, at the end of the span (fewer in the first years)
    places: float = 1.0  # the courses' places times this (the large house has more people), within the room
    summer: int = 0  # summer courses tried each summer


WORKSHOP_SIZES = {
    "small": WorkshopSize(per_season=12, sessions=(8, 10, 12, 15), demand=(0.6, 1.4), visit_days=3652,
                          visits_per_day=14, summer=2),
    "large": WorkshopSize(per_season=240, sessions=(8, 10, 12, 12, 15, 16, 20, 24), demand=(1.0, 1.7),
                          visit_days=3652, visits_per_day=510, places=1.4, summer=45),
}  # fmt: skip
_SEASON_START = (9, 15)  # (month, day) from which the season's courses start
_SEASON_SPAN = 215  # days after the season's start within which a course may start
# The Mondays a summer course may start on, counted in weeks from the Monday of 15 June, and their
# weights: late June and July, few in August, some in early September.
_SUMMER_WEEKS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
_SUMMER_WEIGHTS = (6, 8, 8, 8, 7, 6, 2, 1, 1, 1, 4, 5, 3)
_PRICE_RISE = 0.025  # a year: the fees were lower in the early years
_CANCELLED_SHARE = 0.02  # of the sessions
_WALK_IN_CHANCE = 0.05  # that someone not enrolled comes to a session
_WITHDRAW_CHANCE = 0.08  # of the people enrolled
_ATTENDANCE_COLUMNS = ("session_id", "person_id", "marked_at", "marked_by_id")


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
    genders: dict[int, str] = field(default_factory=dict)  # the one each person's given name was drawn for


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
    """Place the workshops of each season and summer on ``cal`` and add their sessions' bookings to it."""
    plan = WorkshopPlan(rng, cal.today, cal.now, frozenset(cal.closed), WORKSHOP_SIZES[size])
    adult_by = cal.today.year - 20
    plan.adults = sorted(
        (row["created_at"], row["id"])
        for row in people
        if row["guardian_id"] is None and (row["birth_year"] is None or row["birth_year"] < adult_by)
    )
    plan.births = {row["id"]: (row["birth_date"], row["birth_year"]) for row in people}
    plan.genders = {
        row["id"]: (Gender.FEMALE if row["given_name"] in FEMALE_NAMES else Gender.MALE).value for row in people
    }
    placer = _Placer(cal, plan, sorted((row["created_at"], row["id"], row["name"].lower()) for row in organisations))
    current = cal.horizon.year - 1
    for year in range(cal.horizon.year - cal.size.seasons, cal.horizon.year):
        first_day = max(date(year, *_SEASON_START), cal.opening + timedelta(days=30))
        label = f"{year}/{(year + 1) % 100:02d}"
        for _attempt in range(plan.size.per_season):
            course = rng.choice(COURSES)
            offset = rng.choice((0, 0, 7, 14, 21, 28, 112, 119, rng.randint(0, _SEASON_SPAN)))
            start = first_day + timedelta(days=offset)
            placer.place(course, start, date(year + 1, 6, 30), rng.choice(plan.size.sessions), label, current - year)
        summer = date(year + 1, 6, 15)
        if summer - timedelta(days=60) > cal.today:
            continue  # next summer's courses are not planned yet
        monday = summer - timedelta(days=summer.weekday())
        for _attempt in range(plan.size.summer):
            course = rng.choice(SUMMER_COURSES)
            week = rng.choices(_SUMMER_WEEKS, weights=_SUMMER_WEIGHTS)[0]
            start = monday + timedelta(weeks=week)
            placer.place(course, start, start + timedelta(days=13), 10, str(year + 1), current - year, daily=True)
    return plan


class _Placer:
    """Places one workshop at a time on the calendar's grid, into the plan."""

    def __init__(self, cal: Calendar, plan: WorkshopPlan, hosts: Sequence[tuple[datetime, int, str]]) -> None:
        self._cal = cal
        self._plan = plan
        self._hosts = hosts
        self._since = [row[0] for row in plan.adults]
        self._titles: dict[str, int] = {}

    def place(
        self,
        course: Course,
        start: date,
        last_day: date,
        count: int,
        label: str,
        years_ago: int,
        *,
        daily: bool = False,
    ) -> None:
        """A workshop of ``course`` from ``start`` (weekly, or each weekday), if a room fits."""
        cal, plan, rng = self._cal, self._plan, self._plan.rng
        rooms = [room for room in cal.rooms if room.plan.kind in course.kinds and room.since <= start]
        if not rooms:
            return
        created = min(open_moment(rng, start - timedelta(days=rng.randint(14, 45))), cal.now - timedelta(hours=1))
        known = bisect.bisect_right(self._since, created)
        if not known:
            return
        room = rng.choice(rooms)
        bookings = _place(cal, rng, course, room, start, last_day, count, daily=daily)
        if not bookings:
            return
        facilitator = plan.adults[rng.randrange(known)][1]
        host = _host(rng, self._hosts, created, course.keywords)
        base = f"{course.title} {label}"
        self._titles[base] = self._titles.get(base, 0) + 1
        title = base if self._titles[base] == 1 else f"{base} (gruppo {self._titles[base]})"
        places = min(round(course.places * plan.size.places), room.plan.capacity)
        current = bookings[-1]["starts_at"].date() >= cal.today
        member_fee = course.member_fee_cents
        row = {
            "title": title,
            "description": course.description,
            "facilitator_id": facilitator,
            "organisation_id": host,
            "room_id": room.id,
            "capacity": places,
            "fee_cents": _priced(course.fee_cents, years_ago),
            "fee_kind": course.fee_kind,
            "member_fee_cents": None if member_fee is None else _priced(member_fee, years_ago),
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


def _priced(cents: int, years_ago: int) -> int:
    """A fee of today as it was ``years_ago`` seasons back: a little lower, in round figures."""
    if cents == 0:
        return 0
    step = 500 if cents >= 2000 else 50
    return max(step, round(cents * (1 - _PRICE_RISE * years_ago) / step) * step)


def _host(
    rng: random.Random, hosts: Sequence[tuple[datetime, int, str]], before: datetime, keywords: Sequence[str]
) -> int | None:
    """An association whose name fits the course, for about half the workshops; else None."""
    if rng.random() < 0.5:
        return None
    fitting = [host[1] for host in hosts if host[0] <= before and any(word in host[2] for word in keywords)]
    return rng.choice(fitting) if fitting else None


def _place(
    cal: Calendar,
    rng: random.Random,
    course: Course,
    room: RoomInfo,
    start: date,
    last_day: date,
    count: int,
    *,
    daily: bool = False,
) -> list[dict[str, Any]]:
    """Weekly sessions from ``start`` (or, ``daily``, one each weekday) at a time of the course where
    the room is free on most of the dates (closed days and Christmas are skipped); their bookings
    take the grid. [] if none fit."""
    last_day = min(last_day, cal.horizon)
    minutes = rng.choice(course.minutes)
    for _attempt in range(6):
        weekday = rng.randrange(6)
        moment = rng.choice(course.times)
        if not ends_in_time(moment, minutes):
            continue
        slots = mask(moment, minutes)
        first = start if daily else start + timedelta(days=(weekday - start.weekday()) % 7)
        days: list[date] = []
        collisions = 0
        day = first
        while day <= last_day and len(days) < count:
            ordinal = day.toordinal()
            christmas = (day.month, day.day) >= (12, 23) or (day.month, day.day) <= (1, 6)
            if not christmas and (not daily or day.weekday() < 5) and cal.is_open(room, day):
                if cal.free(room, ordinal, slots):
                    days.append(day)
                else:
                    collisions += 1
            day += timedelta(days=1 if daily else 7)
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
    attendances: list[tuple[int, int, str, int]] = []
    since = [row[0] for row in plan.adults]
    today_start = datetime.combine(plan.today, time())
    plan.workshops.sort(key=lambda planned: (planned.row["created_at"], planned.bookings[0]["starts_at"]))
    for workshop_id, planned in enumerate(plan.workshops, start=1):
        row = planned.row
        workshops.append({"id": workshop_id, **row})
        booked = sorted(planned.bookings, key=lambda booking: booking["starts_at"])
        meetings = [booking["starts_at"] for booking in booked if booking["status"] != "cancelled"]
        rows = _enrolments(rng, plan, row, (booked[0]["starts_at"], meetings[-1] if meetings else None), since)
        for enrolment in rows:
            enrolment.update(id=len(enrolments) + 1, workshop_id=workshop_id)
            enrolments.append(enrolment)
        known = bisect.bisect_right(since, row["created_at"])
        reliability = {enrolment["person_id"]: rng.uniform(0.6, 0.97) for enrolment in rows}
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
                if walk_in not in reliability:
                    present.append(walk_in)
            marked = booking["ends_at"] + timedelta(minutes=rng.randint(-20, 30))
            marker = _user(rng, users, marked)
            at = stored(marked)
            attendances += ((session_id, person_id, at, marker) for person_id in present)
    insert_rows(session, _table(Workshop.__tablename__), workshops)
    insert_rows(session, _table(WorkshopSession.__tablename__), sessions)
    insert_rows(session, _table(Enrolment.__tablename__), enrolments)
    insert_values(session, _table(Attendance.__tablename__), _ATTENDANCE_COLUMNS, attendances)
    size = plan.size
    visits = write_visits(
        session,
        rng,
        VisitPlan(
            plan.today,
            plan.now,
            plan.closed,
            size.visit_days,
            size.visits_per_day,
            plan.adults,
            plan.births,
            plan.genders,
        ),
        users,
    )
    return WorkshopCounts(len(workshops), len(sessions), len(enrolments), len(attendances), visits)


def _enrolments(
    rng: random.Random,
    plan: WorkshopPlan,
    row: Mapping[str, Any],
    sessions: tuple[datetime, datetime | None],
    since: Sequence[datetime],
) -> list[dict[str, Any]]:
    """The people who asked for a place before the first session (or now), in the order they asked:
    the first ones get the places, the others wait; a withdrawal (before the last meeting held,
    ``sessions`` being the first session's start and the last meeting's) gives the place to the
    first waiting."""
    first, last_meeting = sessions
    created = row["created_at"]
    until = min(first, plan.now)
    known = bisect.bisect_right(since, created)
    wanted = max(3, round(row["capacity"] * rng.uniform(*plan.size.demand)))
    people = rng.sample(range(known), min(wanted, known))
    if row["min_age"] is not None or row["max_age"] is not None:
        people = [index for index in people if _fits(plan, plan.adults[index][1], row, created)]
    moments = sorted(_asked(rng, created, until) for _person in people)
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
                # The full fee; ``demo_fees`` gives members theirs once the cards are drawn.
                "fee_cents": row["fee_cents"] if enrolled else 0,
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
        if moment > plan.now or last_meeting is None or moment >= last_meeting:
            continue  # not yet, or the course is over: nobody withdraws any more
        moment = moment.replace(microsecond=0)
        rows[position].update(status="withdrawn", withdrawn_at=moment, updated_at=moment)
        waiting = next((enrolment for enrolment in rows if enrolment["status"] == "waiting"), None)
        if waiting is not None:
            waiting.update(status="enrolled", enrolled_at=moment, updated_at=moment, fee_cents=row["fee_cents"])
    return rows


def _asked(rng: random.Random, created: datetime, until: datetime) -> datetime:
    """A moment between ``created`` and ``until`` during the desk's hours (within them if too short)."""
    days = (until.date() - created.date()).days
    moment = open_moment(rng, created.date() + timedelta(days=rng.randint(0, max(days, 0))))
    return max(created, min(moment, until - timedelta(minutes=1)))


def _fits(plan: WorkshopPlan, person_id: int, row: Mapping[str, Any], at: datetime) -> bool:
    """Whether the person's age fits the workshop's on the day of ``at``, as ``enrolments`` checks it."""
    birth_date, birth_year = plan.births[person_id]
    ages = possible_ages(birth_date=birth_date, birth_year=birth_year, today=at.date())
    return not outside_age_range(ages, row["min_age"], row["max_age"])


def _table(name: str) -> Table:
    return Workshop.metadata.tables[name]


def _user(rng: random.Random, users: Sequence[tuple[int, datetime]], at: datetime) -> int:
    present = [user_id for user_id, joined in users if joined <= at]
    return rng.choice(present or [users[0][0]])
