"""The cash desk: payment categories, payments, receipts, memberships and cash closings.

Receipts are fiscal records: triggers refuse deleting one, and changing one except to cancel it
once and to count its reprints. Payments and closings cannot be changed or deleted at all.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (code, direction, stamp_exempt): the built-in categories; their labels are translated in
# app/services/cash_rules.py. Membership fees are exempt from the stamp duty.
BUILT_IN_CATEGORIES = (
    ("room_hire", "in", False),
    ("workshop_fee", "in", False),
    ("membership", "in", True),
    ("deposit", "in", False),
    ("deposit_returned", "out", False),
    ("donation", "in", False),
    ("service_ticket", "in", False),
    ("other", "in", False),
)

# Columns of a receipt fixed at issue; the others are the cancellation and the reprint count.
FROZEN_RECEIPT_COLUMNS = (
    "id, year, number, issued_at, payment_id, total_cents, stamp_duty, "
    "payer_name, payer_address, payer_fiscal_code, payer_key, user_id"
)

TRIGGERS = {
    "receipts_no_delete": (
        "BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, 'receipts are never deleted: cancel it instead'); END"
    ),
    "receipts_frozen": (
        f"BEFORE UPDATE OF {FROZEN_RECEIPT_COLUMNS} ON receipts "
        "BEGIN SELECT RAISE(ABORT, 'receipts are never edited: cancel it and issue a new one'); END"
    ),
    "receipts_cancelled_once": (
        "BEFORE UPDATE OF cancelled_at, cancelled_by_id, cancel_reason ON receipts "
        "WHEN OLD.cancelled_at IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'receipts are never edited: this one is already cancelled'); END"
    ),
    "receipts_reprints_grow": (
        "BEFORE UPDATE OF reprint_count ON receipts WHEN NEW.reprint_count < OLD.reprint_count "
        "BEGIN SELECT RAISE(ABORT, 'receipts are never edited: reprints are only counted up'); END"
    ),
    "payments_no_update": ("BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'payments are never changed'); END"),
    "payments_no_delete": ("BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END"),
    "cash_closings_no_update": (
        "BEFORE UPDATE ON cash_closings BEGIN SELECT RAISE(ABORT, 'a cash closing is never changed'); END"
    ),
    "cash_closings_no_delete": (
        "BEFORE DELETE ON cash_closings BEGIN SELECT RAISE(ABORT, 'a cash closing is never changed'); END"
    ),
    "cash_closing_lines_no_update": (
        "BEFORE UPDATE ON cash_closing_lines BEGIN SELECT RAISE(ABORT, 'a cash closing is never changed'); END"
    ),
    "cash_closing_lines_no_delete": (
        "BEFORE DELETE ON cash_closing_lines BEGIN SELECT RAISE(ABORT, 'a cash closing is never changed'); END"
    ),
}


def upgrade() -> None:
    categories = op.create_table(
        "payment_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(40), nullable=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("stamp_exempt", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint("direction IN ('in', 'out')", name="ck_payment_categories_direction"),
        sa.CheckConstraint("code IS NOT NULL OR name <> ''", name="ck_payment_categories_named"),
        sa.PrimaryKeyConstraint("id", name="pk_payment_categories"),
        sa.UniqueConstraint("code", name="uq_payment_categories_code"),
    )
    op.bulk_insert(
        categories,
        [
            {
                "code": code,
                "name": "",
                "direction": direction,
                "stamp_exempt": exempt,
                "active": True,
                "sort_order": 10 * (position + 1),
            }
            for position, (code, direction, exempt) in enumerate(BUILT_IN_CATEGORIES)
        ],
    )

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("payer_person_id", sa.Integer(), nullable=True),
        sa.Column("payer_organisation_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("link_kind", sa.String(30), nullable=True),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("direction IN ('in', 'out')", name="ck_payments_direction"),
        sa.CheckConstraint("amount_cents > 0", name="ck_payments_amount_positive"),
        sa.CheckConstraint("method IN ('cash', 'card', 'transfer')", name="ck_payments_method"),
        sa.CheckConstraint("payer_person_id IS NULL OR payer_organisation_id IS NULL", name="ck_payments_one_payer"),
        sa.CheckConstraint("(link_kind IS NULL) = (link_id IS NULL)", name="ck_payments_link_pair"),
        sa.ForeignKeyConstraint(
            ["category_id"], ["payment_categories.id"], name="fk_payments_category_id_payment_categories"
        ),
        sa.ForeignKeyConstraint(["payer_person_id"], ["people.id"], name="fk_payments_payer_person_id_people"),
        sa.ForeignKeyConstraint(
            ["payer_organisation_id"], ["organisations.id"], name="fk_payments_payer_organisation_id_organisations"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_payments_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_payments"),
    )
    op.create_index("ix_payments_at", "payments", ["at"])
    op.create_index("ix_payments_payer_person_id", "payments", ["payer_person_id"])
    op.create_index("ix_payments_payer_organisation_id", "payments", ["payer_organisation_id"])
    op.create_index("ix_payments_link", "payments", ["link_kind", "link_id"])

    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("stamp_duty", sa.String(10), nullable=False),
        sa.Column("payer_name", sa.String(400), nullable=False),
        sa.Column("payer_address", sa.Text(), nullable=False),
        sa.Column("payer_fiscal_code", sa.String(16), nullable=False),
        sa.Column("payer_key", sa.String(400), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_by_id", sa.Integer(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("reprint_count", sa.Integer(), nullable=False),
        sa.CheckConstraint("number > 0", name="ck_receipts_number_positive"),
        sa.CheckConstraint("total_cents > 0", name="ck_receipts_total_positive"),
        sa.CheckConstraint("stamp_duty IN ('applied', 'not_due', 'exempt')", name="ck_receipts_stamp_duty"),
        sa.CheckConstraint(
            "(cancelled_at IS NULL) = (cancelled_by_id IS NULL) AND (cancelled_at IS NULL) = (cancel_reason IS NULL)",
            name="ck_receipts_cancellation_complete",
        ),
        sa.CheckConstraint("cancel_reason IS NULL OR trim(cancel_reason) <> ''", name="ck_receipts_cancel_reason"),
        sa.CheckConstraint("reprint_count >= 0", name="ck_receipts_reprint_count"),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name="fk_receipts_payment_id_payments"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_receipts_user_id_users"),
        sa.ForeignKeyConstraint(["cancelled_by_id"], ["users.id"], name="fk_receipts_cancelled_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_receipts"),
        sa.UniqueConstraint("year", "number", name="uq_receipts_year"),
        sa.UniqueConstraint("payment_id", name="uq_receipts_payment_id"),
    )
    op.create_index("ix_receipts_issued_at", "receipts", ["issued_at"])

    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.Integer(), nullable=False),
        sa.Column("fee_cents", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("card_number > 0", name="ck_memberships_card_number_positive"),
        sa.CheckConstraint("fee_cents > 0", name="ck_memberships_fee_positive"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name="fk_memberships_person_id_people"),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"], name="fk_memberships_payment_id_payments"),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
        sa.UniqueConstraint("year", "card_number", name="uq_memberships_year"),
        sa.UniqueConstraint("person_id", "year", name="uq_memberships_person_id"),
        sa.UniqueConstraint("payment_id", name="uq_memberships_payment_id"),
    )

    op.create_table(
        "cash_closings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("opening_float_cents", sa.Integer(), nullable=False),
        sa.Column("expected_cents", sa.Integer(), nullable=False),
        sa.Column("counted_cents", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("opening_float_cents >= 0", name="ck_cash_closings_float_not_negative"),
        sa.CheckConstraint("counted_cents >= 0", name="ck_cash_closings_counted_not_negative"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_cash_closings_user_id_users"),
        sa.ForeignKeyConstraint(["closed_by_id"], ["users.id"], name="fk_cash_closings_closed_by_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_cash_closings"),
    )
    op.create_index("uq_cash_closings_day", "cash_closings", ["day", "user_id"], unique=True)
    op.create_index(
        "uq_cash_closings_day_everyone", "cash_closings", ["day"], unique=True, sqlite_where=sa.text("user_id IS NULL")
    )

    op.create_table(
        "cash_closing_lines",
        sa.Column("closing_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(3), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closing_id"], ["cash_closings.id"], name="fk_cash_closing_lines_closing_id_cash_closings"
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["payment_categories.id"], name="fk_cash_closing_lines_category_id_payment_categories"
        ),
        sa.PrimaryKeyConstraint("closing_id", "direction", "method", "category_id", name="pk_cash_closing_lines"),
    )

    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in reversed(TRIGGERS):
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("cash_closing_lines")
    op.drop_table("cash_closings")
    op.drop_table("memberships")
    op.drop_table("receipts")
    op.drop_table("payments")
    op.drop_table("payment_categories")
