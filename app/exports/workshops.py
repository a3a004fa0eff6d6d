"""The workshops as a list, active or not, in title order."""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell, Money
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor

CHUNK = 500


def header() -> list[str]:
    return [
        _("Workshop"),
        _("Facilitator"),
        _("Organisation"),
        _("Room"),
        _("Capacity"),
        _("Enrolled"),
        _("Waiting list"),
        _("Fee"),
        _("Fee kind"),
        _("Registration open"),
        _("Active"),
    ]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    ids = services.workshops.workshop_ids(actor, include_inactive=True)
    for start in range(0, len(ids), CHUNK):
        for row in services.workshops.rows(actor, ids[start : start + CHUNK]):
            yield (
                row.title,
                row.facilitator_name,
                row.organisation_name,
                row.room_name,
                row.capacity,
                row.enrolled,
                row.waiting,
                Money(row.fee_cents),
                row.fee_kind.label,
                row.registration_open,
                row.active,
            )
