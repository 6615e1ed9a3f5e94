"""The desktop's web chat channel: commit then acknowledge, catch-up by seq, replies once, live signals."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import select

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.channels.webchat import sink
from shopdesk.core import visitors
from shopdesk.core.db import read_session
from shopdesk.core.models import Attachment, Contact, Message
from shopdesk.core.outbox import queue_reply
from shopdesk.runtime.sender import OutboxSender
from tests.channels.webchat.conftest import Visitor, wait_for
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.relay_server import OWNER_TOKEN

__all__ = ["memory_keyring"]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


def stored(engine) -> list[Message]:
    with read_session(engine) as session:
        return list(session.exec(select(Message).order_by(Message.id)))


def relay_events(relay_server) -> list[dict]:
    headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}
    return httpx.get(f"{relay_server.url}/api/desk/events", headers=headers).json()["events"]


def test_a_visitor_message_lands_with_page_cart_and_identity(channel, desk_engine, visitor, relay_server):
    visitor.do("identify", {"name": "Ayşe Yılmaz", "email": "ayse@example.com"})
    visitor.do("cart", {"value": 1150, "currency": "TRY", "items": [{"name": "Raku vazo", "quantity": 1}]})
    visitor.say("Merhaba, vazo kargoda kırılır mı?", "c1")
    messages = wait_for(lambda: stored(desk_engine), what="the message in the store")
    assert [(m.text, m.channel, m.direction) for m in messages] == [
        ("Merhaba, vazo kargoda kırılır mı?", "webchat", "incoming")
    ]

    def contact_with_email():
        with read_session(desk_engine) as session:
            found = session.exec(select(Contact)).one()
        return found if found.email else None

    contact = wait_for(contact_with_email, what="the contact's email")  # filled just after the ingest commit
    with read_session(desk_engine) as session:
        seen = visitors.visitor_of_conversation(session, conversation_id=messages[0].conversation_id)
    assert seen.visitor_id == visitor.id
    assert (seen.current_url, seen.current_title) == (
        "https://shop.example/vazo?utm_campaign=bahar",
        "Raku vazo",
    )
    assert (
        seen.campaign == "bahar" and seen.cart_value == 1150 and seen.cart["items"][0]["name"] == "Raku vazo"
    )
    assert [p["title"] for p in seen.pages] == ["Raku vazo"]
    assert (contact.name, contact.email) == ("Ayşe Yılmaz", "ayse@example.com")
    wait_for(lambda: relay_events(relay_server) == [], what="the relay to forget acknowledged events")


def test_events_are_acknowledged_only_after_the_commit(
    make_channel, loop, desk_engine, visitor, relay_server, monkeypatch
):
    real = sink.store_events
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk went away")
        return real(*args, **kwargs)

    monkeypatch.setattr("shopdesk.channels.webchat.channel.store_events", failing)
    visitor.say("ilk mesaj", "c1")
    channel = make_channel()
    loop.submit(channel.start()).result(5)
    wait_for(lambda: len(calls) >= 1, what="a first, failing commit")
    assert any(e["kind"] == "message" for e in relay_events(relay_server))  # not acknowledged
    wait_for(lambda: stored(desk_engine), what="the retry after reconnecting")
    assert [m.text for m in stored(desk_engine)] == ["ilk mesaj"]


def test_messages_sent_while_the_desktop_was_away_are_caught_up_once(
    make_channel, loop, desk_engine, visitor, relay_server
):
    for n in range(12):
        visitor.say(f"mesaj {n}", f"c{n}")
    channel = make_channel()
    loop.submit(channel.start()).result(5)
    wait_for(lambda: len(stored(desk_engine)) == 12, what="the catch-up")
    loop.submit(channel.stop()).result(5)
    visitor.say("while away", "c-away")
    again = make_channel()
    loop.submit(again.start()).result(5)
    wait_for(lambda: len(stored(desk_engine)) == 13, what="the second catch-up")
    assert [m.text for m in stored(desk_engine)] == [f"mesaj {n}" for n in range(12)] + ["while away"]


def test_a_relay_that_numbers_from_1_again_is_read_from_the_start(
    make_channel, loop, desk_engine, visitor, account
):
    """A new relay database (or another relay) is behind the desktop's position: nothing may be skipped."""
    from shopdesk.channels.webchat.account import CURSOR_KEY
    from shopdesk.core.db import write_session
    from shopdesk.core.ingest import CursorUpdate, set_cursor

    with write_session(desk_engine) as session:  # read up to event 500 on the relay used before
        set_cursor(session, CursorUpdate(account[0], CURSOR_KEY, "500"))
    visitor.say("Yeni sunucudan merhaba", "c1")
    channel = make_channel()
    loop.submit(channel.start()).result(5)
    assert [m.text for m in wait_for(lambda: stored(desk_engine), what="the message")] == [
        "Yeni sunucudan merhaba"
    ]


