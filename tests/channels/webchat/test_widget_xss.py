"""Script in names, messages, titles and URLs is shown as text in widget and desktop, and runs nothing."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.models import Contact, Message
from shopdesk.core.outbox import queue_reply
from shopdesk.runtime.sender import OutboxSender
from tests.channels.webchat.conftest import wait_for
from tests.helpers.relay_server import SHOP_ORIGIN

TIMEOUT = 10_000
TITLE = '<img src=x onerror="window.__xss=1">Vazo</title><script>window.__xss=2</script>'
NAME = '<img src=x onerror="window.__xss=3">Ayşe'
LINK = '<a href="javascript:window.__xss=6">tık</a>'
MESSAGE = "<script>window.__xss=4</script><b>kalın</b> javascript:window.__xss=5 " + LINK
REPLY = '<img src=x onerror="window.__xss=7"> see https://shop.example/a?b=<i>x</i> and javascript:alert(1)'
SHOP_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><h1>Shop</h1><script src="{relay}/widget.js" data-site="site_test" async></script></body></html>"""


def test_hostile_text_is_inert_everywhere(
    channel, loop, desk_engine, events, relay_server, new_page, page_errors
):
    page = new_page(viewport={"width": 1200, "height": 820})
    html_title = TITLE.replace("<", "&lt;").replace(">", "&gt;")  # a title the shop escaped, as text

    def shop(route):
        route.fulfill(
            status=200,
            content_type="text/html",
            body=SHOP_PAGE.format(title=html_title, relay=relay_server.url),
        )

    page.route(f"{SHOP_ORIGIN}/**", shop)
    hostile_url = (
        f'{SHOP_ORIGIN}/p?q="><script>window.__xss=8</script>&utm_term=<img src=x onerror=window.__xss=9>'
    )
    page.goto(hostile_url)
    page.locator(".sd-launcher").click()
    page.locator(".sd-prechat").wait_for(state="visible", timeout=TIMEOUT)
    page.locator(".sd-prechat").get_by_label("Name").fill(NAME)
    page.get_by_role("button", name="Start chat").click()
    page.locator("#sd-input").fill(MESSAGE)
    page.locator("#sd-input").press("Enter")
    page.locator(".sd-visitor .sd-mark.sd-sent").wait_for(timeout=TIMEOUT)

    message = wait_for(lambda: stored_messages(desk_engine), what="the message")[0]
    reply(desk_engine, events, channel, loop, message.conversation_id, REPLY)
    page.locator(".sd-owner:not(.sd-greeting) .sd-bubble").wait_for(timeout=TIMEOUT)

    bubbles = page.locator(".sd-log .sd-bubble").all_inner_texts()
    assert bubbles[1:] == [MESSAGE, REPLY]  # shown exactly as typed
    shadow = "document.getElementById('shopdesk-widget').shadowRoot"
    assert (
        page.evaluate(
            f"{shadow}.querySelectorAll('.sd-log img, .sd-log script, .sd-log b, .sd-log i').length"
        )
        == 0
    )
    hrefs = page.evaluate(f"[...{shadow}.querySelectorAll('.sd-log a')].map(a => a.href)")
    assert hrefs == ["https://shop.example/a?b="]  # only http(s) text becomes a link
    assert page.evaluate("window.__xss") is None
    assert page_errors == []

    # the desktop keeps the text as text, and its conversation view escapes it
    from shopdesk.gui.widgets.message_html import esc

    def visitor_row():
        with read_session(desk_engine) as session:
            return visitors.visitor_of_conversation(session, conversation_id=message.conversation_id)

    row = wait_for(visitor_row, what="the visitor")
    assert row.current_title == TITLE
    assert row.current_url == hostile_url.replace('"', "%22").replace(" ", "%20").replace("<", "%3C").replace(
        ">", "%3E"
    )
    assert row.search_terms == "<img src=x onerror=window.__xss=9>"
    with read_session(desk_engine) as session:
        contact = session.exec(select(Contact)).one()
    assert contact.name == NAME and message.text == MESSAGE
    for text in (TITLE, NAME, MESSAGE, row.search_terms):
        assert "<" not in esc(text)


def stored_messages(engine) -> list[Message]:
    with read_session(engine) as session:
        return list(session.exec(select(Message).order_by(Message.id)))


def reply(engine, events, channel, loop, conversation_id, text):
    registry = ChannelRegistry()
    registry.register(channel)
    queue_reply(engine, events, conversation_id=conversation_id, text=text, author="Elif")
    assert loop.submit(OutboxSender(engine, events, registry).send_due()).result(10) == 1
