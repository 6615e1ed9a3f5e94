"""Opt-outs of cart follow-ups: a "stop" reply to one, or a one-click link; always honoured.

Kept per address (email, Telegram chat, web visitor) and per contact, so that the wish survives merging
contacts and reaches an address the customer uses later.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import and_, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import ContactChanged, ConversationChanged, MessageIngested
from shopdesk.core.ingest import normalise_address
from shopdesk.core.models import AbandonedCart, CartOptOut, Contact, ContactIdentity, Direction, Message
from shopdesk.core.text import fold

Publish = Callable[[object], None]
_STOP = re.compile(r"\b(stop|dur|istemiyorum|unsubscribe|abonelikten cik\w*)\b")
_STOP_MAX_WORDS = 6
OPTED_OUT_NOTE = "The customer opted out of cart reminders."


def asks_to_stop(text: str) -> bool:
    """A short reply that says stop ("STOP", "Dur", "istemiyorum", "abonelikten çık", "unsubscribe")."""
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line.startswith(">"):  # blank, or the quoted history of an email reply
            continue
        folded = fold(line)
        return len(folded.split()) <= _STOP_MAX_WORDS and bool(_STOP.search(folded))
    return False


def opt_out_from_message(engine: Engine, publish: Publish, event: MessageIngested) -> bool:
    """Bus handler: a customer's "stop" in reply to a cart follow-up opts them out (True: it did, and the
    message needs no auto-reply). Runs for every stored message, so it only reads until it finds one."""
    with read_session(engine) as session:
        message = session.get(Message, event.message_id)
        if message is None or message.direction != Direction.INCOMING or not asks_to_stop(message.text):
            return False
        cart = session.exec(
            select(AbandonedCart)
            .where(
                AbandonedCart.conversation_id == event.conversation_id,
                AbandonedCart.followed_up_at <= message.created_at,
            )
            .order_by(AbandonedCart.id.desc())
        ).first()
        if cart is None:
            return False
    with write_session(engine) as session:
        extra = {("webchat", cart.visitor_id)}
        new = _record_opt_out(session, contact_id=event.contact_id, source="reply", extra=extra)
        if new:
            note = Message(
                conversation_id=event.conversation_id,
                channel=event.channel,
                direction=Direction.SYSTEM,
                text=OPTED_OUT_NOTE,
            )
            session.add(note)
    if new:
        publish(ConversationChanged(event.conversation_id))
        publish(ContactChanged(event.contact_id))
    return True


def opt_out(engine: Engine, *, contact_id: int, source: str = "link", publish: Publish | None = None) -> bool:
    """No more cart follow-ups for this contact, on any of their addresses; False if already so."""
    with write_session(engine) as session:
        if session.get(Contact, contact_id) is None:
            raise LookupError(f"contact {contact_id} does not exist")
        new = _record_opt_out(session, contact_id=contact_id, source=source)
    if new and publish is not None:
        publish(ContactChanged(contact_id))
    return new


def opt_out_by_token(engine: Engine, *, token: str, publish: Publish | None = None) -> bool:
    """The one-click link of a follow-up (it names the cart, not the customer); LookupError if unknown."""
    with write_session(engine) as session:
        found = opt_out_in(session, token=token)
    if found is None:
        raise LookupError("no follow-up has this link")
    contact_id, new = found
    if new and publish is not None:
        publish(ContactChanged(contact_id))
    return new


def opt_out_in(session: Session, *, token: str) -> tuple[int, bool] | None:
    """``opt_out_by_token`` in the caller's transaction (a relay batch): the contact and whether the wish
    is new, or None for an unknown link."""
    cart = session.exec(select(AbandonedCart).where(AbandonedCart.token == token)).first()
    if cart is None or cart.contact_id is None:
        return None
    extra = {("webchat", cart.visitor_id)}
    return cart.contact_id, _record_opt_out(session, contact_id=cart.contact_id, source="link", extra=extra)


def is_opted_out(session: Session, *, contact_id: int) -> bool:
    return opted_out(session, contacts={contact_id}, addresses=set())


def _record_opt_out(session: Session, *, contact_id: int, source: str, extra=frozenset()) -> bool:
    """Every address of the contact (and ``extra``) marked; whether the contact was not opted out before."""
    before = opted_out(session, contacts={contact_id}, addresses=set(extra))
    pairs = set(
        session.exec(
            select(ContactIdentity.channel, ContactIdentity.address).where(
                ContactIdentity.contact_id == contact_id
            )
        ).all()
    )
    contact = session.get(Contact, contact_id)
    if contact is not None and contact.email:
        pairs.add(("email", normalise_address("email", contact.email)))
    pairs |= {("contact", str(contact_id)), *extra}
    known = set(session.exec(select(CartOptOut.channel, CartOptOut.address).where(_any_pair(pairs))).all())
    for channel, address in pairs - known:
        session.add(CartOptOut(channel=channel, address=address, contact_id=contact_id, source=source))
    return not before


def opted_out(session: Session, *, contacts: set[int], addresses: set[tuple[str, str]]) -> bool:
    """Whether any of these contacts, their addresses or ``addresses`` asked for no cart reminders."""
    identities = session.exec(
        select(ContactIdentity.channel, ContactIdentity.address).where(
            ContactIdentity.contact_id.in_(contacts)
        )
    ).all()
    pairs = {*addresses, *identities, *(("contact", str(c)) for c in contacts)}
    if not pairs:
        return False
    found = select(CartOptOut.id).where(or_(_any_pair(pairs), CartOptOut.contact_id.in_(contacts)))
    return session.exec(found).first() is not None


def _any_pair(pairs: set[tuple[str, str]]):
    return or_(*(and_(CartOptOut.channel == c, CartOptOut.address == a) for c, a in pairs))
