"""The running app's channels: registered before start, built on the loop thread, stopped in order."""

from __future__ import annotations

import io

import httpx

from shopdesk.channels.setup import LazyChannel, register_channels
from shopdesk.cli import main
from shopdesk.context import shutdown, start_runtime
from shopdesk.core.db import read_session
from shopdesk.core.events import ChannelStatus
from tests.channels.webchat.conftest import loop, wait_for
from tests.helpers.memory_keyring import memory_keyring
from tests.helpers.relay_server import (
    OWNER_TOKEN,
    SHOP_ORIGIN,
    SITE_KEY,
    RelayProcess,
    free_port,
    write_relay_toml,
)

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


def test_the_desktop_uses_the_shops_own_relay_once_it_is_added(
    ctx, data_paths, tmp_path, monkeypatch, capsys, memory_keyring
):
    port = free_port()
    relay = RelayProcess(
        write_relay_toml(tmp_path / "relay.toml", f"sqlite:///{tmp_path}/r.sqlite3", port), port
    )
    relay.start()
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("not-the-token\n"))
        args = ["--data-dir", str(data_paths.root), "account", "add", "webchat", "--relay-url", relay.url]
        assert main([*args, "--token-stdin"]) == 2
        assert "refused the owner token" in capsys.readouterr().err
        monkeypatch.setattr("sys.stdin", io.StringIO(OWNER_TOKEN + "\n"))
        assert main([*args, "--token-stdin"]) == 0
        capsys.readouterr()

        register_channels(ctx)
        start_runtime(ctx)
        try:
            wait_for(
                lambda: ctx.channels.is_online("webchat"), what="the desktop to connect to the own relay"
            )
            with httpx.Client(base_url=relay.url, headers={"Origin": SHOP_ORIGIN}, timeout=10) as widget:
                session = widget.post("/api/widget/session", json={"site": SITE_KEY}).json()
                widget.headers["X-ShopDesk-Token"] = session["token"]
                sent = widget.post(
                    "/api/widget/messages", json={"text": "Kargo ücreti ne kadar?", "client_id": "c1"}
                )
                assert sent.status_code == 200, sent.text

            def stored():
                with read_session(ctx.engine) as session:
                    return session.connection().exec_driver_sql("SELECT text FROM message").scalars().all()

            assert wait_for(stored, what="the visitor's message in the desktop's store") == [
                "Kargo ücreti ne kadar?"
            ]
            assert ctx.channels.get("webchat").inner.client.base_url == relay.url  # not an embedded relay
        finally:
            shutdown(ctx)
    finally:
        relay.kill()


def test_the_widget_shows_the_shop_away_while_the_away_switch_is_on(ctx, memory_keyring):
    from shopdesk.core.automation import AutomationSettings, save_automation_settings

    save_automation_settings(ctx.engine, AutomationSettings(away=True))
    register_channels(ctx)
    start_runtime(ctx)
    try:
        webchat = ctx.channels.get("webchat")
        wait_for(lambda: ctx.channels.is_online("webchat"), what="the web chat to connect")
        site = webchat.inner.relay.config.site.key
        own = {"Origin": webchat.inner.relay.url}
        session = httpx.post(
            f"{webchat.inner.relay.url}/api/widget/session", json={"site": site}, headers=own
        )
        assert session.json()["online"] is False
        ctx.loop.submit(webchat.set_presence("online")).result(5)  # the switch turned off
        session = httpx.post(
            f"{webchat.inner.relay.url}/api/widget/session", json={"site": site}, headers=own
        )
        assert session.json()["online"] is True
    finally:
        shutdown(ctx)


def test_the_web_chat_follows_the_opening_hours(ctx, monkeypatch):
    from shopdesk.core.automation import AutomationSettings, save_automation_settings

    save_automation_settings(ctx.engine, AutomationSettings(hours={}))  # closed every day
    told = []

    class Webchat:
        name = "webchat"

        async def start(self):
            pass

        async def stop(self):
            pass

        async def set_presence(self, status):
            told.append(status)

    ctx.channels.register(Webchat())
    start_runtime(ctx)
    try:
        wait_for(lambda: told == ["away"], what="the shop shown away out of hours")
    finally:
        shutdown(ctx)


def test_switching_relays_while_running_rebuilds_the_web_chat(ctx, tmp_path, memory_keyring):
    from shopdesk.channels.webchat.account import use_embedded_relay, use_own_relay
    from tests.helpers.relay_server import RelayThread, relay_config

    own = RelayThread(relay_config(f"sqlite:///{tmp_path / 'own.sqlite3'}")).start()
    register_channels(ctx)
    start_runtime(ctx)
    webchat = ctx.channels.get("webchat")
    try:
        wait_for(lambda: ctx.channels.is_online("webchat"), what="the embedded relay")
        demo = webchat.demo_url
        use_own_relay(ctx.engine, own.url, OWNER_TOKEN)  # what the Web chat dialog does, then:
        ctx.loop.submit(webchat.rebuild()).result(30)
        wait_for(lambda: ctx.channels.is_online("webchat"), what="the desktop on the shop's own relay")
        assert webchat.inner.client.base_url == own.url
        assert wait_for(lambda: own.relay.hub.desks_connected == 1, what="the desk socket on the own relay")
        try:
            httpx.get(demo, timeout=2)
            raise AssertionError("the embedded relay still serves")
        except httpx.HTTPError:
            pass  # the embedded relay stopped with the switch
        use_embedded_relay(ctx.engine)
        ctx.loop.submit(webchat.rebuild()).result(30)
        wait_for(lambda: ctx.channels.is_online("webchat"), what="the embedded relay again")
        assert httpx.get(webchat.demo_url).status_code == 200
    finally:
        shutdown(ctx)
        own.stop()


def test_rebuilds_run_one_after_the_other_and_a_failed_stop_still_builds_again(loop, events):
    built, order = [], []

    class Channel:
        def __init__(self, n: int) -> None:
            self.n = n

        async def start(self) -> None:
            order.append(f"start {self.n}")

        async def stop(self) -> None:
            order.append(f"stop {self.n}")
            if self.n == 1:
                raise OSError("the port would not close")

    def build():
        built.append(Channel(len(built)))
        return built[-1]

    channel = LazyChannel("webchat", build, events)
    loop.submit(channel.start()).result(5)
    first, second = loop.submit(channel.rebuild()), loop.submit(channel.rebuild())
    first.result(5), second.result(5)
    assert order == ["start 0", "stop 0", "start 1", "stop 1", "start 2"]  # never two builds at once
    assert channel.inner is built[2]
