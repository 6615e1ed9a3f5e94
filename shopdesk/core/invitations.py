"""Proactive invitations: the owner's rules for a message the web chat widget shows on its own, and their
figures.

The rules are a list in the settings (``load_rules`` / ``save_rules``), in the owner's order; the relay
gets the enabled ones (``relay_rules``) with the FAQ set whenever ``CannedChanged`` is published, and the
widget evaluates them: the first rule whose conditions all hold is shown, at most once per visitor per
24 hours, never during a chat, and only while the shop shows online unless the rule says ``when_away``.

What the rules did comes back as relay events, applied by the web chat sink inside its transaction
(``apply_events``): an invitation shown, a visitor's message that answers one (a chat started), and an
order within ``ATTRIBUTION`` of the last invitation the visitor was shown. Each counts once per rule and
visitor (``InvitationEvent``'s unique key), so a replayed batch or a second order changes nothing.
"""

from __future__ import annotations

import json
import logging
import math
import re
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta

from sqlalchemy import and_
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from shopdesk.core.carts import ORDER_EVENTS, _when
from shopdesk.core.db import write_session
from shopdesk.core.events import CannedChanged
from shopdesk.core.models import InvitationEvent, Setting

log = logging.getLogger(__name__)
Publish = Callable[[object], None]
SETTINGS_KEY = "invitations"
RULE_ID = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_RULES = 50  # the relay gets them all in one request, and the widget tries each on every page
MAX_NAME, MAX_URL, MAX_TEXT, MAX_MESSAGE = 100, 500, 200, 500
MAX_SECONDS = 3600
ATTRIBUTION = timedelta(days=7)  # an order this long after an invitation was shown counts for its rule
SHOWN, CHAT, ORDER = "shown", "chat", "order"
SHOWN_EVENT = "invitation_shown"


@dataclass
class Rule:
    """One invitation rule, as the relay and the widget get it (``asdict`` is the relay's JSON)."""

    id: str
    name: str = ""
    enabled: bool = True
    url: str = ""  # a pattern matched against the whole page address, "*" = any text; "" = every page
    seconds_on_page: int = 0
    min_cart_value: float = 0  # 0 = no condition
    returning: bool | None = None  # None = anyone, True = returning visitors only, False = first visits
    referrer: str = ""  # text the referrer's address must contain ("google"); "" = any
    keyword: str = ""  # text the search keywords must contain, compared folded; "" = any
    message_tr: str = ""
    message_en: str = ""
    when_away: bool = False  # also while the shop shows away


