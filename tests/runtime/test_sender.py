"""The outbox sender with a fake channel: offline queues, exactly once when back, unknown on timeout."""

import asyncio

from shopdesk.channels.base import SendError
from shopdesk.channels.registry import ChannelRegistry
from shopdesk.core import outbox
from shopdesk.core.db import read_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import OutboxItem
from shopdesk.runtime.sender import OutboxSender
from tests.helpers.fake_channel import FakeChannel
from tests.helpers.items import incoming


def _setup(engine, blobs, events):
    cid = ingest(engine, [incoming("x")], blobs=blobs, publish=events)[0].conversation_id
    registry = ChannelRegistry()
    channel = FakeChannel(events)
    registry.register(channel)
    return cid, channel, OutboxSender(engine, events, registry)


def _state(engine, item_id):
    with read_session(engine) as s:
        return s.get(OutboxItem, item_id).state


def test_offline_queues_then_sends_exactly_once(engine, blobs, events):
    cid, channel, sender = _setup(engine, blobs, events)
    channel.online = False
    item_id = outbox.queue_reply(engine, events, conversation_id=cid, text="Yarın kargoda", author="o")
    asyncio.run(sender.send_due())
    assert _state(engine, item_id) == "queued"
    assert channel.sent == []
    asyncio.run(sender.send_due())
    assert _state(engine, item_id) == "queued"  # waiting out its backoff, not hammering
    channel.online = True
    assert outbox.release_waiting(engine, channel="fake") == 1  # what channel_back() does
    asyncio.run(sender.send_due())
    asyncio.run(sender.send_due())
    assert [s.text for s in channel.sent] == ["Yarın kargoda"]
    assert _state(engine, item_id) == "sent"


def test_a_timeout_becomes_unknown(engine, blobs, events):
    cid, channel, sender = _setup(engine, blobs, events)
    channel.failures.append(TimeoutError("no answer after DATA"))
    item_id = outbox.queue_reply(engine, events, conversation_id=cid, text="t", author="o")
    asyncio.run(sender.send_due())
    assert _state(engine, item_id) == "unknown"


def test_a_fatal_error_fails_with_its_reason(engine, blobs, events):
    cid, channel, sender = _setup(engine, blobs, events)
    channel.failures.append(SendError("Forbidden: bot was blocked by the user", kind="fatal"))
    item_id = outbox.queue_reply(engine, events, conversation_id=cid, text="t", author="o")
    asyncio.run(sender.send_due())
    with read_session(engine) as s:
        item = s.get(OutboxItem, item_id)
    assert (item.state, item.last_error) == ("failed", "Forbidden: bot was blocked by the user")


def test_the_channel_id_is_kept(engine, blobs, events):
    cid, _channel, sender = _setup(engine, blobs, events)
    item_id = outbox.queue_reply(engine, events, conversation_id=cid, text="t", author="o")
    asyncio.run(sender.send_due())
    from shopdesk.core.models import Message

    with read_session(engine) as s:
        msg = s.get(Message, s.get(OutboxItem, item_id).message_id)
    assert msg.external_id == f"fake-{msg.id}"