def test_switching_relays_reads_the_new_one_from_the_start(
    desk_engine, account, relay_server, memory_keyring
):
    from shopdesk.channels.webchat.account import use_embedded_relay, use_own_relay
    from shopdesk.channels.webchat.sink import load_cursor
    from shopdesk.core.db import write_session
    from shopdesk.core.ingest import CursorUpdate, set_cursor

    def at(seq: str) -> None:
        with write_session(desk_engine) as session:
            set_cursor(session, CursorUpdate(account[0], "relay_seq", seq))

    at("800")  # far into the built-in relay's events
    use_own_relay(desk_engine, relay_server.url, OWNER_TOKEN)
    assert load_cursor(desk_engine, account[0]) == 0
    at("7")
    use_own_relay(desk_engine, relay_server.url + "/", OWNER_TOKEN)  # the same relay checked again
    assert load_cursor(desk_engine, account[0]) == 7
    use_embedded_relay(desk_engine)
    assert load_cursor(desk_engine, account[0]) == 0


def test_a_replayed_batch_stores_nothing_twice(
    channel, desk_engine, blobs, events, account, visitor, relay_server
):
    visitor.say("bir kez", "c1")
    wait_for(lambda: stored(desk_engine), what="the message")
    replay = [
        {
            "seq": 1,
            "id": "e_x",
            "kind": "page_view",
            "visitor_id": visitor.id,
            "at": "2026-01-01T00:00:00Z",
            "data": {"url": "u", "title": "t", "referrer": ""},
        },
    ]
    message = next(m for m in stored(desk_engine))
    with read_session(desk_engine) as session:
        natural_key = session.get(Message, message.id).natural_key
    event = {
        "seq": 99,
        "id": natural_key,
        "kind": "message",
        "visitor_id": visitor.id,
        "at": "2026-01-01T00:00:00Z",
        "data": {"id": 1, "text": "bir kez", "file": None},
    }
    sink.store_events(desk_engine, blobs, events, account[0], [*replay, event], {})
    assert [m.text for m in stored(desk_engine)] == ["bir kez"]


def test_an_image_from_the_widget_arrives_as_an_attachment(channel, desk_engine, blobs, visitor):
    answer = visitor.http.post(
        "/api/widget/upload",
        params={"client_id": "img", "name": "kırık-tabak.png"},
        content=PNG,
        headers={"Content-Type": "image/png"},
    )
    assert answer.status_code == 200
    wait_for(lambda: stored(desk_engine), what="the image message")
    with read_session(desk_engine) as session:
        attachment = session.exec(select(Attachment)).one()
    assert (attachment.filename, attachment.mime_type) == ("kırık-tabak.png", "image/png")
    assert blobs.get(attachment.sha256) == PNG


def test_a_reply_reaches_the_widget_once_even_when_sent_twice(channel, desk_engine, events, visitor, loop):
    visitor.say("Stokta var mı?", "c1")
    conversation_id = wait_for(lambda: stored(desk_engine), what="the message")[0].conversation_id
    registry = ChannelRegistry()
    registry.register(channel)
    queue_reply(
        desk_engine, events, conversation_id=conversation_id, text="Evet, 3 tane kaldı.", author="Elif"
    )
    sender = OutboxSender(desk_engine, events, registry)
    assert loop.submit(sender.send_due()).result(10) == 1
    item = next(m for m in stored(desk_engine) if m.direction == "outgoing")
    assert item.send_state == "sent" and item.external_id.startswith("r")
    from shopdesk.core.outbox import outgoing_item

    with read_session(desk_engine) as session:
        out = outgoing_item(session, item_id=1)
    loop.submit(channel.send(out)).result(10)  # a retry after a lost answer
    texts = [(m["author"], m["text"]) for m in visitor.messages()]
    assert texts == [("visitor", "Stokta var mı?"), ("owner", "Evet, 3 tane kaldı.")]


def test_typing_seen_and_presence_go_both_ways(channel, desk_engine, events, visitor, loop, relay_server):
    visitor.say("Merhaba", "c1")
    conversation_id = wait_for(lambda: stored(desk_engine), what="the message")[0].conversation_id
    visitor.do("typing", {"typing": True})
    typing = wait_for(lambda: events.of(visitors.VisitorTyping), what="the typing event")
    assert typing[0].conversation_id == conversation_id and typing[0].typing
    loop.submit(channel.seen(conversation_id)).result(5)
    assert visitor.http.get("/api/widget/messages").json()["owner_seen_id"] == 1
    loop.submit(channel.set_presence("away")).result(5)
    assert visitor.http.get("/api/widget/messages").json()["online"] is False
    loop.submit(channel.set_presence("online")).result(5)
    assert visitor.http.get("/api/widget/messages").json()["online"] is True


