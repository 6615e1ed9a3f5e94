"""The status bar: channel states with their detail, and the outbox counts."""

from __future__ import annotations

import pytest

from shopdesk.core import outbox
from shopdesk.core.events import ChannelStatus
from shopdesk.core.ingest import ingest
from shopdesk.gui.bridge import Bridge, Tasks
from shopdesk.gui.widgets.status_bar import StatusBar
from tests.helpers.items import incoming


@pytest.fixture
def bar(qtbot, ctx):
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    bar = StatusBar(ctx, bridge, tasks)
    qtbot.addWidget(bar)
    yield bar
    tasks.shutdown()
    bridge.close()


def test_each_channel_shows_its_state_and_detail(qtbot, ctx, bar):
    assert bar.no_channels.isVisibleTo(bar)
    ctx.publish(ChannelStatus("email", 1, "connected"))
    ctx.publish(ChannelStatus("telegram", None, "auth_failed", "The bot token was rejected (401)."))
    assert "connected" in bar.channel_text("email")
    assert "sign-in failed" in bar.channel_text("telegram")
    assert bar.channel_label("telegram").toolTip() == "The bot token was rejected (401)."
    ctx.publish(ChannelStatus("email", 1, "offline"))
    assert "offline" in bar.channel_text("email")
    assert not bar.no_channels.isVisibleTo(bar)


def test_states_known_before_the_window_opened_are_shown(qtbot, ctx):
    ctx.publish(ChannelStatus("webchat", None, "connected"))
    bridge, tasks = Bridge(ctx.bus), Tasks(ctx.loop)
    bar = StatusBar(ctx, bridge, tasks)
    qtbot.addWidget(bar)
    assert "connected" in bar.channel_text("webchat")
    bridge.close()
    tasks.shutdown()


def test_outbox_counts_follow_the_outbox(qtbot, ctx, bar):
    assert "all sent" in bar.outbox_label.text()
    [r] = ingest(ctx.engine, [incoming("Merhaba")], blobs=ctx.blobs, publish=ctx.publish)
    first = outbox.queue_reply(
        ctx.engine, ctx.publish, conversation_id=r.conversation_id, text="a", author="D"
    )
    outbox.queue_reply(ctx.engine, ctx.publish, conversation_id=r.conversation_id, text="b", author="D")
    qtbot.waitUntil(lambda: bar.outbox_counts() == {"queued": 2})
    assert "2 waiting" in bar.outbox_label.text()
    outbox.transition(ctx.engine, ctx.publish, item_id=first, to="sending")
    outbox.transition(ctx.engine, ctx.publish, item_id=first, to="unknown", error="timeout")
    qtbot.waitUntil(lambda: "1 to check" in bar.outbox_label.text())
    assert "1 waiting" in bar.outbox_label.text()
