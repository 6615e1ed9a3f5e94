"""Business hours and auto-replies: a first-message acknowledgement and an out-of-hours message, never a loop.

An auto-reply goes out through the outbox like any reply, marked as ShopDesk's own (``AUTO_AUTHOR``). It is
never sent to an automatic message (auto-replies, bulk and list mail: ``Message.automatic``), to a no-reply
or mailer-daemon address, to mail older than an hour (an initial import), or twice to a conversation
within ``once_per_hours``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from shopdesk.core.canned import render, variables_for
from shopdesk.core.db import read_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.models import Contact, ContactIdentity, Conversation, Direction, Message, utcnow
from shopdesk.core.setting_groups import load_group, save_group
from shopdesk.core.text import looks_turkish

Publish = Callable[[object], None]
SETTINGS_KEY = "automation"
AUTO_AUTHOR = "ShopDesk"
FRESH = timedelta(hours=1)  # older mail is history arriving (an import, a long sync), not a customer waiting
NO_REPLY = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounce[s]?)([+.\-@]|$)", re.IGNORECASE
)
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class AutomationSettings:
    # opening hours per weekday ("09:00", "18:00"); a day that is missing is closed
    hours: dict[str, list[str]] = field(
        default_factory=lambda: {day: ["09:00", "18:00"] for day in WEEK[:5]} | {"sat": ["10:00", "14:00"]}
    )
    holidays: list[str] = field(default_factory=list)  # ISO dates the shop is closed
    away: bool = False  # the owner's "away" switch: closed whatever the hours say
    acknowledge: dict[str, bool] = field(
        default_factory=lambda: {"email": False, "telegram": False, "webchat": False}
    )
    out_of_hours: dict[str, bool] = field(
        default_factory=lambda: {"email": True, "telegram": True, "webchat": False}
    )
    once_per_hours: int = 12
    acknowledge_tr: str = "Merhaba {{contact.first_name}}, mesajınızı aldık; en kısa sürede yanıtlayacağız."
    acknowledge_en: str = "Hi {{contact.first_name}}, we got your message and will answer soon."
    away_tr: str = (
        "Merhaba {{contact.first_name}}, şu an kapalıyız. Mesajınızı aldık; açılır açılmaz yanıtlayacağız."
        " — {{shop.name}}"
    )
    away_en: str = (
        "Hi {{contact.first_name}}, we are closed right now. We got your message and will answer as soon"
        " as we open. — {{shop.name}}"
    )


def load_automation_settings(session: Session) -> AutomationSettings:
    return load_group(session, SETTINGS_KEY, AutomationSettings)


def save_automation_settings(engine: Engine, settings: AutomationSettings) -> None:
    from shopdesk.core.db import write_session

    for day, span in settings.hours.items():
        if day not in WEEK or len(span) != 2:
            raise ValueError(f"opening hours for {day!r} must be two times, like ['09:00', '18:00']")
        time.fromisoformat(span[0]), time.fromisoformat(span[1])
    with write_session(engine) as session:
        save_group(session, SETTINGS_KEY, settings)


def is_open(settings: AutomationSettings, when: datetime, tz: tzinfo) -> bool:
    """Whether the shop is open at ``when`` (aware) in its time zone ``tz``."""
    local = when.astimezone(tz)
    if settings.away or local.date().isoformat() in settings.holidays:
        return False
    now = local.time().replace(tzinfo=None)
    today = _span(settings, local.weekday())
    if today is not None and (today[0] <= now < today[1] if today[0] < today[1] else now >= today[0]):
        return True
    # the small hours belong to the night before, when its hours run past midnight ("20:00"–"02:00")
    yesterday = _span(settings, (local.weekday() - 1) % 7)
    return yesterday is not None and yesterday[0] > yesterday[1] and now < yesterday[1]


def business_hours(settings: AutomationSettings) -> dict[int, tuple[time, time]]:
    """The week's opening hours by weekday (0 = Monday), as the reports count business time."""
    return {n: span for n in range(7) if (span := _span(settings, n)) is not None}


def holidays(settings: AutomationSettings) -> frozenset[date]:
    """The dates the shop is closed, as the reports leave them out of business time."""
    days = set()
    for text in settings.holidays:
        try:
            days.add(date.fromisoformat(text))
        except (TypeError, ValueError):  # written by hand: skipped, as is_open never matches it either
            continue
    return frozenset(days)


