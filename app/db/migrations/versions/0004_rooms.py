"""Rooms, closures, booking series and bookings.

Times are naive local wall-clock times of the house (Europe/Rome), see app/clock.py. A room may be
part of a larger one (``parent_room_id``): booking either blocks the other. A series stores its
RFC 5545 rule and is expanded when asked for a range; only occurrences that were moved are stored
as bookings (``series_id`` and ``occurrence_start``).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATUSES = "status IN ('tentative', 'confirmed', 'cancelled')"


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("hourly_rate_cents", sa.Integer(), nullable=False),
        sa.Column("member_rate_cents", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(7), nullable=False),
        sa.Column("equipment", sa.Text(), nullable=False),
        sa.Column("opening_hours", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("parent_room_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("capacity > 0", name="ck_rooms_capacity_positive"),
        sa.CheckConstraint("hourly_rate_cents >= 0", name="ck_rooms_rate_not_negative"),
        sa.CheckConstraint("member_rate_cents >= 0", name="ck_rooms_member_rate_not_negative"),
        sa.CheckConstraint("colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'", name="ck_rooms_colour"),
        sa.CheckConstraint("parent_room_id IS NULL OR parent_room_id <> id", name="ck_rooms_not_own_part"),
        sa.ForeignKeyConstraint(["parent_room_id"], ["rooms.id"], name="fk_rooms_parent_room_id_rooms"),
        sa.PrimaryKeyConstraint("id", name="pk_rooms"),
        sa.UniqueConstraint("name", name="uq_rooms_name"),
    )
    op.create_index("ix_rooms_parent_room_id", "rooms", ["parent_room_id"])

    op.create_table(
        "closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("last_day >= first_day", name="ck_closures_days_in_order"),
        sa.PrimaryKeyConstraint("id", name="pk_closures"),
    )
    op.create_index("ix_closures_first_day", "closures", ["first_day"])

    def who() -> tuple[sa.Column[object], ...]:
        return (
            sa.Column("person_id", sa.Integer(), nullable=True),
            sa.Column("organisation_id", sa.Integer(), nullable=True),
            sa.Column("purpose", sa.String(200), nullable=False),
            sa.Column("people_count", sa.Integer(), nullable=False),
            sa.Column("status", sa.String(10), nullable=False),
            sa.Column("price_cents", sa.Integer(), nullable=False),
            sa.Column("price_overridden", sa.Boolean(), nullable=False),
            sa.Column("notes", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
        )

    def who_constraints(table: str) -> tuple[sa.Constraint, ...]:
        return (
            sa.CheckConstraint("(person_id IS NULL) <> (organisation_id IS NULL)", name=f"ck_{table}_one_holder"),
            sa.CheckConstraint("people_count > 0", name=f"ck_{table}_people_positive"),
            sa.CheckConstraint(STATUSES, name=f"ck_{table}_status"),
            sa.CheckConstraint("price_cents >= 0", name=f"ck_{table}_price_not_negative"),
            sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=f"fk_{table}_room_id_rooms"),
            sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=f"fk_{table}_person_id_people"),
            sa.ForeignKeyConstraint(
                ["organisation_id"], ["organisations.id"], name=f"fk_{table}_organisation_id_organisations"
            ),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        )

    op.create_table(
        "booking_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("rrule", sa.Text(), nullable=False),
        sa.Column("dtstart", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("exdates", sa.Text(), nullable=False),
        *who(),
        sa.CheckConstraint("duration_minutes > 0", name="ck_booking_series_duration_positive"),
        sa.CheckConstraint("rrule <> ''", name="ck_booking_series_rrule"),
        *who_constraints("booking_series"),
    )
    op.create_index("ix_booking_series_room_id", "booking_series", ["room_id"])

    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        *who(),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("occurrence_start", sa.DateTime(), nullable=True),
        sa.CheckConstraint("ends_at > starts_at", name="ck_bookings_ends_after_start"),
        sa.CheckConstraint("(series_id IS NULL) = (occurrence_start IS NULL)", name="ck_bookings_occurrence_pair"),
        sa.ForeignKeyConstraint(["series_id"], ["booking_series.id"], name="fk_bookings_series_id_booking_series"),
        *who_constraints("bookings"),
        sa.UniqueConstraint("series_id", "occurrence_start", name="uq_bookings_series_id"),
    )
    op.create_index("ix_bookings_room_id_starts_at", "bookings", ["room_id", "starts_at"])
    op.create_index("ix_bookings_starts_at", "bookings", ["starts_at"])
    op.create_index("ix_bookings_person_id", "bookings", ["person_id"])
    op.create_index("ix_bookings_organisation_id", "bookings", ["organisation_id"])


def downgrade() -> None:
    op.drop_table("bookings")
    op.drop_table("booking_series")
    op.drop_table("closures")
    op.drop_table("rooms")
