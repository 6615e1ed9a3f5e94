"""The one door for incoming items: dedupe, contact resolution, threading, unread counts, events."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session
from sqlmodel import select as orm_select

from shopdesk.channels.base import IncomingItem
from shopdesk.core.blob_batch import put_many
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged, MessageIngested
from shopdesk.core.models import (
    ConversationStatus,
    Direction,
    SyncCursor,
    utcnow,
)

# A channel's threading hook: (session, item, contact_id) -> conversation id, or None for "no idea".
Threader = Callable[[Session, IncomingItem, int], int | None]
Publish = Callable[[object], None]
PREVIEW_CHARS = 160


@dataclass(frozen=True)
class CursorUpdate:
    """A channel's receive position, committed in the same transaction as the items it covers."""

    account_id: int
    key: str
    value: str


@dataclass(frozen=True)
class IngestResult:
    natural_key: str
    message_id: int | None
    conversation_id: int | None
    duplicate: bool


# Per item: the digest of its raw original (or None), and those of its attachments.
BlobRefs = tuple[list[str | None], list[list[str]]]


def ingest(
    engine: Engine,
    items: Iterable[IncomingItem],
    *,
    blobs: BlobStore,
    publish: Publish,
    threaders: Mapping[str, Threader] | None = None,
    cursor: CursorUpdate | None = None,
) -> list[IngestResult]:
    """Store ``items`` and advance ``cursor`` in one transaction, then publish what changed."""
    items = list(items)
    refs = store_blobs(blobs, items)
    with write_session(engine) as session:
        results, events = ingest_in(session, items, refs, threaders=threaders)
        if cursor is not None:
            set_cursor(session, cursor)
    publish_ingested(publish, events)
    return results


def ingest_in(
    session: Session,
    items: list[IncomingItem],
    refs: BlobRefs,
    *,
    threaders: Mapping[str, Threader] | None = None,
) -> tuple[list[IngestResult], list[MessageIngested]]:
    """``ingest`` inside the caller's write transaction (``refs`` from ``store_blobs``, before it began).

    Publish the events returned with ``publish_ingested`` once the transaction is committed.
    """
    results: list[IngestResult] = []
    events: list[MessageIngested] = []
    for item, raw_ref, att_refs in zip(items, *refs, strict=True):
        result, event = _ingest_one(session, item, raw_ref, att_refs, threaders or {})
        results.append(result)
        if event is not None:
            events.append(event)
    return results, events


def publish_ingested(publish: Publish, events: list[MessageIngested]) -> None:
    for event in events:
        publish(event)
        publish(ConversationChanged(event.conversation_id))


def store_blobs(blobs: BlobStore, items: list[IncomingItem]) -> BlobRefs:
    """Every raw original and attachment of the batch, durable before the commit, with one sync."""
    datas = [item.raw for item in items if item.raw is not None]
    datas += [a.data for item in items for a in item.attachments]
    digests = iter(put_many(blobs, datas))
    raw_refs = [next(digests) if item.raw is not None else None for item in items]
    attachment_refs = [[next(digests) for _ in item.attachments] for item in items]
    return raw_refs, attachment_refs


def set_cursor(session: Session, cursor: CursorUpdate) -> None:
    # In SQL: once a batch on every channel's path, and through the ORM (a select, then a flush at
    # the commit) it cost about 1 ms, most of a small relay batch's time.
    db = _Sql(session)
    params = {"a": cursor.account_id, "k": cursor.key, "v": cursor.value, "at": db.ts(utcnow())}
    updated = db.run(
        "UPDATE synccursor SET value = :v, updated_at = :at WHERE account_id = :a AND key = :k", params
    )
    if updated.rowcount == 0:
        db.run("INSERT INTO synccursor (account_id, key, value, updated_at) VALUES (:a, :k, :v, :at)", params)


def get_cursor(session: Session, *, account_id: int, key: str) -> str | None:
    return session.exec(
        orm_select(SyncCursor.value).where(SyncCursor.account_id == account_id, SyncCursor.key == key)
    ).first()


EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)  # before this, a message's date is a broken header

# The hot path speaks SQL to the driver on the session's own connection (same transaction): the ORM
# cost about 2.5 ms a message and SQLAlchemy Core about 1.5 ms here, against a budget of 0.5 ms.


