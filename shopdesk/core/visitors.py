"""Web chat visitors on the desktop: who is on the site, which pages, cart, and where they came from."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlmodel import Session, select

from shopdesk.channels.base import IncomingItem
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged
from shopdesk.core.ingest import _Sql, resolve_contact
from shopdesk.core.models import ContactIdentity, Conversation, Message, WebVisitor, utcnow

CHANNEL = "webchat"
MAX_PAGES = 50
LIVE_MINUTES = 5
# What the visitor did (an owner_message event is our own reply coming back: nothing to apply).
VISITOR_KINDS = frozenset(
    {"visit", "page_view", "identify", "message", "cart", "track", "typing", "seen", "left"}
)


@dataclass(frozen=True)
class VisitorChanged:
    """A visitor's page, cart, identity or presence changed (for the live list and the customer pane)."""

    account_id: int
    visitor_id: str


@dataclass(frozen=True)
class VisitorTyping:
    """The visitor is typing (or stopped); not stored."""

    account_id: int
    visitor_id: str
    conversation_id: int | None
    typing: bool


def _at(value: str | None) -> datetime:
    if not value:
        return utcnow()
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _row(session: Session, account_id: int, visitor_id: str) -> WebVisitor:
    row = session.exec(
        select(WebVisitor).where(WebVisitor.account_id == account_id, WebVisitor.visitor_id == visitor_id)
    ).first()
    return row or WebVisitor(account_id=account_id, visitor_id=visitor_id)


# Relay bursts (hundreds of events a second) are applied in SQL on the session's own connection, as
# core/ingest.py does: through the ORM (a query and an autoflush each) a relay event cost about 1 ms.
_FACTS = tuple(
    c.name for c in WebVisitor.__table__.columns if c.name not in ("id", "account_id", "visitor_id")
)
_TIMES = ("visit_started_at", "first_seen_at", "last_seen_at")
_IN_CHUNK = 500  # ids in one IN (...) list, well under SQLite's limit on bound parameters
_UPDATE = f"UPDATE webvisitor SET {', '.join(f'{n} = :{n}' for n in _FACTS)} WHERE id = :id"
_INSERT = (
    f"INSERT INTO webvisitor (account_id, visitor_id, {', '.join(_FACTS)})"
    f" VALUES (:account_id, :visitor_id, {', '.join(f':{n}' for n in _FACTS)})"
)


def apply_events(session: Session, account_id: int, events: list[dict]) -> list[str]:
    """Update visitors from relay events (seq order); returns the visitor ids that changed."""
    db = _Sql(session)
    wanted = [e for e in events if e.get("visitor_id") and e["kind"] in VISITOR_KINDS]
    rows = _load(db, account_id, list(dict.fromkeys(e["visitor_id"] for e in wanted)))
    changed: dict[str, SimpleNamespace] = {}
    for event in wanted:
        visitor_id = event["visitor_id"]
        row = rows.get(visitor_id) or rows.setdefault(visitor_id, _new(account_id, visitor_id))
        if event["seq"] <= row.last_seq:
            continue
        _apply(row, event["kind"], event.get("data") or {}, _at(event.get("at")))
        row.last_seq = event["seq"]
        changed[visitor_id] = row
    _save(db, list(changed.values()))
    return list(changed)


def _load(db: _Sql, account_id: int, visitor_ids: list[str]) -> dict[str, SimpleNamespace]:
    """The stored visitors among ``visitor_ids``, as plain attributes (times aware, in UTC)."""
    rows = {}
    for marks, params in _in_lists(visitor_ids):
        found = db.run(
            f"SELECT id, visitor_id, {', '.join(_FACTS)} FROM webvisitor"
            f" WHERE account_id = :acc AND visitor_id IN ({marks})",
            {"acc": account_id, **params},
        )
        for values in found.fetchall():
            row = SimpleNamespace(
                account_id=account_id, **dict(zip(("id", "visitor_id", *_FACTS), values, strict=True))
            )
            for name in _TIMES:
                setattr(row, name, db.when(getattr(row, name)))
            rows[row.visitor_id] = row
    return rows


def _new(account_id: int, visitor_id: str) -> SimpleNamespace:
    """A visitor not stored yet, with the model's defaults (building a WebVisitor cost 0.4 ms)."""
    fields = WebVisitor.model_fields
    facts = {name: fields[name].get_default(call_default_factory=True) for name in _FACTS}
    return SimpleNamespace(id=None, account_id=account_id, visitor_id=visitor_id, **facts)


