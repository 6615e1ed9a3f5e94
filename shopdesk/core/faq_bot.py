"""The FAQ bot on the desktop's side, and the hand-over to the owner.

FAQ canned replies (``CannedReply.is_faq``, their example questions one per line) answer a customer's
question on Telegram (and on email, when the owner turns it on) through the outbox, marked as ShopDesk's
own; web chat is answered by the relay, which has the same FAQ set (``relay_config``), so visitors get
answers while the laptop is closed. Under every answer there is a "talk to a person" button; the button
or the words ("temsilci", "insan", "agent" …) hand the conversation over: it is open again, at the top,
unread, and the owner is notified (``HandoverRequested``).

The bot stays quiet in a conversation that was handed over, or that the owner answered in the last
``OWNER_ACTIVE``; it never answers automatic mail. A conversation the bot answered is "pending": it waits
for the customer, not for the owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.db import read_session, write_session
from shopdesk.core.events import CannedChanged, ConversationChanged, HandoverRequested, MessageIngested
from shopdesk.core.faq import DEFAULT_THRESHOLD, FaqEntry, FaqMatcher, wants_person
from shopdesk.core.models import (
    CannedReply,
    Contact,
    Conversation,
    ConversationStatus,
    Direction,
    Message,
    utcnow,
)
from shopdesk.core.setting_groups import load_group, save_group
from shopdesk.core.text import looks_turkish

Publish = Callable[[object], None]
SETTINGS_KEY = "faq_bot"
BOT_AUTHOR = "ShopDesk bot"
HANDOVER = "handover"  # the data of the "talk to a person" button
PRESSED_HANDOVER = f"Button pressed: {HANDOVER}"
OWNER_ACTIVE = timedelta(minutes=30)
HANDED_OVER = timedelta(hours=24)  # the bot keeps out of a conversation handed over this recently
FRESH = timedelta(hours=1)  # an older message is history arriving (an import), not a customer waiting


@dataclass
class FaqSettings:
    channels: dict[str, bool] = field(
        default_factory=lambda: {"telegram": True, "webchat": True, "email": False}
    )
    threshold: float = DEFAULT_THRESHOLD
    person_tr: str = "Bir temsilciyle görüşmek istiyorum"
    person_en: str = "Talk to a person"
    handover_tr: str = "Tamam, sizi ekibimize aktarıyorum; en kısa sürede buradan yanıt vereceğiz."
    handover_en: str = "Sure, I'm passing you to our team; we'll answer you here as soon as we can."


def load_faq_settings(session: Session) -> FaqSettings:
    return load_group(session, SETTINGS_KEY, FaqSettings)


def save_faq_settings(engine: Engine, publish: Publish, settings: FaqSettings) -> None:
    """Keep the bot's settings; the relay gets them with the FAQ set (CannedChanged)."""
    if not 0 < settings.threshold <= 1:
        raise ValueError("the FAQ threshold is a share between 0 and 1, like 0.55")
    with write_session(engine) as session:
        save_group(session, SETTINGS_KEY, settings)
    publish(CannedChanged())


def questions_of(reply: CannedReply) -> tuple[str, ...]:
    """A FAQ's example questions: one per line, and its title."""
    lines = [line.strip() for line in (reply.questions or "").splitlines()]
    return tuple(dict.fromkeys(q for q in [*lines, reply.title.strip()] if q))


def faq_entries(session: Session) -> list[FaqEntry]:
    rows = session.exec(select(CannedReply).where(CannedReply.is_faq).order_by(CannedReply.id))
    return [FaqEntry(r.id, r.body, questions_of(r), r.language) for r in rows if questions_of(r)]


_cache: tuple[tuple, FaqMatcher] | None = None


def matcher(session: Session) -> FaqMatcher:
    """The matcher of the FAQ set as stored now (built again only after a FAQ changed)."""
    global _cache
    version = tuple(
        session.exec(
            select(func.count(), func.max(CannedReply.updated_at), func.sum(CannedReply.id)).where(
                CannedReply.is_faq
            )
        ).one()
    )
    if _cache is None or _cache[0] != version:
        _cache = (version, FaqMatcher(faq_entries(session)))
    return _cache[1]


def filled(answer: str, *, contact_name: str = "", shop_name: str = "", conversation_id: int = 0) -> str:
    """A FAQ answer as the customer reads it: the canned-reply variables filled, those unknown left out."""
    from shopdesk.core.automation import fill_for_customer
    from shopdesk.core.canned import variables_for

    values = variables_for(
        contact_name=contact_name, shop_name=shop_name, agent_name=shop_name, conversation_id=conversation_id
    )
    return fill_for_customer(answer, values)


def relay_config(session: Session, *, shop_name: str = "") -> dict:
    """What the relay needs to answer web-chat visitors itself (``PUT /api/desk/automation``'s faq)."""
    settings = load_faq_settings(session)
    return {
        "enabled": bool(settings.channels.get("webchat")),
        "threshold": settings.threshold,
        "entries": [
            {
                "id": e.id,
                "answer": filled(e.answer, shop_name=shop_name),  # the relay does not know the customer
                "questions": list(e.questions),
                "language": e.language,
            }
            for e in faq_entries(session)
        ],
        "person": {"tr": settings.person_tr, "en": settings.person_en},
        "handover": {"tr": settings.handover_tr, "en": settings.handover_en},
    }


# The bus handler


