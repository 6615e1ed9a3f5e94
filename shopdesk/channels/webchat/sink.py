"""Relay events into the store: visitors updated, messages ingested, and the relay seq in the same commit."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.engine import Engine

from shopdesk.channels.base import IncomingAttachment, IncomingItem
from shopdesk.channels.webchat.account import CHANNEL, CURSOR_KEY
from shopdesk.core import visitors
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ContactChanged
from shopdesk.core.ingest import CursorUpdate, Threader, get_cursor, ingest, set_cursor

Publish = Callable[[object], None]
# Files of a batch, fetched before the commit: file id -> bytes.
Files = Mapping[str, bytes]


def load_cursor(engine: Engine, account_id: int) -> int:
    with read_session(engine) as session:
        value = get_cursor(session, account_id=account_id, key=CURSOR_KEY)
    return int(value) if value else 0


def files_needed(events: list[dict]) -> list[str]:
    return [e["data"]["file"]["id"] for e in events if e["kind"] == "message" and (e["data"].get("file"))]


def store_events(
    engine: Engine,
    blobs: BlobStore,
    publish: Publish,
    account_id: int,
    events: list[dict],
    files: Files,
    *,
    threaders: Mapping[str, Threader] | None = None,
) -> int:
    """Store a seq-ordered batch; returns the seq to acknowledge (the cursor now committed).

    Visitor facts are applied first (idempotent: each visitor remembers the last seq it applied), then
    the messages are ingested in the transaction that advances the cursor, so a crash anywhere between
    loses nothing and stores nothing twice.
    """
    if not events:
        return load_cursor(engine, account_id)
    last = events[-1]["seq"]
    cursor = CursorUpdate(account_id, CURSOR_KEY, str(last))
    items = [_item(account_id, e, files) for e in events if e["kind"] == "message"]
    with write_session(engine) as session:
        changed = visitors.apply_events(session, account_id, events)
        contacts = visitors.fill_contacts(session, account_id, changed)
        if not items:
            set_cursor(session, cursor)
    if items:
        ingest(engine, items, blobs=blobs, publish=publish, threaders=threaders, cursor=cursor)
        with write_session(engine) as session:
            contacts += visitors.fill_contacts(session, account_id, [i.sender_address for i in items])
    for visitor_id in changed:
        publish(visitors.VisitorChanged(account_id, visitor_id))
    for contact_id in set(contacts):
        publish(ContactChanged(contact_id))
    return last


def _item(account_id: int, event: dict, files: Files) -> IncomingItem:
    data = event["data"]
    attachments = []
    file = data.get("file")
    if file and file["id"] in files:
        attachments.append(
            IncomingAttachment(file.get("name") or "image", file["mime_type"], files[file["id"]])
        )
    return IncomingItem(
        channel=CHANNEL,
        natural_key=event["id"],
        sender_address=event["visitor_id"],
        sender_name=data.get("name", ""),
        text=data.get("text", ""),
        account_id=account_id,
        external_id=f"r{data['id']}",
        created_at=datetime.fromisoformat(event["at"].replace("Z", "+00:00")),
        raw=json.dumps(event, ensure_ascii=False).encode(),
        subject="Message left while you were away" if data.get("offline") else "",
        attachments=attachments,
    )
