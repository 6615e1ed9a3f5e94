"""Abandoned carts: a web visitor's cart left without an order gets one follow-up, by email or Telegram.

The web chat sink applies the relay's cart and order events inside the transaction that stores them
(``apply_events``): a cart with items worth at least the minimum (re)schedules its follow-up, one job keyed
by the cart, for ``delay_hours`` after its last change; an empty cart or an order cancels it. The
persistent scheduler runs ``follow_up``, which checks everything again and queues the message in the same
write transaction that marks the cart followed up, so it goes out once however often the job runs. An
order after the follow-up marks the cart recovered. No follow-up ever goes to a customer who opted out.

Beside it: cart_texts.py (the message), cart_optouts.py (STOP replies, links), cart_stats.py (the numbers).
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from shopdesk.channels.base import IncomingItem
from shopdesk.core import jobs
from shopdesk.core.automation import AUTO_AUTHOR
from shopdesk.core.cart_optouts import opted_out
from shopdesk.core.cart_texts import follow_up_text, number, sample_cart
from shopdesk.core.db import write_session
from shopdesk.core.events import ConversationChanged, OutboxChanged
from shopdesk.core.ingest import normalise_address, resolve_contact
from shopdesk.core.models import (
    AbandonedCart,
    ChannelAccount,
    Contact,
    ContactIdentity,
    Conversation,
    ConversationStatus,
    SendState,
    WebVisitor,
    utcnow,
)
from shopdesk.core.outbox import queue_in
from shopdesk.core.setting_groups import load_group, save_group

log = logging.getLogger(__name__)
Publish = Callable[[object], None]
FOLLOW_UP_JOB = "cart.follow_up"
SETTINGS_KEY = "carts"
CHANNELS = ("email", "telegram")
ORDER_EVENTS = frozenset({"order_completed", "purchase"})
MAX_DELAY_HOURS = 24
MAX_AGE = timedelta(hours=24)  # a follow-up that could not go out within a day of the cart is skipped
LATE_GRACE = timedelta(hours=1)  # ... but a 24-hour delay still gets its hour to go out
RECOVERY_WINDOW = timedelta(days=7)  # an order this long after the follow-up still counts as recovered
CATCH_UP = timedelta(minutes=10)  # a follow-up found overdue at start waits for the web chat's catch-up


@dataclass(frozen=True)
class CartChanged:
    """A cart was updated, followed up, skipped or recovered (for the carts window)."""

    cart_id: int


@dataclass
class CartSettings:
    """The owner's choices for cart follow-ups.

    Off until the owner turns it on: a reminder about a cart is a commercial electronic message, which
    KVKK and Turkey's e-commerce law (6563, the İYS consent register), like GDPR and ePrivacy, allow only
    with the customer's consent. ShopDesk cannot know whether the shop's site asks for it, so the owner
    decides. Every reminder ends with the opt-out line, and a reply such as STOP is honoured.
    """

    enabled: bool = False
    min_value: float = 100.0
    delay_hours: int = 3
    channels: dict[str, bool] = field(default_factory=lambda: {"email": True, "telegram": True})
    cart_url: str = ""  # the shop's cart page; else the page the visitor was on
    subject_tr: str = "Sepetinizdeki ürünler sizi bekliyor"
    subject_en: str = "You left something in your cart"
    template_tr: str = (
        "Merhaba {{name}},\n\nSepetinizde bıraktığınız ürünler hâlâ sizi bekliyor:\n{{items}}\n"
        "Toplam: {{total}}\n\nKaldığınız yerden devam etmek için: {{cart_link}}\n\n"
        "Bir sorunuz varsa bu mesajı yanıtlamanız yeterli.\n{{shop_name}}"
    )
    template_en: str = (
        "Hi {{name}},\n\nThe things you left in your cart are still waiting for you:\n{{items}}\n"
        "Total: {{total}}\n\nPick up where you left off: {{cart_link}}\n\n"
        "Any questions? Just reply to this message.\n{{shop_name}}"
    )
    opt_out_tr: str = "Bu hatırlatmaları almak istemiyorsanız DUR yazarak yanıtlayın."
    opt_out_en: str = "Don't want these reminders? Reply STOP."


def load_cart_settings(session: Session) -> CartSettings:
    try:
        return clamped(load_group(session, SETTINGS_KEY, CartSettings))
    except (TypeError, ValueError, AttributeError):  # values never written so by ShopDesk: the safe defaults
        log.warning("the stored cart follow-up settings are unreadable; follow-ups stay off")
        return CartSettings()


def clamped(settings: CartSettings) -> CartSettings:
    """The settings within their bounds: a delay of 1–24 hours, no negative minimum, every text set."""
    defaults = CartSettings()
    texts = ("subject_tr", "subject_en", "template_tr", "template_en", "opt_out_tr", "opt_out_en")
    return replace(
        settings,
        min_value=max(float(settings.min_value or 0), 0.0),
        delay_hours=min(max(int(settings.delay_hours or 1), 1), MAX_DELAY_HOURS),
        channels={name: bool(settings.channels.get(name, False)) for name in CHANNELS},
        cart_url=(settings.cart_url or "").strip(),
        **{name: (getattr(settings, name) or "").strip() or getattr(defaults, name) for name in texts},
    )


def save_cart_settings(
    engine: Engine, settings: CartSettings, *, now: datetime | None = None
) -> CartSettings:
    """Store the settings and apply them to the carts still waiting (their follow-ups move or stop)."""
    settings, now = clamped(settings), now or utcnow()
    with write_session(engine) as session:
        save_group(session, SETTINGS_KEY, settings)
        recent = now - MAX_AGE - timedelta(hours=MAX_DELAY_HOURS)
        waiting = select(AbandonedCart).where(
            AbandonedCart.state == "open", AbandonedCart.updated_at >= recent
        )
        for cart in session.exec(waiting).all():
            _reconsider(session, cart, settings, now)
    return settings


def templates(settings: CartSettings, language: str) -> tuple[str, str, str]:
    """The (subject, template, opt-out line) for a customer of ``language``."""
    if language == "tr":
        return settings.subject_tr, settings.template_tr, settings.opt_out_tr
    return settings.subject_en, settings.template_en, settings.opt_out_en


def preview(settings: CartSettings, *, language: str, shop_name: str) -> str:
    """The follow-up of a made-up cart, for the settings page."""
    _subject, template, opt_out = templates(settings, language)
    link = settings.cart_url or "https://shop.example/cart"
    return follow_up_text(
        template, opt_out, language=language, link=link, shop_name=shop_name, **sample_cart(language)
    )


# Relay events (inside the web chat sink's transaction)


def apply_events(
    session: Session, account_id: int, events: list[dict], *, now: datetime | None = None
) -> list[int]:
    """Carts updated from a seq-ordered batch of relay events; follow-ups scheduled, moved or cancelled;
    orders recorded. Returns the ids of the carts that changed (publish ``CartChanged`` after the commit).

    A replayed event changes nothing: each cart remembers the last seq it applied. A cart event this code
    cannot read is logged and left out, in a savepoint: it never stops the batch's messages from being
    stored (the web chat would otherwise fetch the same batch again and again).
    """
    ours = {e["visitor_id"] for e in events if e.get("visitor_id") and (e["kind"] == "cart" or _is_order(e))}
    if not ours:
        return []  # most batches: page views, messages, typing
    try:
        with session.begin_nested():
            return _apply_events(session, account_id, events, ours, now or utcnow())
    except (ValueError, TypeError, KeyError, AttributeError):
        log.exception("web chat: the carts of a relay batch could not be applied")
        return []


def _apply_events(session: Session, account_id: int, events: list[dict], ours: set[str], now) -> list[int]:
    """``apply_events`` for the visitors ``ours``, without its guard; the batch is read and written a few
    statements at a time, not per event (a catch-up after a day away brings thousands)."""
    settings = load_cart_settings(session)
    latest, pages = _latest_carts(session, account_id, ours), _current_urls(session, account_id, ours)
    touched: dict[int, AbandonedCart] = {}  # by object: new carts have no id yet
    for event in events:
        visitor_id, data = event.get("visitor_id"), event.get("data") or {}
        if visitor_id not in ours:
            continue
        if event["kind"] == "page_view":
            pages[visitor_id] = str(data.get("url") or "")
            continue
        cart = latest.get(visitor_id)
        if (event["kind"] != "cart" and not _is_order(event)) or (cart and event["seq"] <= cart.last_seq):
            continue
        at = _when(event.get("at"))
        if event["kind"] == "cart":
            cart = _on_cart(cart, account_id, visitor_id, data, at, pages.get(visitor_id, ""))
        else:
            cart = _on_order(cart, data.get("data") or {}, at)
        if cart is not None:
            cart.last_seq, latest[visitor_id] = event["seq"], cart
            touched[id(cart)] = cart
    session.add_all(touched.values())
    session.flush()  # new carts get their ids, which name their jobs
    for cart in touched.values():
        if cart.state == "open":
            _reconsider(session, cart, settings, now)
        elif cart.state == "ordered":
            _unschedule(session, cart)
    return [cart.id for cart in touched.values()]


def _latest_carts(session: Session, account_id: int, visitor_ids: set[str]) -> dict[str, AbandonedCart]:
    """Each visitor's latest cart (the one a new snapshot may continue)."""
    newest = (
        select(AbandonedCart.visitor_id, func.max(AbandonedCart.id).label("id"))
        .where(AbandonedCart.account_id == account_id, AbandonedCart.visitor_id.in_(visitor_ids))
        .group_by(AbandonedCart.visitor_id)
        .subquery()
    )
    rows = session.exec(select(AbandonedCart).join(newest, newest.c.id == AbandonedCart.id))
    return {cart.visitor_id: cart for cart in rows}


