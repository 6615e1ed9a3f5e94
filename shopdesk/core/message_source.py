"""Where a message came from: its stored original (raw_ref) and its inline ``cid:`` parts."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

_RAW_REF = text("SELECT raw_ref FROM message WHERE id = :id")
_INLINE = text(
    "SELECT content_id, sha256, mime_type FROM attachment WHERE message_id = :id AND content_id IS NOT NULL"
)


def raw_ref_of(session: Session, *, message_id: int) -> str | None:
    """The blob digest of the message's original bytes, or None when none was kept."""
    row = session.connection().execute(_RAW_REF, {"id": message_id}).first()
    return row[0] if row is not None else None


def inline_parts(session: Session, *, message_id: int) -> dict[str, tuple[str, str]]:
    """The message's parts that its HTML may show by ``cid:``: content id -> (sha256, MIME type)."""
    rows = session.connection().execute(_INLINE, {"id": message_id})
    return {cid: (sha, mime) for cid, sha, mime in rows if cid}
