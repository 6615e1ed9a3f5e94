"""The customer pane's web visit section: page, pages seen, origin and cart of a web chat visitor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from shopdesk.channels.webchat import sink
from shopdesk.channels.webchat.account import ensure_account
from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.customer_pane import CustomerPane
from shopdesk.gui.widgets.visitor_section import VisitorSection
from shopdesk.relay.visit import visit_facts
from tests.helpers.items import incoming

XSS = "<img src=x onerror=alert(1)>"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1"


class Site:
    """Relay events for the web chat account, stored the way the channel stores them (sink.store_events)."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.account_id, _settings = ensure_account(ctx.engine)
        self.seq = 0

    def send(self, visitor_id: str, kind: str, data: dict, *, minutes_ago: float = 0) -> None:
        self.seq += 1
        at = datetime.now(UTC) - timedelta(minutes=minutes_ago)
        event = {
            "seq": self.seq,
            "id": f"e_{self.seq}",
            "kind": kind,
            "visitor_id": visitor_id,
            "at": at.isoformat().replace("+00:00", "Z"),
            "data": data,
        }
        sink.store_events(self.ctx.engine, self.ctx.blobs, self.ctx.publish, self.account_id, [event], {})

    def arrive(self, visitor_id: str, url: str, title: str, *, referrer: str = "", minutes_ago: float = 0):
        facts = visit_facts(url=url, referrer=referrer, language="tr-TR", user_agent=PHONE)
        self.send(visitor_id, "visit", facts, minutes_ago=minutes_ago)
        self.view(visitor_id, url, title, minutes_ago=minutes_ago)

    def view(self, visitor_id: str, url: str, title: str, *, minutes_ago: float = 0) -> None:
        self.send(
            visitor_id, "page_view", {"url": url, "title": title, "referrer": ""}, minutes_ago=minutes_ago
        )

    def cart(self, visitor_id: str, value: float, items: list[dict], currency: str = "TRY") -> None:
        self.send(visitor_id, "cart", {"value": value, "currency": currency, "items": items})

    def say(self, visitor_id: str, text: str, name: str = "") -> int:
        data = {"id": self.seq + 1000, "author": "visitor", "text": text, "client_id": f"c{self.seq}"}
        self.send(visitor_id, "message", {**data, "name": name, "file": None})
        with read_session(self.ctx.engine) as session:
            return visitors.conversation_of_visitor(session, visitor_id=visitor_id)


@pytest.fixture
def site(ctx) -> Site:
    return Site(ctx)


