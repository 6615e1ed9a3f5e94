import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from shopdesk.channels.base import IncomingAttachment
from shopdesk.core.db import read_session
from shopdesk.core.events import ConversationChanged, MessageIngested
from shopdesk.core.ingest import CursorUpdate, get_cursor, ingest
from shopdesk.core.models import ChannelAccount, Conversation, Message
from shopdesk.core.store import ConversationFilter, conversation_ids
from tests.helpers.items import incoming


def test_new_customer_gets_contact_conversation_and_unread(engine, blobs, events):
    [result] = ingest(engine, [incoming("Kargom ne zaman gelir?")], blobs=blobs, publish=events)
    assert not result.duplicate
    with read_session(engine) as s:
        conv = s.get(Conversation, result.conversation_id)
        assert conv.unread_count == 1
        assert conv.preview == "Kargom ne zaman gelir?"
    assert events.of(MessageIngested)[0].new_conversation
    assert events.of(ConversationChanged)


def test_customer_since_is_their_first_message_not_the_import(engine, blobs, events):
    from datetime import UTC, datetime, timedelta

    from shopdesk.core.models import Contact

    def since(sender):
        with read_session(engine) as session:
            return session.exec(select(Contact.created_at).where(Contact.email == sender)).one()

    # mail comes in newest first: a week-old message, then a month-old one of the same customer
    ingest(engine, [incoming("Kargom?", channel="email", minutes_ago=7 * 1440)], blobs=blobs, publish=events)
    assert abs(since("ali@example.com") - (datetime.now(UTC) - timedelta(days=7))) < timedelta(minutes=1)
    ingest(
        engine,
        [incoming("İlk siparişim", channel="email", minutes_ago=30 * 1440)],
        blobs=blobs,
        publish=events,
    )
    assert abs(since("ali@example.com") - (datetime.now(UTC) - timedelta(days=30))) < timedelta(minutes=1)
    ingest(
        engine, [incoming("Yine ben", channel="email")], blobs=blobs, publish=events
    )  # a newer one changes nothing
    assert since("ali@example.com") < datetime.now(UTC) - timedelta(days=29)
    # a message dated in the future (a wrong clock) makes a customer since now, not since then
    ingest(
        engine,
        [incoming("Merhaba", channel="email", sender="veli@example.com", minutes_ago=-2880)],
        blobs=blobs,
        publish=events,
    )
    assert since("veli@example.com") <= datetime.now(UTC)
    # a broken Date: header of 1970 neither
    old = incoming("Eski", channel="email", sender="ayse@example.com", minutes_ago=56 * 365 * 1440)
    ingest(engine, [old], blobs=blobs, publish=events)
    assert since("ayse@example.com") > datetime.now(UTC) - timedelta(minutes=1)


def test_same_natural_key_twice_stores_one_message(engine, blobs, events):
    ingest(engine, [incoming("bir", key="u1")], blobs=blobs, publish=events)
    [again] = ingest(engine, [incoming("bir", key="u1")], blobs=blobs, publish=events)
    assert again.duplicate
    with read_session(engine) as s:
        assert len(s.exec(select(Message)).all()) == 1


def test_second_dedupe_key_survives_a_renumbering(engine, blobs, events):
    ingest(engine, [incoming("x", key="v1/10", dedupe_key="<a@b>|h")], blobs=blobs, publish=events)
    [again] = ingest(engine, [incoming("x", key="v2/1", dedupe_key="<a@b>|h")], blobs=blobs, publish=events)
    assert again.duplicate
    with read_session(engine) as s:
        [msg] = s.exec(select(Message)).all()
        assert msg.natural_key == "v2/1"


def test_later_messages_of_a_contact_thread_into_the_open_conversation(engine, blobs, events):
    first = ingest(engine, [incoming("1")], blobs=blobs, publish=events)[0]
    second = ingest(engine, [incoming("2")], blobs=blobs, publish=events)[0]
    other = ingest(engine, [incoming("3", sender="veli@example.com")], blobs=blobs, publish=events)[0]
    assert first.conversation_id == second.conversation_id != other.conversation_id


def test_reply_ids_thread_and_reopen_a_resolved_conversation(engine, blobs, events):
    first = ingest(engine, [incoming("1", external_id="<m1@x>")], blobs=blobs, publish=events)[0]
    from shopdesk.core.conversations import set_status

    set_status(engine, events, conversation_id=first.conversation_id, status="resolved")
    reply = ingest(engine, [incoming("2", reply_to_ids=["<m1@x>"])], blobs=blobs, publish=events)[0]
    assert reply.conversation_id == first.conversation_id
    with read_session(engine) as s:
        assert s.get(Conversation, first.conversation_id).status == "open"


