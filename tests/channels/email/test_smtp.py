"""Replies over SMTP to a real server on loopback: headers, Turkish text, files, offline, 535, 421, drops."""

from __future__ import annotations

import asyncio

from shopdesk.channels.email.account import add_account
from shopdesk.channels.email.channel import THREADERS, EmailChannel
from shopdesk.channels.email.parse import to_incoming_item
from shopdesk.channels.email.smtp import make_message_id, references, reply_subject
from shopdesk.channels.email.watch import Timing
from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import OutboxItem
from shopdesk.runtime.sender import OutboxSender

CUSTOMER_MAIL = (
    "From: =?utf-8?q?=C5=9E=C3=BCkr=C3=BC_=C3=87elik?= <sukru@example.com.tr>\r\n"
    "To: shop@shop.example\r\n"
    "Subject: =?windows-1254?q?Sipari=FE_1234_nerede=3F?=\r\n"
    "Message-ID: <m1@customer.example>\r\n"
    "Date: Mon, 03 Nov 2025 10:00:00 +0300\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Merhaba, siparişim hâlâ gelmedi.\r\n"
).encode()
TURKISH = "Şükrü Bey, ığüşöç İĞÜŞÖÇ — kargonuz yarın çıkıyor."


class Shop:
    """A shop with one email account (Dovecot + the SMTP server), a customer's mail, and the sender."""

    def __init__(self, engine, blobs, events, mail_user, smtp_server) -> None:
        self.engine, self.blobs, self.events, self.smtp = engine, blobs, events, smtp_server
        account = mail_user.account(**smtp_server.account_settings())
        self.account_id = add_account(engine, account, mail_user.password)
        self.mail_user = mail_user
        item = to_incoming_item(CUSTOMER_MAIL, natural_key="test:1", account_id=self.account_id)
        result = ingest(engine, [item], blobs=blobs, publish=events, threaders=THREADERS)
        self.conversation_id = result[0].conversation_id
        registry = ChannelRegistry()
        registry.register(EmailChannel(engine, blobs, events, timing=Timing(timeout=5)))
        self.sender = OutboxSender(engine, events, registry)

    def queue(self, text: str = TURKISH, attachments=(), automatic: bool = False) -> tuple[int, str]:
        message_id = make_message_id("shop.example")
        item_id = outbox.queue_reply(
            self.engine,
            self.events,
            conversation_id=self.conversation_id,
            text=text,
            author="Kuzu Dükkan",
            attachments=attachments,
            external_id=message_id,
            automatic=automatic,
        )
        return item_id, message_id

    def send_due(self) -> None:
        asyncio.run(self.sender.send_due())

    def item(self, item_id: int) -> OutboxItem:
        with read_session(self.engine) as session:
            return session.get(OutboxItem, item_id)


def _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring) -> Shop:
    return Shop(engine, blobs, events, mail_user, smtp_server)


