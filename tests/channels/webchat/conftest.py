"""The desktop side of web chat against a real relay: a store at the newest schema, a loop, the channel."""

from __future__ import annotations

import time

import httpx
import pytest
from alembic import command

from shopdesk.channels.webchat.account import ensure_account
from shopdesk.channels.webchat.channel import WebchatChannel
from shopdesk.core.db import alembic_config
from shopdesk.runtime.loop import AsyncLoop
from tests.helpers.browser import browser, new_page, page_errors  # noqa: F401  (fixtures)
from tests.helpers.memory_keyring import memory_keyring  # noqa: F401  (fixture)
from tests.helpers.relay_server import OWNER_TOKEN, SHOP_ORIGIN, SITE_KEY, RelayThread, relay_config


def wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def desk_engine(engine):
    """The test store, upgraded to the newest migration (the visitors table)."""
    command.upgrade(alembic_config(engine), "head")
    return engine


@pytest.fixture
def relay_server(tmp_path):
    server = RelayThread(relay_config(f"sqlite:///{tmp_path / 'relay.sqlite3'}")).start()
    yield server
    server.stop()


@pytest.fixture
def loop():
    runner = AsyncLoop("webchat-test")
    runner.start()
    yield runner
    runner.stop()


@pytest.fixture
def account(desk_engine):
    return ensure_account(desk_engine)


@pytest.fixture
def make_channel(desk_engine, blobs, events, loop, relay_server, account):
    made = []

    def make(**kwargs) -> WebchatChannel:
        account_id, settings = account
        channel = WebchatChannel(
            desk_engine,
            blobs,
            events,
            account_id=account_id,
            relay_url=relay_server.url,
            token=OWNER_TOKEN,
            reply_prefix=settings["reply_prefix"],
            retry=(0.05, 0.5),
            **kwargs,
        )
        made.append(channel)
        return channel

    yield make
    for channel in made:
        loop.submit(channel.stop()).result(10)


@pytest.fixture
def channel(make_channel, loop):
    made = make_channel()
    loop.submit(made.start()).result(5)
    wait_for(made.connected.is_set, what="the channel to connect")
    return made


class Visitor:
    """A widget, spoken to over HTTP."""

    def __init__(self, base_url: str, **page) -> None:
        self.http = httpx.Client(base_url=base_url, headers={"Origin": SHOP_ORIGIN}, timeout=10)
        body = {"site": SITE_KEY, "page": {"url": "https://shop.example/", "title": "Home", **page}}
        answer = self.http.post("/api/widget/session", json=body).json()
        self.id = answer["visitor"]["id"]
        self.token = answer["token"]
        self.http.headers["X-ShopDesk-Token"] = self.token

    def do(self, path: str, body: dict) -> dict:
        answer = self.http.post(f"/api/widget/{path}", json=body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def say(self, text: str, client_id: str) -> dict:
        return self.do("messages", {"text": text, "client_id": client_id})["message"]

    def messages(self) -> list[dict]:
        return self.http.get("/api/widget/messages").json()["messages"]

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def visitor(relay_server):
    made = Visitor(relay_server.url, url="https://shop.example/vazo?utm_campaign=bahar", title="Raku vazo")
    yield made
    made.close()
