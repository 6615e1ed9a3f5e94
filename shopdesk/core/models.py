"""The inbox's tables (SQLModel). Times are timezone-aware UTC; enums are stored as plain strings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Column, Index, UniqueConstraint
from sqlalchemy import Text as SAText
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, in UTC, as every table stores it."""
    return datetime.now(UTC)


class Channel(StrEnum):
    EMAIL = "email"
    TELEGRAM = "telegram"
    WEBCHAT = "webchat"


class ConversationStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"
    RESOLVED = "resolved"


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    NOTE = "note"
    SYSTEM = "system"
    BOT = "bot"


class SendState(StrEnum):
    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


class Contact(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    email: str | None = None
    phone: str | None = None
    notes: str = Field(default="", sa_column=Column(SAText, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow)


class ContactIdentity(SQLModel, table=True):
    """One address of a contact on one channel (email address, Telegram chat id, visitor id)."""

    __table_args__ = (UniqueConstraint("channel", "address"),)
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    channel: str
    address: str
    display: str = ""


class ChannelAccount(SQLModel, table=True):
    """A configured channel (mailbox, bot, relay). Secrets live in the OS keyring, not here."""

    id: int | None = Field(default=None, primary_key=True)
    channel: str
    name: str
    settings_json: str = "{}"
    enabled: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Conversation(SQLModel, table=True):
    __table_args__ = (
        Index("ix_conversation_status_last", "status", "last_message_at"),
        Index("ix_conversation_last", "last_message_at"),
        Index("ix_conversation_contact", "contact_id", "channel"),
    )
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id")
    channel: str
    account_id: int | None = Field(default=None, foreign_key="channelaccount.id")
    status: str = ConversationStatus.OPEN
    snoozed_until: datetime | None = None
    subject: str = ""
    preview: str = ""
    unread_count: int = 0
    last_message_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: datetime | None = None


class Message(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("channel", "natural_key"),
        Index("ix_message_conversation", "conversation_id", "created_at"),
        Index("ix_message_dedupe", "channel", "dedupe_key"),
        Index("ix_message_external", "channel", "external_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    channel: str
    direction: str
    author: str = ""
    text: str = Field(default="", sa_column=Column(SAText, nullable=False, default=""))
    html: str | None = Field(default=None, sa_column=Column(SAText, nullable=True))
    raw_ref: str | None = None
    natural_key: str | None = None
    dedupe_key: str | None = None
    external_id: str | None = None
    parse_note: str | None = None
    send_state: str | None = None
    edited: bool = False
    # an auto-reply, bulk or list mail (Auto-Submitted, Precedence, List-Id …): never answered automatically
    automatic: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    created_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None


class Attachment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    sha256: str
    filename: str
    mime_type: str = "application/octet-stream"
    size: int = 0
    content_id: str | None = None


class Label(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    color: str = "#6b7280"


class ConversationLabel(SQLModel, table=True):
    conversation_id: int = Field(foreign_key="conversation.id", primary_key=True)
    label_id: int = Field(foreign_key="label.id", primary_key=True, index=True)


class CannedReply(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    shortcut: str = Field(unique=True)
    language: str = ""
    body: str = Field(sa_column=Column(SAText, nullable=False))
    attachments_json: str = "[]"
    is_faq: bool = False
    questions: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class Draft(SQLModel, table=True):
    """What the owner is typing in a conversation's composer, kept across restarts."""

    conversation_id: int = Field(foreign_key="conversation.id", primary_key=True)
    body: str = Field(default="", sa_column=Column(SAText, nullable=False, default=""))
    updated_at: datetime = Field(default_factory=utcnow)


class OutboxItem(SQLModel, table=True):
    __table_args__ = (Index("ix_outbox_state_due", "state", "next_attempt_at"),)
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", unique=True)
    conversation_id: int = Field(foreign_key="conversation.id")
    channel: str
    state: str = SendState.QUEUED
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow)
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class SyncCursor(SQLModel, table=True):
    """Where a channel's receiving stopped (IMAP folder UIDs, Telegram offset, relay seq)."""

    __table_args__ = (UniqueConstraint("account_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="channelaccount.id")
    key: str
    value: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class ScheduledJob(SQLModel, table=True):
    __table_args__ = (Index("ix_job_state_due", "state", "run_at"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    run_at: datetime
    payload_json: str = "{}"
    key: str | None = Field(default=None, unique=True)
    state: str = "pending"
    attempts: int = 0
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value_json: str = "null"


class WebVisitor(SQLModel, table=True):
    """One browser on the shop's site as the relay reported it (``visitor_id`` is the relay's id)."""

    __table_args__ = (
        UniqueConstraint("account_id", "visitor_id"),
        Index("ix_webvisitor_last_seen", "last_seen_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="channelaccount.id")
    visitor_id: str
    name: str = ""
    email: str = ""
    phone: str = ""
    current_url: str = ""
    current_title: str = ""
    landing_url: str = ""
    referrer: str = ""
    search_terms: str = ""
    campaign: str = ""
    source: str = ""
    language: str = ""
    device: str = ""
    city: str = ""
    pages_json: str = Field(default="[]", sa_column=Column(SAText, nullable=False, default="[]"))
    cart_json: str = Field(default="", sa_column=Column(SAText, nullable=False, default=""))
    cart_value: float | None = None
    cart_currency: str = ""
    online: bool = False
    visitor_seen_id: int = 0  # the last relay message of ours the visitor has seen
    visit_started_at: datetime = Field(default_factory=utcnow)
    first_seen_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    last_seq: int = 0  # relay events up to here are applied (a replay after a crash changes nothing)

    @property
    def pages(self) -> list[dict]:
        """Pages seen this visit, oldest first: {url, title, at (ISO time)}."""
        return json.loads(self.pages_json or "[]")

    @property
    def cart(self) -> dict | None:
        return json.loads(self.cart_json) if self.cart_json else None

    @property
    def time_on_site(self) -> timedelta:
        return max(self.last_seen_at - self.visit_started_at, timedelta(0))


class Survey(SQLModel, table=True):
    """A satisfaction follow-up of one resolved conversation: scheduled, sent, answered (or cancelled).

    ``token`` names it in rating links and buttons; ``score`` is 1–5 (CSAT) or 0–10 (NPS).
    """

    __table_args__ = (
        Index("ix_survey_contact_sent", "contact_id", "sent_at"),
        Index("ix_survey_state_answered", "state", "answered_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    contact_id: int = Field(foreign_key="contact.id")
    channel: str
    scale: str = "csat"  # csat (1-5) | nps (0-10)
    state: str = "scheduled"  # scheduled | sent | answered | cancelled
    token: str = Field(unique=True)
    message_id: int | None = Field(default=None, foreign_key="message.id")  # the question, once queued
    language: str = "en"
    scheduled_for: datetime
    sent_at: datetime | None = None
    expires_at: datetime | None = None
    answered_at: datetime | None = None
    score: int | None = None
    comment: str = ""
    cancel_reason: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class AbandonedCart(SQLModel, table=True):
    """A web visitor's cart from its first item to an order, a follow-up or a skip (one row per such cart).

    ``state``: open (watched; ``due_at`` while a follow-up is scheduled, ``reason`` says why not) | ordered
    | followed_up | recovered (an order after the follow-up) | skipped (``reason``). ``contact_id`` has no
    foreign key on purpose: a cart row must never stop a merge of contacts from deleting the other one.
    """

    __table_args__ = (
        Index("ix_abandonedcart_visitor", "account_id", "visitor_id", "id"),
        Index("ix_abandonedcart_qualified", "qualified_at"),
        Index("ix_abandonedcart_updated", "updated_at"),
        Index("ix_abandonedcart_conversation", "conversation_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int
    visitor_id: str
    state: str = "open"
    reason: str = ""
    items_json: str = Field(default="[]", sa_column=Column(SAText, nullable=False, default="[]"))
    value: float = 0.0
    currency: str = ""
    url: str = ""
    token: str = Field(unique=True)  # names the cart in a one-click opt-out link
    last_seq: int = 0  # relay events up to here are applied
    started_at: datetime
    updated_at: datetime
    qualified_at: datetime | None = None  # first seen with items and a value over the minimum
    due_at: datetime | None = None
    order_completed_at: datetime | None = None
    followed_up_at: datetime | None = None
    channel: str = ""
    contact_id: int | None = None
    conversation_id: int | None = Field(default=None, foreign_key="conversation.id")
    message_id: int | None = Field(default=None, foreign_key="message.id")
    language: str = ""
    recovered_at: datetime | None = None
    recovered_value: float | None = None
    recovered_currency: str = ""
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def items(self) -> list[dict]:
        return json.loads(self.items_json or "[]")


class CartOptOut(SQLModel, table=True):
    """An address (email, Telegram chat, web visitor) whose owner wants no cart reminders.

    Kept per address as well as per contact, so that the wish survives merging and splitting contacts.
    """

    __table_args__ = (UniqueConstraint("channel", "address"), Index("ix_cartoptout_contact", "contact_id"))
    id: int | None = Field(default=None, primary_key=True)
    channel: str
    address: str
    contact_id: int | None = None
    source: str = ""  # reply | link | owner
    created_at: datetime = Field(default_factory=utcnow)


class InvitationEvent(SQLModel, table=True):
    """What a proactive invitation rule did for one web visitor: shown, a chat started, an order after.

    One row per (rule, visitor, kind), so a replayed batch or a second order counts once. ``rule_id`` is
    the rule's own id (rules live in the settings); a deleted rule's rows stay, and are not shown.
    """

    __table_args__ = (
        UniqueConstraint("rule_id", "account_id", "visitor_id", "kind"),
        Index("ix_invitationevent_visitor", "account_id", "visitor_id"),
        Index("ix_invitationevent_kind_last", "kind", "last_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    rule_id: str
    account_id: int
    visitor_id: str
    kind: str  # shown | chat | order
    at: datetime  # the first time
    last_at: datetime  # the latest time (an invitation shown again after a day)
