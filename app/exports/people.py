"""The people registry as a list: one row per person, in name order."""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor

CHUNK = 500


def header() -> list[str]:
    return [_("Family name"), _("Given name"), _("Phone"), _("Email"), _("Birth year"), _("Privacy consent")]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    """The list the People page shows, read a page of ids at a time."""
    ids = services.people.search_ids(actor)
    for start in range(0, len(ids), CHUNK):
        for row in services.people.rows(actor, ids[start : start + CHUNK]):
            yield row.family_name, row.given_name, row.phone, row.email, row.birth_year, row.has_consent
