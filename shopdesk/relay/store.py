"""The relay's store: sites, visitors, messages, files and the numbered events the desktop acknowledges."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.db import make_engine, read_session, write_session
from shopdesk.core.ingest import _Sql
from shopdesk.relay.config import SiteConfig
from shopdesk.relay.models import (
    RelayEvent,
    RelayFile,
    RelayMessage,
    RelayModel,
    RelaySetting,
    RelaySite,
    RelayVisitor,
    utcnow,
)


class RelayInputError(ValueError):
    """A request the store refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class SiteInfo:
    id: int
    key: str
    name: str
    secret: str
    presence: str
    prechat: str


@dataclass
class Outcome:
    """What one write did: its value, the events it committed (for the desktop) and widget pushes."""

    value: Any = None
    events: list[dict] = field(default_factory=list)
    pushes: list[tuple[str, dict]] = field(default_factory=list)


def open_store(url: str) -> Engine:
    """The relay's engine, with its tables created (SQLite: WAL and FULL sync, like the desktop's store)."""
    engine = make_engine(url)
    RelayModel.metadata.create_all(engine)
    add_new_columns(engine)
    return engine


def add_new_columns(engine: Engine) -> list[str]:
    """Columns a newer relay added to an existing table, added to an older store (``table.column`` names).

    The relay's schema only ever grows by new tables (``create_all``) and new columns that have a server
    default, so an upgrade needs nothing more than this; the relay keeps no history worth a migration
    tool (acknowledged events are deleted, the rest is the widget's copy of recent chats).
    """
    present = inspect(engine)
    added = []
    with engine.begin() as conn:
        for table in RelayModel.metadata.sorted_tables:
            have = {c["name"] for c in present.get_columns(table.name)}
            for column in table.columns:
                if column.name in have:
                    continue
                kind = column.type.compile(dialect=engine.dialect)
                default = column.server_default.arg if column.server_default is not None else None
                ddl = f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'
                if default is not None:
                    ddl += " NOT NULL DEFAULT '{}'".format(str(default).replace("'", "''"))
                conn.exec_driver_sql(ddl)
                added.append(f"{table.name}.{column.name}")
    return added


def ensure_site(engine: Engine, site: SiteConfig) -> SiteInfo:
    """The site row for ``site.key`` (created with a fresh signing secret), updated from the config."""
    with write_session(engine) as session:
        row = session.exec(select(RelaySite).where(RelaySite.key == site.key)).first()
        if row is None:
            row = RelaySite(key=site.key, secret=secrets.token_hex(32))
        row.name, row.prechat = site.name, site.prechat
        session.add(row)
        session.flush()
        return site_info(row)


def site_info(row: RelaySite) -> SiteInfo:
    return SiteInfo(row.id, row.key, row.name, row.secret, row.presence, row.prechat)


def iso(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def event_dict(row: RelayEvent) -> dict:
    return {
        "seq": row.seq,
        "id": row.id,
        "kind": row.kind,
        "visitor_id": row.visitor_id,
        "at": iso(row.created_at),
        "data": json.loads(row.payload_json),
    }


def message_dict(row: RelayMessage, file: RelayFile | None = None) -> dict:
    data = {
        "id": row.id,
        "author": row.author,
        "text": row.text,
        "client_id": row.client_id,
        "at": iso(row.created_at),
        "file": None,
        "buttons": json.loads(row.buttons_json) if row.buttons_json else [],
        "card": row.card,
        "chosen": row.chosen,
    }
    if file is not None:
        data["file"] = {"id": file.id, "name": file.name, "mime_type": file.mime_type, "size": file.size}
    return data


def visitor_dict(row: RelayVisitor) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "email": row.email,
        "phone": row.phone,
        "language": row.language,
        "device": row.device,
        "current_url": row.current_url,
        "current_title": row.current_title,
        "owner_seen_id": row.owner_seen_id,
        "visitor_seen_id": row.visitor_seen_id,
        "created_at": iso(row.created_at),
        "last_seen_at": iso(row.last_seen_at),
    }


# The hot path (a message and its event) speaks SQL to the driver on the session's connection, like
# core.ingest: SQLAlchemy's statement building cost ~1.6 ms a message, the SQL itself ~0.15 ms.


