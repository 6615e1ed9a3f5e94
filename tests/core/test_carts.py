"""Abandoned carts: a follow-up scheduled by a cart, moved by a newer one, cancelled by an order, sent once
(twice run, or after a crash), never to an opted-out customer, recovered by a later order; all of it kept
across a restart. Relay events are stored as the web chat sink stores them: visitors, then carts, in one
transaction."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from shopdesk.channels.webchat.account import ensure_account
from shopdesk.core import cart_optouts, carts, jobs, outbox, visitors
from shopdesk.core.automation import AUTO_AUTHOR
from shopdesk.core.cart_stats import recent_carts, summary
from shopdesk.core.cart_texts import follow_up_text, items_text, money
from shopdesk.core.contacts import merge_contacts
from shopdesk.core.db import SCHEMA_HEAD, make_engine, migrate, read_session, write_session
from shopdesk.core.events import MessageIngested
from shopdesk.core.ingest import ingest
from shopdesk.core.models import (
    AbandonedCart,
    ChannelAccount,
    Conversation,
    Message,
    OutboxItem,
    ScheduledJob,
    utcnow,
)
from shopdesk.core.outbox import set_external_id
from shopdesk.runtime.scheduler import Scheduler
from tests.helpers.items import incoming

SHOP = "Kapadokya Atölye"
ITEMS = [
    {"name": "Raku vazo", "quantity": 1, "price": 850, "url": "https://shop.example/raku"},
    {"name": "Kilim yastık", "quantity": 2, "price": 150},
]


class Relay:
    """Relay events for one web chat account, stored as the sink stores a batch (visitors, then carts)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.account_id = ensure_account(engine)[0]
        self.seq = 0

    def send(self, visitor_id: str, kind: str, data: dict | None = None, *, at: datetime, now=None) -> list:
        self.seq += 1
        event = {
            "seq": self.seq,
            "id": f"e_{self.seq}",
            "kind": kind,
            "visitor_id": visitor_id,
            "at": at.isoformat().replace("+00:00", "Z"),
            "data": data or {},
        }
        return self.store([event], now=now)

    def store(self, events: list[dict], *, now=None) -> list[int]:
        with write_session(self.engine) as session:
            visitors.apply_events(session, self.account_id, events)
            return carts.apply_events(session, self.account_id, events, now=now)

    def visit(self, visitor_id: str, *, at: datetime, email: str = "", name: str = "", language="tr-TR"):
        self.send(visitor_id, "visit", {"language": language}, at=at)
        if email or name:
            self.send(visitor_id, "identify", {"email": email, "name": name}, at=at)

    def cart(self, visitor_id: str, value: float = 1150, *, at: datetime, items=ITEMS, now=None) -> list:
        return self.send(
            visitor_id, "cart", {"value": value, "currency": "TRY", "items": items}, at=at, now=now
        )

    def order(self, visitor_id: str, *, at: datetime, value: float | None = None) -> list:
        data = {} if value is None else {"value": value, "currency": "TRY"}
        return self.send(visitor_id, "track", {"name": "order_completed", "data": data}, at=at)


@pytest.fixture
def relay(engine) -> Relay:
    return Relay(engine)


@pytest.fixture(autouse=True)
def follow_ups_on(engine):
    """The shop turned follow-ups on (they are off until the owner does) and has a mailbox."""
    carts.save_cart_settings(engine, carts.CartSettings(enabled=True, cart_url="https://shop.example/sepet"))
    with write_session(engine) as session:
        session.add(ChannelAccount(channel="email", name="shop@example.com"))


def the_cart(engine, visitor_id: str = "v_ayse") -> AbandonedCart:
    with read_session(engine) as session:
        return session.exec(
            select(AbandonedCart)
            .where(AbandonedCart.visitor_id == visitor_id)
            .order_by(AbandonedCart.id.desc())
        ).first()


def pending_jobs(engine) -> list[ScheduledJob]:
    with read_session(engine) as session:
        return jobs.pending(session, kind=carts.FOLLOW_UP_JOB)


def outgoing(engine) -> list[Message]:
    with read_session(engine) as session:
        return list(session.exec(select(Message).where(Message.direction == "outgoing").order_by(Message.id)))


def follow_up(engine, events, cart: AbandonedCart, *, later=timedelta(0)):
    return carts.follow_up(engine, events, cart_id=cart.id, shop_name=SHOP, now=cart.due_at + later)


