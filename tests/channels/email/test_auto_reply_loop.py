"""Auto-replies never loop, with real headers through Dovecot and the SMTP server: of a customer's mail,
mailing-list and bulk mail, another robot's auto-reply, a no-reply sender and a bounce, only the customer is
answered; the answer says it is automatic, and the robot's answer to it is not answered again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import format_datetime

from shopdesk.channels.email.account import add_account
from shopdesk.channels.email.channel import EmailChannel, sync_once
from shopdesk.channels.email.watch import Timing
from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import automation
from shopdesk.core.events import MessageIngested
from shopdesk.runtime.sender import OutboxSender
from tests.channels.email.test_imap_sync import _append


def mail(n: int, sender: str, subject: str, *headers: str, body: str = "Merhaba, siparişim nerede?") -> bytes:
    lines = [
        f"From: {sender}",
        "To: shop@shop.example",
        f"Subject: {subject}",
        f"Message-ID: <loop{n}@example.com>",
        f"Date: {format_datetime(datetime.now(UTC))}",  # just written: older mail is history, never answered
        *headers,
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
    ]
    return "\r\n".join(lines).encode()


MAILS = [
    mail(1, "Ayşe Yılmaz <ayse@example.com>", "Sipariş 1001"),
    mail(2, "Liste <news@lists.example>", "Bülten", "List-Id: <duyuru.lists.example>"),
    mail(3, "Kampanya <promo@bulk.example>", "İndirim!", "Precedence: bulk"),
    mail(4, "Ali <ali@example.com>", "Otomatik yanıt: Sipariş", "Auto-Submitted: auto-replied"),
    mail(5, "Can <can@example.com>", "Out of office", "X-Autoreply: yes"),
    mail(6, "Mağaza <no-reply@store.example>", "Siparişiniz"),
    mail(7, "MAILER-DAEMON@mx.example", "Undelivered Mail Returned to Sender"),
    mail(8, "Junk <j@junk.example>", "x", "Precedence: junk"),
]


def test_only_the_customer_gets_an_auto_reply_and_a_robots_answer_gets_none(
    engine, blobs, events, mail_user, smtp_server, memory_keyring
):
    account = mail_user.account(**smtp_server.account_settings())
    add_account(engine, account, mail_user.password)
    closed = automation.AutomationSettings(hours={}, out_of_hours={"email": True})
    automation.save_automation_settings(engine, closed)
    sender = OutboxSender(engine, events, _registry(engine, blobs, events))

    def sync_and_answer() -> int:
        start = len(events)
        sync_once(engine, blobs, events, account, password=mail_user.password)
        for event in [e for e in events[start:] if isinstance(e, MessageIngested)]:
            automation.auto_reply(engine, events, event, tz=UTC, shop_name="Lale Butik")
        return asyncio.run(sender.send_due())

    _append(mail_user, "INBOX", MAILS)
    assert sync_and_answer() == 1
    [answer] = [got.message for got in smtp_server.received]
    assert answer["To"] == "ayse@example.com" and "kapalıyız" in answer.get_body(("plain",)).get_content()
    assert answer["Auto-Submitted"] == "auto-replied"  # so the customer's own robot stays quiet

    # Ayşe's vacation robot answers our auto-reply; we must not answer it back
    robot = mail(
        9,
        "Ayşe Yılmaz <ayse@example.com>",
        "Re: Sipariş 1001",
        "Auto-Submitted: auto-replied",
        f"In-Reply-To: {answer['Message-ID']}",
        body="Şu an tatildeyim.",
    )
    _append(mail_user, "INBOX", [robot])
    assert sync_and_answer() == 0
    assert len(smtp_server.received) == 1


def _registry(engine, blobs, events) -> ChannelRegistry:
    registry = ChannelRegistry()
    registry.register(EmailChannel(engine, blobs, events, timing=Timing(timeout=5)))
    return registry