@pytest.fixture
def gui(ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    yield bridge, tasks
    tasks.shutdown()
    bridge.close()


@pytest.fixture
def section(qtbot, ctx, gui):
    bridge, tasks = gui
    parent = _Holder()
    made = VisitorSection(ctx, bridge, tasks, parent)
    parent.layout().insertWidget(0, made)
    qtbot.addWidget(parent)
    parent.resize(320, 640)
    parent.show()
    yield made
    qtbot.waitUntil(lambda: tasks.pending == 0)


def _Holder():
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    holder.setStyleSheet("background: white;")
    QVBoxLayout(holder).addStretch(1)
    return holder


def a_shopper(site: Site) -> int:
    google = "https://www.google.com/search?q=raku+vazo"
    site.arrive("v_ayse", "https://shop.example/?utm_campaign=bahar&utm_source=instagram", "Ana sayfa",
                referrer=google, minutes_ago=12)  # fmt: skip
    site.view("v_ayse", "https://shop.example/kupa", "El yapımı kupa", minutes_ago=6)
    site.view("v_ayse", "https://shop.example/vazo", "Raku vazo")
    site.cart("v_ayse", 1150, [{"name": "Raku vazo", "quantity": 1}, {"name": "Kupa", "quantity": 2}])
    return site.say("v_ayse", "Vazo kargoda kırılır mı?", name="Ayşe")


def test_a_web_chat_conversation_shows_the_page_origin_and_cart(qtbot, site, section):
    section.show_conversation(a_shopper(site))
    qtbot.waitUntil(section.isVisible)
    assert section.presence.text() == "● Online now"
    assert section.page_title.text() == "Raku vazo"
    assert section.page_url.full_text() == "https://shop.example/vazo"
    rows = [section.pages_box.itemAt(i).widget() for i in range(section.pages_box.count())]
    titles = [row.findChildren(type(section.page_url))[0].full_text() for row in rows]
    assert titles == ["Raku vazo", "El yapımı kupa", "Ana sayfa"]  # newest first
    assert section.facts["referrer"].full_text() == "https://www.google.com/search?q=raku+vazo"
    assert section.facts["search"].text() == "raku vazo"
    assert section.facts["campaign"].text() == "bahar · instagram"
    assert section.facts["language"].text() == "Türkçe (tr-TR)"
    assert section.facts["device"].text() == "phone · Safari · iOS"
    assert section.facts["city"].text() == "unknown"
    assert section.facts["time"].text() == "12 min"
    cart = section.facts["cart"].text().splitlines()
    assert cart[0].endswith(" TRY") and cart[1:] == ["1 × Raku vazo", "2 × Kupa"]
    section.window().grab().save("/tmp/visitors_section.png")


def test_the_section_follows_the_visitor_to_the_next_page(qtbot, site, section):
    section.show_conversation(a_shopper(site))
    qtbot.waitUntil(section.isVisible)
    site.view("v_ayse", "https://shop.example/sepet", "Sepetim")
    qtbot.waitUntil(lambda: section.page_title.text() == "Sepetim")
    site.send("v_ayse", "left", {})
    qtbot.waitUntil(lambda: section.presence.text().startswith("Last seen "))


def test_only_the_ten_newest_pages_are_listed(qtbot, site, section):
    site.arrive("v_gezgin", "https://shop.example/", "Ana sayfa", minutes_ago=30)
    for n in range(11):
        site.view("v_gezgin", f"https://shop.example/urun/{n}", f"Ürün {n}", minutes_ago=20 - n)
    section.show_conversation(site.say("v_gezgin", "Merhaba"))
    qtbot.waitUntil(section.isVisible)
    assert section.pages_box.count() == 10
    assert section.more_pages.text() == "and 2 earlier page(s)"


def test_the_section_is_hidden_for_an_email_conversation(qtbot, ctx, site, section, gui):
    _bridge, tasks = gui
    section.show_conversation(a_shopper(site))
    qtbot.waitUntil(section.isVisible)
    [mail] = ingest(ctx.engine, [incoming(channel="email")], blobs=ctx.blobs, publish=ctx.publish)
    section.show_conversation(mail.conversation_id)
    assert section.isHidden()  # at once, not only when the load comes back
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert section.isHidden() and section.visitor is None


def test_what_the_visitor_typed_is_shown_as_text_never_as_html(qtbot, site, section):
    site.arrive("v_x", f"https://shop.example/?q={XSS}", XSS, referrer=f"https://evil.example/{XSS}")
    site.cart("v_x", 10, [{"name": XSS, "quantity": 1}])
    section.show_conversation(site.say("v_x", XSS, name=XSS))
    qtbot.waitUntil(section.isVisible)
    assert section.page_title.text() == XSS
    assert section.page_title.textFormat() == Qt.TextFormat.PlainText
    assert section.page_url.textFormat() == Qt.TextFormat.PlainText
    assert section.facts["referrer"].textFormat() == Qt.TextFormat.PlainText
    assert section.facts["cart"].text().splitlines()[1] == f"1 × {XSS}"
    assert "&lt;img src=x" in section.facts["referrer"].toolTip()  # tooltips guess HTML too: escaped
    section.window().grab().save("/tmp/visitors_section_xss.png")


def test_the_customer_pane_shows_the_visit_for_web_chat(qtbot, ctx, site, gui):
    bridge, tasks = gui
    pane = CustomerPane(ctx, bridge, tasks)
    qtbot.addWidget(pane)
    pane.resize(320, 900)
    pane.show()
    pane.show_conversation(a_shopper(site))
    qtbot.waitUntil(pane.visit.isVisible)
    assert pane.visit.page_title.text() == "Raku vazo"
    pane.grab().save("/tmp/visitors_pane.png")
    [mail] = ingest(ctx.engine, [incoming(channel="email")], blobs=ctx.blobs, publish=ctx.publish)
    pane.show_conversation(mail.conversation_id)
    qtbot.waitUntil(lambda: tasks.pending == 0)
    assert pane.visit.isHidden() and pane.content.isVisible()
