"""proactive invitations: what each rule did per visitor

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text, when = sqlmodel.sql.sqltypes.AutoString, sqlmodel.sql.sqltypes.UTCDateTime
    op.create_table(
        "invitationevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", text(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("visitor_id", text(), nullable=False),
        sa.Column("kind", text(), nullable=False),
        sa.Column("at", when(), nullable=False),
        sa.Column("last_at", when(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("rule_id", "account_id", "visitor_id", "kind"),
    )
    with op.batch_alter_table("invitationevent", schema=None) as batch_op:
        batch_op.create_index("ix_invitationevent_kind_last", ["kind", "last_at"], unique=False)
        batch_op.create_index("ix_invitationevent_visitor", ["account_id", "visitor_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invitationevent", schema=None) as batch_op:
        batch_op.drop_index("ix_invitationevent_visitor")
        batch_op.drop_index("ix_invitationevent_kind_last")
    op.drop_table("invitationevent")
