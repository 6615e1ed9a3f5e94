"""Shared pieces of the Telegram tests: fast timing, customers, a channel running on its own loop thread."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlmodel import select

from shopdesk.channels.telegram.channel import TelegramChannel
from shopdesk.channels.telegram.updates import Timing
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from shopdesk.core.models import Attachment, Message
from shopdesk.runtime.loop import AsyncLoop
from tests.helpers.telegram_objects import Customer

FAST = Timing(
    poll_timeout=1,
    limit=100,
    backoff_start=0.05,
    backoff_max=0.2,
    conflict_start=0.2,
    conflict_max=0.4,
    auth_retry=60.0,
    polled_every=600.0,
    request_timeout=3.0,
)
ALI = Customer(5551234, "Ali", "Yılmaz", "aliyilmaz", "tr")
EMMA = Customer(7770001, "Emma", "Stone", "emma", "en")


def eventually(predicate: Callable[[], object], timeout: float = 5.0, what: str = "the condition"):
    """Wait (bounded) for another thread's work, like qtbot.waitUntil; returns the predicate's value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


class Running:
    """A TelegramChannel started on its own asyncio loop thread, as the app runs it."""

    def __init__(self, engine, blobs, events, timing: Timing) -> None:
        self.loop = AsyncLoop("telegram-test")
        self.channel = TelegramChannel(engine, blobs, events, timing=timing)
        self.events = events

    def __enter__(self) -> Running:
        self.loop.start()
        self.loop.submit(self.channel.start()).result(5)
        return self

    def __exit__(self, *exc) -> None:
        self.loop.submit(self.channel.stop()).result(10)
        self.loop.stop()

    def run(self, coro, timeout: float = 30.0):
        return self.loop.submit(coro).result(timeout)

    def states(self, account_id: int) -> list[tuple[str, str]]:
        return [(e.state, e.detail) for e in self.events.of(ChannelStatus) if e.account_id == account_id]

    def wait_state(self, account_id: int, state: str, timeout: float = 5.0) -> str:
        def found():
            states = self.states(account_id)
            return states and states[-1][0] == state and states[-1]

        return eventually(found, timeout, f"state {state!r}")[1]


def messages(engine) -> list[Message]:
    """Every Telegram message in the store, oldest first."""
    with read_session(engine) as session:
        return list(session.exec(select(Message).where(Message.channel == "telegram").order_by(Message.id)))


def attachments(engine, message_id: int) -> list[Attachment]:
    with read_session(engine) as session:
        return list(session.exec(select(Attachment).where(Attachment.message_id == message_id)))
