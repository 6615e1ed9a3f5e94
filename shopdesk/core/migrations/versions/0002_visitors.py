"""web chat visitors

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webvisitor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("visitor_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("current_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("current_title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("landing_url", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("referrer", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("search_terms", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("campaign", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("device", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("city", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("pages_json", sa.Text(), nullable=False),
        sa.Column("cart_json", sa.Text(), nullable=False),
        sa.Column("cart_value", sa.Float(), nullable=True),
        sa.Column("cart_currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("visitor_seen_id", sa.Integer(), nullable=False),
        sa.Column("visit_started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("first_seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["channelaccount.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account_id", "visitor_id"),
    )
    with op.batch_alter_table("webvisitor", schema=None) as batch_op:
        batch_op.create_index("ix_webvisitor_last_seen", ["last_seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("webvisitor", schema=None) as batch_op:
        batch_op.drop_index("ix_webvisitor_last_seen")
    op.drop_table("webvisitor")
