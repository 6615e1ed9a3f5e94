"""Attached files: stored by content, described as FileRef, kept as JSON on canned replies."""

from __future__ import annotations

import pytest

from shopdesk.core import file_refs
from shopdesk.core.file_refs import FileRef, dump_refs, human_size, parse_refs, store_file


def test_store_file_puts_the_bytes_in_the_blob_store(blobs, tmp_path):
    path = tmp_path / "fatura.pdf"
    path.write_bytes(b"%PDF fatura")
    ref = store_file(blobs, path)
    assert (ref.name, ref.mime, ref.size) == ("fatura.pdf", "application/pdf", 11)
    assert blobs.get(ref.sha256) == b"%PDF fatura"
    assert ref.as_outbox() == (ref.sha256, "fatura.pdf", "application/pdf", 11)


def test_a_file_too_large_to_send_is_refused(blobs, tmp_path, monkeypatch):
    monkeypatch.setattr(file_refs, "MAX_ATTACHMENT_BYTES", 4)
    path = tmp_path / "big.bin"
    path.write_bytes(b"12345")
    with pytest.raises(ValueError, match=r"big\.bin"):
        store_file(blobs, path)


def test_refs_round_trip_and_bad_json_is_skipped():
    refs = [FileRef("ab" * 32, "beden tablosu.png", "image/png", 2048)]
    assert parse_refs(dump_refs(refs)) == refs
    assert parse_refs("not json") == []
    assert parse_refs('{"a": 1}') == []
    assert parse_refs('[{"name": "x"}, {"sha256": "s", "name": "n", "mime": "m", "size": "3"}]') == [
        FileRef("s", "n", "m", 3)
    ]


def test_human_size():
    assert [human_size(n) for n in (12, 2048, 15 * 1024 * 1024 + 1)] == ["12 B", "2.0 KB", "15 MB"]
