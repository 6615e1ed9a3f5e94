"""Abandoned carts through the real relay and the desktop's channel: a cart an identified visitor leaves is
watched and its follow-up scheduled in the same commit as the relay's events; an order cancels it."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.core import carts, jobs
from shopdesk.core.db import read_session
from shopdesk.core.models import AbandonedCart
from tests.channels.webchat.conftest import wait_for

CART = {"value": 1150, "currency": "TRY", "items": [{"name": "Raku vazo", "quantity": 1, "price": 850}]}


def cart_row(engine) -> AbandonedCart | None:
    with read_session(engine) as session:
        return session.exec(select(AbandonedCart)).first()


def test_a_left_cart_is_scheduled_for_a_follow_up_and_an_order_cancels_it(channel, desk_engine, visitor):
    carts.save_cart_settings(desk_engine, carts.CartSettings(enabled=True, min_value=100, delay_hours=3))
    visitor.do("identify", {"name": "Ayşe Yılmaz", "email": "ayse@example.com"})
    visitor.do("cart", CART)

    row = wait_for(
        lambda: (r := cart_row(desk_engine)) is not None and r.due_at is not None and r, what="the cart"
    )
    assert (row.state, row.value, row.currency) == ("open", 1150, "TRY")
    with read_session(desk_engine) as session:
        [job] = jobs.pending(session, kind=carts.FOLLOW_UP_JOB)
    assert abs((job.run_at - row.updated_at).total_seconds() - 3 * 3600) < 5

    visitor.do("track", {"name": "order_completed", "data": {"order": "1001"}})
    wait_for(lambda: cart_row(desk_engine).state == "ordered", what="the order")
    with read_session(desk_engine) as session:
        assert jobs.pending(session, kind=carts.FOLLOW_UP_JOB) == []


def test_the_stop_link_of_a_reminder_email_opts_the_customer_out(
    channel, desk_engine, events, visitor, relay_server, account, memory_keyring
):
    import httpx

    from shopdesk.channels.webchat.account import public_links, token_key, update_settings
    from shopdesk.core import cart_optouts
    from shopdesk.core.db import write_session
    from shopdesk.core.models import ChannelAccount, Message
    from shopdesk.secrets import set_secret
    from tests.helpers.relay_server import OWNER_TOKEN

    account_id, _ = account
    set_secret(token_key(account_id), OWNER_TOKEN)
    update_settings(desk_engine, account_id, embedded=False, relay_url=relay_server.url)
    with write_session(desk_engine) as session:
        session.add(ChannelAccount(channel="email", name="shop@shop.example"))
    carts.save_cart_settings(desk_engine, carts.CartSettings(enabled=True, min_value=100, delay_hours=3))
    visitor.do("identify", {"name": "Ayşe Yılmaz", "email": "ayse@example.com"})
    visitor.do("cart", CART)
    row = wait_for(
        lambda: (r := cart_row(desk_engine)) is not None and r.due_at is not None and r, what="the cart"
    )

    links = public_links(desk_engine)
    assert carts.follow_up(
        desk_engine, events, cart_id=row.id, shop_name="Lale", now=row.due_at, stop_link=links.stop
    )
    with read_session(desk_engine) as session:
        text = session.get(Message, cart_row(desk_engine).message_id).text
    [link] = [w for w in text.split() if "/u/" in w]
    assert link.startswith(f"{relay_server.url}/u/")

    assert httpx.get(link, timeout=10).status_code == 200  # a mail scanner's fetch changes nothing
    contact_id = cart_row(desk_engine).contact_id
    with read_session(desk_engine) as session:
        assert not cart_optouts.is_opted_out(session, contact_id=contact_id)
    done = httpx.post(link, timeout=10)
    assert done.status_code == 200 and ("Done: you will get no more" in done.text or "Tamam:" in done.text)

    def opted_out():
        with read_session(desk_engine) as session:
            return cart_optouts.is_opted_out(session, contact_id=contact_id)

    assert wait_for(opted_out, what="the opt-out on the desktop")
