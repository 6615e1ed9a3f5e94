"""Delivers queued outbox items through their channels, with retries; never resends blindly."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.engine import Engine

from shopdesk.channels.base import SendError
from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.models import SendState
from shopdesk.runtime.wakeable import Wakeable

log = logging.getLogger(__name__)


class OutboxSender(Wakeable):
    """Claims due items (committed as 'sending' before any network call), sends, records the outcome."""

    def __init__(self, engine: Engine, publish, channels: ChannelRegistry, *, poll_seconds: float = 15.0):
        super().__init__()
        self._engine = engine
        self._publish = publish
        self._channels = channels
        self._poll = poll_seconds

    def channel_back(self, channel: str) -> None:
        """A channel reconnected: send what waits for it now, not after its backoff; any thread."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: self._loop.create_task(self._release(channel)))

    async def _release(self, channel: str) -> None:
        await asyncio.to_thread(outbox.release_waiting, self._engine, channel=channel)
        self.wake()

    async def run(self) -> None:
        self._bind()
        await asyncio.to_thread(outbox.recover_interrupted, self._engine, self._publish)
        while True:
            await self.send_due()
            await self._nap(self._poll)

    async def send_due(self) -> int:
        ids = await asyncio.to_thread(outbox.claim_due, self._engine, self._publish)
        for item_id in ids:
            await self._send_one(item_id)
        return len(ids)

    async def _send_one(self, item_id: int) -> None:
        def load():
            with read_session(self._engine) as session:
                return outbox.outgoing_item(session, item_id=item_id)

        item = await asyncio.to_thread(load)
        channel = self._channels.get(item.channel)
        try:
            if channel is None:
                raise SendError(f"The {item.channel} channel is not set up yet.", kind="retry")
            external_id = await channel.send(item)
        except SendError as exc:
            await self._failed(item_id, exc.kind, str(exc))
        except TimeoutError as exc:
            await self._failed(item_id, "unknown", f"The send timed out and may have been delivered ({exc}).")
        except Exception as exc:  # a bug in a channel must not lose the reply
            log.exception("sending outbox item %s failed", item_id)
            await self._failed(item_id, "unknown", repr(exc))
        else:
            if external_id and external_id != item.external_id:
                await asyncio.to_thread(
                    outbox.set_external_id, self._engine, message_id=item.message_id, external_id=external_id
                )
            await asyncio.to_thread(
                outbox.transition, self._engine, self._publish, item_id=item_id, to=SendState.SENT
            )

    async def _failed(self, item_id: int, kind: str, error: str) -> None:
        await asyncio.to_thread(
            outbox.record_failure, self._engine, self._publish, item_id=item_id, kind=kind, error=error
        )
