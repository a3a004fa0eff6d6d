"""Workshops and their sessions, enrolments with a waiting list, attendance, drop-in services.

A workshop's sessions are rows (``workshop_sessions``), each with the booking that holds its room:
unlike an open-ended booking series they are materialised, because attendance needs a row per
session to point at. Enrolments keep their waiting-list order in ``queue_number``. Visits of the
drop-in services are counted per service and day through ``ix_visits_service_id_at``.

Two drop-in services are seeded, so the Today page of a new house has counters from the first
day: the showers and the job help desk (labels translated in ``app/services/dropin.py``); an
admin renames, changes or retires them.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ENROLMENT_STATUSES = "status IN ('enrolled', 'waiting', 'withdrawn')"
AGE_BANDS = "age_band IN ('under_14', '14_17', '18_29', '30_49', '50_64', '65_plus')"
GENDERS = "gender IN ('female', 'male', 'other')"

# (code, records age band, gender, first visit): the drop-in services of a new house.
BUILT_IN_SERVICES = (
    ("showers", True, True, True),
    ("job_desk", True, True, True),
)


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("fee_cents", sa.Integer(), nullable=False),
        sa.Column("fee_kind", sa.String(10), nullable=False),
        sa.Column("member_fee_cents", sa.Integer(), nullable=True),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("registration_open", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("title <> ''", name="ck_workshops_title"),
        sa.CheckConstraint("capacity > 0", name="ck_workshops_capacity_positive"),
        sa.CheckConstraint("fee_cents >= 0", name="ck_workshops_fee_not_negative"),
        sa.CheckConstraint("fee_kind IN ('course', 'session')", name="ck_workshops_fee_kind"),
        sa.CheckConstraint(
            "member_fee_cents IS NULL OR member_fee_cents >= 0", name="ck_workshops_member_fee_not_negative"
        ),
        sa.CheckConstraint("min_age IS NULL OR min_age >= 0", name="ck_workshops_min_age"),
        sa.CheckConstraint(
            "min_age IS NULL OR max_age IS NULL OR min_age <= max_age", name="ck_workshops_ages_in_order"
        ),
        sa.ForeignKeyConstraint(["facilitator_id"], ["people.id"], name="fk_workshops_facilitator_id_people"),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name="fk_workshops_organisation_id_organisations"
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name="fk_workshops_room_id_rooms"),
        sa.PrimaryKeyConstraint("id", name="pk_workshops"),
    )
    op.create_index("ix_workshops_facilitator_id", "workshops", ["facilitator_id"])
    op.create_index("ix_workshops_organisation_id", "workshops", ["organisation_id"])
    op.create_index("ix_workshops_room_id", "workshops", ["room_id"])
    op.create_index("ix_workshops_sort_key", "workshops", ["sort_key"])

    op.create_table(
        "workshop_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name="fk_workshop_sessions_workshop_id_workshops"),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], name="fk_workshop_sessions_booking_id_bookings"),
        sa.PrimaryKeyConstraint("id", name="pk_workshop_sessions"),
        sa.UniqueConstraint("booking_id", name="uq_workshop_sessions_booking_id"),
    )
    op.create_index("ix_workshop_sessions_workshop_id", "workshop_sessions", ["workshop_id"])

    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("queue_number", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("fee_cents", sa.Integer(), nullable=False),
        sa.Column("member_fee", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(ENROLMENT_STATUSES, name="ck_enrolments_status"),
        sa.CheckConstraint("queue_number > 0", name="ck_enrolments_queue_number_positive"),
        sa.CheckConstraint("status <> 'enrolled' OR enrolled_at IS NOT NULL", name="ck_enrolments_enrolled_since"),
        sa.CheckConstraint("(status = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="ck_enrolments_withdrawn_pair"),
        sa.CheckConstraint("fee_cents >= 0", name="ck_enrolments_fee_not_negative"),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name="fk_enrolments_workshop_id_workshops"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_enrolments_person_id_people"),
        sa.PrimaryKeyConstraint("id", name="pk_enrolments"),
        sa.UniqueConstraint("workshop_id", "person_id", name="uq_enrolments_workshop_id"),
    )
    op.create_index("ix_enrolments_person_id", "enrolments", ["person_id"])
    op.create_index("ix_enrolments_workshop_id_status", "enrolments", ["workshop_id", "status", "queue_number"])

    op.create_table(
        "attendances",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("marked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"], ["workshop_sessions.id"], name="fk_attendances_session_id_workshop_sessions"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_attendances_person_id_people"),
        sa.ForeignKeyConstraint(["marked_by_id"], ["users.id"], name="fk_attendances_marked_by_id_users"),
        sa.PrimaryKeyConstraint("session_id", "person_id", name="pk_attendances"),
    )
    op.create_index("ix_attendances_person_id", "attendances", ["person_id"])

    services = op.create_table(
        "dropin_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("records_age_band", sa.Boolean(), nullable=False),
        sa.Column("records_gender", sa.Boolean(), nullable=False),
        sa.Column("records_first_visit", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint("code IS NOT NULL OR name <> ''", name="ck_dropin_services_named"),
        sa.PrimaryKeyConstraint("id", name="pk_dropin_services"),
        sa.UniqueConstraint("code", name="uq_dropin_services_code"),
    )
    op.bulk_insert(
        services,
        [
            {
                "code": code,
                "name": "",
                "active": True,
                "records_age_band": age_band,
                "records_gender": gender,
                "records_first_visit": first_visit,
                "sort_order": 10 * (position + 1),
            }
            for position, (code, age_band, gender, first_visit) in enumerate(BUILT_IN_SERVICES)
        ],
    )

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("age_band", sa.String(10), nullable=True),
        sa.Column("gender", sa.String(10), nullable=True),
        sa.Column("first_visit", sa.Boolean(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(AGE_BANDS, name="ck_visits_age_band"),
        sa.CheckConstraint(GENDERS, name="ck_visits_gender"),
        sa.ForeignKeyConstraint(["service_id"], ["dropin_services.id"], name="fk_visits_service_id_dropin_services"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_visits_person_id_people"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_visits_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
    )
    op.create_index("ix_visits_service_id_at", "visits", ["service_id", "at"])
    op.create_index("ix_visits_person_id", "visits", ["person_id"])


def downgrade() -> None:
    op.drop_table("visits")
    op.drop_table("dropin_services")
    op.drop_table("attendances")
    op.drop_table("enrolments")
    op.drop_table("workshop_sessions")
    op.drop_table("workshops")
