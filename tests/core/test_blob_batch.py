"""put_many: the same files and digests as BlobStore.put, one filesystem sync for many."""

from __future__ import annotations

import hashlib

import pytest

from shopdesk.core import blob_batch
from shopdesk.core.blob_batch import put_many


@pytest.mark.parametrize("count", [3, 40])  # below and above the bulk-sync threshold
def test_put_many_stores_like_put(blobs, count):
    datas = [f"ham e-posta {n} ığüşöç".encode() * (n + 1) for n in range(count)]
    datas.append(datas[0])  # the same bytes twice in one batch
    digests = put_many(blobs, datas)
    assert digests == [hashlib.sha256(d).hexdigest() for d in datas]
    assert all(blobs.get(d) == data for d, data in zip(digests, datas, strict=True))
    assert digests[0] == blobs.put(datas[0])  # put() finds it stored
    assert not [p for p in blobs.root.rglob(".tmp-*")]


def test_without_syncfs_each_file_is_fsynced(blobs, monkeypatch):
    monkeypatch.setattr(blob_batch, "_LIBC", None)
    synced = []
    real = blob_batch._fsync_path
    monkeypatch.setattr(blob_batch, "_fsync_path", lambda p, f: (synced.append(str(p)), real(p, f)))
    digests = put_many(blobs, [b"a" * n for n in range(1, 20)])
    assert len([p for p in synced if ".tmp-" in p]) == 19  # every file before its rename
    assert {str(blobs.path(d).parent) for d in digests} <= set(synced)  # and their directories after
    assert put_many(blobs, [b"a"]) == [digests[0]]


def test_a_failure_leaves_no_temporary_files(blobs, monkeypatch):
    def broken(root, files):
        raise OSError("disk full")

    monkeypatch.setattr(blob_batch, "_commit", broken)
    with pytest.raises(OSError):
        put_many(blobs, [b"x" * n for n in range(1, 30)])
    assert not [p for p in blobs.root.rglob("*") if p.is_file()]