def test_message_after_resolve_without_reply_ids_starts_a_new_conversation(engine, blobs, events):
    from shopdesk.core.conversations import set_status

    first = ingest(engine, [incoming("1")], blobs=blobs, publish=events)[0]
    set_status(engine, events, conversation_id=first.conversation_id, status="resolved")
    second = ingest(engine, [incoming("2")], blobs=blobs, publish=events)[0]
    assert second.conversation_id != first.conversation_id


def test_raw_and_attachments_are_content_addressed_files(engine, blobs, events):
    item = incoming("foto", raw=b"RAW-BYTES", attachments=[IncomingAttachment("a.png", "image/png", b"PNG")])
    [result] = ingest(engine, [item], blobs=blobs, publish=events)
    with read_session(engine) as s:
        msg = s.get(Message, result.message_id)
        assert blobs.get(msg.raw_ref) == b"RAW-BYTES"
    from shopdesk.core.store import messages_of

    with read_session(engine) as s:
        [row] = messages_of(s, conversation_id=result.conversation_id)
        assert row.attachments[0].filename == "a.png"
        assert blobs.get(row.attachments[0].sha256) == b"PNG"


def test_cursor_advances_in_the_same_transaction(engine, blobs, events):
    from shopdesk.core.db import write_session

    with write_session(engine) as s:
        account = ChannelAccount(channel="fake", name="t")
        s.add(account)
        s.flush()
        account_id = account.id
    ingest(
        engine, [incoming("a")], blobs=blobs, publish=events, cursor=CursorUpdate(account_id, "offset", "7")
    )
    with read_session(engine) as s:
        assert get_cursor(s, account_id=account_id, key="offset") == "7"


def test_a_failing_item_rolls_back_the_batch_and_the_cursor(engine, blobs, events):
    items = [incoming("a"), incoming("b", channel=None)]  # channel is NOT NULL: the insert fails
    with pytest.raises((IntegrityError, sqlite3.IntegrityError)):
        ingest(engine, items, blobs=blobs, publish=events, cursor=CursorUpdate(999, "offset", "9"))
    with read_session(engine) as s:
        assert s.exec(select(Message)).all() == []
    assert events == []


def test_incoming_reopens_snoozed_and_lists_it_as_open(engine, blobs, events):
    from datetime import UTC, datetime, timedelta

    from shopdesk.core.conversations import snooze

    first = ingest(engine, [incoming("1")], blobs=blobs, publish=events)[0]
    snooze(engine, events, conversation_id=first.conversation_id, until=datetime.now(UTC) + timedelta(days=1))
    with read_session(engine) as s:
        assert conversation_ids(s, flt=ConversationFilter(status="open")) == []
    ingest(engine, [incoming("2")], blobs=blobs, publish=events)
    with read_session(engine) as s:
        assert conversation_ids(s, flt=ConversationFilter(status="open")) == [first.conversation_id]


def test_a_channel_hook_that_finds_nothing_starts_a_new_conversation(engine, blobs, events):
    never = lambda session, item, contact_id: None  # noqa: E731
    first = ingest(engine, [incoming("1")], blobs=blobs, publish=events, threaders={"fake": never})[0]
    second = ingest(engine, [incoming("2")], blobs=blobs, publish=events, threaders={"fake": never})[0]
    assert first.conversation_id != second.conversation_id


def test_an_outgoing_item_names_its_author_and_keeps_the_customer_as_contact(engine, blobs, events):
    from shopdesk.core.store import messages_of

    first = ingest(engine, [incoming("soru")], blobs=blobs, publish=events)[0]
    reply = incoming("cevap", direction="outgoing", author="Elif (mağaza)")
    [result] = ingest(engine, [reply], blobs=blobs, publish=events)
    assert result.conversation_id == first.conversation_id
    with read_session(engine) as s:
        rows = messages_of(s, conversation_id=first.conversation_id)
        conv = s.get(Conversation, first.conversation_id)
    authors = [(r.direction, r.author) for r in rows]
    assert authors == [("incoming", "Ali Yılmaz"), ("outgoing", "Elif (mağaza)")]
    assert rows[1].send_state == "sent"
    assert conv.unread_count == 1  # an outgoing copy is not unread


def test_a_chat_message_finds_the_conversation_that_asked_from_the_customers_surveys(engine):
    """Driven from conversation, SQLite walked every resolved conversation (13 ms a message at 100,000)."""
    from shopdesk.core.ingest import _ASKED

    params = {"c": 1, "ch": "telegram", "acc": None, "now": "2026-01-01 00:00:00"}
    with engine.connect() as conn:
        plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + _ASKED, params)]
    assert plan[0].startswith("SEARCH s USING INDEX ix_survey_contact_sent"), plan
    assert "SEARCH c USING INTEGER PRIMARY KEY" in plan[1], plan
