"""Schemathesis against the relay's own OpenAPI schema, on a real relay: no request gets a 500 (bounded)."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.helpers.relay_server import OWNER_TOKEN, SHOP_ORIGIN, SITE_KEY, RelayThread, relay_config

EXAMPLES = 30  # per operation: a few seconds in all, on both stores


@pytest.fixture(scope="module")
def relay_api(tmp_path_factory):
    path = tmp_path_factory.mktemp("openapi") / "relay.sqlite3"
    server = RelayThread(relay_config(f"sqlite:///{path}")).start()
    session = httpx.post(
        f"{server.url}/api/widget/session", json={"site": SITE_KEY}, headers={"Origin": SHOP_ORIGIN}
    )
    server.headers = {
        "Origin": SHOP_ORIGIN,
        "Authorization": f"Bearer {OWNER_TOKEN}",
        "X-ShopDesk-Token": session.json()["token"],
    }
    yield server
    server.stop()


def relay_openapi() -> dict:
    """The schema the relay serves at /openapi.json, built from the app (no server needed to collect)."""
    from shopdesk.relay.app import create_app

    return create_app(relay_config("sqlite://")).openapi()


schema = schemathesis.openapi.from_dict(relay_openapi())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case, relay_api):
    # With the owner's token, a widget session and the shop's Origin, the generated requests get past
    # the guards and reach the handlers; bad ones must get a 4xx with a reason there, never a 500.
    case.call_and_validate(base_url=relay_api.url, headers=relay_api.headers, checks=[not_a_server_error])