class _Sql:
    """Named-parameter SQL on the session's DBAPI connection; datetimes stored as SQLAlchemy stores them."""

    def __init__(self, session: Session) -> None:
        conn = session.connection()
        self.sqlite = conn.dialect.name == "sqlite"
        self.cursor = conn.connection.driver_connection.cursor()

    def ts(self, value):
        if value is None or not self.sqlite:
            return value
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def when(self, value):
        """A datetime column read back (SQLite: text) as the ORM reads it: aware, in UTC."""
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)

    def run(self, sql: str, params: dict | None = None):
        return self.cursor.execute(self._native(sql), params or {})

    def many(self, sql: str, rows: list[dict]) -> None:
        self.cursor.executemany(self._native(sql), rows)

    def _native(self, sql: str) -> str:
        return sql if self.sqlite else re.sub(r":(\w+)", r"%(\1)s", sql)

    def one(self, sql: str, params: dict | None = None):
        return self.run(sql, params).fetchone()

    def insert(self, sql: str, params: dict) -> int:
        if self.sqlite:
            self.run(sql, params)
            return self.cursor.lastrowid
        return self.one(sql + " RETURNING id", params)[0]


def _find_duplicate(db: _Sql, item: IncomingItem):
    keys = {"ch": item.channel, "nk": item.natural_key, "dk": item.dedupe_key}
    found = db.one("SELECT id, conversation_id FROM message WHERE channel = :ch AND natural_key = :nk", keys)
    if found is None and item.dedupe_key:
        found = db.one(
            "SELECT id, conversation_id FROM message WHERE channel = :ch AND dedupe_key = :dk LIMIT 1", keys
        )
        if found is not None:
            # The source renumbered it (IMAP UIDVALIDITY reset): remember the new key, add nothing.
            db.run(
                "UPDATE message SET natural_key = :nk WHERE id = :id",
                {"nk": item.natural_key, "id": found[0]},
            )
    return found


def _ingest_one(session, item, raw_ref, att_refs, threaders):
    db = _Sql(session)
    duplicate = _find_duplicate(db, item)
    if duplicate is not None:
        return IngestResult(item.natural_key, duplicate[0], duplicate[1], True), None
    contact_id = resolve_contact(session, item, db)
    conversation, is_new = _thread(session, db, item, contact_id, threaders.get(item.channel))
    when = db.ts(item.created_at or utcnow())
    outgoing = item.direction == Direction.OUTGOING
    message_id = db.insert(
        "INSERT INTO message (conversation_id, channel, direction, author, text, html, raw_ref, natural_key,"
        " dedupe_key, external_id, parse_note, created_at, send_state, sent_at, edited, automatic) VALUES"
        " (:conv, :ch, :dir, :author, :text, :html, :raw, :nk, :dk, :ext, :note, :at, :state, :sent, :edited,"
        " :auto)",
        {
            "conv": conversation["id"],
            "ch": item.channel,
            "dir": item.direction,
            "author": item.author or item.sender_name or item.sender_address,
            "text": item.text,
            "html": item.html,
            "raw": raw_ref,
            "nk": item.natural_key,
            "dk": item.dedupe_key,
            "ext": item.external_id,
            "note": item.parse_note,
            "at": when,
            "state": "sent" if outgoing else None,
            "sent": when if outgoing else None,
            "edited": False,
            "auto": bool(item.automatic),
        },
    )
    for att, digest in zip(item.attachments, att_refs, strict=True):
        db.run(
            "INSERT INTO attachment (message_id, sha256, filename, mime_type, size, content_id)"
            " VALUES (:m, :sha, :name, :mime, :size, :cid)",
            {
                "m": message_id,
                "sha": digest,
                "name": att.filename,
                "mime": att.mime_type,
                "size": len(att.data),
                "cid": att.content_id,
            },
        )
    _update_conversation(db, conversation, item, when)
    event = MessageIngested(conversation["id"], message_id, contact_id, item.channel, is_new)
    return IngestResult(item.natural_key, message_id, conversation["id"], False), event


def resolve_contact(session: Session, item: IncomingItem, db: _Sql | None = None) -> int:
    """The contact who owns this channel address, created on first contact.

    "Customer since" is the time of their first message, not of the import that brought it: an older
    message imported later (mail is fetched newest first) moves it back; a date in the future never counts.
    """
    db = db or _Sql(session)
    address = normalise_address(item.channel, item.sender_address)
    now = utcnow()
    first = min(db.when(db.ts(item.created_at)), now) if item.created_at else now
    if first < EARLIEST_PLAUSIBLE:  # a broken Date: header ("1970"): no customer since then
        first = now
    found = db.one(
        "SELECT ci.contact_id, c.created_at FROM contactidentity ci JOIN contact c ON c.id = ci.contact_id"
        " WHERE ci.channel = :ch AND ci.address = :a",
        {"ch": item.channel, "a": address},
    )
    if found is not None:
        if db.when(found[1]) > first:
            db.run("UPDATE contact SET created_at = :at WHERE id = :c", {"at": db.ts(first), "c": found[0]})
        return found[0]
    contact_id = db.insert(
        "INSERT INTO contact (name, email, phone, notes, created_at) VALUES (:n, :e, NULL, '', :at)",
        {
            "n": item.sender_name or address,
            "e": address if item.channel == "email" else None,
            "at": db.ts(first),
        },
    )
    db.run(
        "INSERT INTO contactidentity (contact_id, channel, address, display) VALUES (:c, :ch, :a, :d)",
        {"c": contact_id, "ch": item.channel, "a": address, "d": item.sender_name},
    )
    return contact_id


