"""The FAQ bot in the widget (headless Chromium) while the desktop is closed: a known question is answered
at once with a "talk to a person" button; the tap hands over; when the desktop comes back, the
conversation holds it all and the owner is told a customer asked for a person."""

from __future__ import annotations

import httpx
from sqlmodel import select

from shopdesk.core import canned, faq_bot
from shopdesk.core.db import read_session
from shopdesk.core.events import HandoverRequested, MessageIngested
from shopdesk.core.models import Conversation
from tests.channels.webchat.conftest import wait_for
from tests.channels.webchat.test_widget_e2e import stored
from tests.helpers.relay_server import OWNER_TOKEN

TIMEOUT = 10_000
ANSWER = "Siparişler 1-3 iş günü içinde kargoya verilir."


def test_the_bot_answers_while_the_desktop_is_closed_and_the_button_hands_over(
    make_channel, loop, desk_engine, events, relay_server, new_page, page_errors
):
    canned.save_canned(
        desk_engine,
        events,
        title="Kargo süresi",
        shortcut="kargo",
        body=ANSWER,
        is_faq=True,
        questions="Kargom ne zaman gelir?\nSiparişim ne zaman kargoya verilir?",
    )
    with read_session(desk_engine) as session:  # what the desktop pushed before it was closed
        config = {"faq": faq_bot.relay_config(session)}
    headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}
    httpx.put(
        f"{relay_server.url}/api/desk/automation", json=config, headers=headers, timeout=10
    ).raise_for_status()

    page = new_page(viewport={"width": 1000, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=tr")
    page.locator(".sd-launcher").click()
    page.locator(".sd-offline").wait_for(timeout=TIMEOUT)  # no desktop: the shop shows away
    page.locator(".sd-offline").get_by_label("E-posta").fill("ayse@example.com")
    page.locator(".sd-offline").get_by_label("Mesajınız").fill("Merhaba, kargom ne zaman gelir?")
    page.get_by_role("button", name="Mesajı gönder").click()
    page.locator(".sd-thanks").wait_for(timeout=TIMEOUT)
    page.locator("#sd-input").fill("Siparişim ne zaman kargoya verilir?")
    page.locator("#sd-input").press("Enter")
    bot = page.locator(".sd-bot")
    bot.wait_for(timeout=TIMEOUT)
    assert bot.locator(".sd-bubble").inner_text() == ANSWER
    page.screenshot(path="/tmp/widget_tr_faq.png")
    bot.get_by_role("button", name="Bir temsilciyle görüşmek istiyorum").click()
    page.locator(".sd-bot .sd-bubble", has_text="ekibimize aktarıyorum").wait_for(timeout=TIMEOUT)

    seen = len(events)  # the desktop opens: everything arrives, and the owner is told
    channel = make_channel()
    loop.submit(channel.start()).result(5)

    def all_stored():
        return len(stored(desk_engine)) >= 5 and stored(desk_engine)

    messages = wait_for(all_stored, what="the chat on the desktop")
    assert [m.author for m in messages if m.direction == "outgoing"] == [faq_bot.BOT_AUTHOR] * 2
    for event in [e for e in events[seen:] if isinstance(e, MessageIngested)]:
        faq_bot.on_message(desk_engine, events, event)
    assert len(events.of(HandoverRequested)) == 1
    with read_session(desk_engine) as session:
        conv = session.exec(select(Conversation)).one()
    assert conv.status == "open" and conv.unread_count >= 1
    assert page_errors == []
