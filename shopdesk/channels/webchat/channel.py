"""The web chat channel: the desktop's websocket to the relay, catch-up by seq, replies, typing, seen."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import httpx
import websockets
from sqlalchemy.engine import Engine
from websockets.asyncio.client import connect

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.channels.webchat.account import CHANNEL
from shopdesk.channels.webchat.client import RelayClient, RelayRefused
from shopdesk.channels.webchat.sink import files_needed, load_cursor, store_events
from shopdesk.core import visitors
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import Threader

log = logging.getLogger(__name__)
MAX_BATCH = 500
TYPING_FRESH_SECONDS = 10


class WebchatChannel:
    """Implements shopdesk.channels.base.Channel for one relay (embedded or the shop's own)."""

    name = CHANNEL

    def __init__(
        self,
        engine: Engine,
        blobs: BlobStore,
        publish: Callable[[object], None],
        *,
        account_id: int,
        relay_url: str,
        token: str,
        reply_prefix: str,
        threaders: Mapping[str, Threader] | None = None,
        presence: str = "online",
        retry: tuple[float, float] = (0.25, 15.0),
    ) -> None:
        self.engine, self.blobs, self.publish = engine, blobs, publish
        self.account_id = account_id
        self.client = RelayClient(relay_url, token)
        self.reply_prefix = reply_prefix
        self.threaders = threaders
        self.presence = presence
        self.retry = retry
        self.shop_name = ""  # fills {{shop.name}} in the FAQ answers the relay sends
        self.connected = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._acker: asyncio.Task | None = None
        self._ack_wanted = self._ack_sent = 0

    # the Channel protocol

    async def start(self) -> None:
        """Connect in the background (and keep reconnecting); returns at once."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="webchat")

    async def stop(self) -> None:
        if self._acker is not None:  # the last acknowledgement may still be on its way
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._acker), 2)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self.client.close()
        self._status("offline", "stopped")

    async def send(self, item: OutgoingItem) -> str | None:
        """Deliver a reply; the relay stores it once per reply id, so a retry never doubles it."""
        reply_id = f"{self.reply_prefix}-{item.message_id}"
        sent = None
        for n, (sha, filename, mime) in enumerate(item.attachments):
            data = await asyncio.to_thread(self.blobs.get, sha)
            sent = await self.client.reply_file(item.to_address, f"{reply_id}-{n}", filename, mime, data)
        if item.text.strip() or sent is None:
            if not item.to_address:
                raise SendError("This conversation has no web chat visitor to answer.", kind="fatal")
            buttons = [[{"label": label, "data": data} for label, data in row] for row in item.buttons]
            card = "rating" if buttons and all(_is_score(b["data"]) for r in buttons for b in r) else ""
            sent = await self.client.reply(item.to_address, item.text, reply_id, buttons=buttons, card=card)
        return f"r{sent['id']}"

    # the owner's live signals

    async def typing(self, conversation_id: int, typing: bool = True) -> None:
        visitor_id = await self._visitor_of(conversation_id)
        if visitor_id:
            await self._quietly(self.client.typing(visitor_id, typing))

    async def seen(self, conversation_id: int) -> None:
        """The owner read the conversation: the visitor's messages get their seen marks."""
        visitor_id = await self._visitor_of(conversation_id)
        if visitor_id:
            await self._quietly(self.client.seen(visitor_id))

    async def set_presence(self, status: str) -> None:
        """'online' or 'away' (the owner's choice); kept for every reconnect."""
        self.presence = status
        await self._quietly(self.client.presence(status))

    async def push_automation(self, shop_name: str = "") -> None:
        """Give the relay the FAQ set and the invitation rules as stored now: it answers visitors and the
        widget invites them while the laptop is closed."""
        from shopdesk.core import faq_bot, invitations

        def config():
            with read_session(self.engine) as session:
                return {
                    "faq": faq_bot.relay_config(session, shop_name=shop_name or self.shop_name),
                    "invitations": invitations.relay_rules(session),
                }

        await self._quietly(self.client.automation(await asyncio.to_thread(config)))

    async def _visitor_of(self, conversation_id: int) -> str | None:
        def find():
            with read_session(self.engine) as session:
                return visitors.visitor_id_of_conversation(session, conversation_id=conversation_id)

        return await asyncio.to_thread(find)

    async def _quietly(self, call) -> None:
        try:
            await call
        except (httpx.HTTPError, RelayRefused, OSError) as exc:
            log.info("web chat: a live signal was not delivered: %s", exc)

    # receiving

    def _status(self, state: str, detail: str = "") -> None:
        self.publish(ChannelStatus(CHANNEL, self.account_id, state, detail))

    async def _run(self) -> None:
        delay = self.retry[0]
        while True:
            try:
                await self._session()
                delay = self.retry[0]
            except asyncio.CancelledError:
                raise
            except (RelayRefused, websockets.InvalidStatus) as exc:
                status = getattr(exc, "status", None) or getattr(exc.response, "status_code", 0)
                state = "auth_failed" if status in (401, 403) else "offline"
                self._status(state, f"The web chat relay refused the connection ({status}).")
                delay = self.retry[1]
            except Exception as exc:  # network, relay restarts: reconnect and catch up
                log.info("web chat: connection lost: %r", exc)
                self._status("offline", f"The web chat relay cannot be reached ({exc.__class__.__name__}).")
            finally:
                self.connected.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry[1])

    async def _session(self) -> None:
        headers = {"Authorization": f"Bearer {self.client.token}"}
        async with connect(
            self.client.ws_url, additional_headers=headers, open_timeout=10, max_size=2**24
        ) as ws:
            hello = json.loads(await ws.recv())
            queue: asyncio.Queue = asyncio.Queue()
            reader = asyncio.create_task(_read_into(ws, queue))
            try:
                await self.client.presence(self.presence)
                await self.push_automation()
                cursor = await asyncio.to_thread(load_cursor, self.engine, self.account_id)
                if hello["head"] < cursor:  # a new relay database numbers from 1 again: read it all
                    log.warning("web chat: the relay is at event %s, behind ours (%s); reading it from the "
                                "start", hello["head"], cursor)  # fmt: skip
                    cursor = 0
                cursor = await self._catch_up(cursor, hello["head"])
                self._status("connected")
                self.connected.set()
                await self._live(queue, cursor)
            finally:
                reader.cancel()
                with contextlib.suppress(BaseException):
                    await reader

    async def _catch_up(self, cursor: int, head: int) -> int:
        """Everything committed on the relay before this connection, over HTTP, in seq order."""
        while cursor < head:
            page = await self.client.events(cursor, MAX_BATCH)
            if not page["events"]:
                break
            cursor = await self._store(page["events"])
        return cursor

    async def _live(self, queue: asyncio.Queue, cursor: int) -> None:
        while True:
            batch = [await queue.get()]
            while len(batch) < MAX_BATCH and not queue.empty():
                batch.append(queue.get_nowait())
            if any(item is None for item in batch):
                batch = batch[: batch.index(None)]
                if batch:
                    cursor = await self._store_new(batch, cursor)
                raise ConnectionError("the relay closed the connection")
            cursor = await self._store_new(batch, cursor)

    async def _store_new(self, batch: list[dict], cursor: int) -> int:
        events = [e for e in batch if e.get("type") == "event" and e["seq"] > cursor]
        return await self._store(events) if events else cursor

    async def _store(self, events: list[dict]) -> int:
        """Commit a batch (with its files), then acknowledge it: never the other way round."""
        files = {file_id: await self.client.file(file_id) for file_id in files_needed(events)}
        last = await asyncio.to_thread(
            store_events,
            self.engine,
            self.blobs,
            self.publish,
            self.account_id,
            events,
            files,
            threaders=self.threaders,
        )
        self._acknowledge(last)
        await self._typing(events)
        return last

    def _acknowledge(self, seq: int) -> None:
        """Tell the relay, in the background, that everything up to ``seq`` is committed here.

        Acknowledgements are cumulative: while one is on its way, newer ones merge into the next, and the
        next batch is stored without waiting for the relay's own commit of the last one (under a burst
        that wait was as long as the storing). One that is lost only means the relay sends those events
        again, and they are stored once (their natural keys).
        """
        self._ack_wanted = max(self._ack_wanted, seq)
        if self._acker is None or self._acker.done():
            self._acker = asyncio.get_running_loop().create_task(self._send_acks(), name="webchat-ack")

    async def _send_acks(self) -> None:
        while self._ack_sent < self._ack_wanted:
            seq = self._ack_wanted
            try:
                await self.client.ack(seq)
            except (httpx.HTTPError, RelayRefused) as exc:
                log.info("web chat: acknowledging seq %s failed (it is sent again and skipped): %s", seq, exc)
                return
            self._ack_sent = seq

    async def _typing(self, events: list[dict]) -> None:
        now = datetime.now(UTC)
        for event in events:
            if event["kind"] != "typing":
                continue
            at = datetime.fromisoformat(event["at"].replace("Z", "+00:00"))
            if (now - at).total_seconds() > TYPING_FRESH_SECONDS:
                continue

            def find(visitor_id=event["visitor_id"]):
                with read_session(self.engine) as session:
                    return visitors.conversation_of_visitor(session, visitor_id=visitor_id)

            conversation_id = await asyncio.to_thread(find)
            typing = bool(event["data"].get("typing"))
            self.publish(
                visitors.VisitorTyping(self.account_id, event["visitor_id"], conversation_id, typing)
            )


def _is_score(data: str) -> bool:
    from shopdesk.core.surveys import BUTTON_PREFIX

    return data.startswith(BUTTON_PREFIX)


async def _read_into(ws, queue: asyncio.Queue) -> None:
    """Frames from the relay into ``queue``; None when the connection ends."""
    try:
        async for frame in ws:
            try:
                item = json.loads(frame)
            except ValueError:
                log.warning("web chat: the relay sent a frame that is not JSON")
                continue
            if isinstance(item, dict) and item.get("type") == "events":  # several events in one frame
                for event in item.get("events", ()):
                    queue.put_nowait({"type": "event", **event})
            else:
                queue.put_nowait(item)
    except websockets.ConnectionClosed:
        pass
    finally:
        queue.put_nowait(None)
