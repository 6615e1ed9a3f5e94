"""Outgoing messages and their states: draft -> queued -> sending -> sent | failed | unknown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from shopdesk.channels.base import OutgoingItem
from shopdesk.core import faq_bot, surveys
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged, OutboxChanged
from shopdesk.core.models import (
    Attachment,
    ContactIdentity,
    Conversation,
    Direction,
    Message,
    OutboxItem,
    SendState,
    utcnow,
)

Publish = Callable[[object], None]
MAX_ATTEMPTS = 8
S = SendState
ALLOWED = {
    S.DRAFT: {S.QUEUED},
    S.QUEUED: {S.SENDING, S.DRAFT, S.FAILED},
    S.SENDING: {S.SENT, S.FAILED, S.UNKNOWN, S.QUEUED},
    S.FAILED: {S.QUEUED},
    S.UNKNOWN: {S.QUEUED, S.SENT, S.FAILED},
    S.SENT: set(),
}
INTERRUPTED = (
    "ShopDesk stopped while this was being sent: it may have been delivered. Check, then resend or mark sent."
)


class TransitionError(ValueError):
    pass


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def queue_reply(
    engine: Engine,
    publish: Publish,
    *,
    conversation_id: int,
    text: str,
    author: str,
    attachments: list[tuple[str, str, str, int]] = (),
    external_id: str | None = None,
    automatic: bool = False,
) -> int:
    """Store an outgoing message and queue it; returns the outbox item's id.

    ``attachments`` are (sha256, filename, mime type, size) of files already in the blob store;
    ``external_id`` (an email's Message-ID) is fixed here, before the first try; ``automatic`` marks
    ShopDesk's own messages (auto-replies, survey questions), which mail sends as Auto-Submitted.
    """
    with write_session(engine) as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None:
            raise LookupError(f"conversation {conversation_id} does not exist")
        item, _message = queue_in(
            session,
            conv,
            text=text,
            author=author,
            attachments=attachments,
            external_id=external_id,
            automatic=automatic,
        )
        item_id = item.id
    publish(OutboxChanged(item_id, conversation_id, S.QUEUED))
    publish(ConversationChanged(conversation_id))
    return item_id


def queue_in(
    session: Session,
    conv: Conversation,
    *,
    text: str,
    author: str,
    attachments: list[tuple[str, str, str, int]] = (),
    external_id: str | None = None,
    automatic: bool = False,
    now: datetime | None = None,
) -> tuple[OutboxItem, Message]:
    """``queue_reply`` inside the caller's transaction (a write that queues a message with other changes);
    the caller publishes OutboxChanged and ConversationChanged after its commit."""
    now = now or utcnow()
    message = Message(
        conversation_id=conv.id,
        channel=conv.channel,
        direction=Direction.OUTGOING,
        author=author,
        text=text,
        external_id=external_id,
        send_state=S.QUEUED,
        automatic=automatic,
        created_at=now,
    )
    session.add(message)
    session.flush()
    for sha, name, mime, size in attachments:
        session.add(Attachment(message_id=message.id, sha256=sha, filename=name, mime_type=mime, size=size))
    item = OutboxItem(
        message_id=message.id, conversation_id=conv.id, channel=conv.channel, next_attempt_at=now
    )
    session.add(item)
    conv.last_message_at = now
    conv.preview = " ".join(text.split())[:160]
    if not automatic:  # the owner answered; ShopDesk's own answer leaves the customer's message unread
        conv.unread_count = 0
    session.add(conv)
    session.flush()
    return item, message


def transition(
    engine: Engine,
    publish: Publish,
    *,
    item_id: int,
    to: str,
    error: str = "",
    retry_at: datetime | None = None,
) -> OutboxItem:
    """Move an item to state ``to``; refuses moves the state machine does not allow."""
    to = SendState(to)
    with write_session(engine) as session:
        item = session.get(OutboxItem, item_id)
        if item is None:
            raise LookupError(f"outbox item {item_id} does not exist")
        if to not in ALLOWED[SendState(item.state)]:
            raise TransitionError(f"an outbox item cannot go from {item.state} to {to}")
        _apply(session, item, to, error, retry_at)
    publish(OutboxChanged(item.id, item.conversation_id, item.state, item.last_error))
    publish(ConversationChanged(item.conversation_id))
    return item


def _apply(session: Session, item: OutboxItem, to: SendState, error: str, retry_at: datetime | None) -> None:
    now = utcnow()
    if to == S.SENDING:
        item.attempts += 1
    if to == S.QUEUED:
        item.next_attempt_at = retry_at or now
    item.state = to
    item.last_error = error
    item.updated_at = now
    session.add(item)
    message = session.get(Message, item.message_id)
    message.send_state = to
    if to == S.SENT:
        message.sent_at = now
    session.add(message)


def claim_due(engine: Engine, publish: Publish, *, now: datetime | None = None, limit: int = 20) -> list[int]:
    """Move due queued items to ``sending`` (committed before any network call) and return their ids."""
    with write_session(engine) as session:
        stmt = (
            select(OutboxItem)
            .where(OutboxItem.state == S.QUEUED, OutboxItem.next_attempt_at <= (now or utcnow()))
            .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
            .limit(limit)
        )
        items = list(session.exec(stmt))
        for item in items:
            _apply(session, item, S.SENDING, "", None)
        claimed = [(i.id, i.conversation_id) for i in items]
    for item_id, conversation_id in claimed:
        publish(OutboxChanged(item_id, conversation_id, S.SENDING))
    return [item_id for item_id, _ in claimed]


def record_failure(engine: Engine, publish: Publish, *, item_id: int, kind: str, error: str) -> OutboxItem:
    """After a failed try: retry later (with backoff), give up (failed), or hand to the owner (unknown)."""
    with write_session(engine) as session:
        item = session.get(OutboxItem, item_id)
        attempts = item.attempts
    if kind == "unknown":
        return transition(engine, publish, item_id=item_id, to=S.UNKNOWN, error=error)
    if kind == "retry" and attempts < MAX_ATTEMPTS:
        retry_at = utcnow() + backoff(attempts)
        return transition(engine, publish, item_id=item_id, to=S.QUEUED, error=error, retry_at=retry_at)
    return transition(engine, publish, item_id=item_id, to=S.FAILED, error=error)


def release_waiting(engine: Engine, *, channel: str) -> int:
    """A channel is back: its queued items need not wait out their backoff any longer."""
    with write_session(engine) as session:
        items = session.exec(
            select(OutboxItem).where(OutboxItem.state == S.QUEUED, OutboxItem.channel == channel)
        ).all()
        now = utcnow()
        for item in items:
            item.next_attempt_at = now
            session.add(item)
        return len(items)


def recover_interrupted(engine: Engine, publish: Publish) -> list[int]:
    """At start: a send cut short by a crash may have been delivered, so it becomes ``unknown``."""
    with write_session(engine) as session:
        ids = list(session.exec(select(OutboxItem.id).where(OutboxItem.state == S.SENDING)))
    for item_id in ids:
        transition(engine, publish, item_id=item_id, to=S.UNKNOWN, error=INTERRUPTED)
    return ids


def outgoing_item(session: Session, *, item_id: int) -> OutgoingItem:
    """Everything a channel needs to deliver the outbox item ``item_id``."""
    item = session.get(OutboxItem, item_id)
    message = session.get(Message, item.message_id)
    conv = session.get(Conversation, item.conversation_id)
    identity = session.exec(
        select(ContactIdentity).where(
            ContactIdentity.contact_id == conv.contact_id, ContactIdentity.channel == conv.channel
        )
    ).first()
    earlier = session.exec(
        select(Message.external_id)
        .where(Message.conversation_id == conv.id, Message.external_id.is_not(None), Message.id != message.id)
        .order_by(Message.created_at, Message.id)
    )
    atts = session.exec(select(Attachment).where(Attachment.message_id == message.id))
    return OutgoingItem(
        outbox_id=item.id,
        message_id=message.id,
        conversation_id=conv.id,
        channel=conv.channel,
        account_id=conv.account_id,
        to_address=identity.address if identity else "",
        text=message.text,
        subject=conv.subject,
        external_id=message.external_id,
        reply_to_ids=tuple(earlier),
        attachments=tuple((a.sha256, a.filename, a.mime_type) for a in atts),
        buttons=surveys.buttons_of_message(session, message_id=message.id)
        or faq_bot.buttons_of(message, faq_bot.load_faq_settings(session)),
        automatic=message.automatic,
    )


def set_external_id(engine: Engine, *, message_id: int, external_id: str) -> None:
    """Remember the id the channel gave the delivered message (Telegram message_id …)."""
    with write_session(engine) as session:
        message = session.get(Message, message_id)
        message.external_id = external_id
        session.add(message)


def items_in(session: Session, *, states: tuple[str, ...]) -> list[OutboxItem]:
    return list(session.exec(select(OutboxItem).where(OutboxItem.state.in_(states)).order_by(OutboxItem.id)))


def summary(session: Session) -> dict[str, int]:
    """How many items are in each state."""
    stmt = select(OutboxItem.state, func.count()).group_by(OutboxItem.state)
    return dict(session.exec(stmt).all())
