"""Mail in the conversation view: folded quotes, HTML on request (cid: only), sender's images, bad mail."""

from __future__ import annotations

import itertools
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.email.parse import to_incoming_item
from shopdesk.core.db import read_session
from shopdesk.core.image_permissions import images_allowed
from shopdesk.core.ingest import ingest
from shopdesk.core.message_bodies import BODY_PENDING
from shopdesk.core.models import utcnow
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.conversation_view import ConversationView
from tests.helpers.http_listener import http_listener  # noqa: F401
from tests.helpers.pictures import drawn, png

RED, BLUE, GREEN = "#ff0000", "#1e90aa", "#00ff00"  # BLUE is not the links' blue
SENDER = "ayse@example.com.tr"
_keys = itertools.count(1)
QUOTED_REPLY = (
    "Bedeni küçük geldi, iade edebilir miyim?\n\nAyşe\n\n"
    "On Mon, 3 Jun 2024 at 10:12, Lale Butik <info@lalebutik.com> wrote:\n"
    "> Siparişiniz kargoya verildi.\n> Takip no: 123456\n"
)


@pytest.fixture
def view(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    view = ConversationView(ctx, bridge, tasks)
    view.confirm_link = lambda url: False
    qtbot.addWidget(view)
    view.resize(760, 800)
    view.show()
    qtbot.waitExposed(view)
    yield view
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=15000)
    tasks.shutdown()
    bridge.close()


def html_mail(listener, *, text: str = QUOTED_REPLY, banner: str = "/banner.png") -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Ayşe Demir <{SENDER}>"
    msg["To"] = "Lale Butik <info@lalebutik.com>"
    msg["Subject"] = "Sipariş 1042 iade"
    msg["Message-ID"] = make_msgid(domain="example.com.tr")
    msg["Date"] = format_datetime(utcnow())
    msg.set_content(text)
    msg.add_alternative(
        '<p><img src="cid:logo@lale" width="40" height="40"></p>'
        "<table><tr><td>Ürün tablosu</td></tr></table>"
        f'<p><img src="{listener.url("/pixel.png")}" width="1" height="1">'
        f'<img src="{listener.url(banner)}"></p>'
        f'<p style="background-image:url({listener.url("/bg.png")})">Teşekkürler</p>'
        '<p><a href="https://kargo.example.com/takip">Kargo takibi</a>'
        ' <a href="javascript:x()">tıkla</a></p>',
        subtype="html",
    )
    msg.get_payload()[1].add_related(png(RED), "image", "png", cid="<logo@lale>")
    return msg.as_bytes()


def receive_raw(ctx, raw: bytes, conversation_of: int | None = None) -> tuple[int, int]:
    item = to_incoming_item(raw, natural_key=f"imap:1:INBOX:1:{next(_keys)}")
    result = ingest(ctx.engine, [item], blobs=ctx.blobs, publish=ctx.publish)[0]
    return result.conversation_id, result.message_id


def test_the_quoted_history_is_folded_behind_a_link(view, ctx, http_listener):  # noqa: F811
    cid, mid = receive_raw(ctx, html_mail(http_listener))
    view.show_conversation(cid)
    text = view.toPlainText()
    assert "iade edebilir miyim?" in text and "Show quoted text" in text
    assert "Takip no: 123456" not in text
    view.follow_link(QUrl(f"sd:quoted/{mid}"))
    assert "Takip no: 123456" in view.toPlainText() and "Hide quoted text" in view.toPlainText()
    view.follow_link(QUrl(f"sd:unquoted/{mid}"))
    assert "Takip no: 123456" not in view.toPlainText()


def test_html_is_drawn_only_when_opened_and_shows_only_its_cid_part(qtbot, view, ctx, http_listener):  # noqa: F811
    http_listener.files["/banner.png"] = ("image/png", png(BLUE))
    cid, mid = receive_raw(ctx, html_mail(http_listener))
    view.show_conversation(cid)
    assert "Ürün tablosu" not in view.toPlainText() and "View as HTML" in view.toPlainText()
    view.follow_link(QUrl(f"sd:html/{mid}"))
    QApplication.processEvents()
    text = view.toPlainText()
    assert "Ürün tablosu" in text and "View as plain text" in text
    assert "Remote images blocked to protect your privacy: 2." in text
    assert drawn(view, RED)  # the logo from its own cid: part
    assert not drawn(view, BLUE)
    qtbot.waitUntil(lambda: view._tasks.pending == 0)
    assert http_listener.requests == []  # no tracking pixel, no banner, no CSS background
    assert "javascript" not in view.document().toHtml()


