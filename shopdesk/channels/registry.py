"""The one place where channels are registered: instances by name, threading hooks, last status."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from shopdesk.channels.base import Channel
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import Threader


class ChannelRegistry:
    def __init__(self) -> None:
        self._channels: dict[str, Channel] = {}
        self._threaders: dict[str, Threader] = {}
        self._status: dict[tuple[str, int | None], ChannelStatus] = {}
        self._lock = threading.Lock()

    def register(self, channel: Channel, *, threader: Threader | None = None) -> None:
        self._channels[channel.name] = channel
        if threader is not None:
            self._threaders[channel.name] = threader

    def get(self, name: str) -> Channel | None:
        return self._channels.get(name)

    def all(self) -> list[Channel]:
        return list(self._channels.values())

    @property
    def threaders(self) -> Mapping[str, Threader]:
        return self._threaders

    def on_status(self, event: ChannelStatus) -> None:
        """Bus handler: remember each channel's latest state."""
        with self._lock:
            self._status[(event.channel, event.account_id)] = event

    def statuses(self) -> list[ChannelStatus]:
        with self._lock:
            return list(self._status.values())

    def is_online(self, name: str) -> bool:
        with self._lock:
            states = [s.state for (ch, _), s in self._status.items() if ch == name]
        return any(state == "connected" for state in states)