def add_event(session: Session, site_id: int, visitor_id: str | None, kind: str, data: dict) -> dict:
    db, event_id, now = _Sql(session), "e_" + secrets.token_hex(10), utcnow()
    seq = db.one(
        "INSERT INTO relay_event (id, site_id, visitor_id, kind, payload_json, created_at)"
        " VALUES (:id, :site, :visitor, :kind, :payload, :at) RETURNING seq",
        {
            "id": event_id,
            "site": site_id,
            "visitor": visitor_id,
            "kind": kind,
            "payload": json.dumps(data, ensure_ascii=False),
            "at": db.ts(now),
        },
    )[0]
    return {"seq": seq, "id": event_id, "kind": kind, "visitor_id": visitor_id, "at": iso(now), "data": data}


def get_visitor(session: Session, visitor_id: str) -> RelayVisitor:
    row = session.get(RelayVisitor, visitor_id)
    if row is None:
        raise RelayInputError("unknown visitor: start a new chat session", 404)
    return row


# Writes (run by the relay's single writer, each inside its own savepoint)


def start_visit(session: Session, site_id: int, visitor_id: str | None, visit: dict, page: dict) -> Outcome:
    """Create or resume a visitor; record a new visit and the page it is on."""
    now = utcnow()
    row = session.get(RelayVisitor, visitor_id) if visitor_id else None
    new_visit = row is None or (now - row.last_seen_at).total_seconds() > 30 * 60
    if row is None:
        row = RelayVisitor(id="v_" + secrets.token_hex(8), site_id=site_id)
    row.language = visit.get("language", "") or row.language
    row.device = visit.get("device", "") or row.device
    row.current_url, row.current_title = page.get("url", ""), page.get("title", "")
    row.last_seen_at = now
    session.add(row)
    session.flush()
    out = Outcome(value=row)
    if new_visit:
        out.events.append(add_event(session, site_id, row.id, "visit", visit))
    out.events.append(add_event(session, site_id, row.id, "page_view", page))
    return out


def add_message(
    session: Session,
    site_id: int,
    visitor_id: str,
    *,
    author: str,
    text: str,
    client_id: str,
    file: RelayFile | None = None,
    extra: dict | None = None,
    buttons: list | None = None,
    card: str = "",
) -> Outcome:
    """Store a message once per (visitor, client_id); a resend returns the stored one and adds nothing."""
    db = _Sql(session)
    visitor = db.one("SELECT name, email FROM relay_visitor WHERE id = :v", {"v": visitor_id})
    if visitor is None:
        raise RelayInputError("unknown visitor: start a new chat session", 404)
    found = db.one(
        "SELECT id FROM relay_message WHERE visitor_id = :v AND client_id = :c",
        {"v": visitor_id, "c": client_id},
    )
    if found is not None:
        row = session.get(RelayMessage, found[0])
        stored_file = session.get(RelayFile, row.file_id) if row.file_id else None
        return Outcome(value=message_dict(row, stored_file))
    if file is not None:
        session.add(file)
        session.flush()
    now = utcnow()
    row = RelayMessage(
        visitor_id=visitor_id,
        author=author,
        text=text,
        client_id=client_id,
        file_id=file.id if file else None,
        created_at=now,
        buttons_json=json.dumps(buttons, ensure_ascii=False) if buttons else "",
        card=card,
    )
    params = {
        "v": visitor_id,
        "a": author,
        "t": text,
        "f": row.file_id,
        "c": client_id,
        "at": db.ts(now),
        "b": row.buttons_json,
        "k": card,
    }
    row.id = db.one(
        "INSERT INTO relay_message (visitor_id, author, text, file_id, client_id, created_at, buttons_json,"
        " card, chosen) VALUES (:v, :a, :t, :f, :c, :at, :b, :k, '') RETURNING id",
        params,
    )[0]
    if author == "visitor":
        db.run("UPDATE relay_visitor SET last_seen_at = :at WHERE id = :v", params)
    message = message_dict(row, file)
    data = {**message, "name": visitor[0], "email": visitor[1], **(extra or {})}
    kind = {"visitor": "message", "bot": "bot_message"}.get(author, "owner_message")
    event = add_event(session, site_id, visitor_id, kind, data)
    return Outcome(value=message, events=[event], pushes=[(visitor_id, {"type": "message", **message})])