def presence(settings: AutomationSettings, when: datetime, tz: tzinfo) -> str:
    """What the web chat widget shows: "online" while the shop is open, else "away"."""
    return "online" if is_open(settings, when, tz) else "away"


def _span(settings: AutomationSettings, weekday: int) -> tuple[time, time] | None:
    span = settings.hours.get(WEEK[weekday])
    return (time.fromisoformat(span[0]), time.fromisoformat(span[1])) if span else None


def reply_for(
    session: Session,
    event: MessageIngested,
    settings: AutomationSettings,
    *,
    tz: tzinfo,
    shop_name: str = "",
    now: datetime | None = None,
) -> str | None:
    """The auto-reply to send for a just-stored message, or None (the rules of the module docstring)."""
    now = now or utcnow()
    message = session.get(Message, event.message_id)
    if message is None or message.direction != Direction.INCOMING or message.automatic:
        return None
    if now - message.created_at > FRESH:
        return None
    closed = not is_open(settings, now, tz)
    wanted = settings.out_of_hours if closed else settings.acknowledge
    if not wanted.get(event.channel, False) or (not closed and not event.new_conversation):
        return None
    if _no_reply_address(session, event) or _recently_auto_replied(
        session, event.conversation_id, settings, now
    ):
        return None
    contact = session.get(Contact, event.contact_id)
    conv = session.get(Conversation, event.conversation_id)
    # a mail's body may still be on its way (read after the headers): its subject tells the language too
    turkish = looks_turkish(f"{message.text or ''} {conv.subject if conv else ''}")
    if closed:
        body = settings.away_tr if turkish else settings.away_en
    else:
        body = settings.acknowledge_tr if turkish else settings.acknowledge_en
    values = variables_for(
        contact_name=(contact.name if contact else "") or "",
        shop_name=shop_name,
        agent_name=shop_name,
        conversation_id=event.conversation_id,
    )
    return fill_for_customer(body, values)


def fill_for_customer(body: str, values: dict[str, str]) -> str:
    """The canned-reply variables filled; unlike the owner's composer, where a variable without a value
    stays visible to be filled, nobody reads this before it goes: one without a value is left out."""
    rendered = render(body, values)
    text = rendered.text
    for name in rendered.missing:
        text = text.replace("{{" + name + "}}", "")
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)  # "Merhaba , " -> "Merhaba, "
    text = re.sub(r"\s*—\s*$", "", text)  # a signature dash with nothing after it
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _no_reply_address(session: Session, event: MessageIngested) -> bool:
    addresses = session.exec(
        select(ContactIdentity.address).where(
            ContactIdentity.contact_id == event.contact_id, ContactIdentity.channel == event.channel
        )
    ).all()
    return any(NO_REPLY.match(a) for a in addresses if a)


def _recently_auto_replied(session: Session, conversation_id: int, settings: AutomationSettings, now) -> bool:
    since = now - timedelta(hours=settings.once_per_hours)
    found = session.exec(
        select(Message.id).where(
            Message.conversation_id == conversation_id,
            Message.direction == Direction.OUTGOING,
            Message.author == AUTO_AUTHOR,
            Message.created_at >= since,
        )
    ).first()
    return found is not None


def auto_reply(
    engine: Engine, publish: Publish, event: MessageIngested, *, tz: tzinfo, shop_name: str = ""
) -> int | None:
    """Bus handler: queue the auto-reply the rules call for; the outbox item's id, or None."""
    from shopdesk.core.outbox import queue_reply

    with read_session(engine) as session:
        settings = load_automation_settings(session)
        text = reply_for(session, event, settings, tz=tz, shop_name=shop_name)
        conv = session.get(Conversation, event.conversation_id)
    if text is None or conv is None:
        return None
    return queue_reply(
        engine, publish, conversation_id=conv.id, text=text, author=AUTO_AUTHOR, automatic=True
    )


def local_zone() -> tzinfo:
    """The owner's time zone (the computer's)."""
    return datetime.now().astimezone().tzinfo


def closed_days(settings: AutomationSettings, start: date, days: int) -> list[date]:
    """The days in ``start``… that the shop is closed all day (for showing the week's plan)."""
    out = []
    for n in range(days):
        day = start + timedelta(days=n)
        if (
            settings.away
            or day.isoformat() in settings.holidays
            or not settings.hours.get(WEEK[day.weekday()])
        ):
            out.append(day)
    return out
