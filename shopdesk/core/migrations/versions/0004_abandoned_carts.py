"""abandoned carts and their opt-outs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text, when = sqlmodel.sql.sqltypes.AutoString, sqlmodel.sql.sqltypes.UTCDateTime
    op.create_table(
        "abandonedcart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("visitor_id", text(), nullable=False),
        sa.Column("state", text(), nullable=False),
        sa.Column("reason", text(), nullable=False),
        sa.Column("items_json", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("currency", text(), nullable=False),
        sa.Column("url", text(), nullable=False),
        sa.Column("token", text(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("started_at", when(), nullable=False),
        sa.Column("updated_at", when(), nullable=False),
        sa.Column("qualified_at", when(), nullable=True),
        sa.Column("due_at", when(), nullable=True),
        sa.Column("order_completed_at", when(), nullable=True),
        sa.Column("followed_up_at", when(), nullable=True),
        sa.Column("channel", text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("language", text(), nullable=False),
        sa.Column("recovered_at", when(), nullable=True),
        sa.Column("recovered_value", sa.Float(), nullable=True),
        sa.Column("recovered_currency", text(), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversation.id"]),
        sa.ForeignKeyConstraint(["message_id"], ["message.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("abandonedcart", schema=None) as batch_op:
        batch_op.create_index("ix_abandonedcart_conversation", ["conversation_id"], unique=False)
        batch_op.create_index("ix_abandonedcart_qualified", ["qualified_at"], unique=False)
        batch_op.create_index("ix_abandonedcart_updated", ["updated_at"], unique=False)
        batch_op.create_index("ix_abandonedcart_visitor", ["account_id", "visitor_id", "id"], unique=False)
    op.create_table(
        "cartoptout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", text(), nullable=False),
        sa.Column("address", text(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("source", text(), nullable=False),
        sa.Column("created_at", when(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "address"),
    )
    with op.batch_alter_table("cartoptout", schema=None) as batch_op:
        batch_op.create_index("ix_cartoptout_contact", ["contact_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cartoptout", schema=None) as batch_op:
        batch_op.drop_index("ix_cartoptout_contact")
    op.drop_table("cartoptout")
    with op.batch_alter_table("abandonedcart", schema=None) as batch_op:
        batch_op.drop_index("ix_abandonedcart_visitor")
        batch_op.drop_index("ix_abandonedcart_updated")
        batch_op.drop_index("ix_abandonedcart_qualified")
        batch_op.drop_index("ix_abandonedcart_conversation")
    op.drop_table("abandonedcart")