def press(session: Session, site_id: int, visitor_id: str, message_id: int, data: str) -> Outcome:
    """The visitor tapped a button under one of the shop's messages; tapping another one changes the
    choice, tapping the same one again changes nothing."""
    row = session.get(RelayMessage, message_id)
    if row is None or row.visitor_id != visitor_id or not row.buttons_json:
        raise RelayInputError("no such message with buttons in this chat", 404)
    offered = [b["data"] for line in json.loads(row.buttons_json) for b in line]
    if data not in offered:
        raise RelayInputError("this button is not under that message", 422)
    message = message_dict(row, session.get(RelayFile, row.file_id) if row.file_id else None)
    if row.chosen == data:
        return Outcome(value=message)
    row.chosen = message["chosen"] = data
    session.add(row)
    event = add_event(session, site_id, visitor_id, "button", {"message_id": message_id, "data": data})
    push = {"type": "message_changed", **message}
    return Outcome(value=message, events=[event], pushes=[(visitor_id, push)])


def identify(session: Session, site_id: int, visitor_id: str, fields: dict) -> Outcome:
    visitor = get_visitor(session, visitor_id)
    for name in ("name", "email", "phone"):
        if fields.get(name):
            setattr(visitor, name, fields[name])
    session.add(visitor)
    session.flush()
    data = {"name": visitor.name, "email": visitor.email, "phone": visitor.phone}
    return Outcome(
        value=visitor_dict(visitor), events=[add_event(session, site_id, visitor_id, "identify", data)]
    )


def record(session: Session, site_id: int, visitor_id: str, kind: str, data: dict) -> Outcome:
    """A visitor's page view, cart, tracked event, typing or departure, for the desktop."""
    visitor = get_visitor(session, visitor_id)
    if kind == "page_view":
        visitor.current_url, visitor.current_title = data.get("url", ""), data.get("title", "")
    if kind != "left":
        visitor.last_seen_at = utcnow()
    session.add(visitor)
    return Outcome(value=None, events=[add_event(session, site_id, visitor_id, kind, data)])


def visitor_seen(session: Session, site_id: int, visitor_id: str, up_to: int) -> Outcome:
    visitor = get_visitor(session, visitor_id)
    if up_to <= visitor.visitor_seen_id:
        return Outcome(value=visitor.visitor_seen_id)
    visitor.visitor_seen_id = up_to
    session.add(visitor)
    event = add_event(session, site_id, visitor_id, "seen", {"up_to": up_to})
    return Outcome(value=up_to, events=[event])


def owner_seen(session: Session, visitor_id: str, up_to: int | None) -> Outcome:
    """The owner read the chat up to ``up_to`` (default: everything); the widget shows seen marks."""
    visitor = get_visitor(session, visitor_id)
    if up_to is None:
        up_to = (
            session.exec(
                select(func.max(RelayMessage.id)).where(
                    RelayMessage.visitor_id == visitor_id, RelayMessage.author == "visitor"
                )
            ).one()
            or 0
        )
    if up_to > visitor.owner_seen_id:
        visitor.owner_seen_id = up_to
        session.add(visitor)
    push = {"type": "seen", "up_to": visitor.owner_seen_id}
    return Outcome(value=visitor.owner_seen_id, pushes=[(visitor_id, push)])


def set_presence(session: Session, site_id: int, status: str) -> Outcome:
    site = session.get(RelaySite, site_id)
    site.presence = status
    session.add(site)
    return Outcome(value=status)


def acknowledge(session: Session, site_id: int, seq: int) -> Outcome:
    """The desktop committed everything up to ``seq``: those events are no longer kept."""
    result = session.exec(delete(RelayEvent).where(RelayEvent.site_id == site_id, RelayEvent.seq <= seq))
    return Outcome(value=result.rowcount)


def save_setting(session: Session, site_id: int, key: str, value: dict) -> Outcome:
    row = session.get(RelaySetting, (site_id, key)) or RelaySetting(site_id=site_id, key=key)
    row.value_json, row.updated_at = json.dumps(value, ensure_ascii=False), utcnow()
    session.add(row)
    return Outcome(value=value)


