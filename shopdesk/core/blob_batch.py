"""Storing many blobs at once, durably, with one filesystem sync for the lot instead of two fsyncs each."""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from shopdesk.core.blobs import BlobStore

# Below this many new files, fsyncing each is cheaper than syncing the whole filesystem.
SYNCFS_FROM = 8


def put_many(store: BlobStore, datas: Iterable[bytes]) -> list[str]:
    """Like ``BlobStore.put`` for each of ``datas`` (same files, same digests, durable on return).

    BlobStore.put fsyncs each file and its directory: about 3 ms a blob here, most of a mail sync's
    time. On Linux this writes every file, syncs the filesystem once (syncfs), renames them into place
    and syncs once more for the directory entries.
    """
    digests: list[str] = []
    pending: dict[str, tuple[str, Path]] = {}
    try:
        for data in datas:
            digest = hashlib.sha256(data).hexdigest()
            digests.append(digest)
            if digest not in pending and not store.path(digest).exists():
                pending[digest] = (_write_tmp(store.path(digest), data), store.path(digest))
        if pending:
            _commit(store.root, list(pending.values()))
    except BaseException:
        for tmp, _target in pending.values():
            Path(tmp).unlink(missing_ok=True)
        raise
    return digests


def _write_tmp(target: Path, data: bytes) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return tmp


def _commit(root: Path, files: list[tuple[str, Path]]) -> None:
    bulk = len(files) >= SYNCFS_FROM and _syncfs(root)
    if not bulk:
        for tmp, _target in files:
            _fsync_path(tmp, os.O_RDONLY)
    for tmp, target in files:
        os.replace(tmp, target)
    if not (bulk and _syncfs(root)) and os.name == "posix":
        for parent in {target.parent for _tmp, target in files}:
            _fsync_path(parent, os.O_RDONLY)


def _fsync_path(path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _libc():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc if hasattr(libc, "syncfs") else None
    except OSError:
        return None


_LIBC = _libc()


def _syncfs(root: Path) -> bool:
    """Flush the filesystem holding ``root`` (Linux); False where that is not available or failed."""
    if _LIBC is None:
        return False
    fd = os.open(root, os.O_RDONLY)
    try:
        return _LIBC.syncfs(fd) == 0
    finally:
        os.close(fd)