def new_rule_id(taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh id for a new rule ("r_" and six hex digits), not one of ``taken``."""
    while True:
        rule_id = f"r_{secrets.token_hex(3)}"
        if rule_id not in taken:
            return rule_id


def checked(rule: Rule) -> Rule:
    """The rule with its texts trimmed; a ValueError names the rule and the field that is wrong."""
    named = isinstance(rule.name, str) and rule.name.strip()
    label = f"Rule {rule.name.strip()!r} (id {rule.id!r})" if named else f"Rule with id {rule.id!r}"
    if not isinstance(rule.id, str) or not RULE_ID.match(rule.id):
        raise ValueError(f"{label}: id must be 1–40 of a–z, 0–9, '_' or '-'")
    texts = {
        "name": MAX_NAME,
        "url": MAX_URL,
        "referrer": MAX_TEXT,
        "keyword": MAX_TEXT,
        "message_tr": MAX_MESSAGE,
        "message_en": MAX_MESSAGE,
    }
    trimmed = {name: _text(label, name, getattr(rule, name), most) for name, most in texts.items()}
    if not trimmed["name"]:
        raise ValueError(f"{label}: name is empty; give the rule a name")
    if not trimmed["message_tr"] and not trimmed["message_en"]:
        raise ValueError(f"{label}: message_tr and message_en are both empty; write at least one")
    if any(ch.isspace() for ch in trimmed["url"]):
        raise ValueError(f"{label}: url must not contain spaces")
    for name in ("enabled", "when_away"):
        if not isinstance(getattr(rule, name), bool):
            raise ValueError(f"{label}: {name} must be true or false")
    if rule.returning is not None and not isinstance(rule.returning, bool):
        raise ValueError(f"{label}: returning must be null, true or false")
    seconds = rule.seconds_on_page
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= MAX_SECONDS:
        raise ValueError(f"{label}: seconds_on_page must be a whole number from 0 to {MAX_SECONDS}")
    value = rule.min_cart_value
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{label}: min_cart_value must be a number, 0 or more")
    value = int(value) if float(value).is_integer() else float(value)
    return Rule(**{**asdict(rule), **trimmed, "min_cart_value": value})


def _text(label: str, name: str, value: object, most: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{label}: {name} must be text")
    value = value.strip()
    if len(value) > most:
        raise ValueError(f"{label}: {name} is {len(value)} characters long; at most {most}")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        raise ValueError(f"{label}: {name} holds control characters")
    return value


def load_rules(session: Session) -> list[Rule]:
    """The stored rules in the owner's order; one that cannot be read is left out (and logged)."""
    row = session.get(Setting, SETTINGS_KEY)
    try:
        stored = json.loads(row.value_json) if row else []
    except ValueError:
        stored = None
    if not isinstance(stored, list):
        log.warning("the stored invitation rules are unreadable; none are used")
        return []
    known, rules = {f.name for f in fields(Rule)}, []
    for entry in stored:
        try:
            rules.append(checked(Rule(**{k: v for k, v in entry.items() if k in known})))
        except (TypeError, ValueError, AttributeError) as exc:  # never written so by ShopDesk
            log.warning("an invitation rule is left out: %s", exc)
    return rules


def save_rules(engine: Engine, publish: Publish, rules: list[Rule]) -> list[Rule]:
    """Store ``rules`` (all of them, in this order) after checking every field; the relay gets the
    enabled ones (``CannedChanged``). Returns them as stored."""
    rules = [checked(rule) for rule in rules]
    if len(rules) > MAX_RULES:
        raise ValueError(f"at most {MAX_RULES} invitation rules; delete some first")
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        twice = next(rule_id for rule_id in ids if ids.count(rule_id) > 1)
        raise ValueError(f"Rule id {twice!r} is used twice")
    with write_session(engine) as session:
        row = session.get(Setting, SETTINGS_KEY) or Setting(key=SETTINGS_KEY)
        row.value_json = json.dumps([asdict(rule) for rule in rules], ensure_ascii=False)
        session.add(row)
    publish(CannedChanged())
    return rules


def relay_rules(session: Session) -> list[dict]:
    """The enabled rules as the relay takes them, in the owner's order (the first that fits is shown)."""
    return [asdict(rule) for rule in load_rules(session) if rule.enabled]


# Relay events (inside the web chat sink's transaction)


@dataclass(frozen=True)
class InvitationsChanged:
    """A batch of relay events changed what the invitations did (for the invitations window)."""

    account_id: int


def apply_events(session: Session, account_id: int, events: list[dict]) -> bool:
    """Record what the invitations of a seq-ordered batch of relay events did: shown, chats, orders.

    Cheap for the batches without any (most); an event it cannot read is logged and skipped, and a
    failure of its own statements is rolled back to a savepoint and logged: it never raises, so it never
    stops the batch's messages from being stored. True when the batch had invitation events to record
    (publish ``InvitationsChanged`` after the commit).
    """
    wanted = [(event, kind) for event in events if (kind := _kind(event))]
    if not wanted:
        return False
    try:
        with session.begin_nested():
            _apply(session, account_id, wanted)
    except SQLAlchemyError:
        log.exception("web chat: the invitations of a relay batch could not be recorded")
        return False
    return True


def _kind(event: dict) -> str | None:
    """What the event says about invitations (shown, chat, order), or None (the cheap first look)."""
    try:
        data = event.get("data") or {}
        if event.get("kind") == "message":
            return CHAT if data.get("invitation") else None
        if event.get("kind") == "track":
            name = data.get("name")
            return SHOWN if name == SHOWN_EVENT else ORDER if name in ORDER_EVENTS else None
    except (AttributeError, TypeError):
        log.warning("web chat: a relay event that cannot be read: %r", event)
    return None


def _apply(session: Session, account_id: int, wanted: list[tuple[dict, str]]) -> None:
    ours = {str(event.get("visitor_id") or "") for event, _kind in wanted} - {""}
    rows = {
        (row.rule_id, row.visitor_id, row.kind): row
        for row in session.exec(
            select(InvitationEvent).where(
                InvitationEvent.account_id == account_id, InvitationEvent.visitor_id.in_(ours)
            )
        )
    }
    for event, kind in wanted:
        try:
            _record(rows, account_id, event, kind)
        except (AttributeError, TypeError, ValueError, KeyError):
            log.warning("web chat: an invitation event is left out: %r", event, exc_info=True)
    session.add_all([row for row in rows.values() if row.id is None])  # the others are in the session


def _record(rows: dict, account_id: int, event: dict, kind: str) -> None:
    visitor_id, at = str(event.get("visitor_id") or ""), _when(event.get("at"))
    if not visitor_id:
        return
    data = event.get("data") or {}
    if kind == ORDER:
        rule_id = _last_shown(rows, visitor_id, at)
    elif kind == CHAT:
        rule_id = data.get("invitation")
    else:
        rule_id = (data.get("data") or {}).get("rule")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        return
    row = rows.get((rule_id, visitor_id, kind))
    if row is None:
        rows[rule_id, visitor_id, kind] = InvitationEvent(
            rule_id=rule_id, account_id=account_id, visitor_id=visitor_id, kind=kind, at=at, last_at=at
        )
    elif at > row.last_at:
        row.last_at = at


def _last_shown(rows: dict, visitor_id: str, at: datetime) -> str | None:
    """The rule of the last invitation shown to the visitor before ``at``, within ``ATTRIBUTION``."""
    best: tuple[datetime, str] | None = None
    for (rule_id, visitor, kind), row in rows.items():
        if visitor != visitor_id or kind != SHOWN or row.at > at:
            continue
        shown = row.last_at if row.last_at <= at else row.at  # shown again after the order: its first time
        if at - shown <= ATTRIBUTION and (best is None or shown > best[0]):
            best = (shown, rule_id)
    return best[1] if best else None


# The figures


def stats(session: Session, *, since: datetime) -> dict[str, dict]:
    """Per rule id, the visitors shown its invitation since ``since``, and how many of them started a
    chat from it or ordered within ``ATTRIBUTION`` of it: {"shown", "chats", "orders", "chat_rate",
    "order_rate"} (the rates are shares of "shown", None while nobody was shown it).

    Counted by when the visitors were last shown it (a cohort), so "chats" and "orders" are always part
    of "shown". Rules that have gone are in it too; the caller shows the rules it has.
    """
    chat, order = aliased(InvitationEvent), aliased(InvitationEvent)
    shown = InvitationEvent

    def same(other):
        return and_(
            other.rule_id == shown.rule_id,
            other.account_id == shown.account_id,
            other.visitor_id == shown.visitor_id,
        )

    rows = session.exec(
        select(shown.rule_id, func.count(shown.id), func.count(chat.id), func.count(order.id))
        .outerjoin(chat, and_(same(chat), chat.kind == CHAT))
        .outerjoin(order, and_(same(order), order.kind == ORDER))
        .where(shown.kind == SHOWN, shown.last_at >= since)
        .group_by(shown.rule_id)
    )
    return {rule_id: _figures(n, chats, orders) for rule_id, n, chats, orders in rows}


def _figures(shown: int, chats: int, orders: int) -> dict:
    return {
        "shown": shown,
        "chats": chats,
        "orders": orders,
        "chat_rate": chats / shown if shown else None,
        "order_rate": orders / shown if shown else None,
    }


def no_figures() -> dict:
    """The figures of a rule nobody was shown yet."""
    return _figures(0, 0, 0)
