"""Visits of the drop-in services in a period: one row per visit, in time order.

The visit service has no list of its own (the desk only counts); this reads the visits the way
``app/services/visits.py`` stores them and labels them with its own labels (``service_label``,
``AgeBand``, ``Gender``). A large house records a million visits in ten years: they are read a
week at a time, each week in a short transaction of its own on ``ix_visits_service_id_at``, and
yielded one by one, so the export neither holds them all nor keeps the desk from saving.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from app.db.models import DropInService, Person, Visit
from app.exports.csv_dialects import Cell
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.dropin import service_label
from app.services.roles import Actor, authorise
from app.services.visits import AgeBand, Gender

WINDOW_DAYS = 7

_Values = tuple[datetime, int, str | None, str | None, str | None, str | None, bool | None]


def header() -> list[str]:
    return [_("Date"), _("Time"), _("Service"), _("Person"), _("Age band"), _("Gender"), _("First visit")]


def _week(services: Services, actor: Actor, service_ids: list[int], start: datetime, end: datetime) -> list[_Values]:
    statement = (
        select(
            Visit.at,
            Visit.service_id,
            Person.family_name,
            Person.given_name,
            Visit.age_band,
            Visit.gender,
            Visit.first_visit,
        )
        .outerjoin(Person, Person.id == Visit.person_id)
        # ``service_id IN (...)`` lets SQLite read one stretch of the index per service.
        .where(Visit.service_id.in_(service_ids), Visit.at >= start, Visit.at < end)
        .order_by(Visit.at, Visit.id)
    )
    with services.database.sessions.begin() as session:
        authorise(session, actor)
        return [tuple(values) for values in session.execute(statement)]  # type: ignore[misc]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    with services.database.sessions.begin() as session:
        authorise(session, actor)
        labels = {
            service_id: service_label(code, name)
            for service_id, code, name in session.execute(
                select(DropInService.id, DropInService.code, DropInService.name)
            )
        }
    service_ids = sorted(labels)
    if not service_ids:
        return
    for start, end in period.windows(WINDOW_DAYS):
        for at, service_id, family, given, age_band, gender, first_visit in _week(
            services, actor, service_ids, start, end
        ):
            yield (
                at.date(),
                at.time(),
                labels[service_id],
                f"{family or ''} {given or ''}".strip(),
                AgeBand(age_band).label if age_band else None,
                Gender(gender).label if gender else None,
                first_visit,
            )
