"""One account's receiving threads: a fetcher that syncs, an IDLE watcher that wakes it, both reconnecting.

DESIGN §3/§5: IMAPClient is blocking, so each connection has its own thread. IDLE runs on its own
connection and is re-issued at most every ``idle_seconds`` (10 minutes by default, as RFC 2177 asks),
with a NOOP in between to find a dead connection. Without IDLE on the server the fetcher polls.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from shopdesk.channels.email.account import AUTH_FAILED, NO_PASSWORD, EmailAccount
from shopdesk.channels.email.connect import ConnectFailure, close_imap, open_imap
from shopdesk.channels.email.imap import Progress, Sink, sync_account
from shopdesk.core.events import ChannelStatus

log = logging.getLogger(__name__)
CHANNEL = "email"
NETWORK_ERRORS = (OSError, imaplib.IMAP4.error, IMAPClientError, EOFError)


@dataclass
class Timing:
    """How often things happen; tests shorten them."""

    idle_seconds: float = 600.0  # re-issue IDLE (and NOOP) at least this often
    poll_seconds: float = 120.0  # sync every folder this often, IDLE or not
    fallback_poll_seconds: float = 60.0  # how often when the server has no IDLE
    check_seconds: float = 30.0  # longest single wait inside IDLE
    backoff: tuple[float, ...] = (1, 2, 5, 10, 30, 60, 120, 300)
    auth_retry_seconds: float = 1800.0  # after a refused password, until the settings change
    timeout: float = 60.0  # socket timeout of a connection


class AccountWorker:
    """Receives one account's mail until ``stop()``: status on the bus, mail through ``sink``."""

    def __init__(
        self,
        account: EmailAccount,
        sink: Sink,
        publish: Callable[[object], None],
        password: Callable[[], str | None],
        *,
        timing: Timing | None = None,
        progress: Progress | None = None,
        after_sync: Callable[[int], None] | None = None,
    ) -> None:
        self.account, self.sink, self.publish, self.password = account, sink, publish, password
        self.timing = timing or Timing()
        self.progress = progress
        self.after_sync = after_sync  # called with the number of new messages (the body reader's cue)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._idle_ok = threading.Event()  # set while an IDLE connection watches INBOX
        self._signed_in = threading.Event()  # the fetcher got in: the password is good
        self._state: tuple[str, str] = ("", "")
        self.idle_rounds = 0
        self._clients: dict[str, IMAPClient | None] = {"fetch": None, "idle": None}
        self._threads = [
            threading.Thread(target=self._fetch_loop, name=f"imap-fetch-{account.id}", daemon=True),
            threading.Thread(target=self._idle_loop, name=f"imap-idle-{account.id}", daemon=True),
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def wake(self) -> None:
        """Sync now (new mail announced, or the owner asked)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._signed_in.set()  # lets the IDLE thread see the stop
        for client in list(self._clients.values()):
            _interrupt(client)
        for thread in self._threads:
            if thread.is_alive() and thread is not threading.current_thread():
                thread.join(timeout)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def wait_idling(self, timeout: float) -> bool:
        """Whether an IDLE connection watches INBOX (waiting up to ``timeout`` seconds)."""
        return self._idle_ok.wait(timeout)

    def _status(self, state: str, detail: str = "") -> None:
        if (state, detail) != self._state:
            self._state = (state, detail)
            self.publish(ChannelStatus(CHANNEL, self.account.id, state, detail))

    def _connect(self, role: str) -> IMAPClient:
        password = self.password()
        if not password:
            account = self.account
            raise ConnectFailure("imap", "login", account.imap_host, account.imap_port, "no password")
        client = open_imap(
            self.account, password, timeout=self.timing.timeout, on_connected=self._register(role)
        )
        _keepalive(client)
        return client

    def _register(self, role: str):
        def register(client: IMAPClient) -> None:
            self._clients[role] = client
            if self._stop.is_set():  # stop() ran while connecting: it could not interrupt this one
                _interrupt(client)

        return register

    def _drop(self, role: str) -> None:
        close_imap(self._clients.get(role))
        self._clients[role] = None

    # The fetcher: sync, then wait for IDLE's cue or the poll interval; reconnect with backoff.

    def _fetch_loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                client = self._clients["fetch"] or self._connect("fetch")
                self._signed_in.set()
                self._status("connected")  # before a long first import, so queued replies can go
                self._wake.clear()
                result = sync_account(
                    client, self.sink, self.account, progress=self.progress, should_stop=self._stop.is_set
                )
                failures = 0
                if self.after_sync is not None:
                    self.after_sync(result.new)
            except (ConnectFailure, *NETWORK_ERRORS) as exc:
                failures = self._failed(exc, failures, "fetch")
                continue
            except Exception as exc:  # a store error or a bug: report, wait, try again; never die
                log.exception("account %s: sync failed", self.account.id)
                failures = self._failed(
                    RuntimeError(f"Receiving mail failed: {exc}"), max(failures, 1), "fetch"
                )
                continue
            self._wake.wait(self._poll_interval())
        self._drop("fetch")

    def _poll_interval(self) -> float:
        if self._idle_ok.is_set():
            return self.timing.poll_seconds
        return min(self.timing.poll_seconds, self.timing.fallback_poll_seconds)

    def _failed(self, exc: BaseException, failures: int, role: str) -> int:
        self._drop(role)
        if self._stop.is_set():
            return failures
        if isinstance(exc, ConnectFailure) and exc.step == "login":
            self._signed_in.clear()
            text = NO_PASSWORD if exc.detail == "no password" else AUTH_FAILED
            self._status("auth_failed", text.format(address=self.account.address))
            self._wake.clear()
            self._wake.wait(self.timing.auth_retry_seconds)
            return failures
        log.info("account %s %s connection: %s", self.account.id, role, exc)
        if failures == 0 and not isinstance(exc, ConnectFailure):
            return 1  # an open connection broke (often just idle too long): reconnect at once, quietly
        self._status("offline", str(exc))
        delay = self.timing.backoff[min(failures, len(self.timing.backoff) - 1)]
        self._stop.wait(delay)
        return failures + 1

    # The IDLE watcher: the first folder (INBOX) on its own connection; EXISTS wakes the fetcher.

    def _idle_loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            # Only once the fetcher got in: a wrong password is tried once, not on every connection.
            if not self._signed_in.wait(1.0) or self._stop.is_set():
                continue
            try:
                client = self._connect("idle")
                if not client.has_capability("IDLE"):
                    log.info("account %s: the server has no IDLE; polling", self.account.id)
                    self._drop("idle")
                    return
                client.select_folder(
                    self.account.folders[0] if self.account.folders else "INBOX", readonly=True
                )
                self._idle_ok.set()
                self.wake()  # mail that came before this SELECT is not announced by IDLE: sync once
                failures = 0
                self._idle(client)
            except (ConnectFailure, *NETWORK_ERRORS) as exc:
                self._idle_ok.clear()
                self._drop("idle")
                if self._stop.is_set():
                    return
                if isinstance(exc, ConnectFailure) and exc.step == "login":
                    self._stop.wait(self.timing.auth_retry_seconds)  # the fetcher reports it
                    continue
                log.info("account %s IDLE connection: %s", self.account.id, exc)
                self._stop.wait(self.timing.backoff[min(failures, len(self.timing.backoff) - 1)])
                failures += 1
        self._drop("idle")

    def _idle(self, client: IMAPClient) -> None:
        """IDLE until stopped: each round at most ``idle_seconds``, then DONE and a NOOP (raises if dead)."""
        while not self._stop.is_set():
            client.idle()
            self.idle_rounds += 1
            news = self._idle_round(client)
            # Mail may also be announced in the answers to DONE and to the NOOP.
            news |= any(map(_announces_mail, client.idle_done()[1]))
            news |= any(map(_announces_mail, client.noop()[1]))
            if news:
                self.wake()

    def _idle_round(self, client: IMAPClient) -> bool:
        deadline = time.monotonic() + self.timing.idle_seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            wait = min(left, self.timing.check_seconds)
            began = time.monotonic()
            responses = client.idle_check(timeout=wait)
            if any(_announces_mail(r) for r in responses):
                return True
            if not responses and time.monotonic() - began < wait / 2:
                return False  # readable but nothing to read: the server closed; DONE/NOOP will tell
        return False


def _announces_mail(response) -> bool:
    return len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")


def _keepalive(client: IMAPClient) -> None:
    with contextlib.suppress(OSError):
        client.socket().setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)


def _interrupt(client: IMAPClient | None) -> None:
    """Wake a thread blocked on ``client`` (in IDLE or a fetch) by shutting its socket down."""
    if client is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        client.socket().shutdown(socket.SHUT_RDWR)
