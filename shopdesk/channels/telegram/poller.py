"""One bot's receiving loop: poll, commit, acknowledge; status for the status bar; back off on trouble."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from datetime import timedelta

from sqlalchemy.engine import Engine
from telegram.error import Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from shopdesk.channels.telegram import texts
from shopdesk.channels.telegram.account import TelegramAccount
from shopdesk.channels.telegram.bot import BotConnection, redact
from shopdesk.channels.telegram.convert import CHANNEL
from shopdesk.channels.telegram.receiver import Receiver
from shopdesk.channels.telegram.updates import Timing, is_stale, last_polled, mark_polled
from shopdesk.core.blobs import BlobStore
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import Threader
from shopdesk.core.models import utcnow
from shopdesk.secrets import SecretStoreUnavailable

log = logging.getLogger(__name__)


def seconds(value) -> float:
    """A PTB time period (timedelta, or int before PTB_TIMEDELTA) in seconds."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class BotPoller:
    """Polls one bot until cancelled; ``conn`` is the live connection (None while there is no token)."""

    def __init__(
        self,
        account: TelegramAccount,
        token: Callable[[], str | None],
        engine: Engine,
        blobs: BlobStore,
        publish: Callable[[object], None],
        *,
        timing: Timing,
        threaders: Mapping[str, Threader],
    ) -> None:
        self.account, self._token = account, token
        self.engine, self.blobs, self.publish = engine, blobs, publish
        self.timing, self.threaders = timing, threaders
        self.conn: BotConnection | None = None
        self.state: tuple[str, str] | None = None
        self.away_warning: str | None = None
        self._wake = asyncio.Event()
        self._failures = 0
        self._marked = float("-inf")  # monotonic time of the last recorded poll

    def wake(self) -> None:
        """Stop waiting (a new token, the owner pressed "retry"); call on the loop's thread."""
        self._wake.set()

    async def run(self) -> None:
        while True:
            try:
                token = await asyncio.to_thread(self._token)
            except SecretStoreUnavailable as exc:
                self._status("auth_failed", str(exc))
                await self._wait(self.timing.auth_retry)
                continue
            if not token:
                self._status("auth_failed", texts.NO_TOKEN.format(handle=self.account.handle))
                await self._wait(self.timing.auth_retry)
                continue
            self.conn = BotConnection(self.account, token, timeout=self.timing.request_timeout)
            await self.conn.open()
            try:
                await self._poll_until_auth_fails()
            finally:
                conn, self.conn = self.conn, None
                await conn.close()

    async def check_away(self) -> None:
        """Before the first poll: warn when Telegram may already have dropped updates (over 20 hours)."""
        polled = await asyncio.to_thread(last_polled, self.engine, self.account.id)
        if is_stale(polled):
            hours = int((utcnow() - polled).total_seconds() // 3600)
            self.away_warning = texts.AWAY.format(handle=self.account.handle, hours=hours)
            self._status("stale", self.away_warning)

    async def _poll_until_auth_fails(self) -> None:
        receiver = Receiver(
            self.conn.bot,
            self.account,
            self.engine,
            self.blobs,
            self.publish,
            timing=self.timing,
            threaders=self.threaders,
        )
        while True:
            # Not connected yet (start, or after trouble): a short poll says so at once; then long polls.
            timeout = None if self.state and self.state[0] == "connected" else 0
            try:
                batch, _results = await receiver.poll(timeout=timeout)
            except (InvalidToken, Forbidden):
                self._status("auth_failed", texts.REVOKED.format(handle=self.account.handle))
                await self._wait(self.timing.auth_retry)
                return
            except Conflict as exc:
                webhook = "webhook" in str(exc).lower()
                self._status("conflict", texts.WEBHOOK if webhook else texts.CONFLICT)
                await self._backoff(self.timing.conflict_start, self.timing.conflict_max)
                continue
            except RetryAfter as exc:
                await self._wait(seconds(exc.retry_after))
                continue
            except NetworkError as exc:
                self._status("offline", texts.OFFLINE.format(reason=exc))
                await self._backoff(self.timing.backoff_start, self.timing.backoff_max)
                continue
            except Exception as exc:  # a bug must not become a tight loop, nor stop the bot for good
                log.exception("Telegram bot %s: polling failed", self.account.handle)
                self._status("offline", texts.OFFLINE.format(reason=repr(exc)))
                await self._backoff(self.timing.backoff_start, self.timing.backoff_max)
                continue
            self._failures = 0
            self._status("connected", "")
            await self._record_poll(bool(batch))

    async def _record_poll(self, stored: bool) -> None:
        """Remember when Telegram last answered, for the 20-hour warning."""
        now = time.monotonic()
        if stored:
            self._marked = now
        elif now - self._marked >= self.timing.polled_every:
            await asyncio.to_thread(mark_polled, self.engine, self.account.id)
            self._marked = now

    def _status(self, state: str, detail: str) -> None:
        detail = redact(detail)
        if self.state != (state, detail):
            self.state = (state, detail)
            self.publish(ChannelStatus(CHANNEL, self.account.id, state, detail))

    async def _backoff(self, start: float, most: float) -> None:
        await self._wait(min(start * 2**self._failures, most))
        self._failures += 1

    async def _wait(self, delay: float) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), delay)
