"""Which conversation a Telegram message joins: the customer's open one with the same bot."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from shopdesk.channels.base import IncomingItem

_OPEN_WITH_BOT = (
    "SELECT id FROM conversation WHERE contact_id = ? AND channel = 'telegram' AND account_id IS ?"
    " AND status != 'resolved' ORDER BY last_message_at DESC LIMIT 1"
)
_OPEN_WITH_BOT_PORTABLE = text(
    "SELECT id FROM conversation WHERE contact_id = :contact AND channel = 'telegram'"
    " AND account_id IS NOT DISTINCT FROM :account AND status != 'resolved'"
    " ORDER BY last_message_at DESC LIMIT 1"
)


def thread_by_bot(session: Session, item: IncomingItem, contact_id: int) -> int | None:
    """core.ingest's threading hook: None starts a new conversation (first message, or the last resolved).

    A customer who writes to two of the shop's bots has two conversations, so each reply leaves through
    the bot the customer wrote to. On SQLite this runs on the driver's cursor, as ingest's hot path does
    (through SQLAlchemy it doubled the cost of storing a batch).
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()
        found = cursor.execute(_OPEN_WITH_BOT, (contact_id, item.account_id)).fetchone()
        return found[0] if found else None
    return session.execute(
        _OPEN_WITH_BOT_PORTABLE, {"contact": contact_id, "account": item.account_id}
    ).scalar()