def _save(db: _Sql, rows: list[SimpleNamespace]) -> None:
    params = [{**vars(row), **{name: db.ts(getattr(row, name)) for name in _TIMES}} for row in rows]
    stored = [p for p in params if p["id"] is not None]
    if stored:
        db.many(_UPDATE, stored)
    if len(stored) < len(params):
        db.many(_INSERT, [p for p in params if p["id"] is None])


def _in_lists(ids: list[str]):
    """``IN (...)`` placeholders and their parameters, a chunk of ``ids`` at a time."""
    for start in range(0, len(ids), _IN_CHUNK):
        params = {f"i{n}": value for n, value in enumerate(ids[start : start + _IN_CHUNK])}
        yield ", ".join(f":{name}" for name in params), params


def _apply(row: SimpleNamespace, kind: str, data: dict, at: datetime) -> None:
    if kind == "visit":
        row.visit_started_at = at
        row.pages_json = "[]"
        row.landing_url = data.get("landing_url", "")
        row.referrer = data.get("referrer", "")
        row.search_terms = data.get("search", "")
        row.campaign = data.get("campaign", "")
        row.source = data.get("source", "")
        row.language = data.get("language", "") or row.language
        row.device = data.get("device", "") or row.device
        row.city = data.get("city", "") or row.city
    elif kind == "page_view":
        row.current_url, row.current_title = data.get("url", ""), data.get("title", "")
        page = {"url": row.current_url, "title": row.current_title, "at": at.isoformat()}
        pages = [*json.loads(row.pages_json or "[]"), page]
        row.pages_json = json.dumps(pages[-MAX_PAGES:], ensure_ascii=False)
    elif kind in ("identify", "message"):
        for name in ("name", "email", "phone"):
            if data.get(name):
                setattr(row, name, data[name])
    elif kind == "cart":
        row.cart_json = json.dumps(data, ensure_ascii=False)
        row.cart_value, row.cart_currency = data.get("value"), data.get("currency", "")
    elif kind == "seen":
        row.visitor_seen_id = max(row.visitor_seen_id, int(data.get("up_to", 0)))
    row.online = kind != "left"
    if kind not in ("left", "seen"):
        row.last_seen_at = max(row.last_seen_at, at) if row.id else at


def fill_contacts(session: Session, account_id: int, visitor_ids: list[str]) -> list[int]:
    """Give the visitors' contacts the name and email the visitors typed, where the contact has none."""
    db = _Sql(session)
    visitor_ids = list(dict.fromkeys(visitor_ids))
    found = _contacts_of(db, account_id, visitor_ids)
    filled: dict[int, tuple] = {}  # contact id -> (name, email, phone), as the batch leaves it
    changed = []
    for visitor_id in visitor_ids:
        if visitor_id not in found:
            continue
        contact_id, stored, typed = found[visitor_id]
        before = filled.get(contact_id, stored)
        after = _filled(before, typed, visitor_id)
        if after != before:
            filled[contact_id] = after
            changed.append(contact_id)
    if filled:
        db.many(
            "UPDATE contact SET name = :n, email = :e, phone = :p WHERE id = :id",
            [{"id": cid, "n": n, "e": e, "p": p} for cid, (n, e, p) in filled.items()],
        )
    return changed


def _filled(contact: tuple, typed: tuple, visitor_id: str) -> tuple:
    """The contact's (name, email, phone) completed from what the visitor typed."""
    name, email, phone = contact
    if typed[0] and name in ("", visitor_id):
        name = typed[0]
    return name, email or typed[1] or None, phone or typed[2] or None


def _contacts_of(db: _Sql, account_id: int, visitor_ids: list[str]) -> dict[str, tuple]:
    """Visitor id -> (contact id, its (name, email, phone), the visitor's), for stored visitors."""
    found = {}
    for marks, params in _in_lists(visitor_ids):
        rows = db.run(
            "SELECT i.address, c.id, c.name, c.email, c.phone, w.name, w.email, w.phone"
            " FROM contactidentity i JOIN contact c ON c.id = i.contact_id"
            " JOIN webvisitor w ON w.account_id = :acc AND w.visitor_id = i.address"
            f" WHERE i.channel = :ch AND i.address IN ({marks})",
            {"acc": account_id, "ch": CHANNEL, **params},
        )
        for address, contact_id, *values in rows.fetchall():
            found[address] = (contact_id, tuple(values[:3]), tuple(values[3:]))
    return found