def test_load_images_fetches_them_after_the_click_and_remembers_the_sender(qtbot, view, ctx, http_listener):  # noqa: F811
    http_listener.files["/banner.png"] = ("image/png", png(BLUE))
    http_listener.files["/second.png"] = ("image/png", png(GREEN))
    cid, mid = receive_raw(ctx, html_mail(http_listener))
    view.show_conversation(cid)
    view.follow_link(QUrl(f"sd:html/{mid}"))
    assert http_listener.requests == []
    view.follow_link(QUrl(f"sd:images/{mid}"))
    view.follow_link(QUrl(f"sd:images/{mid}"))  # a second click while the first fetch is on its way
    qtbot.waitUntil(lambda: "Stop loading images from this sender" in view.toPlainText(), timeout=15000)
    qtbot.waitUntil(lambda: view._tasks.pending == 0)
    assert sorted(http_listener.requests) == ["/banner.png", "/pixel.png"]  # once each, never the CSS url()
    assert drawn(view, BLUE)
    with read_session(ctx.engine) as session:
        assert images_allowed(session, address=SENDER.upper())
    # The choice holds for the sender's next mail: opening it loads its images without asking.
    _cid2, mid2 = receive_raw(ctx, html_mail(http_listener, banner="/second.png"))
    qtbot.waitUntil(lambda: f"sd:html/{mid2}" in view.document().toHtml())
    view.follow_link(QUrl(f"sd:html/{mid2}"))
    qtbot.waitUntil(lambda: "/second.png" in http_listener.requests, timeout=15000)
    qtbot.waitUntil(lambda: drawn(view, GREEN))


def test_links_in_mail_ask_before_opening(view, ctx, http_listener):  # noqa: F811
    cid, mid = receive_raw(ctx, html_mail(http_listener))
    view.show_conversation(cid)
    view.follow_link(QUrl(f"sd:html/{mid}"))
    asked, opened = [], []
    view.confirm_link = lambda url: asked.append(url.toString()) or True
    view.open_url = lambda url: opened.append(url.toString())
    view.anchorClicked.emit(QUrl("https://kargo.example.com/takip"))
    view.anchorClicked.emit(QUrl("javascript:x()"))
    assert asked == opened == ["https://kargo.example.com/takip"]


def unreadable_item(raw: bytes) -> IncomingItem:
    return IncomingItem(
        channel="email",
        natural_key=f"imap:1:INBOX:1:{next(_keys)}",
        sender_address=SENDER,
        sender_name="Ayşe Demir",
        text="\x00 bozuk gövde: ödeme yapıldı",
        subject="Bozuk",
        raw=raw,
        parse_note="could not parse this message (HeaderParseError); the original is kept and shown as text",
    )


def test_an_unreadable_message_shows_a_note_its_headers_and_saves_its_original(qtbot, view, ctx, tmp_path):
    raw = (
        b"From: =?utf-8?q?=C5=9E=C3=BCkr=C3=BC?= <sukru@example.com.tr>\r\nTo: info@lalebutik.com\r\n"
        b"Subject: =?utf-8?q?=C3=96deme?=\r\nDate: Mon, 3 Jun 2024 10:12:00 +0300\r\n\r\n\x00\xff broken"
    )
    result = ingest(ctx.engine, [unreadable_item(raw)], blobs=ctx.blobs, publish=ctx.publish)[0]
    view.show_conversation(result.conversation_id)
    text = view.toPlainText()
    assert "ShopDesk could not read this message." in text
    assert "could not parse this message" in text and "ödeme yapıldı" in text
    qtbot.waitUntil(lambda: "Şükrü <sukru@example.com.tr>" in view.toPlainText())
    assert "Subject:" in view.toPlainText() and "Ödeme" in view.toPlainText()
    assert "Save original (.eml)" in view.toPlainText()
    target = tmp_path / "original.eml"
    view.mail.save_original(result.message_id, str(target))
    qtbot.waitUntil(lambda: target.exists() and target.read_bytes() == raw)


def test_a_note_offers_the_original_and_a_pending_body_says_it_is_being_read(view, ctx):
    item = unreadable_item(b"Subject: x\r\n\r\nbody")
    item.parse_note = "text/plain part: no charset declared, read as windows-1254"
    pending = unreadable_item(b"Subject: y\r\n\r\nbody")
    pending.parse_note, pending.text = BODY_PENDING, ""
    results = ingest(ctx.engine, [item, pending], blobs=ctx.blobs, publish=ctx.publish)
    view.show_conversation(results[0].conversation_id)
    text = view.toPlainText()
    assert "⚠ text/plain part: no charset declared" in text and "Save original (.eml)" in text
    assert "could not read this message" not in text
    assert "Reading the message text…" in text and BODY_PENDING not in text


def test_five_hundred_mails_with_quotes_and_html_open_fast(qtbot, view, ctx):
    quote = "\n\nOn Mon, 3 Jun 2024 at 10:12, Lale <info@lale.com> wrote:\n" + "> eski satır\n" * 30
    items = [
        IncomingItem(
            channel="email",
            natural_key=f"imap:1:INBOX:1:{next(_keys)}",
            sender_address=SENDER,
            text=f"Mesaj {i}: kargo ve iade.{quote}",
            html=f"<p>HTML {i}</p>" * 30,
            created_at=utcnow(),
        )
        for i in range(500)
    ]
    cid = ingest(ctx.engine, items, blobs=ctx.blobs, publish=ctx.publish)[0].conversation_id
    started = time.perf_counter()
    view.show_conversation(cid)
    qtbot.waitExposed(view)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5  # about 50-80 ms here; the goal is 100 ms, the margin is for slow CI machines
    text = view.toPlainText()
    assert "Mesaj 499:" in text and "eski satır" not in text and "HTML 499" not in text
