"""The relay embedded in the desktop app: 127.0.0.1, a kept site key and port, the token in the keyring."""

from __future__ import annotations

import httpx
from sqlmodel import select

from shopdesk.channels.webchat.account import token_key
from shopdesk.channels.webchat.embedded import setup_embedded
from shopdesk.core.db import read_session
from shopdesk.core.models import Message
from shopdesk.secrets import SERVICE
from tests.channels.webchat.conftest import wait_for
from tests.helpers.relay_server import free_port


def test_the_embedded_relay_serves_the_demo_and_feeds_the_store(
    desk_engine, blobs, events, loop, data_paths, memory_keyring
):
    port = free_port()
    embedded = setup_embedded(
        desk_engine, blobs, events, data_paths.root, shop_name="Toprak & İplik", port=port
    )
    loop.submit(embedded.relay.start()).result(10)
    loop.submit(embedded.channel.start()).result(5)
    try:
        wait_for(embedded.channel.connected.is_set, what="the channel to connect")
        assert embedded.relay.url == f"http://127.0.0.1:{port}"
        site_key = embedded.relay.config.site.key
        demo = httpx.get(embedded.relay.demo_url)
        assert demo.status_code == 200 and f'data-site="{site_key}"' in demo.text
        assert (
            httpx.get(f"{embedded.relay.url}/widget.js").headers["content-type"].startswith("text/javascript")
        )
        own = {"Origin": embedded.relay.url}
        session = httpx.post(f"{embedded.relay.url}/api/widget/session", json={"site": site_key}, headers=own)
        assert session.json()["online"] is True and session.json()["shop_name"] == "Toprak & İplik"
        token = session.json()["token"]
        httpx.post(
            f"{embedded.relay.url}/api/widget/messages",
            json={"text": "Demo mesajı", "client_id": "c1"},
            headers={**own, "X-ShopDesk-Token": token},
        )

        def stored():
            with read_session(desk_engine) as session:
                return list(session.exec(select(Message.text)))

        assert wait_for(stored, what="the message") == ["Demo mesajı"]
        kept = memory_keyring.get_password(SERVICE, token_key(embedded.account_id))
        assert kept and embedded.relay.config.site.owner_token_hash.startswith("sha256:")
    finally:
        loop.submit(embedded.channel.stop()).result(10)
        loop.submit(embedded.relay.stop()).result(10)
    again = setup_embedded(desk_engine, blobs, events, data_paths.root, port=port)
    assert again.relay.config.site.key == site_key  # the widget tags on the owner's pages keep working
    assert again.channel.client.token == kept
    again.relay.socket.close()


def test_a_taken_port_falls_back_to_a_free_one(desk_engine, blobs, events, data_paths, memory_keyring):
    first = setup_embedded(desk_engine, blobs, events, data_paths.root, port=free_port())
    second = setup_embedded(desk_engine, blobs, events, data_paths.root, port=first.relay.port)
    assert second.relay.port != first.relay.port
    first.relay.socket.close()
    second.relay.socket.close()
