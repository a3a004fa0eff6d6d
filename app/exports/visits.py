"""Visits of the drop-in services in a period: one row per visit, in time order.

Read through ``services.visits.between`` with its labels (service, age band, gender) a week at a
time: a large house records a million visits in ten years, and each week is read in a short
transaction of its own, so the export neither holds them all nor keeps the desk from saving.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor

WINDOW_DAYS = 7


def header() -> list[str]:
    return [_("Date"), _("Time"), _("Service"), _("Person"), _("Age band"), _("Gender"), _("First visit")]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    for start, end in period.windows(WINDOW_DAYS):
        for visit in services.visits.between(actor, start, end):
            yield (
                visit.at.date(),
                visit.at.time(),
                visit.service,
                visit.person_name,
                visit.age_band.label if visit.age_band else None,
                visit.gender.label if visit.gender else None,
                visit.first_visit,
            )
