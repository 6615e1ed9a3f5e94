"""Filling in message bodies read after ingest (mail is listed from its headers first, its body later)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Engine

from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ConversationChanged

# parse_note of a message stored from its headers alone, whose body is still to be read.
BODY_PENDING = "The message text is still being read."
PREVIEW_CHARS = 160


@dataclass(frozen=True)
class BodyAttachment:
    sha256: str
    filename: str
    mime_type: str
    size: int
    content_id: str | None = None


@dataclass
class MessageBody:
    message_id: int
    text: str
    html: str | None = None
    parse_note: str | None = None
    attachments: list[BodyAttachment] = field(default_factory=list)


def pending_bodies(engine: Engine, *, channel: str, limit: int = 200) -> list[tuple[int, str]]:
    """(message id, raw_ref) of messages still waiting for their body, oldest first."""
    with read_session(engine) as session:
        rows = session.connection().execute(
            text(
                "SELECT id, raw_ref FROM message WHERE channel = :ch AND parse_note = :pending"
                " AND raw_ref IS NOT NULL ORDER BY id LIMIT :limit"
            ),
            {"ch": channel, "pending": BODY_PENDING, "limit": limit},
        )
        return [(row[0], row[1]) for row in rows]


def set_bodies(engine: Engine, publish: Callable[[object], None], bodies: list[MessageBody]) -> int:
    """Store the bodies read for pending messages (text, HTML, note, files) in one transaction.

    A message no longer pending (already filled, or deleted) is left alone. The conversation's preview
    follows when the message is its newest. Returns how many messages were filled.
    """
    changed: set[int] = set()
    filled = 0
    with write_session(engine) as session:
        conn = session.connection()
        for body in bodies:
            done = conn.execute(_FILL, {**_params(body), "pending": BODY_PENDING})
            if done.rowcount != 1:
                continue
            filled += 1
            for a in body.attachments:
                conn.execute(_ATTACH, {"m": body.message_id, **asdict(a)})
            changed.add(_refresh_preview(conn, body))
    for conversation_id in sorted(changed):
        publish(ConversationChanged(conversation_id))
    return filled


_FILL = text(
    "UPDATE message SET text = :text, html = :html, parse_note = :note"
    " WHERE id = :id AND parse_note = :pending"
)
_ATTACH = text(
    "INSERT INTO attachment (message_id, sha256, filename, mime_type, size, content_id)"
    " VALUES (:m, :sha256, :filename, :mime_type, :size, :content_id)"
)
_NEWEST = text(
    "SELECT m.conversation_id, NOT EXISTS (SELECT 1 FROM message o WHERE o.conversation_id ="
    " m.conversation_id AND o.direction IN ('incoming', 'outgoing') AND (o.created_at > m.created_at"
    " OR (o.created_at = m.created_at AND o.id > m.id))) FROM message m WHERE m.id = :id"
)


def _params(body: MessageBody) -> dict:
    return {"text": body.text, "html": body.html, "note": body.parse_note, "id": body.message_id}


def _refresh_preview(conn, body: MessageBody) -> int:
    conversation_id, is_newest = conn.execute(_NEWEST, {"id": body.message_id}).one()
    if is_newest:
        conn.execute(
            text("UPDATE conversation SET preview = :p WHERE id = :id"),
            {"p": " ".join(body.text.split())[:PREVIEW_CHARS], "id": conversation_id},
        )
    return conversation_id
