"""Mail is listed from its header block while syncing (~0.5 ms); its body is read afterwards (~3.5 ms).

The sync stores each message with ``parse_note = BODY_PENDING``; ``fill_bodies`` reads the pending ones
from their stored originals (text, safe HTML, attachments, the search index via the text) in batches.
A crash in between leaves them pending, and the next ``fill_bodies`` picks them up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from sqlalchemy.engine import Engine

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.email.parse import (
    ParsedHeaders,
    ParsedMessage,
    item_from_parsed,
    parse_headers,
    parse_message,
)
from shopdesk.core.blob_batch import put_many
from shopdesk.core.blobs import BlobStore
from shopdesk.core.message_bodies import BODY_PENDING, BodyAttachment, MessageBody, pending_bodies, set_bodies

log = logging.getLogger(__name__)
CHANNEL = "email"
BATCH = 100  # bodies written per transaction
CHUNK = 20  # bodies a worker reads per task
WINDOW = 10  # batches handed to a process pool at once, so its workers never wait for the writer
MISSING_ORIGINAL = "The original of this message is missing from the data folder."
_HEADER_FIELDS = tuple(ParsedHeaders.__dataclass_fields__)


def header_item(
    raw: bytes, *, natural_key: str, account_id: int | None = None, direction: str = "incoming"
) -> IncomingItem:
    """``to_incoming_item`` from the header block alone; the body is left for ``fill_bodies``."""
    headers = parse_headers(raw)
    parsed = ParsedMessage(**{name: getattr(headers, name) for name in _HEADER_FIELDS})
    item = item_from_parsed(parsed, raw, natural_key=natural_key, account_id=account_id, direction=direction)
    item.parse_note = BODY_PENDING
    return item


def fill_bodies(
    engine: Engine,
    blobs: BlobStore,
    publish: Callable[[object], None],
    *,
    batch: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    executor: Executor | None = None,
) -> int:
    """Read every pending body; returns how many were filled.

    With ``executor`` (a process pool) the workers read the originals, parse them and store their files
    themselves, while this thread writes the results: only ids and texts cross between processes.
    """
    filled, batch = 0, batch or BATCH
    while not should_stop():
        pending = pending_bodies(engine, channel=CHANNEL, limit=batch * (WINDOW if executor else 1))
        if not pending:
            break
        chunks = [pending[i : i + CHUNK] for i in range(0, len(pending), CHUNK)]
        results = executor.map(read_bodies, [blobs.root] * len(chunks), chunks) if executor else None
        results = results or (read_bodies(blobs.root, chunk) for chunk in chunks)
        ready: list[MessageBody] = []
        for bodies in results:
            ready += bodies
            if len(ready) >= batch or should_stop():
                filled += set_bodies(engine, publish, ready)
                ready = []
            if should_stop():
                break
        if ready:
            filled += set_bodies(engine, publish, ready)
    return filled


def read_bodies(root: Path, pending: list[tuple[int, str]]) -> list[MessageBody]:
    """Parse the stored originals of ``pending`` (message id, raw_ref) and store their files.

    Runs in a worker process too, so it takes the blob store's path, not the store.
    """
    blobs = BlobStore(root)
    parsed = [_parse(blobs, ref) for _id, ref in pending]
    digests = iter(put_many(blobs, (a.data for p in parsed if p for a in p.attachments)))
    bodies = []
    for (message_id, _ref), result in zip(pending, parsed, strict=True):
        if result is None:
            bodies.append(MessageBody(message_id, "", None, MISSING_ORIGINAL))
            continue
        files = [
            BodyAttachment(next(digests), a.filename, a.mime_type, len(a.data), a.content_id)
            for a in result.attachments
        ]
        bodies.append(MessageBody(message_id, result.text, result.html, result.parse_note, files))
    return bodies


def _parse(blobs: BlobStore, ref: str) -> ParsedMessage | None:
    raw = _original(blobs, ref)
    return parse_message(raw) if raw is not None else None


def _original(blobs: BlobStore, ref: str) -> bytes | None:
    try:
        return blobs.get(ref)
    except OSError:
        log.warning("original %s of a pending message is missing", ref)
        return None
