"""The people registry: persons, organisations and their members.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(200), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_notice_version", sa.String(40), nullable=False),
        sa.Column("photo_release", sa.Boolean(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=True),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("name_key", sa.String(400), nullable=False),
        sa.Column("phone_key", sa.String(50), nullable=False),
        sa.Column("email_key", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["people.id"], name="fk_people_guardian_id_people", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
    )
    for column in ("sort_key", "name_key", "phone_key", "email_key"):
        op.create_index(f"ix_people_{column}", "people", [column])

    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("fiscal_code", sa.String(16), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["people.id"],
            name="fk_organisations_contact_person_id_people",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
    )
    op.create_index("ix_organisations_sort_key", "organisations", ["sort_key"])

    op.create_table(
        "organisation_members",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name="fk_organisation_members_organisation_id_organisations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_organisation_members_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("organisation_id", "person_id", name="pk_organisation_members"),
    )
    op.create_index("ix_organisation_members_person_id", "organisation_members", ["person_id"])


def downgrade() -> None:
    op.drop_table("organisation_members")
    op.drop_table("organisations")
    op.drop_table("people")
