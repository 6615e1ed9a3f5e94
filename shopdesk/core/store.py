"""Read queries for the window: conversation ids by filter, rows for ids, messages, search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, func, select

from shopdesk.core.models import (
    Attachment,
    Contact,
    ContactIdentity,
    Conversation,
    ConversationLabel,
    Label,
    Message,
    OutboxItem,
)
from shopdesk.core.text import fts_query

SEARCH_MESSAGE_LIMIT = 1000  # newest hits ranked; bounded so common words stay fast


@dataclass(frozen=True)
class ConversationFilter:
    status: str | None = "open"
    channel: str | None = None
    label_id: int | None = None
    unread_only: bool = False
    contact_id: int | None = None


@dataclass(frozen=True)
class ConversationRow:
    id: int
    contact_id: int
    contact_name: str
    channel: str
    status: str
    subject: str
    preview: str
    unread_count: int
    last_message_at: datetime
    snoozed_until: datetime | None
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    sha256: str
    filename: str
    mime_type: str
    size: int


@dataclass(frozen=True)
class MessageRow:
    id: int
    direction: str
    author: str
    text: str
    html: str | None
    created_at: datetime
    send_state: str | None
    parse_note: str | None
    edited: bool
    attachments: tuple[AttachmentRow, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    message_id: int | None


def _filtered(stmt, flt: ConversationFilter):
    if flt.status:
        stmt = stmt.where(Conversation.status == flt.status)
    if flt.channel:
        stmt = stmt.where(Conversation.channel == flt.channel)
    if flt.unread_only:
        stmt = stmt.where(Conversation.unread_count > 0)
    if flt.contact_id is not None:
        stmt = stmt.where(Conversation.contact_id == flt.contact_id)
    if flt.label_id is not None:
        stmt = stmt.where(
            Conversation.id.in_(
                select(ConversationLabel.conversation_id).where(ConversationLabel.label_id == flt.label_id)
            )
        )
    return stmt


def conversation_ids(session: Session, *, flt: ConversationFilter) -> list[int]:
    """Ids of the conversations that pass ``flt``, most recent first."""
    stmt = _filtered(select(Conversation.id), flt).order_by(
        Conversation.last_message_at.desc(), Conversation.id.desc()
    )
    return list(session.exec(stmt))


def conversation_rows(session: Session, *, ids: list[int]) -> dict[int, ConversationRow]:
    """The list rows for ``ids`` (a page of the lazy list model)."""
    if not ids:
        return {}
    stmt = (
        select(Conversation, Contact.name)
        .join(Contact, Contact.id == Conversation.contact_id)
        .where(Conversation.id.in_(ids))
    )
    labels = _labels_of(session, ids)
    rows = {}
    for conv, name in session.exec(stmt):
        rows[conv.id] = ConversationRow(
            id=conv.id,
            contact_id=conv.contact_id,
            contact_name=name,
            channel=conv.channel,
            status=conv.status,
            subject=conv.subject,
            preview=conv.preview,
            unread_count=conv.unread_count,
            last_message_at=conv.last_message_at,
            snoozed_until=conv.snoozed_until,
            labels=tuple(labels.get(conv.id, ())),
        )
    return rows


def _labels_of(session: Session, ids: list[int]) -> dict[int, list[str]]:
    stmt = (
        select(ConversationLabel.conversation_id, Label.name)
        .join(Label, Label.id == ConversationLabel.label_id)
        .where(ConversationLabel.conversation_id.in_(ids))
        .order_by(Label.name)
    )
    out: dict[int, list[str]] = {}
    for cid, name in session.exec(stmt):
        out.setdefault(cid, []).append(name)
    return out


def messages_of(session: Session, *, conversation_id: int) -> list[MessageRow]:
    """Every message of a conversation, oldest first, with its attachments."""
    messages = list(
        session.exec(
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at, Message.id)
        )
    )
    ids = [m.id for m in messages]
    attachments: dict[int, list[AttachmentRow]] = {}
    if ids:
        for a in session.exec(select(Attachment).where(Attachment.message_id.in_(ids))):
            attachments.setdefault(a.message_id, []).append(
                AttachmentRow(a.id, a.sha256, a.filename, a.mime_type, a.size)
            )
    return [
        MessageRow(
            id=m.id,
            direction=m.direction,
            author=m.author,
            text=m.text,
            html=m.html,
            created_at=m.created_at,
            send_state=m.send_state,
            parse_note=m.parse_note,
            edited=m.edited,
            attachments=tuple(attachments.get(m.id, ())),
        )
        for m in messages
    ]


def search(session: Session, *, query: str, flt: ConversationFilter, limit: int = 500) -> list[SearchHit]:
    """Conversations whose messages, subject or contact match ``query``, newest first."""
    match = fts_query(query)
    if not match:
        return []
    hits: dict[int, int | None] = {}
    msg_rows = session.connection().execute(
        text(
            "SELECT m.conversation_id, m.id FROM "
            "(SELECT rowid FROM message_fts WHERE message_fts MATCH :q ORDER BY rowid DESC LIMIT :n) f "
            "JOIN message m ON m.id = f.rowid ORDER BY m.id DESC"
        ),
        {"q": match, "n": SEARCH_MESSAGE_LIMIT},
    )
    for cid, mid in msg_rows:
        hits.setdefault(cid, mid)
    other = session.connection().execute(
        text(
            "SELECT rowid FROM conversation_fts WHERE conversation_fts MATCH :q "
            "UNION SELECT c.id FROM conversation c WHERE c.contact_id IN "
            "(SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q)"
        ),
        {"q": match},
    )
    for (cid,) in other:
        hits.setdefault(cid, None)
    if not hits:
        return []
    stmt = _filtered(select(Conversation.id), flt).where(Conversation.id.in_(list(hits)))
    stmt = stmt.order_by(Conversation.last_message_at.desc()).limit(limit)
    return [SearchHit(cid, hits[cid]) for cid in session.exec(stmt)]


def contact_identities(session: Session, *, contact_id: int) -> list[ContactIdentity]:
    return list(session.exec(select(ContactIdentity).where(ContactIdentity.contact_id == contact_id)))


def counts(session: Session) -> dict[str, int]:
    """Row counts for the doctor and the status bar."""
    out = {
        "contacts": session.exec(select(func.count()).select_from(Contact)).one(),
        "conversations": session.exec(select(func.count()).select_from(Conversation)).one(),
        "messages": session.exec(select(func.count()).select_from(Message)).one(),
    }
    for state, n in session.exec(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)):
        out[f"outbox_{state}"] = n
    return out


def unread_total(session: Session) -> int:
    stmt = select(func.coalesce(func.sum(Conversation.unread_count), 0)).where(
        Conversation.status != "resolved"
    )
    return int(session.exec(stmt).one())


def labels(session: Session) -> list[Label]:
    return list(session.exec(select(Label).order_by(Label.name)))