def on_message(
    engine: Engine, publish: Publish, event: MessageIngested, *, shop_name: str = ""
) -> str | None:
    """A stored message may ask for a person (hand-over) or be a question the bot knows.

    Returns what happened: "handover", "answered" or None. Runs on the channel's thread after the commit.
    """
    now = utcnow()
    with read_session(engine) as session:
        message = session.get(Message, event.message_id)
        if message is None or now - message.created_at > FRESH:
            return None
        if message.direction == Direction.SYSTEM and message.text == PRESSED_HANDOVER:
            return _hand_over(engine, publish, event, reply=event.channel != "webchat")
        if message.direction == Direction.OUTGOING and message.author == BOT_AUTHOR:
            if not _quiet(session, event.conversation_id, now):  # the relay answered a web visitor
                _set_pending(engine, publish, event.conversation_id)
            return None  # (its "passing you to our team" after a hand-over leaves it open)
        if message.direction != Direction.INCOMING or message.automatic:
            return None
        text = message.text or ""
        settings = load_faq_settings(session)
        if event.channel == "webchat":  # the relay's bot saw it first and did what was needed
            return (
                "handover" if wants_person(text) and _hand_over(engine, publish, event, reply=False) else None
            )
        if wants_person(text):
            return _hand_over(engine, publish, event, reply=_bot_spoke(session, event.conversation_id, now))
        if not settings.channels.get(event.channel) or _quiet(session, event.conversation_id, now):
            return None
        language = "tr" if looks_turkish(text) else "en"  # the answer in the customer's language first
        found = matcher(session).match(text, settings.threshold, language)
        contact = session.get(Contact, event.contact_id)
    if found is None:
        return None
    answer = filled(
        found.answer,
        contact_name=contact.name if contact else "",
        shop_name=shop_name,
        conversation_id=event.conversation_id,
    )
    from shopdesk.core.outbox import queue_reply

    queue_reply(
        engine,
        publish,
        conversation_id=event.conversation_id,
        text=answer,
        author=BOT_AUTHOR,
        automatic=True,
    )
    _set_pending(engine, publish, event.conversation_id)
    return "answered"


def buttons_of(message: Message, settings: FaqSettings) -> tuple[tuple[tuple[str, str], ...], ...]:
    """The "talk to a person" button under the bot's answer (the outbox puts it there)."""
    if (
        message.author != BOT_AUTHOR
        or message.direction != Direction.OUTGOING
        or _is_handover(message, settings)
    ):
        return ()
    label = settings.person_tr if looks_turkish(message.text or "") else settings.person_en
    return (((label, HANDOVER),),)


def _is_handover(message: Message, settings: FaqSettings) -> bool:
    return message.text in (settings.handover_tr, settings.handover_en)


def _quiet(session: Session, conversation_id: int, now: datetime) -> bool:
    """The owner is talking here, or the customer asked for a person not long ago."""
    handed_over = session.exec(
        select(Message.id).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.SYSTEM,
            Message.text == PRESSED_HANDOVER,
            Message.created_at >= now - HANDED_OVER,
        )
    ).first()
    owner = session.exec(
        select(Message.id).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTGOING,
            Message.automatic.is_(False),
            Message.created_at >= now - OWNER_ACTIVE,
        )
    ).first()
    return handed_over is not None or owner is not None


def _bot_spoke(session: Session, conversation_id: int, now: datetime) -> bool:
    """Whether the bot answered here lately (then it also says it is passing the customer on)."""
    found = session.exec(
        select(Message.id).where(
            Message.conversation_id == conversation_id,
            Message.author == BOT_AUTHOR,
            Message.created_at >= now - HANDED_OVER,
        )
    ).first()
    return found is not None


def _hand_over(engine: Engine, publish: Publish, event: MessageIngested, *, reply: bool) -> str:
    with write_session(engine) as session:
        conv = session.get(Conversation, event.conversation_id)
        conv.status, conv.snoozed_until, conv.resolved_at = ConversationStatus.OPEN, None, None
        conv.unread_count = max(conv.unread_count, 1)
        conv.last_message_at = utcnow()  # at the top of the list
        session.add(conv)
        settings = load_faq_settings(session)
        contact = session.get(Contact, conv.contact_id)
        name = contact.name if contact else ""
        language_tr = _customer_is_looks_turkish(session, conv.id)
    if reply:
        from shopdesk.core.outbox import queue_reply

        text = settings.handover_tr if language_tr else settings.handover_en
        queue_reply(
            engine,
            publish,
            conversation_id=event.conversation_id,
            text=text,
            author=BOT_AUTHOR,
            automatic=True,
        )
        with write_session(engine) as session:  # the reply must not mark it read or pending
            conv = session.get(Conversation, event.conversation_id)
            conv.unread_count, conv.status = max(conv.unread_count, 1), ConversationStatus.OPEN
            session.add(conv)
    publish(ConversationChanged(event.conversation_id))
    publish(HandoverRequested(event.conversation_id, name or "", event.channel))
    return "handover"


def _customer_is_looks_turkish(session: Session, conversation_id: int) -> bool:
    texts = session.exec(
        select(Message.text)
        .where(Message.conversation_id == conversation_id, Message.direction == Direction.INCOMING)
        .order_by(Message.id.desc())
        .limit(3)
    ).all()
    return any(looks_turkish(t or "") for t in texts)


def _set_pending(engine: Engine, publish: Publish, conversation_id: int) -> None:
    with write_session(engine) as session:
        conv = session.get(Conversation, conversation_id)
        if conv is None or conv.status != ConversationStatus.OPEN:
            return
        conv.status = ConversationStatus.PENDING
        session.add(conv)
    publish(ConversationChanged(conversation_id))
