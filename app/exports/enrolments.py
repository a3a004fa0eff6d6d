"""Enrolments of every workshop: one row per person per workshop, withdrawn ones included.

With a period, only the requests made in it (``requested_at``).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell, Money
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor


def header() -> list[str]:
    return [
        _("Workshop"),
        _("Person"),
        _("Phone"),
        _("Status"),
        _("Place in queue"),
        _("Requested on"),
        _("Enrolled on"),
        _("Withdrawn on"),
        _("Due"),
        _("Paid"),
        _("Member fee"),
    ]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    start, end = period.span()
    for workshop_id in services.workshops.workshop_ids(actor, include_inactive=True):
        for row in services.enrolments.enrolments(actor, workshop_id, include_withdrawn=True):
            if not start <= row.requested_at < end:
                continue
            yield (
                row.workshop_title,
                row.name,
                row.phone,
                row.status.label,
                row.position,
                row.requested_at.date(),
                row.enrolled_at.date() if row.enrolled_at else None,
                row.withdrawn_at.date() if row.withdrawn_at else None,
                Money(row.due_cents),
                Money(row.paid_cents),
                row.member_fee,
            )
