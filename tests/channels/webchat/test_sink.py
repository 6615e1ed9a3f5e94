"""A relay batch into the store: visitors, messages, contacts and the cursor in one commit, or none of it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from shopdesk.channels.webchat import sink
from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.events import ContactChanged, MessageIngested
from shopdesk.core.models import Contact, Message


def batch() -> list[dict]:
    def event(seq, kind, data):
        at = f"2026-03-01T09:00:{seq:02d}.000Z"
        return {"seq": seq, "id": f"e_{seq}", "kind": kind, "visitor_id": "v_1", "at": at, "data": data}

    message = {"id": 7, "author": "visitor", "text": "Kargo kaç gün?", "client_id": "c1", "file": None}
    return [
        event(1, "visit", {"landing_url": "https://shop.example/"}),
        event(2, "page_view", {"url": "https://shop.example/vazo", "title": "Raku vazo"}),
        event(3, "message", {**message, "name": "Ayşe", "email": "ayse@example.com"}),
    ]


def state(engine, account_id: int):
    with read_session(engine) as session:
        seen = visitors.visitor(session, account_id=account_id, visitor_id="v_1")
        contacts = [(c.name, c.email) for c in session.exec(select(Contact))]
        texts = [m.text for m in session.exec(select(Message))]
    return (seen.last_seq if seen else None), contacts, texts, sink.load_cursor(engine, account_id)


def test_a_batch_is_stored_in_one_commit(desk_engine, blobs, events, account):
    account_id = account[0]
    assert sink.store_events(desk_engine, blobs, events, account_id, batch(), {}) == 3
    assert state(desk_engine, account_id) == (3, [("Ayşe", "ayse@example.com")], ["Kargo kaç gün?"], 3)
    assert len(events.of(MessageIngested)) == 1 and len(events.of(ContactChanged)) == 1
    assert events.of(visitors.VisitorChanged) == [visitors.VisitorChanged(account_id, "v_1")]
    events.clear()
    assert sink.store_events(desk_engine, blobs, events, account_id, batch(), {}) == 3  # a replay
    assert state(desk_engine, account_id) == (3, [("Ayşe", "ayse@example.com")], ["Kargo kaç gün?"], 3)
    assert events == []


def test_a_batch_that_fails_leaves_nothing_behind(desk_engine, blobs, events, account, monkeypatch):
    account_id = account[0]

    def failing(*args, **kwargs):
        raise OSError("disk went away")

    monkeypatch.setattr(sink, "ingest_in", failing)
    with pytest.raises(OSError):
        sink.store_events(desk_engine, blobs, events, account_id, batch(), {})
    assert state(desk_engine, account_id) == (None, [], [], 0) and events == []
    monkeypatch.undo()
    assert sink.store_events(desk_engine, blobs, events, account_id, batch(), {}) == 3  # the retry
    assert state(desk_engine, account_id) == (3, [("Ayşe", "ayse@example.com")], ["Kargo kaç gün?"], 3)
