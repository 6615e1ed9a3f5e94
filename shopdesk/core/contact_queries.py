"""Read queries for the customer pane: a conversation's contact, their past conversations, contact search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, func, select

from shopdesk.core.models import Contact, Conversation
from shopdesk.core.text import fts_query


@dataclass(frozen=True)
class ContactCard:
    id: int
    name: str
    email: str | None
    phone: str | None
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class PastConversation:
    id: int
    channel: str
    status: str
    subject: str
    preview: str
    last_message_at: datetime


@dataclass(frozen=True)
class ContactMatch:
    id: int
    name: str
    email: str | None
    phone: str | None
    conversations: int


def contact_of_conversation(session: Session, *, conversation_id: int) -> ContactCard | None:
    """The contact who owns ``conversation_id`` (None when the conversation does not exist)."""
    contact = session.exec(
        select(Contact)
        .join(Conversation, Conversation.contact_id == Contact.id)
        .where(Conversation.id == conversation_id)
    ).first()
    if contact is None:
        return None
    return ContactCard(
        contact.id, contact.name, contact.email, contact.phone, contact.notes, contact.created_at
    )


def past_conversations(session: Session, *, contact_id: int, limit: int = 50) -> list[PastConversation]:
    """The contact's conversations on every channel, most recent first."""
    stmt = (
        select(Conversation)
        .where(Conversation.contact_id == contact_id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(limit)
    )
    return [
        PastConversation(c.id, c.channel, c.status, c.subject, c.preview, c.last_message_at)
        for c in session.exec(stmt)
    ]


def search_contacts(
    session: Session, *, query: str, exclude_id: int | None = None, limit: int = 20
) -> list[ContactMatch]:
    """Contacts whose name, email, phone or addresses match ``query`` (Turkish folding); newest first
    when ``query`` is empty."""
    stmt = select(Contact).order_by(Contact.id.desc()).limit(limit + 1)
    match = fts_query(query)
    if match:
        ids = [
            row[0]
            for row in session.connection().execute(
                text("SELECT rowid FROM contact_fts WHERE contact_fts MATCH :q ORDER BY rank LIMIT :n"),
                {"q": match, "n": limit + 1},
            )
        ]
        stmt = select(Contact).where(Contact.id.in_(ids))
        order = {cid: i for i, cid in enumerate(ids)}
    elif query.strip():
        return []
    contacts = [c for c in session.exec(stmt) if c.id != exclude_id][:limit]
    if match:
        contacts.sort(key=lambda c: order[c.id])
    counts = _conversation_counts(session, [c.id for c in contacts])
    return [ContactMatch(c.id, c.name, c.email, c.phone, counts.get(c.id, 0)) for c in contacts]


def _conversation_counts(session: Session, contact_ids: list[int]) -> dict[int, int]:
    if not contact_ids:
        return {}
    stmt = (
        select(Conversation.contact_id, func.count())
        .where(Conversation.contact_id.in_(contact_ids))
        .group_by(Conversation.contact_id)
    )
    return dict(session.exec(stmt).all())
