"""What the calendar needs to stay fast and to re-import: a series' last end, calendar UIDs, members.

``booking_series.last_end`` is the end of a bounded series' last occurrence (NULL while it is
open-ended), so a day of the calendar reads only the series that can reach it instead of expanding
every series the house ever had. ``ics_uid`` keeps the UID of an event imported from an ``.ics``
file, so importing the same file again recognises it. ``organisations.member`` marks the member
associations that pay a room's reduced rate.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import sqlalchemy as sa
from alembic import op
from dateutil.rrule import rrulestr

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BOUNDED = re.compile(r"(UNTIL|COUNT)=", re.IGNORECASE)


def _last_end(rule: str, dtstart: datetime, duration_minutes: int) -> datetime | None:
    """Frozen copy of the rule in app/services/booking_rules.py as it was for this revision."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not _BOUNDED.search(text):
        return None
    starts = list(rrulestr(text, dtstart=dtstart))
    last = starts[-1] if starts else dtstart
    return last + timedelta(minutes=duration_minutes)


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: SQLite adds them in place. A batch (copy and drop) would fail on
    # a filled file, since other tables' foreign keys point at these.
    op.add_column("organisations", sa.Column("member", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("booking_series", sa.Column("last_end", sa.DateTime(), nullable=True))
    op.add_column("booking_series", sa.Column("ics_uid", sa.String(255), nullable=True))
    op.add_column("bookings", sa.Column("ics_uid", sa.String(255), nullable=True))
    op.create_index("ix_booking_series_last_end", "booking_series", ["last_end"])
    op.create_index("ix_booking_series_ics_uid", "booking_series", ["ics_uid"])
    op.create_index("ix_bookings_ics_uid", "bookings", ["ics_uid"])

    connection = op.get_bind()
    series = sa.table(
        "booking_series",
        sa.column("id", sa.Integer()),
        sa.column("rrule", sa.Text()),
        sa.column("dtstart", sa.DateTime()),
        sa.column("duration_minutes", sa.Integer()),
        sa.column("last_end", sa.DateTime()),
    )
    for row in connection.execute(sa.select(series.c.id, series.c.rrule, series.c.dtstart, series.c.duration_minutes)):
        last_end = _last_end(row.rrule, row.dtstart, row.duration_minutes)
        if last_end is not None:
            connection.execute(sa.update(series).where(series.c.id == row.id).values(last_end=last_end))


def downgrade() -> None:
    op.drop_index("ix_bookings_ics_uid", "bookings")
    op.drop_index("ix_booking_series_ics_uid", "booking_series")
    op.drop_index("ix_booking_series_last_end", "booking_series")
    with op.batch_alter_table("bookings") as table:
        table.drop_column("ics_uid")
    with op.batch_alter_table("booking_series") as table:
        table.drop_column("ics_uid")
        table.drop_column("last_end")
    with op.batch_alter_table("organisations") as table:
        table.drop_column("member")
