"""Opening IMAP and SMTP connections for an account, with failures named by the step that failed."""

from __future__ import annotations

import base64
import contextlib
import imaplib
import smtplib
import socket
import ssl
from collections.abc import Callable

from imapclient import IMAPClient
from imapclient.exceptions import LoginError
from imapclient.util import to_unicode

from shopdesk.channels.email.account import EmailAccount

STEPS = ("lookup", "connect", "tls", "login", "folder")
_STEP_TEXT = {
    "lookup": "the server name {host} could not be found (name lookup failed)",
    "connect": "could not connect to {host}:{port}",
    "tls": "the secure connection (TLS) to {host}:{port} failed",
    "login": "the server refused the user name or password",
    "folder": "the folder could not be opened",
}


class ConnectFailure(Exception):
    """A connection that failed at ``step`` (one of STEPS) of ``service`` ('imap' or 'smtp')."""

    def __init__(self, service: str, step: str, host: str, port: int, detail: str) -> None:
        self.service, self.step, self.host, self.port, self.detail = service, step, host, port, detail
        what = _STEP_TEXT[step].format(host=host, port=port)
        super().__init__(f"{service.upper()}: {what}" + (f" ({detail})" if detail else ""))


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _classify(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return "lookup"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return "tls"
    return "connect"


def silence_imaplib(client: IMAPClient) -> IMAPClient:
    """Set imaplib's debug level to 0 on ``client``.

    IMAPClient sets it to 5, which makes imaplib format every response, fetched bodies included, into a
    debug string even when logging is off: fetching ran about 2x slower (tests/channels/email guard this).
    """
    client._imap.debug = 0
    return client


def open_imap(
    account: EmailAccount,
    password: str,
    *,
    timeout: float = 30.0,
    on_connected: Callable[[IMAPClient], None] | None = None,
) -> IMAPClient:
    """A logged-in IMAPClient for ``account``; raises ConnectFailure naming the step that failed.

    ``on_connected`` sees the client before it logs in (so another thread can interrupt a slow login).
    """
    host, port = account.imap_host, account.imap_port
    try:
        client = IMAPClient(
            host,
            port=port,
            ssl=account.imap_security == "ssl",
            ssl_context=tls_context() if account.imap_security == "ssl" else None,
            timeout=timeout,
        )
    except (OSError, imaplib.IMAP4.error) as exc:
        raise ConnectFailure("imap", _classify(exc), host, port, str(exc)) from exc
    silence_imaplib(client)
    if on_connected is not None:
        on_connected(client)
    try:
        if account.imap_security == "starttls":
            try:
                client.starttls(tls_context())
            except (OSError, imaplib.IMAP4.error) as exc:
                raise ConnectFailure("imap", "tls", host, port, str(exc)) from exc
        try:
            if (account.login_user + password).isascii():
                client.login(account.login_user, password)
            else:  # imaplib's LOGIN takes ASCII only; AUTHENTICATE PLAIN is UTF-8 (RFC 4616)
                client.plain_login(account.login_user, password)
        except LoginError as exc:
            raise ConnectFailure("imap", "login", host, port, _text(exc)) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise ConnectFailure("imap", "connect", host, port, str(exc)) from exc
    except ConnectFailure:
        close_imap(client)
        raise
    return client


def close_imap(client: IMAPClient | None) -> None:
    """Log out, or at least close the socket; never raises."""
    if client is None:
        return
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


def open_smtp(account: EmailAccount, password: str | None, *, timeout: float = 30.0) -> smtplib.SMTP:
    """A logged-in SMTP connection for ``account``; raises ConnectFailure naming the step that failed."""
    host, port = account.smtp_host, account.smtp_port
    try:
        if account.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise ConnectFailure("smtp", _classify(exc), host, port, str(exc)) from exc
    try:
        _secure_and_login(smtp, account, password)
    except BaseException:
        close_smtp(smtp)
        raise
    return smtp


def _secure_and_login(smtp: smtplib.SMTP, account: EmailAccount, password: str | None) -> None:
    host, port = account.smtp_host, account.smtp_port
    try:
        smtp.ehlo()
        if account.smtp_security == "starttls":
            smtp.starttls(context=tls_context())
            smtp.ehlo()
    except (OSError, smtplib.SMTPException) as exc:
        step = "tls" if account.smtp_security == "starttls" else "connect"
        raise ConnectFailure("smtp", step, host, port, str(exc)) from exc
    if not password:
        return
    if not smtp.has_extn("auth"):
        raise ConnectFailure(
            "smtp", "login", host, port, "the server offers no sign-in here; choose SSL or STARTTLS"
        )
    try:
        _smtp_login(smtp, account.login_user, password)
    except smtplib.SMTPAuthenticationError as exc:
        raise ConnectFailure("smtp", "login", host, port, _smtp_text(exc)) from exc


def _smtp_login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    if (user + password).isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN carries UTF-8 (a Turkish letter in a password).
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def close_smtp(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except Exception:
        smtp.close()


def _text(exc: BaseException) -> str:
    return to_unicode(str(exc)) if exc.args else ""


def _smtp_text(exc: smtplib.SMTPResponseException) -> str:
    message = exc.smtp_error
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return f"{exc.smtp_code} {message}"


def check_imap(account: EmailAccount, password: str, *, timeout: float = 15.0) -> None:
    """Log in and open every folder the account reads; raises ConnectFailure at the first problem."""
    client = open_imap(account, password, timeout=timeout)
    try:
        for folder in account.folders_to_check():
            try:
                client.select_folder(folder, readonly=True)
            except (OSError, imaplib.IMAP4.error) as exc:
                raise ConnectFailure(
                    "imap", "folder", account.imap_host, account.imap_port, f"{folder}: {_text(exc)}"
                ) from exc
    finally:
        close_imap(client)


def check_smtp(account: EmailAccount, password: str, *, timeout: float = 15.0) -> None:
    close_smtp(open_smtp(account, password, timeout=timeout))
