"""Relay events into the store: visitors updated, messages ingested, and the relay seq in the same commit."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.engine import Engine

from shopdesk.channels.base import IncomingAttachment, IncomingItem
from shopdesk.channels.webchat.account import CHANNEL, CURSOR_KEY
from shopdesk.core import carts, invitations, visitors
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ContactChanged, ConversationChanged
from shopdesk.core.ingest import (
    CursorUpdate,
    Threader,
    get_cursor,
    ingest_in,
    publish_ingested,
    set_cursor,
    store_blobs,
)
from shopdesk.core.models import Direction

log = logging.getLogger(__name__)
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
    """Store a seq-ordered batch in one transaction; returns the seq to acknowledge (now committed).

    Visitor facts, the messages, the contacts' names and emails and the cursor are committed together,
    so a crash anywhere loses nothing and stores nothing twice (a replay finds the messages stored and
    the visitors past its seqs: each remembers the last seq it applied).
    """
    if not events:
        return load_cursor(engine, account_id)
    last = events[-1]["seq"]
    items = [_item(account_id, e, files) for e in events if e["kind"] in ITEM_KINDS]
    refs = store_blobs(blobs, items)  # durable before the commit that refers to them
    with write_session(engine) as session:
        changed = visitors.apply_events(session, account_id, events)
        changed_carts = carts.apply_events(session, account_id, events)
        invited = invitations.apply_events(session, account_id, events)
        _results, ingested = ingest_in(session, items, refs, threaders=threaders)
        senders = [item.sender_address for item in items]
        contacts = visitors.fill_contacts(session, account_id, [*changed, *senders])
        rated = _ratings(session, events)
        stopped = _stops(session, events)
        set_cursor(session, CursorUpdate(account_id, CURSOR_KEY, str(last)))
    publish_ingested(publish, ingested)
    for conversation_id in rated:
        publish(ConversationChanged(conversation_id))
    for contact_id in stopped:
        publish(ContactChanged(contact_id))
    for visitor_id in changed:
        publish(visitors.VisitorChanged(account_id, visitor_id))
    for cart_id in changed_carts:
        publish(carts.CartChanged(cart_id))
    if invited:
        publish(invitations.InvitationsChanged(account_id))
    for contact_id in dict.fromkeys(contacts):
        publish(ContactChanged(contact_id))
    return last


def _ratings(session, events: list[dict]) -> list[int]:
    """Answers from the rating page of satisfaction emails, recorded with the batch (a replay changes
    nothing: the same score again is no change); the conversations that changed."""
    from shopdesk.core.surveys import SurveyClosed, apply_answer

    changed = []
    for event in events:
        if event["kind"] != "rating":
            continue
        data = event.get("data") or {}
        try:
            survey, did = apply_answer(
                session,
                token=str(data.get("token", "")),
                score=data.get("score"),
                comment=data.get("comment"),
            )
        except SurveyClosed as exc:
            log.info("a rating from the relay was not recorded: %s", exc)
            continue
        if did:
            changed.append(survey.conversation_id)
    return changed


def _stops(session, events: list[dict]) -> list[int]:
    """ "Stop these reminders" from a cart follow-up's link, recorded with the batch; the contacts."""
    from shopdesk.core.cart_optouts import opt_out_in

    found = [
        opt_out_in(session, token=str((e.get("data") or {}).get("token", "")))
        for e in events
        if e["kind"] == "stop_reminders"
    ]
    return [f[0] for f in found if f is not None and f[1]]


# Relay events that become messages: the visitor's, a tapped button (as Telegram's are: a system line the
# survey and hand-over rules read), and the FAQ bot's answers given on the relay.
ITEM_KINDS = ("message", "button", "bot_message")


def _item(account_id: int, event: dict, files: Files) -> IncomingItem:
    data = event["data"]
    if event["kind"] == "button":
        return IncomingItem(
            channel=CHANNEL,
            natural_key=event["id"],
            sender_address=event["visitor_id"],
            text=f"Button pressed: {data.get('data', '')}",
            direction=Direction.SYSTEM,
            account_id=account_id,
            reply_to_ids=[f"r{data['message_id']}"],
            created_at=_at(event),
            raw=json.dumps(event, ensure_ascii=False).encode(),
        )
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
        created_at=_at(event),
        raw=json.dumps(event, ensure_ascii=False).encode(),
        subject="Message left while you were away" if data.get("offline") else "",
        attachments=attachments,
        **(BOT if event["kind"] == "bot_message" else {}),
    )


# The FAQ bot's answer: ShopDesk's own outgoing message, already delivered by the relay.
BOT = {"direction": Direction.OUTGOING, "author": "ShopDesk bot", "automatic": True}


def _at(event: dict) -> datetime:
    return datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
