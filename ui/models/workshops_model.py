"""The workshops list as a lazy table (same pattern as the people and associations lists)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from app.i18n import _, format_number
from app.services import Services
from app.services.roles import Actor
from app.services.workshops import WorkshopRow
from ui.models.lazy_rows import Column, LazyRowsModel

COL_TITLE, COL_FACILITATOR, COL_ROOM, COL_ENROLLED, COL_WAITING, COL_OPEN = range(6)


def places_text(row: WorkshopRow) -> str:
    """ "12 / 15": enrolled out of the places, as the desk reads it."""
    return _("{enrolled} / {capacity}").format(
        enrolled=format_number(row.enrolled), capacity=format_number(row.capacity)
    )


def open_text(row: WorkshopRow) -> str:
    if not row.active:
        return _("no longer running")
    return _("open") if row.registration_open else _("closed")


COLUMNS: tuple[Column[WorkshopRow], ...] = (
    Column(lambda: _("Workshop"), lambda row: row.title),
    Column(lambda: _("Facilitator"), lambda row: row.facilitator_name),
    Column(lambda: _("Room"), lambda row: row.room_name),
    Column(lambda: _("Enrolled"), places_text, align_right=True),
    Column(lambda: _("Waiting"), lambda row: format_number(row.waiting) if row.waiting else "", align_right=True),
    Column(lambda: _("Registration"), open_text),
)


def make_workshops_model(
    *, services: Services, actor: Actor, parent: QObject | None = None
) -> LazyRowsModel[WorkshopRow]:
    """A lazy model over workshop rows; fill it with ``set_ids(services.workshops.workshop_ids(...))``."""

    def fetch(ids: Sequence[int]) -> Sequence[WorkshopRow]:
        return services.workshops.rows(actor, ids)

    return LazyRowsModel(columns=COLUMNS, fetch_rows=fetch, row_id=lambda row: row.id, parent=parent)
