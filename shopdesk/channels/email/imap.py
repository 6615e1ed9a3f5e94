"""IMAP folder sync: per-folder (uidvalidity, last_uid) cursors, BODY.PEEK[] in batches, one commit each.

Every batch is stored and its cursor advanced in the same transaction (DESIGN §4.1), so a crash at any
point loses nothing and duplicates nothing. A UIDVALIDITY change fetches the window again and core's
dedupe key (Message-ID + content hash; X-GM-MSGID on Gmail) re-maps what is already stored.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from imapclient import IMAPClient
from imapclient.imapclient import SENT
from sqlalchemy.engine import Engine

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.email.account import EmailAccount
from shopdesk.channels.email.bodies import header_item
from shopdesk.channels.email.prefetch import Prefetcher
from shopdesk.core.blob_batch import put_many
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session
from shopdesk.core.ingest import CursorUpdate, Threader, get_cursor, ingest
from shopdesk.core.models import Direction, utcnow

log = logging.getLogger(__name__)

BATCH_UIDS = 200
POOL_FROM = 1000  # new messages in a folder from which headers are read in the sink's process pool
LOOKAHEAD = 1  # batches being read in the pool while one is stored (2 was slower on 2 cores)
BATCH_BYTES = 8 * 1024 * 1024
Progress = Callable[[str, int, int], None]  # (folder, done, total)
ItemMaker = Callable[..., IncomingItem]


@dataclass(frozen=True)
class FolderCursor:
    """Where a folder's sync stopped; ``since`` is set while an initial import window is being fetched."""

    uidvalidity: int
    last_uid: int
    since: str | None = None

    def dumps(self) -> str:
        return json.dumps({"uidvalidity": self.uidvalidity, "last_uid": self.last_uid, "since": self.since})

    @classmethod
    def loads(cls, value: str | None) -> FolderCursor | None:
        try:
            data = json.loads(value or "")
            return cls(int(data["uidvalidity"]), int(data["last_uid"]), data.get("since"))
        except (ValueError, KeyError, TypeError):
            return None


def cursor_key(folder: str) -> str:
    return f"imap:{folder}"


def natural_key(address: str, folder: str, uidvalidity: int, uid: int) -> str:
    """The mailbox's own name for a message. By address, not account id: SQLite may give a removed
    account's id to a new one, whose server may number its folders alike (UIDVALIDITY 1 is common)."""
    return f"imap:{address.lower()}:{folder}:{uidvalidity}:{uid}"


@dataclass
class Sink:
    """Where fetched mail goes: core's store (the one writer), its blobs, the bus and the threaders."""

    engine: Engine
    blobs: BlobStore
    publish: Callable[[object], None]
    threaders: Mapping[str, Threader] | None = None
    make_item: ItemMaker = header_item
    executor: Executor | None = None  # a process pool that reads headers while batches are stored

    def cursor(self, account_id: int, folder: str) -> FolderCursor | None:
        with read_session(self.engine) as session:
            return FolderCursor.loads(get_cursor(session, account_id=account_id, key=cursor_key(folder)))

    def store(self, items: list[IncomingItem], account_id: int, folder: str, cursor: FolderCursor) -> int:
        """Ingest ``items`` and move the folder's cursor in one transaction; returns how many were new."""
        update = CursorUpdate(account_id, cursor_key(folder), cursor.dumps())
        results = ingest(
            self.engine,
            items,
            blobs=self.blobs,
            publish=self.publish,
            threaders=self.threaders,
            cursor=update,
        )
        return sum(not r.duplicate for r in results)

    def known_sent_ids(self, ids: list[str]) -> set[str]:
        """Message-IDs of replies ShopDesk itself sent (they come back through the Sent folder)."""
        if not ids:
            return set()
        with read_session(self.engine) as session:
            conn = session.connection()
            marks = ", ".join(f":i{n}" for n in range(len(ids)))
            rows = conn.exec_driver_sql(
                f"SELECT external_id FROM message WHERE channel = 'email' AND direction = 'outgoing'"
                f" AND external_id IN ({marks})",
                {f"i{n}": v for n, v in enumerate(ids)},
            )
            return {row[0] for row in rows}


