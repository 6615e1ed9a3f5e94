"""Read queries for the window: conversation ids by filter, rows for ids, messages, search."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, text
from sqlmodel import Session, func, select

from shopdesk.core.models import (
    Attachment,
    Contact,
    ContactIdentity,
    Conversation,
    ConversationLabel,
    ConversationStatus,
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
    # Core on the connection, not the ORM: 100,000 ids come back in about 40 ms instead of 100.
    return list(session.connection().execute(stmt).scalars())


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


_MESSAGE_COLUMNS = (
    Message.id,
    Message.direction,
    Message.author,
    Message.text,
    Message.html,
    Message.created_at,
    Message.send_state,
    Message.parse_note,
    Message.edited,
)


def messages_of(session: Session, *, conversation_id: int) -> list[MessageRow]:
    """Every message of a conversation, oldest first, with its attachments."""
    rows = session.exec(
        select(*_MESSAGE_COLUMNS)
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.created_at, Message.id)
    ).all()
    attachments: dict[int, list[AttachmentRow]] = {}
    if rows:
        stmt = select(Attachment).join(Message, Message.id == Attachment.message_id)
        for a in session.exec(stmt.where(Message.conversation_id == conversation_id)):
            attachments.setdefault(a.message_id, []).append(
                AttachmentRow(a.id, a.sha256, a.filename, a.mime_type, a.size)
            )
    return [MessageRow(*row, attachments=tuple(attachments.get(row[0], ()))) for row in rows]


# One statement: the newest message hits (bounded), plus conversations whose subject or contact
# matches (bounded too), so a word found in most messages still answers in a few milliseconds.
_HITS_SQL = text(
    "SELECT m.conversation_id AS cid, max(m.id) AS mid FROM "
    "(SELECT rowid FROM message_fts WHERE message_fts MATCH :q ORDER BY rowid DESC LIMIT :n) f "
    "JOIN message m ON m.id = f.rowid GROUP BY m.conversation_id "
    "UNION ALL SELECT rowid, NULL FROM "
    "(SELECT rowid FROM conversation_fts WHERE conversation_fts MATCH :q ORDER BY rowid DESC LIMIT :n) "
    "UNION ALL SELECT c.id, NULL FROM conversation c WHERE c.contact_id IN "
    "(SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q ORDER BY rowid DESC LIMIT :n)"
).columns(cid=Integer, mid=Integer)


def search(session: Session, *, query: str, flt: ConversationFilter, limit: int = 500) -> list[SearchHit]:
    """Conversations whose messages, subject or contact match ``query``, newest first."""
    match = fts_query(query)
    if not match:
        return []
    hits = _HITS_SQL.bindparams(q=match, n=SEARCH_MESSAGE_LIMIT).subquery("hits")
    stmt = _filtered(
        select(Conversation.id, func.max(hits.c.mid)).join(hits, hits.c.cid == Conversation.id), flt
    )
    stmt = (
        stmt.group_by(Conversation.id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(limit)
    )
    return [SearchHit(cid, mid) for cid, mid in session.exec(stmt)]


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
    """Unread messages in the conversations not resolved (the tray's badge). Named statuses, not "not
    resolved", so SQLite reads them from the status index: 5 ms instead of 11 at 100,000 conversations."""
    waiting = [status.value for status in ConversationStatus if status != ConversationStatus.RESOLVED]
    stmt = select(func.coalesce(func.sum(Conversation.unread_count), 0)).where(
        Conversation.status.in_(waiting)
    )
    return int(session.exec(stmt).one())


def labels(session: Session) -> list[Label]:
    return list(session.exec(select(Label).order_by(Label.name)))
