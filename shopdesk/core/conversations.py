"""The owner's actions on a conversation: status, snooze, labels, read/unread, notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.core import jobs, surveys
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged
from shopdesk.core.models import (
    Conversation,
    ConversationLabel,
    ConversationStatus,
    Direction,
    Label,
    Message,
    utcnow,
)

Publish = Callable[[object], None]
WAKE_JOB = "conversation.wake"


def _change(engine: Engine, publish: Publish, conversation_id: int, apply) -> None:
    with write_session(engine) as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None:
            raise LookupError(f"conversation {conversation_id} does not exist")
        apply(session, conv)
        session.add(conv)
    publish(ConversationChanged(conversation_id))


def set_status(engine: Engine, publish: Publish, *, conversation_id: int, status: str) -> None:
    """Resolve, reopen or mark pending; leaving "snoozed" cancels the wake-up."""
    status = ConversationStatus(status)

    def apply(session, conv):
        conv.status = status
        conv.snoozed_until = None
        conv.resolved_at = utcnow() if status == ConversationStatus.RESOLVED else None
        jobs.cancel(session, key=f"wake:{conv.id}")
        surveys.after_status_change(session, conv)  # ask how it went, or cancel the question

    _change(engine, publish, conversation_id, apply)


def snooze(engine: Engine, publish: Publish, *, conversation_id: int, until: datetime) -> None:
    """Hide the conversation until ``until``; a persisted job wakes it (or a new message does)."""
    until = until.astimezone(UTC)

    def apply(session, conv):
        conv.status = ConversationStatus.SNOOZED
        conv.snoozed_until = until
        jobs.schedule(
            session, kind=WAKE_JOB, run_at=until, payload={"conversation_id": conv.id}, key=f"wake:{conv.id}"
        )

    _change(engine, publish, conversation_id, apply)


def wake(engine: Engine, publish: Publish, *, conversation_id: int) -> None:
    """The snooze job's handler: reopen if it is still snoozed and its time has come."""

    def apply(session, conv):
        if conv.status == ConversationStatus.SNOOZED:
            conv.status = ConversationStatus.OPEN
            conv.snoozed_until = None

    _change(engine, publish, conversation_id, apply)


def mark_read(engine: Engine, publish: Publish, *, conversation_id: int, read: bool = True) -> None:
    def apply(session, conv):
        conv.unread_count = 0 if read else max(conv.unread_count, 1)

    _change(engine, publish, conversation_id, apply)


def set_labels(engine: Engine, publish: Publish, *, conversation_id: int, names: list[str]) -> None:
    """Replace the conversation's labels, creating labels that do not exist yet."""
    wanted = sorted({n.strip() for n in names if n.strip()})

    def apply(session, conv):
        for link in session.exec(
            select(ConversationLabel).where(ConversationLabel.conversation_id == conv.id)
        ):
            session.delete(link)
        session.flush()
        for name in wanted:
            label = session.exec(select(Label).where(Label.name == name)).first()
            if label is None:
                label = Label(name=name)
                session.add(label)
                session.flush()
            session.add(ConversationLabel(conversation_id=conv.id, label_id=label.id))

    _change(engine, publish, conversation_id, apply)


def add_note(engine: Engine, publish: Publish, *, conversation_id: int, text: str, author: str) -> int:
    """A private note: stored with the conversation, never sent to the customer."""
    result = {}

    def apply(session, conv):
        note = Message(
            conversation_id=conv.id, channel=conv.channel, direction=Direction.NOTE, author=author, text=text
        )
        session.add(note)
        session.flush()
        result["id"] = note.id

    _change(engine, publish, conversation_id, apply)
    return result["id"]
