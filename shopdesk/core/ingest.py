"""The one door for incoming items: dedupe, contact resolution, threading, unread counts, events."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.channels.base import IncomingItem
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged, MessageIngested
from shopdesk.core.models import (
    Attachment,
    Contact,
    ContactIdentity,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    SyncCursor,
    utcnow,
)

# A channel's threading hook: (session, item, contact_id) -> conversation id, or None for "no idea".
Threader = Callable[[Session, IncomingItem, int], int | None]
Publish = Callable[[object], None]
PREVIEW_CHARS = 160


@dataclass(frozen=True)
class CursorUpdate:
    """A channel's receive position, committed in the same transaction as the items it covers."""

    account_id: int
    key: str
    value: str


@dataclass(frozen=True)
class IngestResult:
    natural_key: str
    message_id: int | None
    conversation_id: int | None
    duplicate: bool


def ingest(
    engine: Engine,
    items: Iterable[IncomingItem],
    *,
    blobs: BlobStore,
    publish: Publish,
    threaders: Mapping[str, Threader] | None = None,
    cursor: CursorUpdate | None = None,
) -> list[IngestResult]:
    """Store ``items`` and advance ``cursor`` in one transaction, then publish what changed."""
    items = list(items)
    raw_refs = [blobs.put(item.raw) if item.raw is not None else None for item in items]
    attachment_refs = [[blobs.put(a.data) for a in item.attachments] for item in items]
    results: list[IngestResult] = []
    events: list[object] = []
    with write_session(engine) as session:
        for item, raw_ref, att_refs in zip(items, raw_refs, attachment_refs, strict=True):
            result, event = _ingest_one(session, item, raw_ref, att_refs, threaders or {})
            results.append(result)
            if event is not None:
                events.append(event)
        if cursor is not None:
            set_cursor(session, cursor)
    for event in events:
        publish(event)
        publish(ConversationChanged(event.conversation_id))
    return results


def set_cursor(session: Session, cursor: CursorUpdate) -> None:
    row = session.exec(
        select(SyncCursor).where(SyncCursor.account_id == cursor.account_id, SyncCursor.key == cursor.key)
    ).first()
    if row is None:
        row = SyncCursor(account_id=cursor.account_id, key=cursor.key)
    row.value = cursor.value
    row.updated_at = utcnow()
    session.add(row)


def get_cursor(session: Session, *, account_id: int, key: str) -> str | None:
    return session.exec(
        select(SyncCursor.value).where(SyncCursor.account_id == account_id, SyncCursor.key == key)
    ).first()


def _find_duplicate(session: Session, item: IncomingItem) -> Message | None:
    found = session.exec(
        select(Message).where(Message.channel == item.channel, Message.natural_key == item.natural_key)
    ).first()
    if found is None and item.dedupe_key:
        found = session.exec(
            select(Message)
            .where(Message.channel == item.channel, Message.dedupe_key == item.dedupe_key)
            .limit(1)
        ).first()
        if found is not None:
            # The source renumbered it (IMAP UIDVALIDITY reset): remember the new key, add nothing.
            found.natural_key = item.natural_key
            session.add(found)
    return found


def _ingest_one(session, item, raw_ref, att_refs, threaders):
    duplicate = _find_duplicate(session, item)
    if duplicate is not None:
        result = IngestResult(item.natural_key, duplicate.id, duplicate.conversation_id, True)
        return result, None
    contact_id = resolve_contact(session, item)
    conversation, is_new = _thread(session, item, contact_id, threaders.get(item.channel))
    when = item.created_at.astimezone(UTC) if item.created_at else utcnow()
    message = Message(
        conversation_id=conversation.id,
        channel=item.channel,
        direction=item.direction,
        author=item.sender_name or item.sender_address,
        text=item.text,
        html=item.html,
        raw_ref=raw_ref,
        natural_key=item.natural_key,
        dedupe_key=item.dedupe_key,
        external_id=item.external_id,
        parse_note=item.parse_note,
        created_at=when,
        send_state="sent" if item.direction == Direction.OUTGOING else None,
        sent_at=when if item.direction == Direction.OUTGOING else None,
    )
    session.add(message)
    session.flush()
    for att, digest in zip(item.attachments, att_refs, strict=True):
        session.add(
            Attachment(
                message_id=message.id,
                sha256=digest,
                filename=att.filename,
                mime_type=att.mime_type,
                size=len(att.data),
                content_id=att.content_id,
            )
        )
    _touch_conversation(conversation, message, item)
    session.add(conversation)
    event = MessageIngested(conversation.id, message.id, contact_id, item.channel, is_new)
    return IngestResult(item.natural_key, message.id, conversation.id, False), event


def resolve_contact(session: Session, item: IncomingItem) -> int:
    """The contact who owns this channel address, created on first contact."""
    address = normalise_address(item.channel, item.sender_address)
    contact_id = session.exec(
        select(ContactIdentity.contact_id).where(
            ContactIdentity.channel == item.channel, ContactIdentity.address == address
        )
    ).first()
    if contact_id is not None:
        return contact_id
    contact = Contact(
        name=item.sender_name or address,
        email=address if item.channel == "email" else None,
    )
    session.add(contact)
    session.flush()
    identity = ContactIdentity(
        contact_id=contact.id, channel=item.channel, address=address, display=item.sender_name
    )
    session.add(identity)
    return contact.id


def normalise_address(channel: str, address: str) -> str:
    address = address.strip()
    return address.lower() if channel == "email" else address


def _thread(session, item, contact_id, threader) -> tuple[Conversation, bool]:
    conversation_id = _by_reply_ids(session, item) or (
        threader(session, item, contact_id) if threader else None
    )
    if conversation_id is None:
        conversation_id = session.exec(
            select(Conversation.id)
            .where(
                Conversation.contact_id == contact_id,
                Conversation.channel == item.channel,
                Conversation.status != ConversationStatus.RESOLVED,
            )
            .order_by(Conversation.last_message_at.desc())
            .limit(1)
        ).first()
    if conversation_id is not None:
        return session.get(Conversation, conversation_id), False
    conversation = Conversation(
        contact_id=contact_id,
        channel=item.channel,
        account_id=item.account_id,
        subject=item.subject,
        last_message_at=item.created_at or utcnow(),
    )
    session.add(conversation)
    session.flush()
    return conversation, True


def _by_reply_ids(session: Session, item: IncomingItem) -> int | None:
    if not item.reply_to_ids:
        return None
    return session.exec(
        select(Message.conversation_id)
        .where(Message.channel == item.channel, Message.external_id.in_(item.reply_to_ids))
        .order_by(Message.id.desc())
        .limit(1)
    ).first()


def _touch_conversation(conversation: Conversation, message: Message, item: IncomingItem) -> None:
    last = conversation.last_message_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    if last is None or message.created_at >= last:
        conversation.last_message_at = message.created_at
        conversation.preview = " ".join(message.text.split())[:PREVIEW_CHARS]
    if not conversation.subject and item.subject:
        conversation.subject = item.subject
    if item.direction == Direction.INCOMING:
        conversation.unread_count += 1
        if conversation.status != ConversationStatus.OPEN:
            conversation.status = ConversationStatus.OPEN
            conversation.snoozed_until = None
            conversation.resolved_at = None