@dataclass
class FolderResult:
    folder: str
    new: int = 0
    seen: int = 0
    uidvalidity_changed: bool = False


@dataclass
class AccountResult:
    account_id: int
    folders: list[FolderResult] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.folders)


def sent_folder(client: IMAPClient, account: EmailAccount) -> str | None:
    """The Sent folder: the one named in the settings, else the one the server marks \\Sent."""
    if account.sent_folder:
        return account.sent_folder
    try:
        return client.find_special_folder(SENT)
    except Exception:  # a server without LIST extensions: no Sent folder to read
        log.info("no Sent folder found for account %s", account.id)
        return None


def folders_of(client: IMAPClient, account: EmailAccount) -> list[tuple[str, str]]:
    """(folder, direction) pairs to sync: the incoming folders, then Sent as outgoing."""
    pairs = [(name, Direction.INCOMING.value) for name in account.folders]
    if account.read_sent:
        sent = sent_folder(client, account)
        if sent and sent not in account.folders:
            pairs.append((sent, Direction.OUTGOING.value))
    return pairs


def sync_account(
    client: IMAPClient,
    sink: Sink,
    account: EmailAccount,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> AccountResult:
    result = AccountResult(account.id)
    for folder, direction in folders_of(client, account):
        if should_stop():
            break
        if direction == Direction.OUTGOING and not _exists(client, folder):
            continue
        syncer = FolderSync(client, sink, account, folder, direction=direction)
        result.folders.append(syncer.run(progress=progress, should_stop=should_stop))
    return result


def _exists(client: IMAPClient, folder: str) -> bool:
    try:
        return client.folder_exists(folder)
    except Exception:
        return False


class FolderSync:
    """One pass over one folder: what is new since the cursor (or the initial window), in batches."""

    def __init__(
        self,
        client: IMAPClient,
        sink: Sink,
        account: EmailAccount,
        folder: str,
        *,
        direction: str = "incoming",
        batch_uids: int | None = None,
        batch_bytes: int | None = None,
    ) -> None:
        self.client, self.sink, self.account, self.folder = client, sink, account, folder
        self.direction = direction
        self.batch_uids, self.batch_bytes = batch_uids or BATCH_UIDS, batch_bytes or BATCH_BYTES
        self.gmail = client.has_capability("X-GM-EXT-1")
        self._pooled = False

    def run(self, *, progress: Progress | None = None, should_stop=lambda: False) -> FolderResult:
        status = self.client.select_folder(self.folder, readonly=True)  # EXAMINE: flags stay untouched
        uidvalidity = int(status[b"UIDVALIDITY"])
        uidnext = int(status.get(b"UIDNEXT", 0) or 0)
        cursor = self.sink.cursor(self.account.id, self.folder)
        result = FolderResult(self.folder)
        if cursor is not None and cursor.uidvalidity == uidvalidity:
            if cursor.since is None and uidnext and uidnext <= cursor.last_uid + 1:
                return result  # nothing new: the cheap poll
            start = cursor
        else:
            result.uidvalidity_changed = cursor is not None
            start = FolderCursor(uidvalidity, 0, self._window_start())
        uids = self._search(start)
        final = FolderCursor(uidvalidity, max([start.last_uid, uidnext - 1, *uids[-1:]]), None)
        self._fetch_all(uids, start, final, result, progress, should_stop)
        if not uids and final != cursor:
            self.sink.store([], self.account.id, self.folder, final)
        return result

    def _window_start(self) -> str | None:
        days = self.account.since_days
        return (utcnow().date() - timedelta(days=days)).isoformat() if days else None

    def _search(self, cursor: FolderCursor) -> list[int]:
        criteria: list = ["UID", f"{cursor.last_uid + 1}:*"] if cursor.last_uid else ["ALL"]
        if cursor.since:
            criteria += ["SINCE", date.fromisoformat(cursor.since)]
        # "n:*" always matches the highest UID, even below n.
        return sorted(uid for uid in self.client.search(criteria) if uid > cursor.last_uid)

    def _batches(self, uids: list[int]) -> list[list[int]]:
        """Runs of UIDs bounded in count and in bytes, so memory stays flat whatever the mailbox holds."""
        if not uids:
            return []
        sizes = self.client.fetch(uids, ["RFC822.SIZE"]) if len(uids) > 1 else {}
        batches, current, total = [], [], 0
        for uid in uids:
            size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
            if current and (len(current) >= self.batch_uids or total + size > self.batch_bytes):
                batches.append(current)
                current, total = [], 0
            current.append(uid)
            total += size
        batches.append(current)
        return batches

    def _fetch_all(self, uids, start, final, result, progress, should_stop) -> None:
        """Fetch, read headers, store. With the sink's executor, the headers of batch n+1 are read in
        another process while batch n is being stored here."""
        batches = self._batches(uids)
        parts = [b"BODY.PEEK[]", *([b"X-GM-MSGID"] if self.gmail else [])]
        self._pooled = len(uids) >= POOL_FROM
        ahead = LOOKAHEAD if self._pooled else 0
        done, waiting = 0, deque()
        with Prefetcher(self.client, batches, parts) as fetched_batches:
            for number, (batch, fetched) in enumerate(fetched_batches):
                if should_stop():
                    return
                last = number == len(batches) - 1
                cursor = final if last else FolderCursor(start.uidvalidity, batch[-1], start.since)
                waiting.append(self._read(fetched, batch, start.uidvalidity, cursor))
                while len(waiting) > ahead:
                    done += self._store(waiting.popleft(), result)
                    self._report(progress, done, len(uids))
        while waiting and not should_stop():
            done += self._store(waiting.popleft(), result)
            self._report(progress, done, len(uids))

    def _report(self, progress: Progress | None, done: int, total: int) -> None:
        if progress is not None:
            progress(self.folder, done, total)

    def _read(self, fetched: dict, batch: list[int], uidvalidity: int, cursor: FolderCursor) -> _Job:
        """Start building a batch's items: in the executor when there is one, else right here."""
        job = _Job(batch, cursor)
        for uid in batch:
            data = fetched.get(uid, {})
            if data.get(b"BODY[]") is not None:  # None: expunged since the search
                key = natural_key(self.account.address, self.folder, uidvalidity, uid)
                job.raws[key] = data[b"BODY[]"]
                if data.get(b"X-GM-MSGID"):
                    job.gmail_ids[key] = data[b"X-GM-MSGID"]
        args = (self.sink.make_item, list(job.raws.items()), self.account.id, self.direction)
        if self._pooled and self.sink.executor is not None:
            # The worker also stores the originals (durably): ingest then only finds them there.
            job.items = self.sink.executor.submit(build_items, *args, blob_root=self.sink.blobs.root)
        else:
            job.items = build_items(*args)
        return job

    def _store(self, job: _Job, result: FolderResult) -> int:
        items = job.items.result() if isinstance(job.items, Future) else job.items
        for item in items:
            item.raw = job.raws[item.natural_key]  # went to the worker, not back again
            if item.natural_key in job.gmail_ids:
                item.dedupe_key = f"gm:{job.gmail_ids[item.natural_key]}"
        if self.direction == Direction.OUTGOING:
            ours = self.sink.known_sent_ids([i.external_id for i in items if i.external_id])
            items = [i for i in items if i.external_id not in ours]
        result.new += self.sink.store(items, self.account.id, self.folder, job.cursor)
        result.seen += len(items)
        return len(job.batch)


@dataclass
class _Job:
    """One fetched batch on its way to the store."""

    batch: list[int]
    cursor: FolderCursor
    raws: dict[str, bytes] = field(default_factory=dict)
    gmail_ids: dict[str, int] = field(default_factory=dict)
    items: list[IncomingItem] | Future | None = None


def build_items(
    make_item: ItemMaker,
    entries: list[tuple[str, bytes]],
    account_id: int,
    direction: str,
    *,
    blob_root: Path | None = None,
) -> list[IncomingItem]:
    """IncomingItems for (natural key, raw) pairs, without their raw bytes (the caller has them);
    with ``blob_root`` the raws are first stored there.

    Module-level so that a process pool can run it.
    """
    if blob_root is not None:
        put_many(BlobStore(blob_root), [raw for _key, raw in entries])
    items = []
    for key, raw in entries:
        item = make_item(raw, natural_key=key, account_id=account_id, direction=direction)
        item.raw = None
        items.append(item)
    return items
