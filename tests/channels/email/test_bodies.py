"""Mail listed from its headers, bodies read afterwards: the same result as parsing it whole at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage

from shopdesk.channels.email.bodies import MISSING_ORIGINAL, fill_bodies, header_item
from shopdesk.channels.email.parse import to_incoming_item
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.message_bodies import BODY_PENDING
from shopdesk.core.models import Attachment, Message
from tests.helpers.mails import mail


def _with_attachment() -> bytes:
    msg = EmailMessage()
    msg["From"] = "Ayşe Kaya <ayse@example.com.tr>"
    msg["To"] = "shop@shop.example"
    msg["Subject"] = "İade formu"
    msg["Message-ID"] = "<iade.1@example.com.tr>"
    msg.set_content("Formu ekledim. ığüşöç")
    msg.add_attachment(b"%PDF iade", maintype="application", subtype="pdf", filename="iade_formu_Çağrı.pdf")
    return msg.as_bytes()


def test_the_header_item_matches_the_full_one_but_the_body():
    raw = mail(7, in_reply_to="<6.test@example.com.tr>")
    quick = header_item(raw, natural_key="k", account_id=3, direction="incoming")
    full = to_incoming_item(raw, natural_key="k", account_id=3, direction="incoming")
    for name in ("sender_address", "sender_name", "subject", "dedupe_key", "external_id", "reply_to_ids"):
        assert getattr(quick, name) == getattr(full, name), name
    assert quick.created_at == full.created_at
    assert (quick.text, quick.html, quick.attachments, quick.parse_note) == ("", None, [], BODY_PENDING)
    assert quick.raw == raw


def test_fill_bodies_reads_text_and_files(engine, blobs, events):
    raws = [_with_attachment(), mail(1)]
    items = [header_item(raw, natural_key=f"k{n}") for n, raw in enumerate(raws)]
    results = ingest(engine, items, blobs=blobs, publish=events)
    with ThreadPoolExecutor(2) as pool:
        assert fill_bodies(engine, blobs, events, executor=pool) == 2
    with read_session(engine) as session:
        first = session.get(Message, results[0].message_id)
        assert "Formu ekledim. ığüşöç" in first.text
        assert first.parse_note is None
        [att] = session.exec(Attachment.__table__.select()).all()
        assert att.filename == "iade_formu_Çağrı.pdf"
        assert blobs.get(att.sha256) == b"%PDF iade"
        assert "ığüşöç İĞÜŞÖÇ" in session.get(Message, results[1].message_id).text
    assert fill_bodies(engine, blobs, events) == 0


def test_a_missing_original_is_named_not_retried_forever(engine, blobs, events):
    [result] = ingest(engine, [header_item(mail(1), natural_key="k")], blobs=blobs, publish=events)
    with read_session(engine) as session:
        ref = session.get(Message, result.message_id).raw_ref
    blobs.path(ref).unlink()
    assert fill_bodies(engine, blobs, events) == 1
    with read_session(engine) as session:
        assert session.get(Message, result.message_id).parse_note == MISSING_ORIGINAL
