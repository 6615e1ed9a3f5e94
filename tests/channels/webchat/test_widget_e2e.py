"""The widget in headless Chromium on the demo shop, against a real relay and the desktop's channel."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.models import Contact, Conversation, Message
from shopdesk.core.outbox import queue_reply
from shopdesk.runtime.sender import OutboxSender
from tests.channels.webchat.conftest import wait_for

TIMEOUT = 10_000


def stored(engine) -> list[Message]:
    with read_session(engine) as session:
        return list(session.exec(select(Message).order_by(Message.id)))


def reply(engine, events, channel, loop, conversation_id, text):
    registry = ChannelRegistry()
    registry.register(channel)
    queue_reply(engine, events, conversation_id=conversation_id, text=text, author="Elif")
    assert loop.submit(OutboxSender(engine, events, registry).send_due()).result(10) == 1


def test_a_visitor_chats_with_the_shop_and_the_conversation_survives_a_reload(
    channel, loop, desk_engine, events, relay_server, new_page, page_errors
):
    page = new_page(viewport={"width": 1200, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=tr")
    page.get_by_role("button", name="Sepete ekle").first.click()
    page.locator(".sd-launcher").click()
    prechat = page.locator(".sd-prechat")
    prechat.wait_for(state="visible", timeout=TIMEOUT)
    assert page.locator(".sd-status").inner_text() == "Çevrimiçiyiz"
    page.screenshot(path="/tmp/widget_tr_prechat.png")
    prechat.get_by_label("Adınız").fill("Ayşe Yılmaz")
    prechat.get_by_label("E-posta").fill("ayse@example.com")
    prechat.get_by_role("button", name="Sohbete başla").click()
    composer = page.locator("#sd-input")
    composer.fill("Merhaba! Raku vazo kargoda kırılmadan gelir mi?")
    composer.press("Enter")
    page.locator(".sd-visitor .sd-mark.sd-sent").wait_for(timeout=TIMEOUT)

    message = wait_for(lambda: stored(desk_engine), what="the message in the desktop's store")[0]
    assert message.text == "Merhaba! Raku vazo kargoda kırılmadan gelir mi?"
    conversation_id = message.conversation_id

    def visitor_row():
        with read_session(desk_engine) as session:
            row = visitors.visitor_of_conversation(session, conversation_id=conversation_id)
        return row if row is not None and row.cart_value else None

    row = wait_for(visitor_row, what="the visitor's page and cart")
    assert row.current_url.endswith("/demo?lang=tr")
    assert row.current_title == "Toprak & İplik — El yapımı seramik ve dokuma"
    assert row.cart_value == 380 and row.cart["items"][0]["name"] == "El boyaması çini kupa"
    assert "desktop" in row.device

    def contact():
        with read_session(desk_engine) as session:
            found = session.exec(select(Contact)).one()
        return (found.name, found.email) if found.email else None

    assert wait_for(contact, what="the contact's email") == ("Ayşe Yılmaz", "ayse@example.com")

    # the owner types, reads, answers
    loop.submit(channel.typing(conversation_id, True)).result(5)
    page.locator(".sd-typing").wait_for(state="visible", timeout=TIMEOUT)
    assert "yazıyor" in page.locator(".sd-typing").inner_text()
    page.screenshot(path="/tmp/widget_tr_typing.png")
    loop.submit(channel.seen(conversation_id)).result(5)
    page.locator(".sd-visitor .sd-mark.sd-seen").wait_for(timeout=TIMEOUT)
    reply(
        desk_engine,
        events,
        channel,
        loop,
        conversation_id,
        "Merhaba Ayşe Hanım, her vazoyu köpükle paketliyoruz 🙂",
    )
    page.locator(".sd-owner:not(.sd-greeting) .sd-bubble").wait_for(timeout=TIMEOUT)
    assert page.locator(".sd-typing").is_hidden()
    assert "köpükle" in page.locator(".sd-owner:not(.sd-greeting) .sd-bubble").inner_text()

    # the visitor has the reply in front of them: the desktop learns it was seen
    def seen():
        with read_session(desk_engine) as session:
            return visitors.seen_message_ids(session, conversation_id=conversation_id)

    assert wait_for(seen, what="the visitor's seen mark")
    # and the visitor typing reaches the desktop
    composer.type("Tamam", delay=20)
    wait_for(lambda: events.of(visitors.VisitorTyping), what="the visitor's typing")
    page.screenshot(path="/tmp/widget_tr_chat.png")

    page.reload()
    page.locator(".sd-owner:not(.sd-greeting) .sd-bubble").wait_for(timeout=TIMEOUT)
    texts = page.locator(".sd-log .sd-bubble").all_inner_texts()
    assert texts[1:] == [
        "Merhaba! Raku vazo kargoda kırılmadan gelir mi?",
        "Merhaba Ayşe Hanım, her vazoyu köpükle paketliyoruz 🙂",
    ]
    assert page.locator(".sd-prechat").is_hidden()
    assert page_errors == []


def test_when_away_the_offline_form_arrives_as_a_conversation(
    channel, loop, desk_engine, relay_server, new_page, page_errors
):
    loop.submit(channel.set_presence("away")).result(5)
    page = new_page(viewport={"width": 1200, "height": 820})
    page.goto(f"{relay_server.url}/demo?lang=en")
    page.locator(".sd-launcher").click()
    form = page.locator(".sd-offline")
    form.wait_for(state="visible", timeout=TIMEOUT)
    assert page.locator(".sd-status").inner_text() == "We're away"
    form.get_by_role("button", name="Send message").click()
    errors = form.locator(".sd-field-error").all_inner_texts()
    assert errors == ["", "Please fill in this field.", "Please fill in this field."]  # name is optional
    assert form.get_by_label("Email").get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "shopdesk-widget"
    form.get_by_label("Email").fill("can@example.com")
    form.get_by_label("Message").fill("Do you ship to Germany?")
    page.screenshot(path="/tmp/widget_en_offline.png")
    form.get_by_role("button", name="Send message").click()
    page.locator(".sd-thanks").wait_for(state="visible", timeout=TIMEOUT)
    assert "can@example.com" in page.locator(".sd-thanks").inner_text()
    page.screenshot(path="/tmp/widget_en_thanks.png")
    message = wait_for(lambda: stored(desk_engine), what="the offline message")[0]
    assert message.text == "Do you ship to Germany?"
    with read_session(desk_engine) as session:
        conversation = session.get(Conversation, message.conversation_id)
        contact = session.get(Contact, conversation.contact_id)
    assert conversation.subject == "Message left while you were away"
    assert contact.email == "can@example.com"
    assert page_errors == []


def test_the_widget_works_by_keyboard_and_on_a_phone(channel, relay_server, new_page, page_errors):
    page = new_page(viewport={"width": 390, "height": 780}, is_mobile=True, has_touch=True)
    page.goto(f"{relay_server.url}/demo?lang=en")
    launcher = page.locator(".sd-launcher")
    launcher.wait_for(timeout=TIMEOUT)
    assert launcher.get_attribute("aria-label") == "Open chat"
    page.screenshot(path="/tmp/widget_en_phone_closed.png")
    launcher.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".sd-panel")
    panel.wait_for(state="visible", timeout=TIMEOUT)
    box = panel.bounding_box()
    assert box["width"] == 390 and box["height"] == 780  # the whole screen on a phone
    assert page.get_by_role("dialog", name="Toprak & İplik").is_visible()
    page.screenshot(path="/tmp/widget_en_phone_open.png")
    page.keyboard.press("Escape")
    panel.wait_for(state="hidden", timeout=TIMEOUT)
    assert page.evaluate("document.activeElement.id") == "shopdesk-widget"  # focus back on the launcher
    assert page_errors == []
