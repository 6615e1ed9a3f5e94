"""The relay's own tables (own metadata, so they never mix with the desktop's schema)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, LargeBinary, UniqueConstraint
from sqlalchemy import Text as SAText
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class RelayModel(SQLModel, registry=registry()):
    """Base of the relay's tables; ``RelayModel.metadata`` creates them."""


class RelaySite(RelayModel, table=True):
    __tablename__ = "relay_site"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    name: str = ""
    secret: str  # signs visitor tokens; generated once, kept here so every worker shares it
    presence: str = "online"  # what the owner chose: online | away
    prechat: str = "optional"
    created_at: datetime = Field(default_factory=utcnow)


class RelayVisitor(RelayModel, table=True):
    """One browser (a signed token in its localStorage) on the shop's site."""

    __tablename__ = "relay_visitor"
    id: str = Field(primary_key=True)
    site_id: int = Field(foreign_key="relay_site.id", index=True)
    name: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""
    device: str = ""
    current_url: str = ""
    current_title: str = ""
    owner_seen_id: int = 0  # the last visitor message the owner has seen
    visitor_seen_id: int = 0  # the last owner message the visitor has seen
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    handover_at: datetime | None = None  # asked for a person: the FAQ bot keeps out for a while


class RelayMessage(RelayModel, table=True):
    """The conversation as the widget shows it (kept after the desktop acknowledged its event)."""

    __tablename__ = "relay_message"
    __table_args__ = (
        UniqueConstraint("visitor_id", "client_id"),
        Index("ix_relay_message_visitor", "visitor_id", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    visitor_id: str = Field(foreign_key="relay_visitor.id")
    author: str  # visitor | owner | bot (the FAQ bot, answering while the owner may be away)
    text: str = Field(default="", sa_column=Column(SAText, nullable=False, default=""))
    file_id: str | None = None
    client_id: str  # the sender's idempotency key: a resent message is stored once
    created_at: datetime = Field(default_factory=utcnow)
    # Buttons under the message: JSON rows of {"label", "data"}; ``card`` says how the widget draws them
    # ("rating": a satisfaction question's scores, with a comment box). ``chosen`` is the visitor's tap.
    buttons_json: str = Field(default="", sa_column=Column(SAText, nullable=False, server_default=""))
    card: str = Field(default="", sa_column_kwargs={"server_default": ""})
    chosen: str = Field(default="", sa_column_kwargs={"server_default": ""})


class RelayFile(RelayModel, table=True):
    __tablename__ = "relay_file"
    id: str = Field(primary_key=True)
    visitor_id: str = Field(foreign_key="relay_visitor.id", index=True)
    name: str = ""
    mime_type: str = "application/octet-stream"
    size: int = 0
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class RelayEvent(RelayModel, table=True):
    """Something for the desktop, numbered by ``seq`` and kept until the desktop acknowledged it."""

    __tablename__ = "relay_event"
    # AUTOINCREMENT: SQLite must never reuse a seq after the acknowledged rows were deleted.
    __table_args__ = ({"sqlite_autoincrement": True},)
    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True)
    site_id: int = Field(foreign_key="relay_site.id")
    visitor_id: str | None = None
    kind: str
    payload_json: str = Field(default="{}", sa_column=Column(SAText, nullable=False, default="{}"))
    created_at: datetime = Field(default_factory=utcnow)


class RelaySetting(RelayModel, table=True):
    """What the desktop told the relay to do on its own (the FAQ set, invitation rules), as JSON."""

    __tablename__ = "relay_setting"
    site_id: int = Field(foreign_key="relay_site.id", primary_key=True)
    key: str = Field(primary_key=True)
    value_json: str = Field(default="{}", sa_column=Column(SAText, nullable=False, default="{}"))
    updated_at: datetime = Field(default_factory=utcnow)
