"""Bodies filled in after ingest: text, HTML, files, the preview and the search index follow."""

from __future__ import annotations

from shopdesk.core.db import read_session
from shopdesk.core.events import ConversationChanged
from shopdesk.core.ingest import ingest
from shopdesk.core.message_bodies import BODY_PENDING, BodyAttachment, MessageBody, pending_bodies, set_bodies
from shopdesk.core.models import Attachment, Conversation, Message
from shopdesk.core.store import ConversationFilter, search
from tests.helpers.items import incoming


def _pending(engine, blobs, events, n: int = 2):
    items = [
        incoming(
            "", channel="email", key=f"imap:1:INBOX:1:{i}", raw=f"raw {i}".encode(), parse_note=BODY_PENDING
        )
        for i in range(n)
    ]
    return ingest(engine, items, blobs=blobs, publish=events)


def test_pending_bodies_are_listed_and_filled(engine, blobs, events):
    first, second = _pending(engine, blobs, events)
    assert [m for m, _ in pending_bodies(engine, channel="email")] == [first.message_id, second.message_id]
    sha = blobs.put(b"%PDF fatura")
    events.clear()
    filled = set_bodies(
        engine,
        events,
        [
            MessageBody(first.message_id, "Kargom nerede? Şükrü", "<p>Kargom nerede?</p>", None),
            MessageBody(
                second.message_id,
                "Faturayı ekledim, iade kodu ÇĞ-42",
                None,
                "charset label was wrong",
                [BodyAttachment(sha, "fatura.pdf", "application/pdf", 11)],
            ),
        ],
    )
    assert filled == 2
    assert pending_bodies(engine, channel="email") == []
    assert events.of(ConversationChanged)
    with read_session(engine) as session:
        one, two = session.get(Message, first.message_id), session.get(Message, second.message_id)
        assert (one.text, one.html, one.parse_note) == ("Kargom nerede? Şükrü", "<p>Kargom nerede?</p>", None)
        assert two.parse_note == "charset label was wrong"
        [att] = session.exec(Attachment.__table__.select().where(Attachment.message_id == two.id)).all()
        assert (att.filename, att.sha256) == ("fatura.pdf", sha)
        conversation = session.get(Conversation, two.conversation_id)
        assert conversation.preview == "Faturayı ekledim, iade kodu ÇĞ-42"
        hits = search(session, query="iade kodu", flt=ConversationFilter(status=None))
        assert [h.message_id for h in hits] == [two.id]
        assert search(session, query="sukru", flt=ConversationFilter(status=None))  # folded: Şükrü


def test_a_message_already_filled_is_left_alone(engine, blobs, events):
    [only] = _pending(engine, blobs, events, 1)
    assert set_bodies(engine, events, [MessageBody(only.message_id, "ilk", None, None)]) == 1
    assert set_bodies(engine, events, [MessageBody(only.message_id, "ikinci", None, None)]) == 0
    with read_session(engine) as session:
        assert session.get(Message, only.message_id).text == "ilk"
