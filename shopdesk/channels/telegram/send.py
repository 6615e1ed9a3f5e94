"""Sending a reply through a bot: text split at 4,096, photos and documents, replying to the customer."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.channels.telegram.account import TelegramAccount
from shopdesk.channels.telegram.bot import redact
from shopdesk.channels.telegram.convert import message_key
from shopdesk.channels.telegram.media import megabytes
from shopdesk.channels.telegram.texts import REVOKED
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session

log = logging.getLogger(__name__)
TEXT_LIMIT = 4096  # UTF-16 code units, as Telegram counts
CAPTION_LIMIT = 1024
PHOTO_LIMIT = 10 * 1024 * 1024  # sendPhoto's own limit; bigger images go as documents
PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp"}
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
TOO_BIG = (
    "“{name}” is {size}; a Telegram bot can send files up to {limit}. Send a link to it instead, or use "
    "your own Bot API server (Settings → Telegram → Advanced)."
)
BLOCKED = "The customer blocked the bot, so Telegram refused the message ({reason})."


def utf16_len(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def split_text(body: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Parts of at most ``limit`` UTF-16 units, cut at a paragraph, line or word end where there is one."""
    parts, rest = [], body.strip()
    while utf16_len(rest) > limit:
        cut = _fit(rest, limit)
        window = rest[:cut]
        for sep in ("\n\n", "\n", " "):
            at = window.rfind(sep)
            if at > cut // 2:
                cut = at + len(sep)
                break
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*parts, rest] if rest else parts


def _fit(value: str, limit: int) -> int:
    """How many characters of ``value`` fit in ``limit`` UTF-16 units."""
    used = 0
    for index, char in enumerate(value):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(value)


@dataclass(frozen=True)
class Part:
    kind: str  # "text", "photo", "document"
    text: str = ""
    sha256: str = ""
    filename: str = ""


def plan(item: OutgoingItem, blobs: BlobStore, account: TelegramAccount) -> list[Part]:
    """What the reply becomes on Telegram; SendError 'fatal' before anything is sent if a file cannot go."""
    limit = account.upload_limit
    files = []
    for sha, name, mime in item.attachments:
        try:
            size = blobs.path(sha).stat().st_size
        except OSError as exc:
            raise SendError(
                f"The file “{name}” is missing from ShopDesk's files ({exc}).", kind="fatal"
            ) from exc
        if size > limit:
            raise SendError(
                TOO_BIG.format(name=name, size=megabytes(size), limit=megabytes(limit)), kind="fatal"
            )
        kind = "photo" if mime in PHOTO_TYPES and size <= PHOTO_LIMIT else "document"
        files.append(Part(kind, sha256=sha, filename=name))
    body = item.text.strip()
    if len(files) == 1 and body and utf16_len(body) <= CAPTION_LIMIT:
        return [Part(files[0].kind, body, files[0].sha256, files[0].filename)]
    parts = [Part("text", chunk) for chunk in split_text(body)]
    if not parts and not files:
        raise SendError("The reply is empty.", kind="fatal")
    return parts + files


def reply_target(engine: Engine, item: OutgoingItem, bot_id: int) -> int | None:
    """The Telegram message id of the customer's last message in this conversation, from this bot's chat."""
    prefix = f"{bot_id}:{item.to_address}:"
    with read_session(engine) as session:
        found = session.execute(
            text(
                "SELECT external_id FROM message WHERE conversation_id = :c AND direction = 'incoming'"
                " AND external_id LIKE :p ORDER BY created_at DESC, id DESC LIMIT 1"
            ),
            {"c": item.conversation_id, "p": prefix + "%"},
        ).scalar()
    return int(found.rpartition(":")[2]) if found else None


async def deliver(bot, engine: Engine, blobs: BlobStore, account: TelegramAccount, item: OutgoingItem) -> str:
    """Send every part; returns the first part's external id. Errors become SendError of the right kind."""
    try:
        chat_id = int(item.to_address)
    except ValueError as exc:
        raise SendError("This conversation has no Telegram chat to answer.", kind="fatal") from exc
    parts = plan(item, blobs, account)
    reply_to = reply_target(engine, item, account.bot_id)
    sent: list[int] = []
    for number, part in enumerate(parts, 1):
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to and not sent else None
        markup = keyboard(item.buttons) if number == len(parts) else None  # buttons under the last part
        try:
            message = await _send_part(bot, blobs, chat_id, part, reply, markup)
        except TelegramError as exc:
            raise partial_error(send_error(exc, account), len(sent), len(parts)) from exc
        sent.append(message.message_id)
    return message_key(account.bot_id, chat_id, sent[0])


def keyboard(rows) -> InlineKeyboardMarkup | None:
    """The item's (label, data) button rows as an inline keyboard (a survey's scores), or None."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def _send_part(bot, blobs: BlobStore, chat_id: int, part: Part, reply, markup=None):
    if part.kind == "text":
        return await bot.send_message(chat_id, part.text, reply_parameters=reply, reply_markup=markup)
    with blobs.path(part.sha256).open("rb") as fh:
        options = {"caption": part.text or None, "filename": part.filename, "reply_parameters": reply}
        if part.kind == "photo":
            return await bot.send_photo(chat_id, fh, reply_markup=markup, **options)
        return await bot.send_document(chat_id, fh, reply_markup=markup, **options)


def partial_error(error: SendError, done: int, total: int) -> SendError:
    """Once a part went out, trying the whole reply again would repeat it: the owner decides."""
    if done == 0 or error.kind == "fatal":
        return error
    return SendError(f"Only {done} of {total} parts were sent, then: {error}", kind="unknown")


def send_error(exc: TelegramError, account: TelegramAccount) -> SendError:
    """Telegram's refusal as an outbox outcome: retry (not delivered), fatal (never will be), unknown."""
    reason = redact(str(exc))
    if isinstance(exc, Forbidden):
        if "blocked" in reason.lower():
            return SendError(BLOCKED.format(reason=reason), kind="fatal")
        return SendError(f"Telegram refused the message: {reason}", kind="fatal")
    if isinstance(exc, InvalidToken):
        return SendError(REVOKED.format(handle=account.handle), kind="retry")
    if isinstance(exc, RetryAfter):
        return SendError(f"Telegram asked to wait {exc.retry_after} before sending more (flood control).")
    if isinstance(exc, ChatMigrated):
        return SendError(f"The group moved to chat {exc.new_chat_id}; answer there.", kind="fatal")
    if isinstance(exc, BadRequest):
        return SendError(f"Telegram refused the message: {reason}", kind="fatal")
    if isinstance(exc, NetworkError) and isinstance(exc.__cause__, NOT_SENT):
        return SendError(f"Telegram cannot be reached: {reason}", kind="retry")
    if isinstance(exc, TimedOut):
        return SendError(
            "Telegram did not answer in time: the message may have been delivered. Check the chat in "
            "Telegram, then resend or mark it sent.",
            kind="unknown",
        )
    if isinstance(exc, NetworkError) and isinstance(
        exc.__cause__, httpx.ReadError | httpx.RemoteProtocolError
    ):
        return SendError(
            f"The connection broke before Telegram answered ({reason}): the message may have been delivered.",
            kind="unknown",
        )
    if isinstance(exc, NetworkError):
        return SendError(f"Telegram cannot be reached: {reason}", kind="retry")
    return SendError(f"Telegram refused the message: {reason}", kind="fatal")
