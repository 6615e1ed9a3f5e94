"""The loop thread, the bus, and a running context end to end with the fake channel."""

import threading

from shopdesk.context import shutdown, start_runtime
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.events import ConversationChanged, OutboxChanged
from shopdesk.core.ingest import ingest
from shopdesk.core.models import OutboxItem
from shopdesk.runtime.bus import EventBus
from shopdesk.runtime.loop import AsyncLoop
from tests.helpers.fake_channel import FakeChannel
from tests.helpers.items import incoming


def test_loop_runs_coroutines_on_its_own_thread_and_stops():
    loop = AsyncLoop()
    loop.start()

    async def where():
        return threading.current_thread().name

    assert loop.submit(where()).result(5) == "shopdesk-loop"
    loop.stop()
    assert not loop.running


def test_bus_delivers_by_type_and_survives_a_broken_handler():
    bus = EventBus()
    got = []
    bus.subscribe(lambda e: 1 / 0, ConversationChanged)
    unsubscribe = bus.subscribe(got.append, ConversationChanged)
    bus.subscribe(lambda e: got.append("any"))
    bus.publish(ConversationChanged(1))
    unsubscribe()
    bus.publish(ConversationChanged(2))
    assert got == [ConversationChanged(1), "any", "any"]


def test_a_reply_queued_offline_is_sent_once_when_the_channel_returns(ctx):
    channel = FakeChannel(ctx.publish)
    channel.online = False
    ctx.channels.register(channel)
    done = threading.Event()
    ctx.bus.subscribe(lambda e: done.set() if e.state == "sent" else None, OutboxChanged)
    start_runtime(ctx)
    cid = ingest(ctx.engine, [incoming("x")], blobs=ctx.blobs, publish=ctx.publish)[0].conversation_id
    item_id = outbox.queue_reply(ctx.engine, ctx.publish, conversation_id=cid, text="hazır", author="o")
    assert not done.wait(0.5)
    channel.set_online(True)
    assert done.wait(10)
    shutdown(ctx)
    assert [s.text for s in channel.sent] == ["hazır"]
    with read_session(ctx.engine) as s:
        assert s.get(OutboxItem, item_id).state == "sent"
