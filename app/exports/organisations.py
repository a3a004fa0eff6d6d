"""The associations and groups as a list, in name order."""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor

CHUNK = 500


def header() -> list[str]:
    return [_("Name"), _("Kind"), _("Contact person"), _("Phone"), _("Members"), _("Member association")]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    ids = services.organisations.search_ids(actor)
    for start in range(0, len(ids), CHUNK):
        for row in services.organisations.rows(actor, ids[start : start + CHUNK]):
            yield row.name, row.kind.label, row.contact_name, row.phone, row.member_count, row.member
