"""The contract between channels and core: incoming and outgoing items, and the Channel protocol."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class IncomingAttachment:
    filename: str
    mime_type: str
    data: bytes
    content_id: str | None = None


@dataclass
class IncomingItem:
    """One thing that arrived on a channel, as the channel hands it to ``core.ingest``.

    ``natural_key`` is the source's own unique id (IMAP folder/uidvalidity/uid, Telegram update_id,
    relay event id); ``dedupe_key`` is a second key that survives cursor resets (Message-ID + hash).
    ``sender_address``/``sender_name`` always name the customer (for an outgoing item, the recipient);
    ``author`` is who wrote it when that is someone else (the owner, for mail sent from another client).
    ``automatic`` marks auto-replies and bulk mail (Auto-Submitted, Precedence, List-Id …).
    """

    channel: str
    natural_key: str
    sender_address: str
    sender_name: str = ""
    text: str = ""
    html: str | None = None
    subject: str = ""
    direction: str = "incoming"
    author: str = ""
    automatic: bool = False
    account_id: int | None = None
    dedupe_key: str | None = None
    external_id: str | None = None
    reply_to_ids: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    raw: bytes | None = None
    parse_note: str | None = None
    attachments: list[IncomingAttachment] = field(default_factory=list)


@dataclass(frozen=True)
class OutgoingItem:
    """A reply for a channel to deliver; ``external_id`` is fixed before the first try."""

    outbox_id: int
    message_id: int
    conversation_id: int
    channel: str
    account_id: int | None
    to_address: str
    text: str
    subject: str = ""
    external_id: str | None = None
    reply_to_ids: tuple[str, ...] = ()
    attachments: tuple[tuple[str, str, str], ...] = ()  # (sha256, filename, mime type)
    # rows of (label, data) buttons under the message, where the channel has them (a survey's scores)
    buttons: tuple[tuple[tuple[str, str], ...], ...] = ()
    automatic: bool = False  # ShopDesk's own (an auto-reply, a survey question), not the owner's words


class SendError(Exception):
    """A failed send. ``kind`` is 'retry' (safe to try again), 'fatal' or 'unknown' (may be delivered)."""

    def __init__(self, message: str, *, kind: str = "retry") -> None:
        super().__init__(message)
        self.kind = kind


@runtime_checkable
class Channel(Protocol):
    """What every channel module provides to the runtime."""

    name: str

    async def start(self) -> None:
        """Begin receiving (connect, poll, IDLE); report status on the bus."""

    async def stop(self) -> None:
        """Stop receiving and close connections."""

    async def send(self, item: OutgoingItem) -> str | None:
        """Deliver ``item``; return the channel's id for it, or raise SendError."""
