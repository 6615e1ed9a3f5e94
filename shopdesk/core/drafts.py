"""Composer drafts, saved as the owner types and restored after a restart."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from shopdesk.core.db import write_session
from shopdesk.core.models import Draft, utcnow


def save_draft(engine: Engine, *, conversation_id: int, body: str) -> None:
    """Keep ``body``; an empty body removes the draft."""
    with write_session(engine) as session:
        draft = session.get(Draft, conversation_id)
        if not body.strip():
            if draft is not None:
                session.delete(draft)
            return
        draft = draft or Draft(conversation_id=conversation_id)
        draft.body = body
        draft.updated_at = utcnow()
        session.add(draft)


def get_draft(session: Session, *, conversation_id: int) -> str:
    draft = session.get(Draft, conversation_id)
    return draft.body if draft else ""