def _current_urls(session: Session, account_id: int, visitor_ids: set[str]) -> dict[str, str]:
    """The page each visitor was on, as stored before this batch (a cart's link, when the shop set none)."""
    rows = session.exec(
        select(WebVisitor.visitor_id, WebVisitor.current_url).where(
            WebVisitor.account_id == account_id, WebVisitor.visitor_id.in_(visitor_ids)
        )
    )
    return {visitor_id: url for visitor_id, url in rows if url}


def _is_order(event: dict) -> bool:
    return event["kind"] == "track" and (event.get("data") or {}).get("name") in ORDER_EVENTS


def _when(value: str | None) -> datetime:
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return utcnow()
    return when.replace(tzinfo=UTC) if when.utcoffset() is None else when.astimezone(UTC)


def _continues(cart: AbandonedCart, at: datetime) -> bool:
    """Whether a new snapshot belongs to this cart (else it starts another one)."""
    if cart.state == "open":
        return at - cart.updated_at <= RECOVERY_WINDOW
    return cart.state == "followed_up" and at - cart.followed_up_at <= RECOVERY_WINDOW


def _on_cart(cart, account_id, visitor_id, data, at, url) -> AbandonedCart | None:
    items = [i for i in data.get("items") or [] if isinstance(i, dict)]
    if cart is None or not _continues(cart, at):
        if not items:
            return None
        cart = AbandonedCart(
            account_id=account_id,
            visitor_id=visitor_id,
            token=secrets.token_urlsafe(12),
            started_at=at,
            updated_at=at,
        )
    elif cart.state == "followed_up" and not items:  # one follow-up per cart: later changes only
        return cart  # update what it shows, and an emptied cart shows what was followed up
    _snapshot(cart, items, data, at, url)
    return cart


