"""The tool library: tools (with an optional photo), loans, reservations and each tool's history.

A tool is on at most one open loan: a partial unique index on ``loans.tool_id`` where
``returned_at IS NULL`` says so to the database itself. The deposit of a loan is a payment of the
built-in "deposit" category linked to the loan (``link_kind = 'loan'``); the category becomes
exempt from the stamp duty, since a deposit is money held and given back, not a fee.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TOOL_STATUSES = "status IN ('available', 'on_loan', 'in_repair', 'lost', 'retired')"
RESERVATION_STATUSES = "status IN ('active', 'cancelled', 'fulfilled')"


def upgrade() -> None:
    op.create_table(
        "tools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("category_key", sa.String(100), nullable=False),
        sa.Column("brand", sa.String(100), nullable=False),
        sa.Column("model", sa.String(100), nullable=False),
        sa.Column("serial", sa.String(100), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("deposit_cents", sa.Integer(), nullable=False),
        sa.Column("loan_days", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("components", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("code <> '' AND code = upper(code)", name="ck_tools_code"),
        sa.CheckConstraint("name <> ''", name="ck_tools_name"),
        sa.CheckConstraint("deposit_cents >= 0", name="ck_tools_deposit_not_negative"),
        sa.CheckConstraint("loan_days BETWEEN 1 AND 90", name="ck_tools_loan_days"),
        sa.CheckConstraint(TOOL_STATUSES, name="ck_tools_status"),
        sa.CheckConstraint("status <> 'retired' OR trim(status_reason) <> ''", name="ck_tools_retired_reason"),
        sa.PrimaryKeyConstraint("id", name="pk_tools"),
        sa.UniqueConstraint("code", name="uq_tools_code"),
    )
    op.create_index("ix_tools_category_key", "tools", ["category_key"])
    op.create_index("ix_tools_status", "tools", ["status"])
    op.create_index("ix_tools_sort_key", "tools", ["sort_key"])

    op.create_table(
        "tool_photos",
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(30), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tool_id"], ["tools.id"], name="fk_tool_photos_tool_id_tools", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("tool_id", name="pk_tool_photos"),
    )

    op.create_table(
        "loans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("out_at", sa.DateTime(), nullable=False),
        sa.Column("due_day", sa.Date(), nullable=False),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("deposit_cents", sa.Integer(), nullable=False),
        sa.Column("deposit_waived", sa.Boolean(), nullable=False),
        sa.Column("components_ok", sa.Boolean(), nullable=True),
        sa.Column("return_note", sa.Text(), nullable=False),
        sa.Column("deposit_kept_reason", sa.Text(), nullable=True),
        sa.Column("lent_by_id", sa.Integer(), nullable=True),
        sa.Column("returned_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("deposit_cents >= 0", name="ck_loans_deposit_not_negative"),
        sa.CheckConstraint("returned_at IS NULL OR returned_at >= out_at", name="ck_loans_returned_after_out"),
        sa.CheckConstraint(
            "deposit_kept_reason IS NULL OR trim(deposit_kept_reason) <> ''", name="ck_loans_kept_reason"
        ),
        sa.ForeignKeyConstraint(["tool_id"], ["tools.id"], name="fk_loans_tool_id_tools"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_loans_person_id_people"),
        sa.ForeignKeyConstraint(["lent_by_id"], ["users.id"], name="fk_loans_lent_by_id_users"),
        sa.ForeignKeyConstraint(["returned_by_id"], ["users.id"], name="fk_loans_returned_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_loans"),
    )
    op.create_index(
        "uq_loans_open_tool", "loans", ["tool_id"], unique=True, sqlite_where=sa.text("returned_at IS NULL")
    )
    op.create_index("ix_loans_open_due_day", "loans", ["due_day"], sqlite_where=sa.text("returned_at IS NULL"))
    op.create_index("ix_loans_tool_id_out_at", "loans", ["tool_id", "out_at"])
    op.create_index("ix_loans_person_id_out_at", "loans", ["person_id", "out_at"])

    op.create_table(
        "tool_reservations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("from_day", sa.Date(), nullable=False),
        sa.Column("to_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("to_day >= from_day", name="ck_tool_reservations_days_in_order"),
        sa.CheckConstraint(RESERVATION_STATUSES, name="ck_tool_reservations_status"),
        sa.CheckConstraint(
            "(status = 'cancelled') = (cancelled_at IS NOT NULL)", name="ck_tool_reservations_cancelled_pair"
        ),
        sa.CheckConstraint(
            "(status = 'fulfilled') = (loan_id IS NOT NULL)", name="ck_tool_reservations_fulfilled_pair"
        ),
        sa.ForeignKeyConstraint(["tool_id"], ["tools.id"], name="fk_tool_reservations_tool_id_tools"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_tool_reservations_person_id_people"),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name="fk_tool_reservations_loan_id_loans"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name="fk_tool_reservations_created_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_tool_reservations"),
    )
    op.create_index("ix_tool_reservations_person_id", "tool_reservations", ["person_id"])
    op.create_index("ix_tool_reservations_tool_id_to_day", "tool_reservations", ["tool_id", "to_day"])

    op.create_table(
        "tool_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tool_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["tool_id"], ["tools.id"], name="fk_tool_events_tool_id_tools"),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name="fk_tool_events_loan_id_loans"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_tool_events_person_id_people"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_tool_events_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_tool_events"),
    )
    op.create_index("ix_tool_events_tool_id_at", "tool_events", ["tool_id", "at"])

    op.execute("UPDATE payment_categories SET stamp_exempt = 1 WHERE code = 'deposit'")


def downgrade() -> None:
    op.execute("UPDATE payment_categories SET stamp_exempt = 0 WHERE code = 'deposit'")
    op.drop_table("tool_events")
    op.drop_table("tool_reservations")
    op.drop_table("loans")
    op.drop_table("tool_photos")
    op.drop_table("tools")
