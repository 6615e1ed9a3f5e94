"""The email channel: IMAP receiving threads per account, SMTP sending, and ``sync_once`` for the CLI."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from shopdesk.channels.base import IncomingItem, OutgoingItem, SendError
from shopdesk.channels.email.account import (
    AUTH_FAILED,
    NO_PASSWORD,
    EmailAccount,
    get_account,
    list_accounts,
    password_of,
)
from shopdesk.channels.email.bodies import fill_bodies
from shopdesk.channels.email.connect import ConnectFailure, close_imap, open_imap
from shopdesk.channels.email.imap import AccountResult, Progress, Sink, sent_folder, sync_account
from shopdesk.channels.email.pool import LazyPool
from shopdesk.channels.email.smtp import build_reply, deliver
from shopdesk.channels.email.threading import thread_by_subject
from shopdesk.channels.email.watch import NETWORK_ERRORS, AccountWorker, Timing
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import Threader
from shopdesk.secrets import SecretStoreUnavailable

log = logging.getLogger(__name__)
NAME = "email"
_HAS_CONVERSATION = text("SELECT 1 FROM conversation WHERE contact_id = :c AND channel = :ch LIMIT 1")


def thread_email(session: Session, item: IncomingItem, contact_id: int) -> int | None:
    """core.ingest's threading hook for email: ``thread_by_subject``, skipped for a contact without any
    email conversation yet (most of an initial import), where its query can find nothing."""
    found = session.connection().execute(_HAS_CONVERSATION, {"c": contact_id, "ch": item.channel}).first()
    return thread_by_subject(session, item, contact_id) if found else None


THREADERS: Mapping[str, Threader] = {NAME: thread_email}
POOL_FROM = 400  # new messages from which sync_once reads their bodies in a process pool


class EmailAccountError(Exception):
    """An account that could not be synced, with a message meant for the owner."""


class EmailChannel:
    """Implements shopdesk.channels.base.Channel for every enabled email account."""

    name = NAME

    def __init__(
        self,
        engine: Engine,
        blobs: BlobStore,
        publish: Callable[[object], None],
        *,
        timing: Timing | None = None,
        password: Callable[[int], str | None] = password_of,
        progress: Callable[[int, str, int, int], None] | None = None,
    ) -> None:
        self.engine, self.blobs, self.publish = engine, blobs, publish
        self.timing = timing or Timing()
        self._password = password
        self._progress = progress
        self._workers: dict[int, AccountWorker] = {}
        self._bodies = threading.Event()
        self._stopping = threading.Event()
        self._body_thread: threading.Thread | None = None
        self._lock = threading.Lock()

    @property
    def sink(self) -> Sink:
        return Sink(self.engine, self.blobs, self.publish, THREADERS)

    async def start(self) -> None:
        await asyncio.to_thread(self.start_blocking)

    async def stop(self) -> None:
        await asyncio.to_thread(self.stop_blocking)

    def start_blocking(self) -> None:
        """Start receiving for every enabled account (and read bodies left from an earlier run)."""
        self._stopping.clear()
        self._body_thread = threading.Thread(target=self._body_loop, name="email-bodies", daemon=True)
        self._body_thread.start()
        self._bodies.set()
        with read_session(self.engine) as session:
            accounts = list_accounts(session, enabled_only=True)
        for account in accounts:
            self._start_worker(account)

    def stop_blocking(self) -> None:
        self._stopping.set()
        self._bodies.set()
        with self._lock:
            workers, self._workers = list(self._workers.values()), {}
        for worker in workers:
            worker.stop()
        if self._body_thread is not None:
            self._body_thread.join(30)

    def reload(self, account_id: int) -> None:
        """The account's settings changed (or it was added/removed): restart its receiving."""
        with self._lock:
            worker = self._workers.pop(account_id, None)
        if worker is not None:
            worker.stop()
        with read_session(self.engine) as session:
            account = get_account(session, account_id)
        if account is not None and not self._stopping.is_set():
            self._start_worker(account)

    def wake(self) -> None:
        """Sync every account now."""
        with self._lock:
            for worker in self._workers.values():
                worker.wake()

    def worker(self, account_id: int) -> AccountWorker | None:
        with self._lock:
            return self._workers.get(account_id)

    def _start_worker(self, account: EmailAccount) -> None:
        progress = None
        if self._progress is not None:
            progress = lambda folder, done, total: self._progress(account.id, folder, done, total)  # noqa: E731
        worker = AccountWorker(
            account,
            self.sink,
            self.publish,
            lambda: self._password_or_none(account.id),
            timing=self.timing,
            progress=progress,
            after_sync=lambda new: self._bodies.set() if new else None,
        )
        with self._lock:
            self._workers[account.id] = worker
        worker.start()

    def _password_or_none(self, account_id: int) -> str | None:
        try:
            return self._password(account_id)
        except SecretStoreUnavailable as exc:
            self.publish(ChannelStatus(NAME, account_id, "auth_failed", str(exc)))
            return None

    def _body_loop(self) -> None:
        while not self._stopping.is_set():
            self._bodies.wait()
            self._bodies.clear()
            try:
                fill_bodies(self.engine, self.blobs, self.publish, should_stop=self._stopping.is_set)
            except Exception:
                log.exception("reading message bodies failed")

    # Sending

    async def send(self, item: OutgoingItem) -> str | None:
        return await asyncio.to_thread(self.send_blocking, item)

    def send_blocking(self, item: OutgoingItem) -> str | None:
        account = self._sending_account(item)
        try:
            password = self._password(account.id)
        except SecretStoreUnavailable as exc:
            raise SendError(str(exc), kind="fatal") from exc
        if not password:
            raise SendError(NO_PASSWORD.format(address=account.address), kind="fatal")
        try:
            msg = build_reply(item, account, self.blobs)
        except (ValueError, OSError) as exc:
            raise SendError(f"The reply could not be put together: {exc}", kind="fatal") from exc
        deliver(account, password, msg, timeout=self.timing.timeout)
        if not account.provider_files_sent:
            append_sent(account, password, msg.as_bytes(), timeout=self.timing.timeout)
        return msg["Message-ID"]

    def _sending_account(self, item: OutgoingItem) -> EmailAccount:
        with read_session(self.engine) as session:
            account = get_account(session, item.account_id) if item.account_id else None
            account = account or next(iter(list_accounts(session, enabled_only=True)), None)
        if account is None:
            raise SendError("No email account is set up: add one in Settings → Accounts.", kind="fatal")
        return account