def normalise_address(channel: str, address: str) -> str:
    address = address.strip()
    return address.lower() if channel == "email" else address


_CONV = "SELECT id, status, subject, last_message_at FROM conversation"


def _row(found) -> dict | None:
    return (
        None
        if found is None
        else dict(zip(("id", "status", "subject", "last_message_at"), found, strict=True))
    )


# A chat customer's next message after a satisfaction question joins the resolved conversation that asked it,
# while the question takes answers: it may be the score or its comment (core.surveys decides, and reopens
# the conversation when it is a new question after all).
CHAT_CHANNELS = ("telegram", "webchat")
# From the customer's surveys to their conversations (CROSS JOIN keeps that order in SQLite): started from
# conversation, the planner took the status index and walked every resolved conversation, 13 ms a chat
# message in a store of 100,000 (ingest fell from 2,000 to 230 messages/s).
_ASKED = (
    "SELECT c.id, c.status, c.subject, c.last_message_at FROM survey s"
    " CROSS JOIN conversation c ON c.id = s.conversation_id"
    " WHERE s.contact_id = :c AND s.state IN ('sent', 'answered') AND s.expires_at > :now"
    " AND c.contact_id = :c AND c.channel = :ch AND c.account_id IS :acc AND c.status = 'resolved'"
    " ORDER BY c.last_message_at DESC LIMIT 1"
)


def _thread(session, db: _Sql, item, contact_id, threader):
    """The conversation the item belongs to (id, status, subject, last_message_at), and whether it is new.

    Reply ids first, then the channel's own hook; a channel with a hook that finds nothing starts a new
    conversation (email: a new subject is a new question). Chat channels without a hook continue the
    contact's conversation that is not resolved yet.
    """
    conversation_id = _by_reply_ids(db, item) or (threader(session, item, contact_id) if threader else None)
    row = None
    if conversation_id is not None:
        row = _row(db.one(f"{_CONV} WHERE id = :id", {"id": conversation_id}))
    elif threader is None:
        row = _row(
            db.one(
                f"{_CONV} WHERE contact_id = :c AND channel = :ch AND status != 'resolved'"
                " ORDER BY last_message_at DESC LIMIT 1",
                {"c": contact_id, "ch": item.channel},
            )
        )
    if row is None and item.channel in CHAT_CHANNELS:
        row = _row(
            db.one(
                _ASKED, {"c": contact_id, "ch": item.channel, "acc": item.account_id, "now": db.ts(utcnow())}
            )
        )
    if row is not None:
        return row, False
    now = db.ts(utcnow())
    new_id = db.insert(
        "INSERT INTO conversation (contact_id, channel, account_id, status, subject, preview, unread_count,"
        " last_message_at, created_at) VALUES (:c, :ch, :acc, 'open', :subj, '', 0, :last, :now)",
        {
            "c": contact_id,
            "ch": item.channel,
            "acc": item.account_id,
            "subj": item.subject,
            "last": db.ts(item.created_at) or now,
            "now": db.ts(item.created_at) or now,
        },
    )
    return {"id": new_id, "status": "open", "subject": item.subject, "last_message_at": None}, True


def _by_reply_ids(db: _Sql, item: IncomingItem) -> int | None:
    if not item.reply_to_ids:
        return None
    params = {f"r{i}": ref for i, ref in enumerate(item.reply_to_ids)}
    marks = ", ".join(f":{name}" for name in params)
    found = db.one(
        f"SELECT conversation_id FROM message WHERE channel = :ch AND external_id IN ({marks})"
        " ORDER BY id DESC LIMIT 1",
        {"ch": item.channel, **params},
    )
    return found[0] if found else None


def _update_conversation(db: _Sql, conversation: dict, item: IncomingItem, when) -> None:
    sets, params = [], {"id": conversation["id"]}
    last = conversation["last_message_at"]
    if last is None or when >= last:
        sets += ["last_message_at = :at", "preview = :preview"]
        params.update(at=when, preview=" ".join(item.text.split())[:PREVIEW_CHARS])
    if not conversation["subject"] and item.subject:
        sets.append("subject = :subject")
        params["subject"] = item.subject
    if item.direction == Direction.INCOMING:
        sets.append("unread_count = unread_count + 1")
        if conversation["status"] != ConversationStatus.OPEN:
            sets += ["status = 'open'", "snoozed_until = NULL", "resolved_at = NULL"]
    if sets:
        db.run(f"UPDATE conversation SET {', '.join(sets)} WHERE id = :id", params)