def rating(session: Session, site_id: int, token: str, score: int | None, comment: str) -> Outcome:
    """An answer from the rating page of a satisfaction email, for the desktop."""
    data = {"token": token, "score": score, "comment": comment}
    return Outcome(value=data, events=[add_event(session, site_id, None, "rating", data)])


def stop_reminders(session: Session, site_id: int, token: str) -> Outcome:
    """A cart follow-up's "stop these reminders", for the desktop (which knows whose cart it was)."""
    return Outcome(
        value=token, events=[add_event(session, site_id, None, "stop_reminders", {"token": token})]
    )


def hand_over(session: Session, site_id: int, visitor_id: str) -> Outcome:
    """The visitor asked for a person: the bot keeps out of this chat for a while."""
    visitor = get_visitor(session, visitor_id)
    visitor.handover_at = utcnow()
    session.add(visitor)
    return Outcome(value=visitor.handover_at)


# Reads


def setting_of(engine: Engine, site_id: int, key: str) -> dict | None:
    with read_session(engine) as session:
        row = session.get(RelaySetting, (site_id, key))
        return json.loads(row.value_json) if row else None


@dataclass(frozen=True)
class ChatState:
    """What the FAQ bot weighs before it answers a visitor."""

    language: str
    handover_at: datetime | None
    owner_last_at: datetime | None
    last_text: str = ""  # the visitor's latest message (its language is the one to answer in)


def chat_state(engine: Engine, visitor_id: str) -> ChatState | None:
    with read_session(engine) as session:
        return chat_state_in(session, visitor_id)


def chat_state_in(session: Session, visitor_id: str) -> ChatState | None:
    """The chat's state in the caller's transaction: one statement, as a visitor's message is written."""
    db = _Sql(session)
    row = db.one(
        "SELECT v.language, v.handover_at,"
        " (SELECT max(created_at) FROM relay_message WHERE visitor_id = :v AND author = 'owner'),"
        " (SELECT text FROM relay_message WHERE visitor_id = :v AND author = 'visitor'"
        " ORDER BY id DESC LIMIT 1)"
        " FROM relay_visitor v WHERE v.id = :v",
        {"v": visitor_id},
    )
    if row is None:
        return None
    language, handover_at, owner_last, last_text = row
    return ChatState(language or "", db.when(handover_at), db.when(owner_last), last_text or "")


def events_after(engine: Engine, site_id: int, after: int, limit: int) -> list[dict]:
    with read_session(engine) as session:
        rows = session.exec(
            select(RelayEvent)
            .where(RelayEvent.site_id == site_id, RelayEvent.seq > after)
            .order_by(RelayEvent.seq)
            .limit(limit)
        )
        return [event_dict(r) for r in rows]


def head_seq(engine: Engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(func.max(RelayEvent.seq))).one() or 0


def messages_of(engine: Engine, visitor_id: str, *, after: int = 0, limit: int = 200) -> list[dict]:
    """The visitor's chat after message ``after``, oldest first (the newest ``limit`` when after is 0)."""
    with read_session(engine) as session:
        stmt = select(RelayMessage, RelayFile).outerjoin(RelayFile, RelayFile.id == RelayMessage.file_id)
        stmt = stmt.where(RelayMessage.visitor_id == visitor_id, RelayMessage.id > after)
        if after:
            rows = list(session.exec(stmt.order_by(RelayMessage.id).limit(limit)))
        else:
            rows = list(session.exec(stmt.order_by(RelayMessage.id.desc()).limit(limit)))[::-1]
        return [message_dict(m, f) for m, f in rows]


def visitor_of(engine: Engine, visitor_id: str) -> dict | None:
    with read_session(engine) as session:
        row = session.get(RelayVisitor, visitor_id)
        return visitor_dict(row) if row else None


def file_of(engine: Engine, file_id: str) -> RelayFile | None:
    with read_session(engine) as session:
        return session.get(RelayFile, file_id)


def recent_visitors(engine: Engine, site_id: int, since: datetime, limit: int = 200) -> list[dict]:
    with read_session(engine) as session:
        rows = session.exec(
            select(RelayVisitor)
            .where(RelayVisitor.site_id == site_id, RelayVisitor.last_seen_at >= since)
            .order_by(RelayVisitor.last_seen_at.desc())
            .limit(limit)
        )
        return [visitor_dict(r) for r in rows]
