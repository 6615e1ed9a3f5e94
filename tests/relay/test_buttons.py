"""Buttons under the shop's messages (a survey's scores, the bot's hand-over): offered by the desktop,
tapped in the widget once per choice, told to the desktop as events; and an older store gains the columns."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from shopdesk.relay.store import open_store
from tests.relay.conftest import start_session

SCORES = [[{"label": str(n), "data": f"survey:tok123:{n}"} for n in range(1, 6)]]


def offer(desk, visitor_id: str, reply_id: str = "r-1") -> dict:
    body = {
        "visitor_id": visitor_id,
        "text": "Nasıldı?",
        "reply_id": reply_id,
        "buttons": SCORES,
        "card": "rating",
    }
    answer = desk.post("/api/desk/reply", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["message"]


def events_of(desk, kind: str) -> list[dict]:
    return [e for e in desk.get("/api/desk/events").json()["events"] if e["kind"] == kind]


def test_a_tap_is_recorded_once_and_another_tap_changes_it(desk, widget):
    visitor = start_session(widget)["visitor"]["id"]
    message = offer(desk, visitor)
    assert message["buttons"] == SCORES and message["card"] == "rating" and message["chosen"] == ""

    for _ in range(2):  # a double tap
        answer = widget.post(
            "/api/widget/button", json={"message_id": message["id"], "data": "survey:tok123:4"}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["message"]["chosen"] == "survey:tok123:4"
    widget.post("/api/widget/button", json={"message_id": message["id"], "data": "survey:tok123:5"})

    taps = events_of(desk, "button")
    assert [e["data"] for e in taps] == [
        {"message_id": message["id"], "data": "survey:tok123:4"},
        {"message_id": message["id"], "data": "survey:tok123:5"},
    ]
    [shown] = [m for m in widget.get("/api/widget/messages").json()["messages"] if m["id"] == message["id"]]
    assert shown["chosen"] == "survey:tok123:5"  # a reload draws the card with the answer given


def test_a_button_that_is_not_offered_is_refused_with_a_reason(desk, widget, relay_server):
    visitor = start_session(widget)["visitor"]["id"]
    message = offer(desk, visitor)
    wrong = widget.post("/api/widget/button", json={"message_id": message["id"], "data": "survey:tok123:9"})
    assert wrong.status_code == 422 and "not under that message" in wrong.json()["detail"]
    missing = widget.post("/api/widget/button", json={"message_id": 999999, "data": "survey:tok123:4"})
    assert missing.status_code == 404

    other = widget.__class__(base_url=relay_server.url, headers=dict(widget.headers))
    start_session(other)  # another visitor cannot tap this visitor's buttons
    theirs = other.post("/api/widget/button", json={"message_id": message["id"], "data": "survey:tok123:4"})
    assert theirs.status_code == 404
    other.close()
    assert events_of(desk, "button") == []


def test_too_many_buttons_or_a_strange_card_are_refused(desk, widget):
    visitor = start_session(widget)["visitor"]["id"]
    body = {"visitor_id": visitor, "text": "?", "reply_id": "r-2", "buttons": SCORES * 4}
    assert desk.post("/api/desk/reply", json=body).status_code == 422
    body = {"visitor_id": visitor, "text": "?", "reply_id": "r-3", "buttons": SCORES, "card": "<script>"}
    assert desk.post("/api/desk/reply", json=body).status_code == 422


def test_an_older_store_gains_the_new_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = create_engine(url)
    with old.begin() as conn:  # relay_message as the first release made it
        conn.execute(
            text(
                "CREATE TABLE relay_message (id INTEGER PRIMARY KEY, visitor_id VARCHAR NOT NULL,"
                " author VARCHAR NOT NULL, text TEXT NOT NULL, file_id VARCHAR, client_id VARCHAR NOT NULL,"
                " created_at DATETIME NOT NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO relay_message (visitor_id, author, text, client_id, created_at)"
                " VALUES ('v_1', 'owner', 'eski', 'c1', '2026-01-01 00:00:00')"
            )
        )
    old.dispose()
    engine = open_store(url)
    names = {c["name"] for c in inspect(engine).get_columns("relay_message")}
    assert {"buttons_json", "card", "chosen"} <= names
    with engine.connect() as conn:
        row = conn.execute(text("SELECT text, buttons_json, card, chosen FROM relay_message")).one()
    assert tuple(row) == ("eski", "", "", "")
    engine.dispose()
    assert open_store(url) is not None  # opening again adds nothing and fails on nothing
