import pytest

from shopdesk.core.contacts import update_contact
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.store import ConversationFilter, search
from shopdesk.core.text import fold, fts_query, match_spans
from tests.helpers.items import incoming

ALL = ConversationFilter(status=None)


@pytest.mark.parametrize("spelling", ["ışık", "IŞIK", "işik", "isik", "Işık", "ISIK"])
def test_turkish_spellings_fold_together(spelling):
    assert fold(spelling) == "isik"


def test_fold_handles_the_turkish_letters():
    assert fold("Şükrü Çelik ığüşöç İĞÜŞÖÇ") == "sukru celik igusoc igusoc"


def _conv(engine, blobs, events, text, **kw):
    return ingest(engine, [incoming(text, **kw)], blobs=blobs, publish=events)[0].conversation_id


@pytest.mark.parametrize("query", ["ışık", "IŞIK", "işik", "isik"])
def test_search_finds_every_spelling(engine, blobs, events, query):
    target = _conv(engine, blobs, events, "Lambanın IŞIK rengi nasıl?", sender="a@x.com")
    _conv(engine, blobs, events, "Kargo ne zaman?", sender="b@x.com")
    with read_session(engine) as s:
        hits = search(s, query=query, flt=ALL)
    assert [h.conversation_id for h in hits] == [target]
    assert hits[0].message_id is not None


def test_contact_name_is_found_without_accents(engine, blobs, events):
    target = _conv(engine, blobs, events, "merhaba", sender="s@x.com", name="Şükrü Çelik")
    with read_session(engine) as s:
        assert [h.conversation_id for h in search(s, query="sukru", flt=ALL)] == [target]
        assert [h.conversation_id for h in search(s, query="celik", flt=ALL)] == [target]


def test_subject_and_address_are_searchable(engine, blobs, events):
    target = _conv(engine, blobs, events, "...", sender="ayse@ornek.com.tr", subject="Fatura talebi")
    with read_session(engine) as s:
        assert [h.conversation_id for h in search(s, query="fatura", flt=ALL)] == [target]
        assert [h.conversation_id for h in search(s, query="ayse@ornek", flt=ALL)] == [target]


def test_an_edited_contact_name_is_found_by_the_new_name(engine, blobs, events):
    result = ingest(engine, [incoming("x", sender="z@x.com", name="Z")], blobs=blobs, publish=events)[0]
    from shopdesk.core.models import Conversation

    with read_session(engine) as s:
        contact_id = s.get(Conversation, result.conversation_id).contact_id
    update_contact(engine, events, contact_id=contact_id, name="Gülşen Öztürk")
    with read_session(engine) as s:
        assert [h.conversation_id for h in search(s, query="gulsen ozturk", flt=ALL)] == [
            result.conversation_id
        ]


def test_search_is_a_prefix_search_on_the_last_word(engine, blobs, events):
    target = _conv(engine, blobs, events, "Siparişimi iptal etmek istiyorum")
    with read_session(engine) as s:
        assert [h.conversation_id for h in search(s, query="siparis", flt=ALL)] == [target]


def test_search_respects_the_filter(engine, blobs, events):
    from shopdesk.core.conversations import set_status

    target = _conv(engine, blobs, events, "iade istiyorum")
    set_status(engine, events, conversation_id=target, status="resolved")
    with read_session(engine) as s:
        assert search(s, query="iade", flt=ConversationFilter(status="open")) == []
        assert len(search(s, query="iade", flt=ConversationFilter(status="resolved"))) == 1


def test_queries_with_only_punctuation_or_fts_syntax_are_safe(engine, blobs, events):
    _conv(engine, blobs, events, "merhaba")
    with read_session(engine) as s:
        for query in ['"', "AND OR NOT", "*", "a:b", "(", "NEAR(x y)", "   "]:
            search(s, query=query, flt=ALL)


def test_highlight_spans_follow_folding():
    text = "Kargo IŞIK hızında geldi"
    assert [text[a:b] for a, b in match_spans(text, "isik")] == ["IŞIK"]
    assert fts_query('kar "go') == '"kar" "go"*'