def _snapshot(cart: AbandonedCart, items: list[dict], data: dict, at: datetime, url: str) -> None:
    cart.items_json = json.dumps(items, ensure_ascii=False)
    priced = sum((number(i.get("price")) or 0) * (number(i.get("quantity", 1)) or 0) for i in items)
    cart.value = number(data.get("value")) or round(priced, 2)  # a shop that sent no total
    cart.currency = str(data.get("currency") or "")
    cart.url = url or cart.url
    cart.updated_at = max(cart.updated_at, at)


def _on_order(cart: AbandonedCart | None, data: dict, at: datetime) -> AbandonedCart | None:
    if cart is None:
        return None
    if cart.state == "open":
        cart.state, cart.reason, cart.order_completed_at = (
            "ordered",
            "",
            at,
        )  # its job: cancelled by the caller
    elif cart.state == "followed_up" and at - cart.followed_up_at <= RECOVERY_WINDOW:
        cart.order_completed_at = at
        if at < cart.followed_up_at:  # ordered before the reminder went out; the order reached us late
            cart.state = "ordered"
            return cart
        value = number(data.get("value"))
        cart.state, cart.recovered_at = "recovered", at
        cart.recovered_value = cart.value if value is None else value
        cart.recovered_currency = str(data.get("currency") or "") or cart.currency
    elif cart.state == "skipped" and cart.order_completed_at is None:
        cart.order_completed_at = at
    else:
        return None
    return cart


