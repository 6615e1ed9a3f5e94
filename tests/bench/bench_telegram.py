"""Telegram: throughput from the fake Bot API server into the store, and latency to the commit and the list.

Run: .venv/bin/python tests/bench/bench_telegram.py [-n 5000] [--samples 200]
Throughput: N updates waiting at the server (text, and a run with every 10th a 30 KB photo), the channel's
own loop (100 updates a getUpdates, one commit each) until all are stored. Goal >= 500 updates/s.
Latency: the loop long-polls; one update at a time becomes available, timed to its commit
(MessageIngested) and to the ConversationListModel showing it (through gui.bridge, offscreen Qt), for a
customer with a conversation and for a new one. Goal <= 300 ms p95 to the list model.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring

from shopdesk.channels.telegram.account import TelegramAccount, add_account
from shopdesk.channels.telegram.channel import TelegramChannel
from shopdesk.channels.telegram.updates import Timing
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine, migrate
from shopdesk.core.events import MessageIngested
from shopdesk.paths import DataPaths
from shopdesk.runtime.bus import EventBus
from shopdesk.runtime.loop import AsyncLoop
from tests.bench.common import heading, spread
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.telegram_api import TOKEN, FakeBotApi
from tests.helpers.telegram_objects import Customer

GOAL_RATE = 500
GOAL_P95_MS = 300
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(30 * 1024)


class Setup:
    """A fresh data directory with one bot pointed at a fresh fake server; the channel on its own loop."""

    def __init__(self, root: Path, timing: Timing) -> None:
        self.api = FakeBotApi().start()
        paths = DataPaths(root)
        paths.ensure()
        self.engine = make_engine(paths.database_url)
        migrate(self.engine)
        self.bus = EventBus()
        account = TelegramAccount(123456, "bench_bot", api_url=self.api.api_url)
        add_account(self.engine, account, TOKEN)
        self.channel = TelegramChannel(self.engine, BlobStore(paths.blobs), self.bus.publish, timing=timing)
        self.loop = AsyncLoop("bench-telegram")

    def start(self) -> None:
        self.loop.start()
        self.loop.submit(self.channel.start()).result(10)

    def close(self) -> None:
        self.loop.submit(self.channel.stop()).result(10)
        self.loop.stop()
        self.api.stop()
        self.engine.dispose()


def throughput(root: Path, n: int, photo_every: int = 0) -> float:
    setup = Setup(root, Timing(poll_timeout=1, limit=100))
    customers = [
        Customer(100_000 + i, f"Müşteri {i}", username=f"musteri{i}", language_code="tr") for i in range(500)
    ]
    for i in range(n):
        if photo_every and i % photo_every == 0:
            setup.api.send_photo(customers[i % len(customers)], PHOTO, caption=f"foto {i}")
        else:
            setup.api.send_text(customers[i % len(customers)], f"Merhaba, sipariş {i} ne durumda?")
    done = threading.Event()
    stored = [0]

    def count(_event) -> None:
        stored[0] += 1
        if stored[0] >= n:
            done.set()

    setup.bus.subscribe(count, MessageIngested)
    started = time.perf_counter()
    setup.start()
    if not done.wait(600):
        raise RuntimeError(f"only {stored[0]} of {n} updates were stored")
    elapsed = time.perf_counter() - started
    setup.close()
    return n / elapsed


def latency(root: Path, samples: int) -> dict[str, list[float]]:
    """Milliseconds from an update being available to its commit and to the list model showing it."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from shopdesk.gui.bridge import Bridge
    from shopdesk.gui.models.conversation_list import ConversationListModel

    app = QApplication.instance() or QApplication([])
    setup = Setup(root, Timing(poll_timeout=50, limit=100))
    bridge = Bridge(setup.bus)
    model = ConversationListModel(setup.engine)
    bridge.conversation_changed.connect(model.on_conversation_changed)
    model.refresh()
    target: dict = {}

    def committed(event: MessageIngested) -> None:  # on the channel's thread, right after the commit
        target.setdefault("committed", time.perf_counter())
        target.setdefault("cid", event.conversation_id)

    def check(*_args) -> None:
        cid = target.get("cid")
        if cid is None or "shown" in target:
            return
        index = model.index_of(cid)
        if index.isValid() and model.data(index, ConversationListModel.PreviewRole) == target["text"]:
            target["shown"] = time.perf_counter()

    setup.bus.subscribe(committed, MessageIngested)
    for signal in (model.dataChanged, model.rowsInserted, model.layoutChanged, model.modelReset):
        signal.connect(check)
    setup.start()
    regulars = [Customer(200_000 + i, f"Düzenli {i}") for i in range(10)]
    for customer in regulars:  # their conversations exist before the timing starts
        setup.api.send_text(customer, "ilk mesaj")
    time.sleep(1.0)
    app.processEvents()
    results: dict[str, list[float]] = {"commit": [], "list (existing)": [], "list (new customer)": []}
    for i in range(samples):
        new = i % 4 == 3
        customer = Customer(300_000 + i, f"Yeni {i}") if new else regulars[i % len(regulars)]
        target.clear()
        target["text"] = f"soru {i}"
        began = time.perf_counter()
        setup.api.send_text(customer, target["text"])
        while "shown" not in target:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            check()
            if time.perf_counter() - began > 10:
                raise RuntimeError(f"sample {i} never reached the list model")
        results["commit"].append((target["committed"] - began) * 1000)
        results["list (new customer)" if new else "list (existing)"].append((target["shown"] - began) * 1000)
    bridge.close()
    setup.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="shopdesk-bench-telegram-") as tmp:
        heading(f"throughput: {args.n} updates waiting at the fake Bot API -> store")
        rate = throughput(Path(tmp) / "text", args.n)
        print(f"text only:              {rate:7.0f} updates/s   (goal >= {GOAL_RATE})")
        rate_photos = throughput(Path(tmp) / "photos", args.n, photo_every=10)
        print(f"every 10th a 30 KB photo: {rate_photos:5.0f} updates/s   (getFile + download for each photo)")
        heading(f"latency: an update available -> committed / in the list model ({args.samples} samples)")
        results = latency(Path(tmp) / "latency", args.samples)
        for name, values in results.items():
            print(f"{name:22s} {spread(values)}")
        print(f"goal <= {GOAL_P95_MS} ms p95 to the list model")


if __name__ == "__main__":
    main()
