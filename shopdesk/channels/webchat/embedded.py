"""The embedded relay: the relay running inside the desktop app on 127.0.0.1 (the default, with /demo)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from dataclasses import dataclass
from pathlib import Path

from shopdesk.channels.webchat.account import ensure_account, token_key, update_settings
from shopdesk.channels.webchat.channel import WebchatChannel
from shopdesk.relay.config import Limits, RelayConfig, SiteConfig, hash_token, new_site_key, new_token

log = logging.getLogger(__name__)
DEFAULT_PORT = 8765
HOST = "127.0.0.1"


def bind_port(preferred: int) -> socket.socket:
    """A listening socket on 127.0.0.1: the preferred port (stable, so the widget's localStorage
    origin stays the same across runs), else any free one."""
    for port in (preferred, 0):
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
        # without it every keep-alive answer waits 40 ms for the peer's delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            sock.close()
            continue
        sock.listen(512)
        sock.setblocking(False)
        return sock
    raise OSError(f"no free port on {HOST} for the web chat relay")


class EmbeddedRelay:
    """uvicorn's ``Server.serve()`` on the app's asyncio loop, on a socket bound at construction."""

    def __init__(self, config: RelayConfig, sock: socket.socket) -> None:
        import uvicorn

        from shopdesk.relay.app import create_app
        from shopdesk.relay.main import SERVER_OPTIONS

        self.config = config
        self.socket = sock
        self.port = sock.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(
                create_app(config),
                log_level="warning",
                **SERVER_OPTIONS,
                lifespan="on",
            )
        )
        self._task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def demo_url(self) -> str:
        return f"{self.url}/demo"

    async def start(self) -> None:
        """Serve in the background; returns once the relay answers."""
        self._task = asyncio.get_running_loop().create_task(self.server.serve(sockets=[self.socket]))
        while not self.server.started:
            if self._task.done():
                self._task.result()  # raises what stopped it
                raise RuntimeError("the embedded relay stopped while starting")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._task is None:
            return
        self.server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError, SystemExit):
            await self._task
        self._task = None


@dataclass
class EmbeddedWebchat:
    relay: EmbeddedRelay
    channel: WebchatChannel
    account_id: int


def owner_token(account_id: int) -> str:
    """The embedded relay's owner token from the keyring (made once); a fresh one per run without keyring.

    The embedded relay is configured anew at every start, so a token that is not kept costs nothing.
    """
    from shopdesk.secrets import SecretStoreUnavailable, get_secret, set_secret

    try:
        token = get_secret(token_key(account_id))
        if not token:
            token = new_token()
            set_secret(token_key(account_id), token)
        return token
    except SecretStoreUnavailable:
        return new_token()


def setup_embedded(
    engine,
    blobs,
    publish,
    data_dir: Path,
    *,
    shop_name: str = "",
    threaders=None,
    port: int | None = None,
    limits: Limits | None = None,
) -> EmbeddedWebchat:
    """Bind the embedded relay and build its channel; nothing runs before ``relay.start()``."""
    account_id, settings = ensure_account(
        engine, embedded=True, site_key=new_site_key(), port=DEFAULT_PORT, prechat="optional"
    )
    token = owner_token(account_id)
    sock = bind_port(settings["port"] if port is None else port)
    if port is None and sock.getsockname()[1] != settings["port"]:
        log.warning(
            "web chat: port %s is taken, the embedded relay uses %s", settings["port"], sock.getsockname()[1]
        )
    config = RelayConfig(
        site=SiteConfig(
            key=settings["site_key"],
            owner_token_hash=hash_token(token),
            name=shop_name,
            prechat=settings.get("prechat", "optional"),
        ),
        database_url=f"sqlite:///{Path(data_dir) / 'relay.sqlite3'}",
        host=HOST,
        port=sock.getsockname()[1],
        limits=limits or Limits(),
    )
    relay = EmbeddedRelay(config, sock)
    update_settings(engine, account_id, relay_url=relay.url)
    channel = WebchatChannel(
        engine,
        blobs,
        publish,
        account_id=account_id,
        relay_url=relay.url,
        token=token,
        reply_prefix=settings["reply_prefix"],
        threaders=threaders,
    )
    return EmbeddedWebchat(relay, channel, account_id)
