"""A message the customer edited at the source (Telegram edited_message): new text, marked edited."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import and_, or_, select

from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged
from shopdesk.core.ingest import PREVIEW_CHARS, CursorUpdate, set_cursor
from shopdesk.core.models import Conversation, Message

Publish = Callable[[object], None]


def apply_edit(
    engine: Engine,
    publish: Publish,
    *,
    channel: str,
    dedupe_key: str,
    text: str,
    cursor: CursorUpdate | None = None,
) -> int | None:
    """Give the stored message ``dedupe_key`` its edited ``text`` and mark it edited; returns its id.

    ``cursor`` is advanced in the same transaction, so an edit is applied exactly when its source position
    is. Returns None, and commits nothing, when no such message is stored (the caller keeps it as new).
    Applying the same edit twice changes nothing the second time.
    """
    with write_session(engine) as session:
        message = session.exec(
            select(Message).where(Message.channel == channel, Message.dedupe_key == dedupe_key)
        ).first()
        if message is None:
            return None
        if message.text != text or not message.edited:
            message.text, message.edited = text, True
            session.add(message)
            _refresh_preview(session, message)
        if cursor is not None:
            set_cursor(session, cursor)
        message_id, conversation_id = message.id, message.conversation_id
    publish(ConversationChanged(conversation_id))
    return message_id


def _refresh_preview(session, message: Message) -> None:
    """The conversation list shows the latest message: follow the edit when it is that one."""
    newer = session.exec(
        select(Message.id)
        .where(
            Message.conversation_id == message.conversation_id,
            or_(
                Message.created_at > message.created_at,
                and_(Message.created_at == message.created_at, Message.id > message.id),
            ),
        )
        .limit(1)
    ).first()
    if newer is None:
        conversation = session.get(Conversation, message.conversation_id)
        conversation.preview = " ".join(message.text.split())[:PREVIEW_CHARS]
        session.add(conversation)
