"""Small raw emails for tests: Turkish customers writing to the shop, and the shop's own replies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

SHOP = "shop@shop.example"


def mail(
    n: int,
    *,
    sender: tuple[str, str] = ("Şükrü Çelik", "sukru@example.com.tr"),
    to: tuple[str, str] = ("Kuzu Dükkan", SHOP),
    subject: str | None = None,
    body: str | None = None,
    in_reply_to: str | None = None,
    days_ago: float = 0,
) -> bytes:
    """Message number ``n``: a unique Message-ID <n@…>, UTF-8 headers and body, CRLF line ends."""
    msg = EmailMessage()
    msg["From"] = Address(display_name=sender[0], addr_spec=sender[1])
    msg["To"] = Address(display_name=to[0], addr_spec=to[1])
    msg["Subject"] = subject if subject is not None else f"Sipariş {1000 + n} ne zaman gelir?"
    msg["Message-ID"] = f"<{n}.test@{sender[1].split('@')[1]}>"
    msg["Date"] = format_datetime(datetime.now(UTC) - timedelta(days=days_ago))
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body if body is not None else f"Merhaba, {n} numaralı siparişim nerede? ığüşöç İĞÜŞÖÇ")
    return msg.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
