"""The desktop's web chat store step alone: relay events/s through sink.store_events, by batch size.

Run: `python -m pytest tests/bench/bench_webchat_store.py -s -p no:cacheprovider -o addopts=""`
Events are shaped like the relay's (visit, page_view, identify, cart, typing, message, left) for
1,000 visitors; each run starts from a fresh store at the newest schema, on disk (WAL, FULL sync).
"""

from __future__ import annotations

import itertools
import os
import random
import time
from datetime import UTC, datetime, timedelta

from alembic import command

from shopdesk.channels.webchat import sink
from shopdesk.channels.webchat.account import ensure_account
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import alembic_config, make_engine, migrate
from shopdesk.relay.visit import visit_facts
from tests.bench.common import heading

EVENTS = int(os.environ.get("SHOPDESK_BENCH_WEBCHAT_EVENTS", "5000"))
VISITORS = 1000
BATCHES = (1, 20, 100, 500)
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1"


class RelayFeed:
    """A seq-ordered stream of relay events: each visitor arrives, looks around and writes."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.seq = itertools.count(1)
        self.at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
        self.started: set[str] = set()
        self.message_id = itertools.count(1)

    def event(self, visitor_id: str, kind: str, data: dict) -> dict:
        self.at += timedelta(milliseconds=2)
        seq = next(self.seq)
        at = self.at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return {"seq": seq, "id": f"e_{seq}", "kind": kind, "visitor_id": visitor_id, "at": at, "data": data}

    def events(self, count: int) -> list[dict]:
        return [self.next() for _ in range(count)]

    def next(self) -> dict:
        visitor_id = f"v_{self.rng.randrange(VISITORS):05d}"
        url = f"https://shop.example/urun/{self.rng.randrange(300)}?utm_campaign=bahar"
        if visitor_id not in self.started:
            self.started.add(visitor_id)
            facts = visit_facts(
                url=url, referrer="https://www.google.com/?q=vazo", language="tr", user_agent=PHONE
            )
            return self.event(visitor_id, "visit", facts)
        roll = self.rng.random()
        if roll < 0.25:
            return self.event(visitor_id, "page_view", {"url": url, "title": "Raku vazo", "referrer": ""})
        if roll < 0.30:
            return self.event(
                visitor_id, "identify", {"name": "Ayşe Yılmaz", "email": f"{visitor_id}@x.example"}
            )
        if roll < 0.35:
            items = [{"name": "Raku vazo", "quantity": 1}]
            return self.event(visitor_id, "cart", {"value": 1150, "currency": "TRY", "items": items})
        if roll < 0.45:
            return self.event(visitor_id, "typing", {"typing": True})
        if roll < 0.47:
            return self.event(visitor_id, "left", {})
        return self.message(visitor_id)

    def message(self, visitor_id: str) -> dict:
        n = next(self.message_id)
        data = {
            "id": n,
            "author": "visitor",
            "text": f"Merhaba, {n}. ürün kargoda kırılır mı?",
            "client_id": f"c{n}",
            "at": self.at.isoformat(),
            "file": None,
            "name": "",
            "email": "",
        }
        return self.event(visitor_id, "message", data)


def _store(tmp_path, name: str):
    engine = make_engine(f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
    migrate(engine)
    command.upgrade(alembic_config(engine), "head")
    account_id, _settings = ensure_account(engine)
    return engine, BlobStore(tmp_path / f"blobs-{name}"), account_id


def run(tmp_path, batch: int, count: int) -> tuple[float, int]:
    """events/s storing ``count`` events in batches of ``batch``, and how many were messages."""
    engine, blobs, account_id = _store(tmp_path, f"b{batch}")
    events = RelayFeed().events(count)
    started = time.perf_counter()
    for start in range(0, len(events), batch):
        sink.store_events(engine, blobs, lambda event: None, account_id, events[start : start + batch], {})
    elapsed = time.perf_counter() - started
    engine.dispose()
    return count / elapsed, sum(e["kind"] == "message" for e in events)


def test_webchat_store_events_per_second(tmp_path):
    heading(f"web chat store: {EVENTS} relay events from {VISITORS} visitors through sink.store_events")
    for batch in BATCHES:
        count = EVENTS if batch > 1 else min(EVENTS, 1000)
        per_second, messages = run(tmp_path, batch, count)
        print(
            f"batches of {batch:3d}: {per_second:8.0f} events/s"
            f" ({1000 / per_second:.3f} ms an event; {count} events, {messages} messages)"
        )
