"""Contacts: edit the customer's details, merge two contacts into one (their conversations follow)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text as sql
from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.core.db import write_session
from shopdesk.core.events import ContactChanged, ConversationChanged
from shopdesk.core.models import Contact, ContactIdentity, Conversation

Publish = Callable[[object], None]
EDITABLE = ("name", "email", "phone", "notes")


def update_contact(engine: Engine, publish: Publish, *, contact_id: int, **fields: str | None) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    with write_session(engine) as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise LookupError(f"contact {contact_id} does not exist")
        for name, value in fields.items():
            setattr(contact, name, (value or "").strip() if name in ("name", "notes") else (value or None))
        session.add(contact)
    publish(ContactChanged(contact_id))


# Other tables that name a contact, moved with its conversations when two contacts are merged.
CONTACT_ROWS = ("survey", "abandonedcart", "cartoptout")


def merge_contacts(engine: Engine, publish: Publish, *, keep_id: int, other_id: int) -> None:
    """Move ``other``'s identities and conversations to ``keep`` and remove ``other``."""
    if keep_id == other_id:
        raise ValueError("a contact cannot be merged with itself")
    with write_session(engine) as session:
        keep, other = session.get(Contact, keep_id), session.get(Contact, other_id)
        if keep is None or other is None:
            raise LookupError("both contacts must exist to merge them")
        for identity in session.exec(select(ContactIdentity).where(ContactIdentity.contact_id == other_id)):
            identity.contact_id = keep_id
            session.add(identity)
        moved = list(session.exec(select(Conversation).where(Conversation.contact_id == other_id)))
        for conv in moved:
            conv.contact_id = keep_id
            session.add(conv)
        for table in CONTACT_ROWS:  # satisfaction answers, carts, opt-outs: the customer's history too
            session.connection().execute(
                sql(f"UPDATE {table} SET contact_id = :keep WHERE contact_id = :other"),
                {"keep": keep_id, "other": other_id},
            )
        keep.email = keep.email or other.email
        keep.phone = keep.phone or other.phone
        if not keep.name or keep.name == keep.email:
            keep.name = other.name or keep.name
        keep.notes = "\n".join(n for n in (keep.notes, other.notes) if n)
        keep.created_at = min(keep.created_at, other.created_at)  # a customer since the earlier of the two
        session.add(keep)
        session.flush()
        session.delete(other)
    publish(ContactChanged(keep_id))
    for conv in moved:
        publish(ConversationChanged(conv.id))
