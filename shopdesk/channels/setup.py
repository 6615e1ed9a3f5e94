"""The channels a running ShopDesk has: email, Telegram and the embedded web chat, registered once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from shopdesk.channels.base import OutgoingItem, SendError
from shopdesk.core.events import ChannelStatus

log = logging.getLogger(__name__)


class LazyChannel:
    """A channel built on the loop thread when it starts, so that importing its libraries (PTB, FastAPI,
    uvicorn: about half a second) costs the window's first paint nothing."""

    def __init__(self, name: str, build: Callable[[], object], publish: Callable[[object], None]) -> None:
        self.name = name
        self.inner = None
        self._build = build
        self._publish = publish
        self._changing = asyncio.Lock()  # start, stop and rebuild one at a time

    async def start(self) -> None:
        async with self._changing:
            await self._start()

    async def _start(self) -> None:
        try:
            if self.inner is None:
                self.inner = await asyncio.to_thread(self._build)
            await self.inner.start()
        except Exception as exc:  # one channel that cannot start must not stop the others
            log.exception("the %s channel could not start", self.name)
            self._publish(ChannelStatus(self.name, None, "offline", str(exc)))

    async def stop(self) -> None:
        async with self._changing:
            if self.inner is not None:
                await self.inner.stop()

    async def rebuild(self) -> None:
        """Stop the built channel and build it again from the stored settings (the web chat's relay was
        changed); replies meanwhile wait in the outbox. Two rebuilds in a row run one after the other."""
        async with self._changing:
            inner, self.inner = self.inner, None
            try:
                if inner is not None:
                    await inner.stop()
            except Exception:
                log.exception("the %s channel did not stop cleanly; building it again anyway", self.name)
            await self._start()

    async def send(self, item: OutgoingItem) -> str | None:
        if self.inner is None:
            raise SendError(f"The {self.name} channel is still starting.", kind="retry")
        return await self.inner.send(item)

    def __getattr__(self, name: str):
        # Everything else (reload, typing, demo_url …) is the built channel's.
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(name)
        return getattr(inner, name)


class EmbeddedWebchat:
    """The embedded relay and the desktop's client of it, started and stopped as one channel."""

    def __init__(self, embedded) -> None:
        self.relay, self.channel = embedded.relay, embedded.channel

    @property
    def demo_url(self) -> str:
        return self.relay.demo_url

    async def start(self) -> None:
        await self.relay.start()
        await self.channel.start()

    async def stop(self) -> None:
        await self.channel.stop()
        await self.relay.stop()

    async def send(self, item: OutgoingItem) -> str | None:
        return await self.channel.send(item)

    def __getattr__(self, name: str):
        return getattr(self.channel, name)


def register_channels(ctx, *, webchat: bool = True) -> None:
    """Register every channel for ``ctx`` with its threading hook; call before start_runtime.

    Nothing connects here: each channel connects when start_runtime starts it, on the loop thread.
    """
    from shopdesk.channels.email.channel import EmailChannel, thread_email
    from shopdesk.channels.telegram.conversations import thread_by_bot
    from shopdesk.core.import_progress import progress_publisher

    email = EmailChannel(ctx.engine, ctx.blobs, ctx.publish, progress=progress_publisher(ctx.publish))
    ctx.channels.register(email, threader=thread_email)
    ctx.channels.register(
        LazyChannel("telegram", lambda: _telegram(ctx), ctx.publish), threader=thread_by_bot
    )
    if webchat:
        ctx.channels.register(LazyChannel("webchat", lambda: _webchat(ctx), ctx.publish))


def _telegram(ctx):
    from shopdesk.channels.telegram.channel import TelegramChannel

    return TelegramChannel(ctx.engine, ctx.blobs, ctx.publish)


def _webchat(ctx):
    """The shop's own relay once set up (``shopdesk account add webchat``), else the embedded one."""
    from shopdesk.channels.webchat.embedded import setup_embedded

    own = _own_relay(ctx)
    if own is None:
        own = EmbeddedWebchat(
            setup_embedded(
                ctx.engine,
                ctx.blobs,
                ctx.publish,
                ctx.paths.root,
                shop_name=ctx.settings.shop_name,
                threaders=ctx.channels.threaders,
            )
        )
    client = own.channel if isinstance(own, EmbeddedWebchat) else own
    client.presence = _presence(ctx)  # told to the relay when the channel connects
    client.shop_name = ctx.settings.shop_name
    return own


def _presence(ctx) -> str:
    from shopdesk.core.automation import load_automation_settings, local_zone, presence
    from shopdesk.core.db import read_session
    from shopdesk.core.models import utcnow

    with read_session(ctx.engine) as session:
        return presence(load_automation_settings(session), utcnow(), local_zone())


def _own_relay(ctx):
    from shopdesk.channels.webchat.account import own_relay_account, token_key
    from shopdesk.channels.webchat.channel import WebchatChannel
    from shopdesk.secrets import get_secret

    found = own_relay_account(ctx.engine)
    if found is None:
        return None
    account_id, settings = found
    token = get_secret(token_key(account_id))
    if not token:
        raise RuntimeError(
            "The owner token of your relay is not in the keyring: run "
            "shopdesk account add webchat --relay-url URL --token-stdin again."
        )
    return WebchatChannel(
        ctx.engine,
        ctx.blobs,
        ctx.publish,
        account_id=account_id,
        relay_url=settings["relay_url"],
        token=token,
        reply_prefix=settings["reply_prefix"],
        threaders=ctx.channels.threaders,
    )
