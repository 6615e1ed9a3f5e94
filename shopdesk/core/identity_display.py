"""How a contact's channel address is shown (a Telegram @username and language beside the chat id)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ContactChanged
from shopdesk.core.models import ContactIdentity

Publish = Callable[[object], None]


def update_displays(engine: Engine, publish: Publish, *, channel: str, displays: Mapping[str, str]) -> int:
    """Set ``display`` of the identities ``address -> display`` on ``channel`` where it differs.

    Reads first and writes only what changed, so calling it for every batch of messages costs one short read.
    Returns how many identities changed.
    """
    if not displays:
        return 0
    with read_session(engine) as session:
        rows = session.exec(
            select(ContactIdentity.address, ContactIdentity.display).where(
                ContactIdentity.channel == channel, ContactIdentity.address.in_(list(displays))
            )
        ).all()
    stale = {address for address, display in rows if displays[address] and displays[address] != display}
    if not stale:
        return 0
    with write_session(engine) as session:
        identities = session.exec(
            select(ContactIdentity).where(
                ContactIdentity.channel == channel, ContactIdentity.address.in_(stale)
            )
        ).all()
        for identity in identities:
            identity.display = displays[identity.address]
            session.add(identity)
        contacts = {identity.contact_id for identity in identities}
    for contact_id in contacts:
        publish(ContactChanged(contact_id))
    return len(identities)
