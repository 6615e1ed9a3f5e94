"""Canned replies: variables filled on insert, '/' shortcuts, suggestions from the customer's words."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import text as sql
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.db import write_session
from shopdesk.core.events import CannedChanged
from shopdesk.core.models import CannedReply, utcnow
from shopdesk.core.text import fold, fts_query

Publish = Callable[[object], None]
VARIABLE = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}")
VARIABLES = ("contact.first_name", "contact.name", "shop.name", "agent.name", "conversation.id")
FIELDS = ("title", "shortcut", "language", "body", "attachments_json", "is_faq", "questions")


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: tuple[str, ...]  # variables left visible in ``text`` for the owner to fill


def render(body: str, values: Mapping[str, str | None]) -> Rendered:
    """Fill ``{{variables}}``; one with no value stays as written, never a silent blank."""
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        value = values.get(match.group(1))
        if value:
            return str(value)
        missing.append(match.group(1))
        return match.group(0)

    return Rendered(VARIABLE.sub(fill, body), tuple(dict.fromkeys(missing)))


def variables_for(*, contact_name: str, shop_name: str, agent_name: str, conversation_id: int) -> dict:
    """The values of the standard variables; a name that is only an address has no first name."""
    name = contact_name.strip()
    looks_like_name = bool(name) and "@" not in name and not name.lstrip("+").isdigit()
    return {
        "contact.name": name if looks_like_name else "",
        "contact.first_name": name.split()[0] if looks_like_name else "",
        "shop.name": shop_name,
        "agent.name": agent_name,
        "conversation.id": str(conversation_id),
    }


def list_canned(session: Session, *, prefix: str = "") -> list[CannedReply]:
    """Canned replies whose shortcut or title starts with ``prefix`` (folded), by shortcut."""
    replies = list(session.exec(select(CannedReply).order_by(CannedReply.shortcut)))
    key = fold(prefix)
    if not key:
        return replies
    starts = [r for r in replies if fold(r.shortcut).startswith(key) or fold(r.title).startswith(key)]
    contains = [r for r in replies if r not in starts and key in fold(r.title + " " + r.shortcut)]
    return starts + contains


def suggest(session: Session, *, customer_text: str, limit: int = 3) -> list[CannedReply]:
    """Canned replies that best match the customer's words (bm25 over folded text)."""
    match = fts_query(customer_text, prefix_last=False, any_word=True)
    if not match:
        return []
    ids = [
        row[0]
        for row in session.connection().execute(
            sql("SELECT rowid FROM canned_fts WHERE canned_fts MATCH :q ORDER BY bm25(canned_fts) LIMIT :n"),
            {"q": match, "n": limit},
        )
    ]
    found = {r.id: r for r in session.exec(select(CannedReply).where(CannedReply.id.in_(ids)))}
    return [found[i] for i in ids if i in found]


def save_canned(engine: Engine, publish: Publish, *, canned_id: int | None = None, **fields) -> int:
    """Create (``canned_id`` None) or update a canned reply; the shortcut must be unique."""
    fields = {k: v for k, v in fields.items() if k in FIELDS}
    if "shortcut" in fields:
        fields["shortcut"] = fields["shortcut"].strip().lstrip("/")
        if not fields["shortcut"] or " " in fields["shortcut"]:
            raise ValueError("A shortcut is one word, like 'kargo'.")
    with write_session(engine) as session:
        reply = session.get(CannedReply, canned_id) if canned_id else None
        if canned_id and reply is None:
            raise LookupError(f"canned reply {canned_id} does not exist")
        clash = session.exec(
            select(CannedReply).where(CannedReply.shortcut == fields.get("shortcut"))
        ).first()
        if clash is not None and clash.id != canned_id:
            raise ValueError(f"The shortcut /{clash.shortcut} is already used by '{clash.title}'.")
        reply = reply or CannedReply(title="", shortcut="", body="")
        for name, value in fields.items():
            setattr(reply, name, value)
        reply.updated_at = utcnow()
        session.add(reply)
        session.flush()
        new_id = reply.id
    publish(CannedChanged())
    return new_id


def delete_canned(engine: Engine, publish: Publish, *, canned_id: int) -> None:
    with write_session(engine) as session:
        reply = session.get(CannedReply, canned_id)
        if reply is not None:
            session.delete(reply)
    publish(CannedChanged())
