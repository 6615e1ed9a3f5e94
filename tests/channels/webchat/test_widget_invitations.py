"""Proactive invitations in headless Chromium on the demo shop, against a real relay: a rule fires on the
page's URL after its time on the page, or on the cart's value; at most once a day; not while the shop is
away unless the rule says so; the visitor's answer starts the chat with the invitation, and the desktop
learns what was shown and answered."""

from __future__ import annotations

import httpx
import pytest

from tests.channels.webchat.conftest import wait_for
from tests.helpers.relay_server import OWNER_TOKEN

TIMEOUT = 10_000


def rule(**fields) -> dict:
    return {
        "id": "r_product",
        "name": "Demo",
        "url": "*/demo*",
        "seconds_on_page": 0,
        "message_tr": "Merhaba! Aradığınızı bulabildiniz mi?",
        "message_en": "Hi! Did you find what you were looking for?",
        "when_away": True,
        **fields,
    }


@pytest.fixture
def desk(relay_server):
    with httpx.Client(
        base_url=relay_server.url, headers={"Authorization": f"Bearer {OWNER_TOKEN}"}, timeout=10
    ) as client:
        yield client


def set_rules(desk, *rules) -> None:
    answer = desk.put("/api/desk/automation", json={"invitations": list(rules)})
    assert answer.status_code == 200, answer.text


def events(desk, kind: str) -> list[dict]:
    return [e for e in desk.get("/api/desk/events").json()["events"] if e["kind"] == kind]


def test_an_invitation_after_time_on_the_page_starts_the_chat_once_a_day(
    desk, relay_server, new_page, page_errors
):
    set_rules(desk, rule(url="*/nowhere/*", message_en="never"), rule(seconds_on_page=2))
    page = new_page(viewport={"width": 1000, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=tr")
    page.locator(".sd-launcher").wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1000)
    assert page.locator(".sd-invite").count() == 0  # not before its two seconds on the page
    invite = page.locator(".sd-invite-text")
    invite.wait_for(timeout=TIMEOUT)
    assert page.locator(".sd-invite-message").inner_text() == "Merhaba! Aradığınızı bulabildiniz mi?"
    assert page.locator(".sd-invite-from").inner_text() == "Toprak & İplik"  # in the shop's name
    page.wait_for_timeout(400)  # its fade-in
    page.screenshot(path="/tmp/widget_tr_invitation.png")
    shown = wait_for(lambda: events(desk, "track"), what="the desktop told it was shown")
    assert shown[0]["data"] == {"name": "invitation_shown", "data": {"rule": "r_product"}}

    invite.click()
    assert page.locator(".sd-invite").count() == 0
    assert page.locator(".sd-prechat").is_hidden()  # the invitation is answered straight away
    page.locator("#sd-input").fill("Evet, vazonun ölçüleri nedir?")
    page.locator("#sd-input").press("Enter")
    page.locator(".sd-visitor .sd-mark.sd-sent").wait_for(timeout=TIMEOUT)

    [message] = events(desk, "message")
    assert message["data"]["invitation"] == "r_product"
    [opening] = events(desk, "bot_message")  # the conversation starts with the invitation
    assert (
        opening["data"]["text"] == "Merhaba! Aradığınızı bulabildiniz mi?" and opening["seq"] < message["seq"]
    )
    page.locator(".sd-owner .sd-bubble", has_text="Aradığınızı").wait_for(timeout=TIMEOUT)
    assert page.locator(".sd-log .sd-bubble").all_inner_texts() == [
        "Merhaba! Aradığınızı bulabildiniz mi?",
        "Evet, vazonun ölçüleri nedir?",
    ]

    page.reload()  # the same visitor the same day: no second invitation
    page.locator(".sd-launcher").wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(2600)
    assert page.locator(".sd-invite").count() == 0
    assert len(events(desk, "track")) == 1
    assert page_errors == []


def test_a_cart_over_the_value_invites_and_an_away_shop_only_when_the_rule_says_so(
    desk, relay_server, new_page, page_errors
):
    set_rules(desk, rule(id="r_online", when_away=False, message_en="online only"), rule(min_cart_value=1000))
    page = new_page(viewport={"width": 1000, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=en")
    page.locator(".sd-launcher").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Add to cart").first.click()  # 380 TL
    page.wait_for_timeout(500)
    assert page.locator(".sd-invite").count() == 0  # no desk connected: away, and the cart is too small
    page.get_by_role("button", name="Add to cart").nth(1).click()  # 380 + 650 TL
    page.locator(".sd-invite-text").wait_for(timeout=TIMEOUT)
    assert page.locator(".sd-invite-message").inner_text() == "Hi! Did you find what you were looking for?"
    page.screenshot(path="/tmp/widget_en_invitation.png")
    page.get_by_role("button", name="Dismiss").click()
    assert page.locator(".sd-invite").count() == 0
    assert page_errors == []


def test_the_desktop_counts_shown_chats_and_orders_per_rule(channel, desk_engine, visitor, relay_server):
    from datetime import timedelta

    from shopdesk.core import invitations
    from shopdesk.core.db import read_session
    from shopdesk.core.models import utcnow

    with httpx.Client(base_url=relay_server.url, headers={"Authorization": f"Bearer {OWNER_TOKEN}"}) as desk:
        set_rules(desk, rule())
    visitor.do("track", {"name": "invitation_shown", "data": {"rule": "r_product"}})
    visitor.do("messages", {"text": "Evet, bir sorum var", "client_id": "c1", "invitation": "r_product"})
    visitor.do("track", {"name": "order_completed", "data": {}})

    def counted():
        with read_session(desk_engine) as session:
            found = invitations.stats(session, since=utcnow() - timedelta(days=30)).get("r_product")
        return found if found and found["orders"] else None

    found = wait_for(counted, what="the rule's figures on the desktop")
    assert (found["shown"], found["chats"], found["orders"]) == (1, 1, 1)
