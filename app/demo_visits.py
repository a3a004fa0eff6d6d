"""The demo house's drop-in visits: the showers' and the job desk's visitors of every open day.

Called by ``demo_workshops.write_workshops`` with its plan's people and chance. A visit records the
statistics its service asks for, filled from the person as ``VisitService.record`` fills them
(``visits.age_band_of`` on the day, first visit in time order) and the gender the desk is told,
always the one the person's given name was drawn for; the others are anonymous and described at
the desk. The large house has a million of them, so each row is a tuple of the values as SQLite
stores them (``demo_cash.stored``), inserted a year at a time with one executemany.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DropInService, Visit
from app.demo_cash import insert_values, stored
from app.services.visits import AgeBand, age_band_of

# The drop-in services' hours (a visit is at a minute within them) and their share of the visits.
_HOURS = {"showers": ((9 * 60, 13 * 60), (15 * 60, 18 * 60)), "job_desk": ((9 * 60 + 30, 12 * 60 + 30),)}
_SHARE = {"showers": 0.68, "job_desk": 0.32}
_BY_PERSON = {"showers": 0.3, "job_desk": 0.55}  # the rest are anonymous
_GENDERS = ("male", "female", "other", None)
_GENDER_WEIGHTS = (0.55, 0.95, 0.96, 1.0)  # cumulative
_ADULT_BANDS = tuple(band.value for band in AgeBand)[2:]
_COLUMNS = ("id", "service_id", "at", "person_id", "age_band", "gender", "first_visit", "user_id")
_BATCH = 100_000


@dataclass(frozen=True)
class VisitPlan:
    """What the visits are drawn from."""

    today: date
    now: datetime
    closed: frozenset[int]  # ordinals of the days the house was closed
    days: int  # visits on the open days of this many days before today
    per_day: float  # on average, at the end of the span (fewer in the first years)
    adults: Sequence[tuple[datetime, int]]  # (registered, person id), in order
    births: dict[int, tuple[date | None, int | None]]
    genders: dict[int, str]  # person id -> the gender their given name was drawn for


@dataclass(frozen=True)
class _Service:
    id: int
    code: str
    age_band: bool
    gender: bool
    first_visit: bool


def write_visits(session: Session, rng: random.Random, plan: VisitPlan, users: Sequence[tuple[int, datetime]]) -> int:
    """The visits of every open day (Monday to Saturday, not closed), growing over the years."""
    services = [
        _Service(service_id, code or "", age_band, gender, first_visit)
        for service_id, code, age_band, gender, first_visit in session.execute(
            select(
                DropInService.id,
                DropInService.code,
                DropInService.records_age_band,
                DropInService.records_gender,
                DropInService.records_first_visit,
            ).where(DropInService.code.in_(tuple(_HOURS)))
        )
    ]
    table = Visit.metadata.tables[Visit.__tablename__]
    drawer = _Drawer(rng, plan, services)
    now = stored(plan.now)
    first_day = plan.today - timedelta(days=plan.days)
    rows: list[tuple[Any, ...]] = []
    total = 0
    day = first_day
    while day <= plan.today:
        if day.weekday() != 6 and day.toordinal() not in plan.closed:
            rate = plan.per_day * (0.35 + 0.65 * (day - first_day).days / plan.days) * rng.uniform(0.75, 1.25)
            day_rows = [
                drawer.visit(service, day) for service in services for _visit in range(int(rate * _SHARE[service.code]))
            ]
            day_rows.sort(key=lambda visit: (visit[1], visit[0]))
            present = _present(users, day)
            for visit in day_rows:
                if visit[1] >= now:
                    break
                total += 1
                rows.append((total, *drawer.settle(visit), rng.choice(present or [users[0][0]])))
        day += timedelta(days=1)
        if len(rows) >= _BATCH or day > plan.today:
            if rows:
                insert_values(session, table, _COLUMNS, rows)
            rows = []
    return total


def _present(users: Sequence[tuple[int, datetime]], day: date) -> list[int]:
    """The users working at the desk by the start of the visits' hours of ``day`` (9:00)."""
    opening = datetime(day.year, day.month, day.day, 9)
    return [user_id for user_id, joined in users if joined <= opening]


class _Drawer:
    """Draws the visits of a day; remembers the regulars and who came already."""

    def __init__(self, rng: random.Random, plan: VisitPlan, services: Sequence[_Service]) -> None:
        self._rng = rng
        self._plan = plan
        self._since = [row[0] for row in plan.adults]
        self._regulars = {service.id: rng.sample(plan.adults, max(1, len(plan.adults) // 30)) for service in services}
        self._services = {service.id: service for service in services}
        self._seen: set[tuple[int, int]] = set()

    def visit(self, service: _Service, day: date) -> tuple[int, str, int | None, str | None, str | None, bool | None]:
        """(service id, at, person id, age band, gender, first visit), first visit to be settled."""
        rng = self._rng
        first, last = rng.choice(_HOURS[service.code])
        minute = rng.randrange(first, last)
        at = datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60))
        person_id = None
        if rng.random() < _BY_PERSON[service.code]:
            regular = rng.choice(self._regulars[service.id])
            if regular[0] <= at:
                person_id = regular[1]
            else:
                known = bisect.bisect_right(self._since, at)
                person_id = self._plan.adults[rng.randrange(known)][1] if known else None
        first_visit: bool | None = None  # settled in time order by ``settle``
        if person_id is None:
            band: str | None = rng.choice(_ADULT_BANDS) if rng.random() < 0.9 else None
            gender = rng.choices(_GENDERS, cum_weights=_GENDER_WEIGHTS)[0]
            first_visit = rng.random() < 0.12
        else:
            known_band = age_band_of(*self._plan.births[person_id], day)
            band = known_band.value if known_band is not None else None
            gender = self._plan.genders[person_id]
        return (
            service.id,
            stored(at),
            person_id,
            band if service.age_band else None,
            gender if service.gender else None,
            first_visit if service.first_visit else None,
        )

    def settle(
        self, visit: tuple[int, str, int | None, str | None, str | None, bool | None]
    ) -> tuple[int, str, int | None, str | None, str | None, bool | None]:
        """The visit with its first visit settled, for a person, as the visits service does."""
        service_id, at, person_id, band, gender, first_visit = visit
        if person_id is not None and self._services[service_id].first_visit:
            key = (service_id, person_id)
            first_visit = key not in self._seen
            self._seen.add(key)
        return service_id, at, person_id, band, gender, first_visit
