"""Telegram updates (the Bot API's JSON) -> IncomingItems, edits, and what to do after the commit."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from shopdesk.channels.base import IncomingAttachment, IncomingItem
from shopdesk.channels.telegram.media import FileRef, MediaFetcher
from shopdesk.channels.telegram.texts import (
    UNREADABLE,
    UNSUPPORTED,
    display_of,
    member_change_text,
    text_of,
)
from shopdesk.core.models import Direction

log = logging.getLogger(__name__)
CHANNEL = "telegram"
PARALLEL_DOWNLOADS = 4
EDITED_UNKNOWN = "The customer edited this message; the original was not received."


def update_key(bot_id: int, update_id: int) -> str:
    """The natural key: a bot's update_id (bots count their updates separately)."""
    return f"{bot_id}:update:{update_id}"


def message_key(bot_id: int, chat_id, message_id) -> str:
    """The second key and the message's external id: (chat_id, message_id) is unique within one bot."""
    return f"{bot_id}:{chat_id}:{message_id}"


@dataclass(frozen=True)
class Edit:
    dedupe_key: str
    text: str
    fallback: IncomingItem  # kept as a new message when the original is not in the store


@dataclass(frozen=True)
class Welcome:
    chat_id: int
    reply_to: int
    language_code: str
    natural_key: str  # of the /start message: the welcome goes out only when that was new


@dataclass
class Converted:
    """One update, ready for the store: an item to ingest, or an edit; plus follow-ups after the commit."""

    update_id: int
    item: IncomingItem | None = None
    edit: Edit | None = None
    welcome: Welcome | None = None
    displays: dict[str, str] = field(default_factory=dict)


class Converter:
    """Turns one bot's updates into Converted, downloading media and answering button presses."""

    def __init__(self, bot, account_id: int, bot_id: int, fetcher: MediaFetcher) -> None:
        self.bot, self.account_id, self.bot_id, self.fetcher = bot, account_id, bot_id, fetcher

    async def convert(self, updates: list[dict]) -> list[Converted]:
        """All of a batch, in order; downloads run a few at a time (a failure cancels the rest)."""
        gate = asyncio.Semaphore(PARALLEL_DOWNLOADS)

        async def one(update: dict) -> Converted:
            async with gate:
                return await self.one(update)

        try:
            async with asyncio.TaskGroup() as group:
                tasks = [group.create_task(one(update)) for update in updates]
        except BaseExceptionGroup as failed:  # the loop handles NetworkError, InvalidToken … as such
            raise failed.exceptions[0] from None
        return [task.result() for task in tasks]

    async def one(self, update: dict) -> Converted:
        """Never raises for bad input (it becomes a message with a note); NetworkError retries the batch."""
        update_id = int(update["update_id"])
        try:
            return await self._convert(update_id, update)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning("update %s could not be read: %r", update_id, exc)
            return Converted(update_id, item=self._unreadable(update_id, update, exc))

    async def _convert(self, update_id: int, update: dict) -> Converted:
        if "message" in update:
            return await self._message(update_id, update, update["message"])
        if "edited_message" in update:
            return self._edited(update_id, update, update["edited_message"])
        if "callback_query" in update:
            return await self._callback(update_id, update, update["callback_query"])
        if "my_chat_member" in update:
            return self._member(update_id, update, update["my_chat_member"])
        return Converted(update_id)  # a kind we did not ask for: the offset moves past it

    def _base(self, update_id: int, update: dict, msg: dict, **fields) -> IncomingItem:
        chat, user = msg["chat"], msg.get("from") or {}
        private = chat.get("type") == "private"
        reply = msg.get("reply_to_message")
        return IncomingItem(
            channel=CHANNEL,
            natural_key=update_key(self.bot_id, update_id),
            sender_address=str(chat["id"]),
            sender_name=full_name(user if private or not chat.get("title") else chat),
            author="" if private else full_name(user),
            account_id=self.account_id,
            dedupe_key=message_key(self.bot_id, chat["id"], msg["message_id"]),
            external_id=message_key(self.bot_id, chat["id"], msg["message_id"]),
            reply_to_ids=[message_key(self.bot_id, chat["id"], reply["message_id"])] if reply else [],
            created_at=_when(msg.get("date")),
            raw=raw_bytes(update),
            **fields,
        )

    async def _message(self, update_id: int, update: dict, msg: dict) -> Converted:
        text, refs = text_of(msg), media_of(msg)
        attachments, notes = [], []
        for ref in refs:
            attachment, note = await self.fetcher.fetch(ref)
            attachments += [attachment] if attachment else []
            notes += [note] if note else []
        vcard = (msg.get("contact") or {}).get("vcard")
        if vcard:
            attachments.append(IncomingAttachment("contact.vcf", "text/vcard", vcard.encode("utf-8")))
        if not text and not refs:
            text, notes = UNSUPPORTED, [*notes, f"Telegram message fields: {', '.join(_content_keys(msg))}"]
        item = self._base(
            update_id, update, msg, text=text, attachments=attachments, parse_note=" ".join(notes) or None
        )
        converted = Converted(update_id, item=item, displays=_displays(msg))
        if (msg.get("text") or "").split("@")[0].split(" ")[0] == "/start":
            language = (msg.get("from") or {}).get("language_code") or ""
            converted.welcome = Welcome(msg["chat"]["id"], msg["message_id"], language, item.natural_key)
        return converted

    def _edited(self, update_id: int, update: dict, msg: dict) -> Converted:
        text = text_of(msg) or UNSUPPORTED
        fallback = self._base(update_id, update, msg, text=text, parse_note=EDITED_UNKNOWN)
        edit = Edit(message_key(self.bot_id, msg["chat"]["id"], msg["message_id"]), text, fallback)
        return Converted(update_id, edit=edit, displays=_displays(msg))

    async def _callback(self, update_id: int, update: dict, query: dict) -> Converted:
        """A tapped inline button: answered now (answering again is harmless), kept as a system event."""
        await self._answer(query["id"])
        user, msg = query["from"], query.get("message") or {}
        chat_id = (msg.get("chat") or {}).get("id", user["id"])
        replied = [message_key(self.bot_id, chat_id, msg["message_id"])] if msg.get("message_id") else []
        item = IncomingItem(
            channel=CHANNEL,
            natural_key=update_key(self.bot_id, update_id),
            sender_address=str(chat_id),
            sender_name=full_name(user),
            text=f"Button pressed: {query.get('data') or query.get('game_short_name') or ''}".strip(),
            direction=Direction.SYSTEM,
            account_id=self.account_id,
            dedupe_key=f"{self.bot_id}:callback:{query['id']}",
            reply_to_ids=replied,
            created_at=datetime.now(UTC),
            raw=raw_bytes(update),
        )
        return Converted(update_id, item=item)

    async def _answer(self, query_id: str) -> None:
        from telegram.error import BadRequest, NetworkError

        try:
            await self.bot.answer_callback_query(query_id)
        except (BadRequest, NetworkError) as exc:  # too old, already answered, or offline: the press is kept
            log.info("callback query %s not answered: %s", query_id, exc)

    def _member(self, update_id: int, update: dict, change: dict) -> Converted:
        old = (change.get("old_chat_member") or {}).get("status", "")
        new = (change.get("new_chat_member") or {}).get("status", "")
        msg = {"chat": change["chat"], "from": change.get("from") or {}}
        item = IncomingItem(
            channel=CHANNEL,
            natural_key=update_key(self.bot_id, update_id),
            sender_address=str(change["chat"]["id"]),
            sender_name=full_name(msg["from"] if change["chat"].get("type") == "private" else change["chat"]),
            text=member_change_text(old, new),
            direction=Direction.SYSTEM,
            account_id=self.account_id,
            created_at=_when(change.get("date")),
            raw=raw_bytes(update),
        )
        return Converted(update_id, item=item)

    def _unreadable(self, update_id: int, update: dict, exc: Exception) -> IncomingItem:
        """Bad input is kept raw with a note, never dropped, never a crash loop."""
        body = next((update[k] for k in ("message", "edited_message") if isinstance(update.get(k), dict)), {})
        chat = body.get("chat") if isinstance(body.get("chat"), dict) else {}
        return IncomingItem(
            channel=CHANNEL,
            natural_key=update_key(self.bot_id, update_id),
            sender_address=str(chat.get("id", "unknown")),
            sender_name=full_name(chat) or "Telegram",
            text=UNREADABLE,
            account_id=self.account_id,
            raw=raw_bytes(update),
            parse_note=f"This Telegram update could not be read ({exc!r}); its original is kept.",
        )


