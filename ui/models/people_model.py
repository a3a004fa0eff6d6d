"""The people list as a lazy table: the page gives it ids, it fetches rows as they are shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.i18n import _
from app.services import Services
from app.services.people import PersonRow
from app.services.roles import Actor
from ui.models.lazy_rows import Column, LazyRowsModel

COL_FAMILY, COL_GIVEN, COL_PHONE, COL_EMAIL, COL_BORN, COL_CONSENT = range(6)

COLUMNS: tuple[Column[PersonRow], ...] = (
    Column(lambda: _("Family name"), lambda row: row.family_name),
    Column(lambda: _("Given name"), lambda row: row.given_name),
    Column(lambda: _("Phone"), lambda row: row.phone),
    Column(lambda: _("Email"), lambda row: row.email),
    Column(lambda: _("Born"), lambda row: str(row.birth_year) if row.birth_year is not None else "", align_right=True),
    # "—" rather than "No": a missing consent is something to ask for, not a refusal.
    Column(lambda: _("Privacy consent"), lambda row: _("Yes") if row.has_consent else "—"),
)


def make_people_model(*, services: Services, actor: Actor, parent: QObject | None = None) -> LazyRowsModel[PersonRow]:
    """A lazy model over people rows; call ``set_ids(services.people.search_ids(...))`` to fill it."""

    def fetch(ids: Sequence[int]) -> Sequence[PersonRow]:
        return services.people.rows(actor, ids)

    return LazyRowsModel(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)
