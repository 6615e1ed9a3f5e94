"""A desktop in its own process for the crash tests: ``python webchat_desk.py DATA_DIR RELAY_URL TOKEN``.

Runs the web chat channel and the outbox sender until killed; prints "ready" once connected.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from shopdesk.channels.registry import ChannelRegistry
from shopdesk.channels.webchat.account import ensure_account
from shopdesk.channels.webchat.channel import WebchatChannel
from shopdesk.core import outbox
from shopdesk.core.blobs import BlobStore
from shopdesk.core.db import make_engine
from shopdesk.paths import DataPaths
from shopdesk.runtime.sender import OutboxSender


async def main() -> None:
    data_dir, relay_url, token = sys.argv[1:4]
    paths = DataPaths(Path(data_dir))
    engine = make_engine(paths.database_url)
    account_id, settings = ensure_account(engine)
    publish = lambda event: None  # noqa: E731
    channel = WebchatChannel(
        engine,
        BlobStore(paths.blobs),
        publish,
        account_id=account_id,
        relay_url=relay_url,
        token=token,
        reply_prefix=settings["reply_prefix"],
        retry=(0.05, 0.5),
    )
    registry = ChannelRegistry()
    registry.register(channel)
    sender = OutboxSender(engine, publish, registry, poll_seconds=0.05)
    await channel.start()
    await channel.connected.wait()
    print("ready", flush=True)
    await asyncio.to_thread(outbox.recover_interrupted, engine, publish)
    while True:  # the crash test queues replies in the store; send them as they come
        await sender.send_due()
        await asyncio.to_thread(outbox.release_waiting, engine, channel="webchat")
        await asyncio.sleep(0.05)


if __name__ == "__main__":
    asyncio.run(main())
