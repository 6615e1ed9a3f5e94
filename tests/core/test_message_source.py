"""A message's stored original and its inline cid: parts, for the mail view."""

from __future__ import annotations

from shopdesk.channels.base import IncomingAttachment
from shopdesk.core.db import read_session
from shopdesk.core.file_names import safe_filename
from shopdesk.core.ingest import ingest
from shopdesk.core.message_source import inline_parts, raw_ref_of
from tests.helpers.items import incoming


def test_the_original_and_the_inline_parts_of_a_message(engine, blobs):
    files = [
        IncomingAttachment("logo.png", "image/png", b"PNG-logo", "logo@lale"),
        IncomingAttachment("fatura.pdf", "application/pdf", b"%PDF"),
    ]
    with_raw = incoming("Merhaba", channel="email", raw=b"Subject: x\r\n\r\nMerhaba", attachments=files)
    without = incoming("Selam", channel="email")
    first, second = ingest(engine, [with_raw, without], blobs=blobs, publish=lambda e: None)
    with read_session(engine) as session:
        ref = raw_ref_of(session, message_id=first.message_id)
        assert blobs.get(ref) == b"Subject: x\r\n\r\nMerhaba"
        assert raw_ref_of(session, message_id=second.message_id) is None
        assert raw_ref_of(session, message_id=999_999) is None
        parts = inline_parts(session, message_id=first.message_id)
    assert list(parts) == ["logo@lale"] and blobs.get(parts["logo@lale"][0]) == b"PNG-logo"
    assert parts["logo@lale"][1] == "image/png"


def test_file_names_from_untrusted_text():
    assert safe_filename("../../fatura 12.pdf") == "fatura 12.pdf"
    assert safe_filename('Sipariş: "1042" iade?') == "Sipariş_ _1042_ iade_"
    assert safe_filename("", "message") == "message"
    assert len(safe_filename("x" * 500)) == 120
