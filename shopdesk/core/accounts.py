"""Channel accounts in the store: what removing one keeps (its conversations) and what it forgets."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select, update

from shopdesk.core.db import write_session
from shopdesk.core.models import ChannelAccount, Conversation, SyncCursor


def remove_channel_account(engine: Engine, account_id: int, *, channel: str) -> None:
    """Forget the account and its sync positions; its conversations stay in the inbox, unlinked.

    Raises LookupError when ``account_id`` is no account of ``channel``.
    """
    with write_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        if row is None or row.channel != channel:
            raise LookupError(f"{channel} account {account_id} does not exist")
        session.exec(
            update(Conversation).where(Conversation.account_id == account_id).values(account_id=None)
        )
        for cursor in session.exec(select(SyncCursor).where(SyncCursor.account_id == account_id)):
            session.delete(cursor)
        session.flush()
        session.delete(row)
