"""The associations and groups list as a lazy table (same pattern as the people list)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.i18n import _, format_number
from app.services import Services
from app.services.organisations import OrganisationRow
from app.services.roles import Actor
from ui.models.lazy_rows import Column, LazyRowsModel

COL_NAME, COL_KIND, COL_CONTACT, COL_PHONE, COL_MEMBERS = range(5)

COLUMNS: tuple[Column[OrganisationRow], ...] = (
    Column(lambda: _("Name"), lambda row: row.name),
    Column(lambda: _("Kind"), lambda row: row.kind.label),
    Column(lambda: _("Contact person"), lambda row: row.contact_name),
    Column(lambda: _("Phone"), lambda row: row.phone),
    Column(lambda: _("Members"), lambda row: format_number(row.member_count), align_right=True),
)


def make_organisations_model(
    *, services: Services, actor: Actor, parent: QObject | None = None
) -> LazyRowsModel[OrganisationRow]:
    """A lazy model over organisation rows; fill it with ``set_ids(services.organisations.search_ids(...))``."""

    def fetch(ids: Sequence[int]) -> Sequence[OrganisationRow]:
        return services.organisations.rows(actor, ids)

    return LazyRowsModel(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)
