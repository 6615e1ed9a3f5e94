"""Events get a growing seq, stay until acknowledged, and a desktop catches up by seq over HTTP or ws."""

from __future__ import annotations

import json

from websockets.sync.client import connect

from tests.helpers.relay_server import OWNER_TOKEN
from tests.relay.conftest import start_session


def send(widget, text, client_id):
    answer = widget.post("/api/widget/messages", json={"text": text, "client_id": client_id})
    assert answer.status_code == 200, answer.text
    return answer.json()["message"]


def events(desk, after=0, limit=500):
    answer = desk.get("/api/desk/events", params={"after": after, "limit": limit})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_every_event_gets_a_growing_seq_in_the_order_it_happened(desk, widget, visitor):
    for n in range(5):
        send(widget, f"message {n}", f"c{n}")
    found = events(desk)["events"]
    seqs = [e["seq"] for e in found]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert [e["kind"] for e in found][:2] == ["visit", "page_view"]
    assert [e["data"]["text"] for e in found if e["kind"] == "message"] == [f"message {n}" for n in range(5)]
    assert all(e["visitor_id"] == visitor["visitor"]["id"] for e in found)


def test_catch_up_pages_by_seq(desk, widget, visitor):
    for n in range(7):
        send(widget, f"m{n}", f"c{n}")
    seen, after = [], 0
    while True:
        page = events(desk, after=after, limit=3)["events"]
        if not page:
            break
        seen += page
        after = page[-1]["seq"]
    assert len(seen) == 9  # visit, page view, 7 messages
    assert [e["seq"] for e in seen] == sorted(e["seq"] for e in seen)


def test_events_stay_until_acknowledged_and_seq_never_goes_back(desk, widget, visitor):
    send(widget, "one", "c1")
    head = events(desk)["head"]
    assert events(desk)["events"]  # not acknowledged: still there when asked again
    assert desk.post("/api/desk/ack", json={"seq": head}).json() == {"deleted": 3}
    assert events(desk)["events"] == []
    later = send(widget, "two", "c2")
    after_ack = events(desk)["events"]
    assert [e["data"]["id"] for e in after_ack] == [later["id"]]
    assert after_ack[0]["seq"] > head  # AUTOINCREMENT: a seq is never reused after the rows went away


def test_acknowledging_what_was_never_sent_is_refused(desk, visitor):
    answer = desk.post("/api/desk/ack", json={"seq": 10_000})
    assert answer.status_code == 409
    assert "has not been sent" in answer.json()["detail"]


def test_desk_websocket_says_hello_with_head_then_streams_new_events(relay_server, desk, widget, visitor):
    url = relay_server.url.replace("http", "ws") + "/ws/desk"
    with connect(url, additional_headers={"Authorization": f"Bearer {OWNER_TOKEN}"}) as ws:
        hello = json.loads(ws.recv(timeout=5))
        assert hello["type"] == "hello" and hello["head"] == events(desk)["head"] == 2
        send(widget, "live", "c1")
        event = json.loads(ws.recv(timeout=5))
    assert event["type"] == "event" and event["kind"] == "message" and event["seq"] == 3
    assert event["data"]["text"] == "live"


def test_a_batching_desktop_gets_the_events_of_one_commit_in_one_frame(relay_server, desk, widget):
    url = relay_server.url.replace("http", "ws") + "/ws/desk?batch=1"
    with connect(url, additional_headers={"Authorization": f"Bearer {OWNER_TOKEN}"}) as ws:
        head = json.loads(ws.recv(timeout=5))["head"]
        start_session(widget)  # a new visitor: its visit and its first page view, committed together
        frame = json.loads(ws.recv(timeout=5))
        send(widget, "tek", "c1")
        single = json.loads(ws.recv(timeout=5))
    assert frame["type"] == "events"
    assert [(e["type"], e["kind"], e["seq"]) for e in frame["events"]] == [
        ("event", "visit", head + 1),
        ("event", "page_view", head + 2),
    ]
    assert single["type"] == "event" and single["data"]["text"] == "tek" and single["seq"] == head + 3


def test_a_resent_message_is_stored_once(desk, widget, visitor):
    first = send(widget, "kargo ne zaman?", "same-id")
    again = send(widget, "kargo ne zaman?", "same-id")
    assert first == again
    assert [e["kind"] for e in events(desk)["events"]].count("message") == 1


