"""Importing an mbox file, a Maildir, or a folder of .eml files through the same ingest path as IMAP."""

from __future__ import annotations

import logging
import mailbox
import os
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy.engine import Engine
from sqlmodel import select

from shopdesk.channels.base import IncomingItem
from shopdesk.channels.email.parse import CHANNEL, dedupe_key, item_from_parsed, parse_headers, parse_message
from shopdesk.channels.email.threading import thread_by_subject
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import checkpoint, read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import Message

log = logging.getLogger(__name__)

BATCH = 200
Progress = Callable[[int, int], None]
_MESSAGE_SUFFIXES = {".eml"}
_MBOX_SUFFIXES = {".mbox", ".mbx"}
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:")
_KNOWN_HEADERS = re.compile(
    rb"^(from|to|subject|date|message-id|received|return-path|mime-version|content-type|delivered-to)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)


class ImportTarget(Protocol):
    """What an import writes into: an AppContext, or anything with the same three members."""

    engine: Engine
    blobs: BlobStore

    def publish(self, event: object) -> None: ...


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    stored_raw_unreadable: int = 0  # stored, but only raw with a note: the MIME structure was unreadable
    skipped_files: int = 0  # files that are not mail (a README, a picture, an empty file)


@dataclass(frozen=True)
class _Source:
    path: Path
    mbox_key: str | None = None


def import_path(
    ctx: ImportTarget,
    path: str | Path,
    *,
    progress: Progress | None = None,
    account_id: int | None = None,
    own_addresses: Collection[str] = (),
) -> ImportSummary:
    """Import every message under ``path``; importing the same thing again adds nothing.

    ``progress(done, total)`` is called after each batch. Messages from one of ``own_addresses`` are
    stored as the owner's outgoing mail. The natural key is derived from the message itself (its dedupe
    key), not from where it lies, so the same mail in two files, or fetched over IMAP, is stored once.
    """
    summary = ImportSummary()
    own = {address.strip().lower() for address in own_addresses}
    with ExitStack() as stack:
        boxes = _Mboxes(stack)
        sources = _sources(Path(path), summary, boxes)
        batch: list[tuple[_Source, bytes]] = []
        for done, (source, raw) in enumerate(_read_all(sources, boxes), start=1):
            if raw is not None:
                batch.append((source, raw))
            if len(batch) >= BATCH or done == len(sources):
                _import_batch(ctx, batch, summary, account_id, own)
                batch = []
                if progress is not None:
                    progress(done, len(sources))
        if batch:
            _import_batch(ctx, batch, summary, account_id, own)
    checkpoint(ctx.engine)
    return summary


def _import_batch(ctx, batch, summary: ImportSummary, account_id, own) -> None:
    keyed = [(dedupe_key(raw, parse_headers(raw).message_id), raw) for _, raw in batch]
    known = _known_keys(ctx.engine, [key for key, _ in keyed])
    items: list[IncomingItem] = []
    unreadable: set[str] = set()
    for key, raw in keyed:
        if key in known:
            summary.duplicates += 1
            continue
        parsed = parse_message(raw)
        own_mail = parsed.sender.address.lower() in own
        item = item_from_parsed(
            parsed,
            raw,
            natural_key=f"import:{key}",
            account_id=account_id,
            direction="outgoing" if own_mail else "incoming",
        )
        if parsed.unreadable:
            unreadable.add(item.natural_key)
        items.append(item)
    if not items:
        return
    results = ingest(
        ctx.engine, items, blobs=ctx.blobs, publish=ctx.publish, threaders={CHANNEL: thread_by_subject}
    )
    for result in results:
        if result.duplicate:
            summary.duplicates += 1
        elif result.natural_key in unreadable:
            summary.stored_raw_unreadable += 1
        else:
            summary.imported += 1


def _known_keys(engine: Engine, keys: list[str]) -> set[str]:
    """Dedupe keys already stored: skipped before parsing, and without touching the stored message."""
    with read_session(engine) as session:
        return set(
            session.exec(
                select(Message.dedupe_key).where(Message.channel == CHANNEL, Message.dedupe_key.in_(keys))
            ).all()
        )


def _sources(root: Path, summary: ImportSummary, boxes: _Mboxes) -> list[_Source]:
    if root.is_file():
        return _file_sources(root, summary, boxes, single=True)
    if not root.is_dir():
        raise FileNotFoundError(f"nothing to import at {root}")
    found: list[_Source] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "tmp" or not _is_maildir(Path(folder)))
        if _is_maildir(Path(folder)):
            continue  # a Maildir's own bookkeeping (dovecot-uidlist, maildirfolder …); mail is in cur/new
        in_maildir = Path(folder).name in ("cur", "new") and _is_maildir(Path(folder).parent)
        for name in sorted(files):
            path = Path(folder) / name
            if in_maildir:
                found.append(_Source(path))
            else:
                found += _file_sources(path, summary, boxes, single=False)
    return found


def _file_sources(path: Path, summary: ImportSummary, boxes: _Mboxes, *, single: bool) -> list[_Source]:
    """One source for a message file, one per message for an mbox, none (counted) for anything else."""
    try:
        with path.open("rb") as fh:
            start = fh.read(4096)
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        summary.skipped_files += 1
        return []
    suffix = path.suffix.lower()
    if suffix in _MBOX_SUFFIXES or (suffix not in _MESSAGE_SUFFIXES and start.startswith(b"From ")):
        return [_Source(path, key) for key in boxes.get(path).iterkeys()]
    if start.strip() and (suffix in _MESSAGE_SUFFIXES or single or _looks_like_mail(start)):
        return [_Source(path)]
    summary.skipped_files += 1
    return []


class _Mboxes:
    """mbox files opened once for the import (read only; never flushed) and closed with it."""

    def __init__(self, stack: ExitStack) -> None:
        self.stack = stack
        self.open: dict[Path, mailbox.mbox] = {}

    def get(self, path: Path) -> mailbox.mbox:
        if path not in self.open:
            self.open[path] = self.stack.enter_context(closing(mailbox.mbox(path, create=False)))
        return self.open[path]


def _read_all(sources: list[_Source], boxes: _Mboxes) -> Iterator[tuple[_Source, bytes | None]]:
    for source in sources:
        try:
            if source.mbox_key is None:
                yield source, source.path.read_bytes()
            else:
                yield source, boxes.get(source.path).get_bytes(source.mbox_key)
        except (OSError, KeyError) as exc:
            log.warning("cannot read %s: %s", source.path, exc)
            yield source, None


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _looks_like_mail(start: bytes) -> bool:
    """A header block: the first line is a header and a well-known one appears among the first lines."""
    head = start.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return bool(_HEADER_LINE.match(start.lstrip(b"\r\n"))) and bool(_KNOWN_HEADERS.search(head))
