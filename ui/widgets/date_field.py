"""A field for one day, typed or picked from a calendar, alike wherever a span of days is asked for.

The closures, a tool's reservations and the calendar and report exports ask for a first and a
last day; one home keeps their format, width and tooltip the same.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QSizePolicy

from app.i18n import _

DATE_FORMAT = "dd/MM/yyyy"


def date_field(name: str) -> QDateEdit:
    """A day field called ``name``: ``dd/MM/yyyy``, with its calendar one Alt+Down away."""
    field = QDateEdit()
    field.setObjectName(name)
    field.setCalendarPopup(True)
    field.setDisplayFormat(DATE_FORMAT)
    field.setToolTip(_("Type the day, or open the calendar with the arrow (Alt+Down)"))
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance("00/00/00000") + 48)
    field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return field