def test_a_reply_is_stored_once_per_reply_id_and_reaches_the_widget(desk, widget, visitor):
    visitor_id = visitor["visitor"]["id"]
    body = {"visitor_id": visitor_id, "text": "Yarın kargoda!", "reply_id": "d1-42"}
    first = desk.post("/api/desk/reply", json=body).json()["message"]
    again = desk.post("/api/desk/reply", json=body).json()["message"]
    assert first == again
    shown = widget.get("/api/widget/messages").json()["messages"]
    assert [(m["author"], m["text"]) for m in shown] == [("owner", "Yarın kargoda!")]


def test_a_returning_visitor_resumes_with_the_history(relay_server, widget, visitor):
    send(widget, "hello", "c1")
    import httpx

    with httpx.Client(base_url=relay_server.url, headers={"Origin": widget.headers["Origin"]}) as tab:
        again = tab.post(
            "/api/widget/session", json={"site": "site_test", "token": visitor["token"], "page": {}}
        ).json()
    assert again["visitor"]["id"] == visitor["visitor"]["id"]
    assert [m["text"] for m in again["messages"]] == ["hello"]


def test_a_new_visit_records_search_words_campaign_and_device(desk, widget):
    widget.headers["User-Agent"] = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile Safari/604.1"
    )
    start_session(
        widget,
        url="https://shop.example/vazo?utm_source=ig&utm_campaign=bahar",
        referrer="https://www.google.com/search?q=el+yap%C4%B1m%C4%B1+vazo",
    )
    visit = events(desk)["events"][0]["data"]
    assert visit["search"] == "el yapımı vazo"
    assert visit["campaign"] == "bahar" and visit["source"] == "ig"
    assert visit["device"] == "phone · Safari · iOS"


def test_page_cart_identify_track_typing_and_seen_reach_the_desktop(desk, widget, visitor):
    assert widget.post(
        "/api/widget/page", json={"url": "https://shop.example/kupa", "title": "Kupa"}
    ).is_success
    cart = {"value": 760.0, "currency": "TRY", "items": [{"name": "Kupa", "quantity": 2, "price": 380.0}]}
    assert widget.post("/api/widget/cart", json=cart).is_success
    assert widget.post("/api/widget/identify", json={"name": "Ayşe", "email": "ayse@example.com"}).is_success
    assert widget.post(
        "/api/widget/track", json={"name": "order_completed", "data": {"value": 760}}
    ).is_success
    assert widget.post("/api/widget/typing", json={"typing": True}).is_success
    assert widget.post("/api/widget/seen", json={"up_to": 5}).is_success
    kinds = {e["kind"]: e["data"] for e in events(desk)["events"]}
    assert kinds["page_view"]["title"] == "Kupa"
    assert kinds["cart"]["value"] == 760.0 and kinds["cart"]["items"][0]["quantity"] == 2
    assert kinds["identify"]["email"] == "ayse@example.com"
    assert kinds["track"] == {"name": "order_completed", "data": {"value": 760}}
    assert kinds["typing"] == {"typing": True}
    assert kinds["seen"] == {"up_to": 5}


def test_owner_seen_and_typing_are_pushed_to_every_tab(relay_server, desk, widget, visitor):
    send(widget, "hi", "c1")
    url = relay_server.url.replace("http", "ws") + f"/ws/widget?site=site_test&token={visitor['token']}"
    with connect(url, additional_headers={"Origin": widget.headers["Origin"]}) as ws:
        assert json.loads(ws.recv(timeout=5))["type"] == "hello"
        visitor_id = visitor["visitor"]["id"]
        desk.post("/api/desk/typing", json={"visitor_id": visitor_id, "typing": True})
        assert json.loads(ws.recv(timeout=5)) == {"type": "typing", "typing": True}
        assert desk.post("/api/desk/seen", json={"visitor_id": visitor_id}).json() == {"owner_seen_id": 1}
        assert json.loads(ws.recv(timeout=5)) == {"type": "seen", "up_to": 1}


def test_presence_follows_the_owner_and_the_desktop_connection(relay_server, desk, widget):
    assert start_session(widget)["online"] is False  # no desktop connected
    url = relay_server.url.replace("http", "ws") + "/ws/desk"
    with connect(url, additional_headers={"Authorization": f"Bearer {OWNER_TOKEN}"}) as ws:
        ws.recv(timeout=5)
        assert start_session(widget)["online"] is True
        assert desk.post("/api/desk/presence", json={"status": "away"}).json()["online"] is False
        assert start_session(widget)["online"] is False
        desk.post("/api/desk/presence", json={"status": "online"})
        assert desk.get("/api/desk/status").json()["online"] is True
