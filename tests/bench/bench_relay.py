"""Relay benchmark: 1,000 widget websockets on loopback -> one relay process -> the desktop's store.

Run: `python -m pytest tests/bench/bench_relay.py -s -p no:cacheprovider -o addopts=""`
The relay's FAQ bot is on with the demo shop's answers (SHOPDESK_BENCH_FAQ=0 turns it off), and one message in
ten is a question it answers, as in a shop that has set up its FAQ.
Prints latency from a visitor's send to the message being committed in the desktop's store (p50, p99),
messages lost, the relay's memory, the widget's gzipped size and its time to interactive on /demo.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import multiprocessing
import os
import random
import time
from pathlib import Path

import httpx
from alembic import command
from sqlmodel import select

from shopdesk.channels.webchat.account import ensure_account
from shopdesk.channels.webchat.channel import WebchatChannel
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import alembic_config, make_engine, migrate, read_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.models import Message
from shopdesk.paths import resource
from shopdesk.runtime.loop import AsyncLoop
from tests.bench.common import heading, percentile
from tests.helpers.relay_server import (
    OWNER_TOKEN,
    SHOP_ORIGIN,
    SITE_KEY,
    RelayProcess,
    free_port,
    write_relay_toml,
)

VISITORS = int(os.environ.get("SHOPDESK_BENCH_VISITORS", "1000"))
PER_VISITOR = int(os.environ.get("SHOPDESK_BENCH_MESSAGES_EACH", "5"))
SPREAD_SECONDS = 10.0
SESSION_TRIES = 3
FAQ = os.environ.get("SHOPDESK_BENCH_FAQ", "1") != "0"
LIMITS = {
    "ip_burst": 1_000_000,
    "ip_per_second": 100_000,
    "new_visitors_burst": 100_000,
    "visitor_burst": 1000,
}


async def _visitors(url: str, out_path: str) -> None:
    """The load: VISITORS sessions, one websocket each, PER_VISITOR messages each at random moments."""
    from websockets.asyncio.client import connect

    retries: list[str] = []

    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(base_url=url, headers={"Origin": SHOP_ORIGIN}, limits=limits) as http:
        sem = asyncio.Semaphore(50)

        async def session(n):
            # as widget.js does, a session start that fails on the way is tried again; each retry is counted
            for attempt in range(SESSION_TRIES):
                try:
                    async with sem:
                        answer = await http.post(
                            "/api/widget/session", json={"site": SITE_KEY, "page": {"title": f"p{n}"}}
                        )
                    return answer.json()["token"]
                except httpx.TransportError as exc:
                    retries.append(f"{type(exc).__name__}: {exc!r} after {time.monotonic() - begun:.1f} s")
                    if attempt == SESSION_TRIES - 1:
                        raise

        begun = time.monotonic()
        tokens = await asyncio.gather(*(session(n) for n in range(VISITORS)))
    sent: dict[str, float] = {}
    acked: dict[str, float] = {}
    ws_url = url.replace("http", "ws") + "/ws/widget"

    async def visitor(n, token):
        rng = random.Random(n)
        async with sem_ws:
            ws = await connect(
                f"{ws_url}?site={SITE_KEY}&token={token}", additional_headers={"Origin": SHOP_ORIGIN}
            )

        async def read_acks():
            mine = 0
            while mine < PER_VISITOR:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 30 + SPREAD_SECONDS))
                if frame.get("type") == "ack":
                    acked[frame["message"]["client_id"]] = time.time()
                    mine += 1

        async with ws:
            await ws.recv()  # hello
            await ready.wait()
            reader = asyncio.create_task(read_acks())
            for m in range(PER_VISITOR):
                await asyncio.sleep(rng.uniform(0, SPREAD_SECONDS / PER_VISITOR))
                client_id = f"b{n}x{m}"
                text = f"{client_id} {rng.choice(QUESTIONS)}" if rng.random() < 0.1 else client_id
                sent[client_id] = time.time()
                await ws.send(json.dumps({"type": "message", "text": text, "client_id": client_id, "ref": m}))
            await reader

    sem_ws = asyncio.Semaphore(100)
    ready = asyncio.Event()
    tasks = [asyncio.create_task(visitor(n, t)) for n, t in enumerate(tokens)]
    await asyncio.sleep(3)  # let every socket connect
    ready.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [repr(r) for r in results if isinstance(r, Exception)]
    Path(out_path).write_text(
        json.dumps({"sent": sent, "acked": acked, "errors": errors[:5], "session_retries": retries})
    )


ASKED = {"kargo": "Kargom nerede?", "iade": "İade nasıl yapılır?", "kapida": "Kapıda ödeme var mı?",
         "shipping": "Do you ship abroad?"}  # fmt: skip
QUESTIONS = tuple(ASKED.values())


def _faq() -> dict:
    """The demo shop's canned replies as the relay's FAQ set: each titled, some with a question asked here."""
    from shopdesk.demo import CANNED

    entries = [
        {"id": n, "answer": body, "questions": [title, *filter(None, [ASKED.get(key)])], "language": language}
        for n, (title, key, language, _words, body) in enumerate(CANNED, 1)
    ]
    return {"enabled": FAQ, "entries": entries}


def _run_load(url: str, out_path: str) -> None:
    asyncio.run(_visitors(url, out_path))


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _more_files() -> None:
    """1,000 sockets on each side need more than the usual 1,024 open files."""
    import resource as limits

    soft, hard = limits.getrlimit(limits.RLIMIT_NOFILE)
    limits.setrlimit(limits.RLIMIT_NOFILE, (min(max(soft, 8192), hard), hard))


def test_relay_1000_visitors(tmp_path):
    _more_files()  # inherited by the relay process and the load process
    port = free_port()
    config = write_relay_toml(
        tmp_path / "relay.toml", f"sqlite:///{tmp_path / 'relay.sqlite3'}", port, **LIMITS
    )
    relay = RelayProcess(config, port).start()
    engine = make_engine(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    migrate(engine)
    command.upgrade(alembic_config(engine), "head")
    account_id, settings = ensure_account(engine)
    committed: dict[int, float] = {}

    def publish(event):
        if isinstance(event, MessageIngested):
            committed[event.message_id] = time.time()

    loop = AsyncLoop("bench-desk")
    loop.start()
    channel = WebchatChannel(
        engine,
        BlobStore(tmp_path / "blobs"),
        publish,
        account_id=account_id,
        relay_url=relay.url,
        token=OWNER_TOKEN,
        reply_prefix=settings["reply_prefix"],
    )
    loop.submit(channel.start()).result(5)
    loop.submit(asyncio.wait_for(channel.connected.wait(), 10)).result(15)
    loop.submit(channel.client.automation({"faq": _faq()})).result(10)
    rss = [_rss_mb(relay.proc.pid)]
    out = tmp_path / "load.json"
    load = multiprocessing.get_context("spawn").Process(target=_run_load, args=(relay.url, str(out)))
    started = time.monotonic()
    load.start()
    while load.is_alive() and time.monotonic() - started < 240:
        rss.append(_rss_mb(relay.proc.pid))
        load.join(0.5)
    assert out.exists(), f"the load process wrote no results (exit code {load.exitcode}); its error is above"
    result = json.loads(out.read_text())
    expected = len(result["acked"])
    deadline = time.monotonic() + 60
    while len(committed) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    with read_session(engine) as session:
        rows = session.exec(select(Message.id, Message.text, Message.created_at)).all()
    sent = result["sent"]
    # the visitors' messages, by client id (the first word of each); the rest are the bot's answers
    visitors_rows = [(mid, text.split()[0], at) for mid, text, at in rows if text.split()[0] in sent]
    bot_answers = len(rows) - len(visitors_rows)
    latencies = [(committed[mid] - sent[key]) * 1000 for mid, key, _ in visitors_rows if mid in committed]
    # created_at is the relay's clock when its writer took the message: it splits the way in two
    to_relay = [(at.timestamp() - sent[key]) * 1000 for _, key, at in visitors_rows]
    to_desk = [(committed[mid] - at.timestamp()) * 1000 for mid, _, at in visitors_rows if mid in committed]
    stored = {key for _, key, _ in visitors_rows}
    lost = [c for c in result["acked"] if c not in stored]
    heading(f"relay: {VISITORS} widget websockets x {PER_VISITOR} messages over ~{SPREAD_SECONDS:.0f} s")
    print(
        f"messages sent {len(sent)}, acknowledged by the relay {expected},"
        f" in the desktop's store {len(stored)}; FAQ bot {'on' if FAQ else 'off'}, its answers {bot_answers}"
    )
    print(
        f"visitor send -> desktop store: p50 {percentile(latencies, 50):.1f} ms,"
        f" p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms"
    )
    for name, part in (
        ("visitor send -> relay writer", to_relay),
        ("relay writer -> desktop store", to_desk),
    ):
        print(f"  {name}: p50 {percentile(part, 50):.1f} ms, p99 {percentile(part, 99):.1f} ms")
    relay_ms = [(t - sent[c]) * 1000 for c, t in result["acked"].items()]
    print(
        f"visitor send -> relay ack in the widget: p50 {percentile(relay_ms, 50):.1f} ms,"
        f" p99 {percentile(relay_ms, 99):.1f} ms"
    )
    print(f"messages lost: {len(lost)}   load errors: {result['errors']}")
    retries = result["session_retries"]
    print(f"session starts tried again: {len(retries)} {retries[:3]}")
    print(f"relay memory (RSS): start {rss[0]:.0f} MB, peak {max(rss):.0f} MB")
    loop.submit(channel.stop()).result(10)
    loop.stop()
    relay.stop()
    engine.dispose()
    assert not lost and len(stored) == len(sent)
    assert bot_answers > 0 if FAQ else bot_answers == 0
    _widget_figures()


def _widget_figures() -> None:
    js, css = resource("widget/widget.js").read_bytes(), resource("widget/widget.css").read_bytes()
    heading("widget")
    size_js, size_css = len(gzip.compress(js, 9)), len(gzip.compress(css, 9))
    print(
        f"widget.js {len(js) / 1000:.1f} KB ({size_js / 1000:.1f} KB gzipped), widget.css"
        f" {len(css) / 1000:.1f} KB ({size_css / 1000:.1f} KB gzipped);"
        f" together {(size_js + size_css) / 1000:.1f} KB gzipped"
    )
    assert size_js + size_css <= 25_000
    from tests.helpers.browser import ARGS, CHROMIUM, missing_browser
    from tests.helpers.relay_server import RelayThread, relay_config

    if missing_browser():
        print("time to interactive: skipped,", missing_browser())
        return
    import tempfile

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        server = RelayThread(relay_config(f"sqlite:///{tmp}/relay.sqlite3")).start()
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                times = []
                for _ in range(5):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{server.url}/demo")
                    page.wait_for_function(
                        "() => { const h = document.getElementById('shopdesk-widget');"
                        " const b = h && h.shadowRoot.querySelector('.sd-launcher');"
                        " return b && getComputedStyle(b.parentNode).visibility === 'visible'; }"
                    )
                    times.append(page.evaluate("performance.now()"))
                    context.close()
                browser.close()
        finally:
            server.stop()
    print(
        f"time to interactive on /demo (launcher shown and styled, from navigation start): "
        f"median {sorted(times)[2]:.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})"
    )
