"""Our own getUpdates loop: each batch and the next offset are committed together, then the next poll asks.

Commit, then acknowledge (DESIGN §4.1): Telegram forgets updates below the offset of the next getUpdates,
so that offset is sent only after the batch and the offset are in the store in one BEGIN IMMEDIATE
transaction. A kill at any moment loses nothing (the updates are fetched again) and duplicates nothing
(the natural key of each update and the (chat, message) key catch what was already stored).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.channels.telegram.convert import CHANNEL, Converted, Converter
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import read_session, write_session
from shopdesk.core.edits import apply_edit
from shopdesk.core.ingest import CursorUpdate, IngestResult, Threader, get_cursor, ingest, set_cursor
from shopdesk.core.models import SyncCursor, utcnow

log = logging.getLogger(__name__)
OFFSET = "offset"
POLLED_AT = "polled_at"
STALE_AFTER = timedelta(hours=20)


@dataclass(frozen=True)
class Timing:
    """How the loop waits; tests shrink these."""

    poll_timeout: int = 50  # long-poll seconds (Telegram answers at once when something arrives)
    limit: int = 100
    backoff_start: float = 1.0
    backoff_max: float = 60.0
    conflict_start: float = 5.0
    conflict_max: float = 300.0
    auth_retry: float = 900.0  # a revoked token is tried again this rarely (or at once after reload)
    polled_every: float = 600.0  # an empty poll records "last checked" at most this often
    request_timeout: float = 20.0


def load_offset(engine: Engine, account_id: int) -> int | None:
    with read_session(engine) as session:
        value = get_cursor(session, account_id=account_id, key=OFFSET)
    return int(value) if value else None


def last_polled(engine: Engine, account_id: int) -> datetime | None:
    """When this bot last heard from Telegram (a stored batch or an empty poll), or None if never."""
    with read_session(engine) as session:
        rows = session.exec(
            select(SyncCursor).where(
                SyncCursor.account_id == account_id, SyncCursor.key.in_([OFFSET, POLLED_AT])
            )
        ).all()
    times = [_aware(row.updated_at) for row in rows if row.updated_at is not None]
    return max(times) if times else None


def is_stale(polled: datetime | None, now: datetime | None = None) -> bool:
    return polled is not None and (now or utcnow()) - polled > STALE_AFTER


def _aware(when: datetime) -> datetime:
    from datetime import UTC

    return when if when.tzinfo else when.replace(tzinfo=UTC)


def mark_polled(engine: Engine, account_id: int) -> None:
    with write_session(engine) as session:
        set_cursor(session, CursorUpdate(account_id, POLLED_AT, utcnow().isoformat()))


def store_batch(
    engine: Engine,
    blobs: BlobStore,
    publish: Callable[[object], None],
    account_id: int,
    batch: list[Converted],
    *,
    threaders: Mapping[str, Threader] | None = None,
) -> dict[str, IngestResult]:
    """Store a batch and move the offset past it, in as few transactions as the batch allows.

    Messages go in one ``ingest`` with the offset; an edit is applied in its own transaction with the offset
    just past it, after the messages before it, so the order of the updates is kept.
    """
    results: dict[str, IngestResult] = {}
    pending: list = []
    committed = None  # the offset already in the store

    def flush(next_offset: int) -> None:
        cursor = CursorUpdate(account_id, OFFSET, str(next_offset))
        done = ingest(engine, pending, blobs=blobs, publish=publish, threaders=threaders, cursor=cursor)
        results.update((r.natural_key, r) for r in done)
        pending.clear()

    for converted in batch:
        if converted.edit is not None:
            if pending:
                flush(converted.update_id)
            cursor = CursorUpdate(account_id, OFFSET, str(converted.update_id + 1))
            edit = converted.edit
            applied = apply_edit(
                engine, publish, channel=CHANNEL, dedupe_key=edit.dedupe_key, text=edit.text, cursor=cursor
            )
            if applied is None:
                pending.append(edit.fallback)
            else:
                committed = converted.update_id + 1
        elif converted.item is not None:
            pending.append(converted.item)
    if batch and (pending or committed != batch[-1].update_id + 1):
        flush(batch[-1].update_id + 1)  # also moves the offset past updates that held nothing
    return results


class PollError(Exception):
    """The loop's reason to wait: state ('offline', 'auth_failed', 'conflict') and the owner's words."""

    def __init__(self, state: str, detail: str, wait: float | None = None) -> None:
        super().__init__(detail)
        self.state, self.detail, self.wait = state, detail, wait


async def poll_once(
    bot,
    converter: Converter,
    engine: Engine,
    blobs: BlobStore,
    publish: Callable[[object], None],
    *,
    account_id: int,
    offset: int | None,
    timing: Timing,
    threaders: Mapping[str, Threader] | None = None,
    timeout: int | None = None,
) -> tuple[int | None, list[Converted], dict[str, IngestResult]]:
    """One getUpdates, converted and committed with its offset; returns (next offset, batch, results)."""
    updates = await bot.raw_updates(
        offset=offset, timeout=timing.poll_timeout if timeout is None else timeout, limit=timing.limit
    )
    if not updates:
        return offset, [], {}
    updates.sort(key=lambda u: int(u["update_id"]))
    batch = await converter.convert(updates)
    results = await asyncio.to_thread(
        store_batch, engine, blobs, publish, account_id, batch, threaders=threaders
    )
    return batch[-1].update_id + 1, batch, results
