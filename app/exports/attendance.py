"""Attendance: one row per person present at a session, with the session's hours.

The sessions come from ``services.workshop_sessions.sessions`` and who was present from
each session's register (``services.attendance.register``), the same the desk marks; cancelled
sessions have no register. Hours are the session's length, as in the workshop's totals.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.exports.csv_dialects import Cell, hours
from app.exports.period import Period
from app.i18n import _
from app.services import Services
from app.services.roles import Actor


def header() -> list[str]:
    return [_("Workshop"), _("Date"), _("From"), _("To"), _("Room"), _("Person"), _("Hours")]


def rows(services: Services, actor: Actor, period: Period) -> Iterator[tuple[Cell, ...]]:
    """Workshop by workshop (in title order), session by session (in date order)."""
    start, end = period.span()
    for workshop_id in services.workshops.workshop_ids(actor, include_inactive=True):
        sessions = [
            session
            for session in services.workshop_sessions.sessions(actor, workshop_id, include_cancelled=False)
            if start <= session.start < end
        ]
        if not sessions:
            continue
        present = services.attendance.present_counts(actor, [session.id for session in sessions])
        for session in sessions:
            if not present.get(session.id, (0, 0))[0]:
                continue
            for line in services.attendance.register(actor, session.id).lines:
                if line.present:
                    yield (
                        session.workshop_title,
                        session.start.date(),
                        session.start.time(),
                        session.end.time(),
                        session.room_name,
                        line.name,
                        hours(session.minutes),
                    )
