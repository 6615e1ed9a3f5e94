"""The running app's channels: registered before start, built on the loop thread, stopped in order."""

from __future__ import annotations

import httpx

from shopdesk.channels.setup import LazyChannel, register_channels
from shopdesk.context import shutdown, start_runtime
from shopdesk.core.events import ChannelStatus
from tests.channels.webchat.conftest import loop, wait_for
from tests.helpers.memory_keyring import memory_keyring

__all__ = ["loop", "memory_keyring"]


def test_every_channel_is_registered_and_the_embedded_relay_serves_the_demo(ctx, memory_keyring, events):
    ctx.bus.subscribe(events, ChannelStatus)
    register_channels(ctx)
    assert sorted(c.name for c in ctx.channels.all()) == ["email", "telegram", "webchat"]
    assert set(ctx.channels.threaders) == {"email", "telegram"}
    webchat = ctx.channels.get("webchat")
    assert webchat.inner is None  # nothing of the web stack is built before the loop starts it
    start_runtime(ctx)
    try:
        wait_for(lambda: ctx.channels.is_online("webchat"), what="the web chat to connect to its relay")
        page = httpx.get(webchat.demo_url)
        assert page.status_code == 200 and "widget.js" in page.text
        assert webchat.demo_url.startswith("http://127.0.0.1:")
    finally:
        shutdown(ctx)
    assert [e.state for e in events.of(ChannelStatus) if e.channel == "webchat"][-1] == "offline"


def test_a_channel_that_cannot_be_built_reports_it_and_sends_wait(loop, events):
    def broken():
        raise OSError("no free port on 127.0.0.1 for the web chat relay")

    channel = LazyChannel("webchat", broken, events)
    loop.submit(channel.start()).result(5)
    [status] = events.of(ChannelStatus)
    assert (status.channel, status.state) == ("webchat", "offline")
    assert "no free port" in status.detail
    assert channel.inner is None
