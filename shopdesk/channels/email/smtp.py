"""Building a reply as an email and delivering it over SMTP, with failures sorted into SendError kinds.

Kinds (DESIGN §4.3): a refused password is "fatal" (the owner must act), a 4xx answer or no connection
is "retry", and a connection lost once the message text was being sent is "unknown" (it may have been
delivered; never resent blindly).
"""

from __future__ import annotations

import html
import re
import smtplib
import ssl
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.channels.email.account import AUTH_FAILED, EmailAccount
from shopdesk.channels.email.connect import ConnectFailure, close_smtp, open_smtp
from shopdesk.core.blobs import BlobStore
from shopdesk.core.models import utcnow

MAX_REFERENCES = 20
_REPLY_PREFIX = re.compile(r"^\s*(?:re|aw|ynt|sv|antw|odp|r)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_AUTH_CODES = {530, 534, 535, 538}
# Lines stay under SMTP's 998-octet limit and non-ASCII text is encoded, whatever the server supports.
SEND_POLICY = policy.SMTP.clone(cte_type="7bit")


def make_message_id(domain: str) -> str:
    """A new Message-ID ("<…@domain>"); the outbox fixes it when a reply is queued, before any try."""
    return make_msgid(domain=domain or "localhost")


def reply_subject(subject: str) -> str:
    subject = " ".join((subject or "").split())
    return subject if _REPLY_PREFIX.match(subject) else f"Re: {subject}".rstrip()


def reply_html(text: str) -> str:
    """The plain text as a simple HTML part: escaped, paragraphs and line breaks kept."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'


def references(ids: tuple[str, ...] | list[str]) -> list[str]:
    """The thread's ids for References: the first (the thread's root) and the latest ones."""
    ids = list(dict.fromkeys(i for i in ids if i))
    if len(ids) <= MAX_REFERENCES:
        return ids
    return [ids[0], *ids[-(MAX_REFERENCES - 1) :]]


def build_reply(item: OutgoingItem, account: EmailAccount, blobs: BlobStore) -> EmailMessage:
    """The reply as an email: From with the display name, threading headers, text + HTML, files."""
    msg = EmailMessage(policy=SEND_POLICY)
    msg["From"] = Address(display_name=account.display_name, addr_spec=account.address)
    msg["To"] = item.to_address
    # a mail that starts the conversation (a cart reminder) is no reply: its subject stays as written
    msg["Subject"] = reply_subject(item.subject) if item.reply_to_ids else " ".join(item.subject.split())
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = item.external_id or make_message_id(account.domain)
    refs = references(item.reply_to_ids)
    if refs:
        msg["In-Reply-To"] = refs[-1]
        msg["References"] = " ".join(refs)
    if item.automatic:  # RFC 3834, so that the customer's own auto-responder does not answer it
        msg["Auto-Submitted"] = "auto-replied"
        msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(item.text, cte="quoted-printable")
    msg.add_alternative(reply_html(item.text), subtype="html", cte="quoted-printable")
    for sha, filename, mime in item.attachments:
        maintype, _, subtype = (mime or "application/octet-stream").partition("/")
        msg.add_attachment(
            blobs.get(sha), maintype=maintype, subtype=subtype or "octet-stream", filename=filename
        )
    return msg


def deliver(account: EmailAccount, password: str | None, msg: EmailMessage, *, timeout: float = 60.0) -> None:
    """Send ``msg`` through the account's SMTP server; raises SendError (kind retry, fatal or unknown)."""
    try:
        smtp = open_smtp(account, password, timeout=timeout)
    except ConnectFailure as exc:
        raise _connect_error(account, exc) from exc
    except smtplib.SMTPResponseException as exc:  # e.g. a 454 "try later" at sign-in
        _expect((exc.smtp_code, exc.smtp_error), (), account)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"Could not talk to {account.smtp_host}: {exc}", kind="retry") from exc
    try:
        _transfer(smtp, account, msg)
    finally:
        close_smtp(smtp)


def _transfer(smtp: smtplib.SMTP, account: EmailAccount, msg: EmailMessage) -> None:
    recipients = [a.addr_spec for a in msg["To"].addresses]
    data = msg.as_bytes(policy=SEND_POLICY)
    try:
        _expect(smtp.mail(account.address), (250,), account)
        for rcpt in recipients:
            _expect(smtp.rcpt(rcpt), (250, 251), account)
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise SendError(f"The connection to {account.smtp_host} broke before sending ({exc}).") from exc
    try:
        reply = smtp.data(data)
    except smtplib.SMTPDataError as exc:  # DATA itself refused: nothing was sent
        _expect((exc.smtp_code, exc.smtp_error), (354,), account)
        raise
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise SendError(
            f"The connection to {account.smtp_host} broke while the message was being sent ({exc}); "
            "it may have been delivered. Check the recipient's answer or your Sent folder, then resend "
            "or mark it sent.",
            kind="unknown",
        ) from exc
    _expect(reply, (250,), account)


def _expect(reply: tuple[int, bytes | str], ok: tuple[int, ...], account: EmailAccount) -> None:
    code, text = reply
    if code in ok:
        return
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    if code in _AUTH_CODES:
        raise SendError(AUTH_FAILED.format(address=account.address), kind="fatal")
    if 400 <= code < 500:
        raise SendError(f"The mail server asked to try later: {code} {text}", kind="retry")
    raise SendError(f"The mail server refused the message: {code} {text}", kind="fatal")


def _connect_error(account: EmailAccount, exc: ConnectFailure) -> SendError:
    if exc.step == "login":
        return SendError(AUTH_FAILED.format(address=account.address) + f" ({exc.detail})", kind="fatal")
    if exc.step == "tls" and isinstance(exc.__cause__, ssl.SSLCertVerificationError):
        return SendError(
            f"The account {account.address}: {exc}. Check the SMTP security setting (SSL or STARTTLS).",
            kind="fatal",
        )
    return SendError(
        f"Offline: {exc}. The reply waits and is sent when the connection is back.", kind="retry"
    )
