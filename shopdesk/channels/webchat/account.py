"""The web chat account on the desktop: which relay, its site key, and the owner token's keyring entry."""

from __future__ import annotations

import json
import secrets as random

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.core.db import read_session, write_session
from shopdesk.core.models import ChannelAccount

CHANNEL = "webchat"
CURSOR_KEY = "relay_seq"


def token_key(account_id: int) -> str:
    """The keyring entry of the account's owner token."""
    return f"webchat:{account_id}:owner_token"


def ensure_account(engine: Engine, *, name: str = "Web chat", **defaults) -> tuple[int, dict]:
    """The web chat account (created on first use) and its settings; ``defaults`` fill missing keys."""
    with write_session(engine) as session:
        row = session.exec(select(ChannelAccount).where(ChannelAccount.channel == CHANNEL)).first()
        if row is None:
            row = ChannelAccount(channel=CHANNEL, name=name)
        settings = json.loads(row.settings_json or "{}")
        settings.setdefault("reply_prefix", "d" + random.token_hex(4))
        for key, value in defaults.items():
            settings.setdefault(key, value)
        row.settings_json = json.dumps(settings)
        session.add(row)
        session.flush()
        return row.id, settings


def update_settings(engine: Engine, account_id: int, **values) -> dict:
    with write_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        settings = {**json.loads(row.settings_json or "{}"), **values}
        row.settings_json = json.dumps(settings)
        session.add(row)
        return settings


def account_settings(engine: Engine, account_id: int) -> dict:
    with read_session(engine) as session:
        row = session.get(ChannelAccount, account_id)
        return json.loads(row.settings_json or "{}") if row else {}
