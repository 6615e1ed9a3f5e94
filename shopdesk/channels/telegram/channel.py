"""The Telegram channel: a receiving loop per configured bot, sending, and ``sync_once`` for the CLI."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.channels.telegram import texts
from shopdesk.channels.telegram.account import TelegramAccount, get_account, list_accounts, token_of
from shopdesk.channels.telegram.bot import BotConnection
from shopdesk.channels.telegram.conversations import thread_by_bot
from shopdesk.channels.telegram.convert import CHANNEL
from shopdesk.channels.telegram.poller import BotPoller
from shopdesk.channels.telegram.receiver import Receiver
from shopdesk.channels.telegram.send import deliver
from shopdesk.channels.telegram.updates import Timing
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import Threader
from shopdesk.secrets import SecretStoreUnavailable

log = logging.getLogger(__name__)
NAME = CHANNEL
THREADERS: Mapping[str, Threader] = {NAME: thread_by_bot}


class TelegramAccountError(Exception):
    """A bot that could not be synced, with a message meant for the owner."""


class TelegramChannel:
    """Implements shopdesk.channels.base.Channel for every enabled bot; runs on the app's asyncio loop."""

    name = NAME

    def __init__(
        self,
        engine: Engine,
        blobs: BlobStore,
        publish: Callable[[object], None],
        *,
        timing: Timing | None = None,
        token: Callable[[int], str | None] = token_of,
    ) -> None:
        self.engine, self.blobs, self.publish = engine, blobs, publish
        self.timing = timing or Timing()
        self._token = token
        self._pollers: dict[int, BotPoller] = {}
        self._tasks: dict[int, asyncio.Task] = {}

    async def start(self) -> None:
        """Start a loop for every enabled bot; returns at once (the loops run as tasks)."""
        accounts = await asyncio.to_thread(self._accounts)
        for account in accounts:
            await self._start_poller(account)

    async def stop(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pollers.clear()

    async def reload(self, account_id: int) -> None:
        """A bot was added, removed or got a new token: restart its loop (run on the app's loop)."""
        task = self._tasks.pop(account_id, None)
        self._pollers.pop(account_id, None)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        account = await asyncio.to_thread(self._account, account_id)
        if account is not None:
            await self._start_poller(account)
        else:
            self.publish(ChannelStatus(NAME, account_id, "disabled", ""))

    def away_warnings(self) -> dict[int, str]:
        """Bots that were not polled for over 20 hours when ShopDesk started: the GUI shows a banner."""
        return {aid: p.away_warning for aid, p in self._pollers.items() if p.away_warning}

    def dismiss_away_warning(self, account_id: int) -> None:
        poller = self._pollers.get(account_id)
        if poller is not None:
            poller.away_warning = None

    def poller(self, account_id: int) -> BotPoller | None:
        return self._pollers.get(account_id)

    def _accounts(self) -> list[TelegramAccount]:
        with read_session(self.engine) as session:
            return list_accounts(session, enabled_only=True)

    def _account(self, account_id: int) -> TelegramAccount | None:
        with read_session(self.engine) as session:
            account = get_account(session, account_id)
        return account

    async def _start_poller(self, account: TelegramAccount) -> None:
        poller = BotPoller(
            account,
            lambda: self._token(account.id),
            self.engine,
            self.blobs,
            self.publish,
            timing=self.timing,
            threaders=THREADERS,
        )
        await poller.check_away()
        self._pollers[account.id] = poller
        self._tasks[account.id] = asyncio.get_running_loop().create_task(
            poller.run(), name=f"telegram-{account.id}"
        )

    # Sending

    async def send(self, item: OutgoingItem) -> str | None:
        poller = self._sending_poller(item)
        conn = poller.conn
        if conn is None:
            detail = poller.state[1] if poller.state else ""
            raise SendError(detail or f"The bot {poller.account.handle} is not connected yet.", kind="retry")
        return await deliver(conn.bot, self.engine, self.blobs, poller.account, item)

    async def clear_buttons(self, account_id: int, external_id: str) -> None:
        """Take the inline buttons off a message the bot sent (a rating was given, a question answered)."""
        poller = self._pollers.get(account_id)
        if poller is None or poller.conn is None:
            raise SendError("The bot is not connected.", kind="retry")
        _bot_id, chat_id, message_id = external_id.split(":")
        await poller.conn.bot.edit_message_reply_markup(chat_id=int(chat_id), message_id=int(message_id))

    def _sending_poller(self, item: OutgoingItem) -> BotPoller:
        poller = self._pollers.get(item.account_id) if item.account_id else None
        if poller is None and item.account_id is None and len(self._pollers) == 1:
            poller = next(iter(self._pollers.values()))
        if poller is None:
            raise SendError(
                "No Telegram bot is set up for this conversation: add it in Settings → Telegram.",
                kind="fatal",
            )
        return poller


def register(ctx, *, timing: Timing | None = None) -> TelegramChannel:
    """Build the channel for ``ctx`` and register it (with its threading hook); call before start_runtime."""
    channel = TelegramChannel(ctx.engine, ctx.blobs, ctx.publish, timing=timing)
    ctx.channels.register(channel, threader=thread_by_bot)
    return channel


@dataclass
class SyncSummary:
    account_id: int
    handle: str
    new: int = 0
    updates: int = 0

    def describe(self) -> str:
        return f"{self.handle}: {self.new} new ({self.updates} updates)"


async def sync_once(
    engine: Engine,
    blobs: BlobStore,
    publish: Callable[[object], None],
    account: TelegramAccount,
    *,
    token: str | None = None,
    timing: Timing | None = None,
) -> SyncSummary:
    """Fetch and store everything waiting for ``account`` (``shopdesk sync --once``), without long polling.

    Raises TelegramAccountError with an owner-readable message when the bot cannot be synced.
    """
    from telegram.error import Conflict, Forbidden, InvalidToken, NetworkError

    try:
        token = token if token is not None else token_of(account.id)
    except SecretStoreUnavailable as exc:
        raise TelegramAccountError(str(exc)) from exc
    if not token:
        raise TelegramAccountError(texts.NO_TOKEN.format(handle=account.handle))
    timing = timing or Timing()
    summary = SyncSummary(account.id, account.handle)
    conn = BotConnection(account, token, timeout=timing.request_timeout)
    await conn.open()
    receiver = Receiver(conn.bot, account, engine, blobs, publish, timing=timing, threaders=THREADERS)
    try:
        while True:
            batch, results = await receiver.poll(timeout=0)
            if not batch:
                break
            summary.updates += len(batch)
            summary.new += sum(1 for r in results.values() if not r.duplicate)
    except (InvalidToken, Forbidden) as exc:
        publish(ChannelStatus(NAME, account.id, "auth_failed", texts.REVOKED.format(handle=account.handle)))
        raise TelegramAccountError(texts.REVOKED.format(handle=account.handle)) from exc
    except Conflict as exc:
        raise TelegramAccountError(texts.CONFLICT) from exc
    except NetworkError as exc:
        raise TelegramAccountError(texts.OFFLINE.format(reason=exc)) from exc
    finally:
        await conn.close()
    publish(ChannelStatus(NAME, account.id, "connected", ""))
    return summary


def sync_all_once(engine: Engine, blobs: BlobStore, publish: Callable[[object], None]) -> list[SyncSummary]:
    """``shopdesk sync --once`` for every enabled bot (blocking); raises TelegramAccountError."""
    with read_session(engine) as session:
        accounts = list_accounts(session, enabled_only=True)
    return [asyncio.run(sync_once(engine, blobs, publish, account)) for account in accounts]
