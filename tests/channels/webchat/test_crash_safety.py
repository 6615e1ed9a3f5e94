"""kill -9 the relay, and separately the desktop, in a busy conversation: every message is stored once
and every reply reaches the widget once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from sqlmodel import select

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.models import Message, OutboxItem
from shopdesk.runtime.sender import OutboxSender
from tests.channels.webchat.conftest import Visitor, wait_for
from tests.helpers.relay_server import (
    OWNER_TOKEN,
    RelayProcess,
    RelayThread,
    free_port,
    relay_config,
    write_relay_toml,
)

MESSAGES = 40
REPLIES = 12
HERE = Path(__file__).resolve()


class Chatter(threading.Thread):
    """A widget that keeps every message until the relay confirmed it (as widget.js does), then resends."""

    def __init__(self, visitor: Visitor, count: int, deadline: float) -> None:
        super().__init__(daemon=True)
        self.visitor, self.count, self.deadline = visitor, count, deadline
        self.sent = 0

    def run(self) -> None:
        for n in range(self.count):
            while time.monotonic() < self.deadline:
                try:
                    answer = self.visitor.http.post(
                        "/api/widget/messages", json={"text": f"mesaj {n}", "client_id": f"c{n}"}, timeout=2
                    )
                    if answer.status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.02)
            self.sent = n + 1


def incoming_texts(engine) -> Counter:
    with read_session(engine) as session:
        rows = session.exec(select(Message.text).where(Message.direction == "incoming"))
        return Counter(rows)


def conversation_of(engine) -> int:
    with read_session(engine) as session:
        return session.exec(select(Message.conversation_id)).first()


def widget_replies(visitor: Visitor) -> Counter:
    while True:
        try:
            return Counter(m["text"] for m in visitor.messages() if m["author"] == "owner")
        except (httpx.HTTPError, ValueError):
            time.sleep(0.05)


@pytest.fixture
def relay_process(tmp_path):
    port = free_port()
    config = write_relay_toml(
        tmp_path / "relay.toml",
        f"sqlite:///{tmp_path / 'relay.sqlite3'}",
        port,
        visitor_burst=1000,
        ip_burst=10_000,
    )
    process = RelayProcess(config, port).start()
    yield process
    process.stop()


def test_killing_the_relay_loses_and_doubles_nothing(relay_process, make_channel, loop, desk_engine, events):
    rng = random.Random(5)
    channel = make_channel()
    channel.client.base_url = relay_process.url
    channel.client._http.base_url = relay_process.url
    loop.submit(channel.start()).result(5)
    wait_for(channel.connected.is_set, what="the desktop to connect")
    visitor = Visitor(relay_process.url)
    chatter = Chatter(visitor, MESSAGES, time.monotonic() + 60)
    chatter.start()
    registry = ChannelRegistry()
    registry.register(channel)
    sender = OutboxSender(desk_engine, events, registry)
    conversation_id = wait_for(lambda: conversation_of(desk_engine), what="the first message")
    kills = 0
    for n in range(REPLIES):
        outbox.queue_reply(
            desk_engine, events, conversation_id=conversation_id, text=f"yanıt {n}", author="Elif"
        )
        if n in (3, 8):  # kill -9 in the middle of messages and replies, then start it again
            time.sleep(rng.uniform(0, 0.05))
            relay_process.kill()
            kills += 1
            relay_process.start()
        loop.submit(sender.send_due()).result(15)
        outbox.release_waiting(desk_engine, channel="webchat")
    chatter.join(60)
    assert chatter.sent == MESSAGES and kills == 2

    def all_delivered():
        loop.submit(sender.send_due()).result(15)
        outbox.release_waiting(desk_engine, channel="webchat")
        with read_session(desk_engine) as session:
            states = set(session.exec(select(OutboxItem.state)))
        return states == {"sent"} and sum(incoming_texts(desk_engine).values()) >= MESSAGES

    wait_for(all_delivered, timeout=30, what="every message and reply")
    assert incoming_texts(desk_engine) == Counter({f"mesaj {n}": 1 for n in range(MESSAGES)})
    assert widget_replies(visitor) == Counter({f"yanıt {n}": 1 for n in range(REPLIES)})
    visitor.close()


def start_desk(data_dir: Path, url: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            str(HERE.parents[2] / "helpers" / "webchat_desk.py"),
            str(data_dir),
            url,
            OWNER_TOKEN,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    return process


@pytest.fixture
def busy_relay(tmp_path):
    """A relay whose rate limits let one test visitor talk fast."""
    server = RelayThread(
        relay_config(f"sqlite:///{tmp_path / 'relay.sqlite3'}", visitor_burst=1000, ip_burst=10_000)
    ).start()
    yield server
    server.stop()


def test_killing_the_desktop_loses_and_doubles_nothing(busy_relay, desk_engine, data_paths, events):
    relay_server = busy_relay
    rng = random.Random(7)
    visitor = Visitor(relay_server.url)
    desk = start_desk(data_paths.root, relay_server.url)
    chatter = Chatter(visitor, MESSAGES, time.monotonic() + 60)
    chatter.start()
    try:
        conversation_id = wait_for(lambda: conversation_of(desk_engine), what="the first message")
        for n in range(REPLIES):
            outbox.queue_reply(
                desk_engine, events, conversation_id=conversation_id, text=f"yanıt {n}", author="E"
            )
            if n in (4, 9):
                time.sleep(rng.uniform(0, 0.1))
                os.kill(desk.pid, signal.SIGKILL)
                desk.wait(10)
                desk.stdout.close()
                desk = start_desk(data_paths.root, relay_server.url)
            time.sleep(0.05)
        chatter.join(60)
        assert chatter.sent == MESSAGES

        def settled():
            with read_session(desk_engine) as session:
                states = {i: state for i, state in session.exec(select(OutboxItem.id, OutboxItem.state))}
            busy = {"queued", "sending"} & set(states.values())
            return states if not busy and len(incoming_texts(desk_engine)) == MESSAGES else None

        states = wait_for(settled, timeout=30, what="the desktop to settle")
        # A send cut short by the kill may have been delivered: it becomes 'unknown' and the owner decides;
        # sending it again is safe, the relay keeps one copy per reply id.
        for item_id in [i for i, state in states.items() if state == "unknown"]:
            outbox.transition(desk_engine, events, item_id=item_id, to="queued")
        wait_for(lambda: set((settled() or {"": "x"}).values()) == {"sent"}, timeout=30, what="the resends")
    finally:
        os.kill(desk.pid, signal.SIGKILL)
        desk.wait(10)
        desk.stdout.close()
    assert incoming_texts(desk_engine) == Counter({f"mesaj {n}": 1 for n in range(MESSAGES)})
    assert widget_replies(visitor) == Counter({f"yanıt {n}": 1 for n in range(REPLIES)})
    visitor.close()
