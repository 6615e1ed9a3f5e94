"""Channel accounts in the store: their settings as JSON, and what removing one keeps (its conversations)
and what it forgets."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from sqlalchemy.engine import Engine
from sqlmodel import select, update

from shopdesk.core.db import write_session
from shopdesk.core.models import ChannelAccount, Conversation, SyncCursor


def settings_json(account) -> str:
    """An account dataclass as its row's ``settings_json``: every field but the id (the row's own)."""
    data = asdict(account)
    data.pop("id")
    return json.dumps(data, ensure_ascii=False)


def stored_settings(row: ChannelAccount, account_class: type) -> dict:
    """The row's settings that ``account_class`` still has (an older or newer version's extras are left
    out); unreadable JSON gives none, so the account opens with its defaults."""
    try:
        data = json.loads(row.settings_json or "{}")
    except ValueError:
        data = {}
    known = {f.name for f in fields(account_class)} - {"id"}
    return {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}


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