def test_visitor_seen_marks_reach_the_desktop(channel, desk_engine, events, visitor, loop):
    visitor.say("Merhaba", "c1")
    conversation_id = wait_for(lambda: stored(desk_engine), what="the message")[0].conversation_id
    registry = ChannelRegistry()
    registry.register(channel)
    queue_reply(desk_engine, events, conversation_id=conversation_id, text="Buyrun", author="Elif")
    loop.submit(OutboxSender(desk_engine, events, registry).send_due()).result(10)
    reply_id = int(next(m for m in stored(desk_engine) if m.direction == "outgoing").external_id[1:])
    visitor.do("seen", {"up_to": reply_id})

    def seen_ids():
        with read_session(desk_engine) as session:
            return visitors.seen_message_ids(session, conversation_id=conversation_id)

    outgoing_id = next(m.id for m in stored(desk_engine) if m.direction == "outgoing")
    assert wait_for(seen_ids, what="the seen mark") == {outgoing_id}


def test_live_visitors_lists_who_is_on_the_site(channel, desk_engine, relay_server):
    people = [
        Visitor(relay_server.url, url=f"https://shop.example/p{n}", title=f"Ürün {n}") for n in range(3)
    ]
    try:
        people[0].do("cart", {"value": 380, "currency": "TRY", "items": []})

        def live():
            with read_session(desk_engine) as session:
                found = visitors.live_visitors(session)
            carts = [v.cart_value for v in found if v.cart_value]
            return found if len(found) == 3 and carts else None

        found = wait_for(live, what="three live visitors")
        by_id = {v.visitor_id: v for v in found}
        assert by_id[people[0].id].cart_value == 380
        assert {v.current_title for v in found} == {"Ürün 0", "Ürün 1", "Ürün 2"}
    finally:
        for person in people:
            person.close()


def test_a_wrong_owner_token_reports_auth_failed(make_channel, loop, events):
    from shopdesk.core.events import ChannelStatus

    channel = make_channel()
    channel.client.token = "wrong"
    channel.client._http.headers["Authorization"] = "Bearer wrong"
    loop.submit(channel.start()).result(5)
    status = wait_for(
        lambda: [e for e in events.of(ChannelStatus) if e.state == "auth_failed"], what="auth_failed"
    )
    assert "401" in status[0].detail


@pytest.mark.parametrize("kind", ["owner_message"])
def test_our_own_replies_coming_back_change_no_visitor(desk_engine, blobs, events, account, kind):
    event = {
        "seq": 1,
        "id": "e_1",
        "kind": kind,
        "visitor_id": "v_1",
        "at": "2026-01-01T00:00:00Z",
        "data": {"id": 1, "text": "x"},
    }
    assert sink.store_events(desk_engine, blobs, events, account[0], [event], {}) == 1
    with read_session(desk_engine) as session:
        assert visitors.visitor(session, account_id=account[0], visitor_id="v_1") is None


def test_the_owner_starts_a_chat_with_a_visitor_who_has_not_written(
    channel, desk_engine, events, visitor, loop, account
):
    account_id, _settings = account

    def live():
        with read_session(desk_engine) as session:
            return visitors.live_visitors(session)

    [seen] = wait_for(live, what="the visitor on the site")
    conversation_id = visitors.start_conversation(
        desk_engine, events, account_id=account_id, visitor_id=seen.visitor_id
    )
    assert (
        visitors.start_conversation(desk_engine, events, account_id=account_id, visitor_id=seen.visitor_id)
        == conversation_id
    )  # once: a second click opens the same chat
    registry = ChannelRegistry()
    registry.register(channel)
    queue_reply(
        desk_engine, events, conversation_id=conversation_id, text="Yardımcı olabilir miyim?", author="Elif"
    )
    assert loop.submit(OutboxSender(desk_engine, events, registry).send_due()).result(10) == 1
    assert [(m["author"], m["text"]) for m in visitor.messages()] == [("owner", "Yardımcı olabilir miyim?")]
    visitor.say("Evet, kargo kaç gün?", "c1")
    wait_for(lambda: len(stored(desk_engine)) == 2, what="the visitor's answer")
    assert {m.conversation_id for m in stored(desk_engine)} == {conversation_id}  # the same conversation


def test_a_relay_from_before_the_site_endpoint_is_still_accepted(relay_server, monkeypatch):
    """It cannot tell its key (the owner takes it from relay.toml), but the token is still checked."""
    from shopdesk.channels.webchat.account import RelayProblem, check_own_relay

    real_get = httpx.get

    def older_relay(url, **kwargs):  # the real relay, as if /api/desk/site did not exist yet
        if url.endswith("/api/desk/site"):
            return httpx.Response(404, json={"detail": "Not Found"})
        return real_get(url, **kwargs)

    monkeypatch.setattr(httpx, "get", older_relay)
    assert check_own_relay(relay_server.url, OWNER_TOKEN) == (relay_server.url, {"key": ""})
    with pytest.raises(RelayProblem, match="refused the owner token"):
        check_own_relay(relay_server.url, "wrong")
