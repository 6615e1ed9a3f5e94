"""An SMTP server on loopback (aiosmtpd) that records what it receives and misbehaves on demand.

``mode``: "ok"; "auth_fail" (535 to every sign-in); "busy" (421 to MAIL FROM); "drop_after_data" (takes
the message, records it, then closes the connection without answering). ``stop()``/``start()`` take it
off the network and back on the same port, for the offline tests.
"""

from __future__ import annotations

import email
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.helpers.dovecot import free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)


@dataclass
class _Handler:
    server: SmtpServer
    received: list[Received] = field(default_factory=list)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.server.mode == "busy":
            return "421 4.3.2 Service busy, try later"
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        got = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or b"")
        with self.server.lock:
            self.received.append(got)
        if self.server.mode == "drop_after_data":
            server.transport.close()
            return None
        return "250 Message accepted"


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.mode = "ok"
        self.lock = threading.Lock()
        self.handler = _Handler(self)
        self.logins: list[tuple[str, str]] = []
        self._controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        with self.lock:
            return list(self.handler.received)

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        """Any user name and password sign in (recorded in ``logins``), except in "auth_fail" mode."""
        if isinstance(auth_data, LoginPassword):
            with self.lock:
                self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=self.mode != "auth_fail", handled=False)

    def start(self) -> None:
        self._controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._authenticate,
            auth_require_tls=False,
            decode_data=False,
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def account_settings(self) -> dict:
        return {"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_security": "none"}


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()
