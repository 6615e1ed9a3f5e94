"""Search result snippets: the matching message's text around the searched words, and where they are."""

from __future__ import annotations

from sqlmodel import Session, select

from shopdesk.core.models import Message
from shopdesk.core.text import match_spans

SNIPPET_CHARS = 160
LEAD_CHARS = 40  # how much text to keep before the first match


def message_texts(session: Session, *, message_ids: list[int]) -> dict[int, str]:
    """The text of each message in ``message_ids`` (one query for a page of search hits)."""
    if not message_ids:
        return {}
    stmt = select(Message.id, Message.text).where(Message.id.in_(message_ids))
    return dict(session.exec(stmt).all())


def snippet(text: str, user_text: str, *, width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt of ``text`` that shows the first searched word, and the spans to highlight."""
    flat = " ".join(text.split())
    spans = match_spans(flat, user_text)
    start = 0
    if spans and spans[0][1] > width - 10:
        start = max(flat.rfind(" ", 0, max(spans[0][0] - LEAD_CHARS, 0)) + 1, 0)
    excerpt = flat[start : start + width]
    if start + width < len(flat):
        excerpt = excerpt.rstrip() + "…"
    if start > 0:
        excerpt = "…" + excerpt
    return excerpt, match_spans(excerpt, user_text)