def test_a_reply_carries_threading_headers_turkish_text_and_files(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    pdf = b"%PDF-1.4 fatura " + bytes(range(256)) * 40
    sha = blobs.put(pdf)
    item_id, message_id = shop.queue(
        attachments=[(sha, "Fatura_Şükrü_Çelik.pdf", "application/pdf", len(pdf))]
    )
    shop.send_due()

    assert shop.item(item_id).state == "sent"
    [got] = smtp_server.received
    assert got.rcpt_tos == ["sukru@example.com.tr"]
    assert smtp_server.logins == [(mail_user.name, mail_user.password)]
    msg = got.message
    assert msg["Message-ID"] == message_id
    assert msg["In-Reply-To"] == "<m1@customer.example>"
    assert "<m1@customer.example>" in msg["References"]
    assert msg["From"].addresses[0].display_name == "Kuzu Dükkan"
    assert msg["From"].addresses[0].addr_spec == f"{mail_user.name}@shop.example"
    assert msg["Subject"] == "Re: Sipariş 1234 nerede?"
    assert max(len(line) for line in got.data.split(b"\r\n")) <= 998
    assert all(byte < 128 for byte in got.data)  # 7-bit clean: any server takes it
    assert msg.get_body(("plain",)).get_content().strip() == TURKISH
    assert "ığüşöç İĞÜŞÖÇ" in msg.get_body(("html",)).get_content()
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "Fatura_Şükrü_Çelik.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == pdf


def test_an_auto_reply_is_marked_auto_submitted_and_the_owners_reply_is_not(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    shop.queue("Şu an kapalıyız.", automatic=True)
    shop.queue("Kargonuz yarın elinizde.")
    shop.send_due()
    auto, own = (got.message for got in smtp_server.received)
    assert (auto["Auto-Submitted"], auto["X-Auto-Response-Suppress"]) == ("auto-replied", "All")
    assert own["Auto-Submitted"] is None


def test_the_sent_reply_is_filed_in_sent_as_read(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    _item_id, message_id = shop.queue()
    shop.send_due()
    client = mail_user.client()
    client.select_folder("Sent", readonly=True)
    fetched = client.fetch(client.search("ALL"), ["FLAGS", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
    client.logout()
    [(flags, header)] = [(v[b"FLAGS"], v[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]) for v in fetched.values()]
    assert b"\\Seen" in flags
    assert message_id.encode() in header


def test_a_provider_that_files_sent_mail_itself_gets_no_copy(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    account = mail_user.account(**smtp_server.account_settings(), provider_files_sent=True)
    account_id = add_account(engine, account, mail_user.password)
    item = to_incoming_item(CUSTOMER_MAIL, natural_key="test:1", account_id=account_id)
    cid = ingest(engine, [item], blobs=blobs, publish=events)[0].conversation_id
    registry = ChannelRegistry()
    registry.register(EmailChannel(engine, blobs, events, timing=Timing(timeout=5)))
    outbox.queue_reply(
        engine, events, conversation_id=cid, text="t", author="o", external_id="<x@shop.example>"
    )
    asyncio.run(OutboxSender(engine, events, registry).send_due())
    assert len(smtp_server.received) == 1
    client = mail_user.client()
    assert not client.folder_exists("Sent")
    client.logout()


def test_offline_the_reply_waits_then_goes_exactly_once(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    smtp_server.stop()
    item_id, message_id = shop.queue()
    shop.send_due()
    item = shop.item(item_id)
    assert (item.state, item.attempts) == ("queued", 1)
    assert "Offline" in item.last_error
    assert item.next_attempt_at > item.updated_at  # a backoff, not an immediate retry
    shop.send_due()
    assert shop.item(item_id).attempts == 1  # waits out its backoff instead of hammering

    smtp_server.start()
    assert outbox.release_waiting(engine, channel="email") == 1  # what the runtime does when email is back
    shop.send_due()
    shop.send_due()
    assert shop.item(item_id).state == "sent"
    [got] = smtp_server.received
    assert got.message["Message-ID"] == message_id
    assert got.message["In-Reply-To"] == "<m1@customer.example>"


def test_a_refused_password_fails_with_the_account_named(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    smtp_server.mode = "auth_fail"
    item_id, _ = shop.queue()
    shop.send_due()
    item = shop.item(item_id)
    assert item.state == "failed"
    assert f"{mail_user.name}@shop.example" in item.last_error
    assert "Settings → Accounts" in item.last_error
    assert smtp_server.received == []


def test_a_421_is_retried_later(engine, blobs, events, mail_user, smtp_server, memory_keyring):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    smtp_server.mode = "busy"
    item_id, _ = shop.queue()
    shop.send_due()
    item = shop.item(item_id)
    assert (item.state, item.attempts) == ("queued", 1)
    assert "421" in item.last_error
    smtp_server.mode = "ok"
    outbox.release_waiting(engine, channel="email")
    shop.send_due()
    assert shop.item(item_id).state == "sent"
    assert len(smtp_server.received) == 1


def test_a_connection_dropped_after_data_is_unknown_not_resent(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    shop = _shop(engine, blobs, events, mail_user, smtp_server, memory_keyring)
    smtp_server.mode = "drop_after_data"
    item_id, _ = shop.queue()
    shop.send_due()
    shop.send_due()
    item = shop.item(item_id)
    assert item.state == "unknown"
    assert "may have been delivered" in item.last_error
    assert len(smtp_server.received) == 1


def test_reply_subjects_and_references():
    assert reply_subject("Sipariş 1234") == "Re: Sipariş 1234"
    assert reply_subject("YNT: Sipariş 1234") == "YNT: Sipariş 1234"
    assert reply_subject("re:  iade") == "re: iade"
    ids = [f"<{n}@x>" for n in range(30)]
    refs = references(ids)
    assert refs[0] == "<0@x>" and refs[-1] == "<29@x>" and len(refs) == 20
    message_id = make_message_id("dukkan.com.tr")
    assert message_id.startswith("<") and message_id.endswith("@dukkan.com.tr>")
    assert make_message_id("dukkan.com.tr") != message_id


def test_a_mail_that_starts_a_conversation_keeps_its_subject(tmp_path):
    from shopdesk.channels.base import OutgoingItem
    from shopdesk.channels.email.account import EmailAccount
    from shopdesk.channels.email.smtp import build_reply
    from shopdesk.core.blobs import BlobStore

    first = OutgoingItem(
        1, 1, 1, "email", 1, "ayse@example.com", "Sepetiniz…", subject="Sepetinizdeki ürünler"
    )
    account = EmailAccount(address="dukkan@example.com", display_name="Dükkan")
    msg = build_reply(first, account, BlobStore(tmp_path))
    assert msg["Subject"] == "Sepetinizdeki ürünler" and msg["In-Reply-To"] is None
    answer = OutgoingItem(2, 2, 1, "email", 1, "a@x.com", "Tamam", subject="Sipariş", reply_to_ids=("<1@x>",))
    assert build_reply(answer, account, BlobStore(tmp_path))["Subject"] == "Re: Sipariş"
