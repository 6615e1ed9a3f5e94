"""The FAQ bot on the relay, with no desktop connected (the laptop is closed): answers what it knows,
leaves the rest, hands over on the button or the words, keeps out while the owner is answering, and
keeps its FAQ set (and the invitation rules) across a restart."""

from __future__ import annotations

import httpx

from tests.helpers.relay_server import OWNER_TOKEN, SHOP_ORIGIN, SITE_KEY, RelayThread, relay_config
from tests.relay.conftest import start_session

FAQ = {
    "faq": {
        "enabled": True,
        "threshold": 0.55,
        "entries": [
            {
                "id": 1,
                "answer": "Siparişler 1-3 iş günü içinde kargoya verilir.",
                "questions": [
                    "Kargom ne zaman gelir?",
                    "Siparişim ne zaman kargoya verilir?",
                    "When will my order ship?",
                ],
            },
            {
                "id": 2,
                "answer": "Ürünü 14 gün içinde ücretsiz iade edebilirsiniz.",
                "questions": [
                    "İade nasıl yapılır?",
                    "Ürünü iade etmek istiyorum",
                    "How do I return an item?",
                ],
            },
        ],
    }
}


def say(widget, text: str, client_id: str) -> list[dict]:
    answer = widget.post("/api/widget/messages", json={"text": text, "client_id": client_id})
    assert answer.status_code == 200, answer.text
    return widget.get("/api/widget/messages").json()["messages"]


def bot_lines(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if m["author"] == "bot"]


def test_the_bot_answers_what_it_knows_with_a_person_button_and_leaves_the_rest(desk, widget):
    assert desk.put("/api/desk/automation", json=FAQ).json() == {"faq_entries": 2, "faq_enabled": True}
    start_session(widget)
    messages = say(widget, "Merhaba, kargom ne zaman gelir acaba?", "c1")
    [answer] = [m for m in messages if m["author"] == "bot"]
    assert answer["text"] == "Siparişler 1-3 iş günü içinde kargoya verilir."
    assert answer["buttons"] == [[{"label": "Bir temsilciyle görüşmek istiyorum", "data": "handover"}]]

    messages = say(widget, "Ürün kırık geldi, çok üzgünüm", "c2")  # not a FAQ: for the owner
    assert bot_lines(messages) == ["Siparişler 1-3 iş günü içinde kargoya verilir."]

    kinds = [e["kind"] for e in desk.get("/api/desk/events").json()["events"]]
    assert kinds.count("message") == 2 and kinds.count("bot_message") == 1  # the desktop learns it all

    say(widget, "kargom ne zaman gelir", "c1")  # a resent message is answered once
    assert len(bot_lines(widget.get("/api/widget/messages").json()["messages"])) == 1


def test_the_person_button_hands_over_and_the_bot_keeps_out(desk, widget):
    desk.put("/api/desk/automation", json=FAQ)
    start_session(widget)
    answer = next(m for m in say(widget, "When will my order ship?", "c1") if m["author"] == "bot")
    tapped = widget.post("/api/widget/button", json={"message_id": answer["id"], "data": "handover"})
    assert tapped.status_code == 200, tapped.text
    messages = widget.get("/api/widget/messages").json()["messages"]
    assert (
        bot_lines(messages)[-1]
        == "Sure, I'm passing you to our team; we'll answer you here as soon as we can."
    )
    events = desk.get("/api/desk/events").json()["events"]
    assert {"message_id": answer["id"], "data": "handover"} in [
        e["data"] for e in events if e["kind"] == "button"
    ]

    messages = say(widget, "How do I return an item?", "c2")  # handed over: the owner answers now
    assert len(bot_lines(messages)) == 2


def test_the_words_hand_over_too(desk, widget):
    desk.put("/api/desk/automation", json=FAQ)
    start_session(widget)
    messages = say(widget, "Bir TEMSİLCİYLE görüşmek istiyorum", "c1")
    assert bot_lines(messages) == [
        "Tamam, sizi ekibimize aktarıyorum; en kısa sürede buradan yanıt vereceğiz."
    ]
    assert bot_lines(say(widget, "İade nasıl yapılır?", "c2")) == bot_lines(messages)


