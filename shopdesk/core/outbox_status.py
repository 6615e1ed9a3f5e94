"""The outbox state of outgoing messages (item id, state, last error), for the conversation view."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from shopdesk.core.models import OutboxItem


@dataclass(frozen=True)
class OutboxStatus:
    item_id: int
    state: str
    error: str
    attempts: int


def outbox_by_message(session: Session, *, message_ids: list[int]) -> dict[int, OutboxStatus]:
    """Message id -> its outbox item, for the messages in ``message_ids`` that went through the outbox."""
    if not message_ids:
        return {}
    stmt = select(OutboxItem).where(OutboxItem.message_id.in_(message_ids))
    return {
        item.message_id: OutboxStatus(item.id, item.state, item.last_error, item.attempts)
        for item in session.exec(stmt)
    }
