"""The audit log becomes a hash chain; a user can be locked after too many wrong PINs.

``audit_entries.chain_hash`` holds each entry's SHA-256 link (``app/audit_chain.py``). The entries an
older file already has are chained here, in id order, so ``portineria check`` can verify the whole
log of an upgraded file. The log refuses UPDATE (migration 0001): the trigger is dropped for the
time of the filling and created again, inside the migration's one transaction.

``users.locked_at`` is set when a user reaches too many wrong PINs in a row; only an admin clears it.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

from app.audit_chain import GENESIS, entry_hash

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_NO_UPDATE = (
    "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
)


def upgrade() -> None:
    op.add_column("users", sa.Column("locked_at", sa.DateTime(), nullable=True))
    op.add_column("audit_entries", sa.Column("chain_hash", sa.String(64), nullable=False, server_default=""))
    connection = op.get_bind()
    op.execute("DROP TRIGGER audit_entries_no_update")
    previous = GENESIS
    rows = connection.execute(
        sa.text("SELECT id, at, user_id, action, entity, entity_id, fields FROM audit_entries ORDER BY id")
    ).all()
    for entry_id, at, user_id, action, entity, entity_id, fields in rows:
        when = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        previous = entry_hash(
            previous,
            entry_id=entry_id,
            at=when,
            user_id=user_id,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=fields or "",
        )
        connection.execute(
            sa.text("UPDATE audit_entries SET chain_hash = :hash WHERE id = :id"), {"hash": previous, "id": entry_id}
        )
    op.execute(_NO_UPDATE)


def downgrade() -> None:
    op.execute("DROP TRIGGER audit_entries_no_update")
    op.execute("DROP TRIGGER audit_entries_no_delete")
    with op.batch_alter_table("audit_entries") as entries:
        entries.drop_column("chain_hash")
    op.execute(_NO_UPDATE)
    op.execute(_NO_UPDATE.replace("no_update BEFORE UPDATE", "no_delete BEFORE DELETE"))
    with op.batch_alter_table("users") as users:
        users.drop_column("locked_at")