# Queries for the desktop


def visitor(session: Session, *, account_id: int, visitor_id: str) -> WebVisitor | None:
    row = _row(session, account_id, visitor_id)
    return row if row.id is not None else None


def visitor_of_conversation(session: Session, *, conversation_id: int) -> WebVisitor | None:
    """The visitor behind a web chat conversation (for the customer pane)."""
    return session.exec(
        select(WebVisitor)
        .join(ContactIdentity, ContactIdentity.address == WebVisitor.visitor_id)
        .join(Conversation, Conversation.contact_id == ContactIdentity.contact_id)
        .where(
            Conversation.id == conversation_id,
            Conversation.channel == CHANNEL,
            ContactIdentity.channel == CHANNEL,
        )
        .order_by(WebVisitor.last_seen_at.desc())
    ).first()


def visitor_id_of_conversation(session: Session, *, conversation_id: int) -> str | None:
    """The relay visitor id a web chat conversation answers to."""
    return session.exec(
        select(ContactIdentity.address)
        .join(Conversation, Conversation.contact_id == ContactIdentity.contact_id)
        .where(Conversation.id == conversation_id, ContactIdentity.channel == CHANNEL)
    ).first()


def conversation_of_visitor(session: Session, *, visitor_id: str) -> int | None:
    """The visitor's open web chat conversation, if there is one."""
    return session.exec(
        select(Conversation.id)
        .join(ContactIdentity, ContactIdentity.contact_id == Conversation.contact_id)
        .where(
            ContactIdentity.channel == CHANNEL,
            ContactIdentity.address == visitor_id,
            Conversation.channel == CHANNEL,
            Conversation.status != "resolved",
        )
        .order_by(Conversation.last_message_at.desc())
    ).first()


def live_visitors(
    session: Session, *, now: datetime | None = None, minutes: int = LIVE_MINUTES, limit: int = 200
) -> list[WebVisitor]:
    """Who is on the site now (a widget open, or seen in the last ``minutes``), most recent first."""
    since = (now or utcnow()) - timedelta(minutes=minutes)
    return list(
        session.exec(
            select(WebVisitor)
            .where(WebVisitor.online, WebVisitor.last_seen_at >= since)
            .order_by(WebVisitor.last_seen_at.desc())
            .limit(limit)
        )
    )


def seen_up_to(session: Session, *, conversation_id: int) -> int:
    """The last of our relay message ids (kept as external_id "r<id>") the visitor has seen."""
    row = visitor_of_conversation(session, conversation_id=conversation_id)
    return row.visitor_seen_id if row else 0


def seen_message_ids(session: Session, *, conversation_id: int) -> set[int]:
    """Our replies in a web chat conversation that the visitor has seen (for ✓✓ marks)."""
    up_to = seen_up_to(session, conversation_id=conversation_id)
    if not up_to:
        return set()
    rows = session.exec(
        select(Message.id, Message.external_id).where(
            Message.conversation_id == conversation_id,
            Message.direction == "outgoing",
            Message.external_id.is_not(None),
        )
    )
    return {mid for mid, ext in rows if ext[1:].isdigit() and int(ext[1:]) <= up_to}


def start_conversation(engine, publish, *, account_id: int, visitor_id: str) -> int:
    """The owner starts a chat with a visitor on the site (who may not have written): the visitor's open
    conversation, else a new, empty one for their contact (made from what the visitor told the widget)."""
    with write_session(engine) as session:
        existing = conversation_of_visitor(session, visitor_id=visitor_id)
        if existing is not None:
            return existing
        row = _row(session, account_id, visitor_id)
        if row.id is None:
            raise LookupError(f"web chat visitor {visitor_id} is not known")
        who = IncomingItem(
            channel=CHANNEL, natural_key="", sender_address=visitor_id, sender_name=row.name, text=""
        )
        contact_id = resolve_contact(session, who)
        conversation = Conversation(contact_id=contact_id, channel=CHANNEL, account_id=account_id)
        session.add(conversation)
        session.flush()
        fill_contacts(session, account_id, [visitor_id])
        conversation_id = conversation.id
    publish(ConversationChanged(conversation_id))
    return conversation_id