def _reconsider(session: Session, cart: AbandonedCart, settings: CartSettings, now: datetime) -> None:
    """Schedule (or move) the open cart's follow-up, or cancel it and say why."""
    if cart.state != "open":
        return
    if cart.items and cart.value >= settings.min_value and cart.qualified_at is None:
        cart.qualified_at = cart.updated_at  # from now on it counts as a cart in the figures
    cart.reason = _not_now(cart, settings, now)
    if cart.reason:
        _unschedule(session, cart)
    else:
        cart.due_at = cart.updated_at + timedelta(hours=settings.delay_hours)
        payload = {"cart_id": cart.id}
        jobs.schedule(session, kind=FOLLOW_UP_JOB, run_at=cart.due_at, payload=payload, key=_key(cart.id))
    session.add(cart)


def _not_now(cart: AbandonedCart, settings: CartSettings, now: datetime) -> str:
    """Why the cart gets no follow-up now ("" when it may)."""
    if not cart.items:
        return "empty"
    if cart.value < settings.min_value:
        return "below_threshold"
    if not settings.enabled or not any(settings.channels.values()):
        return "off"
    deadline = cart.updated_at + max(MAX_AGE, timedelta(hours=settings.delay_hours) + LATE_GRACE)
    return "too_old" if now > deadline else ""


def _unschedule(session: Session, cart: AbandonedCart) -> None:
    jobs.cancel(session, key=_key(cart.id))
    cart.due_at = None


def _key(cart_id: int) -> str:
    return f"cart:{cart_id}"


# The follow-up (the scheduler's job)


@dataclass
class _Recipient:
    channel: str
    name: str
    language: str
    email: str = ""
    contact_id: int | None = None
    account_id: int | None = None
    conversation: Conversation | None = None


def follow_up(
    engine: Engine,
    publish: Publish,
    *,
    cart_id: int,
    shop_name: str,
    now: datetime | None = None,
    stop_link: Callable[[str, str], str] | None = None,
) -> int | None:
    """The scheduler's job: the cart's one follow-up, or the reason it gets none; the outbox item's id.

    ``stop_link(cart token, language)`` (the shop's relay is public) gives an email a one-click way to stop
    the reminders, besides the reply that always works.

    Every rule is checked again, and the message is queued in the transaction that marks the cart
    followed up: a second run, or a run after a crash, finds it done (or nothing done) and sends it once.
    """
    now = now or utcnow()
    queued = None
    with write_session(engine) as session:
        cart = session.get(AbandonedCart, cart_id)
        if (
            cart is None
            or cart.state != "open"
            or cart.due_at is None
            or cart.due_at > now + timedelta(seconds=1)
        ):
            return None  # ordered, emptied, sent already, or moved by a newer cart
        settings = load_cart_settings(session)
        reason = _not_now(cart, settings, now)
        if not reason and now - cart.due_at > CATCH_UP and cart.reason != "catching_up":
            _wait_for_web_chat(session, cart, now)
            return None
        found = reason or _recipient(session, cart, settings)
        if isinstance(found, str):
            cart.state, cart.reason, cart.due_at = "skipped", found, None
            session.add(cart)
        else:
            link = stop_link(cart.token, found.language) if stop_link and found.channel == "email" else ""
            queued = _queue(session, cart, found, settings, shop_name, now, stop_url=link)
    publish(CartChanged(cart_id))
    if queued is None:
        return None
    item_id, conversation_id = queued
    publish(OutboxChanged(item_id, conversation_id, SendState.QUEUED))
    publish(ConversationChanged(conversation_id))
    return item_id


def _wait_for_web_chat(session: Session, cart: AbandonedCart, now: datetime) -> None:
    """The app was closed at the due time: an order placed meanwhile may still be on the relay, so the
    follow-up waits until the web chat has caught up."""
    cart.due_at, cart.reason = now + CATCH_UP, "catching_up"
    jobs.schedule(
        session, kind=FOLLOW_UP_JOB, run_at=cart.due_at, payload={"cart_id": cart.id}, key=_key(cart.id)
    )
    session.add(cart)


