"""What the reports need: each room's weekly opening hours, public bookings, the house's logo.

``room_opening_hours`` holds the spans a room is open on each weekday (0 = Monday); several spans a
day (a lunch break) are allowed, the service keeps them apart. The monthly summary measures a room's
occupancy against them. ``public`` marks a booking or series that belongs on the weekly programme
poster. ``house_logos`` keeps the one logo of the house (the poster's header) inside the database,
so that a backup holds it too.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "room_opening_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_room_opening_hours_weekday"),
        sa.CheckConstraint("opens < closes", name="ck_room_opening_hours_opens_before_closes"),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name="fk_room_opening_hours_room_id_rooms", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_room_opening_hours"),
    )
    op.create_index("ix_room_opening_hours_room_id", "room_opening_hours", ["room_id"])

    # Plain ALTER TABLE ADD COLUMN: SQLite adds them in place (see 0005).
    op.add_column("bookings", sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("booking_series", sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table(
        "house_logos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(30), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_house_logos_one_row"),
        sa.PrimaryKeyConstraint("id", name="pk_house_logos"),
    )


def downgrade() -> None:
    op.drop_table("house_logos")
    with op.batch_alter_table("booking_series") as table:
        table.drop_column("public")
    with op.batch_alter_table("bookings") as table:
        table.drop_column("public")
    op.drop_index("ix_room_opening_hours_room_id", "room_opening_hours")
    op.drop_table("room_opening_hours")
