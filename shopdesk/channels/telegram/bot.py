"""The PTB bot of one account: rate-limited sending (AIORateLimiter) and getUpdates as raw JSON."""

from __future__ import annotations

import logging
import re

from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from shopdesk.channels.telegram.account import TelegramAccount

# What our loop asks for; anything else (channel posts, inline queries …) is not a customer's message.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
RETRY_AFTER_RETRIES = 3
READ_GRACE = 10.0  # seconds beyond the long-poll timeout before a getUpdates counts as hung
TOKEN_IN_URL = re.compile(r"/bot\d+:[A-Za-z0-9_-]+")


def redact(text: str) -> str:
    """``text`` with any bot URL's token hidden (error messages may quote a URL)."""
    return TOKEN_IN_URL.sub("/bot<token>", text)


class RedactBotTokens(logging.Filter):
    """httpx logs every request's URL, and a bot's URL holds its token: never let one reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_IN_URL.search(message):
            record.msg, record.args = redact(message), None
        return True


def redact_http_logs() -> None:
    for name in ("httpx", "telegram.Bot", "telegram.ext.ExtBot", "telegram.request.HTTPXRequest"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactBotTokens) for f in logger.filters):
            logger.addFilter(RedactBotTokens())


redact_http_logs()


class ShopBot(ExtBot):
    """ExtBot with AIORateLimiter (RetryAfter is waited out and retried), plus ``raw_updates``."""

    async def raw_updates(self, *, offset: int | None, timeout: int, limit: int) -> list[dict]:
        """getUpdates as the Bot API's JSON, exactly as stored: nothing is parsed into PTB objects first.

        A new field or an update PTB cannot parse must not stop the loop; ``convert`` reads the dicts
        defensively. (``Bot.get_updates`` returns parsed objects only, so this goes through ``_post``, the
        hook PTB's own ExtBot overrides.)
        """
        data: dict = {"timeout": timeout, "limit": limit, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            data["offset"] = offset
        result = await self._post("getUpdates", data, read_timeout=timeout + READ_GRACE)
        return list(result or [])


class BotConnection:
    """The bot and the two connection pools it owns (long polling apart from everything else)."""

    def __init__(self, account: TelegramAccount, token: str, *, timeout: float = 20.0) -> None:
        self.account = account
        self._poll_request = HTTPXRequest(
            connection_pool_size=1, connect_timeout=timeout, read_timeout=timeout
        )
        self._request = HTTPXRequest(
            connection_pool_size=8,
            connect_timeout=timeout,
            read_timeout=timeout,
            write_timeout=timeout,
            media_write_timeout=max(timeout, 120.0),
        )
        self.bot = ShopBot(
            token,
            base_url=account.base_url,
            base_file_url=account.base_file_url,
            request=self._request,
            get_updates_request=self._poll_request,
            rate_limiter=AIORateLimiter(max_retries=RETRY_AFTER_RETRIES),
        )

    async def open(self) -> None:
        await self.bot.rate_limiter.initialize()

    async def close(self) -> None:
        await self.bot.rate_limiter.shutdown()
        await self._poll_request.shutdown()
        await self._request.shutdown()
