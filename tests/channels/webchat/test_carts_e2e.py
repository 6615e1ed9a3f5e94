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
