"""Read queries of the customer pane: the contact of a conversation, past conversations, contact search."""

from __future__ import annotations

from shopdesk.core.contact_queries import contact_of_conversation, past_conversations, search_contacts
from shopdesk.core.conversations import set_status
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from tests.helpers.items import incoming


def add(engine, blobs, events, *items):
    return [r.conversation_id for r in ingest(engine, list(items), blobs=blobs, publish=events)]


def test_contact_of_a_conversation_and_their_past_conversations(engine, blobs, events):
    [first] = add(
        engine, blobs, events, incoming("bir", sender="a@example.com", name="Şükrü Çelik", minutes_ago=90)
    )
    set_status(engine, events, conversation_id=first, status="resolved")
    [second] = add(engine, blobs, events, incoming("iki", sender="a@example.com", name="Şükrü Çelik"))
    with read_session(engine) as s:
        card = contact_of_conversation(s, conversation_id=second)
        past = past_conversations(s, contact_id=card.id)
        assert contact_of_conversation(s, conversation_id=999) is None
    assert card.name == "Şükrü Çelik"
    assert [(p.id, p.status) for p in past] == [(second, "open"), (first, "resolved")]


def test_search_contacts_folds_turkish_and_leaves_one_out(engine, blobs, events):
    add(
        engine,
        blobs,
        events,
        incoming("x", sender="sukru@example.com", name="Şükrü Çelik"),
        incoming("y", sender="ISIK@example.com", name="Işık Yılmaz"),
        incoming("z", channel="telegram", sender="4242", name="Ayşe"),
    )
    with read_session(engine) as s:
        [sukru] = search_contacts(s, query="sukru")
        assert sukru.name == "Şükrü Çelik" and sukru.conversations == 1
        assert [m.name for m in search_contacts(s, query="IŞIK")] == ["Işık Yılmaz"]
        assert [m.name for m in search_contacts(s, query="424")] == ["Ayşe"]  # by address, as a prefix
        assert search_contacts(s, query="sukru", exclude_id=sukru.id) == []
        assert len(search_contacts(s, query="")) == 3
        assert search_contacts(s, query="---") == []