def full_name(who: dict) -> str:
    if who.get("title"):
        return str(who["title"])
    return " ".join(p for p in (who.get("first_name"), who.get("last_name")) if p) or who.get("username", "")


def raw_bytes(update: dict) -> bytes:
    return json.dumps(update, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _when(timestamp) -> datetime:
    return datetime.fromtimestamp(int(timestamp), UTC) if timestamp else datetime.now(UTC)


def _displays(msg: dict) -> dict[str, str]:
    chat, user = msg["chat"], msg.get("from") or {}
    if chat.get("type") != "private":
        return {}
    shown = display_of(user)
    return {str(chat["id"]): shown} if shown else {}


def _content_keys(msg: dict) -> list[str]:
    envelope = {"message_id", "from", "chat", "date", "edit_date", "sender_chat", "reply_to_message"}
    return sorted(k for k in msg if k not in envelope) or ["(none)"]


def media_of(msg: dict) -> list[FileRef]:
    """The files worth keeping: the largest photo, the document, voice, audio, video, sticker thumbnail."""
    mid = msg.get("message_id", 0)
    if msg.get("photo"):
        largest = max(
            msg["photo"], key=lambda p: (p.get("width", 0) * p.get("height", 0), p.get("file_size", 0))
        )
        return [FileRef(largest, f"photo_{mid}", "image/jpeg")]
    if msg.get("document"):
        doc = msg["document"]
        return [FileRef(doc, doc.get("file_name") or f"document_{mid}", doc.get("mime_type") or "")]
    for kind, default_mime in (("voice", "audio/ogg"), ("audio", ""), ("video", "video/mp4")):
        if msg.get(kind):
            obj = msg[kind]
            return [
                FileRef(obj, obj.get("file_name") or f"{kind}_{mid}", obj.get("mime_type") or default_mime)
            ]
    if msg.get("video_note"):
        return [FileRef(msg["video_note"], f"video_note_{mid}.mp4", "video/mp4")]
    if msg.get("sticker"):
        thumb = msg["sticker"].get("thumbnail")
        return [FileRef(thumb, f"sticker_{mid}", "")] if thumb else []
    return []
