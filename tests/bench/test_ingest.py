"""Ingest through core.ingest.ingest into the 1,000,000-message store: messages/s, batched and single."""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.channels.base import IncomingItem
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine
from shopdesk.core.ingest import ingest
from shopdesk.paths import DataPaths
from tests.bench.common import heading, work_copy
from tests.bench.corpus import TextMaker

GOAL_PER_SECOND = 2000.0
BATCH = 100
BATCHES = 20
SINGLES = 300


class ItemMaker:
    """Incoming items as the channels build them: half from known customers, each with its raw original."""

    def __init__(self, engine, seed: int) -> None:
        self.rng = random.Random(seed)
        self.text = TextMaker(self.rng)
        with engine.connect() as conn:
            self.known = conn.exec_driver_sql(
                "SELECT channel, address, display FROM contactidentity ORDER BY random() LIMIT 5000"
            ).fetchall()
        self.serial = 0
        self.run = f"{time.time_ns():x}"

    def item(self, *, raw: bool) -> IncomingItem:
        self.serial += 1
        if self.rng.random() < 0.5:
            channel, address, name = self.rng.choice(self.known)
        else:
            channel = self.rng.choice(["email", "telegram", "webchat"])
            first, last = self.text.person(english=self.rng.random() < 0.15)
            name = f"{first} {last}"
            address = f"bench{self.run}{self.serial}@example.com" if channel == "email" else f"n{self.serial}"
        text = self.text.message("incoming", english=False, first=name.split()[0])
        key = f"bench/{self.run}/{self.serial}"
        return IncomingItem(
            channel=channel,
            natural_key=key,
            sender_address=address,
            sender_name=name,
            text=text,
            subject=self.text.subject(False) if channel == "email" else "",
            dedupe_key=f"<{key}@bench>|h" if channel == "email" else None,
            external_id=f"<{key}@bench>" if channel == "email" else None,
            created_at=datetime.now(UTC),
            raw=self._raw(channel, address, name, text, key) if raw else None,
        )

    @staticmethod
    def _raw(channel: str, address: str, name: str, text: str, key: str) -> bytes:
        if channel == "email":
            head = f"From: {name} <{address}>\r\nMessage-ID: <{key}@bench>\r\nContent-Type: text/plain"
            return (head + "\r\n\r\n" + text + "\r\n" + "-" * 400).encode()
        return json.dumps(
            {"id": key, "from": address, "name": name, "text": text}, ensure_ascii=False
        ).encode()


def _put_many():
    """core.blob_batch.put_many (one filesystem sync per batch, as the email channel uses), if present."""
    try:
        from shopdesk.core.blob_batch import put_many
    except ImportError:
        return None
    return put_many


def rate(engine, blobs, maker: ItemMaker, *, batch: int, calls: int, raw: bool, pre_store=None) -> float:
    batches = [[maker.item(raw=raw) for _ in range(batch)] for _ in range(calls)]
    started = time.perf_counter()
    for items in batches:
        if pre_store is not None:  # the channel stores the batch's originals first; put() then finds them
            pre_store(blobs, [item.raw for item in items if item.raw is not None])
        ingest(engine, items, blobs=blobs, publish=lambda event: None)
    return batch * calls / (time.perf_counter() - started)


def run(data_dir: Path) -> dict[str, float]:
    paths = DataPaths(data_dir)
    engine = make_engine(paths.database_url)
    blobs = BlobStore(paths.blobs)
    maker = ItemMaker(engine, seed=11)
    rate(engine, blobs, maker, batch=BATCH, calls=2, raw=True)  # warm up
    result = {
        f"batches of {BATCH}, raw stored": rate(engine, blobs, maker, batch=BATCH, calls=BATCHES, raw=True),
        f"batches of {BATCH}, raw via put_many": rate(
            engine, blobs, maker, batch=BATCH, calls=BATCHES, raw=True, pre_store=_put_many()
        )
        if _put_many()
        else float("nan"),
        f"batches of {BATCH}, no raw": rate(engine, blobs, maker, batch=BATCH, calls=BATCHES, raw=False),
        "single items, raw stored": rate(engine, blobs, maker, batch=1, calls=SINGLES, raw=True),
        "single items, no raw": rate(engine, blobs, maker, batch=1, calls=SINGLES, raw=False),
    }
    engine.dispose()
    heading("ingest through core.ingest.ingest (store of 1,000,000 messages)")
    for name, value in result.items():
        print(f"{name:36} {value:8.0f} messages/s")
    print(f"goal >= {GOAL_PER_SECOND:.0f} messages/s")
    return result


def test_ingest_rate_within_goal():
    result = run(work_copy("ingest"))
    best_raw = max(
        v for k, v in result.items() if k.startswith("batches") and "raw" in k and "no raw" not in k
    )
    assert best_raw >= GOAL_PER_SECOND, "batched ingest with raw originals is below the goal"


if __name__ == "__main__":
    run(work_copy("ingest"))
