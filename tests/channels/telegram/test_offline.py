"""Offline with the app's runtime: replies wait as queued while Telegram is down, then go exactly once."""

from __future__ import annotations

from sqlmodel import select

from shopdesk.channels.telegram.channel import register
from shopdesk.channels.telegram.conversations import thread_by_bot
from shopdesk.context import start_runtime
from shopdesk.core import automation, outbox
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from shopdesk.core.models import Message, OutboxItem
from tests.conftest import Events
from tests.helpers.telegram_env import ALI, FAST, eventually, messages

REPLIES = ["Siparişiniz hazırlanıyor", "Yarın kargoda", "Takip numarası: 123"]


def outbox_rows(engine) -> list[tuple[str, str, str]]:
    with read_session(engine) as session:
        items = list(session.exec(select(OutboxItem).order_by(OutboxItem.id)))
        return [(row.state, session.get(Message, row.message_id).send_state, row.last_error) for row in items]


def test_replies_queue_while_offline_and_each_goes_once_when_back(ctx, api, account):
    channel = register(ctx, timing=FAST)
    assert ctx.channels.get("telegram") is channel and ctx.channels.threaders["telegram"] is thread_by_bot
    states = Events()
    ctx.bus.subscribe(lambda e: states.append(e.state), ChannelStatus)
    # no auto-reply, whatever the hour of the run: only the owner's replies are in the outbox
    automation.save_automation_settings(ctx.engine, automation.AutomationSettings(out_of_hours={}))
    start_runtime(ctx)
    api.send_text(ALI, "Siparişim ne zaman gelir?")
    conversation_id = eventually(lambda: messages(ctx.engine), 20, what="the question")[0].conversation_id

    api.stop()
    eventually(lambda: states and states[-1] == "offline", 20, what="offline")
    for text in REPLIES:
        outbox.queue_reply(
            ctx.engine, ctx.publish, conversation_id=conversation_id, text=text, author="Owner"
        )

    def waiting_after_a_try():
        rows = outbox_rows(ctx.engine)
        shown_queued = len(rows) == 3 and all(r[0] == r[1] == "queued" for r in rows)
        return shown_queued and any(r[2] for r in rows) and rows

    rows = eventually(waiting_after_a_try, 20, what="the replies tried and queued again")
    assert all(
        error.startswith("Telegram cannot be reached: httpx.ConnectError") for *_, error in rows if error
    )
    with read_session(ctx.engine) as session:
        assert outbox.summary(session) == {"queued": 3}
    assert api.sent_texts(ALI.id) == []

    api.start()  # same port: the bot reconnects, the sender is told, the queue goes out
    eventually(lambda: [r[0] for r in outbox_rows(ctx.engine)] == ["sent"] * 3, 20, what="all sent")
    assert api.sent_texts(ALI.id) == REPLIES  # each exactly once, in order
    assert "connected" in states[states.index("offline") :]
