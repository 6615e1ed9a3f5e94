"""Replies through the bot: split text, photos and documents, replying to the customer, and every outcome."""

from __future__ import annotations

import json

import pytest

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.channels.telegram.send import split_text, utf16_len
from shopdesk.channels.telegram.updates import Timing
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.models import Message, OutboxItem
from shopdesk.runtime.sender import OutboxSender
from tests.helpers.telegram_env import ALI, FAST, eventually, messages

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
PDF = b"%PDF-1.4\n" + b"price list " * 300


def test_split_text_cuts_at_4096_utf16_units_on_word_ends():
    body = " ".join(f"kelime{n}" for n in range(2000))  # 20,889 characters
    parts = split_text(body)
    assert all(4080 <= utf16_len(p) <= 4096 for p in parts[:-1]) and len(parts) == 6
    assert " ".join(parts) == body
    emoji = "😀" * 5000  # two UTF-16 units each, as Telegram counts them
    assert [utf16_len(p) for p in split_text(emoji)] == [4096, 4096, 1808]
    assert split_text("kısa") == ["kısa"]


@pytest.fixture
def chat(engine, api, sync):
    """A conversation with ALI, who wrote twice; returns its id."""
    api.send_texts(ALI, ["Merhaba", "Kargom nerede?"])
    sync()
    return messages(engine)[0].conversation_id


@pytest.fixture
def sender(engine, events, running):
    """Send the due outbox items through the running channel, as the app's sender does."""

    def send_due(timing: Timing = FAST):
        run = running(timing)
        run.wait_state(1, "connected")
        registry = ChannelRegistry()
        registry.register(run.channel)
        outbox_sender = OutboxSender(engine, events, registry)
        return lambda: run.run(outbox_sender.send_due())

    return send_due


def reply(engine, events, blobs, conversation_id: int, body: str, files=()) -> int:
    atts = [(blobs.put(data), name, mime, len(data)) for name, mime, data in files]
    return outbox.queue_reply(
        engine, events, conversation_id=conversation_id, text=body, author="Owner", attachments=atts
    )


def state(engine, item_id: int) -> tuple[str, str]:
    with read_session(engine) as session:
        item = session.get(OutboxItem, item_id)
        return item.state, item.last_error


def test_a_long_reply_is_split_and_replies_to_the_customers_last_message(
    engine, events, blobs, api, chat, sender
):
    body = " ".join(f"satır{n}" for n in range(1500))  # 13,889 characters
    item_id = reply(engine, events, blobs, chat, body)
    sender()()
    calls = api.calls_of("sendMessage")
    assert len(calls) == 4 and " ".join(c.params["text"] for c in calls) == body
    assert json.loads(calls[0].params["reply_parameters"])["message_id"] == 2  # "Kargom nerede?"
    assert "reply_parameters" not in calls[1].params
    assert state(engine, item_id) == ("sent", "")
    with read_session(engine) as session:
        sent = session.get(Message, session.get(OutboxItem, item_id).message_id)
    assert sent.external_id == f"123456:{ALI.id}:3"  # the first part's id, for replies to it


def test_a_photo_with_its_caption(engine, events, blobs, api, chat, sender):
    item_id = reply(engine, events, blobs, chat, "Mavi olanı bu", [("mavi.png", "image/png", PNG)])
    sender()()
    (call,) = api.calls_of("sendPhoto")
    assert call.params["caption"] == "Mavi olanı bu"
    assert call.files["photo"][0] == "mavi.png" and call.files["photo"][2] == PNG
    assert api.calls_of("sendMessage") == [] and state(engine, item_id)[0] == "sent"


def test_text_then_documents_when_the_text_is_too_long_for_a_caption(
    engine, events, blobs, api, chat, sender
):
    files = [("fiyat.pdf", "application/pdf", PDF), ("foto.png", "image/png", PNG)]
    item_id = reply(engine, events, blobs, chat, "Ayrıntılar: " + "x" * 1100, files)
    sender()()
    assert [c.method for c in api.calls if c.method.startswith("send")] == [
        "sendMessage",
        "sendDocument",
        "sendPhoto",
    ]
    assert api.calls_of("sendDocument")[0].files["document"][2] == PDF
    assert state(engine, item_id)[0] == "sent"


def test_a_file_over_50_mb_fails_with_a_clear_reason_and_nothing_is_sent(
    engine, events, blobs, api, chat, sender
):
    sha = "ab" * 32
    path = blobs.path(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: no 60 MB written
    item_id = outbox.queue_reply(
        engine,
        events,
        conversation_id=chat,
        text="video",
        author="o",
        attachments=[(sha, "tanıtım.mp4", "video/mp4", 1)],
    )
    sender()()
    assert state(engine, item_id) == (
        "failed",
        "“tanıtım.mp4” is 60.0 MB; a Telegram bot can send files up to 50.0 MB. Send a link to it instead, "
        "or use your own Bot API server (Settings → Telegram → Advanced).",
    )
    assert [c for c in api.calls if c.method.startswith("send")] == []


def test_429_retry_after_is_honoured(engine, events, blobs, api, chat, sender):
    api.fail("sendMessage", 429, retry_after=1)
    item_id = reply(engine, events, blobs, chat, "Tamam")
    sender()()
    first, second = api.calls_of("sendMessage")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    assert state(engine, item_id) == ("sent", "") and api.sent_texts(ALI.id) == ["Tamam"]


def test_blocked_by_the_user_fails_with_that_reason(engine, events, blobs, api, chat, sender):
    api.blocked.add(ALI.id)
    item_id = reply(engine, events, blobs, chat, "Merhaba?")
    sender()()
    status, error = state(engine, item_id)
    assert status == "failed"
    assert error == (
        "The customer blocked the bot, so Telegram refused the message "
        "(Forbidden: bot was blocked by the user)."
    )


def test_a_timeout_becomes_unknown_never_a_blind_resend(engine, events, blobs, api, chat, sender):
    api.delay("sendMessage", 2.0)
    item_id = reply(engine, events, blobs, chat, "Yarın kargoda")
    send = sender(Timing(**{**FAST.__dict__, "request_timeout": 0.5}))
    send()
    status, error = state(engine, item_id)
    assert status == "unknown" and "may have been delivered" in error
    eventually(lambda: api.sent_texts(ALI.id) == ["Yarın kargoda"], what="the slow send to land")
    send()
    assert len(api.calls_of("sendMessage")) == 1  # it was delivered after all: the owner decides


def test_a_failure_after_the_first_part_is_unknown(engine, events, blobs, api, chat, sender):
    api.fail("sendMessage", 502, "Bad Gateway", after=1)
    item_id = reply(engine, events, blobs, chat, "a" * 5000)
    sender()()
    status, error = state(engine, item_id)
    assert status == "unknown" and error.startswith("Only 1 of 2 parts were sent")


def test_buttons_come_off_a_message_after_the_press(api, running):
    run = running()
    run.wait_state(1, "connected")
    sent = api.bot_message(ALI, "Memnun kaldınız mı?", {"👍": "rate:good", "👎": "rate:bad"})
    run.run(run.channel.clear_buttons(1, f"123456:{ALI.id}:{sent['message_id']}"))
    (call,) = api.calls_of("editMessageReplyMarkup")
    assert call.status == 200
    assert "reply_markup" not in api.sent_messages()[-1]