def _recipient(session: Session, cart: AbandonedCart, settings: CartSettings) -> _Recipient | str:
    """Where the follow-up goes: the visitor's email, else a Telegram chat of the same contact; or why
    it goes nowhere (no_contact, opted_out, no_email_account)."""
    visitor = session.exec(
        select(WebVisitor).where(
            WebVisitor.account_id == cart.account_id, WebVisitor.visitor_id == cart.visitor_id
        )
    ).first()
    web_contact = _contact_of(session, "webchat", cart.visitor_id)
    contact = session.get(Contact, web_contact) if web_contact else None
    email = normalise_address(
        "email", (visitor.email if visitor else "") or (contact and contact.email) or ""
    )
    email = email if "@" in email else ""
    email_contact = _contact_of(session, "email", email) if email else None
    contacts = {c for c in (web_contact, email_contact) if c}
    addresses = {("webchat", cart.visitor_id), *([("email", email)] if email else [])}
    if opted_out(session, contacts=contacts, addresses=addresses):
        return "opted_out"
    name = (visitor.name if visitor else "") or (contact.name if contact else "")
    name = "" if name == cart.visitor_id else name  # a contact named after the visitor id has no name
    language = _language(visitor)
    if email and settings.channels.get("email"):
        account_id = _email_account(session, email_contact)
        if account_id is not None:
            return _Recipient("email", name, language, email, email_contact, account_id)
    telegram = _telegram_conversation(session, contacts) if settings.channels.get("telegram") else None
    if telegram is not None:
        return _Recipient("telegram", name, language, contact_id=telegram.contact_id, conversation=telegram)
    return "no_email_account" if email and settings.channels.get("email") else "no_contact"


def _contact_of(session: Session, channel: str, address: str) -> int | None:
    return session.exec(
        select(ContactIdentity.contact_id).where(
            ContactIdentity.channel == channel, ContactIdentity.address == address
        )
    ).first()


def _language(visitor: WebVisitor | None) -> str:
    """The browser's language: Turkish for "tr…", English for any other."""
    language = (visitor.language if visitor else "").strip().lower()
    return "tr" if language.startswith("tr") else "en"


def _email_account(session: Session, contact_id: int | None) -> int | None:
    """The mailbox that wrote to this customer last, else the first one set up."""
    if contact_id is not None:
        used = session.exec(
            select(Conversation.account_id)
            .join(ChannelAccount, ChannelAccount.id == Conversation.account_id)
            .where(
                Conversation.contact_id == contact_id, Conversation.channel == "email", ChannelAccount.enabled
            )
            .order_by(Conversation.last_message_at.desc())
        ).first()
        if used is not None:
            return used
    return session.exec(
        select(ChannelAccount.id)
        .where(ChannelAccount.channel == "email", ChannelAccount.enabled)
        .order_by(ChannelAccount.id)
    ).first()


def _telegram_conversation(session: Session, contacts: set[int]) -> Conversation | None:
    if not contacts:
        return None
    return session.exec(
        select(Conversation)
        .where(Conversation.contact_id.in_(contacts), Conversation.channel == "telegram")
        .order_by(Conversation.last_message_at.desc())
    ).first()


def _queue(session, cart, recipient: _Recipient, settings, shop_name, now, stop_url="") -> tuple[int, int]:
    """The follow-up stored as ShopDesk's own outgoing message and queued; the cart marked followed up."""
    subject, template, opt_out = templates(settings, recipient.language)
    if stop_url:
        opt_out = f"{opt_out}\n{stop_url}"
    text = follow_up_text(
        template,
        opt_out,
        language=recipient.language,
        name=recipient.name,
        items=cart.items,
        value=cart.value,
        currency=cart.currency,
        link=settings.cart_url or cart.url,
        shop_name=shop_name,
    )
    conv = recipient.conversation or _new_email_conversation(session, recipient, subject)
    item, message = queue_in(session, conv, text=text, author=AUTO_AUTHOR, automatic=True, now=now)
    cart.state, cart.reason, cart.due_at, cart.followed_up_at = "followed_up", "", None, now
    cart.channel, cart.contact_id, cart.language = conv.channel, conv.contact_id, recipient.language
    cart.conversation_id, cart.message_id = conv.id, message.id
    session.add(cart)
    return item.id, conv.id


def _new_email_conversation(session: Session, recipient: _Recipient, subject: str) -> Conversation:
    """A mail that starts a conversation (outbox replies only continue one): the address's contact,
    made if it is new. A typed address is never attached to the visitor's contact: anyone can type any
    address into a form, and the owner merges contacts who really are one person."""
    contact_id = recipient.contact_id or resolve_contact(
        session,
        IncomingItem(
            channel="email", natural_key="", sender_address=recipient.email, sender_name=recipient.name
        ),
    )
    conv = Conversation(
        contact_id=contact_id,
        channel="email",
        account_id=recipient.account_id,
        status=ConversationStatus.PENDING,  # waiting for the customer, not for the owner
        subject=subject,
    )
    session.add(conv)
    session.flush()
    return conv
