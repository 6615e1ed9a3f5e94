"""What the composer needs about a conversation: its channel, the customer's name, their last words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from shopdesk.core.models import Contact, Conversation, Direction, Message


@dataclass(frozen=True)
class ReplyContext:
    conversation_id: int
    channel: str
    contact_name: str
    last_incoming: str  # the customer's latest message, for canned suggestions


def reply_context(session: Session, *, conversation_id: int) -> ReplyContext | None:
    row = session.exec(
        select(Conversation.channel, Contact.name)
        .join(Contact, Contact.id == Conversation.contact_id)
        .where(Conversation.id == conversation_id)
    ).first()
    if row is None:
        return None
    last = session.exec(
        select(Message.text)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.INCOMING)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(1)
    ).first()
    return ReplyContext(conversation_id, row[0], row[1] or "", last or "")
