"""Builders of incoming items for tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from shopdesk.channels.base import IncomingItem

_counter = itertools.count(1)


def incoming(
    text: str = "Merhaba, siparişim nerede?",
    *,
    channel: str = "fake",
    sender: str = "ali@example.com",
    name: str = "Ali Yılmaz",
    key: str | None = None,
    subject: str = "",
    minutes_ago: int = 0,
    **extra,
) -> IncomingItem:
    n = next(_counter)
    return IncomingItem(
        channel=channel,
        natural_key=key or f"k{n}",
        sender_address=sender,
        sender_name=name,
        text=text,
        subject=subject,
        created_at=datetime.now(UTC) - timedelta(minutes=minutes_ago),
        **extra,
    )
