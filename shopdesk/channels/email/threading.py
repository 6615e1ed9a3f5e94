"""Email threading after In-Reply-To/References: the same normalised subject, same contact, within 14 days."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

from sqlmodel import Session, select

from shopdesk.channels.base import IncomingItem
from shopdesk.core.models import Conversation, utcnow

WINDOW = timedelta(days=14)
CANDIDATES = 50
# Reply and forward prefixes as mail clients write them (English, German, Turkish Outlook/Gmail, Dutch,
# Nordic, Spanish, Polish), with counters such as "Re[2]:", and leading [list tags].
_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:re|aw|wg|fwd?|fw|ynt|[iİIı]lt|cevap|yan[ıi]t|antw|sv|vs|rv|odp|enc)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]"
    r"|\[[^\[\]]*\]"
    r")\s*",
    re.IGNORECASE,
)


def normalise_subject(subject: str | None) -> str:
    """The subject without any mix of reply/forward prefixes and list tags, spaces and case evened out."""
    text = subject or ""
    while True:
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return " ".join(text.split()).casefold()


def thread_by_subject(session: Session, item: IncomingItem, contact_id: int) -> int | None:
    """core.ingest's threading hook for email (after In-Reply-To/References found nothing): the
    conversation with this contact whose subject matches and whose last message is within 14 days."""
    key = normalise_subject(item.subject)
    if not key:
        return None
    when = (item.created_at or utcnow()).astimezone(UTC)
    rows = session.exec(
        select(Conversation.id, Conversation.subject)
        .where(
            Conversation.contact_id == contact_id,
            Conversation.channel == item.channel,
            Conversation.last_message_at >= when - WINDOW,
            Conversation.last_message_at <= when + WINDOW,
        )
        .order_by(Conversation.last_message_at.desc())
        .limit(CANDIDATES)
    ).all()
    return next((cid for cid, subject in rows if normalise_subject(subject) == key), None)