def append_sent(account: EmailAccount, password: str, raw: bytes, *, timeout: float = 60.0) -> bool:
    """File a sent reply in the account's Sent folder (seen); False, logged, when that did not work."""
    client = None
    try:
        client = open_imap(account, password, timeout=timeout)
        folder = sent_folder(client, account) or "Sent"
        if not client.folder_exists(folder):
            client.create_folder(folder)
        client.append(folder, raw, flags=(b"\\Seen",))
        return True
    except (ConnectFailure, *NETWORK_ERRORS) as exc:
        log.warning("account %s: the sent reply was not filed in Sent: %s", account.id, exc)
        return False
    finally:
        close_imap(client)


@dataclass
class SyncSummary:
    account_id: int
    address: str
    new: int = 0
    folders: dict[str, int] = field(default_factory=dict)
    bodies: int = 0
    listed_seconds: float = 0.0
    total_seconds: float = 0.0

    def describe(self) -> str:
        parts = ", ".join(f"{folder}: {n}" for folder, n in self.folders.items()) or "no folders"
        return f"{self.address}: {self.new} new ({parts})"


def sync_once(
    engine: Engine,
    blobs: BlobStore,
    publish: Callable[[object], None],
    account: EmailAccount,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    timeout: float = 60.0,
    bodies: bool = True,
) -> SyncSummary:
    """Sync every folder of ``account`` once and read the new bodies (``shopdesk sync --once``).

    ``bodies=False`` stops once every message is stored and listed (their bodies wait, marked pending).

    Raises EmailAccountError with an owner-readable message when the account cannot be synced.
    """
    started = time.monotonic()
    summary = SyncSummary(account.id, account.address)
    pool = LazyPool()  # only a big sync starts it: headers, then bodies, read on the other cores
    try:
        sink = Sink(engine, blobs, publish, THREADERS, executor=pool)
        result = _fetch(sink, account, password, progress, timeout)
        summary.new = result.new
        summary.folders = {f.folder: f.new for f in result.folders}
        summary.listed_seconds = time.monotonic() - started
        if bodies:
            executor = pool if result.new >= POOL_FROM else None
            summary.bodies = fill_bodies(engine, blobs, publish, executor=executor)
    finally:
        pool.shutdown(cancel_futures=True)
    summary.total_seconds = time.monotonic() - started
    return summary


def _fetch(sink: Sink, account: EmailAccount, password, progress, timeout) -> AccountResult:
    publish = sink.publish
    try:
        password = password if password is not None else password_of(account.id)
    except SecretStoreUnavailable as exc:
        raise EmailAccountError(str(exc)) from exc
    if not password:
        raise EmailAccountError(NO_PASSWORD.format(address=account.address))
    try:
        client = open_imap(account, password, timeout=timeout)
    except ConnectFailure as exc:
        publish(
            ChannelStatus(NAME, account.id, "auth_failed" if exc.step == "login" else "offline", str(exc))
        )
        if exc.step == "login":
            raise EmailAccountError(AUTH_FAILED.format(address=account.address)) from exc
        raise EmailAccountError(f"The account {account.address}: {exc}") from exc
    try:
        result = sync_account(client, sink, account, progress=progress)
    except NETWORK_ERRORS as exc:
        raise EmailAccountError(f"The account {account.address}: the connection broke ({exc})") from exc
    finally:
        close_imap(client)
    publish(ChannelStatus(NAME, account.id, "connected"))
    return result
