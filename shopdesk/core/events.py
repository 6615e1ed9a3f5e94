"""Events that core publishes on the bus after a commit; the GUI re-emits them as Qt signals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageIngested:
    conversation_id: int
    message_id: int
    contact_id: int
    channel: str
    new_conversation: bool


@dataclass(frozen=True)
class ConversationChanged:
    conversation_id: int


@dataclass(frozen=True)
class ContactChanged:
    contact_id: int


@dataclass(frozen=True)
class OutboxChanged:
    item_id: int
    conversation_id: int
    state: str
    error: str = ""


@dataclass(frozen=True)
class ChannelStatus:
    """A channel's state for the status bar: connected, offline, auth_failed, syncing, disabled."""

    channel: str
    account_id: int | None
    state: str
    detail: str = ""


@dataclass(frozen=True)
class CannedChanged:
    pass


@dataclass(frozen=True)
class HandoverRequested:
    """A customer asked for a person (the bot's button or the words): the owner is told."""

    conversation_id: int
    contact_name: str
    channel: str
