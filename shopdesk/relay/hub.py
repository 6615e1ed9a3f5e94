"""Who is connected (desktops, widget tabs) and what each of them is sent after a commit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)
QUEUE_SIZE = 2000
AWAY_GRACE_SECONDS = 10.0


class Subscriber:
    """One websocket's outgoing queue; a subscriber too slow to keep up is closed (it catches up later)."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue[dict | None] = asyncio.Queue(QUEUE_SIZE)
        self.overflowed = False

    def put(self, item: dict | None) -> None:
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.overflowed = True
            self.queue = asyncio.Queue(1)
            self.queue.put_nowait(None)


class Hub:
    def __init__(self, head: int = 0, presence: str = "online") -> None:
        self.head = head  # the highest committed seq
        self.presence = presence
        self._desks: set[Subscriber] = set()
        self._visitors: dict[str, set[Subscriber]] = {}
        self._away_timer: asyncio.TimerHandle | None = None
        self._online = False
        self.on_online_change: Callable[[bool], None] | None = None

    # desktops

    def add_desk(self) -> tuple[Subscriber, int]:
        """Subscribe a desktop; every event after the returned head reaches its queue."""
        sub = Subscriber()
        self._desks.add(sub)
        if self._away_timer is not None:
            self._away_timer.cancel()
            self._away_timer = None
        self._update_online()
        return sub, self.head

    def remove_desk(self, sub: Subscriber) -> None:
        self._desks.discard(sub)
        if not self._desks:
            # A desktop reconnecting after a network blip should not flash "away" to every visitor.
            loop = asyncio.get_running_loop()
            self._away_timer = loop.call_later(AWAY_GRACE_SECONDS, self._update_online)

    @property
    def desks_connected(self) -> int:
        return len(self._desks)

    # visitors

    def add_visitor(self, visitor_id: str) -> Subscriber:
        sub = Subscriber()
        self._visitors.setdefault(visitor_id, set()).add(sub)
        return sub

    def remove_visitor(self, visitor_id: str, sub: Subscriber) -> bool:
        """Forget one tab; True when it was the visitor's last."""
        subs = self._visitors.get(visitor_id, set())
        subs.discard(sub)
        if not subs:
            self._visitors.pop(visitor_id, None)
            return True
        return False

    def visitor_online(self, visitor_id: str) -> bool:
        return bool(self._visitors.get(visitor_id))

    @property
    def visitors_connected(self) -> int:
        return sum(len(s) for s in self._visitors.values())

    def push(self, visitor_id: str, message: dict) -> None:
        for sub in list(self._visitors.get(visitor_id, ())):
            sub.put(message)

    # presence

    @property
    def online(self) -> bool:
        """Whether visitors see the shop as online: the owner chose online and a desktop is connected."""
        return self._online

    def set_presence(self, status: str) -> None:
        self.presence = status
        self._update_online()

    def _update_online(self) -> None:
        self._away_timer = None
        online = self.presence == "online" and bool(self._desks)
        if online != self._online:
            self._online = online
            message = {"type": "presence", "online": online}
            for subs in self._visitors.values():
                for sub in subs:
                    sub.put(message)

    # after a commit

    def publish(self, outcome) -> None:
        for event in outcome.events:
            self.head = max(self.head, event["seq"])
            message = {"type": "event", **event}
            for sub in list(self._desks):
                sub.put(message)
        for visitor_id, message in outcome.pushes:
            self.push(visitor_id, message)