def test_the_bot_keeps_out_while_the_owner_is_answering(desk, widget):
    desk.put("/api/desk/automation", json=FAQ)
    visitor = start_session(widget)["visitor"]["id"]
    desk.post("/api/desk/reply", json={"visitor_id": visitor, "text": "Merhaba, buyurun", "reply_id": "r1"})
    assert bot_lines(say(widget, "İade nasıl yapılır?", "c1")) == []


def test_off_or_empty_the_bot_says_nothing(desk, widget):
    start_session(widget)
    assert bot_lines(say(widget, "İade nasıl yapılır?", "c1")) == []
    desk.put("/api/desk/automation", json={"faq": {**FAQ["faq"], "enabled": False}})
    assert bot_lines(say(widget, "Ürünü iade etmek istiyorum", "c2")) == []
    many = {"faq": {"enabled": True, "entries": [{**FAQ["faq"]["entries"][1], "answer": "x" * 3000}] * 500}}
    assert desk.put("/api/desk/automation", json=many).status_code == 200  # 1.6 MB: a big shop's FAQ
    too_many = {"faq": {"enabled": True, "entries": [FAQ["faq"]["entries"][0]] * 501}}
    refused = desk.put("/api/desk/automation", json=too_many)
    assert refused.status_code == 422 and "entries" in refused.text


def test_each_visitor_gets_the_answer_in_their_language(desk, widget):
    both = [
        {"id": 1, "answer": "Siparişler 1-3 iş günü içinde kargoya verilir.", "language": "tr",
         "questions": ["Kargom ne zaman gelir?", "When will my order ship?"]},
        {"id": 2, "answer": "Orders ship within 1-3 working days.", "language": "en",
         "questions": ["When will my order ship?", "Kargom ne zaman gelir?"]},
    ]  # fmt: skip
    desk.put("/api/desk/automation", json={"faq": {"enabled": True, "entries": both}})
    for language, text, expected in (
        ("en-GB", "When will my order ship?", "Orders ship within 1-3 working days."),
        (
            "tr-TR",
            "When will my order ship?",
            "Siparişler 1-3 iş günü içinde kargoya verilir.",
        ),  # the browser
        ("en-US", "Kargom ne zaman gelir?", "Siparişler 1-3 iş günü içinde kargoya verilir."),  # the words
    ):
        widget.headers.pop("X-ShopDesk-Token", None)
        body = {"site": SITE_KEY, "language": language, "page": {"url": "https://shop.example/"}}
        widget.headers["X-ShopDesk-Token"] = widget.post("/api/widget/session", json=body).json()["token"]
        assert bot_lines(say(widget, text, "c1")) == [expected], language


def test_the_faq_set_survives_a_relay_restart(relay_url):
    config = relay_config(relay_url)
    server = RelayThread(config).start()
    headers = {"Authorization": f"Bearer {OWNER_TOKEN}"}
    rules = [{"id": "r_cart", "min_cart_value": 500, "message_tr": "Sepetinizle ilgili sorunuz var mı?"}]
    automation = {**FAQ, "invitations": rules}
    httpx.put(
        f"{server.url}/api/desk/automation", json=automation, headers=headers, timeout=10
    ).raise_for_status()
    server.stop()
    server = RelayThread(config).start()
    try:
        with httpx.Client(base_url=server.url, headers={"Origin": SHOP_ORIGIN}, timeout=10) as widget:
            session = start_session(widget)
            assert [r["id"] for r in session["invitations"]] == ["r_cart"]  # the widget still invites
            assert bot_lines(say(widget, "iade nasil yapilir", "c1")) == [
                "Ürünü 14 gün içinde ücretsiz iade edebilirsiniz."
            ]
    finally:
        server.stop()
