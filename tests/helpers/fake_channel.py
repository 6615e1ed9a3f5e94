"""A channel that talks to nothing: it records sends and fails on demand, to exercise both doors."""

from __future__ import annotations

import asyncio

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.core.events import ChannelStatus


class FakeChannel:
    name = "fake"

    def __init__(self, publish) -> None:
        self._publish = publish
        self.sent: list[OutgoingItem] = []
        self.failures: list[SendError | BaseException] = []  # raised in order, one per send
        self.online = True
        self.started = False

    async def start(self) -> None:
        self.started = True
        self.set_online(self.online)

    async def stop(self) -> None:
        self.started = False

    def set_online(self, online: bool) -> None:
        self.online = online
        self._publish(ChannelStatus(self.name, None, "connected" if online else "offline"))

    async def send(self, item: OutgoingItem) -> str | None:
        await asyncio.sleep(0)
        if not self.online:
            raise SendError("The fake channel is offline.", kind="retry")
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(item)
        return f"fake-{item.message_id}"
