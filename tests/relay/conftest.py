"""A real relay per test (uvicorn on a loopback port) and httpx clients for the widget and the desktop."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers.postgres import postgres_server
from tests.helpers.relay_server import OWNER_TOKEN, SHOP_ORIGIN, SITE_KEY, RelayThread, relay_config

__all__ = ["postgres_server"]


@pytest.fixture
def relay_limits() -> dict:
    """Override in a test module to run the relay with other limits."""
    return {}


@pytest.fixture(params=["sqlite", "postgresql"])
def relay_url(request, tmp_path) -> str:
    """Every relay test runs on both stores the relay supports: its SQLite file and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'relay.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def relay_server(relay_url, relay_limits):
    server = RelayThread(relay_config(relay_url, **relay_limits)).start()
    yield server
    server.stop()


@pytest.fixture
def desk(relay_server):
    with httpx.Client(
        base_url=relay_server.url, headers={"Authorization": f"Bearer {OWNER_TOKEN}"}, timeout=10
    ) as client:
        yield client


@pytest.fixture
def widget(relay_server):
    """A browser on the shop's page, not yet in a chat session."""
    with httpx.Client(base_url=relay_server.url, headers={"Origin": SHOP_ORIGIN}, timeout=10) as client:
        yield client


def start_session(client: httpx.Client, **page) -> dict:
    """Start a chat session and keep its token on the client."""
    body = {"site": SITE_KEY, "page": {"url": "https://shop.example/", "title": "Home", **page}}
    answer = client.post("/api/widget/session", json=body)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    client.headers["X-ShopDesk-Token"] = data["token"]
    return data


@pytest.fixture
def visitor(widget) -> dict:
    return start_session(widget)