def run_scheduler(engine, events) -> int:
    """The persistent scheduler as the app runs it, with the follow-up handler of context.job_handlers."""
    handlers = {
        carts.FOLLOW_UP_JOB: lambda p: carts.follow_up(engine, events, cart_id=p["cart_id"], shop_name=SHOP)
    }
    return asyncio.run(Scheduler(engine, handlers).run_due())


def ago(**kw) -> datetime:
    return utcnow() - timedelta(**kw)


# Scheduling


def test_a_cart_over_the_minimum_schedules_one_follow_up_after_the_delay(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.visit("v_ayse", at=at, email="ayse@example.com")
    [cart_id] = relay.cart("v_ayse", at=at, now=at)
    cart = the_cart(engine)
    assert (cart.id, cart.state, cart.reason, cart.value, cart.currency) == (cart_id, "open", "", 1150, "TRY")
    assert cart.due_at == at + timedelta(hours=3) and cart.qualified_at == at
    [job] = pending_jobs(engine)
    assert (job.key, job.run_at, job.payload_json) == (
        f"cart:{cart_id}",
        cart.due_at,
        f'{{"cart_id": {cart_id}}}',
    )


def test_a_newer_cart_moves_the_follow_up_and_never_doubles_it(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_ayse", at=at, now=at)
    later = at + timedelta(minutes=40)
    relay.cart("v_ayse", 1300, at=later, items=[*ITEMS, {"name": "Tabak", "price": 150}], now=later)
    cart = the_cart(engine)
    [job] = pending_jobs(engine)
    assert job.run_at == cart.due_at == later + timedelta(hours=3)
    assert (cart.value, len(cart.items), cart.started_at) == (1300, 3, at)
    with read_session(engine) as session:
        assert len(session.exec(select(AbandonedCart)).all()) == 1


def test_an_order_cancels_the_follow_up_and_the_emptied_cart_starts_nothing(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_ayse", at=at, now=at)
    relay.order("v_ayse", at=at + timedelta(minutes=5), value=1150)
    relay.cart("v_ayse", 0, at=at + timedelta(minutes=5), items=[])  # what the demo shop's checkout sends
    cart = the_cart(engine)
    assert (cart.state, cart.due_at, cart.order_completed_at) == ("ordered", None, at + timedelta(minutes=5))
    assert pending_jobs(engine) == []
    with read_session(engine) as session:
        assert len(session.exec(select(AbandonedCart)).all()) == 1


def test_an_emptied_cart_cancels_and_a_filled_one_schedules_again(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_ayse", at=at, now=at)
    relay.cart("v_ayse", 0, at=at + timedelta(minutes=1), items=[], now=at)
    assert (the_cart(engine).reason, pending_jobs(engine)) == ("empty", [])
    relay.cart("v_ayse", at=at + timedelta(minutes=2), now=at)
    assert [j.run_at for j in pending_jobs(engine)] == [at + timedelta(minutes=2, hours=3)]


def test_below_the_minimum_or_turned_off_nothing_is_scheduled(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_small", 60, at=at, items=[{"name": "Kupa", "price": 60}], now=at)
    small = the_cart(engine, "v_small")
    assert (small.state, small.reason, small.qualified_at, pending_jobs(engine)) == (
        "open",
        "below_threshold",
        None,
        [],
    )
    carts.save_cart_settings(engine, carts.CartSettings())  # the defaults: off
    relay.cart("v_ayse", at=at, now=at)
    assert (the_cart(engine).reason, pending_jobs(engine)) == ("off", [])


def test_settings_are_clamped_and_applied_to_waiting_carts(engine, relay):
    relay.cart("v_ayse", at=ago(minutes=30))
    stored = carts.save_cart_settings(
        engine, carts.CartSettings(enabled=True, delay_hours=48, template_tr=" ")
    )
    assert (stored.delay_hours, stored.template_tr) == (24, carts.CartSettings().template_tr)
    with read_session(engine) as session:
        assert carts.load_cart_settings(session) == stored
    cart = the_cart(engine)
    assert [j.run_at for j in pending_jobs(engine)] == [cart.updated_at + timedelta(hours=24)]
    carts.save_cart_settings(engine, carts.CartSettings(enabled=False))
    assert (the_cart(engine).reason, pending_jobs(engine)) == ("off", [])


def test_a_cart_without_an_email_or_telegram_is_skipped_and_says_why(engine, events, relay):
    relay.cart("v_anon", at=ago(hours=3, minutes=1))
    assert run_scheduler(engine, events) == 1
    cart = the_cart(engine, "v_anon")
    assert (cart.state, cart.reason, outgoing(engine)) == ("skipped", "no_contact", [])


def test_an_email_without_a_mailbox_to_send_from_is_skipped(engine, events, relay):
    with write_session(engine) as session:
        for account in session.exec(select(ChannelAccount).where(ChannelAccount.channel == "email")):
            account.enabled = False
            session.add(account)
    relay.visit("v_ayse", at=ago(hours=4), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    assert (the_cart(engine).state, the_cart(engine).reason) == ("skipped", "no_email_account")


# The follow-up


def test_the_follow_up_goes_out_once_by_email_as_shopdesks_own_message(engine, events, relay):
    relay.visit("v_ayse", at=ago(hours=4), email="Ayse@Example.com", name="Ayşe Yılmaz")
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    assert run_scheduler(engine, events) == 1
    assert run_scheduler(engine, events) == 0  # done: the job is not due again
    assert carts.follow_up(engine, events, cart_id=the_cart(engine).id, shop_name=SHOP) is None
    [message] = outgoing(engine)
    cart = the_cart(engine)
    with read_session(engine) as session:
        conv = session.get(Conversation, message.conversation_id)
        [item] = session.exec(select(OutboxItem)).all()
    assert (message.author, message.automatic, message.send_state, item.state) == (
        AUTO_AUTHOR,
        True,
        "queued",
        "queued",
    )
    assert (conv.channel, conv.status, conv.subject) == (
        "email",
        "pending",
        "Sepetinizdeki ürünler sizi bekliyor",
    )
    assert (cart.state, cart.channel, cart.conversation_id, cart.message_id, cart.language) == (
        "followed_up",
        "email",
        conv.id,
        message.id,
        "tr",
    )
    assert message.text.startswith("Merhaba Ayşe,\n\nSepetinizde bıraktığınız ürünler")
    for part in ("• Raku vazo — 850,00 TRY", "• Kilim yastık × 2 — 300,00 TRY", "Toplam: 1.150,00 TRY"):
        assert part in message.text
    assert "https://shop.example/sepet" in message.text and SHOP in message.text
    assert message.text.endswith("DUR yazarak yanıtlayın.")
    with read_session(engine) as session:
        from shopdesk.core.outbox import outgoing_item

        assert outgoing_item(session, item_id=item.id).to_address == "ayse@example.com"
        assert outgoing_item(session, item_id=item.id).automatic


def test_a_crash_midway_sends_nothing_and_the_next_run_sends_once(engine, events, relay, monkeypatch):
    relay.visit("v_ayse", at=ago(hours=4), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))

    def killed(**_kw):  # the app dies after the message row is written, before the outbox item is
        raise RuntimeError("killed")

    monkeypatch.setattr(outbox, "OutboxItem", killed)
    assert run_scheduler(engine, events) == 1  # the job failed: it stays pending, to run again
    with read_session(engine) as session:
        assert session.exec(select(Conversation)).all() == []
    assert (outgoing(engine), the_cart(engine).state) == ([], "open")
    [job] = pending_jobs(engine)
    assert job.attempts == 1
    monkeypatch.undo()
    cart = the_cart(engine)
    assert follow_up(engine, events, cart) is not None
    # the app is killed after that commit, before the scheduler marks the job done: it runs again
    assert follow_up(engine, events, cart, later=timedelta(minutes=1)) is None
    assert len(outgoing(engine)) == 1


def test_a_follow_up_by_telegram_for_a_customer_known_there(engine, blobs, events, relay):
    relay.visit("v_ayse", at=ago(hours=4), language="en-US")
    web = visitors.start_conversation(engine, events, account_id=relay.account_id, visitor_id="v_ayse")
    [chat] = ingest(
        engine,
        [incoming("Hello", channel="telegram", sender="555001", name="Ayse Y")],
        blobs=blobs,
        publish=events,
    )
    with read_session(engine) as session:
        keep, other = (
            session.get(Conversation, web).contact_id,
            session.get(Conversation, chat.conversation_id).contact_id,
        )
    merge_contacts(engine, events, keep_id=keep, other_id=other)
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    [message] = outgoing(engine)
    assert (message.conversation_id, message.channel, message.automatic) == (
        chat.conversation_id,
        "telegram",
        True,
    )
    assert message.text.startswith("Hi,\n\nThe things you left in your cart")  # no first name: only an id
    assert message.text.endswith("Reply STOP.")
    assert the_cart(engine).channel == "telegram"


def test_telegram_when_email_is_turned_off(engine, blobs, events, relay):
    relay.visit("v_ayse", at=ago(hours=4), email="ayse@example.com")
    web = visitors.start_conversation(engine, events, account_id=relay.account_id, visitor_id="v_ayse")
    [chat] = ingest(
        engine, [incoming("Selam", channel="telegram", sender="555001")], blobs=blobs, publish=events
    )
    with read_session(engine) as session:
        keep, other = (
            session.get(Conversation, web).contact_id,
            session.get(Conversation, chat.conversation_id).contact_id,
        )
    merge_contacts(engine, events, keep_id=keep, other_id=other)
    carts.save_cart_settings(
        engine, carts.CartSettings(enabled=True, channels={"email": False, "telegram": True})
    )
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    assert the_cart(engine).channel == "telegram"


def test_an_overdue_follow_up_waits_for_the_web_chat_and_an_order_caught_up_cancels_it(engine, events, relay):
    relay.visit("v_ayse", at=ago(hours=6), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=5))  # due two hours ago: the laptop was closed
    assert run_scheduler(engine, events) == 1
    cart = the_cart(engine)
    assert (cart.state, cart.reason, outgoing(engine)) == ("open", "catching_up", [])
    relay.order("v_ayse", at=ago(hours=4))  # the relay had kept it
    assert follow_up(engine, events, cart) is None
    assert (the_cart(engine).state, outgoing(engine)) == ("ordered", [])


def test_a_follow_up_more_than_a_day_late_is_skipped(engine, events, relay):
    relay.visit("v_ayse", at=ago(hours=31), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=30), now=ago(hours=30))
    cart = the_cart(engine)
    assert carts.follow_up(engine, events, cart_id=cart.id, shop_name=SHOP) is None
    assert (the_cart(engine).state, the_cart(engine).reason, outgoing(engine)) == ("skipped", "too_old", [])
    relay.cart("v_late", at=ago(hours=30))  # arriving late from the relay: not even scheduled
    late = the_cart(engine, "v_late")
    assert late.reason == "too_old" and f"cart:{late.id}" not in {j.key for j in pending_jobs(engine)}


def test_an_order_after_the_follow_up_recovers_the_cart(engine, events, relay):
    relay.visit("v_ayse", at=ago(hours=4), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    relay.cart("v_ayse", 1300, at=utcnow(), items=[*ITEMS, {"name": "Tabak", "price": 150}])
    assert the_cart(engine).state == "followed_up" and pending_jobs(engine) == []  # one follow-up per cart
    relay.order("v_ayse", at=utcnow(), value=1300)
    cart = the_cart(engine)
    assert (cart.state, cart.recovered_value, cart.recovered_currency) == ("recovered", 1300, "TRY")
    relay.visit("v_bora", at=ago(hours=4), email="bora@example.com")
    relay.cart("v_bora", 500, at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    relay.order("v_bora", at=utcnow())  # no total with the order: the cart's
    assert (the_cart(engine, "v_bora").state, the_cart(engine, "v_bora").recovered_value) == (
        "recovered",
        500,
    )


def test_everything_survives_a_restart(engine, events, relay, data_paths):
    relay.visit("v_ayse", at=ago(hours=4), email="ayse@example.com")
    relay.cart("v_ayse", at=ago(hours=3, minutes=1))
    engine.dispose()  # the app stops before the follow-up is due; the next run opens the same store
    reopened = make_engine(data_paths.database_url)
    assert [j.key for j in pending_jobs(reopened)] == [f"cart:{the_cart(reopened).id}"]
    assert run_scheduler(reopened, events) == 1
    reopened.dispose()
    again = make_engine(data_paths.database_url)
    assert (the_cart(again).state, len(outgoing(again)), run_scheduler(again, events)) == (
        "followed_up",
        1,
        0,
    )
    with read_session(again) as session:
        assert carts.load_cart_settings(session).enabled
    again.dispose()


def test_a_replayed_relay_batch_changes_nothing(engine, relay):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_ayse", at=at, now=at)
    event = {
        "seq": relay.seq,
        "id": "again",
        "kind": "track",
        "visitor_id": "v_ayse",
        "at": "2026-03-02T10:01:00Z",
    }
    event["data"] = {"name": "order_completed"}
    assert relay.store([event], now=at) == []  # its seq was applied already
    assert the_cart(engine).state == "open"


def test_a_cart_event_it_cannot_read_never_stops_the_batch(engine, relay, monkeypatch):
    at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    relay.cart("v_ayse", at=at, now=at)

    def unreadable(*_args):
        raise TypeError("a cart this code does not understand")

    monkeypatch.setattr(carts, "_on_cart", unreadable)
    stamp = "2026-03-02T10:01:00Z"
    batch = [
        {"seq": 10, "id": "x1", "kind": "cart", "visitor_id": "v_ayse", "at": stamp, "data": {"items": []}},
        {
            "seq": 11,
            "id": "x2",
            "kind": "identify",
            "visitor_id": "v_ayse",
            "at": stamp,
            "data": {"name": "Ayşe"},
        },
    ]
    assert relay.store(batch, now=at) == []
    with read_session(engine) as session:  # the visitor's part of the batch is stored all the same
        assert visitors.visitor(session, account_id=relay.account_id, visitor_id="v_ayse").name == "Ayşe"
    assert the_cart(engine).state == "open" and len(pending_jobs(engine)) == 1


# Opt-outs


def followed_up_by_email(engine, events, relay, visitor_id="v_ayse", email="ayse@example.com") -> Message:
    relay.visit(visitor_id, at=ago(hours=4), email=email)
    relay.cart(visitor_id, at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    [message] = [m for m in outgoing(engine) if m.id == the_cart(engine, visitor_id).message_id]
    set_external_id(engine, message_id=message.id, external_id=f"<cart{message.id}@shop.example>")  # sent
    return message


def reply_by_email(engine, blobs, events, message: Message, text: str, sender="ayse@example.com"):
    item = incoming(text, channel="email", sender=sender, reply_to_ids=[f"<cart{message.id}@shop.example>"])
    [result] = ingest(engine, [item], blobs=blobs, publish=events)
    assert result.conversation_id == message.conversation_id
    [event] = [e for e in events.of(MessageIngested) if e.message_id == result.message_id]
    return event


def test_a_stop_reply_opts_the_customer_out_and_is_honoured(engine, blobs, events, relay):
    message = followed_up_by_email(engine, events, relay)
    question = reply_by_email(engine, blobs, events, message, "Kargo ücreti ne kadar?")
    assert cart_optouts.opt_out_from_message(engine, events, question) is False
    stop = reply_by_email(engine, blobs, events, message, "DUR\n\n> Merhaba, sepetinizde…")
    assert cart_optouts.opt_out_from_message(engine, events, stop) is True
    with read_session(engine) as session:
        notes = session.exec(select(Message.text).where(Message.direction == "system")).all()
        assert cart_optouts.is_opted_out(session, contact_id=stop.contact_id)
    assert notes == [cart_optouts.OPTED_OUT_NOTE]
    # the same customer on another device, with the same address: no follow-up
    relay.visit("v_ayse_phone", at=ago(hours=4), email="ayse@example.com")
    relay.cart("v_ayse_phone", at=ago(hours=3, minutes=1))
    run_scheduler(engine, events)
    assert (the_cart(engine, "v_ayse_phone").state, the_cart(engine, "v_ayse_phone").reason) == (
        "skipped",
        "opted_out",
    )
    assert len(outgoing(engine)) == 1


def test_the_one_click_opt_out_is_per_contact_and_idempotent(engine, events, relay):
    followed_up_by_email(engine, events, relay)
    cart = the_cart(engine)
    assert cart_optouts.opt_out(engine, contact_id=cart.contact_id) is True
    assert cart_optouts.opt_out(engine, contact_id=cart.contact_id) is False
    assert cart_optouts.opt_out_by_token(engine, token=cart.token) is False  # already
    with pytest.raises(LookupError):
        cart_optouts.opt_out_by_token(engine, token="nope")
    relay.cart("v_ayse", at=utcnow() + timedelta(days=8))  # a new cart, after the recovery window
    newest = the_cart(engine)
    assert newest.id != cart.id
    assert follow_up(engine, events, newest) is None
    assert the_cart(engine).reason == "opted_out"


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        ("STOP", True),
        ("Dur.", True),
        ("Artık istemiyorum", True),
        ("Abonelikten çıkmak istiyorum", True),
        ("unsubscribe", True),
        ("> eski mesaj\nstop lütfen", True),
        ("Durum nedir? Kargom nerede?", False),
        ("Merhaba, vazoyu çok beğendim ama kargo ücreti yüzünden durdum, stop etmek zorunda kaldım", False),
        ("", False),
    ],
)
def test_which_replies_say_stop(text, stop):
    assert cart_optouts.asks_to_stop(text) is stop


# Texts


def test_the_text_leaves_out_what_is_unknown():
    settings = carts.CartSettings()
    text = follow_up_text(
        settings.template_en,
        settings.opt_out_en,
        language="en",
        name="ayse@example.com",  # an address is no name
        items=ITEMS,
        value=1150,
        currency="TRY",
        link="",
        shop_name="",
    )
    assert text.startswith("Hi,\n\nThe things you left")
    assert "Pick up where you left off" not in text and "Total: 1,150.00 TRY" in text
    assert text.endswith(
        "Any questions? Just reply to this message.\n\nDon't want these reminders? Reply STOP."
    )
    assert money(1234.5, "EUR", "tr") == "1.234,50 EUR"
    many = [{"name": f"Ürün {n}"} for n in range(12)]
    assert items_text(many, "TRY", "tr").splitlines()[-1] == "… ve 2 ürün daha"
    assert "Raku vase" in carts.preview(settings, language="en", shop_name=SHOP)


# The numbers


def test_the_summary_matches_a_hand_counted_shop(engine):
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 8, tzinfo=UTC)
    day = timedelta(days=1)
    rows = [  # (visitor, qualified, state, followed up, recovered value, currency)
        ("a", start + day, "recovered", True, 1200.0, "TRY"),
        ("b", start + 2 * day, "followed_up", True, None, ""),
        ("c", start + 2 * day, "ordered", False, None, ""),
        ("d", start + 3 * day, "skipped", False, None, ""),
        ("e", start + 4 * day, "recovered", True, 50.0, "EUR"),
        ("f", start + 5 * day, "recovered", True, 300.5, "TRY"),
        ("g", start + 5 * day, "ordered", True, None, ""),  # the order reached us after the follow-up
        ("old", start - day, "recovered", True, 999.0, "TRY"),  # before the period
        ("small", None, "open", False, None, ""),  # never over the minimum
    ]
    with write_session(engine) as session:
        for visitor_id, qualified, state, followed, value, currency in rows:
            when = qualified or start
            session.add(
                AbandonedCart(
                    account_id=1,
                    visitor_id=visitor_id,
                    token=visitor_id,
                    state=state,
                    started_at=when,
                    updated_at=when,
                    qualified_at=qualified,
                    followed_up_at=when + timedelta(hours=3) if followed else None,
                    recovered_value=value,
                    recovered_currency=currency,
                    items_json='[{"name": "Vazo", "quantity": 2}]',
                )
            )
    with read_session(engine) as session:
        numbers = summary(session, since=start, until=end)
        lines = recent_carts(session, since=start)
    assert (numbers.carts, numbers.followed_up, numbers.recovered, numbers.ordered_without_follow_up) == (
        7,
        5,
        3,
        1,
    )
    assert numbers.value_recovered == {"EUR": 50.0, "TRY": 1500.5}
    assert numbers.recovery_rate == 0.6
    assert [line.visitor_id for line in lines] == ["g", "f", "e", "d", "c", "b", "a", "small"]
    assert lines[0].items == (("Vazo", 2.0),)


# The migration


def test_migration_0004_upgrades_a_0003_store_and_keeps_its_data(tmp_path):
    from alembic import command

    from shopdesk.core.db import alembic_config
    from tests.core.test_db import FTS_TRIGGERS

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO contact (name, notes, created_at) VALUES ('Ayşe', '', '2026-01-01')"
        )
    assert migrate(engine) == SCHEMA_HEAD  # 0004, and every later revision
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert conn.exec_driver_sql("SELECT name FROM contact").scalar() == "Ayşe"
    assert {"abandonedcart", "cartoptout"} <= tables and triggers >= FTS_TRIGGERS
    with write_session(engine) as session:  # the new tables take rows
        at = utcnow()
        session.add(AbandonedCart(account_id=1, visitor_id="v", token="t", started_at=at, updated_at=at))
    command.downgrade(alembic_config(engine), "0003")
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "abandonedcart" not in tables
    engine.dispose()
