"""One bot's receiving step, shared by the loop and ``sync_once``: poll, commit, then the follow-ups."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping

from sqlalchemy.engine import Engine
from telegram import ReplyParameters

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.telegram.account import TelegramAccount
from shopdesk.channels.telegram.convert import CHANNEL, Converted, Converter, Welcome, message_key
from shopdesk.channels.telegram.media import MediaFetcher
from shopdesk.channels.telegram.updates import Timing, load_offset, poll_once
from shopdesk.core.blobs import BlobStore
from shopdesk.core.identity_display import update_displays
from shopdesk.core.ingest import IngestResult, Threader, ingest
from shopdesk.core.models import Direction

log = logging.getLogger(__name__)


class Receiver:
    """Keeps the offset between polls; ``poll`` returns the batch it committed (empty when none came)."""

    def __init__(
        self,
        bot,
        account: TelegramAccount,
        engine: Engine,
        blobs: BlobStore,
        publish: Callable[[object], None],
        *,
        timing: Timing,
        threaders: Mapping[str, Threader],
    ) -> None:
        self.bot, self.account = bot, account
        self.engine, self.blobs, self.publish = engine, blobs, publish
        self.timing, self.threaders = timing, threaders
        fetcher = MediaFetcher(bot, limit=account.download_limit)
        self.converter = Converter(bot, account.id, account.bot_id, fetcher)
        self.offset: int | None = None
        self._loaded = False

    async def poll(self, *, timeout: int | None = None) -> tuple[list[Converted], dict[str, IngestResult]]:
        """One getUpdates, committed with the next offset; then identities and /start welcomes."""
        if not self._loaded:
            self.offset = await asyncio.to_thread(load_offset, self.engine, self.account.id)
            self._loaded = True
        self.offset, batch, results = await poll_once(
            self.bot,
            self.converter,
            self.engine,
            self.blobs,
            self.publish,
            account_id=self.account.id,
            offset=self.offset,
            timing=self.timing,
            threaders=self.threaders,
            timeout=timeout,
        )
        if batch:
            await self._after_commit(batch, results)
        return batch, results

    async def _after_commit(self, batch: list[Converted], results: Mapping[str, IngestResult]) -> None:
        displays = {k: v for converted in batch for k, v in converted.displays.items()}
        if displays:
            await asyncio.to_thread(
                update_displays, self.engine, self.publish, channel=CHANNEL, displays=displays
            )
        for converted in batch:
            welcome = converted.welcome
            result = results.get(welcome.natural_key) if welcome else None
            if result is not None and not result.duplicate:
                await self.welcome(welcome)

    async def welcome(self, welcome: Welcome) -> None:
        """The /start reply: sent once the /start is stored (at most once), kept in the conversation."""
        body = self.account.welcome_for(welcome.language_code)
        if not body:
            return
        try:
            reply = ReplyParameters(welcome.reply_to, allow_sending_without_reply=True)
            sent = await self.bot.send_message(welcome.chat_id, body, reply_parameters=reply)
        except Exception as exc:  # a welcome is a courtesy: never worth stopping the loop
            log.warning("Telegram bot %s: the welcome reply failed: %s", self.account.handle, exc)
            return
        key = message_key(self.account.bot_id, welcome.chat_id, sent.message_id)
        item = IncomingItem(
            channel=CHANNEL,
            natural_key=f"{self.account.bot_id}:welcome:{welcome.chat_id}:{welcome.reply_to}",
            sender_address=str(welcome.chat_id),
            text=body,
            direction=Direction.BOT,
            author=self.account.handle,
            account_id=self.account.id,
            dedupe_key=key,
            external_id=key,
        )
        await asyncio.to_thread(
            ingest, self.engine, [item], blobs=self.blobs, publish=self.publish, threaders=self.threaders
        )
